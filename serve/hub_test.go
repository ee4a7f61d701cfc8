package serve

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestHub(t *testing.T) {
	h := newHub()
	a, cancelA := h.subscribe()
	b, _ := h.subscribe()
	h.publish("1")
	h.publish("2")
	h.publish("3")
	// A slow reader gets the latest id only.
	if got := <-a; got != "3" {
		t.Fatalf("got %q, want the latest, 3", got)
	}
	select {
	case got := <-a:
		t.Fatalf("got %q too", got)
	default:
	}
	cancelA()
	if _, ok := <-a; ok {
		t.Fatal("open after unsubscribing")
	}
	cancelA() // twice is fine
	h.publish("4")
	h.close()
	if got := <-b; got != "4" {
		t.Fatalf("got %q, want 4", got)
	}
	if _, ok := <-b; ok {
		t.Fatal("open after close")
	}
	c, cancelC := h.subscribe()
	if _, ok := <-c; ok {
		t.Fatal("a subscription after close is open")
	}
	cancelC()
	h.publish("5") // no subscriber, no panic
}

// startServe serves s on a loopback port with short timeouts, and returns
// its base address and a function that stops it and returns Serve's error.
func startServe(t *testing.T, s *Server, short bool) (string, func() error) {
	t.Helper()
	return startServeAt(t, s, "127.0.0.1:0", short)
}

// startServeAt is startServe on a given address.
func startServeAt(t *testing.T, s *Server, addr string, short bool) (string, func() error) {
	t.Helper()
	ln, err := Listen(addr)
	if err != nil {
		t.Fatal(err)
	}
	hs := s.httpServer()
	if short {
		hs.ReadHeaderTimeout = 100 * time.Millisecond
		hs.ReadTimeout = 100 * time.Millisecond
		hs.WriteTimeout = 100 * time.Millisecond
	}
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- s.serve(ctx, ln, hs) }()
	stopped := false
	var serveErr error
	stop := func() error {
		if !stopped {
			stopped = true
			cancel()
			serveErr = <-errc
		}
		return serveErr
	}
	t.Cleanup(func() { stop() })
	return "http://" + ln.Addr().String(), stop
}

// TestEventStream reads the stream: the current build at once, each new
// one after, past the server's read and write timeouts, and its end when
// the server stops.
func TestEventStream(t *testing.T) {
	s := built(t, smallSite(t))
	base, stop := startServe(t, s, true)
	resp, err := http.Get(base + "/_chronicle/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("Content-Type %q", ct)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	nextData := func() string {
		t.Helper()
		timeout := time.After(time.Minute)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatal("the stream ended")
				}
				if d, ok := strings.CutPrefix(l, "data: "); ok {
					return d
				}
			case <-timeout:
				t.Fatal("no event within a minute")
			}
		}
	}
	if got, want := nextData(), s.current().id; got != want {
		t.Fatalf("first event %q, want the current build %q", got, want)
	}
	time.Sleep(300 * time.Millisecond) // past every timeout of the server
	s.rebuild(nil)
	if got, want := nextData(), s.current().id; got != want {
		t.Fatalf("event %q after a rebuild, want %q", got, want)
	}
	// An ordinary request still works beside the stream.
	if r, err := http.Get(base + "/chronology/"); err != nil || r.StatusCode != 200 {
		t.Fatalf("GET beside the stream: %v %v", r, err)
	} else {
		r.Body.Close()
	}
	done := make(chan error)
	go func() { done <- stop() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve returned %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Serve did not return within a minute of being stopped")
	}
	for range lines {
	}
}

// TestSlowClient sends half a request and is cut off by the server.
func TestSlowClient(t *testing.T) {
	s := built(t, smallSite(t))
	base, _ := startServe(t, s, true)
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := io.WriteString(c, "GET /chronology/ HTTP/1.1\r\nHost: x\r\n"); err != nil {
		t.Fatal(err)
	}
	_ = c.SetReadDeadline(time.Now().Add(time.Minute))
	_, err = io.ReadAll(c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatal("the server kept a half-sent request open for a minute")
	}
}
