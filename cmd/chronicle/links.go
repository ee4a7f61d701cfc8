package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/chronicle-tools/chronicle/internal/osfile"
	"github.com/chronicle-tools/chronicle/links"
	"github.com/chronicle-tools/chronicle/site"
)

// cmdLinks checks every source's url and archived address: it loads the
// site, hands the addresses to the links package, and prints what it says.
func cmdLinks(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("links", "links [-C dir] [-drafts] [-timeout d] [-allow-private] [-format text|github] [-max-age d]",
		"chronicle links -format github", stderr)
	dir := fs.String("C", ".", "the site's folder, which holds config.toml and content/")
	drafts := fs.Bool("drafts", false, "check the links of notes marked draft = true too")
	timeout := fs.Duration("timeout", links.DefaultTimeout, "the whole run's time; links not checked by then are listed as such")
	reqTimeout := fs.Duration("request-timeout", links.DefaultRequestTimeout, "one request's time, from dialling to the answer's headers")
	allowPrivate := fs.Bool("allow-private", false, "also contact loopback, private, link-local and other non-public addresses (never on a pull request)")
	format := fs.String("format", "text", formatHelp)
	maxAge := fs.Duration("max-age", links.DefaultMaxAge, "how long a link found fine is not asked again ("+links.CacheFile+")")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	// Everything is judged before any host is contacted.
	if !validFormat(*format) {
		fmt.Fprintf(stderr, "chronicle links: -format %q: use text or github\n", *format)
		return 2
	}
	if *timeout <= 0 || *reqTimeout <= 0 || *maxAge < 0 {
		fmt.Fprintln(stderr, "chronicle links: -timeout and -request-timeout must be more than 0, -max-age 0 or more")
		return 2
	}
	s, diags := site.Load(osfile.DirFS(*dir), site.Options{Drafts: *drafts, SourceLines: true})
	if s == nil || diags.Errors() > 0 {
		for _, d := range diags {
			if !d.Warning {
				printDiag(stdout, *format, *dir, d)
			}
		}
		fmt.Fprintf(stderr, "chronicle links: %s in the notes; no link was checked (chronicle check lists them)\n", count(diags.Errors(), "error"))
		return 1
	}
	var sources []links.Source
	for _, e := range s.Events {
		for _, src := range e.Sources {
			if src.URL == "" {
				continue // a book, an interview: nothing to check
			}
			sources = append(sources, links.Source{Path: e.Path, URL: src.URL, URLLine: src.URLLine,
				Archived: src.Archived, ArchivedLine: src.ArchivedLine})
		}
	}

	cachePath := filepath.Join(*dir, links.CacheFile)
	cache, err := links.LoadCache(cachePath)
	if err != nil {
		fmt.Fprintf(stderr, "chronicle links: %v; starting with an empty cache\n", err)
	}
	if *maxAge == 0 {
		// No lifetime: every link is asked, and the results still saved.
		*maxAge = time.Nanosecond
	}
	checker := links.New(links.Options{
		AllowPrivate:   *allowPrivate,
		Timeout:        *timeout,
		RequestTimeout: *reqTimeout,
		UserAgent:      "Chronicle-links/" + shortVersion() + " (+https://github.com/chronicle-tools/chronicle)",
		Cache:          cache,
		MaxAge:         *maxAge,
	})

	// Ctrl-C ends the run early: what was checked is reported and cached.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	done := showProgress(stderr, checker)
	results := checker.Check(ctx, links.URLs(sources))
	done()
	interrupted := ctx.Err() != nil

	if err := cache.Save(cachePath); err != nil {
		fmt.Fprintf(stderr, "chronicle links: cannot save the cache: %v\n", err)
	}
	findings, sum := links.Report(sources, results)
	for _, f := range findings {
		printDiag(stdout, *format, *dir, site.Diagnostic{Path: f.Path, Line: f.Line, Msg: f.Msg, Warning: !f.Error})
	}
	fmt.Fprintln(stdout, sum)
	switch {
	case interrupted:
		fmt.Fprintln(stderr, "chronicle links: interrupted")
		return 130
	case sum.Errors > 0:
		return 1
	}
	return 0
}

// showProgress rewrites one line of w with the run's progress, when w is a
// terminal; in a CI log or a file it writes nothing. done stops it and
// clears the line.
func showProgress(w io.Writer, c *links.Checker) (done func()) {
	f, ok := w.(*os.File)
	if !ok {
		return func() {}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return func() {}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				fmt.Fprint(f, "\r\x1b[K")
				return
			case <-t.C:
				fmt.Fprint(f, "\r\x1b[K"+progressLine(c.Snapshot(), 100))
			}
		}
	})
	return func() {
		close(stop)
		wg.Wait()
	}
}

// progressLine is the progress in at most width bytes: links checked of
// all, failures so far, and the hosts being asked.
func progressLine(p links.Progress, width int) string {
	line := fmt.Sprintf("links: %d/%d checked, %d failing", p.Done, p.Total, p.Failed)
	for i, h := range p.Hosts {
		sep := ", "
		if i == 0 {
			sep = "; asking "
		}
		part := fmt.Sprintf("%s%s (%d)", sep, h.Host, h.Active)
		if len(line)+len(part) > width-5 {
			line += ", ..."
			break
		}
		line += part
	}
	return line
}

// shortVersion is the module's version for the User-Agent, without the
// Go version and commit that version() adds.
func shortVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "devel"
}
