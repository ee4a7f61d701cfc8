// Package build schedules one build of a site: it loads and checks the
// site, lists every output file and how to make it (the pages from render,
// the search files, the exports), and renders them on every core to a sink
// (Build returns them in memory; BuildTo hands each to a Sink as it is
// made, so that a large site need not be held whole), or one at a time for
// the dev server. Either way the bytes come from the same code. Run writes
// a build to disk: it checks the output folder, renders the site into a
// folder beside it and swaps that in, so that a build that fails or is
// cancelled leaves the previous output as it was.
package build

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"github.com/chronicle-tools/chronicle/internal/osfile"
	"github.com/chronicle-tools/chronicle/output"
	"github.com/chronicle-tools/chronicle/site"
)

// Options are the choices of one build.
type Options struct {
	Dir     string // the site's folder, which holds config.toml and content/
	Out     string // the output folder, relative to Dir; "" for config's output, else "public"
	BaseURL string // overrides config's baseURL when set
	Drafts  bool   // include notes marked draft = true
	Force   bool   // replace an output folder that holds files chronicle did not write
}

// Report is a build that was written.
type Report struct {
	Path     string // the output folder
	Events   int
	Pages    int
	Warnings site.Diagnostics
}

// cancelWait is how long a cancelled build waits for the rendering to stop
// before it removes what was written: checking the notes cannot stop
// midway, but writes nothing.
const cancelWait = 2 * time.Second

// Run builds the site in opts.Dir into its output folder. Problems in the
// notes come back as site.Diagnostics, all of them; a cancelled ctx stops
// the build with ctx's error. Either way nothing is written and the
// previous output is untouched.
func Run(ctx context.Context, opts Options) (*Report, error) {
	fsys := osfile.DirFS(opts.Dir)
	// The output folder is known from config.toml alone, and checked before
	// anything is rendered; a config with errors is reported by the build.
	target := opts.Out
	if cfg := site.ReadConfig(fsys); target == "" && cfg != nil {
		target = cfg.Output
	}
	if target == "" {
		target = "public"
	}
	path := target
	if !filepath.IsAbs(path) {
		path = filepath.Join(opts.Dir, target)
	}
	if err := output.Check(path, opts.Dir, opts.Force); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	w, err := output.NewWriter(path)
	if err != nil {
		return nil, err
	}
	// Files go to disk as they are rendered, so a large site is never held
	// in memory whole; the swap makes it appear all at once.
	var res *Result
	done := make(chan struct{})
	go func() {
		defer close(done)
		var o *Output
		if o, err = Prepare(fsys, site.Options{BaseURL: opts.BaseURL, Drafts: opts.Drafts}); err != nil {
			return
		}
		renderingMemory()
		res, err = o.RenderAll(w)
	}()
	select {
	case <-done:
	case <-ctx.Done():
		w.Cancel(context.Cause(ctx))
		select {
		case <-done:
		case <-time.After(cancelWait):
		}
		w.Abort()
		return nil, ctx.Err()
	}
	if err != nil {
		w.Abort()
		return nil, err
	}
	if err := w.Commit(); err != nil {
		return nil, err
	}
	return &Report{Path: path, Events: len(res.Site.Events), Pages: res.Pages, Warnings: res.Warnings}, nil
}

// IsCancelled reports whether err is a build's stop on cancellation.
func IsCancelled(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// renderingMemory readies the garbage collector for the pages. By now the
// site's data is made and stays to the end, while each page's garbage dies
// with the page: for a large site a heap of renderingGOGC over the live
// data is enough, and lowers the peak (docs/performance.md). A GOGC the
// user set is theirs.
func renderingMemory() {
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	if live[0].Value.Kind() == metrics.KindUint64 && collectOften(os.Getenv("GOGC"), live[0].Value.Uint64()) {
		debug.SetGCPercent(renderingGOGC)
	}
}

// renderingGOGC is the GOGC of the pages of a large site.
const renderingGOGC = 60

// collectOften reports whether the pages are rendered at renderingGOGC,
// given the GOGC variable and the live data.
func collectOften(gogc string, live uint64) bool {
	return gogc == "" && live >= largeHeap
}

// largeHeap is the live data from which the pages are rendered at
// renderingGOGC: below it, doubling the heap costs less memory than
// collecting more often costs time.
const largeHeap = 256 << 20
