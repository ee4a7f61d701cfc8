package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"syscall"
	"time"

	"github.com/chronicle-tools/chronicle/output"
	"github.com/chronicle-tools/chronicle/site"

	"github.com/chronicle-tools/chronicle/internal/osfile"
)

const usage = `Chronicle builds a sourced chronology from Markdown notes.

Usage:
  chronicle build    build the site into public/ (or config's output)
  chronicle check    check every note and list problems and warnings
  chronicle links    check the sources' links: gone, not answering, moved
  chronicle serve    preview the site, rebuilt and reloaded on every save
  chronicle new      write the skeleton of a new note into content/
  chronicle version  print the version

Run "chronicle <command> -h" for a command's flags.
`

// run is the whole command, minus the process: tests call it directly.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "links":
		return cmdLinks(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "version", "-version", "--version":
		fmt.Fprintln(stdout, "chronicle", version())
		return 0
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "chronicle: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func newFlags(name, synopsis, example string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: chronicle %s\n\nExample: %s\n\nFlags:\n", synopsis, example)
		fs.PrintDefaults()
	}
	return fs
}

// parse handles -h (exit 0) and bad flags (exit 2); ok is false when the
// command should stop with code.
func parse(fs *flag.FlagSet, args []string) (code int, ok bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "chronicle %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2, false
	}
	return 0, true
}

func cmdBuild(args []string, stderr io.Writer) int {
	fs := newFlags("build", "build [-C dir] [-o dir] [-baseurl url] [-drafts] [-force]",
		"chronicle build -C mysite -o public -baseurl https://owner.github.io/repo/", stderr)
	dir := fs.String("C", ".", "the site's folder, which holds config.toml and content/")
	out := fs.String("o", "", "output folder, relative to the site's folder (default: config's output, else public)")
	baseURL := fs.String("baseurl", "", "the site's address, overriding config's baseURL")
	drafts := fs.Bool("drafts", false, "include notes marked draft = true")
	force := fs.Bool("force", false, "replace an output folder that holds files chronicle did not write")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	start := time.Now()
	fsys := osfile.DirFS(*dir)
	// The output folder is known from config.toml alone, and checked before
	// anything is rendered; a config with errors is reported by the build.
	target := *out
	if cfg := site.ReadConfig(fsys); target == "" && cfg != nil {
		target = cfg.Output
	}
	if target == "" {
		target = "public"
	}
	path := target
	if !filepath.IsAbs(path) {
		path = filepath.Join(*dir, target)
	}
	if err := output.Check(path, *dir, *force); err != nil {
		fmt.Fprintln(stderr, "chronicle build:", err)
		return 1
	}
	w, err := output.NewWriter(path)
	if err != nil {
		fmt.Fprintln(stderr, "chronicle build:", err)
		return 1
	}
	// Files go to disk as they are rendered, so a large site is never
	// held in memory whole; the swap makes it appear all at once. An
	// interrupt stops the writing and removes what was written.
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(interrupt)
	var res *site.Result
	done := make(chan struct{})
	go func() {
		defer close(done)
		var o *site.Output
		if o, err = site.Prepare(fsys, site.Options{BaseURL: *baseURL, Drafts: *drafts}); err != nil {
			return
		}
		renderingMemory()
		res, err = o.RenderAll(w)
	}()
	select {
	case <-done:
	case <-interrupt:
		w.Cancel(errors.New("interrupted"))
		// Rendering stops at its next file; checking the notes does not
		// stop, but nothing is written while it runs.
		select {
		case <-done:
		case <-time.After(2 * time.Second):
		}
		w.Abort()
		fmt.Fprintln(stderr, "chronicle build: interrupted; nothing was written, the previous output is untouched")
		return 130
	}
	if err != nil {
		w.Abort()
		return report(stderr, err)
	}
	printWarnings(stderr, res.Warnings)
	if err := w.Commit(); err != nil {
		fmt.Fprintln(stderr, "chronicle build:", err)
		return 1
	}
	fmt.Fprintf(stderr, "built %s, %s in %s -> %s\n", count(len(res.Site.Events), "event"), count(res.Pages, "page"),
		time.Since(start).Round(time.Millisecond), strings.TrimSuffix(filepath.ToSlash(path), "/")+"/")
	return 0
}

// renderingMemory readies the garbage collector for the pages. By now the
// site's data is all made and stays to the end, while each page's garbage
// dies with the page: for a large site, a heap of 60% over the live data,
// not twice it (GOGC's 100), is enough from here on. At 100,000 notes (live
// data near 0.8 GB) the peak is then 1.42-1.48 GiB, as at GOGC 35
// (1.41-1.47) with one or two collections fewer, where the default reached
// 1.62-1.65 GiB (three runs each; the peak is the parse's). A small
// site's heap is left to double: at 10,000 notes (about 100 MB live)
// collecting at 35 cost some 200 ms of CPU (gctrace: 423-520 against
// 229-327 ms) to save 30 MB. A GOGC the user set is theirs.
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

// largeHeap is the live data, as of the last collection, from which the
// pages are rendered at renderingGOGC: below it, doubling the heap costs less
// memory than collecting more often costs time.
const largeHeap = 256 << 20

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("check", "check [-C dir] [-drafts] [-archived] [-format text|github]", "chronicle check -C mysite", stderr)
	dir := fs.String("C", ".", "the site's folder, which holds config.toml and content/")
	drafts := fs.Bool("drafts", false, "check notes marked draft = true as if published")
	archived := fs.Bool("archived", false, "warn about sources without an archived copy (docs/links.md)")
	format := fs.String("format", "text", formatHelp)
	if code, ok := parse(fs, args); !ok {
		return code
	}
	if !validFormat(*format) {
		fmt.Fprintf(stderr, "chronicle check: -format %q: use text or github\n", *format)
		return 2
	}
	diags := site.Check(osfile.DirFS(*dir), site.Options{Drafts: *drafts, Archived: *archived})
	// Annotations go to standard output, where the Actions runner reads
	// workflow commands; the text stays on standard error, as before.
	out := stderr
	if *format == "github" {
		out = stdout
	}
	for _, d := range diags {
		printDiag(out, *format, *dir, d)
	}
	errs, warns := diags.Errors(), len(diags)-diags.Errors()
	fmt.Fprintf(stderr, "%s, %s\n", count(errs, "error"), count(warns, "warning"))
	if errs > 0 {
		return 1
	}
	return 0
}

// report prints every problem of a failed build, then their count.
func report(stderr io.Writer, err error) int {
	var diags site.Diagnostics
	if !errors.As(err, &diags) {
		fmt.Fprintln(stderr, "chronicle build:", err)
		fmt.Fprintln(stderr, "nothing was written; the previous output is untouched")
		return 1
	}
	for _, d := range diags {
		if !d.Warning {
			fmt.Fprintln(stderr, d)
		}
	}
	fmt.Fprintf(stderr, "%s; nothing was written\n", count(diags.Errors(), "error"))
	return 1
}

func printWarnings(stderr io.Writer, warnings site.Diagnostics) {
	if n := len(warnings); n > 0 {
		fmt.Fprintf(stderr, "%s (run chronicle check to list them)\n", count(n, "warning"))
	}
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " " + s.Value[:12]
		}
	}
	return v + " " + bi.GoVersion
}
