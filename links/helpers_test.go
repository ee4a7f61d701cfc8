package links

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"sync"
	"testing"
	"time"
)

// Every test server listens on loopback, and every name a test uses is
// given its address by testLookup: no test asks a real DNS or reaches an
// address outside 127.0.0.0/8.

// server is a loopback test server that counts what it is asked.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	requests map[string]int  // "METHOD /path" -> count
	agents   map[string]bool // User-Agents seen
}

func newServer(t *testing.T, ip string, h func(s *server, w http.ResponseWriter, r *http.Request)) *server {
	t.Helper()
	s := &server{requests: map[string]int{}, agents: map[string]bool{}}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.requests[r.Method+" "+r.URL.Path]++
		s.agents[r.UserAgent()] = true
		s.mu.Unlock()
		h(s, w, r)
	}))
	if ip != "" {
		l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
		if err != nil {
			t.Skipf("cannot listen on %s: %v", ip, err)
		}
		srv.Listener.Close()
		srv.Listener = l
	}
	srv.Start()
	s.Server = srv
	t.Cleanup(srv.Close)
	return s
}

// count is how many requests the server had for path, any method.
func (s *server) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests["HEAD "+path] + s.requests["GET "+path]
}

// total is every request the server had.
func (s *server) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.requests {
		n += c
	}
	return n
}

// sleeps records the pauses a checker asked for, and returns at once.
type sleeps struct {
	mu   sync.Mutex
	list []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.list = append(s.list, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) get() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.list...)
}

// testLookup resolves the made-up names of the tests, all to loopback, and
// fails the test for any other name rather than asking the system.
func testLookup(t *testing.T, names map[string]string) func(context.Context, string) ([]netip.Addr, error) {
	return func(_ context.Context, host string) ([]netip.Addr, error) {
		ip, ok := names[host]
		if !ok {
			if host == "nxdomain.example" {
				return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
			}
			t.Errorf("a test asked to resolve %q: only made-up names with a loopback address may be used", host)
			return nil, &net.DNSError{Err: "not in the test's names", Name: host, IsNotFound: true}
		}
		a := netip.MustParseAddr(ip)
		if !a.IsLoopback() {
			t.Fatalf("test name %s -> %s: tests resolve names to loopback only", host, ip)
		}
		return []netip.Addr{a}, nil
	}
}

// testOptions are a checker's options for a test: loopback allowed, short
// timeouts, the clock fixed, pauses recorded.
func testOptions(t *testing.T, sl *sleeps) Options {
	return Options{
		AllowPrivate:   true,
		RequestTimeout: 20 * time.Second,
		Timeout:        time.Minute,
		LookupIP:       testLookup(t, nil),
		Sleep:          sl.sleep,
		Now:            func() time.Time { return testNow },
	}
}

var testNow = time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)

func check(t *testing.T, opts Options, urls ...string) map[string]*Result {
	t.Helper()
	return New(opts).Check(context.Background(), urls)
}
