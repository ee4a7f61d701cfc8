package site

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/frontmatter"
)

// Diagnostic is a problem in an input file, with its position.
type Diagnostic struct {
	Path    string // slash-separated, relative to the site folder
	Line    int    // 1-based; 0 when the problem is the whole file
	Col     int    // 1-based; 0 when unknown
	Msg     string
	Warning bool // reported by check; does not stop a build
}

// diagnostic is a problem of the file at path.
func diagnostic(path string, p frontmatter.Problem) Diagnostic {
	return Diagnostic{Path: path, Line: p.Line, Col: p.Col, Msg: p.Msg, Warning: p.Warning}
}

// reporter appends each problem of the file at path to diags.
func reporter(path string, diags *Diagnostics) func(frontmatter.Problem) {
	return func(p frontmatter.Problem) { *diags = append(*diags, diagnostic(path, p)) }
}

func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// Diagnostics is a list of problems. As an error it is every problem, one per
// line; Build returns it when any of them is an error rather than a warning.
type Diagnostics []Diagnostic

func (ds Diagnostics) Error() string {
	lines := make([]string, len(ds))
	for i, d := range ds {
		lines[i] = d.String()
	}
	return strings.Join(lines, "\n")
}

// Errors counts the diagnostics that are errors.
func (ds Diagnostics) Errors() int {
	n := 0
	for _, d := range ds {
		if !d.Warning {
			n++
		}
	}
	return n
}

// sort orders diagnostics by file and position, so that a run lists them the
// same way every time whatever order the files were read in.
func (ds Diagnostics) sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i], ds[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// nearest suggests the known word closest to w, or "" if none is close.
func nearest(w string, known []string) string {
	best, bestD, bestP := "", len(w)/2+2, -1
	lw := strings.ToLower(w)
	n := utf8.RuneCountInString(lw)
	for _, k := range known {
		// The distance is at least the difference in length: skip the
		// quadratic count when it cannot win (a long mistyped id among
		// thousands would otherwise cost seconds).
		lk := strings.ToLower(k)
		if m := utf8.RuneCountInString(lk); n-m > bestD || m-n > bestD {
			continue
		}
		d, p := editDistance(lw, lk), commonPrefix(lw, lk)
		// On a tie, the word that starts the same way is the likelier
		// intent: "knd" is "kind", not "end".
		if d < bestD || d == bestD && p > bestP && best != "" {
			best, bestD, bestP = k, d, p
		}
	}
	return best
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// didYouMean is a suggestion to end a message with, or "".
func didYouMean(w string, known []string) string {
	if s := nearest(w, known); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// checkKeys reports each key of the table t at prefix that is not one of
// known, with the nearest known key suggested.
func checkKeys(doc *frontmatter.Doc, prefix string, t map[string]any, known []string) {
	for _, k := range sortedKeys(t) {
		if !slices.Contains(known, k) {
			key := k
			if prefix != "" {
				key = prefix + "." + k
			}
			doc.Errorf(key, "unknown key %q%s; known keys are %s", k, didYouMean(k, known), strings.Join(known, ", "))
		}
	}
}
