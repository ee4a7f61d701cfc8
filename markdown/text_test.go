package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/cite"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

func TestAppendText(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"Plain words.\n", "Plain words."},
		{"One.[@a] Two.[@a; @b; @zz]\n", "One. Two."},
		{"# Head *x*\n\nPara **bold** ~~gone~~ `a <b> &amp;`.\n", "Head x Para bold gone a <b> &amp;."},
		{"Text.[^1] More.\n\n[^1]: The note.[@a]\n", "Text. More. The note."},
		{"a  \nb\\\nc\nd\n", "a b c d"},
		{"<b>raw</b> and <!-- c --> x\n\n<div>block</div>\n", "raw and x"},
		{"| a | b |\n|---|---|\n| 1 | 2 |\n", "a b 1 2"},
		{"> quote\n\n- one\n- two\n\n***\n\n1. three\n", "quote one two three"},
		{"```\ncode <x> & y\n```\n\n    indented\n", "code <x> & y indented"},
		{"It's \"quoted\" -- and...\n", "It’s “quoted” – and…"},
		{"![an *image*](/i.png) [a link](https://e.x/) <https://auto.example/>\n", "an image a link https://auto.example/"},
		{"A&amp;B &mdash; \\*x\\*\n", "A&B — *x*"},
		{"", ""},
	} {
		d := Render([]byte(tc.src), []string{"a", "b"})
		if got := string(AppendText([]byte("prefix:"), d.HTML)); got != "prefix:"+tc.want {
			t.Errorf("%q:\n got %q\nwant %q\nhtml %s", tc.src, got, "prefix:"+tc.want, d.HTML)
		}
	}
}

// FuzzAppendText: the search text of any body is collapsed plain text
// holding every word of the body's text as the summary sees it (plainText,
// which walks the Markdown tree rather than reading the HTML).
func FuzzAppendText(f *testing.F) {
	for _, s := range append(linkifySeeds, "# Head [@a]\n\n> quote [@b]\n\n- item [@a]\n\n[^1]: note [@b]\n\nText[^1]\n",
		"![alt [@a]](x.png) [link [@a]](https://e.x) *[@a]* `[@a]`\n", "<sup>x</sup> <a class=\"footnote-backref\">y</a>\n") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if guard([]byte(src)) != nil {
			return
		}
		ids := []string{"a", "b"}
		d := Render([]byte(src), ids)
		got := string(AppendText(nil, d.HTML))
		if strings.Join(strings.Fields(got), " ") != got && utf8.ValidString(got) {
			t.Fatalf("%q: text not collapsed: %q", src, got)
		}
		pc, _ := cite.NewContext(ids, parser.WithIDs(&headingIDs{}))
		doc := md.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
		flattenEmphasis(doc)
		// Code spans keep a NUL that the page shows as U+FFFD (notes
		// with NUL are refused before they get here).
		want := strings.ReplaceAll(plainText(doc, []byte(src), len(src)), "\x00", "\uFFFD")
		for _, w := range strings.Fields(want) {
			if !strings.Contains(got, w) {
				t.Fatalf("%q: the search text %q lacks %q\nhtml %s", src, got, w, d.HTML)
			}
		}
	})
}
