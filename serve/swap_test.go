package serve

import (
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

var (
	buildRE   = regexp.MustCompile(`data-build="([^"]+)"`)
	versionRE = regexp.MustCompile(`Swap note (\d+) version (\d+)`)
)

// consistency checks pages for tearing: within one page, every mention of
// a note gives the same version; and every page of one build gives the
// same version of each note.
type consistency struct {
	mu    sync.Mutex
	seen  map[string]map[string]string // build id -> note -> version
	pages atomic.Int64
}

// check returns a problem with the page, or "".
func (c *consistency) check(path string, code int, body string) string {
	if code != http.StatusOK {
		return fmt.Sprintf("GET %s: status %d", path, code)
	}
	if !strings.HasPrefix(strings.ToLower(body), "<!doctype html>") || !strings.HasSuffix(body, "</html>\n") {
		return fmt.Sprintf("GET %s: a page cut short (%d bytes)", path, len(body))
	}
	m := buildRE.FindStringSubmatch(body)
	if m == nil {
		return fmt.Sprintf("GET %s: no build id", path)
	}
	build := m[1]
	page := map[string]string{}
	for _, v := range versionRE.FindAllStringSubmatch(body, -1) {
		if old, ok := page[v[1]]; ok && old != v[2] {
			return fmt.Sprintf("GET %s: torn page: note %s at versions %s and %s", path, v[1], old, v[2])
		}
		page[v[1]] = v[2]
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pages.Add(1)
	if c.seen == nil {
		c.seen = map[string]map[string]string{}
	}
	known := c.seen[build]
	if known == nil {
		known = map[string]string{}
		c.seen[build] = known
	}
	for note, v := range page {
		if old, ok := known[note]; ok && old != v {
			return fmt.Sprintf("GET %s: build %s shows note %s at version %s here and %s elsewhere", path, build, note, v, old)
		}
		known[note] = v
	}
	return ""
}

func swapTitle(note, version int) string {
	return fmt.Sprintf("Swap note %d version %d", note, version)
}

// TestSwapUnderConcurrentRequests rebuilds while readers hammer the
// handler; run it with -race.
func TestSwapUnderConcurrentRequests(t *testing.T) {
	dir := smallSite(t)
	for i := range 5 {
		edit(t, dir, i, swapTitle(i, 0))
	}
	s := built(t, dir)
	var c consistency
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var failed atomic.Bool
	for r := range 4 {
		wg.Go(func() {
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				path := "/chronology/"
				if k := (n + r) % 6; k < 5 {
					path = eventURL(k)
				}
				w := get(s, "GET", path)
				if msg := c.check(path, w.Code, w.Body.String()); msg != "" && failed.CompareAndSwap(false, true) {
					t.Error(msg)
				}
			}
		})
	}
	builds := 12
	for v := 1; v <= builds; v++ {
		k := v % 5
		edit(t, dir, k, swapTitle(k, v))
		s.rebuild([]string{filepath.ToSlash(notePath(k))})
	}
	close(stop)
	wg.Wait()
	if w := get(s, "GET", eventURL(builds%5)); !strings.Contains(w.Body.String(), swapTitle(builds%5, builds)) {
		t.Error("the last edit is not served")
	}
	t.Logf("%d pages read over %d builds, from %d distinct builds", c.pages.Load(), builds, len(c.seen))
}
