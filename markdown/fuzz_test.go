package markdown

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/internal/htmlcheck"
)

// FuzzCitations renders bodies with citations among any Markdown. Every
// source the body cites is numbered once, in order, and has exactly one
// anchor for its first citation (the source list links back to it); every
// problem is on a line of the body; and the HTML holds nothing a browser
// would run.
func FuzzCitations(f *testing.F) {
	for _, s := range []struct{ src, ids string }{
		{"A fact.[@a]\n", "a"},
		{"One.[@b] Two.[@a; @b] Three.[@a]\n", "a b"},
		{"Bad.[@a, @b] [@] [@@a] [@a;] [ @a] [@a][@a]\n", "a b"},
		{"![alt [@a]](x.png) [link [@a]](https://e.x) *[@a]* `[@a]`\n", "a"},
		{"# Head [@a]\n\n> quote [@b]\n\n- item [@a]\n\n[^1]: note [@b]\n\nText[^1]\n", "a b"},
		{"[x](javascript:alert(1)) <vbscript:x> [y][r]\n\n[r]: data:text/html,x\n", ""},
		{"[@" + strings.Repeat("a", 3000) + "]\n", "a"},
		{"| a | b |\n|:--|--:|\n| [@a] | x |\n", "a"},
		{"[![pixel](https://tracker.example/p.gif)](tel:1)[@a]\n\n![alt [inner](intent://evil#Intent;end)](https://example.org/x.png)\n", "a"},
		{"> - [outer ![pic](https://tracker.example/q.gif)](ms-settings:privacy)\n\n| [x ![y](//t.example/y.gif)](blob:x) |\n|---|\n\n## [h ![i](https://t.example/i.gif)](tel:2)[^f]\n\n[^f]: [f ![g](https://t.example/g.gif)](intent://x)\n", "a"},
	} {
		f.Add(s.src, s.ids)
	}
	f.Fuzz(func(t *testing.T, src, idList string) {
		ids := strings.Fields(idList)
		d := renderWithin(t, 30*time.Second, src, ids)
		lines := strings.Count(src, "\n") + 1
		for _, p := range d.Problems {
			if p.Line < 1 || p.Line > lines || p.Msg == "" {
				t.Fatalf("problem off the body (%d lines): %+v", lines, p)
			}
		}
		total := 0
		for i, id := range d.Cited {
			if !slices.Contains(ids, id) || slices.Index(d.Cited, id) != i || d.Count[id] == 0 {
				t.Fatalf("cited %q: ids %q, cited %q, count %v", id, ids, d.Cited, d.Count)
			}
			anchor := fmt.Sprintf(`id="cite-%d-1"`, i+1)
			if n := strings.Count(d.HTML, anchor); n != 1 {
				t.Fatalf("source %d (%s) has %d first-citation anchors:\n%s", i+1, id, n, d.HTML)
			}
			total += d.Count[id]
		}
		if len(d.Count) != len(d.Cited) {
			t.Fatalf("counted %v, cited %q", d.Count, d.Cited)
		}
		if n := strings.Count(d.HTML, `id="cite-`); n != total {
			t.Fatalf("%d citations counted, %d rendered:\n%s", total, n, d.HTML)
		}
		if utf8.ValidString(src) && !utf8.ValidString(d.HTML) {
			t.Fatalf("HTML is not UTF-8")
		}
		if p := htmlcheck.Fragment([]byte(d.HTML), htmlcheck.Policy{BasePath: "/"}); len(p) > 0 {
			t.Fatalf("unsafe HTML: %v\n%s", p, d.HTML)
		}
	})
}

// renderWithin fails the test when Render takes longer than limit: the Go
// fuzzer has no time limit of its own, and a hang would only stall it.
func renderWithin(t *testing.T, limit time.Duration, src string, ids []string) Doc {
	t.Helper()
	done := make(chan Doc, 1)
	go func() { done <- Render([]byte(src), ids) }()
	select {
	case d := <-done:
		return d
	case <-time.After(limit):
		t.Fatalf("Render took longer than %v on %d bytes: %.200q", limit, len(src), src)
		return Doc{}
	}
}

// FuzzLinkifyGate holds mayLinkify to its promise: for any body it says
// linkify can find nothing in, the instance without linkify renders the
// same document as the one with it.
func FuzzLinkifyGate(f *testing.F) {
	for _, src := range linkifySeeds {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if mayLinkify([]byte(src)) {
			return
		}
		with := render(md, []byte(src), []string{"a", "b"})
		without := render(mdNoLinkify, []byte(src), []string{"a", "b"})
		if !reflect.DeepEqual(with, without) {
			t.Fatalf("%q renders differently without linkify:\n%s\n%s", src, with.HTML, without.HTML)
		}
	})
}

var linkifySeeds = []string{
	"Fact.[@a] Other.[@a; @b]\n",
	"Write to a@b.example or (c@d.example), *e@f.example*, _g@h.example_, ~i@j.example~.\n",
	"See http://x.example, https://y.example/p?q=1, ftp://z.example and www.example.org.\n",
	"HTTP://X.EXAMPLE and Www.Example.org\n",
	"`a@b.example` <a@b.example> \\@ [x](a@b.example) \"a\"@b.example\n",
	"- item a@b\n\n> quote www.\n\n| a | b@c.d |\n|---|---|\n",
	"Ünïcödé@exämple.org and 名前@例え.jp\n",
}
