package frontmatter

import (
	"bytes"
	"strings"
	"testing"
)

// note is a valid note.
const note = `+++
title = "Missile strike on a port"
date = 2025-12-19
kind = "strike"
places = ["Odesa region"]

[[sources]]
id = "reuters"
title = "Strike on port"
publisher = "Reuters"
url = "https://example.com/a"
published = 2025-12-19
+++

The governor said a port was hit.[@reuters]
`

// fuzzSeeds are files for the fuzz targets: valid ones, and the usual ways
// of getting them wrong. Their seeds are here and in testdata/fuzz/FuzzXxx;
// "go test" runs the seeds, and
//
//	go test -run XXX -fuzz '^FuzzSplitFrontMatter$' -fuzztime 5m ./frontmatter
//
// searches for more.
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
	"+++\ntitle = \"t\"\ndate = \"2025-12\"\nend = 2026-01-01T10:00:00+02:00\nkind = \"strike\"\nstatus = \"claimed\"\nclaimed_by = \"\\u0000\\u001b\"\nrelated = [\"n\"]\nstorylines = [\"sea\"]\n[[sources]]\nid = \"a\"\ntitle = \"t\"\npublisher = \"p\"\nurl = \"https://e.x/\"\narchived = \"https://a.x/\"\nquote = \"q\"\n[[updates]]\ndate = 2025-12-20\nnote = \"n\"\n+++\n> - [@a]\n>   1. *x*[^1]\n\n[^1]: foot [@a; @a]\n",
}

func TestSplit(t *testing.T) {
	for _, tt := range []struct {
		name, in    string
		fm, body    string
		bodyLine    int
		problem     string // a prefix of the problem's message, or ""
		problemLine int
	}{
		{"LF", "+++\na = 1\n+++\nbody\n", "a = 1\n", "body\n", 4, "", 0},
		{"CRLF", "+++\r\na = 1\r\n+++\r\nbody\r\n", "a = 1\n", "body\n", 4, "", 0},
		{"BOM", "\xef\xbb\xbf+++\na = 1\n+++\nbody", "a = 1\n", "body", 4, "", 0},
		{"CR alone in the body", "+++\na = 1\n+++\nx\ry\n", "a = 1\n", "x\ny\n", 4, "", 0},
		{"CR alone in the front matter", "+++\na = 1\rb = 2\n+++\n", "", "", 0, "this line ends with a carriage return alone", 2},
		{"old Mac line ends", "+++\ra = 1\r+++\r", "", "", 0, "the lines of this file end with a carriage return alone", 1},
		{"no front matter", "body\n", "", "", 0, "a note starts with a line +++", 1},
		{"never closed", "+++\na = 1\n", "", "", 0, "the front matter opened by +++ on line 1 is never closed", 1},
		{"not UTF-8", "+++\na = 1\n+++\n\xff\n", "", "", 0, "the file is not UTF-8 text", 4},
		{"NUL", "+++\na = \"\x00\"\n+++\n", "", "", 0, "the file is not UTF-8 text", 2},
	} {
		fm, body, line, p := Split([]byte(tt.in))
		if tt.problem != "" {
			if p == nil || !strings.HasPrefix(p.Msg, tt.problem) || p.Line != tt.problemLine || fm != nil || body != nil {
				t.Errorf("%s: got %q %q %+v, want line %d: %s", tt.name, fm, body, p, tt.problemLine, tt.problem)
			}
			continue
		}
		if p != nil || string(fm) != tt.fm || string(body) != tt.body || line != tt.bodyLine {
			t.Errorf("%s: got %q %q %d %+v, want %q %q %d", tt.name, fm, body, line, p, tt.fm, tt.body, tt.bodyLine)
		}
	}
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fm, body, bodyLine, problem := splitFrontMatter(data)
		if problem != "" {
			if fm != nil || body != nil || bodyLine != 0 {
				t.Fatalf("a problem with results: %q %q %d", fm, body, bodyLine)
			}
			return
		}
		src := bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
		if !bytes.HasSuffix(src, body) || !bytes.Contains(src, fm) {
			t.Fatalf("front matter %q or body %q is not from the input", fm, body)
		}
		// The body's first line is the line it starts on in the file.
		if len(body) > 0 {
			if want := bytes.Count(src[:len(src)-len(body)], []byte("\n")) + 1; bodyLine != want {
				t.Fatalf("body line %d, want %d", bodyLine, want)
			}
		}
		for l := range bytes.SplitSeq(fm, []byte("\n")) {
			if isDelim(l) {
				t.Fatalf("the front matter holds a +++ line: %q", fm)
			}
		}
		// CRLF line ends change nothing but the line ends.
		if !bytes.Contains(data, []byte("\r")) {
			crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
			fm2, body2, line2, problem2 := splitFrontMatter(crlf)
			if problem2 != "" {
				t.Fatalf("CRLF version fails: %v", problem2)
			}
			lf := func(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")) }
			if line2 != bodyLine || !bytes.Equal(lf(fm2), fm) || !bytes.Equal(lf(body2), body) {
				t.Fatalf("CRLF version differs: line %d vs %d, %q vs %q, %q vs %q", line2, bodyLine, fm2, fm, body2, body)
			}
		}
	})
}
