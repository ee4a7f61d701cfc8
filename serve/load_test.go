package serve

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var loadFor = flag.Duration("load", 3*time.Second, "how long TestLoad runs")

var cssRE = regexp.MustCompile(`href="(/chronology/assets/style\.[0-9a-f]+\.css)"`)

// TestLoad runs 50 clients over loopback TCP against the whole server
// (watcher, rebuilds, HTTP timeouts) while notes are edited, for a bounded
// time. No answer may be a 5xx or a torn page, and every request must get
// an answer.
func TestLoad(t *testing.T) {
	if testing.Short() {
		*loadFor = min(*loadFor, time.Second)
	}
	dir := smallSite(t)
	for i := range 5 {
		edit(t, dir, i, swapTitle(i, 0))
	}
	s := watching(t, Options{Dir: dir})
	base, _ := startServe(t, s, false)
	client := &http.Client{
		Timeout:   time.Minute,
		Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxConnsPerHost: 64},
	}
	defer client.CloseIdleConnections()

	var (
		c         consistency
		requests  atomic.Int64
		mu        sync.Mutex
		latencies []time.Duration
		problems  []string
	)
	fail := func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 10 {
			problems = append(problems, msg)
		}
	}
	deadline := time.Now().Add(*loadFor)
	var wg sync.WaitGroup
	for r := range 50 {
		wg.Go(func() {
			var mine []time.Duration
			defer func() {
				mu.Lock()
				latencies = append(latencies, mine...)
				mu.Unlock()
			}()
			for n := 0; time.Now().Before(deadline); n++ {
				path := []string{"/chronology/", eventURL((n + r) % 5), "/chronology/feed.xml", "/chronology/no-such-page/", "/chronology/places/"}[(n+r)%5]
				start := time.Now()
				resp, err := client.Get(base + path)
				if err != nil {
					fail(fmt.Sprintf("GET %s: %v", path, err))
					continue
				}
				body, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				mine = append(mine, time.Since(start))
				requests.Add(1)
				if err != nil {
					fail(fmt.Sprintf("GET %s: reading: %v", path, err))
					continue
				}
				switch {
				case resp.StatusCode >= 500:
					fail(fmt.Sprintf("GET %s: status %d", path, resp.StatusCode))
				case path == "/chronology/no-such-page/":
					if resp.StatusCode != http.StatusNotFound {
						fail(fmt.Sprintf("GET %s: status %d, want 404", path, resp.StatusCode))
					}
				case path == "/chronology/feed.xml":
					if resp.StatusCode != http.StatusOK || len(body) == 0 {
						fail(fmt.Sprintf("GET %s: status %d, %d bytes", path, resp.StatusCode, len(body)))
					}
				default:
					if msg := c.check(path, resp.StatusCode, string(body)); msg != "" {
						fail(msg)
					}
					// The page's stylesheet is served too.
					if n%10 == 0 {
						if m := cssRE.FindSubmatch(body); m == nil {
							fail(fmt.Sprintf("GET %s: no stylesheet link", path))
						} else if r, err := client.Get(base + string(m[1])); err != nil || r.StatusCode != 200 {
							fail(fmt.Sprintf("GET %s: %v %v", m[1], r, err))
						} else {
							io.Copy(io.Discard, r.Body)
							r.Body.Close()
						}
					}
				}
			}
		})
	}
	// The author: a rename save every 50 ms.
	edits := 0
	for time.Now().Before(deadline) {
		edits++
		edit(t, dir, edits%5, swapTitle(edits%5, edits))
		time.Sleep(50 * time.Millisecond)
	}
	wg.Wait()

	for _, p := range problems {
		t.Error(p)
	}
	slices.Sort(latencies)
	pct := func(p float64) time.Duration {
		if len(latencies) == 0 {
			return 0
		}
		return latencies[int(float64(len(latencies)-1)*p)].Round(10 * time.Microsecond)
	}
	t.Logf("%d requests in %s (%.0f/s) by 50 clients; %d edits, %d rebuilds, %d distinct builds seen; latency p50 %s, p99 %s, max %s",
		requests.Load(), *loadFor, float64(requests.Load())/loadFor.Seconds(), edits, s.builds.Load(), len(c.seen), pct(0.5), pct(0.99), pct(1))
	if requests.Load() == 0 {
		t.Error("no request was answered")
	}
}
