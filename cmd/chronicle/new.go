package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/chronicle-tools/chronicle/newnote"
)

// cmdNew writes the skeleton of a new note and prints its path. Flags may
// come before or after the title, and a title of several unquoted words is
// taken whole.
func cmdNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", `new [-C dir] [-kind k] [-date YYYY-MM-DD] "Title"`,
		`chronicle new -kind strike -date 2025-12-19 "Missile strike on Odesa port"`, stderr)
	dir := fs.String("C", ".", "the site's folder, which holds config.toml and content/")
	kind := fs.String("kind", "", "the event's kind, a key of [kinds] in config.toml (default: the first kind there)")
	day := fs.String("date", "", "the event's date, YYYY-MM-DD, or YYYY-MM or YYYY (default: today in the site's time zone)")
	var words []string
	for rest := args; ; {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return 0
			}
			return 2
		}
		left := fs.Args()
		if len(left) == 0 {
			break
		}
		if n := len(rest) - len(left); n > 0 && rest[n-1] == "--" {
			words = append(words, left...) // after --, all is title
			break
		}
		words = append(words, left[0])
		rest = left[1:]
	}
	title := strings.TrimSpace(strings.Join(words, " "))
	if title == "" {
		fmt.Fprintln(stderr, `chronicle new: give the event's title, such as chronicle new "Missile strike on Odesa port"`)
		fs.Usage()
		return 2
	}
	path, err := newnote.Create(*dir, newnote.Options{Title: title, Kind: *kind, Date: *day})
	if err != nil {
		fmt.Fprintln(stderr, "chronicle new:", err)
		return 1
	}
	fmt.Fprintln(stdout, path)
	return 0
}
