// Package serve is Chronicle's live preview: an http.Handler over the site
// built in memory, rebuilt when a file changes, that tells open pages to
// reload and shows build errors over the last good page.
//
// The parts are small and apart: the watcher (watch.go, or poll.go where
// the file system reports no changes) sends changed paths; debounce.go turns
// a burst of them into one batch; rebuild.go checks the site with the same
// engine as chronicle build, patching the last build when only what notes
// show has changed, and swaps the result in atomically; handler.go serves
// the current result, rendering each file the first time it is asked for;
// hub.go streams build ids to the pages; and overlay.go renders build
// errors.
package serve

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chronicle-tools/chronicle/site"
)

// Options configure a Server.
type Options struct {
	Dir    string    // the site folder, which holds config.toml and content/
	Drafts bool      // include notes marked draft
	Poll   bool      // find changes by polling rather than with fsnotify
	Log    io.Writer // where rebuilds and problems are reported; nil discards

	// For tests; zero means the default.
	Quiet        time.Duration // how long a burst of changes must be still before a rebuild (20ms)
	MaxWait      time.Duration // the longest a rebuild waits for a burst to end (250ms)
	PollInterval time.Duration // how often polling looks at the files (500ms)
}

// Server serves the site of one folder and keeps it up to date. Make one
// with New, serve it with Serve or as an http.Handler, and Close it.
type Server struct {
	opts     Options
	root     string // absolute
	fsys     *diskFS
	cache    *site.Cache
	hub      *hub
	instance string // tells this process's builds from a restarted one's
	gen      uint64 // builds so far; only the rebuild loop touches it
	cur      atomic.Pointer[snapshot]
	swap     sync.RWMutex // rebuilds hold it to patch the site and swap; renders to read

	stop      context.CancelFunc
	wg        sync.WaitGroup
	builds    atomic.Int64 // builds done, for tests and benchmarks
	lastBuild atomic.Int64 // the duration of the latest build, in nanoseconds
}

// New builds the site in opts.Dir and starts watching it. The watch begins
// before the first build, so that no change is missed between the two. A
// site with errors is no error here: its pages show them until they are
// fixed. New fails only when the folder holds no site at all.
func New(opts Options) (*Server, error) {
	s, err := newServer(opts)
	if err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(context.Background())
	s.stop = stop
	changes := make(chan string, 64)
	s.startWatching(ctx, changes)
	batches := make(chan []string)
	s.wg.Go(func() { debounce(ctx, changes, batches, s.opts.Quiet, s.opts.MaxWait) })
	s.rebuild(nil)
	s.wg.Go(func() {
		for batch := range batches {
			s.rebuild(batch)
		}
	})
	return s, nil
}

// newServer makes a server that neither watches nor has built yet.
func newServer(opts Options) (*Server, error) {
	if opts.Dir == "" {
		opts.Dir = "."
	}
	if opts.Quiet <= 0 {
		opts.Quiet = 20 * time.Millisecond
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = 250 * time.Millisecond
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = 500 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(root, "config.toml")); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%s holds no config.toml: run chronicle serve in the site's folder or give it with -C dir", opts.Dir)
		}
		return nil, err
	}
	return &Server{
		opts:     opts,
		root:     root,
		fsys:     newDiskFS(root),
		cache:    site.NewWatchedCache(),
		hub:      newHub(),
		instance: rand.Text()[:8],
		stop:     func() {},
	}, nil
}

// startWatching starts the watcher that sends changed paths on changes:
// fsnotify where it can, polling where it cannot or where asked to.
func (s *Server) startWatching(ctx context.Context, changes chan<- string) {
	why := ""
	switch {
	case s.opts.Poll:
		why = "as asked (-poll)"
	case sharedFS(s.root) != "":
		why = "because the site is on a shared file system (" + sharedFS(s.root) + "), whose changes may go unreported"
	default:
		n, err := startNotifier(s.root, changes, s.logf)
		if err == nil {
			s.wg.Go(func() { n.run(ctx) })
			return
		}
		why = fmt.Sprintf("because the system cannot report changes (%v)", err)
	}
	p := newPoller(s.root, s.opts.PollInterval, changes)
	s.logf("watching for changes by polling every %s, %s", s.opts.PollInterval, why)
	s.wg.Go(func() { p.run(ctx) })
}

// Close stops watching and ends the pages' event streams. It waits for a
// rebuild under way to end.
func (s *Server) Close() error {
	s.stop()
	s.hub.close()
	s.wg.Wait()
	return nil
}

// BasePath is the path the site is served under, such as "/chronology/",
// from the latest good build's baseURL.
func (s *Server) BasePath() string { return s.current().base }

func (s *Server) current() *snapshot { return s.cur.Load() }

func (s *Server) logf(format string, args ...any) {
	fmt.Fprintf(s.opts.Log, format+"\n", args...)
}

// Timeouts of the HTTP server: a client gets this long to send its request
// and to read the answer. Event streams lift them for themselves.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 2 * time.Minute
)

// httpServer is the http.Server of Serve, with its timeouts.
func (s *Server) httpServer() *http.Server {
	hs := &http.Server{
		Handler:           hostGuard(s),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		// "OPTIONS *" goes to the handler too, which answers 405.
		DisableGeneralOptionsHandler: true,
	}
	// Shutdown waits for requests to end, and event streams end only when
	// told to.
	hs.RegisterOnShutdown(s.hub.close)
	return hs
}

// Serve answers requests on ln until ctx is done, then shuts down: it stops
// listening, ends the event streams, and waits a little for requests under
// way.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	return s.serve(ctx, ln, s.httpServer())
}

func (s *Server) serve(ctx context.Context, ln net.Listener, hs *http.Server) error {
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}
