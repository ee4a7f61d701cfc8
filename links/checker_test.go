package links

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// answers is a server of every kind of answer the checker tells apart.
func answers(t *testing.T) *server {
	var mu sync.Mutex
	tries := map[string]int{} // per path, for the flaky ones
	next := func(path string) int {
		mu.Lock()
		defer mu.Unlock()
		tries[path]++
		return tries[path]
	}
	return newServer(t, "127.0.0.1", func(s *server, w http.ResponseWriter, r *http.Request) {
		redirect := func(code int, to string) { http.Redirect(w, r, to, code) }
		switch r.URL.Path {
		case "/ok":
		case "/404":
			w.WriteHeader(404)
		case "/410":
			w.WriteHeader(410)
		case "/403":
			w.WriteHeader(403)
		case "/500":
			w.WriteHeader(500)
		case "/to404":
			redirect(302, "/404")
		case "/perm1":
			redirect(301, "/perm2")
		case "/perm2":
			redirect(308, "/ok")
		case "/perm-then-temp":
			redirect(301, "/temp")
		case "/temp":
			redirect(302, "/ok")
		case "/temp-then-perm":
			redirect(307, "/perm2")
		case "/loop-a":
			redirect(302, "/loop-b")
		case "/loop-b":
			redirect(302, "/loop-a")
		case "/self":
			redirect(301, "/self")
		case "/to-ftp":
			redirect(302, "ftp://127.0.0.1/file")
		case "/429":
			if next(r.URL.Path) == 1 {
				w.Header().Set("Retry-After", "3")
				w.WriteHeader(429)
			}
		case "/429date":
			if next(r.URL.Path) == 1 {
				w.Header().Set("Retry-After", testNow.Add(5*time.Second).Format(http.TimeFormat))
				w.WriteHeader(429)
			}
		case "/429long":
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(429)
		case "/503flaky":
			if next(r.URL.Path) <= 2 {
				w.WriteHeader(503)
			}
		case "/503":
			w.WriteHeader(503)
		case "/nohead":
			if r.Method == http.MethodHead {
				w.WriteHeader(405)
			}
		case "/head501":
			if r.Method == http.MethodHead {
				w.WriteHeader(501)
			}
		case "/headwrong":
			if r.Method == http.MethodHead {
				w.WriteHeader(404)
			}
		case "/slow":
			<-r.Context().Done() // answers only when the client gives up
		case "/big":
			w.Write([]byte(strings.Repeat("x", 1<<20)))
		default:
			w.WriteHeader(404)
		}
	})
}

func TestAnswers(t *testing.T) {
	s := answers(t)
	refused := func() string { // a port nothing listens on any more
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		addr := l.Addr().String()
		l.Close()
		return "http://" + addr + "/"
	}()
	tls := httptest.NewUnstartedServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	tls.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake fails, as it should
	tls.StartTLS()
	defer tls.Close()

	for _, tt := range []struct {
		path    string // on s, or a whole URL
		status  Status
		code    int
		movedTo string          // on s
		detail  string          // a part of Detail
		sleeps  []time.Duration // the pauses asked for
	}{
		{path: "/ok", status: OK, code: 200},
		{path: "/404", status: Gone, code: 404, detail: "404 Not Found"},
		{path: "/410", status: Gone, code: 410, detail: "410 Gone"},
		{path: "/403", status: Blocked, code: 403, detail: "403 Forbidden"},
		{path: "/500", status: Unreachable, code: 500, detail: "server error 500"},
		{path: "/to404", status: Gone, code: 404, detail: "redirected to " + s.URL + "/404"},
		{path: "/perm1", status: Moved, code: 200, movedTo: "/ok"},
		{path: "/perm-then-temp", status: Moved, code: 200, movedTo: "/temp"},
		{path: "/temp", status: OK, code: 200},
		{path: "/temp-then-perm", status: OK, code: 200},
		{path: "/loop-a", status: Unreachable, code: 302, detail: "redirect loop"},
		{path: "/self", status: Unreachable, code: 301, detail: "redirect loop"},
		{path: "/to-ftp", status: Refused, code: 302, detail: "not an http or https address"},
		{path: "/429", status: OK, code: 200, sleeps: []time.Duration{3 * time.Second}},
		{path: "/429date", status: OK, code: 200, sleeps: []time.Duration{5 * time.Second}},
		{path: "/429long", status: Busy, code: 429, detail: "429"},
		{path: "/503flaky", status: OK, code: 200, sleeps: []time.Duration{time.Second, 2 * time.Second}},
		{path: "/503", status: Unreachable, code: 503, detail: "server error 503",
			sleeps: []time.Duration{time.Second, 2 * time.Second, 4 * time.Second}},
		{path: "/nohead", status: OK, code: 200},
		{path: "/head501", status: OK, code: 200},
		{path: "/headwrong", status: OK, code: 200},
		{path: "/big", status: OK, code: 200},
		{path: refused, status: Unreachable, detail: "connection refused"},
		{path: "http://nxdomain.example/", status: Unreachable, detail: "no such host nxdomain.example"},
		{path: tls.URL + "/", status: Unreachable, detail: "TLS: "},
		{path: "ftp://127.0.0.1/file", status: Refused, detail: "not an http or https address"},
		{path: "/slow", status: Unreachable, detail: "no answer within 300ms"},
	} {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			u := tt.path
			if strings.HasPrefix(u, "/") {
				u = s.URL + u
			}
			var sl sleeps
			opts := testOptions(t, &sl)
			if tt.path == "/slow" {
				// The server never answers: any limit is reached. The other
				// cases keep the generous one, so that a slow machine
				// changes nothing.
				opts.RequestTimeout = 300 * time.Millisecond
			}
			r := check(t, opts, u)[u]
			if r == nil {
				t.Fatal("no result")
			}
			if r.Status != tt.status || r.Code != tt.code {
				t.Errorf("status %v, code %d (%s); want %v, %d", r.Status, r.Code, r.Detail, tt.status, tt.code)
			}
			if tt.movedTo != "" && r.MovedTo != s.URL+tt.movedTo {
				t.Errorf("moved to %q, want %q", r.MovedTo, s.URL+tt.movedTo)
			}
			if tt.movedTo == "" && r.MovedTo != "" {
				t.Errorf("moved to %q, want nothing", r.MovedTo)
			}
			if !strings.Contains(r.Detail, tt.detail) {
				t.Errorf("detail %q, want it to contain %q", r.Detail, tt.detail)
			}
			if got := sl.get(); !slices.Equal(got, tt.sleeps) {
				t.Errorf("pauses %v, want %v", got, tt.sleeps)
			}
		})
	}

	// HEAD first, GET only where HEAD was refused or failed.
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, want := range []struct {
		req string
		n   int
	}{
		{"HEAD /ok", 5}, {"GET /ok", 0}, // itself, and the end of 4 redirect chains
		{"HEAD /nohead", 1}, {"GET /nohead", 1}, {"GET /head501", 1}, {"GET /headwrong", 1},
		{"GET /404", 2}, // itself, and the end of /to404
	} {
		if got := s.requests[want.req]; got != want.n {
			t.Errorf("%s: %d requests, want %d", want.req, got, want.n)
		}
	}
	if len(s.agents) != 1 || !s.agents[DefaultUserAgent] {
		t.Errorf("User-Agents %v, want only %q", s.agents, DefaultUserAgent)
	}
}

// TestTooManyRedirects: a chain longer than maxRedirects ends the check.
func TestTooManyRedirects(t *testing.T) {
	s := newServer(t, "127.0.0.1", func(_ *server, w http.ResponseWriter, r *http.Request) {
		n := len(r.URL.Path)
		http.Redirect(w, r, r.URL.Path+"x", map[bool]int{true: 301, false: 302}[n%2 == 0])
	})
	r := check(t, testOptions(t, &sleeps{}), s.URL+"/")[s.URL+"/"]
	if r.Status != Unreachable || !strings.Contains(r.Detail, "more than 10 redirects") {
		t.Fatalf("%v %q", r.Status, r.Detail)
	}
	if n := s.total(); n != maxRedirects {
		t.Errorf("%d requests, want %d", n, maxRedirects)
	}
}

// TestPerHost: never more than two requests at once to one host, whatever
// the number of workers, redirects included; and two at once do happen.
func TestPerHost(t *testing.T) {
	var mu sync.Mutex
	inflight, most := 0, 0
	peer := make(chan struct{})
	s := newServer(t, "127.0.0.1", func(_ *server, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		inflight++
		most = max(most, inflight)
		if inflight == 2 {
			select {
			case peer <- struct{}{}: // wakes a request waiting for company
			default:
			}
		}
		mu.Unlock()
		// Hold the request until another is in flight (or, for the last
		// one, a second): that makes a third, if the limit failed,
		// overlap the two, and two overlap however slow the machine.
		select {
		case <-peer:
		case <-time.After(time.Second):
		}
		mu.Lock()
		inflight--
		mu.Unlock()
		if strings.HasPrefix(r.URL.Path, "/r") {
			http.Redirect(w, r, "/done"+r.URL.Path, http.StatusFound)
		}
	})
	var urls []string
	for i := range 30 {
		p := "/p"
		if i%3 == 0 {
			p = "/r"
		}
		urls = append(urls, s.URL+p+string(rune('a'+i)))
	}
	opts := testOptions(t, &sleeps{})
	opts.Workers = 16
	res := check(t, opts, urls...)
	for _, u := range urls {
		if res[u].Status != OK {
			t.Errorf("%s: %v %s", u, res[u].Status, res[u].Detail)
		}
	}
	if most > 2 {
		t.Errorf("%d requests at once to one host, want at most 2", most)
	}
	if most < 2 {
		t.Errorf("at most %d request at once: the workers did not run side by side", most)
	}
}

// TestRunTimeout: the run's deadline ends it, and what was not checked is
// said to be so, not failed.
func TestRunTimeout(t *testing.T) {
	s := answers(t)
	opts := testOptions(t, &sleeps{})
	opts.Timeout = 300 * time.Millisecond
	opts.RequestTimeout = time.Minute
	opts.Workers = 1
	opts.PerHost = 1
	urls := []string{s.URL + "/slow", s.URL + "/slow?again"}
	start := time.Now()
	res := check(t, opts, urls...)
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("the run took %v with a 300ms limit", d)
	}
	for _, u := range urls {
		if res[u].Status != Skipped {
			t.Errorf("%s: %v %s, want skipped", u, res[u].Status, res[u].Detail)
		}
	}
}

func TestSnapshot(t *testing.T) {
	s := answers(t)
	c := New(testOptions(t, &sleeps{}))
	c.Check(context.Background(), []string{s.URL + "/ok", s.URL + "/404", s.URL + "/ok"})
	p := c.Snapshot()
	if p.Done != 2 || p.Total != 2 || p.Failed != 1 || len(p.Hosts) != 0 {
		t.Errorf("%+v", p)
	}
}

func TestInterleave(t *testing.T) {
	got := interleave([]string{"http://a/1", "http://a/2", "http://a/3", "http://b/1", "http://c/1"})
	want := []string{"http://a/1", "http://b/1", "http://c/1", "http://a/2", "http://a/3"}
	if !slices.Equal(got, want) {
		t.Errorf("%v, want %v", got, want)
	}
}
