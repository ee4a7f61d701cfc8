package markdown

import (
	"bytes"
	"fmt"
)

// Bounds on the shapes of a body whose cost grows faster than its size in
// goldmark: the block parser re-examines every open quote and list on every
// line, and the footnote parser looks each reference up among all the
// definitions. Within these bounds a 10 MB body renders in seconds; past
// them, Render reports the first offending line rather than take minutes.
const (
	// maxPrefix bounds the quote markers, list markers and indentation
	// before a line's text: 128 characters is some 60 levels of nesting.
	maxPrefix = 128
	// maxFootnotes bounds the footnote definitions of one body.
	maxFootnotes = 200
)

// guard returns the problems that make src too costly to render, or nil.
func guard(src []byte) []Problem {
	footnotes := 0
	for line, off := 1, 0; off < len(src); line++ {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		l := src[off : off+end]
		off += end + 1
		n := prefixLen(l)
		if n > maxPrefix {
			return []Problem{{Line: line, Msg: fmt.Sprintf("this line is nested too deeply: %d characters of quote markers, list markers and indentation before its text, at most %d; flatten its quotes and lists", n, maxPrefix)}}
		}
		if rest := l[n:]; bytes.HasPrefix(rest, []byte("[^")) && bytes.Contains(rest, []byte("]:")) {
			if footnotes++; footnotes > maxFootnotes {
				return []Problem{{Line: line, Msg: fmt.Sprintf("more than %d footnote definitions: a note's sources and citations carry its references; keep footnotes for asides", maxFootnotes)}}
			}
		}
	}
	return nil
}

// prefixLen is the length of the run of blanks, '>' and list markers ("- ",
// "* ", "+ ", "1. ", "1) ") that starts a line.
func prefixLen(l []byte) int {
	i := 0
	for i < len(l) {
		switch c := l[i]; {
		case c == ' ' || c == '\t' || c == '>':
			i++
		case (c == '-' || c == '+' || c == '*') && i+1 < len(l) && (l[i+1] == ' ' || l[i+1] == '\t'):
			i += 2
		case '0' <= c && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && '0' <= l[j] && l[j] <= '9' {
				j++
			}
			if j+1 < len(l) && (l[j] == '.' || l[j] == ')') && (l[j+1] == ' ' || l[j+1] == '\t') {
				i = j + 2
				continue
			}
			return i
		default:
			return i
		}
	}
	return i
}
