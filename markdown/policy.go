package markdown

import (
	"fmt"
	"html"
	"strings"

	"github.com/chronicle-tools/chronicle/cite"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var droppedKey = parser.NewContextKey()

// linkPolicy replaces links and images whose destination has a scheme other
// than http, https or mailto (javascript:, data:, vbscript:, file:, ...) with
// their text. goldmark has already decoded entities and escapes in the
// destination, so "javascript&colon;" arrives here as "javascript:".
type linkPolicy struct{}

func (linkPolicy) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	var bad, images []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest []byte
		switch n := n.(type) {
		case *ast.Link:
			dest = n.Destination
		case *ast.Image:
			dest = n.Destination
			// An image from another host would be a request a reader did not
			// ask for: any scheme, and "//host/x" (or "\\host"), are dropped.
			if u := unescape(dest); Scheme(u) != "" || networkPath(u) {
				bad = append(bad, n)
				return ast.WalkContinue, nil
			}
			images = append(images, n)
		case *ast.AutoLink:
			dest = n.URL(reader.Source())
			if n.AutoLinkType == ast.AutoLinkEmail {
				return ast.WalkContinue, nil
			}
		default:
			return ast.WalkContinue, nil
		}
		// The renderer resolves entities and escapes in destinations, so
		// "javascript&colon;" must be judged as "javascript:".
		if !SafeURL(unescape(dest)) {
			bad = append(bad, n)
		}
		// A dropped node's children take its place, so they are judged
		// too: an image inside a refused link, a link in an image's text.
		return ast.WalkContinue, nil
	})
	// bad is in document order, so an outer node is unwrapped before the
	// nodes inside it, which by then sit in its parent.
	var dropped []Problem
	for _, n := range bad {
		var dest []byte
		switch v := n.(type) {
		case *ast.Link:
			dest = v.Destination
		case *ast.Image:
			dest = v.Destination
		case *ast.AutoLink:
			dest = v.URL(reader.Source())
		}
		what := "link"
		if n.Kind() == ast.KindImage {
			what = "image"
		}
		dropped = append(dropped, Problem{Line: offsetOf(n), Warn: true, Code: "link-dropped",
			Msg: fmt.Sprintf("%s to %q dropped: only http, https, mailto and relative links are kept, and images must be relative", what, truncate(string(dest), 60))})
		parent := n.Parent()
		if al, ok := n.(*ast.AutoLink); ok {
			parent.ReplaceChild(parent, n, ast.NewString(al.Label(reader.Source())))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
	if dropped != nil {
		pc.Set(droppedKey, dropped)
	}
	// An image's text becomes its alt attribute, where a citation cannot
	// link; it follows the image instead, so that the anchor the source
	// list links back to exists.
	for _, img := range images {
		var cites []ast.Node
		ast.Walk(img, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if entering && n.Kind() == cite.Kind {
				cites = append(cites, n)
				return ast.WalkSkipChildren, nil
			}
			return ast.WalkContinue, nil
		})
		after := img
		for _, c := range cites {
			c.Parent().RemoveChild(c.Parent(), c)
			img.Parent().InsertAfter(img.Parent(), after, c)
			after = c
		}
	}
}

// networkPath reports a URL that names a host without a scheme: "//host",
// and "\\host" or "/\\host", which browsers read the same way.
func networkPath(u string) bool {
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	return len(u) >= 2 && (u[0] == '/' || u[0] == '\\') && (u[1] == '/' || u[1] == '\\')
}

// offsetOf finds a source offset for an inline node: its own, or that of
// its first text, or of its block.
func offsetOf(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if p := c.Pos(); p >= 0 {
			return p
		}
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return p.Lines().At(0).Start
		}
	}
	return -1
}

// unescape resolves what the renderer will resolve in a destination:
// backslash escapes of punctuation and character references.
func unescape(dest []byte) string {
	return html.UnescapeString(string(util.UnescapePunctuations(dest)))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// Scheme returns the lowercased scheme of a URL, or "" for a relative one.
// Browsers ignore ASCII tab and newline anywhere in a URL and leading control
// characters and spaces, so they are ignored here too.
func Scheme(u string) string {
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c == ':':
			if i == 0 {
				return ""
			}
			return strings.ToLower(u[:i])
		case c == '/' || c == '?' || c == '#':
			return ""
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case i > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			// Not a scheme character: the browser reads the URL as a path.
			return ""
		}
	}
	return ""
}

// SafeURL reports whether a link destination may be kept: relative, or
// http, https or mailto.
func SafeURL(u string) bool {
	switch Scheme(u) {
	case "", "http", "https", "mailto":
		return true
	}
	return false
}
