// Package links checks the sources' addresses of a chronology: what is
// gone, what does not answer, what moved. It is polite to the hosts it
// asks (two requests at once to a host at most, HEAD first, a User-Agent
// that names it) and safe on a pull request anyone can open: it contacts
// only public addresses, judged after resolution and at every redirect.
package links

import (
	"cmp"
	"context"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Defaults of Options.
const (
	DefaultTimeout        = 10 * time.Minute
	DefaultRequestTimeout = 20 * time.Second
	DefaultPerHost        = 2
	DefaultWorkers        = 16
	DefaultRetries        = 3
	DefaultMaxRetryAfter  = 60 * time.Second
	DefaultMaxAge         = 7 * 24 * time.Hour
	maxRedirects          = 10
	maxBody               = 16 << 10 // what a GET reads of a body at most
)

// DefaultUserAgent names Chronicle and where to read about it.
const DefaultUserAgent = "Chronicle-links/dev (+https://github.com/chronicle-tools/chronicle)"

// Options are the choices of one run. The zero value is a polite, safe
// run with the defaults above.
type Options struct {
	AllowPrivate   bool          // contact loopback, private and other non-public addresses too
	Timeout        time.Duration // the whole run; links not checked by then are reported as such
	RequestTimeout time.Duration // one request, from dialling to the headers
	PerHost        int           // requests at once to one host
	Workers        int           // links checked at once
	Retries        int           // further tries of a 429, 502, 503 or 504 answer; below 0, none
	MaxRetryAfter  time.Duration // a longer Retry-After is not waited for
	UserAgent      string
	Cache          *Cache        // results of earlier runs; may be nil
	MaxAge         time.Duration // how long a fine link's result is trusted

	// LookupIP resolves a host name; nil is the system's resolver. Tests
	// give names their own addresses with it, and never ask a real DNS.
	LookupIP func(ctx context.Context, host string) ([]netip.Addr, error)
	// Sleep waits d or until ctx is done; nil is a timer. Tests record
	// the back-off instead of waiting it.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock of the cache and of Retry-After dates; nil is
	// time.Now.
	Now func() time.Time

	allow func(netip.Addr) (bool, string) // judges addresses; tests replace it
}

// Status is what became of a link.
type Status int

const (
	OK          Status = iota // answers 2xx, perhaps through temporary redirects
	Moved                     // answers, through a permanent redirect: MovedTo is the new address
	Gone                      // 404 or 410, directly or at the end of redirects
	Unreachable               // no answer: timeout, refused, DNS, TLS, a redirect loop, a server error
	Refused                   // not contacted: not public, or not http(s)
	Blocked                   // an answer that is neither fine nor gone (401, 403, 451...)
	Busy                      // still 429 after the retries
	Skipped                   // not checked: the run's time ran out
)

var statusNames = [...]string{"ok", "moved", "gone", "unreachable", "refused", "blocked", "busy", "skipped"}

func (s Status) String() string { return statusNames[s] }

// Fine reports whether the link works; such results are cached.
func (s Status) Fine() bool { return s == OK || s == Moved }

// Failed reports whether the link fails the run.
func (s Status) Failed() bool { return s == Gone || s == Unreachable || s == Refused }

// Result is what one URL gave.
type Result struct {
	URL     string
	Status  Status
	Code    int       // the last HTTP status, 0 without one
	Final   string    // the last address asked, after redirects
	MovedTo string    // Moved: the address after the permanent redirects
	Detail  string    // why, for what is not fine
	Checked time.Time // when it was asked, from the cache or now
	Cached  bool      // from the cache: no host was contacted
}

// Checker checks URLs. It is safe for one Check at a time; Snapshot may be
// called from any goroutine meanwhile.
type Checker struct {
	opts   Options
	client *http.Client

	mu    sync.Mutex
	hosts map[string]*hostState

	total, done, failed atomic.Int64
}

type hostState struct {
	sem    chan struct{}
	active int // requests in flight, under Checker.mu
}

// New makes a checker with opts, defaults filled in.
func New(opts Options) *Checker {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&opts.Timeout, DefaultTimeout)
	def(&opts.RequestTimeout, DefaultRequestTimeout)
	def(&opts.MaxRetryAfter, DefaultMaxRetryAfter)
	def(&opts.MaxAge, DefaultMaxAge)
	if opts.PerHost <= 0 {
		opts.PerHost = DefaultPerHost
	}
	if opts.Workers <= 0 {
		opts.Workers = DefaultWorkers
	}
	if opts.Retries < 0 {
		opts.Retries = 0
	} else if opts.Retries == 0 {
		opts.Retries = DefaultRetries
	}
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if opts.Sleep == nil {
		opts.Sleep = sleep
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.allow == nil {
		opts.allow = Public
		if opts.AllowPrivate {
			opts.allow = func(netip.Addr) (bool, string) { return true, "" }
		}
	}
	tr := newTransport(newDialer(opts.allow, opts.LookupIP), opts.RequestTimeout)
	return &Checker{
		opts: opts,
		// Redirects are followed by hand, hop by hop: each is judged, and
		// the chain is what tells moved from temporary.
		client: &http.Client{
			Transport:     tr,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
		hosts: map[string]*hostState{},
	}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Check checks each distinct URL once and returns the results by URL.
// A fine result in the cache younger than MaxAge is used as it is; every
// fine result of this run goes into the cache.
func (c *Checker) Check(ctx context.Context, urls []string) map[string]*Result {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	urls = slices.Clone(urls)
	slices.Sort(urls)
	urls = slices.Compact(urls)
	c.total.Store(int64(len(urls)))
	results := make(map[string]*Result, len(urls))
	var todo []string
	now := c.opts.Now()
	for _, u := range urls {
		if r := c.opts.Cache.lookup(u, now, c.opts.MaxAge); r != nil {
			results[u] = r
			c.done.Add(1)
			continue
		}
		todo = append(todo, u)
	}
	todo = interleave(todo)

	var (
		mu   sync.Mutex
		next atomic.Int64
		wg   sync.WaitGroup
	)
	for range min(c.opts.Workers, len(todo)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(todo) {
					return
				}
				r := c.follow(ctx, todo[i])
				r.Checked = c.opts.Now().UTC().Truncate(time.Second)
				if r.Status.Failed() {
					c.failed.Add(1)
				}
				c.done.Add(1)
				mu.Lock()
				results[r.URL] = r
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	for _, r := range results {
		switch {
		case r.Cached:
		case r.Status.Fine():
			c.opts.Cache.store(r)
		default:
			// A link that was fine and is not any more is asked again
			// next time, not trusted from an old entry.
			c.opts.Cache.forget(r.URL)
		}
	}
	c.opts.Cache.keep(urls)
	return results
}

// interleave orders URLs so that neighbours are on different hosts, where
// it can: the workers then wait less on one host's limit.
func interleave(urls []string) []string {
	byHost := map[string][]string{}
	var hosts []string
	for _, u := range urls {
		h := hostOf(u)
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], u)
	}
	// The busiest hosts first: they take longest at two at a time.
	slices.SortStableFunc(hosts, func(a, b string) int { return cmp.Compare(len(byHost[b]), len(byHost[a])) })
	out := make([]string, 0, len(urls))
	for len(out) < len(urls) {
		for _, h := range hosts {
			if l := byHost[h]; len(l) > 0 {
				out = append(out, l[0])
				byHost[h] = l[1:]
			}
		}
	}
	return out
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// acquire takes one of host's request slots, or fails when ctx ends first.
func (c *Checker) acquire(ctx context.Context, host string) (release func(), err error) {
	c.mu.Lock()
	h := c.hosts[host]
	if h == nil {
		h = &hostState{sem: make(chan struct{}, c.opts.PerHost)}
		c.hosts[host] = h
	}
	c.mu.Unlock()
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	c.mu.Lock()
	h.active++
	c.mu.Unlock()
	return func() {
		c.mu.Lock()
		h.active--
		c.mu.Unlock()
		<-h.sem
	}, nil
}

// Progress is a run's state, for a progress line.
type Progress struct {
	Done, Total, Failed int
	Hosts               []HostActivity // hosts with requests in flight, busiest first
}

// HostActivity is one host's requests in flight.
type HostActivity struct {
	Host   string
	Active int
}

// Snapshot is the progress so far.
func (c *Checker) Snapshot() Progress {
	p := Progress{Done: int(c.done.Load()), Total: int(c.total.Load()), Failed: int(c.failed.Load())}
	c.mu.Lock()
	for name, h := range c.hosts {
		if h.active > 0 {
			p.Hosts = append(p.Hosts, HostActivity{name, h.active})
		}
	}
	c.mu.Unlock()
	slices.SortFunc(p.Hosts, func(a, b HostActivity) int {
		return cmp.Or(cmp.Compare(b.Active, a.Active), cmp.Compare(a.Host, b.Host))
	})
	return p
}
