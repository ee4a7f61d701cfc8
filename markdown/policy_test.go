package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/internal/htmlcheck"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// TestNetworkPathImages: "//host/x" names another host as surely as
// "https://host/x", and browsers read "/\host" the same way. (A backslash
// that reaches the HTML is percent-encoded, so "\\host" cannot.)
func TestNetworkPathImages(t *testing.T) {
	for _, src := range []string{"![p](//tracker.example/p.gif)", `![p](/\tracker.example/p.gif)`, "![p](<\t//tracker.example/p.gif>)", "![p][r]\n\n[r]: //tracker.example/p.gif"} {
		d := Render([]byte(src+"\n"), nil)
		if strings.Contains(string(d.HTML), "<img") || len(d.Problems) != 1 || !d.Problems[0].Warn {
			t.Errorf("%q: %s %v", src, d.HTML, d.Problems)
		}
	}
	for _, src := range []string{"![p](pic.png)", "![p](/chron/pic.png)", "![p](../pic.png)"} {
		if d := Render([]byte(src+"\n"), nil); !strings.Contains(string(d.HTML), "<img") || len(d.Problems) > 0 {
			t.Errorf("%q: a local image was dropped: %s %v", src, d.HTML, d.Problems)
		}
	}
	// Links to another host are fine: the reader chooses to follow them.
	if d := Render([]byte("[x](//example.org/a)\n"), nil); !strings.Contains(string(d.HTML), `href="//example.org/a"`) {
		t.Errorf("network-path link dropped: %s", d.HTML)
	}
}

// TestCitationInImageText: an image's text becomes its alt attribute, where
// a citation cannot link; it moves after the image, so that the anchor the
// source list links back to exists.
func TestCitationInImageText(t *testing.T) {
	d := Render([]byte("![Port on fire [@a]](port.jpg) and later.[@a]\n"), []string{"a"})
	h := string(d.HTML)
	if !strings.Contains(h, `<img src="port.jpg" alt="Port on fire "><sup class="cite">[<a href="#src-1" id="cite-1-1"`) ||
		!strings.Contains(h, `id="cite-1-2"`) || d.Count["a"] != 2 {
		t.Errorf("citation not moved after the image: %s", h)
	}
}

// TestTableAlignNoInlineStyle: the pages' CSP blocks inline styles, so
// column alignment is written as the align attribute.
func TestTableAlignNoInlineStyle(t *testing.T) {
	d := Render([]byte("| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n"), nil)
	h := string(d.HTML)
	if strings.Contains(h, "style=") || !strings.Contains(h, `<th align="left">a</th>`) || !strings.Contains(h, `<td align="right">3</td>`) {
		t.Errorf("table alignment: %s", h)
	}
}

// TestHeadingIDsKeepClear: a heading of a body cannot take an id the page
// gives its own elements, or links to "#src-1" would land in the body.
func TestHeadingIDsKeepClear(t *testing.T) {
	d := Render([]byte("# Src 1\n\n## Sources\n\n## Cite 1 1\n\n## Main\n\n## D2025 12 19\n\n## Background\n\n## Background\n"), nil)
	h := string(d.HTML)
	for _, want := range []string{`id="h-src-1"`, `id="sources-1"`, `id="h-cite-1-1"`, `id="main-1"`, `id="h-d2025-12-19"`, `id="background"`, `id="background-1"`} {
		if !strings.Contains(h, want) {
			t.Errorf("no %s in %s", want, h)
		}
	}
	for _, bad := range []string{`id="src-1"`, `id="sources"`, `id="main"`, `id="cite-1-1"`} {
		if strings.Contains(h, bad) {
			t.Errorf("a heading took %s: %s", bad, h)
		}
	}
}

// TestCitationsNumberedAsShown: a footnote that nothing refers to is not
// shown, so what it cites is not cited; footnotes come at the end of the
// page, so what they cite is numbered after the text's citations.
func TestCitationsNumberedAsShown(t *testing.T) {
	d := Render([]byte("[^0]: Only here.[@a]\n"), []string{"a"})
	if len(d.Cited) != 0 || d.Count["a"] != 0 || strings.Contains(string(d.HTML), "cite-") {
		t.Errorf("a citation in an unreferenced footnote counts: %v %v %s", d.Cited, d.Count, d.HTML)
	}
	d = Render([]byte("Text.[^1] More.[@b]\n\n[^1]: Note.[@a]\n"), []string{"a", "b"})
	if strings.Join(d.Cited, ",") != "b,a" || !strings.Contains(string(d.HTML), `href="#src-2" id="cite-2-1"`) {
		t.Errorf("cited %v:\n%s", d.Cited, d.HTML)
	}
}

// TestHeadingIDsAnyScript: a heading in Cyrillic (or any script) gets an id
// of its words, as a Latin one does, where goldmark's gives "-".
func TestHeadingIDsAnyScript(t *testing.T) {
	d := Render([]byte("## Заява Зеленського\n\n## Заява Зеленського\n\n## Київ, 2025\n\n## Ελλάδα_και Κύπρος\n\n## 🙂\n"), nil)
	h := string(d.HTML)
	for _, want := range []string{`id="заява-зеленського"`, `id="заява-зеленського-1"`, `id="київ-2025"`, `id="ελλάδα-και-κύπρος"`, `id="heading"`} {
		if !strings.Contains(h, want) {
			t.Errorf("no %s in %s", want, h)
		}
	}
}

// FuzzHeadingIDsAsGoldmark: on ASCII text, headingIDs makes goldmark's ids
// (kept clear of the page's own as before), so that no link to a heading
// of a note in Latin script changes.
func FuzzHeadingIDsAsGoldmark(f *testing.F) {
	f.Add("Background", "Background", "Src 1")
	f.Add("  a_b-c  d!", "", "---")
	f.Add("main", "Main", "f-x")
	f.Add("a", "a-1", "a")
	f.Add("x", "x", "x-1")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		ours := &headingIDs{}
		theirs := parser.NewContext().IDs()
		for _, id := range pageIDs {
			theirs.Put([]byte(id))
		}
		for _, v := range []string{a, b, c} {
			for i := 0; i < len(v); i++ {
				if v[i] >= utf8.RuneSelf {
					return
				}
			}
			want := theirs.Generate([]byte(v), ast.KindHeading)
			if pageIDRE.Match(want) {
				want = theirs.Generate(append([]byte("h-"), want...), ast.KindHeading)
			}
			if got := ours.Generate([]byte(v), ast.KindHeading); string(got) != string(want) {
				t.Fatalf("%q: got %q, goldmark's %q", v, got, want)
			}
		}
	})
}

// nestedDropped are links and images inside links and images that the
// policy drops: the inner ones must be judged too, not moved out unseen.
// Each holds two refused destinations.
var nestedDropped = []string{
	"[![pixel](https://tracker.example/p.gif)](tel:1)",
	"![alt [inner](intent://evil#Intent;end)](https://example.org/x.png)",
	"[outer ![pic](https://tracker.example/q.gif)](ms-settings:privacy)",
	"![a ![b](blob:https://example.org/x)](//tracker.example/y.gif)",
	"[x ![y ![z](https://tracker.example/z.gif)](https://tracker.example/y.gif)](tel:2)",
}

// nestingContainers put a snippet in each block that can hold a link.
var nestingContainers = []struct {
	name string
	fn   func(s string) string
}{
	{"paragraph", func(s string) string { return s }},
	{"heading", func(s string) string { return "## " + s }},
	{"list", func(s string) string { return "- item\n- " + s }},
	{"quote", func(s string) string { return "> " + s }},
	{"quote and list", func(s string) string { return "> 1. " + s }},
	{"table", func(s string) string { return "| a |\n|---|\n| " + s + " |" }},
	{"footnote", func(s string) string { return "See.[^f]\n\n[^f]: " + s }},
	{"emphasis", func(s string) string { return "*" + s + "*" }},
}

// TestNestedLinksJudged: every link and image at any depth goes through the
// policy; each one dropped has its own warning on its line.
func TestNestedLinksJudged(t *testing.T) {
	for _, c := range nestingContainers {
		for i, snippet := range nestedDropped {
			src := "First line.\n\n" + c.fn(snippet) + "\n"
			d := Render([]byte(src), nil)
			h := string(d.HTML)
			for _, bad := range []string{"tracker.example", "tel:", "intent:", "ms-settings:", "blob:", "<img"} {
				if strings.Contains(h, bad) {
					t.Errorf("%s %d: %q reached the HTML:\n%s", c.name, i, bad, h)
				}
			}
			want := strings.Count(snippet, "](")
			if len(d.Problems) != want {
				t.Errorf("%s %d: %d warnings, want %d (one per dropped link or image): %v", c.name, i, len(d.Problems), want, d.Problems)
			}
			line := strings.Count(src[:strings.Index(src, snippet)], "\n") + 1
			for _, p := range d.Problems {
				if !p.Warn || p.Line != line {
					t.Errorf("%s %d: %+v, want a warning on line %d", c.name, i, p, line)
				}
			}
			if p := htmlcheck.Fragment([]byte(h), htmlcheck.Policy{BasePath: "/"}); len(p) > 0 {
				t.Errorf("%s %d: %v", c.name, i, p)
			}
		}
	}
	// What the dropped nodes said stays as text.
	d := Render([]byte("[outer ![pic](https://tracker.example/q.gif)](ms-settings:privacy)\n"), nil)
	if !strings.Contains(d.HTML, "outer pic") {
		t.Errorf("the text of dropped links was lost: %s", d.HTML)
	}
}
