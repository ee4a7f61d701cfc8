package serve

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// A hub tells the open pages which build is the latest, over Server-Sent
// Events. Each subscriber holds only the latest build id: a page that was
// slow to read one event sees the newest build, not a queue of old ones.
type hub struct {
	mu     sync.Mutex
	subs   map[chan string]bool
	closed bool
}

func newHub() *hub { return &hub{subs: map[chan string]bool{}} }

// maxSubscribers bounds the open event streams: each holds a connection
// and a goroutine for as long as its page stays open, so a client that opens
// them without end must not exhaust the process.
const maxSubscribers = 64

// subscribe returns a channel of build ids, closed when the hub closes, and
// a function to unsubscribe. The channel is nil when maxSubscribers are
// open already.
func (h *hub) subscribe() (<-chan string, func()) {
	ch := make(chan string, 1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		close(ch)
		return ch, func() {}
	}
	if len(h.subs) >= maxSubscribers {
		return nil, func() {}
	}
	h.subs[ch] = true
	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if h.subs[ch] {
			delete(h.subs, ch)
			close(ch)
		}
	}
}

// publish sends id to every subscriber, replacing an id not yet read.
func (h *hub) publish(id string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case <-ch:
		default:
		}
		ch <- id
	}
}

// close ends every subscription; later ones end at once.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for ch := range h.subs {
		delete(h.subs, ch)
		close(ch)
	}
}

// heartbeat is how often an idle stream sends a comment, so that a client
// that went away is noticed and its stream ended.
const heartbeat = 15 * time.Second

// serveEvents streams the id of the latest build: first the current one,
// then each new one. The page's script compares it with the id of the build
// it came from and reloads when they differ, so a page also reloads when it
// reconnects to a server that restarted or rebuilt while it was away.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	// The server's write timeout guards ordinary requests; this stream lives
	// as long as the page, so it sets a deadline for each write instead. (Its
	// read timeout ends with the request's headers: net/http lifts it.)
	rc := http.NewResponseController(w)
	ids, cancel := s.hub.subscribe()
	defer cancel()
	if ids == nil {
		w.Header().Set("Retry-After", "10")
		http.Error(w, "too many pages are open on this server: close some, then reload this one", http.StatusServiceUnavailable)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	write := func(format string, args ...any) bool {
		_ = rc.SetWriteDeadline(time.Now().Add(10 * time.Second))
		if _, err := fmt.Fprintf(w, format, args...); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// retry: how soon the browser reconnects after the server stops.
	if !write("retry: 1000\n\nevent: build\ndata: %s\n\n", s.current().id) {
		return
	}
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case id, ok := <-ids:
			if !ok {
				return
			}
			if !write("event: build\ndata: %s\n\n", id) {
				return
			}
		case <-tick.C:
			if !write(": ping\n\n") {
				return
			}
		}
	}
}
