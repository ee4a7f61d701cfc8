package markdown

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCitations(t *testing.T) {
	tests := []struct {
		name, src string
		ids       []string
		html      []string // substrings of the output
		cited     []string
		problems  []string
	}{
		{
			name: "one", src: "A fact.[@a]\n", ids: []string{"a"},
			html:  []string{`<sup class="cite">[<a href="#src-1" id="cite-1-1" aria-label="source 1">1</a>]</sup>`},
			cited: []string{"a"},
		},
		{
			name: "numbered by first citation", src: "One.[@b] Two.[@a; @b] Three.[@a]\n", ids: []string{"a", "b"},
			html:  []string{`id="cite-1-1"`, `href="#src-2" id="cite-2-1"`, `href="#src-1" id="cite-1-2"`, `href="#src-2" id="cite-2-2"`},
			cited: []string{"b", "a"},
		},
		{
			name: "spaces inside", src: "X.[ @a ;@b ]\n", ids: []string{"a", "b"},
			html:  []string{"[ @a ;@b ]"}, // "[ @" is not a citation: it must start "[@"
			cited: nil,
		},
		{
			name: "unknown id", src: "Line one.\nLine two.[@zz]\n", ids: []string{"a"},
			problems: []string{`2: citation of unknown source "zz"`},
		},
		{
			name: "malformed", src: "Bad.[@a, @b]\n", ids: []string{"a", "b"},
			problems: []string{`1: malformed citation "[@a, @b]"`},
		},
		{
			name: "email-like text is not a citation", src: "Write to [me@example.org](mailto:me@example.org).\n",
			html: []string{`<a href="mailto:me@example.org">me@example.org</a>`},
		},
		{
			name: "link after citation", src: "See [the report](https://example.com).[@a]\n", ids: []string{"a"},
			html: []string{`<a href="https://example.com">the report</a>.<sup class="cite">`}, cited: []string{"a"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Render([]byte(tt.src), tt.ids)
			for _, h := range tt.html {
				if !strings.Contains(string(d.HTML), h) {
					t.Errorf("HTML lacks %s:\n%s", h, d.HTML)
				}
			}
			if strings.Join(d.Cited, ",") != strings.Join(tt.cited, ",") {
				t.Errorf("cited %v, want %v", d.Cited, tt.cited)
			}
			var got []string
			for _, p := range d.Problems {
				got = append(got, strings.Join([]string{itoa(p.Line), p.Msg}, ": "))
			}
			if len(got) != len(tt.problems) {
				t.Fatalf("problems %q, want %q", got, tt.problems)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tt.problems[i]) {
					t.Errorf("problem %q, want prefix %q", got[i], tt.problems[i])
				}
			}
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestLinkPolicy(t *testing.T) {
	bad := []string{
		"[x](javascript:alert(1))",
		"[x](JavaScript:alert(1))",
		"[x](javascript&colon;alert(1))",
		"[x](&#106;avascript:alert(1))",
		"[x](java\tscript:alert(1))",
		"[x](vbscript:msgbox)",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		"[x]( javascript:alert(1))",
		"<javascript:alert(1)>",
		"[x][ref]\n\n[ref]: javascript:alert(1)",
		"![img](https://tracker.example/p.gif)",
		"[x](file:///etc/passwd)",
		"[x](javascript\\:alert(1))",
		"[x](vbscript&#x3a;msgbox)",
	}
	for _, src := range bad {
		d := Render([]byte(src+"\n"), nil)
		h := strings.ToLower(string(d.HTML))
		if strings.Contains(h, "href=\"javascript") || strings.Contains(h, "vbscript:") || strings.Contains(h, "data:") ||
			strings.Contains(h, "<img") || strings.Contains(h, "file:") || strings.Contains(h, "href=\"java") {
			t.Errorf("%q kept an unsafe link: %s", src, d.HTML)
		}
		if len(d.Problems) == 0 && !strings.Contains(src, "\t") {
			t.Errorf("%q: no warning that a link was dropped (HTML %s)", src, d.HTML)
		}
	}
	good := map[string]string{
		"[x](https://example.com/a?b=c)": `<a href="https://example.com/a?b=c">x</a>`,
		"[x](http://example.com)":        `<a href="http://example.com">x</a>`,
		"[x](mailto:a@example.org)":      `<a href="mailto:a@example.org">x</a>`,
		"[x](../about/)":                 `<a href="../about/">x</a>`,
		"[x](#sources)":                  `<a href="#sources">x</a>`,
		"https://example.com/auto":       `<a href="https://example.com/auto">https://example.com/auto</a>`,
	}
	for src, want := range good {
		d := Render([]byte(src+"\n"), nil)
		if !strings.Contains(string(d.HTML), want) || len(d.Problems) != 0 {
			t.Errorf("%q: got %s %v, want %s", src, d.HTML, d.Problems, want)
		}
	}
}

func TestRawHTMLIsOff(t *testing.T) {
	d := Render([]byte("<script>alert(1)</script>\n\nText <b onclick=\"x()\">bold</b> <iframe src=\"https://e.com\"></iframe>\n"), nil)
	h := string(d.HTML)
	for _, bad := range []string{"<script", "<b ", "onclick", "<iframe"} {
		if strings.Contains(h, bad) {
			t.Errorf("raw HTML %q came through: %s", bad, h)
		}
	}
}

func TestSummary(t *testing.T) {
	src := "# Heading\n\nThe *governor* said \"it burned\" at [the port](https://e.com).[@a]\nSecond line.\n\nAnother paragraph.\n"
	d := Render([]byte(src), []string{"a"})
	want := "The governor said “it burned” at the port. Second line."
	if d.Summary != want {
		t.Errorf("summary %q, want %q", d.Summary, want)
	}
}

func TestScheme(t *testing.T) {
	for u, want := range map[string]string{
		"https://x": "https", "HTTP://x": "http", "/a:b": "", "a/b:c": "", "mailto:x": "mailto",
		"\x01javascript:x": "javascript", "java\nscript:x": "javascript", "": "", ":x": "", "1a:b": "", "a+b.c-d:x": "a+b.c-d",
		"javascript%3Ax": "",
	} {
		if got := Scheme(u); got != want {
			t.Errorf("Scheme(%q) = %q, want %q", u, got, want)
		}
	}
}

// TestSpacedIsFieldsJoin: the one-pass collapse of white space gives what
// strings.Fields and Join give, for any text, split anywhere between runes.
func TestSpacedIsFieldsJoin(t *testing.T) {
	for _, text := range []string{"", " ", "a", "  a  b\t\nc ", "\u00a0x\u2003y\u0085", "one\x00two", "bad \xff\xfe utf", "à la  carte", "\n\n"} {
		for cut := 0; cut <= len(text); cut++ {
			var sp spaced
			sp.write([]byte(text[:cut]))
			sp.write([]byte(text[cut:]))
			if got, want := string(sp.b), strings.Join(strings.Fields(text), " "); got != want && utf8.ValidString(text[:cut]) {
				t.Errorf("%q cut at %d: %q, want %q", text, cut, got, want)
			}
		}
	}
}

// TestDeepEmphasisFlattened: emphasis nested past maxEmphasis is unwrapped,
// its text kept, so that no parser gives up on the page.
func TestDeepEmphasisFlattened(t *testing.T) {
	src := strings.Repeat("**", 300) + "deep words" + strings.Repeat("**", 300) + " and ~~struck~~ *fine*.\n"
	d := Render([]byte(src), nil)
	html := string(d.HTML)
	if n := strings.Count(html, "<strong>"); n > maxEmphasis {
		t.Errorf("%d nested <strong>, at most %d", n, maxEmphasis)
	}
	for _, want := range []string{"deep words", "<del>struck</del>", "<em>fine</em>"} {
		if !strings.Contains(html, want) {
			t.Errorf("lost %q:\n%.300s", want, html)
		}
	}
	if strings.Count(html, "<strong>") != strings.Count(html, "</strong>") {
		t.Errorf("unbalanced:\n%.300s", html)
	}
	// The fewest delimiters that nest one level too deep, *a _a … x … a_
	// a*: one a side a level, which mayNestDeep must let through.
	var open, closing []string
	for i := range maxEmphasis + 1 {
		d := string("*_"[i%2])
		open = append(open, d+"a")
		closing = append([]string{"a" + d}, closing...)
	}
	src = strings.Join(open, " ") + " x " + strings.Join(closing, " ") + "\n"
	if !mayNestDeep([]byte(src)) {
		t.Fatalf("mayNestDeep(%q) = false", src)
	}
	if n := strings.Count(string(Render([]byte(src), nil).HTML), "<em>"); n > maxEmphasis {
		t.Errorf("%q: %d nested <em>, at most %d", src, n, maxEmphasis)
	}
}

func TestMayLinkify(t *testing.T) {
	for src, want := range map[string]bool{
		"Fact.[@a] Other.[@a; @b], (@b)":  false,
		"No links here.":                  false,
		"x@y.example":                     true,
		"see http://x":                    true,
		"see https://x":                   true,
		"see ftp://x":                     true,
		"see www.example.org":             true,
		"the @ sign alone, and @handle":   false,
		"name@ at the end":                true, // maybe: linkify decides
		"Ünïcödé@exämple.org (non-ASCII)": true,
		"a line \t\nand the next":         true, // trailing spaces
		"one space, then CRLF \r\nand on": false,
		"a line\r\nand CRLF":              false,
		"a stray\rreturn":                 true,
		"one trailing space \nis fine":    false,
	} {
		if got := mayLinkify([]byte(src)); got != want {
			t.Errorf("mayLinkify(%q) = %v, want %v", src, got, want)
		}
	}
}

// TestPlainTextResolvesEscapes: the summary and the search text show what
// the page shows, not the Markdown source's escapes and references.
func TestPlainTextResolvesEscapes(t *testing.T) {
	for src, want := range map[string]string{
		"A&amp;B &mdash; x&#8212;y&#x2014;z\n": "A&B — x—y—z",
		`a \* b \_c\_ \[x\] \&amp;` + "\n":     "a * b _c_ [x] &amp;",
		"`a &amp; \\* b` stays as written\n":   `a &amp; \* b stays as written`,
		"&unknown; & &amp\n":                   "&unknown; & &amp",
	} {
		d := Render([]byte(src), nil)
		if text := string(AppendText(nil, d.HTML)); text != want || d.Summary != want {
			t.Errorf("%q: text %q, summary %q, want %q", src, text, d.Summary, want)
		}
	}
}
