package build

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// The injection suite: hostile text in every field of notes, pages and the
// config, hostile Markdown in bodies, hostile URLs in sources. Every build
// either fails with a diagnostic that names the field's line, or its whole
// output passes outputProblems: no script, handler, frame or URL scheme that
// is not ours, in any page, feed or data file, and the CSP on every page.
//
// Hostile markup carries the marker "pwn" in its element and attribute
// names, so that markup which arrives as markup is caught even when it is
// harmless in itself.

const injectMarker = "pwn"

// noteTextFields and configTextFields are the free-text fields the suite
// fills; the counts go in the report.
var (
	noteTextFields   = []string{"title", "summary", "places", "actors", "tags", "claimed_by", "content_warning", "sources.title", "sources.publisher", "sources.pages", "sources.reference", "sources.quote", "updates.note", "extra.remark", "sources.extra.remark"}
	pageTextFields   = []string{"page title", "page description"}
	configTextFields = []string{"title", "description", "kinds.label", "storylines.title", "storylines.description"}
)

// TestInjectTextFields puts each hostile string into every free-text field
// of two related notes, a page and the config at once, builds, and checks
// every output file. The build must succeed: hostile text is still text.
func TestInjectTextFields(t *testing.T) {
	for i, text := range testsite.HostileText {
		other := testsite.HostileText[(i+1)%len(testsite.HostileText)]
		fsys := fstest.MapFS{
			"config.toml":                {Data: []byte(testsite.HostileConfig(text))},
			"content/2025/12/a.md":       {Data: []byte(testsite.HostileNote(text, "b", 2*i))},
			"content/2025/12/b.md":       {Data: []byte(testsite.HostileNote(other, "a", 2*i+1))},
			"content/pages/about.md":     {Data: []byte(testsite.HostilePage(text))},
			"content/pages/more/deep.md": {Data: []byte(testsite.HostilePage(other))},
		}
		res, err := buildWithin(t, fsys, site.Options{})
		if err != nil {
			t.Errorf("hostile text %d %q: the build failed:\n%v", i, text, err)
			continue
		}
		requireSafe(t, res, injectMarker, fmt.Sprintf("hostile text %d %.60q", i, text))
		// The text is shown as text: the event's heading reads as written.
		if h1 := firstText(res.Files["events/a/index.html"], "h1"); h1 != displayed(testsite.OneLine(text)) {
			t.Errorf("hostile text %d: the heading reads %q, want %q", i, h1, displayed(testsite.OneLine(text)))
		}
	}
	t.Logf("%d hostile strings in %d note, %d page and %d config text fields",
		len(testsite.HostileText), len(noteTextFields), len(pageTextFields), len(configTextFields))
}

// displayed is how a browser shows text: NUL becomes U+FFFD, the title is
// trimmed, and a carriage return is a line break.
func displayed(s string) string {
	s = strings.TrimSpace(s)
	s = strings.ReplaceAll(s, "\x00", "\ufffd")
	return s
}

// hostileMarkdown is raw HTML and other markup in bodies. Raw HTML is off,
// so none of it may come out as markup.
var hostileMarkdown = []string{
	"<script>alert(1)</script>",
	"<script src=\"https://evil.example/x.js\"></script>",
	"<SCRIPT>alert(1)</SCRIPT>",
	"<iframe src=\"https://evil.example/\"></iframe>",
	"<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe>",
	"text <img src=x onerror=alert(1)> inline",
	"<svg onload=alert(1)><circle r=1 /></svg>",
	"<details open ontoggle=alert(1)><summary>x</summary></details>",
	"<div onclick=\"alert(1)\">block</div>",
	"<a href=\"javascript:alert(1)\">raw link</a>",
	"<pwn-probe>raw element</pwn-probe>",
	"<b pwnattr=1>raw attribute</b>",
	"<style>body{display:none}</style>",
	"<textarea><script>alert(1)</script></textarea>",
	"<pre><script>alert(1)</script></pre>",
	"<!-- comment --><script>alert(1)</script>",
	"<?php echo 1; ?>",
	"<!DOCTYPE html>",
	"<![CDATA[<script>alert(1)</script>]]>",
	"<object data=\"x.swf\"></object><embed src=\"x.swf\">",
	"<base href=\"https://evil.example/\">",
	"<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">",
	"<form action=\"https://evil.example/\"><input name=x></form>",
	"<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
	"# Heading {onclick=\"alert(1)\"}",
	"# Heading {#id .class pwnattr=1}",
	"Text{onclick=alert(1)}",
	"```html\n</code></pre><script>alert(1)</script>\n```",
	"`</code><script>alert(1)</script>`",
	"    <script>alert(1)</script>",
	"> <script>alert(1)</script>",
	"- <img src=x onerror=alert(1)>\n- item",
	"| a | b |\n|:--|--:|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
	"Footnote.[^x]\n\n[^x]: <script>alert(1)</script> [y](javascript:alert(1))",
	"~~<script>alert(1)</script>~~ *<img src=x onerror=alert(1)>*",
	"&lt;script&gt;alert(1)&lt;/script&gt; &#60;script&#62;",
	"\\<script>alert(1)\\</script>",
	"[<script>alert(1)</script>](https://example.org/)",
	"[x](https://example.org/ \"title\\\" onmouseover=\\\"alert(1)\")",
	"[x](https://example.org/\"onmouseover=\"alert(1))",
	"![x\" onerror=\"alert(1)](pic.png)",
	"![x](pic.png \"t\\\" onerror=\\\"alert(1)\")",
	"https://example.org/<script>alert(1)</script>",
	"www.example.org/\"onmouseover=\"alert(1)",
	"<https://example.org/\"onmouseover=\"alert(1)>",
	"<x@example.org\"onmouseover=\"alert(1)>",
}

// dangerousSchemes are the targets of link spellings.
var dangerousSchemes = []string{
	"javascript:alert(1)",
	"vbscript:msgbox(1)",
	"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
	"data:image/svg+xml,<svg onload=alert(1)>",
	"tel:1",
	"intent://evil#Intent;end",
	"ms-settings:privacy",
	"blob:https://example.org/b",
}

// spellings writes a scheme-bearing URL in the ways a browser would still
// read as that scheme, or that an unescaping step could turn into it.
var spellings = []struct {
	name string
	fn   func(u string) string
}{
	{"plain", func(u string) string { return u }},
	{"upper", strings.ToUpper},
	{"mixed case", func(u string) string {
		b := []byte(u)
		for i := 0; i < len(b); i += 2 {
			if 'a' <= b[i] && b[i] <= 'z' {
				b[i] -= 32
			}
		}
		return string(b)
	}},
	{"&colon;", func(u string) string { return strings.Replace(u, ":", "&colon;", 1) }},
	{"&#58;", func(u string) string { return strings.Replace(u, ":", "&#58;", 1) }},
	{"&#x3a;", func(u string) string { return strings.Replace(u, ":", "&#x3a;", 1) }},
	{"&#X3A;", func(u string) string { return strings.Replace(u, ":", "&#X3A;", 1) }},
	{"&#0000058;", func(u string) string { return strings.Replace(u, ":", "&#0000058;", 1) }},
	{"&#58 without ;", func(u string) string { return strings.Replace(u, ":", "&#58", 1) }},
	{"&colon without ;", func(u string) string { return strings.Replace(u, ":", "&colon", 1) }},
	{"first letter entity", func(u string) string { return fmt.Sprintf("&#%d;%s", u[0], u[1:]) }},
	{"all entities", func(u string) string {
		var b strings.Builder
		i := strings.IndexByte(u, ':')
		for _, c := range []byte(u[:i+1]) {
			fmt.Fprintf(&b, "&#x%x;", c)
		}
		return b.String() + u[i+1:]
	}},
	{"tab entity inside", func(u string) string { return u[:3] + "&#x09;" + u[3:] }},
	{"&Tab; inside", func(u string) string { return u[:3] + "&Tab;" + u[3:] }},
	{"newline entity inside", func(u string) string { return u[:3] + "&#10;" + u[3:] }},
	{"&NewLine; inside", func(u string) string { return u[:3] + "&NewLine;" + u[3:] }},
	{"CR entity inside", func(u string) string { return u[:3] + "&#13;" + u[3:] }},
	{"NUL entity inside", func(u string) string { return u[:3] + "&#0;" + u[3:] }},
	{"leading control entity", func(u string) string { return "&#1;" + u }},
	{"leading space entity", func(u string) string { return "&#32;" + u }},
	{"leading NBSP entity", func(u string) string { return "&nbsp;" + u }},
	{"percent-encoded colon", func(u string) string { return strings.Replace(u, ":", "%3A", 1) }},
	{"percent-encoded first letter", func(u string) string { return fmt.Sprintf("%%%02X%s", u[0], u[1:]) }},
	{"backslash-escaped colon", func(u string) string { return strings.Replace(u, ":", `\:`, 1) }},
	{"backslash inside", func(u string) string { return u[:4] + `\` + u[4:] }},
	{"double-encoded entity", func(u string) string { return strings.Replace(u, ":", "&amp;colon;", 1) }},
	{"fullwidth colon", func(u string) string { return strings.Replace(u, ":", "\uff1a", 1) }},
}

// linkContexts put a destination where Markdown reads a URL.
var linkContexts = []struct {
	name string
	fn   func(u string) string
}{
	{"inline link", func(u string) string { return "[click](" + u + ")" }},
	{"inline link with title", func(u string) string { return "[click](" + u + ` "t")` }},
	{"pointy inline link", func(u string) string { return "[click](<" + u + ">)" }},
	{"pointy with tab", func(u string) string { return "[click](<" + u[:2] + "\t" + u[2:] + ">)" }},
	{"pointy with leading space", func(u string) string { return "[click](< " + u + ">)" }},
	{"image", func(u string) string { return "![pic](" + u + ")" }},
	{"linked image", func(u string) string { return "[![pic](pic.png)](" + u + ")" }},
	{"full reference", func(u string) string { return "[click][r]\n\n[r]: " + u }},
	{"collapsed reference", func(u string) string { return "[r][]\n\n[r]: " + u }},
	{"shortcut reference", func(u string) string { return "[r]\n\n[r]: " + u }},
	{"pointy reference", func(u string) string { return "[click][r]\n\n[r]: <" + u + ">" }},
	{"image reference", func(u string) string { return "![pic][r]\n\n[r]: " + u }},
	{"autolink", func(u string) string { return "<" + u + ">" }},
	{"bare", func(u string) string { return "see " + u + " here" }},
	{"in heading", func(u string) string { return "## [click](" + u + ")" }},
	{"in footnote", func(u string) string { return "See.[^f]\n\n[^f]: [click](" + u + ")" }},
	{"in table", func(u string) string { return "| a |\n|---|\n| [click](" + u + ") |" }},
	{"in quote and list", func(u string) string { return "> - [click](" + u + ")" }},
}

// TestInjectBodies builds bodies that hold raw HTML, and every dangerous
// scheme in every spelling in every place Markdown reads a URL. A body may
// lose a link (with a warning) but never carry one out.
func TestInjectBodies(t *testing.T) {
	var snippets []string
	snippets = append(snippets, hostileMarkdown...)
	for _, scheme := range dangerousSchemes {
		for _, sp := range spellings {
			for _, ctx := range linkContexts {
				snippets = append(snippets, ctx.fn(sp.fn(scheme)))
			}
		}
	}
	fsys := fstest.MapFS{"config.toml": {Data: []byte(testsite.FuzzConfig)}}
	const perNote = 40
	for n := 0; n*perNote < len(snippets); n++ {
		chunk := snippets[n*perNote : min((n+1)*perNote, len(snippets))]
		body := "First paragraph of the body.[@a]\n\n" + strings.Join(chunk, "\n\n") + "\n"
		fsys[fmt.Sprintf("content/2025/b%03d.md", n)] = &fstest.MapFile{Data: []byte(strings.Replace(testsite.Note, "The governor said a port was hit.[@reuters]\n", body, 1))}
	}
	for name, f := range fsys {
		f.Data = []byte(strings.ReplaceAll(string(f.Data), `id = "reuters"`, `id = "a"`))
		fsys[name] = f
	}
	// A page's body goes through the same renderer, without citations. A
	// page holds at most 200 footnotes, so the snippets are split over pages.
	const perPage = 400
	for n := 0; n*perPage < len(snippets); n++ {
		chunk := snippets[n*perPage : min((n+1)*perPage, len(snippets))]
		fsys[fmt.Sprintf("content/pages/p%03d.md", n)] = &fstest.MapFile{Data: []byte("+++\ntitle = \"About\"\n+++\n\n" + strings.Join(chunk, "\n\n") + "\n")}
	}
	res, err := buildWithin(t, fsys, site.Options{})
	if err != nil {
		t.Fatalf("the build failed:\n%v", err)
	}
	requireSafe(t, res, injectMarker)
	t.Logf("%d body snippets: %d raw HTML and markup, %d link spellings (%d schemes x %d spellings x %d contexts)",
		len(snippets), len(hostileMarkdown), len(snippets)-len(hostileMarkdown), len(dangerousSchemes), len(spellings), len(linkContexts))
}

// TestInjectNestedLinks puts links and images inside links and images that
// the policy drops, in every block that can hold them. Each inner one must be
// judged too: nothing refused reaches any output file, and each dropped link
// or image has a warning of its own on its line.
func TestInjectNestedLinks(t *testing.T) {
	refused := []string{"tracker.example", "tel:", "intent:", "ms-settings:", "blob:", "data:image"}
	outer := []func(text string) string{
		func(text string) string { return "[" + text + "](tel:1)" },
		func(text string) string { return "[" + text + "](ms-settings:privacy)" },
		func(text string) string { return "![" + text + "](https://example.org/x.png)" },
		func(text string) string { return "![" + text + "](//tracker.example/y.gif)" },
	}
	inner := []string{
		"![pixel](https://tracker.example/p.gif)",
		"[inner](intent://evil#Intent;end)",
		"[blob](blob:https://example.org/b)",
		"![png](data:image/png;base64,AAAA)",
	}
	containers := []func(s string) string{
		func(s string) string { return s },
		func(s string) string { return "## " + s },
		func(s string) string { return "- item\n- " + s },
		func(s string) string { return "> " + s },
		func(s string) string { return "> 1. " + s },
		func(s string) string { return "| a |\n|---|\n| " + s + " |" },
		func(s string) string { return "See.[^f]\n\n[^f]: " + s },
	}
	fsys := fstest.MapFS{"config.toml": {Data: []byte(testsite.FuzzConfig)}}
	want := map[string]int{} // path -> the line of its snippet
	n := 0
	for _, c := range containers {
		for _, o := range outer {
			for _, in := range inner {
				if strings.HasPrefix(o(""), "[") && strings.HasPrefix(in, "[") {
					continue // a link in a link leaves the outer one as text, by CommonMark
				}
				snippet := c(o("text " + in))
				body := "First paragraph.[@reuters]\n\n" + snippet + "\n"
				text := strings.Replace(testsite.Note, "The governor said a port was hit.[@reuters]\n", body, 1)
				p := fmt.Sprintf("content/2025/n%03d.md", n)
				fsys[p] = &fstest.MapFile{Data: []byte(text)}
				want[p] = strings.Count(text[:strings.Index(text, o("text "+in))], "\n") + 1
				n++
			}
		}
	}
	res, err := buildWithin(t, fsys, site.Options{})
	if err != nil {
		t.Fatalf("the build failed:\n%v", err)
	}
	requireSafe(t, res, injectMarker)
	for _, p := range res.Files.Paths() {
		for _, r := range refused {
			if strings.Contains(string(res.Files[p]), r) {
				t.Errorf("%s holds %q", p, r)
			}
		}
	}
	got := map[string]int{}
	for _, d := range res.Warnings {
		if line, ok := want[d.Path]; ok && strings.Contains(d.Msg, "dropped") {
			got[d.Path]++
			if d.Line != line {
				t.Errorf("%s:%d: %s: want line %d", d.Path, d.Line, d.Msg, line)
			}
		}
	}
	for p := range want {
		if got[p] != 2 {
			t.Errorf("%s: %d warnings of dropped links, want 2 (the outer and the inner)", p, got[p])
		}
	}
	t.Logf("%d notes, each a refused link or image around another, in %d kinds of block", n, len(containers))
}
