// Package search writes the files the filter script searches: for each
// month, search/YYYY-MM.json, each event's id to the plain text of its
// body and its sources' titles. The script fetches them, from the same
// site, only when a reader types a search, so that the search covers every
// word of the notes without weighing on the pages. It is the seed of the
// whole-chronology index to come.
package search

import (
	"bytes"
	"slices"
	"strings"

	"github.com/chronicle-tools/chronicle/internal/jsonstr"
	"github.com/chronicle-tools/chronicle/markdown"
	"github.com/chronicle-tools/chronicle/site"
)

// A File is one search file and how to write it.
type File struct {
	Path  string
	Write func(buf *bytes.Buffer) error
}

// Files lists the search file of each month of s.
func Files(s *site.Site) []File {
	files := make([]File, len(s.Months))
	for i, m := range s.Months {
		files[i] = File{Path: Path(m), Write: func(buf *bytes.Buffer) error { return write(buf, m) }}
	}
	return files
}

// write writes m's search file into buf.
func write(buf *bytes.Buffer, m *site.Month) error {
	// In id order: stable bytes from build to build.
	events := slices.Clone(m.Events)
	slices.SortFunc(events, func(a, b *site.Event) int { return strings.Compare(a.ID, b.ID) })
	// Room for the file in buf first, so that b is never copied as it
	// grows, nor once more into buf. A body's text is shorter than its HTML.
	n := 2
	for _, e := range events {
		n += len(e.ID) + len(e.Body) + 6
		for _, src := range e.Sources {
			n += 1 + len(src.Title)
		}
	}
	buf.Grow(n)
	b := append(buf.AvailableBuffer(), '{')
	var text []byte
	for i, e := range events {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonstr.AppendString(b, e.ID)
		b = append(b, ':', '"')
		text = markdown.AppendText(text[:0], string(e.Body))
		b = jsonstr.AppendChars(b, text)
		for _, src := range e.Sources {
			b = append(b, ' ')
			b = jsonstr.AppendChars(b, src.Title)
		}
		b = append(b, '"')
	}
	buf.Write(append(b, "}\n"...))
	return nil
}

// Path is the path of m's search file in the output, which its list
// pages name for the script.
func Path(m *site.Month) string {
	return "search/" + strings.ReplaceAll(m.Slug, "/", "-") + ".json"
}
