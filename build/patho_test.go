package build

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// Pathological notes: each must build, or fail with a clear diagnostic, well
// within hangLimit. The limit catches hangs and quadratic blow-ups; it is
// generous, so that a slow or busy machine never fails these tests. The time
// each case took is logged.

// withBody is the test note with its body replaced.
func withBody(body string) string {
	return strings.Replace(testsite.Note, "The governor said a port was hit.[@reuters]\n", body, 1)
}

// manySources is a note with n sources, each cited once.
func manySources(n int) string {
	var fm, body strings.Builder
	for i := range n {
		fmt.Fprintf(&fm, "\n[[sources]]\nid = \"s%d\"\ntitle = \"Source %d\"\npublisher = \"Publisher %d\"\nurl = \"https://example.org/%d\"\npublished = 2025-12-19\n", i, i, i%50, i)
		fmt.Fprintf(&body, "Fact %d.[@s%d] ", i, i)
	}
	return "+++\ntitle = \"Many sources\"\ndate = 2025-12-19\nkind = \"strike\"\n" + fm.String() + "+++\n\n" + body.String() + "\n"
}

func TestPathological(t *testing.T) {
	// The sizes and counts shrink tenfold under -race or -short, which are
	// for catching other mistakes; a plain "go test" runs them in full, as
	// the names say.
	mb, k := 1<<20, 1
	if raceDetector || testing.Short() {
		mb, k = mb/10, 10
	}
	para := "The governor said the strike set a truck park on fire, and the port was closed for the night.[@reuters]\n\n"
	tenMB := strings.Repeat(para, 10*mb/len(para)+1)
	long := strings.Repeat("Заголовок ", 10000) // 100,000 characters
	tests := []struct {
		name  string
		files map[string]string
		err   string // a diagnostic that must be reported, or "" to build
	}{
		{"10 MB body", map[string]string{"content/n.md": withBody(tenMB)}, ""},
		{"10 MB of one line", map[string]string{"content/n.md": withBody(strings.Repeat("word ", 2*mb) + "[@reuters]\n")}, ""},
		{"2,000 sources", map[string]string{"content/n.md": manySources(2000 / k)}, ""},
		{"10,000 sources", map[string]string{"content/n.md": manySources(10000)}, "content/n.md:14211: the front matter is 1274 KB, more than the 256 KB a note may have: move long text into the body"},
		{"10,000 citations", map[string]string{"content/n.md": withBody(strings.Repeat("Fact.[@reuters] ", 10000/k) + "\n")}, ""},
		{"100,000 citations on separate lines", map[string]string{"content/n.md": withBody(strings.Repeat("Fact.[@reuters]\n", 100000/k))}, ""},
		{"200,000 unknown citations", map[string]string{"content/n.md": withBody(strings.Repeat("[@zz]\n", mb/5))}, `citation of unknown source "zz"`},
		{"200,000 malformed citations", map[string]string{"content/n.md": withBody(strings.Repeat("[@a, @b] ", mb/5))}, "malformed citation"},
		{"100,000 dropped links", map[string]string{"content/n.md": withBody(strings.Repeat("[x](javascript:alert(1))\n", 100000/k) + "[@reuters]\n")}, ""},
		{"an unclosed [@ on a 2 MB line", map[string]string{"content/n.md": withBody(strings.Repeat("[@", mb) + "\n\nText.[@reuters]\n")}, ""},
		{"2 MB of [ on one line", map[string]string{"content/n.md": withBody(strings.Repeat("[", 2*mb) + "\n\nText.[@reuters]\n")}, ""},
		{"60 nested quotes", map[string]string{"content/n.md": withBody(strings.Repeat("> ", 60) + "deep[@reuters]\n")}, ""},
		{"10,000 nested quotes", map[string]string{"content/n.md": withBody("Text.[@reuters]\n\n" + strings.Repeat("> ", 10000) + "deep\n")}, "content/n.md:17: this line is nested too deeply"},
		{"10,000 nested lists", map[string]string{"content/n.md": withBody(strings.Repeat("- ", 10000) + "deep[@reuters]\n")}, "content/n.md:15: this line is nested too deeply"},
		{"1,000 lists nested by indent", map[string]string{"content/n.md": withBody(nestedByIndent(1000) + "\n\nText.[@reuters]\n")}, "content/n.md:79: this line is nested too deeply"},
		{"2 MB of lists nested 30 deep", map[string]string{"content/n.md": withBody(strings.Repeat(strings.Repeat("- ", 30)+"item\n", 2*mb/65) + "\nText.[@reuters]\n")}, ""},
		{"2 MB of quotes and lists nested 30 deep", map[string]string{"content/n.md": withBody(strings.Repeat(strings.Repeat("> - ", 30)+"x\n", 2*mb/122) + "\nText.[@reuters]\n")}, ""},
		{"2 MB of lists nested by indent 60 deep", map[string]string{"content/n.md": withBody(strings.Repeat(nestedByIndent(60), 2*mb/len(nestedByIndent(60))) + "\n\nText.[@reuters]\n")}, ""},
		{"10,000 nested emphasis", map[string]string{"content/n.md": withBody(strings.Repeat("*a _b ", 10000) + "[@reuters]\n")}, ""},
		{"10,000 nested brackets", map[string]string{"content/n.md": withBody(strings.Repeat("[", 10000) + "x" + strings.Repeat("](u)", 10000) + "[@reuters]\n")}, ""},
		{"10,000 nested images", map[string]string{"content/n.md": withBody(strings.Repeat("![", 10000/k) + "x" + strings.Repeat("](u.png)", 10000/k) + "[@reuters]\n")}, ""},
		{"100,000 backticks", map[string]string{"content/n.md": withBody(strings.Repeat("`a ``b ", 50000) + "[@reuters]\n")}, ""},
		{"100,000 headings of the same text", map[string]string{"content/n.md": withBody(strings.Repeat("# Sources\n", 100000/k) + "[@reuters]\n")}, ""},
		{"200 footnotes", map[string]string{"content/n.md": withBody(footnotes(200) + "[@reuters]\n")}, ""},
		{"100,000 footnotes", map[string]string{"content/n.md": withBody(footnotes(100000) + "[@reuters]\n")}, "more than 200 footnote definitions"},
		{"100,000-character title", map[string]string{"content/n.md": strings.Replace(testsite.Note, `"Missile strike on a port"`, testsite.TOMLString(long), 1)}, ""},
		{"100,000-character place", map[string]string{"content/n.md": strings.Replace(testsite.Note, `["Odesa region"]`, "["+testsite.TOMLString(long)+"]", 1)}, "too long to name a page"},
		{"100 places", map[string]string{"content/n.md": strings.Replace(testsite.Note, `["Odesa region"]`, manyStrings("Place", 100), 1)}, ""},
		{"10,000 places", map[string]string{"content/n.md": strings.Replace(testsite.Note, `["Odesa region"]`, manyStrings("Place", 10000), 1)}, "content/n.md:5: places has 10000 names, at most 100"},
		{"10,000 tags, all the same", map[string]string{"content/n.md": strings.Replace(testsite.Note, `places = ["Odesa region"]`, "tags = ["+strings.Repeat(`"x", `, 10000)+"]", 1)}, ""},
		{"5,000 updates", map[string]string{"content/n.md": strings.Replace(testsite.Note, "+++\n\nThe", strings.Repeat("[[updates]]\ndate = 2025-12-20\nnote = \"Revised.\"\n", 5000/k)+"+++\n\nThe", 1)}, ""},
		{"30-deep TOML array", map[string]string{"content/n.md": strings.Replace(testsite.Note, "+++\n\nThe", "x = "+strings.Repeat("[", 30)+strings.Repeat("]", 30)+"\n+++\n\nThe", 1)}, `content/n.md:13: unknown key "x"`},
		{"10,000-deep TOML array", map[string]string{"content/n.md": strings.Replace(testsite.Note, "+++\n\nThe", "x = "+strings.Repeat("[", 10000)+strings.Repeat("]", 10000)+"\n+++\n\nThe", 1)}, "content/n.md:13: invalid TOML: nested more than 32 deep"},
		{"10,000-deep TOML inline table", map[string]string{"content/n.md": strings.Replace(testsite.Note, "+++\n\nThe", "x = "+strings.Repeat("{a = ", 10000)+"1"+strings.Repeat("}", 10000)+"\n+++\n\nThe", 1)}, "content/n.md:13: invalid TOML: nested more than 32 deep"},
		{"a title ending in a quote, then 10,000 nested inline tables", map[string]string{"content/n.md": strings.Replace(testsite.Note, `title = "Missile strike on a port"`, "title = '''A title''''\nx = "+strings.Repeat("{a = ", 10000)+"1"+strings.Repeat("}", 10000), 1)}, "content/n.md:3: invalid TOML: nested more than 32 deep"},
		{"a title ending in two quotes, then 20,000 nested arrays", map[string]string{"content/n.md": strings.Replace(testsite.Note, `title = "Missile strike on a port"`, `title = """A "title"""""`+"\nx = "+strings.Repeat("[", 20000)+strings.Repeat("]", 20000), 1)}, "content/n.md:3: invalid TOML: nested more than 32 deep"},
		{"a title ending in a quote, then a summary of 40 brackets", map[string]string{"content/n.md": strings.Replace(testsite.Note, `title = "Missile strike on a port"`, "title = '''A title''''\nsummary = \""+strings.Repeat("[", 40)+"\"", 1)}, ""},
		{"a multi-line title ending in quotes, then braces in a string", map[string]string{"content/n.md": strings.Replace(testsite.Note, `title = "Missile strike on a port"`, "title = \"\"\"A\n\"title\"\"\"\"\"\nsummary = '"+strings.Repeat("{", 40)+"'", 1)}, `content/n.md:2: title must be one line`},
		{"a key dotted 50,000 times", map[string]string{"content/n.md": strings.Replace(testsite.Note, "+++\n\nThe", strings.Repeat("a.", 50000)+"a = 1\n+++\n\nThe", 1)}, "content/n.md:13: invalid TOML: nested more than 32 deep"},
		{"a table header dotted 50,000 times", map[string]string{"content/n.md": strings.Replace(testsite.Note, "+++\n\nThe", "["+strings.Repeat("a.", 50000)+"a]\nk = 1\n+++\n\nThe", 1)}, "content/n.md:13: invalid TOML: nested more than 32 deep"},
		{"a key dotted 50,000 times in an inline table", map[string]string{"content/n.md": strings.Replace(testsite.Note, "+++\n\nThe", "x = {"+strings.Repeat("a.", 50000)+"a = 1}\n+++\n\nThe", 1)}, "content/n.md:13: invalid TOML: nested more than 32 deep"},
		{"dotted keys, headers and arrays 30 deep in all, 2,000 of them", map[string]string{"content/n.md": strings.Replace(testsite.Note, "+++\n\nThe", dottedTables(2000)+"+++\n\nThe", 1)}, "content/n.md:2644: invalid TOML: too many nested tables"},
		{"dotted keys, headers and arrays 30 deep in all, 200 of them", map[string]string{"content/n.md": strings.Replace(testsite.Note, "+++\n\nThe", dottedTables(200)+"+++\n\nThe", 1)}, `content/n.md:13: unknown key "t"`},
		{"a 100,000-character unknown key", map[string]string{"content/n.md": strings.Replace(testsite.Note, "+++\n\nThe", strings.Repeat("k", 100000)+" = 1\n+++\n\nThe", 1)}, "unknown key"},
		{"a note related to itself", map[string]string{"content/n.md": strings.Replace(testsite.Note, "[[sources]]", "related = [\"n\"]\n\n[[sources]]", 1)}, "related names this note itself"},
		{"a cycle of related notes", map[string]string{
			"content/a.md": strings.Replace(testsite.Note, "[[sources]]", "related = [\"b\"]\n\n[[sources]]", 1),
			"content/b.md": strings.Replace(testsite.Note, "[[sources]]", "related = [\"c\"]\n\n[[sources]]", 1),
			"content/c.md": strings.Replace(testsite.Note, "[[sources]]", "related = [\"a\"]\n\n[[sources]]", 1),
		}, ""},
		{"a 100,000-character unknown related id among 3,000 notes", hubSite(3000/k, strings.Repeat("x", 100000)), "no note has that id"},
		{"3,000 notes related to one", hubSite(3000/k, ""), ""},
		{"not UTF-8", map[string]string{"content/n.md": strings.Replace(testsite.Note, "Odesa", "Odes\xe0", 1)}, "content/n.md:5: the file is not UTF-8"},
		{"Latin-1 throughout", map[string]string{"content/n.md": "+++\ntitle = \"Caf\xe9\"\n+++\n"}, "content/n.md:2: the file is not UTF-8"},
		{"UTF-16", map[string]string{"content/n.md": "\xff\xfe+\x00+\x00+\x00\n\x00"}, "content/n.md:1: the file is not UTF-8"},
		{"NUL bytes", map[string]string{"content/n.md": strings.Replace(testsite.Note, "port was hit", "port\x00was hit", 1)}, "content/n.md:15: the file is not UTF-8"},
		{"CR line ends alone", map[string]string{"content/n.md": strings.ReplaceAll(testsite.Note, "\n", "\r")}, "content/n.md:1: the lines of this file end with a carriage return alone"},
		{"an empty file", map[string]string{"content/n.md": ""}, "content/n.md:1: a note starts with a line +++"},
		{"a config of 10,000 kinds", map[string]string{"config.toml": testsite.Config + manyKinds(10000/k), "content/n.md": testsite.Note}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testsite.FS(tt.files)
			start := time.Now()
			res, err := buildWithin(t, fsys, site.Options{})
			t.Logf("%v", time.Since(start).Round(time.Millisecond))
			if tt.err == "" {
				if err != nil {
					t.Fatalf("the build failed:\n%.2000v", err)
				}
				if res.Files.Pages() == 0 {
					t.Fatal("no pages")
				}
				return
			}
			if err == nil {
				t.Fatalf("built; want an error %q", tt.err)
			}
			msg := err.Error()
			if !strings.Contains(msg, tt.err) {
				t.Fatalf("want %q in:\n%.2000s", tt.err, msg)
			}
			if n := strings.Count(msg, "\n") + 1; n > 500 {
				t.Errorf("%d diagnostics: too many to read", n)
			}
		})
	}
}

func nestedByIndent(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- item\n")
	}
	return b.String()
}

func footnotes(n int) string {
	var refs, defs strings.Builder
	for i := range n {
		fmt.Fprintf(&refs, "x[^%d] ", i)
		fmt.Fprintf(&defs, "[^%d]: note %d\n", i, i)
	}
	return refs.String() + "\n\n" + defs.String() + "\n"
}

func manyStrings(prefix string, n int) string {
	list := make([]string, n)
	for i := range list {
		list[i] = fmt.Sprintf("%q", fmt.Sprintf("%s %d", prefix, i))
	}
	return "[" + strings.Join(list, ", ") + "]"
}

func manyKinds(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "\n[kinds.k%d]\nlabel = \"Kind %d\"\n", i, i)
	}
	return b.String()
}

// hubSite is n notes that all relate to the first; with bad, the first
// also names bad, which no note has.
func hubSite(n int, bad string) map[string]string {
	files := map[string]string{}
	for i := range n {
		rel := `related = ["hub"]`
		if i == 0 {
			rel = ""
			if bad != "" {
				rel = "related = [" + testsite.TOMLString(bad) + "]"
			}
		}
		name := fmt.Sprintf("content/n%05d.md", i)
		if i == 0 {
			name = "content/hub.md"
		}
		files[name] = strings.Replace(testsite.Note, "[[sources]]", rel+"\n\n[[sources]]", 1)
	}
	return files
}

// TestCRLFAndBOM: a note saved with CRLF line ends, with a byte-order mark,
// or both, builds to the same bytes as the plain note, and its mistakes are
// reported on the same lines.
func TestCRLFAndBOM(t *testing.T) {
	body := "First paragraph.[@reuters]\n\n> A quote\n> over two lines.\n\n```\ncode\n```\n\nLast line.\n"
	plain := withBody(body)
	plain = strings.Replace(plain, "[[sources]]", "summary = \"\"\"\nTwo\nlines\"\"\"\n\n[[sources]]", 1)
	variants := map[string]string{
		"CRLF":       strings.ReplaceAll(plain, "\n", "\r\n"),
		"BOM":        "\xef\xbb\xbf" + plain,
		"BOM + CRLF": "\xef\xbb\xbf" + strings.ReplaceAll(plain, "\n", "\r\n"),
	}
	want, err := Build(testsite.FS(map[string]string{"content/n.md": plain}), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for name, text := range variants {
		got, err := Build(testsite.FS(map[string]string{"content/n.md": text}), site.Options{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for p, data := range want.Files {
			if !bytes.Equal(got.Files[p], data) {
				t.Errorf("%s: %s differs from the plain note's", name, p)
			}
		}
	}

	// Mistakes, in the front matter and in the body, at the same lines.
	bad := strings.Replace(plain, `kind = "strike"`, `kind = "strikes"`, 1)
	bad = strings.Replace(bad, "Last line.", "Last line.[@nope]", 1)
	bad = strings.Replace(bad, `published = 2025-12-19`, `published = 2025-12-19`+"\nbogus = 1", 1)
	_, plainErr := Build(testsite.FS(map[string]string{"content/n.md": bad}), site.Options{})
	if plainErr == nil {
		t.Fatal("the bad note built")
	}
	wantLines := []string{"content/n.md:4: kind", "content/n.md:17: unknown key", "content/n.md:29: citation of unknown source"}
	for _, w := range wantLines {
		if !strings.Contains(plainErr.Error(), w) {
			t.Errorf("plain: want %q in\n%v", w, plainErr)
		}
	}
	for name, conv := range map[string]func(string) string{
		"CRLF":       func(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") },
		"BOM":        func(s string) string { return "\xef\xbb\xbf" + s },
		"BOM + CRLF": func(s string) string { return "\xef\xbb\xbf" + strings.ReplaceAll(s, "\n", "\r\n") },
		"mixed":      func(s string) string { return strings.Replace(s, "\n", "\r\n", 7) },
	} {
		_, err := Build(testsite.FS(map[string]string{"content/n.md": conv(bad)}), site.Options{})
		if err == nil || err.Error() != plainErr.Error() {
			t.Errorf("%s: diagnostics differ from the plain note's:\n%v\n---\n%v", name, err, plainErr)
		}
	}
	// A TOML syntax error keeps its line and column too.
	syntax := strings.Replace(plain, `date = 2025-12-19`, `date = 2025-12-19 oops`, 1)
	_, e1 := Build(testsite.FS(map[string]string{"content/n.md": syntax}), site.Options{})
	_, e2 := Build(testsite.FS(map[string]string{"content/n.md": strings.ReplaceAll(syntax, "\n", "\r\n")}), site.Options{})
	if e1 == nil || e2 == nil || e1.Error() != e2.Error() || !strings.Contains(e1.Error(), "content/n.md:3:") {
		t.Errorf("TOML error with CRLF:\n%v\n---\n%v", e2, e1)
	}
}

// dottedTables is n tables, each under a header two parts deep and holding
// a key of 11 parts set to arrays nested 17 deep: 30 levels in all.
func dottedTables(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "[t.u%d]\n%sa = %s1.5%s\n", i, strings.Repeat("a.", 10), strings.Repeat("[", 17), strings.Repeat("]", 17))
	}
	return b.String()
}
