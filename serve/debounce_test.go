package serve

import (
	"context"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)

func at(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }

func TestBatcherBurstIsOneBatch(t *testing.T) {
	b := newBatcher(20*time.Millisecond, 250*time.Millisecond)
	if b.due(at(0)) {
		t.Fatal("an empty batcher is due")
	}
	// A rename save: five events within 3 ms.
	for i, p := range []string{"content/x.md", "content/x.md", "content/x.md", "content/y.md", "content/x.md"} {
		b.add(p, at(i))
		if b.due(at(i)) {
			t.Fatalf("due at %d ms, in the middle of the burst", i)
		}
	}
	if b.due(at(23)) {
		t.Fatal("due 19 ms after the last event; want 20 ms of quiet")
	}
	if !b.due(at(24)) {
		t.Fatal("not due after 20 ms of quiet")
	}
	if got, want := b.list(), []string{"content/x.md", "content/y.md"}; !slices.Equal(got, want) {
		t.Fatalf("batch = %q, want %q", got, want)
	}
	b.reset()
	if !b.empty() || b.due(at(1000)) {
		t.Fatal("not empty after reset")
	}
}

func TestBatcherSteadyStreamStillBuilds(t *testing.T) {
	b := newBatcher(20*time.Millisecond, 250*time.Millisecond)
	// An event every 10 ms never leaves 20 ms of quiet.
	for ms := 0; ms < 240; ms += 10 {
		b.add("content/x.md", at(ms))
		if b.due(at(ms)) {
			t.Fatalf("due at %d ms, before the longest wait", ms)
		}
	}
	b.add("content/x.md", at(250))
	if !b.due(at(250)) {
		t.Fatal("not due 250 ms after the burst began")
	}
}

func TestBatcherNewBurstAfterReset(t *testing.T) {
	b := newBatcher(20*time.Millisecond, 250*time.Millisecond)
	b.add("a.md", at(0))
	b.reset()
	b.add("b.md", at(1000))
	// The longest wait counts from the new burst, not the old one.
	if b.due(at(1010)) {
		t.Fatal("due 10 ms into a new burst")
	}
	if !b.due(at(1020)) {
		t.Fatal("not due after 20 ms of quiet")
	}
}

// TestDebounce drives the goroutine itself. Its input is unbuffered and the
// test reads a batch only after its last send, so what each batch holds
// does not depend on timing.
func TestDebounce(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	in := make(chan string)
	out := make(chan []string)
	done := make(chan struct{})
	go func() {
		debounce(ctx, in, out, time.Millisecond, time.Millisecond)
		close(done)
	}()
	recv := func() []string {
		t.Helper()
		select {
		case b, ok := <-out:
			if !ok {
				t.Fatal("out closed")
			}
			return b
		case <-time.After(time.Minute):
			t.Fatal("no batch within a minute")
		}
		return nil
	}

	for _, p := range []string{"content/a.md", "content/b.md", "content/a.md"} {
		in <- p
	}
	if got, want := recv(), []string{"content/a.md", "content/b.md"}; !slices.Equal(got, want) {
		t.Fatalf("first batch = %q, want %q", got, want)
	}
	// While the receiver is busy (not reading), changes gather into one
	// batch however long it stays busy.
	for _, p := range []string{"content/c.md", "templates/event.html", "config.toml", "content/c.md"} {
		in <- p
		time.Sleep(5 * time.Millisecond) // past quiet and max: the batch is due and waits
	}
	if got, want := recv(), []string{"config.toml", "content/c.md", "templates/event.html"}; !slices.Equal(got, want) {
		t.Fatalf("second batch = %q, want %q", got, want)
	}
	select {
	case b := <-out:
		t.Fatalf("a third batch %q with no change", b)
	case <-time.After(20 * time.Millisecond):
	}
	cancel()
	<-done
	if _, ok := <-out; ok {
		t.Fatal("out not closed after ctx ended")
	}
}
