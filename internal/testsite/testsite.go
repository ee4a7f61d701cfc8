// Package testsite holds the sites, notes and hostile inputs that the
// tests of several packages share (the model's, the renderer's, the
// exports' and the build's), and the checks they make alike.
package testsite

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chronicle-tools/chronicle/corpus"
)

// Config is a site's config.toml with two kinds and a storyline.
const Config = `title = "Test chronology"
baseURL = "https://example.org/chron/"
timezone = "Europe/Kyiv"

[kinds.strike]
label = "Strikes"
color = "#b3261e"

[kinds.negotiation]
label = "Negotiations"

[storylines.black-sea]
title = "Ports and the Black Sea"
`

// Note is a valid note; tests change one thing in it.
const Note = `+++
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

// FS is a site of the given files, with Config as its config.toml unless
// files has one.
func FS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	if _, ok := files["config.toml"]; !ok {
		fsys["config.toml"] = &fstest.MapFile{Data: []byte(Config)}
	}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// FuzzConfig is the config.toml of the fuzz targets' sites.
const FuzzConfig = `title = "Fuzz"
baseURL = "https://example.org/f/"
timezone = "Europe/Kyiv"

[kinds.strike]
label = "Strikes"

[storylines.sea]
title = "The sea"
`

// FuzzSeeds are notes for every target: valid ones, and the usual ways of
// getting them wrong.
var FuzzSeeds = []string{
	Note,
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

// HostileText goes into every free-text field.
var HostileText = []string{
	`<script>alert(1)</script>`,
	`</script><script>alert(1)</script>`,
	`"><script>alert(1)</script>`,
	`'><img src=x onerror=alert(1)>`,
	`<img src=x onerror=alert(1)>`,
	`<svg onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<iframe srcdoc="<script>alert(1)</script>">`,
	`" onmouseover="alert(1)`,
	`' onfocus='alert(1)' autofocus='`,
	"` onmouseover=alert(1) `",
	`javascript:alert(1)`,
	`<a href="javascript:alert(1)">click</a>`,
	`<a href=&#x6A;avascript:alert(1)>click</a>`,
	`<pwn-probe>injected element</pwn-probe>`,
	`<b pwnattr="1">injected attribute</b>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	`<style>*{background:url(javascript:alert(1))}</style>`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<base href="//evil.example/">`,
	`<form action="javascript:alert(1)"><button>go</button></form>`,
	`<object data="javascript:alert(1)"></object>`,
	`</title><script>alert(1)</script>`,
	`</textarea><script>alert(1)</script>`,
	`</style><script>alert(1)</script>`,
	`<!-- <script>alert(1)</script> -->`,
	`--><script>alert(1)</script>`,
	`<![CDATA[<script>alert(1)</script>]]>`,
	`]]><script>alert(1)</script>`,
	`<?xml version="1.0"?><x/>`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`&#60;script&#62;alert(1)&#60;/script&#62;`,
	`%3Cscript%3Ealert(1)%3C%2Fscript%3E`,
	`\u003cscript\u003ealert(1)\u003c/script\u003e`,
	`"; alert(1); "`,
	`'; alert(1); //`,
	`\"}]}; alert(1); //`,
	`{{.Site.Config}} {{template "base" .}}`,
	`${alert(1)}`,
	"control \x00 nul \x01 soh \x08 bs \x0b vt \x0c ff \x1b esc \x7f del \u0085 nel",
	"tab\tand\nnewline\r\nand CR\r alone",
	"\nBEGIN:VEVENT\nSUMMARY:injected\nEND:VEVENT",
	"line\u2028separator\u2029paragraph",
	"\u202eright-to-left override",
	"\ufeffbyte-order mark and \ufffd replacement",
	`=HYPERLINK("https://evil.example/","click")`,
	`+cmd|' /C calc'!A0`,
	`a,b;c\d"e'f`,
	strings.Repeat("<b pwn=1>", 15) + "deep",
}

// TOMLString writes s as a TOML basic string, control characters escaped.
func TOMLString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// OneLine is s as a title may hold it: without line breaks.
func OneLine(s string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	if strings.TrimSpace(s) == "" {
		return "blank"
	}
	return s
}

// HostileNote is a note with text in every free-text field.
func HostileNote(text, related string, n int) string {
	q := TOMLString
	probe := fmt.Sprintf(" probe%d", n) // a taxonomy term needs letters
	return fmt.Sprintf(`+++
title = %s
date = 2025-12-%02d
kind = "strike"
places = [%s]
actors = [%s]
tags = [%s]
status = "claimed"
claimed_by = %s
storylines = ["sea"]
related = [%q]
summary = %s
content_warning = %s

[extra]
remark = %s
score = 2

[[sources]]
id = "a"
title = %s
publisher = %s
url = "https://example.org/a?q=%d"
archived = "https://web.archive.org/web/2025/https://example.org/a"
pages = %s
reference = %s
quote = %s
published = 2025-12-19

[sources.extra]
remark = [%s]

[[sources]]
id = "book"
title = %s
publisher = %s
pages = %s
reference = %s
published = 2025-12-18

[[updates]]
date = 2025-12-20
note = %s
+++

Body of note %d, which cites its source.[@a] And a book.[@book]
`, q(OneLine(text)), 10+n%10, q(text+probe), q(text+probe), q(text+probe), q(text), related, q(text), q(text),
		q(text), // extra.remark
		q(text), q(text+probe), n, q(text), q(text), q(text),
		q(text),                                  // sources.extra.remark
		q(text), q(text+probe), q(text), q(text), // the source without a url
		q(text), n)
}

// HostileConfig is a config.toml with text in every free-text field.
func HostileConfig(text string) string {
	q := TOMLString
	return fmt.Sprintf(`title = %s
description = %s
baseURL = "https://example.org/chron/"
timezone = "Europe/Kyiv"

[kinds.strike]
label = %s
color = "#b3261e"

[storylines.sea]
title = %s
description = %s

[extra]
show = ["remark", "score"]
`, q(text), q(text), q(text), q(text), q(text))
}

// HostilePage is a page with text in its title and description.
func HostilePage(text string) string {
	return fmt.Sprintf("+++\ntitle = %s\ndescription = %s\nmenu = 1\n+++\n\nAbout this site.\n", TOMLString(OneLine(text)), TOMLString(text))
}

// HostileURLs go into source url and archived. Each must be refused with a
// diagnostic on its line, or be an http(s) URL that the pages carry safely.
var HostileURLs = []string{
	"javascript:alert(1)",
	"JAVASCRIPT:alert(1)",
	" javascript:alert(1)",
	"\x01javascript:alert(1)",
	"java\tscript:alert(1)",
	"java\nscript:alert(1)",
	"javascript&colon;alert(1)",
	"javascript&#58;alert(1)",
	"&#106;avascript:alert(1)",
	"javascript%3Aalert(1)",
	"vbscript:msgbox(1)",
	"VBScript:msgbox(1)",
	"data:text/html,<script>alert(1)</script>",
	"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
	"file:///etc/passwd",
	"ftp://example.org/x",
	"mailto:someone@example.org",
	"//evil.example/x",
	"\\\\evil.example\\x",
	"https:javascript:alert(1)",
	"https:/\\evil.example/",
	"https://",
	"https://exa mple.org/",
	"https://example.org/\"><script>alert(1)</script>",
	"https://example.org/' onmouseover='alert(1)",
	"https://example.org/#\"><img src=x onerror=alert(1)>",
	"https://example.org/?q=<script>alert(1)</script>",
	"https://example.org/%0d%0aSet-Cookie:%20x=1",
	"https://example.org/\u2028x",
	"https://user:pass@example.org/",
	"https://javascript:alert(1)@example.org/",
	"https://example.org:99999/",
	"https://[::1]/",
	"https://xn--80ak6aa92e.com/",
	"https://пример.рф/путь",
	"HTTPS://EXAMPLE.ORG/UPPER",
	"http://example.org/" + strings.Repeat("a", 5000),
}

// MapFS copies a folder's config.toml, content/ and templates/ into memory.
func MapFS(t *testing.T, fsys fs.FS) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	for _, root := range []string{"config.toml", "content", "templates"} {
		fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				t.Fatal(err)
			}
			out[p] = &fstest.MapFile{Data: data}
			return nil
		})
	}
	return out
}

// FirstDiff describes the first line where b differs from a.
func FirstDiff(a, b []byte) string {
	al, bl := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y []byte
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if !bytes.Equal(x, y) {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + string(x) + "\n  got:  " + string(y)
		}
	}
	return ""
}

// RequireSameJSON fails t unless got is one valid JSON value that decodes
// to what encoding/json makes of v. The hand-written encoders are held to
// that, not to encoding/json's bytes: encoders may spell the same string in
// different ways (GOEXPERIMENT=jsonv2 writes invalid UTF-8 as a raw U+FFFD
// where v1 writes \ufffd), and readers see no difference.
func RequireSameJSON(t testing.TB, what string, got []byte, v any) {
	t.Helper()
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(got) {
		t.Fatalf("%s: invalid JSON:\n%s", what, got)
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("%s: decodes differently from encoding/json's:\n got %s\nwant %s", what, got, want)
	}
}

// ComparisonSites are the sites two ways of writing the same output are
// compared on: the golden site, the shipped chronology, two generated
// corpora (the longer with lists in pages and sources by publisher), a site
// of pages alone, and a site for each hostile text and URL of the injection
// suite. Some hostile sites are refused by the build. root is the
// repository's folder.
func ComparisonSites(t *testing.T, root string) map[string]fstest.MapFS {
	sites := map[string]fstest.MapFS{
		"golden":    MapFS(t, os.DirFS(root+"/build/testdata/golden/site")),
		"shipped":   MapFS(t, os.DirFS(root)),
		"corpus":    corpus.FS(300, 7),
		"long":      corpus.FS(2000, 8), // lists split into pages, sources by publisher
		"no events": {"config.toml": {Data: []byte(FuzzConfig)}, "content/pages/about.md": {Data: []byte(HostilePage("About"))}},
	}
	for i, text := range HostileText {
		sites[fmt.Sprintf("hostile text %d", i)] = fstest.MapFS{
			"config.toml":          {Data: []byte(HostileConfig(text))},
			"content/2025/12/a.md": {Data: []byte(HostileNote(text, "b", 2*i))},
			"content/2025/12/b.md": {Data: []byte(HostileNote(HostileText[(i+1)%len(HostileText)], "a", 2*i+1))},
		}
	}
	line := `url = "https://example.com/a"`
	for i, u := range HostileURLs {
		for _, with := range []string{"url = " + TOMLString(u), line + "\narchived = " + TOMLString(u)} {
			sites[fmt.Sprintf("hostile URL %d %s", i, with[:3])] = fstest.MapFS{
				"config.toml":       {Data: []byte(FuzzConfig)},
				"content/2025/n.md": {Data: []byte(strings.Replace(Note, line, with, 1))},
			}
		}
	}
	return sites
}

// ExtraNote is a note with the given text before its source's end and
// after its top-level keys.
func ExtraNote(top, source string) string {
	return `+++
title = "A strike"
date = 2025-12-19
kind = "strike"
` + top + `
[[sources]]
id = "a"
title = "Statement"
publisher = "Agency"
url = "https://example.com/a"
published = 2025-12-19
` + source + `+++

It happened.[@a]
`
}
