package markdown

import (
	"bufio"
	"bytes"
	"html"
	"unicode"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/cite"
	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

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
