package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"

	"github.com/chronicle-tools/chronicle/scaffold"
)

// cmdInit writes a new chronology into a folder, missing or empty, and
// prints what it wrote and what to do next.
func cmdInit(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("init", "init [DIR]", "chronicle init mychronology", stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	dir := "."
	switch fs.NArg() {
	case 0:
	case 1:
		dir = fs.Arg(0)
	default:
		fmt.Fprintf(stderr, "chronicle init: unexpected argument %q: give one folder\n", fs.Arg(1))
		fs.Usage()
		return 2
	}
	written, err := scaffold.Write(dir, scaffold.Options{Version: moduleVersion()})
	if err != nil {
		fmt.Fprintln(stderr, "chronicle init:", err)
		return 1
	}
	fmt.Fprintf(stdout, "A new chronology in %s:\n", filepath.ToSlash(dir))
	for _, p := range written {
		fmt.Fprintf(stdout, "  %s\n", p)
	}
	fmt.Fprintln(stdout, "\nNext:")
	if dir != "." {
		fmt.Fprintf(stdout, "  cd %s\n", filepath.ToSlash(dir))
	}
	fmt.Fprint(stdout, `  chronicle serve -drafts     preview it, the example draft included
  chronicle new "Title"       write the skeleton of a note into content/
  edit config.toml and content/pages/about.md, then delete or publish the example
To publish on GitHub Pages, push to GitHub and set Settings -> Pages -> Source
to GitHub Actions: https://github.com/chronicle-tools/chronicle/blob/main/docs/publishing.md
`)
	return 0
}

// moduleVersion is the version of Chronicle's module this binary was built
// from, such as "v0.4.0", or "" for a development build.
func moduleVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Main.Path != "github.com/chronicle-tools/chronicle" {
		return ""
	}
	return bi.Main.Version
}
