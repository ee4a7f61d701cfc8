// Package markdown renders note bodies: CommonMark with GitHub tables,
// strikethrough and autolinks, footnotes, typographic punctuation, heading
// ids and citations, with raw HTML off and links limited to safe schemes.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"html"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/cite"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Problem is something wrong in a body, at a 1-based line of the body.
type Problem struct {
	Line int
	Msg  string
	Warn bool // shown by check, does not stop a build
}

// Doc is a rendered body.
type Doc struct {
	HTML     string
	Summary  string         // the first paragraph as plain text
	Cited    []string       // source ids in order of first citation
	Count    map[string]int // source id -> times cited
	Problems []Problem
}

// md is shared: a goldmark instance is safe for concurrent Convert calls
// and costly to set up. mdNoLinkify is md without bare-URL autolinks, for
// the bodies that hold nothing linkify could match (see mayLinkify).
var (
	md          = newMarkdown(extension.Linkify)
	mdNoLinkify = newMarkdown()
)

func newMarkdown(more ...goldmark.Extender) goldmark.Markdown {
	return goldmark.New(
		// Table alignment as the align attribute: the style attribute
		// goldmark writes by default is inline style, which the pages'
		// CSP blocks.
		goldmark.WithExtensions(append([]goldmark.Extender{
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
			extension.Strikethrough, extension.Footnote, extension.Typographer, cite.Extension}, more...)...),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkPolicy{}, 1000))),
	)
}

// mayLinkify reports whether linkify could find anything in src: a URL
// starting http:, https: or ftp:, a www. domain, or an e-mail address,
// which needs an @ right after a character of its local part. Linkify
// triggers on every space, and most bodies cite their sources and hold no
// bare link, for which it finds nothing. FuzzLinkifyGate holds the two
// instances to the same output.
func mayLinkify(src []byte) bool {
	// As bytes.Contains(src, "tp:"), "tps:" and "www.", in two passes
	// over src rather than three: a scheme ends at a colon, a www. domain
	// begins at a dot, and both bytes are rarer than a t or a w.
	if precededBy(src, ':', "tp", "tps") || precededBy(src, '.', "www") {
		return true
	}
	if trailingSpaces(src) {
		return true
	}
	for i := bytes.IndexByte(src, '@'); i >= 0; {
		// Citations write [@id] and [@a; @b]: the @ follows a bracket or
		// a space, which no address has before its @.
		if i > 0 && !notLocalPart(src[i-1]) {
			return true
		}
		j := bytes.IndexByte(src[i+1:], '@')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// precededBy reports whether some c in src comes right after one of the
// ends, which hold no c.
func precededBy(src []byte, c byte, ends ...string) bool {
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], c)
		if i < 0 {
			return false
		}
		before := src[off : off+i]
		for _, end := range ends {
			if bytes.HasSuffix(before, []byte(end)) {
				return true
			}
		}
		off += i + 1
	}
}

// trailingSpaces reports whether a line of src ends in two or more white
// space characters, or src holds a carriage return that ends no line.
// Linkify stops at each space, and goldmark then keeps all but the last in
// the paragraph ("a \t" becomes "a "), where without linkify it trims them
// all: the HTML would differ by that space. FuzzLinkifyGate found both.
func trailingSpaces(src []byte) bool {
	space := func(c byte) bool { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' }
	end := func(i int) bool { // a line ends before src[i]
		if i > 0 && src[i-1] == '\r' {
			i-- // CRLF
		}
		return i >= 2 && space(src[i-1]) && space(src[i-2])
	}
	// Line by line with IndexByte, not byte by byte: every body comes here.
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		if end(off + i) {
			return true
		}
		off += i + 1
	}
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\r')
		if i < 0 {
			break
		}
		if i = off + i; i+1 == len(src) || src[i+1] != '\n' {
			return true
		}
		off = i + 1
	}
	return end(len(src))
}

// notLocalPart is true for the bytes that cannot end an address's local
// part. Anything else (letters of any script included) counts as maybe.
func notLocalPart(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '[', ';', ',', '(', ')', ']', '<', '>', '"', ':', '@':
		return true
	}
	return false
}

// Render converts a note body whose sources have the given ids.
func Render(src []byte, sourceIDs []string) Doc {
	if mayLinkify(src) {
		return render(md, src, sourceIDs)
	}
	return render(mdNoLinkify, src, sourceIDs)
}

// output is where a body is rendered: a buffer and the bufio.Writer over it
// that goldmark writes through, reused from body to body.
type output struct {
	buf bytes.Buffer
	w   *bufio.Writer
}

var outputs = sync.Pool{New: func() any {
	o := &output{}
	o.w = bufio.NewWriter(&o.buf)
	return o
}}

func render(md goldmark.Markdown, src []byte, sourceIDs []string) Doc {
	if problems := guard(src); problems != nil {
		return Doc{Count: map[string]int{}, Problems: problems}
	}
	pc, refs := cite.NewContext(sourceIDs, parser.WithIDs(&headingIDs{}))
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if mayNestDeep(src) {
		flattenEmphasis(doc)
	}
	out := outputs.Get().(*output)
	defer outputs.Put(out)
	out.buf.Reset()
	out.w.Reset(&out.buf)
	// goldmark buffers its writes in a bufio.Writer of its own unless given
	// one: four kilobytes a body, pooled here.
	if err := md.Renderer().Render(out.w, src, doc); err != nil {
		// Rendering to a bytes.Buffer fails only on a bug in a renderer.
		panic(err)
	}
	d := Doc{HTML: out.buf.String(), Cited: refs.Order, Count: refs.Count, Summary: firstParagraph(doc, src)}
	dropped, _ := pc.Get(droppedKey).([]Problem)
	if len(refs.Problems) == 0 && len(dropped) == 0 {
		return d
	}
	lines := newLineIndex(src)
	for _, p := range refs.Problems {
		d.Problems = append(d.Problems, Problem{Line: lines.at(p.Offset), Msg: p.Msg})
	}
	if refs.Omitted > 0 {
		d.Problems = append(d.Problems, Problem{Line: d.Problems[len(d.Problems)-1].Line,
			Msg: fmt.Sprintf("and %d more citation problems in this body, not listed: fix the ones above first", refs.Omitted)})
	}
	for i, p := range dropped {
		p.Line = lines.at(p.Line)
		if i == maxProblems {
			p.Msg = fmt.Sprintf("and %d more links dropped in this body, not listed", len(dropped)-maxProblems)
			d.Problems = append(d.Problems, p)
			break
		}
		d.Problems = append(d.Problems, p)
	}
	return d
}

// maxEmphasis bounds the nesting of emphasis and strikethrough. A run of a
// thousand asterisks is a thousand nested <strong> elements, past the 512
// open elements HTML parsers keep; deeper emphasis is unwrapped, its text
// kept.
const maxEmphasis = 32

// mayNestDeep reports whether src has the delimiters for emphasis nested
// past maxEmphasis: each level takes at least one *, _ or ~ on each side.
// Without them the walk of flattenEmphasis is skipped: it would visit the
// whole tree of every body for the rare one that needs it.
func mayNestDeep(src []byte) bool {
	return bytes.Count(src, []byte("*"))+bytes.Count(src, []byte("_"))+bytes.Count(src, []byte("~")) > 2*maxEmphasis
}

// flattenEmphasis unwraps emphasis nested deeper than maxEmphasis.
func flattenEmphasis(doc ast.Node) {
	var deep []ast.Node
	depth := 0
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if n.Kind() != ast.KindEmphasis && n.Kind() != east.KindStrikethrough {
			return ast.WalkContinue, nil
		}
		if !entering {
			depth--
			return ast.WalkContinue, nil
		}
		if depth++; depth > maxEmphasis {
			deep = append(deep, n)
		}
		return ast.WalkContinue, nil
	})
	for _, n := range deep {
		parent := n.Parent()
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// maxProblems bounds the problems of one kind listed for one body: a body of
// a million broken citations must not make a million messages.
const maxProblems = 100

// lineIndex finds the line of a byte offset in O(log n), so that many
// problems in a long body do not each count its newlines anew.
type lineIndex []int // offsets of the newlines

func newLineIndex(src []byte) lineIndex {
	var idx lineIndex
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return idx
		}
		idx = append(idx, off+i)
		off += i + 1
	}
}

// at is the 1-based line of a byte offset; a negative offset is line 1.
func (idx lineIndex) at(off int) int {
	if off < 0 {
		return 1
	}
	n, _ := slices.BinarySearch(idx, off)
	return n + 1
}

// pageIDs are the ids the default templates give elements of the pages a
// body is shown on. A heading of the body must not take one: a heading
// "Src 1" would otherwise catch every link to the first source.
var pageIDs = []string{"main", "sources", "updates", "related", "filters", "storynav-h", "storylines-h", "months-h", "mh", "chart-title", "chart-desc", "filter-count", "filter-clear"}

// pageIDRE matches the ids the templates number or prefix: sources,
// citations, filters, days and months. (Footnote ids hold a colon, which
// heading ids never do.)
var pageIDRE = regexp.MustCompile(`^(src-[0-9]|cite-[0-9]|f-|[dm][0-9])`)

// headingIDs makes a body's heading ids as goldmark's ids do, but of
// letters of any script (goldmark keeps ASCII ones only, so a heading
// "Заява Зеленського" had the id "-"), and clear of the page's own ids. It
// is set up on a body's first heading: most bodies have none.
type headingIDs struct {
	used map[string]bool
	last map[string]int // the last number given after a base, as goldmark keeps it
}

func (h *headingIDs) init() {
	if h.used != nil {
		return
	}
	h.used = make(map[string]bool, len(pageIDs)+4)
	h.last = map[string]int{}
	for _, id := range pageIDs {
		h.used[id] = true
	}
}

// Generate makes an id as goldmark's does, byte for byte on ASCII text
// (FuzzHeadingIDsAsGoldmark): letters and digits lowercased, spaces,
// hyphens and underscores as hyphens, the rest dropped; "heading" if
// nothing is left; -1, -2 and so on after an id already taken.
func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	h.init()
	var base []byte
	for _, r := range string(util.TrimRightSpace(util.TrimLeftSpace(value))) {
		switch {
		case r < utf8.RuneSelf && util.IsAlphaNumeric(byte(r)):
			base = append(base, byte(unicode.ToLower(r)))
		case r < utf8.RuneSelf && (util.IsSpace(byte(r)) || r == '-' || r == '_'):
			base = append(base, '-')
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)):
			base = utf8.AppendRune(base, unicode.ToLower(r))
		}
	}
	if len(base) == 0 {
		base = []byte("id")
		if kind == ast.KindHeading {
			base = []byte("heading")
		}
	}
	id := h.unique(string(base))
	if pageIDRE.MatchString(id) {
		id = h.unique("h-" + id)
	}
	return []byte(id)
}

// unique is base, or base-N with N past the last one given after base: a
// hundred thousand headings of one text must not count from 1 each time.
func (h *headingIDs) unique(base string) string {
	if !h.used[base] {
		h.used[base] = true
		return base
	}
	for i := h.last[base] + 1; ; i++ {
		if id := base + "-" + strconv.Itoa(i); !h.used[id] {
			h.used[id] = true
			h.last[base] = i
			return id
		}
	}
}

func (h *headingIDs) Put(value []byte) {
	h.init()
	h.used[string(value)] = true
}

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
		dropped = append(dropped, Problem{Line: offsetOf(n), Warn: true,
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

// firstParagraph is the plain text of the document's first paragraph, with
// citations and markup removed and whitespace collapsed.
func firstParagraph(doc ast.Node, src []byte) string {
	var para ast.Node
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if c.Kind() == ast.KindParagraph {
			para = c
			break
		}
	}
	if para == nil {
		return ""
	}
	size := 0
	if lines := para.Lines(); lines.Len() > 0 {
		size = lines.At(lines.Len()-1).Stop - lines.At(0).Start
	}
	return plainText(para, src, size)
}

// plainText is the text of a node with citations and markup removed and
// whitespace collapsed; blocks are separated by a space.
// size is the length of n's source, which the text seldom exceeds.
func plainText(n ast.Node, src []byte, size int) string {
	t := spaced{b: make([]byte, 0, size)}
	ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				t.space()
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *cite.Citation:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if n.Parent().Kind() == ast.KindCodeSpan {
				t.write(n.Value(src)) // code is as written
			} else {
				t.write(textOf(n.Value(src)))
			}
			if n.SoftLineBreak() || n.HardLineBreak() {
				t.space()
			}
		case *ast.String:
			if n.IsCode() {
				t.write([]byte(html.UnescapeString(string(n.Value))))
			} else {
				t.write(n.Value)
			}
		case *ast.AutoLink:
			t.write(n.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return string(t.b)
}

// textOf is the text a segment of Markdown text shows: its backslash
// escapes and character references resolved and NUL made U+FFFD, as
// goldmark writes it in the HTML, which is then unescaped. Most text holds
// none of these; for the rest the result must not depend on where goldmark
// cut the text into segments, which it does differently with linkify.
func textOf(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 && bytes.IndexByte(v, 0) < 0 {
		return v
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	gmhtml.DefaultWriter.Write(w, v)
	w.Flush()
	return []byte(html.UnescapeString(b.String()))
}

// asciiSpace are the ASCII bytes unicode.IsSpace calls space.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// spaced collects text with each run of white space made one space, and
// none at either end, as strings.Fields and Join would, in one pass.
type spaced struct {
	b       []byte
	start   int  // where the text starts in b
	pending bool // a space is due before the next word
}

func (t *spaced) space() { t.pending = len(t.b) > t.start }

func (t *spaced) write(p []byte) { writeWords(t, p) }

// writeWords is spaced.write for text of either type.
func writeWords[T string | []byte](t *spaced, p T) {
	for len(p) > 0 {
		word := 0 // the length of the word p starts with
		for word < len(p) {
			c := p[word]
			if c < utf8.RuneSelf {
				if asciiSpace[c] {
					break
				}
				word++
				continue
			}
			r, size := decodeRune(p[word:])
			if unicode.IsSpace(r) {
				break
			}
			word += size
		}
		if word == 0 {
			_, size := decodeRune(p)
			t.space()
			p = p[size:]
			continue
		}
		if t.pending {
			t.b = append(t.b, ' ')
			t.pending = false
		}
		t.b = append(t.b, p[:word]...)
		p = p[word:]
	}
}

func decodeRune[T string | []byte](p T) (rune, int) {
	if s, ok := any(p).(string); ok {
		return utf8.DecodeRuneInString(s)
	}
	return utf8.DecodeRune([]byte(p))
}
