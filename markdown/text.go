package markdown

import (
	"html"
	"strings"
)

// AppendText appends to b the text a reader sees in a body's HTML as
// Render made it, for search: its words without tags, without citation
// and footnote marks, with character references resolved, each run of
// white space made one space and a space between blocks.
//
// It is worked out from the HTML when the search files are written, not
// kept for every note from parsing on: kept, it would be live memory for
// the whole build.
func AppendText(b []byte, body string) []byte {
	t := spaced{b: b, start: len(b)}
	for body != "" {
		lt := strings.IndexByte(body, '<')
		if lt < 0 {
			lt = len(body)
		}
		writeEscaped(&t, body[:lt])
		body = body[lt:]
		if body == "" {
			break
		}
		if strings.HasPrefix(body, "<!--") { // raw HTML, omitted: no text, no break
			body = after(body, "-->")
			continue
		}
		gt := strings.IndexByte(body, '>')
		if gt < 0 {
			break
		}
		tag := body[1:gt]
		body = body[gt+1:]
		name := tag
		if i := strings.IndexAny(tag, " /"); i > 0 {
			name = tag[:i]
		}
		switch name {
		case "sup": // a citation mark, [1], or a footnote's number
			body = after(body, "</sup>")
		case "a":
			if strings.Contains(tag, `class="footnote-backref"`) {
				body = after(body, "</a>")
			}
		case "img":
			if _, alt, ok := strings.Cut(tag, ` alt="`); ok {
				alt, _, _ = strings.Cut(alt, `"`)
				writeEscaped(&t, alt)
			}
		case "em", "strong", "del", "code", "span", "/a", "/em", "/strong", "/del", "/code", "/span":
		default: // a block, its end, or a line break
			t.space()
		}
	}
	return t.b
}

func writeEscaped(t *spaced, s string) {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	writeWords(t, s)
}

// after returns what follows the first end in s, or "".
func after(s, end string) string {
	if _, rest, ok := strings.Cut(s, end); ok {
		return rest
	}
	return ""
}
