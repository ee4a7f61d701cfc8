// Package htmlcheck judges built output the way a browser would read it: it
// parses HTML with golang.org/x/net/html and reports anything that could run
// code or load a document the site did not mean to load. The tests of the
// engine, the fuzz targets and the dev server use it; nothing ships with it.
//
// It is a second opinion, written apart from the code it checks: its scheme
// rule follows the WHATWG URL parser, not markdown.Scheme.
package htmlcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Policy says what the site's own templates may put in a page.
type Policy struct {
	// BasePath is the site's path, "/" or "/repo/": a script may be loaded
	// from BasePath + "assets/" and nowhere else.
	BasePath string
	// Exists, when set, reports whether an output path exists (relative to
	// the output folder, such as "assets/filter.1234.js"); a script's src
	// must name one.
	Exists func(path string) bool
	// Marker, when set, is a string only hostile input holds: an element or
	// attribute whose name contains it was injected.
	Marker string
}

// urlAttrs are the attributes whose value a browser loads or navigates to.
var urlAttrs = map[string]bool{
	"href": true, "src": true, "action": true, "formaction": true, "srcset": true,
	"poster": true, "cite": true, "data": true, "xlink:href": true, "background": true,
	"longdesc": true, "lowsrc": true, "dynsrc": true, "ping": true, "manifest": true,
	"codebase": true, "archive": true, "icon": true, "profile": true, "imagesrcset": true,
}

// banned elements: none of them is ours, and each can run script, load a
// document, or change how the page's links resolve.
var banned = map[string]bool{
	"iframe": true, "frame": true, "frameset": true, "object": true, "embed": true,
	"applet": true, "base": true, "style": true, "foreignobject": true,
	"animate": true, "set": true, "animatetransform": true, "animatemotion": true,
	"handler": true, "listener": true, "portal": true, "import": true, "template": true,
	"noscript": true, "xmp": true, "plaintext": true, "math": true,
}

// Page checks a whole HTML document: everything Fragment checks, plus the
// Content-Security-Policy meta tag, which must be in the head, before any
// element that loads something, and must forbid inline script.
func Page(data []byte, p Policy) []string {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return []string{"cannot parse: " + err.Error()}
	}
	c := &checker{p: p, page: true}
	c.walk(doc)
	switch {
	case c.csp == 0:
		c.errorf("no Content-Security-Policy meta tag")
	case c.csp > 1:
		c.errorf("%d Content-Security-Policy meta tags", c.csp)
	}
	return c.problems
}

// Fragment checks HTML meant to go inside a page, such as an event body in a
// feed: no script at all, no event handler, no URL with a scheme other than
// http, https or mailto.
func Fragment(data []byte, p Policy) []string {
	ctx := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(bytes.NewReader(data), ctx)
	if err != nil {
		return []string{"cannot parse: " + err.Error()}
	}
	c := &checker{p: p}
	for _, n := range nodes {
		c.walk(n)
	}
	return c.problems
}

type checker struct {
	p        Policy
	page     bool
	csp      int
	loaded   bool // an element that loads something came before the CSP
	problems []string
}

func (c *checker) errorf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

func (c *checker) walk(n *html.Node) {
	if n.Type == html.ElementNode {
		c.element(n)
	}
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		c.walk(k)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

func (c *checker) element(n *html.Node) {
	tag := strings.ToLower(n.Data)
	where := "<" + tag + ">"
	if c.p.Marker != "" && strings.Contains(tag, strings.ToLower(c.p.Marker)) {
		c.errorf("%s: injected element", where)
	}
	if banned[tag] {
		c.errorf("%s: element that is never ours", where)
	}
	switch tag {
	case "script":
		c.script(n)
	case "meta":
		c.meta(n)
	case "link", "img", "iframe", "audio", "video", "source", "object", "embed", "image", "use":
		if c.csp == 0 {
			c.loaded = true
		}
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		if c.p.Marker != "" && strings.Contains(key, strings.ToLower(c.p.Marker)) {
			c.errorf("%s: injected attribute %s", where, key)
		}
		name := key[strings.LastIndexByte(key, ':')+1:]
		switch {
		case strings.HasPrefix(name, "on"):
			c.errorf("%s: event handler attribute %s=%q", where, key, a.Val)
		case name == "style":
			// The CSP forbids inline styles; the one kind goldmark writes
			// (table alignment) would be dropped, not run.
			c.errorf("%s: style attribute %q (blocked by the CSP)", where, a.Val)
		case name == "srcdoc":
			c.errorf("%s: srcdoc attribute", where)
		case urlAttrs[key] || urlAttrs[name]:
			for _, u := range urlsOf(name, a.Val) {
				if s := Scheme(u); s != "" && s != "http" && s != "https" && s != "mailto" {
					c.errorf("%s: %s with scheme %q: %q", where, key, s, a.Val)
				}
			}
		}
	}
	if tag == "img" {
		if src, _ := attr(n, "src"); Scheme(src) != "" || isNetworkPath(src) {
			c.errorf("<img>: image from another host %q", src)
		}
	}
}

// urlsOf splits a srcset into its URLs; other attributes hold one.
func urlsOf(name, val string) []string {
	if name != "srcset" && name != "imagesrcset" {
		return []string{val}
	}
	var out []string
	for part := range strings.SplitSeq(val, ",") {
		if f := strings.Fields(part); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

func (c *checker) meta(n *html.Node) {
	equiv, _ := attr(n, "http-equiv")
	content, _ := attr(n, "content")
	switch strings.ToLower(strings.TrimSpace(equiv)) {
	case "refresh":
		c.errorf("<meta http-equiv=refresh>: %q", content)
	case "content-security-policy":
		if !c.page || n.Parent == nil || n.Parent.Data != "head" {
			c.errorf("Content-Security-Policy meta tag outside the head")
		}
		if c.loaded {
			c.errorf("Content-Security-Policy meta tag after an element that loads something")
		}
		c.csp++
		c.cspProblems(content)
	case "":
	default:
		if strings.Contains(strings.ToLower(equiv), "set-cookie") {
			c.errorf("<meta http-equiv=%q>", equiv)
		}
	}
}

// cspProblems reads a policy: default-src must be 'self', and no directive
// that governs scripts may allow inline code, eval, any host, or data: URLs.
func (c *checker) cspProblems(policy string) {
	dirs := map[string][]string{}
	for d := range strings.SplitSeq(strings.ToLower(policy), ";") {
		if f := strings.Fields(d); len(f) > 0 {
			dirs[f[0]] = f[1:]
		}
	}
	if def := dirs["default-src"]; len(def) != 1 || def[0] != "'self'" {
		c.errorf("Content-Security-Policy %q: default-src is not 'self'", policy)
	}
	for _, name := range []string{"default-src", "script-src", "script-src-elem", "script-src-attr", "object-src", "frame-src", "child-src"} {
		for _, src := range dirs[name] {
			switch src {
			case "'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "blob:", "http:", "https:":
				c.errorf("Content-Security-Policy %q: %s allows %s", policy, name, src)
			}
		}
	}
	if obj, ok := dirs["object-src"]; !ok || len(obj) != 1 || obj[0] != "'none'" {
		c.errorf("Content-Security-Policy %q: object-src is not 'none'", policy)
	}
	if b, ok := dirs["base-uri"]; !ok || len(b) != 1 || (b[0] != "'none'" && b[0] != "'self'") {
		c.errorf("Content-Security-Policy %q: base-uri is not 'none' or 'self'", policy)
	}
}

// script allows only the site's own scripts: one loaded from the site's
// assets/ folder, with no inline text, or a JSON-LD block whose text is JSON
// with every '<' escaped.
func (c *checker) script(n *html.Node) {
	if !c.page {
		c.errorf("<script> in a fragment")
		return
	}
	var text strings.Builder
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		if k.Type == html.TextNode {
			text.WriteString(k.Data)
		}
	}
	typ, _ := attr(n, "type")
	src, hasSrc := attr(n, "src")
	switch {
	case hasSrc:
		if strings.TrimSpace(text.String()) != "" {
			c.errorf("<script src=%q> with inline text", src)
		}
		if typ != "" && !strings.EqualFold(typ, "text/javascript") && !strings.EqualFold(typ, "module") {
			c.errorf("<script src=%q> of type %q", src, typ)
		}
		base := c.p.BasePath
		if base == "" {
			base = "/"
		}
		rest, ok := strings.CutPrefix(src, base+"assets/")
		switch {
		case Scheme(src) != "" || isNetworkPath(src) || !ok || rest == "":
			c.errorf("<script src=%q>: not from the site's assets/", src)
		case strings.ContainsAny(rest, "?#\\%") || strings.Contains(rest, ".."):
			c.errorf("<script src=%q>: not a plain asset path", src)
		case c.p.Exists != nil && !c.p.Exists("assets/"+rest):
			c.errorf("<script src=%q>: no such file in the output", src)
		}
	case strings.EqualFold(strings.TrimSpace(typ), "application/ld+json"):
		body := text.String()
		if strings.Contains(body, "<") {
			c.errorf("JSON-LD holds a raw '<': %.80q", body)
		}
		if !json.Valid([]byte(body)) {
			c.errorf("JSON-LD is not JSON: %.80q", body)
		}
	default:
		c.errorf("<script type=%q> that is not ours: %.80q", typ, text.String())
	}
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "src", "type", "defer", "async":
		default:
			c.errorf("<script> with attribute %s", a.Key)
		}
	}
}

// isNetworkPath reports a URL that names another host without a scheme:
// "//host/x", and "\\host" or "/\host", which browsers read the same way.
func isNetworkPath(u string) bool {
	u = strings.TrimLeft(u, controlOrSpace)
	u = stripTabNewline(u)
	return len(u) >= 2 && (u[0] == '/' || u[0] == '\\') && (u[1] == '/' || u[1] == '\\')
}

const controlOrSpace = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "

func stripTabNewline(u string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
}

// Scheme returns the lowercased scheme a browser finds in an attribute value
// (already entity-decoded), or "" when it reads the value as relative. It
// follows the WHATWG URL parser: leading and trailing C0 controls and spaces
// are stripped, tabs and newlines anywhere are removed, and a scheme is an
// ASCII letter followed by letters, digits, '+', '-' or '.', then ':'.
func Scheme(u string) string {
	u = strings.Trim(u, controlOrSpace)
	u = stripTabNewline(u)
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(u[:i])
		default:
			return ""
		}
	}
	return ""
}
