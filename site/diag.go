package site

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/chronicle-tools/chronicle/frontmatter"
)

// Diagnostic is a problem in an input file, with its position.
type Diagnostic struct {
	Path    string // slash-separated, relative to the site folder
	Line    int    // 1-based; 0 when the problem is the whole file
	Col     int    // 1-based; 0 when unknown
	Msg     string
	Warning bool // reported by check; does not stop a build
	// Draft marks a problem of a note marked draft, left out of the build:
	// a warning, whatever it would be in a published note.
	Draft bool
	// Code names the kind of problem, for those that come in numbers
	// (one of the Code constants), so that a summary can count them
	// without reading messages; "" for the others.
	Code string
}

// The kinds of problem that a site can have many of.
const (
	CodeNoPublished       = "no-published"       // a source without a published date
	CodeUncited           = "uncited"            // a source that nothing cites
	CodeNoCitations       = "no-citations"       // a body that cites no source
	CodePublisherSpelling = "publisher-spelling" // one URL, two spellings of its publisher
	CodePublisherHost     = "publisher-host"     // two publishers with URLs on one host
	CodeLinkDropped       = "link-dropped"       // a link dropped for its scheme (markdown.Problem's code)
	CodeNoArchived        = "no-archived"        // a source without an archived copy
	CodeSpelling          = "spelling"           // names that would share a page
	CodeNoCoordinates     = "no-coordinates"     // a place the notes name that places.toml lacks
)

// draftProblem is d as a problem of a draft left out of the build: a
// warning, marked as the draft's, whatever it would be in a published note.
func draftProblem(d Diagnostic) Diagnostic {
	d.Msg = "draft: " + d.Msg
	d.Warning, d.Draft = true, true
	return d
}

// count is n and noun, in the plural unless n is 1: "1,256 warnings".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}

// thousands writes n with commas between its thousands: 1,256.
func thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
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

// Sort orders diagnostics by file and position, so that a run lists them the
// same way every time whatever order the files were read in.
func (ds Diagnostics) Sort() {
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

// checkKeys reports each key of the table t at prefix that is not one of
// known, with a known key suggested when synonyms or the spelling point to
// one (see suggest).
func checkKeys(doc *frontmatter.Doc, prefix string, t map[string]any, known []string, synonyms map[string]string) {
	unknown, first := 0, ""
	for _, k := range sortedKeys(t) {
		if slices.Contains(known, k) {
			continue
		}
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		// A table of thousands of unknown keys is one mistake, not
		// thousands: the first ones are listed, then their count.
		if unknown++; unknown <= maxUnknownKeys {
			if synonyms[strings.ToLower(k)] == "extra" && slices.Contains(known, "extra") {
				// A field of the author's own: say where such fields go.
				doc.Errorf(key, "unknown key %q: put your own fields under %s; known keys are %s", k, extraHeader(prefix), strings.Join(known, ", "))
				continue
			}
			doc.Errorf(key, "unknown key %q%s; known keys are %s", k, didYouMean(k, known, synonyms), strings.Join(known, ", "))
		} else if first == "" {
			first = key
		}
	}
	if unknown > maxUnknownKeys {
		doc.Errorf(first, "and %d more unknown keys from here, not listed: fix the ones above first", unknown-maxUnknownKeys)
	}
}

// maxUnknownKeys bounds the unknown keys listed for one table.
const maxUnknownKeys = 20

// codeNouns name each kind of problem in a summary, singular and plural.
var codeNouns = map[string][2]string{
	CodeNoPublished:       {"source without a published date", "sources without a published date"},
	CodeUncited:           {"source never cited", "sources never cited"},
	CodeNoCitations:       {"body that cites no source", "bodies that cite no source"},
	CodePublisherSpelling: {"source with another spelling of its URL's publisher", "sources with another spelling of their URL's publisher"},
	CodePublisherHost:     {"pair of publishers with URLs on one host", "pairs of publishers with URLs on one host"},
	CodeLinkDropped:       {"link dropped for its scheme", "links dropped for their scheme"},
	CodeNoArchived:        {"source without an archived copy", "sources without an archived copy"},
	CodeSpelling:          {"name spelled several ways", "names spelled several ways"},
	CodeNoCoordinates:     {"place without coordinates", "places without coordinates"},
	"draft":               {"problem in a draft", "problems in drafts"},
	"":                    {"other problem", "other problems"},
}

// Summary counts the problems by kind (their Code; those of drafts
// together), commonest first, as at most max lines such as "1,256 sources
// without a published date": a command that does not list them all says
// what they are. Past max, the rarer kinds are counted together.
func (ds Diagnostics) Summary(max int) []string {
	counts := map[string]int{}
	for _, d := range ds {
		k := d.Code
		if d.Draft {
			k = "draft"
		} else if _, ok := codeNouns[k]; !ok {
			k = ""
		}
		counts[k]++
	}
	kinds := sortedKeys(counts)
	// The commonest first; "other" last, as it is not a kind.
	slices.SortStableFunc(kinds, func(a, b string) int {
		if (a == "") != (b == "") {
			if a == "" {
				return 1
			}
			return -1
		}
		return counts[b] - counts[a]
	})
	if max < 1 {
		max = 1
	}
	if len(kinds) > max {
		rest := 0
		for _, k := range kinds[max-1:] {
			rest += counts[k]
		}
		kinds = append(kinds[:max-1:max-1], "")
		counts[""] = rest
	}
	lines := make([]string, len(kinds))
	for i, k := range kinds {
		n, noun := counts[k], codeNouns[k][1]
		if n == 1 {
			noun = codeNouns[k][0]
		}
		lines[i] = thousands(n) + " " + noun
	}
	return lines
}
