// Package frontmatter reads the TOML front matter of notes, pages and
// config.toml: it splits a file into its front matter and body, decodes the
// TOML (by a fast path where it can, guarded against deep nesting, by
// BurntSushi/toml otherwise), and reads typed values from it, reporting
// each problem at its line.
package frontmatter

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// Problem is a mistake in a file, at its line in the file.
type Problem struct {
	Line    int // 1-based; 0 when the problem is the whole file
	Col     int // 1-based; 0 when unknown
	Msg     string
	Warning bool // a warning rather than an error
}

// Split separates a file written as "+++\nTOML\n+++\nbody" into its TOML
// front matter and its body, with bodyLine the file line the body starts
// on. The file must be UTF-8 without NUL bytes; a byte-order mark is
// skipped. A file reads the same with LF or CRLF line ends, in multi-line
// strings too (TOML lets a reader normalise them): fm and body have LF line
// ends. A CR alone ends a line of the body, as in CommonMark, but TOML
// allows none: in the front matter it is refused at its line, as the
// decoder would refuse it. On a problem, fm and body are nil.
func Split(data []byte) (fm, body []byte, bodyLine int, problem *Problem) {
	if p := checkText(data); p != nil {
		return nil, nil, 0, p
	}
	data, crLine := lfLines(data)
	fm, body, bodyLine, msg := splitFrontMatter(data)
	switch {
	case crLine == 1:
		return nil, nil, 0, &Problem{Line: 1, Msg: "the lines of this file end with a carriage return alone (old Mac line ends): save it with LF or CRLF line ends"}
	case msg != "":
		return nil, nil, 0, &Problem{Line: 1, Msg: msg}
	case crLine > 0 && crLine < bodyLine:
		return nil, nil, 0, &Problem{Line: crLine, Msg: "this line ends with a carriage return alone, which TOML does not allow: save the file with LF or CRLF line ends"}
	case len(fm) > maxSize:
		return nil, nil, 0, &Problem{Line: 2 + bytes.Count(fm[:maxSize], []byte{'\n'}),
			Msg: fmt.Sprintf("the front matter is %d KB, more than the %d KB a note may have: move long text into the body", len(fm)>>10, maxSize>>10)}
	}
	return fm, body, bodyLine, nil
}

// maxSize bounds a note's front matter, so that the decoder's time on any
// note stays well under a second (BenchmarkDecodeWorst): a note with two
// thousand sources takes some 250 KB.
const maxSize = 256 << 10

// checkText reports a file that is not UTF-8 or holds NUL bytes, at the line
// of the first bad byte.
func checkText(data []byte) *Problem {
	if utf8.Valid(data) && bytes.IndexByte(data, 0) < 0 {
		return nil
	}
	off := bytes.IndexByte(data, 0)
	if !utf8.Valid(data) {
		for i := 0; i < len(data); {
			r, n := utf8.DecodeRune(data[i:])
			if r == utf8.RuneError && n == 1 {
				off = i
				break
			}
			i += n
		}
	}
	return &Problem{Line: bytes.Count(data[:off], []byte{'\n'}) + 1, Msg: "the file is not UTF-8 text: save it with UTF-8 encoding"}
}

// lfLines returns data with its line ends made LF: CRLF, and a CR alone,
// which CommonMark reads as a line end too. crLine is the first line that a
// CR alone ends, or 0. A file without a CR, most of them, is returned as it
// is, not copied.
func lfLines(data []byte) (out []byte, crLine int) {
	if bytes.IndexByte(data, '\r') < 0 {
		return data, 0
	}
	out = make([]byte, 0, len(data))
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\r' {
			if i+1 < len(data) && data[i+1] == '\n' {
				continue // the LF that follows is the line end
			}
			if crLine == 0 {
				crLine = bytes.Count(out, []byte{'\n'}) + 1
			}
			c = '\n'
		}
		out = append(out, c)
	}
	return out, crLine
}

// splitFrontMatter separates "+++\nTOML\n+++\nbody". It returns the TOML,
// the body and the body's first line number, or what is wrong. A byte-order
// mark and CRLF line endings are accepted.
func splitFrontMatter(data []byte) (fm, body []byte, bodyLine int, problem string) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !bytes.HasPrefix(data, []byte("+++")) || !isDelim(firstLine(data)) {
		return nil, nil, 0, "a note starts with a line +++, then its TOML front matter, then a closing +++"
	}
	rest := data[len(firstLine(data)):]
	rest = bytes.TrimPrefix(bytes.TrimPrefix(rest, []byte("\r")), []byte("\n"))
	line := 2
	for off := 0; off < len(rest); {
		l := firstLine(rest[off:])
		if isDelim(l) {
			body = rest[off+len(l):]
			body = bytes.TrimPrefix(bytes.TrimPrefix(body, []byte("\r")), []byte("\n"))
			return rest[:off], body, line + 1, ""
		}
		off += len(l) + 1
		line++
	}
	return nil, nil, 0, "the front matter opened by +++ on line 1 is never closed: add a line +++ after the last TOML line"
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

func isDelim(l []byte) bool {
	return string(bytes.TrimRight(l, " \t\r")) == "+++"
}
