package site

import (
	"fmt"
	"slices"
	"strings"
)

// drift compares a translation t with its original o: what a translation
// must keep as it is. Each difference is a warning at t's line that names
// o's file and line.
func drift(o, t *Event, ofigs, tfigs []figure) Diagnostics {
	var out Diagnostics
	warn := func(tline int, oline int, format string, args ...any) {
		out = append(out, Diagnostic{Path: t.Path, Line: tline, Warning: true, Code: CodeDrift,
			Msg: fmt.Sprintf(format, args...) + fmt.Sprintf(" (the original: %s:%d); a translation keeps its original's sources, dates, status, names and figures: correct one of them", o.Path, oline)})
	}
	same := func(key, a, b string) {
		if a != b {
			warn(t.line(key), o.line(key), "%s is %s here but %s in the original", key, show(b), show(a))
		}
	}
	same("date", o.Date.String(), t.Date.String())
	same("end", o.End.String(), t.End.String())
	same("status", o.Status, t.Status)
	same("kind", o.Kind, t.Kind)
	for _, f := range []struct {
		key  string
		a, b []string
	}{{"places", o.Places, t.Places}, {"actors", o.Actors, t.Actors}, {"tags", o.Tags, t.Tags}, {"storylines", o.Storylines, t.Storylines}, {"related", o.Related, t.Related}} {
		// Names stay as the original writes them: their names in other
		// languages are in config.toml's [translations].
		a, b := sortedSet(f.a), sortedSet(f.b)
		if !slices.Equal(a, b) {
			same(f.key, strings.Join(a, ", "), strings.Join(b, ", "))
		}
	}
	driftSources(o, t, warn)
	if len(o.Updates) != len(t.Updates) {
		warn(t.line("updates"), o.line("updates"), "%s here but %d in the original", count(len(t.Updates), "update"), len(o.Updates))
	} else {
		for i := range o.Updates {
			key := fmt.Sprintf("updates.%d.date", i)
			if o.Updates[i].Date != t.Updates[i].Date {
				warn(t.line(key), o.line(key), "update %d is dated %s here but %s in the original", i+1, t.Updates[i].Date, o.Updates[i].Date)
			}
		}
	}
	driftFigures(o, t, ofigs, tfigs, warn)
	return out
}

// driftSources compares the sources as written, in order, field by field
// (a source's title, quote and address are never translated), and the
// sources the bodies cite.
func driftSources(o, t *Event, warn func(int, int, string, ...any)) {
	os, ts := written(o.Sources), written(t.Sources)
	if len(os) != len(ts) {
		warn(t.line("sources"), o.line("sources"), "%s here but %d in the original", count(len(ts), "source"), len(os))
	}
	for i := range min(len(os), len(ts)) {
		a, b := os[i], ts[i]
		for _, f := range []struct{ key, a, b string }{
			{"id", a.ID, b.ID}, {"url", a.URL, b.URL}, {"publisher", a.Publisher, b.Publisher}, {"title", a.Title, b.Title},
			{"published", a.Published.String(), b.Published.String()}, {"archived", a.Archived, b.Archived},
			{"pages", a.Pages, b.Pages}, {"reference", a.Reference, b.Reference}, {"quote", a.Quote, b.Quote}, {"lang", a.Lang, b.Lang},
		} {
			if f.a != f.b {
				key := fmt.Sprintf("sources.%d.%s", i, f.key)
				warn(t.line(key), o.line(key), "source %d's %s is %s here but %s in the original", i+1, f.key, show(f.b), show(f.a))
			}
		}
	}
	cited := func(e *Event) []string {
		var ids []string
		for _, s := range e.Sources {
			if s.Cited > 0 {
				ids = append(ids, s.ID)
			}
		}
		return sortedSet(ids)
	}
	if a, b := cited(o), cited(t); !slices.Equal(a, b) {
		warn(t.bodyStart, o.bodyStart, "the body cites %s but the original's cites %s", citeList(b), citeList(a))
	}
}

// driftFigures compares the figures of the two texts as multisets: a
// translation may reorder a sentence, but not change or drop a number.
func driftFigures(o, t *Event, ofigs, tfigs []figure, warn func(int, int, string, ...any)) {
	count := func(figs []figure) map[string][]int {
		m := map[string][]int{}
		for _, f := range figs {
			m[f.n] = append(m[f.n], f.line)
		}
		return m
	}
	oc, tc := count(ofigs), count(tfigs)
	var keys []string
	for n := range oc {
		keys = append(keys, n)
	}
	for n := range tc {
		if _, ok := oc[n]; !ok {
			keys = append(keys, n)
		}
	}
	slices.Sort(keys)
	for _, n := range keys {
		a, b := oc[n], tc[n]
		if len(a) == len(b) {
			continue
		}
		tline, oline := t.bodyStart, o.bodyStart
		if len(b) > 0 {
			tline = b[0]
		}
		if len(a) > 0 {
			oline = a[0]
		}
		warn(tline, oline, "the figure %s is written %s here but %s in the original", n, times(len(b)), times(len(a)))
	}
}

func times(n int) string {
	switch n {
	case 0:
		return "nowhere"
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

// written is a note's sources in the order its [[sources]] give them.
func written(srcs []*Source) []*Source {
	out := slices.Clone(srcs)
	slices.SortFunc(out, func(a, b *Source) int { return a.idx - b.idx })
	return out
}

func sortedSet(list []string) []string {
	out := slices.Clone(Dedupe(list))
	slices.Sort(out)
	return out
}

func show(s string) string {
	if s == "" {
		return "not given"
	}
	return fmt.Sprintf("%q", s)
}

func citeList(ids []string) string {
	if len(ids) == 0 {
		return "no source"
	}
	return "[@" + strings.Join(ids, "], [@") + "]"
}
