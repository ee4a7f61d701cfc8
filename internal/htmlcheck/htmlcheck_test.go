package htmlcheck

import (
	"strings"
	"testing"
)

const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'">`

func page(head, body string) string {
	return "<!DOCTYPE html><html><head><meta charset=utf-8>" + head + "<title>t</title></head><body>" + body + "</body></html>"
}

var pol = Policy{BasePath: "/repo/", Marker: "pwn", Exists: func(p string) bool { return p == "assets/filter.0123456789.js" }}

// TestCatches proves the checker is not vacuous: each page here holds one
// thing a browser could run, and each must be reported.
func TestCatches(t *testing.T) {
	bad := map[string]string{
		"inline script":        page(csp, `<script>alert(1)</script>`),
		"script breakout":      page(csp, `<p title="x"></p><script>alert(1)</script>`),
		"foreign script":       page(csp, `<script src="https://evil.example/x.js"></script>`),
		"network-path script":  page(csp, `<script src="//evil.example/repo/assets/x.js"></script>`),
		"script outside base":  page(csp, `<script src="/other/assets/x.js"></script>`),
		"script not built":     page(csp, `<script src="/repo/assets/nope.js"></script>`),
		"script with text":     page(csp, `<script src="/repo/assets/filter.0123456789.js">alert(1)</script>`),
		"script traversal":     page(csp, `<script src="/repo/assets/../x.js"></script>`),
		"json-ld breakout":     page(csp, `<script type="application/ld+json">{"a":"</script><script>alert(1)</script>"}</script>`),
		"json-ld raw <":        page(csp, `<script type="application/ld+json">{"a":"<!--"}</script>`),
		"json-ld not json":     page(csp, `<script type="application/ld+json">alert(1)</script>`),
		"module script":        page(csp, `<script type="module">import "x"</script>`),
		"handler":              page(csp, `<img src="a.png" onerror="alert(1)">`),
		"svg handler":          page(csp, `<svg onload="alert(1)"></svg>`),
		"javascript href":      page(csp, `<a href="javascript:alert(1)">x</a>`),
		"entity scheme":        page(csp, `<a href="jav&#x09;ascript&colon;alert(1)">x</a>`),
		"leading control":      page(csp, `<a href="&#1; javascript:alert(1)">x</a>`),
		"mixed case":           page(csp, `<a href="JaVaScRiPt:alert(1)">x</a>`),
		"vbscript":             page(csp, `<a href="vbscript:msgbox(1)">x</a>`),
		"data iframe":          page(csp, `<iframe src="data:text/html,x"></iframe>`),
		"svg xlink":            page(csp, `<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`),
		"svg animate":          page(csp, `<svg><animate attributeName="href" to="javascript:alert(1)"/></svg>`),
		"form action":          page(csp, `<form action="javascript:alert(1)"></form>`),
		"formaction":           page(csp, `<button formaction="javascript:alert(1)">x</button>`),
		"srcset":               page(csp, `<img src="a.png" srcset="a.png 1x, javascript:alert(1) 2x">`),
		"object":               page(csp, `<object data="x.swf"></object>`),
		"embed":                page(csp, `<embed src="x.swf">`),
		"base":                 page(csp, `<base href="https://evil.example/">`),
		"meta refresh":         page(csp, `<meta http-equiv="refresh" content="0;url=https://evil.example/">`),
		"style attribute":      page(csp, `<p style="background:url(x)">x</p>`),
		"style element":        page(csp, `<style>*{}</style>`),
		"image from elsewhere": page(csp, `<img src="https://evil.example/t.png">`),
		"image network path":   page(csp, `<img src="\\evil.example/t.png">`),
		"marker element":       page(csp, `<pwn-probe>x</pwn-probe>`),
		"marker attribute":     page(csp, `<b pwnattr="1">x</b>`),
		"no CSP":               page(``, `<p>x</p>`),
		"CSP twice":            page(csp+csp, `<p>x</p>`),
		"CSP unsafe-inline":    page(`<meta http-equiv="Content-Security-Policy" content="default-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'">`, ``),
		"CSP script wildcard":  page(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src *; object-src 'none'; base-uri 'none'">`, ``),
		"CSP without object":   page(`<meta http-equiv="Content-Security-Policy" content="default-src 'self'; base-uri 'none'">`, ``),
		"CSP in body":          page(``, csp),
		"CSP after stylesheet": page(`<link rel="stylesheet" href="/repo/a.css">`+csp, ``),
	}
	for name, html := range bad {
		if p := Page([]byte(html), pol); len(p) == 0 {
			t.Errorf("%s: not caught:\n%s", name, html)
		}
	}
}

func TestAllowsOurs(t *testing.T) {
	good := page(csp+`<link rel="stylesheet" href="/repo/assets/style.css"><script src="/repo/assets/filter.0123456789.js" defer></script>`,
		`<script type="application/ld+json">{"@context":"https://schema.org","name":"\u003c/script\u003e"}</script>`+
			`<a href="https://example.org/">x</a><a href="mailto:a@example.org">m</a><a href="#src-1">1</a><a href="../x/">r</a>`+
			`<img src="/repo/a.png" alt="a"><svg viewBox="0 0 1 1"><rect width="1" height="1"></rect><a href="/repo/2025/12/"><text>Dec</text></a></svg>`+
			`<form id="filters" hidden><select><option>a</option></select></form><td align="left">x</td>`+
			`<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:alert(1) onerror=x pwn</p>`)
	if p := Page([]byte(good), pol); len(p) > 0 {
		t.Errorf("the site's own markup is reported: %q", p)
	}
}

func TestFragment(t *testing.T) {
	if p := Fragment([]byte(`<p><a href="https://example.org/">x</a> <sup class="cite">[1]</sup></p>`), pol); len(p) > 0 {
		t.Errorf("clean fragment: %q", p)
	}
	for _, bad := range []string{`<script type="application/ld+json">{}</script>`, `<p onclick="x">`, `<a href="javascript:x">`, `<iframe>`} {
		if p := Fragment([]byte(bad), pol); len(p) == 0 {
			t.Errorf("fragment %s: not caught", bad)
		}
	}
}

func TestScheme(t *testing.T) {
	for in, want := range map[string]string{
		"javascript:x": "javascript", " \x01JavaScript:x": "javascript", "java\tscr\nipt:x": "javascript",
		"https://x": "https", "/a:b": "", "a/b:c": "", "#x:y": "", "?a:b": "", "1a:b": "", ":x": "",
		"javascript%3Ax": "", "java\\script:x": "", "javascript\uff1ax": "", "data:x": "data", "x+y.z-w:1": "x+y.z-w",
	} {
		if got := Scheme(in); got != want {
			t.Errorf("Scheme(%q) = %q, want %q", in, got, want)
		}
	}
	if !strings.Contains(strings.Join(Page([]byte(page(csp, `<a href="  javascript:x">`)), pol), ""), "javascript") {
		t.Error("leading spaces hide the scheme")
	}
}
