// Package markdown renders note bodies: CommonMark with GitHub tables,
// strikethrough and autolinks, footnotes, typographic punctuation, heading
// ids and citations, with raw HTML off and links limited to safe schemes.
package markdown

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"sync"

	"github.com/chronicle-tools/chronicle/cite"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Problem is something wrong in a body, at a 1-based line of the body.
type Problem struct {
	Line int
	Msg  string
	Warn bool // shown by check, does not stop a build
	// Code names the kind of problem for those a site may have many of,
	// so that they can be counted: "link-dropped". "" for the others.
	Code string
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
