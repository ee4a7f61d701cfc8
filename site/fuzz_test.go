package site

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/internal/testsite"
)

// The fuzz targets of the engine. Their seeds are below and in
// testdata/fuzz/FuzzXxx; "go test" runs the seeds, and
//
//	go test -run XXX -fuzz '^FuzzParseNote$' -fuzztime 5m ./site
//
// searches for more. Each target checks properties, not just the absence of
// a panic: line numbers that point into the file, CRLF and a byte-order mark
// that change nothing, and output that no browser would run code from.

func FuzzParseNote(f *testing.F) {
	for _, s := range testsite.FuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, diags := parseNote("content/n.md", "n", data)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, d := range diags {
			if d.Line < 0 || d.Line > lines+1 || d.Path != "content/n.md" || d.Msg == "" {
				t.Fatalf("diagnostic out of the file (%d lines): %v", lines, d)
			}
		}
		if e == nil && diags.Errors() == 0 {
			t.Fatal("no event and no error")
		}
		if e != nil && diags.Errors() == 0 {
			if e.Title == "" || strings.ContainsAny(e.Title, "\r\n") || e.Date.IsZero() || e.Kind == "" || len(e.Sources) == 0 || !slices.Contains(statuses, e.Status) {
				t.Fatalf("a note without errors lacks a required field: %+v", e)
			}
			for i, s := range e.Sources {
				if s.Num != i+1 || checkURL(s.URL) != "" {
					t.Fatalf("source %d: number %d, url %q", i, s.Num, s.URL)
				}
			}
			if !utf8.ValidString(string(e.Body)) {
				t.Fatal("body is not UTF-8")
			}
		}
		same := func(what string, e2 *Event, d2 Diagnostics) {
			if d2.Error() != diags.Error() {
				t.Fatalf("%s: diagnostics differ:\n%v\n---\n%v", what, d2, diags)
			}
			if !reflect.DeepEqual(e2, e) {
				t.Fatalf("%s: event differs:\n%+v\n%+v", what, e2, e)
			}
		}
		// CRLF line ends and a byte-order mark change nothing, line numbers
		// included.
		if !bytes.Contains(data, []byte("\r")) {
			e2, d2 := parseNote("content/n.md", "n", bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")))
			same("CRLF", e2, d2)
		}
		if !bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
			e2, d2 := parseNote("content/n.md", "n", append([]byte("\xef\xbb\xbf"), data...))
			same("BOM", e2, d2)
		}
	})
}
