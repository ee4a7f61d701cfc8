package site

import (
	"bytes"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"
)

// The fuzz targets of the engine. Their seeds are below and in
// testdata/fuzz/FuzzXxx; "go test" runs the seeds, and
//
//	go test -run XXX -fuzz '^FuzzParseNote$' -fuzztime 5m ./site
//
// searches for more. Each target checks properties, not just the absence of
// a panic: line numbers that point into the file, CRLF and a byte-order mark
// that change nothing, and output that no browser would run code from.

const fuzzConfig = `title = "Fuzz"
baseURL = "https://example.org/f/"
timezone = "Europe/Kyiv"

[kinds.strike]
label = "Strikes"

[storylines.sea]
title = "The sea"
`

// fuzzSeeds are notes for every target: valid ones, and the usual ways of
// getting them wrong.
var fuzzSeeds = []string{
	note,
	"+++\ntitle = \"x\"\n+++\n",
	"+++\r\ntitle = \"x\"\r\n+++\r\nbody\r\n",
	"\xef\xbb\xbf+++\ntitle = \"x\"\n+++\nbody",
	"+++\n+++",
	"+++",
	"",
	"+++ \t\r\n+++\n\n\nline 4",
	"no front matter\n",
	"+++\ntitle = \"<script>alert(1)</script>\"\ndate = 2025-12-19\nkind = \"strike\"\nplaces = [\"<img src=x onerror=alert(1)>\"]\n[[sources]]\nid = \"a\"\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://e.x/\"\n+++\n[x](javascript:alert(1)) [y](JaVaScRiPt&colon;alert(1)) <javascript:alert(1)> ![i](data:image/png;base64,AA) ![j](//evil.example/x.png)[@a]\n\n[r]: vbscript:msgbox\n\n[z][r] <iframe src=x></iframe>\n",
	"+++\ntitle = \"t\"\ndate = 2025-12-19\nkind = \"strike\"\n[[sources]]\nid = \"a\"\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://e.x/\"\n+++\n[![pixel](https://tracker.example/p.gif)](tel:1)[@a]\n\n![alt [inner](intent://evil#Intent;end)](https://example.org/x.png)\n\n> - [outer ![pic](https://tracker.example/q.gif)](ms-settings:privacy)\n\n| a |\n|---|\n| [x ![y](//t.example/y.gif)](blob:https://e.x/b) |\n\n## [h ![i](https://t.example/i.gif)](tel:2)\n\nNote.[^f]\n\n[^f]: [f ![g](https://t.example/g.gif)](intent://x)\n",
	"+++\ntitle = \"t\"\ndate = \"2025-12\"\nend = 2026-01-01T10:00:00+02:00\nkind = \"strike\"\nstatus = \"claimed\"\nclaimed_by = \"\\u0000\\u001b\"\nrelated = [\"n\"]\nstorylines = [\"sea\"]\n[[sources]]\nid = \"a\"\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://e.x/\"\narchived = \"https://a.x/\"\nquote = \"q\"\n[[updates]]\ndate = 2025-12-20\nnote = \"n\"\n+++\n> - [@a]\n>   1. *x*[^1]\n\n[^1]: foot [@a; @a]\n",
}

func FuzzParseNote(f *testing.F) {
	for _, s := range fuzzSeeds {
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

// FuzzBuildOneNote builds a whole site of one note. A build either fails
// with diagnostics that check reports too, or its every output file is safe
// to serve.
func FuzzBuildOneNote(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"config.toml":            {Data: []byte(fuzzConfig)},
			"content/2025/n.md":      {Data: data},
			"content/2025/other.md":  {Data: []byte(strings.Replace(note, "[[sources]]", "related = [\"n\"]\n\n[[sources]]", 1))},
			"content/pages/about.md": {Data: []byte("+++\ntitle = \"About\"\nmenu = 1\n+++\nAbout.\n")},
		}
		res, err := buildWithin(t, fsys, Options{})
		checked := Check(fsys, Options{})
		if err != nil {
			diags, ok := err.(Diagnostics)
			if !ok || diags.Errors() == 0 {
				t.Fatalf("build failed without a diagnostic: %v", err)
			}
			if checked.Errors() == 0 {
				t.Fatalf("build fails but check finds no error:\n%v", err)
			}
			return
		}
		if checked.Errors() > 0 {
			t.Fatalf("build succeeds but check finds errors:\n%v", checked)
		}
		requireSafe(t, res, "")
	})
}

// hangLimit catches a build that hangs. It is generous on purpose: a test
// must never fail because the machine is slow or busy.
const hangLimit = 60 * time.Second

// buildWithin builds fsys, failing t if the build takes longer than
// hangLimit: the Go fuzzer has no time limit of its own, and a hang would
// only stall it.
func buildWithin(t testing.TB, fsys fs.FS, opts Options) (*Result, error) {
	t.Helper()
	type result struct {
		res *Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := Build(fsys, opts)
		done <- result{res, err}
	}()
	select {
	case r := <-done:
		return r.res, r.err
	case <-time.After(hangLimit):
		t.Fatalf("the build did not finish in %v", hangLimit)
		return nil, nil
	}
}
