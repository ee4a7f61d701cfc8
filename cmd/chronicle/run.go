package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/build"
	"github.com/chronicle-tools/chronicle/site"

	"github.com/chronicle-tools/chronicle/internal/osfile"
)

const usage = `Chronicle builds a sourced chronology from Markdown notes.

Usage:
  chronicle init     write a new chronology into a folder, ready to build
  chronicle build    build the site into public/ (or config's output)
  chronicle check    check every note and list problems and warnings
  chronicle links    check the sources' links: gone, not answering, moved
  chronicle serve    preview the site, rebuilt and reloaded on every save
  chronicle new      write the skeleton of a new note into content/
  chronicle import   bring events from TimelineJS or another chronology
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
	case "init":
		return cmdInit(args[1:], stdout, stderr)
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
	case "import":
		return cmdImport(args[1:], stdout, stderr)
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
	ctx, stop := signalContext()
	defer stop()
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
	rep, err := build.Run(ctx, build.Options{Dir: *dir, Out: *out, BaseURL: *baseURL, Drafts: *drafts, Force: *force})
	switch {
	case build.IsCancelled(err):
		fmt.Fprintln(stderr, "chronicle build: interrupted; nothing was written, the previous output is untouched")
		return signalStatus(ctx)
	case err != nil:
		return report(stderr, err)
	}
	printWarnings(stderr, rep.Warnings)
	fmt.Fprintf(stderr, "built %s, %s in %s -> %s\n", count(rep.Events, "event"), count(rep.Pages, "page"),
		time.Since(start).Round(time.Millisecond), strings.TrimSuffix(filepath.ToSlash(rep.Path), "/")+"/")
	return 0
}

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
	diags := build.Check(osfile.DirFS(*dir), site.Options{Drafts: *drafts, Archived: *archived})
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

// printWarnings counts a build's warnings by kind, in a few lines: check
// lists them.
func printWarnings(stderr io.Writer, warnings site.Diagnostics) {
	if n := len(warnings); n > 0 {
		fmt.Fprintf(stderr, "%s (run chronicle check to list them):\n", count(n, "warning"))
		for _, line := range warnings.Summary(4) {
			fmt.Fprintf(stderr, "  %s\n", line)
		}
	}
}

// count is n and noun, in the plural unless n is 1: "1,256 warnings".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s + " " + noun + "s"
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
