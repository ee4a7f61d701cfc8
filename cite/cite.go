// Package cite is a goldmark extension for source citations: "[@id]" cites
// one source of the note and "[@a; @b]" several. Sources are numbered in the
// order a reader of the page first meets their citations (footnotes come
// last), and each citation links to its entry in the note's source list,
// which links back to the first citation.
//
// It follows goldmark's own footnote extension: an AST node kind, an inline
// parser that triggers on '[', and a renderer registered with a priority.
package cite

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// maxLen bounds how far the parser looks for the closing bracket, so a
// stray "[@" cannot make inline parsing quadratic.
const maxLen = 2000

// Item is one source named in a citation.
type Item struct {
	ID  string
	Num int // the source's number in the note, 0 if the id is unknown
	Seq int // this is the Seq-th citation of the source in the body, from 1
}

// Citation is an inline node for "[@a; @b]".
type Citation struct {
	gast.BaseInline
	Items  []Item
	Offset int // byte offset of the '[' in the source, for error lines

	one [1]Item // Items of a citation of one source, as most are: no second object
}

// Kind is the NodeKind of Citation.
var Kind = gast.NewNodeKind("Citation")

// Kind implements ast.Node.
func (n *Citation) Kind() gast.NodeKind { return Kind }

// Dump implements ast.Node.
func (n *Citation) Dump(source []byte, level int) {
	gast.DumpHelper(n, source, level, map[string]string{"Items": fmt.Sprint(n.Items)}, nil)
}

// Problem is a citation that cannot be resolved, at a byte offset of the
// Markdown source.
type Problem struct {
	Offset int
	Msg    string
}

// Refs is the citation state of one document: which ids exist, and, once the
// document is parsed, the order they were first cited in and what went wrong.
type Refs struct {
	known    map[string]string // each source id, to itself: a citation's id is taken from here, not copied
	Order    []string          // ids in order of first citation
	Num      map[string]int    // id -> number, from 1
	Count    map[string]int    // id -> times cited
	Problems []Problem
	Omitted  int // problems past MaxProblems, counted but not kept
}

// MaxProblems bounds the problems kept for one document.
const MaxProblems = 100

func (r *Refs) problem(offset int, format string, args ...any) {
	if len(r.Problems) >= MaxProblems {
		r.Omitted++
		return
	}
	r.Problems = append(r.Problems, Problem{offset, fmt.Sprintf(format, args...)})
}

var refsKey = parser.NewContextKey()

// NewContext returns a parser context for one document whose sources have
// the given ids, and the Refs it will fill while the document is parsed.
// opts are passed to parser.NewContext.
func NewContext(ids []string, opts ...parser.ContextOption) (parser.Context, *Refs) {
	r := &Refs{known: make(map[string]string, len(ids)), Num: map[string]int{}, Count: map[string]int{}}
	for _, id := range ids {
		r.known[id] = id
	}
	pc := parser.NewContext(opts...)
	pc.Set(refsKey, r)
	return pc, r
}

type citeParser struct{}

func (citeParser) Trigger() []byte { return []byte{'['} }

func (citeParser) Parse(parent gast.Node, block text.Reader, pc parser.Context) gast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[1] != '@' {
		return nil
	}
	end := bytes.IndexByte(line[:min(len(line), maxLen)], ']')
	if end < 0 {
		return nil
	}
	refs, _ := pc.Get(refsKey).(*Refs)
	inner := line[1:end]
	if !validIDs(inner) {
		if refs != nil {
			text := string(line[:end+1])
			if len(text) > 80 {
				text = strings.ToValidUTF8(text[:60]+"..."+text[len(text)-10:], "")
			}
			refs.problem(seg.Start, "malformed citation %q: write [@id] or [@a; @b], where each id is a source id of this note", text)
		}
		return nil
	}
	block.Advance(end + 1)
	// Sized at once, and each known id the source's own string: a body
	// cites a dozen times, and each copy would be garbage.
	n := &Citation{Offset: seg.Start}
	if parts := bytes.Count(inner, []byte{';'}) + 1; parts == 1 {
		n.Items = n.one[:0]
	} else {
		n.Items = make([]Item, 0, parts)
	}
	for part := range bytes.SplitSeq(inner, []byte{';'}) {
		raw := bytes.TrimSpace(part)[1:]
		id, known := "", false
		if refs != nil {
			id, known = refs.known[string(raw)]
		}
		if !known {
			id = string(raw)
			if refs != nil {
				refs.problem(seg.Start, "citation of unknown source %q: add a [[sources]] table with id = %q, or fix the id", id, id)
			}
		}
		n.Items = append(n.Items, Item{ID: id})
	}
	return n
}

// numberer numbers the citations of the finished document, in the order a
// reader meets them. It runs after every other step, since one may drop a
// citation (goldmark removes a footnote that nothing refers to, with what
// it cites) or move it (out of an image's text): numbering as the parser
// met them would count a citation the page does not show, and the source
// list would link back to an anchor that is not there.
type numberer struct{}

func (numberer) Transform(doc *gast.Document, _ text.Reader, pc parser.Context) {
	refs, _ := pc.Get(refsKey).(*Refs)
	if refs == nil {
		return
	}
	_ = gast.Walk(doc, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		c, ok := n.(*Citation)
		if !entering || !ok {
			return gast.WalkContinue, nil
		}
		for i := range c.Items {
			it := &c.Items[i]
			if _, ok := refs.known[it.ID]; !ok {
				continue
			}
			if refs.Num[it.ID] == 0 {
				refs.Order = append(refs.Order, it.ID)
				refs.Num[it.ID] = len(refs.Order)
			}
			refs.Count[it.ID]++
			it.Num, it.Seq = refs.Num[it.ID], refs.Count[it.ID]
		}
		return gast.WalkSkipChildren, nil
	})
}

// validIDs reports whether s is "@a" or "@a; @b...", each part an @ and a
// valid id.
func validIDs(s []byte) bool {
	for part := range bytes.SplitSeq(s, []byte{';'}) {
		part = bytes.TrimSpace(part)
		if len(part) < 2 || part[0] != '@' || !validID(part[1:]) {
			return false
		}
	}
	return true
}

// ValidID reports whether s may be a source id: ASCII letters, digits, '-',
// '_' and '.', starting with a letter or digit.
func ValidID(s string) bool { return validID([]byte(s)) }

func validID(s []byte) bool {
	for i, c := range s {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case (c == '-' || c == '_' || c == '.') && i > 0:
		default:
			return false
		}
	}
	return len(s) > 0
}

type citeRenderer struct{}

func (citeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(Kind, render)
}

// render writes "[1, 3]" as superscript links to #src-N, each with an id the
// source list links back to.
func render(w util.BufWriter, _ []byte, node gast.Node, entering bool) (gast.WalkStatus, error) {
	if !entering {
		return gast.WalkContinue, nil
	}
	n := node.(*Citation)
	w.WriteString(`<sup class="cite">[`)
	for i, it := range n.Items {
		if i > 0 {
			w.WriteString(", ")
		}
		if it.Num == 0 {
			w.WriteString(`<span class="cite-missing">?</span>`)
			continue
		}
		num := strconv.Itoa(it.Num)
		for _, s := range [...]string{`<a href="#src-`, num, `" id="cite-`, num, `-`, strconv.Itoa(it.Seq), `" aria-label="source `, num, `">`, num, `</a>`} {
			w.WriteString(s) // piece by piece: no string built to be copied again
		}
	}
	w.WriteString(`]</sup>`)
	return gast.WalkSkipChildren, nil
}

type extension struct{}

// Extension adds citations to a goldmark instance.
var Extension goldmark.Extender = extension{}

func (extension) Extend(m goldmark.Markdown) {
	// Before goldmark's link parser (200), after its footnote parser (101).
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(citeParser{}, 150)),
		// After goldmark's footnotes (999) and any other transformer.
		parser.WithASTTransformers(util.Prioritized(numberer{}, 10000)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(citeRenderer{}, 500)))
}
