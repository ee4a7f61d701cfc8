package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/chronicle-tools/chronicle/importer"
)

// cmdImport brings events from other tools into a chronology and prints
// the one summary of what it did and guessed.
func cmdImport(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("import", "import [-C dir] [-from format] [-kind k] [-group-as storyline|kind] FILE...",
		"chronicle import -C mysite timeline.json", stderr)
	dir := fs.String("C", ".", "the site's folder, which holds config.toml and content/")
	from := fs.String("from", "", "the files' format: "+strings.Join(importer.Formats, ", ")+" (default: told from each file)")
	kind := fs.String("kind", "", "the kind of events whose format has none (default: the first kind in config.toml, as a guess)")
	groupAs := fs.String("group-as", "storyline", "what a TimelineJS group becomes: storyline or kind")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "chronicle import: give the files to import, such as chronicle import timeline.json")
		fs.Usage()
		return 2
	}
	if *groupAs != "storyline" && *groupAs != "kind" {
		fmt.Fprintf(stderr, "chronicle import: -group-as %q: use storyline or kind\n", *groupAs)
		return 2
	}
	rep, err := importer.Run(*dir, fs.Args(), importer.Options{From: *from, Kind: *kind, GroupAsKind: *groupAs == "kind"})
	var bad importer.Errors
	switch {
	case errors.As(err, &bad):
		for _, e := range bad {
			fmt.Fprintln(stderr, e)
		}
		fmt.Fprintf(stderr, "%s; nothing was written\n", count(len(bad), "error"))
		return 1
	case err != nil:
		if rep != nil {
			rep.Print(stdout)
		}
		fmt.Fprintln(stderr, "chronicle import:", err)
		return 1
	}
	rep.Print(stdout)
	return 0
}
