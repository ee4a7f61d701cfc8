package serve

import (
	"context"
	"slices"
	"time"
)

// A batcher gathers the changed paths of a burst of file events. A batch is
// due when no event came for quiet, or when max has passed since its first
// event, so that a steady stream of events still rebuilds now and then. It
// holds no clock of its own: callers pass the time, and tests pass any.
type batcher struct {
	quiet, max  time.Duration
	paths       map[string]bool
	first, last time.Time
}

func newBatcher(quiet, max time.Duration) *batcher {
	return &batcher{quiet: quiet, max: max, paths: map[string]bool{}}
}

// add records a change to path at now.
func (b *batcher) add(path string, now time.Time) {
	if len(b.paths) == 0 {
		b.first = now
	}
	b.last = now
	b.paths[path] = true
}

// empty reports whether no change waits.
func (b *batcher) empty() bool { return len(b.paths) == 0 }

// deadline is when the waiting batch is due. It is meaningless when the
// batcher is empty.
func (b *batcher) deadline() time.Time {
	d := b.last.Add(b.quiet)
	if m := b.first.Add(b.max); m.Before(d) {
		d = m
	}
	return d
}

// due reports whether a batch waits and is due at now.
func (b *batcher) due(now time.Time) bool {
	return !b.empty() && !now.Before(b.deadline())
}

// list returns the waiting paths, sorted.
func (b *batcher) list() []string {
	out := make([]string, 0, len(b.paths))
	for p := range b.paths {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// reset empties the batcher.
func (b *batcher) reset() { clear(b.paths) }

// debounce turns the changed paths read from in into batches sent on out,
// one per burst. While the receiver of out is busy (rebuilding), changes
// keep gathering into the next batch, so a slow rebuild is followed by one
// more rebuild, not by one per change. It returns when ctx is done or in is
// closed, and then closes out.
func debounce(ctx context.Context, in <-chan string, out chan<- []string, quiet, max time.Duration) {
	defer close(out)
	b := newBatcher(quiet, max)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	for {
		var send chan<- []string // nil, so never ready, until a batch is due
		var batch []string
		if b.due(time.Now()) {
			send, batch = out, b.list()
		}
		select {
		case <-ctx.Done():
			return
		case p, ok := <-in:
			if !ok {
				return
			}
			b.add(p, time.Now())
			timer.Reset(time.Until(b.deadline()))
		case <-timer.C:
			// Wake up to look again at whether the batch is due.
		case send <- batch:
			b.reset()
		}
	}
}
