package frontmatter

import (
	"strings"
)

// maxTOMLDepth bounds the nesting of front matter: the decoder's time grows
// with the square of it, and no note needs more than three levels.
const maxTOMLDepth = 32

// maxTableWork bounds the tables that front matter makes with inline tables,
// dotted keys and table headers, each weighed by its depth: the decoder
// takes about a microsecond for each unit (BenchmarkDecodeWorst), and a
// note needs a few hundred. Arrays cost it a twentieth of that and are not
// counted.
const maxTableWork = 100000

// over says which limit a text passes.
type over int

const (
	withinLimits  over = iota
	tooDeep            // nested more than maxTOMLDepth
	tooManyTables      // tables past maxTableWork
)

// guard returns the line where text passes a limit, and which, or 0.
// Nesting is what the decoder's time grows with: arrays, inline tables, and
// the parts of dotted keys and table headers (a.b.c = [1] is four deep).
//
// It must never be walked around, or one note could stall every build. So
// it skips a string or a comment only where it is sure of its extent, lexed
// as TOML lexes it (a multi-line string ends at the last quote of a run of
// three to five). Where the text cannot be TOML (a string that meets the end
// of its line or of the text, a run of six quotes), it stops skipping and
// counts every bracket from there on. On valid TOML its count is the
// nesting written (FuzzTOMLGuard); on invalid TOML the decoder stops at the
// first mistake, before any nesting the count may have missed.
func guard(text string) (int, over) { return scan(text, maxTOMLDepth, maxTableWork) }

// scan is guard for any limits.
func scan(text string, limit, work int) (int, over) {
	if strings.Count(text, "[")+strings.Count(text, "{")+strings.Count(text, ".") <= limit && limit*(limit+1)/2 <= work {
		return 0, withinLimits // too few of them to pass a limit: skip the scan
	}
	var (
		line   = 1
		level  = 0    // the nesting here
		base   = 0    // the nesting of the last table header's keys
		key    = true // in a key or a header, where a dot nests
		header = false
		open   []byte // the brackets open
		at     []int  // the level before each
	)
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case '\n':
			line++
			if len(open) == 0 {
				level, key = base, true
			}
		case '#':
			for i+1 < len(text) && text[i+1] != '\n' {
				i++
			}
		case '"', '\'':
			end, ok := stringEnd(text, i)
			if !ok {
				return bracketsPast(text[i:], line, level, limit, work)
			}
			line += strings.Count(text[i:end], "\n")
			i = end - 1
		case '.':
			if key {
				if level++; level > limit {
					return line, tooDeep
				}
				if work -= level; work < 0 {
					return line, tooManyTables
				}
			}
		case '=':
			key = false
		case '[', '{':
			open, at = append(open, c), append(at, level)
			if c == '[' && key && (len(open) == 1 || header) {
				header, level = true, 0 // a table header: [a.b] or [[a.b]]
				continue
			}
			if level++; level > limit {
				return line, tooDeep
			}
			if c == '{' {
				if work -= level; work < 0 {
					return line, tooManyTables
				}
			}
			key = c == '{'
		case ']', '}':
			n := len(open)
			if n == 0 {
				continue
			}
			if header {
				if n == 1 {
					base, header = level+1, false
				}
			} else {
				level = at[n-1]
			}
			open, at, key = open[:n-1], at[:n-1], false
		case ',':
			if n := len(open); n > 0 && !header {
				level, key = at[n-1]+1, open[n-1] == '{'
			}
		}
	}
	return 0, withinLimits
}

// bracketsPast counts every bracket of text, strings and comments
// included, from level at line: the count of a text that cannot be TOML,
// where strings cannot be told apart.
func bracketsPast(text string, line, level, limit, work int) (int, over) {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			line++
		case '[', '{':
			if level++; level > limit {
				return line, tooDeep
			}
			if text[i] == '{' {
				if work -= level; work < 0 {
					return line, tooManyTables
				}
			}
		case ']', '}':
			level = max(level-1, 0)
		}
	}
	return 0, withinLimits
}

// stringEnd returns the offset just past the TOML string that opens at
// text[i], a quote, or false where no valid string does.
func stringEnd(text string, i int) (int, bool) {
	q := text[i]
	if strings.HasPrefix(text[i:], string([]byte{q, q, q})) {
		// Multi-line: ends at the first run of three or more quotes, which
		// may hold two of the string's own quotes before the closing three.
		for j := i + 3; j < len(text); j++ {
			switch {
			case text[j] == '\\' && q == '"':
				j++ // an escape, or a line-ending backslash
			case text[j] == q:
				run := 1
				for j+run < len(text) && text[j+run] == q {
					run++
				}
				if run >= 3 {
					return j + run, run <= 5
				}
				j += run - 1
			}
		}
		return 0, false
	}
	for j := i + 1; j < len(text); j++ {
		switch {
		case text[j] == '\n':
			return 0, false
		case text[j] == '\\' && q == '"':
			j++
		case text[j] == q:
			return j + 1, true
		}
	}
	return 0, false
}
