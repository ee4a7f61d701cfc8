package site

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/chronicle-tools/chronicle/slug"
)

// buildTaxonomies files the events under their terms. The drafts left out
// of the build are not filed, but their names are checked against the
// published notes' spellings.
func (s *Site) buildTaxonomies(drafts []*Event, diags *Diagnostics) {
	ui := s.Config.UI
	kinds := &Taxonomy{Key: "kinds", Title: ui.T("taxonomy.kinds"), Singular: ui.T("taxonomy.kind"), bySlug: map[string]*Term{}}
	for _, k := range s.Config.Kinds {
		t := &Term{Tax: kinds, Name: k.Label, Slug: k.Key, Color: k.Color}
		kinds.Terms = append(kinds.Terms, t)
		kinds.bySlug[k.Key] = t
	}
	stories := &Taxonomy{Key: "storylines", Title: ui.T("taxonomy.storylines"), Singular: ui.T("taxonomy.storyline"), bySlug: map[string]*Term{}}
	for _, st := range s.Config.Storylines {
		t := &Term{Tax: stories, Name: st.Title, Slug: st.Key, Description: st.Description}
		stories.Terms = append(stories.Terms, t)
		stories.bySlug[st.Key] = t
	}
	places := &Taxonomy{Key: "places", Title: ui.T("taxonomy.places"), Singular: ui.T("taxonomy.place"), bySlug: map[string]*Term{}}
	actors := &Taxonomy{Key: "actors", Title: ui.T("taxonomy.actors"), Singular: ui.T("taxonomy.actor"), bySlug: map[string]*Term{}}
	tags := &Taxonomy{Key: "tags", Title: ui.T("taxonomy.tags"), Singular: ui.T("taxonomy.tag"), bySlug: map[string]*Term{}}
	for _, e := range s.Events {
		if t := kinds.bySlug[e.Kind]; t != nil {
			t.Events = append(t.Events, e)
		}
		for _, key := range Dedupe(e.Storylines) {
			if t := stories.bySlug[key]; t != nil {
				t.Events = append(t.Events, e)
			}
		}
		places.add(e, "places", e.Places, diags)
		actors.add(e, "actors", e.Actors, diags)
		tags.add(e, "tags", e.Tags, diags)
	}
	for _, tax := range []*Taxonomy{places, actors, tags} {
		tax.reportClashes(diags)
	}
	for _, e := range drafts {
		places.checkDraft(e, "places", e.Places, diags)
		actors.checkDraft(e, "actors", e.Actors, diags)
		tags.checkDraft(e, "tags", e.Tags, diags)
	}
	for _, tax := range []*Taxonomy{places, actors, tags} {
		slices.SortFunc(tax.Terms, func(a, b *Term) int {
			return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.Name, b.Name))
		})
	}
	s.Taxonomies = []*Taxonomy{kinds, stories, places, actors, tags}
}

// add files e under each of names. A name that makes the same slug as
// another spelling ("Odesa Region" and "Odesa region" must be one) is
// counted, not filed: reportClashes reports each group once.
func (tax *Taxonomy) add(e *Event, key string, names []string, diags *Diagnostics) {
	if tax.byName == nil {
		tax.byName = map[string]*Term{}
	}
	for _, name := range Dedupe(names) {
		if t := tax.byName[name]; t != nil {
			t.Events = append(t.Events, e)
			continue
		}
		if sp := tax.others[name]; sp != nil {
			sp.notes++
			continue
		}
		sl := slug.Make(name)
		if sl == "" {
			*diags = append(*diags, Diagnostic{Path: e.Path, Line: e.line(key), Msg: fmt.Sprintf("%s: %q has no letters or digits to name a page after", key, name)})
			continue
		}
		if len(sl) > maxSlug {
			*diags = append(*diags, Diagnostic{Path: e.Path, Line: e.line(key), Msg: fmt.Sprintf("%s: %.40q... is too long to name a page after (%d bytes, at most %d): shorten it", key, name, len(sl), maxSlug)})
			continue
		}
		t := tax.bySlug[sl]
		if t == nil {
			t = &Term{Tax: tax, Name: name, Slug: sl}
			tax.bySlug[sl] = t
			tax.Terms = append(tax.Terms, t)
		} else if t.Name != name {
			if tax.others == nil {
				tax.others = map[string]*spelling{}
			}
			if t.others == nil {
				tax.clashes = append(tax.clashes, t)
			}
			sp := &spelling{name: name, notes: 1, first: e}
			tax.others[name] = sp
			t.others = append(t.others, sp)
			continue
		}
		tax.byName[name] = t
		t.Events = append(t.Events, e)
	}
}

// checkDraft checks the names of a draft left out of the build as add
// would, against the published notes' spellings, without filing it.
func (tax *Taxonomy) checkDraft(e *Event, key string, names []string, diags *Diagnostics) {
	for _, name := range Dedupe(names) {
		if tax.byName[name] != nil {
			continue
		}
		d := Diagnostic{Path: e.Path, Line: e.line(key)}
		sl := slug.Make(name)
		switch t := tax.bySlug[sl]; {
		case sl == "":
			d.Msg = fmt.Sprintf("%s: %q has no letters or digits to name a page after", key, name)
		case len(sl) > maxSlug:
			d.Msg = fmt.Sprintf("%s: %.40q... is too long to name a page after (%d bytes, at most %d): shorten it", key, name, len(sl), maxSlug)
		case t != nil && t.Name != name:
			d.Code = CodeSpelling
			d.Msg = fmt.Sprintf("%s: %q and %q (in %s) would share the page %s/%s/: spell it %q, as the published notes do", key, name, t.Name, count(len(t.Events), "note"), tax.Key, sl, t.Name)
		default:
			continue
		}
		*diags = append(*diags, draftProblem(d))
	}
}

// spelling is a name that makes the slug of a term spelled otherwise,
// with the notes that write it so.
type spelling struct {
	name  string
	notes int
	first *Event // the first note in time order that writes it so
}

// reportClashes reports each term that notes spell in more than one way,
// once: at the first note, in time order, that spells it otherwise than
// most notes do, naming how many notes write each spelling and suggesting
// the commonest (of equals, the first written). One message for the group
// rather than one a note: a place spelled two ways in 333 notes is one
// mistake, and the notes that spell it as most do are not where it is.
func (tax *Taxonomy) reportClashes(diags *Diagnostics) {
	for _, t := range tax.clashes {
		all := append([]*spelling{{name: t.Name, notes: len(t.Events), first: t.Events[0]}}, t.others...)
		common := all[0]
		for _, sp := range all[1:] {
			if sp.notes > common.notes {
				common = sp
			}
		}
		// The spellings to change, in the order first written; the
		// diagnostic goes to the first of them.
		var change []*spelling
		for _, sp := range all {
			if sp != common {
				change = append(change, sp)
			}
		}
		slices.SortStableFunc(change, func(a, b *spelling) int { return a.first.Seq - b.first.Seq })
		at := change[0]
		var b strings.Builder
		fmt.Fprintf(&b, "%s: ", tax.Key)
		for i, sp := range append(change, common) {
			switch {
			case i == len(change):
				b.WriteString(" and ")
			case i > 0:
				b.WriteString(", ")
			}
			where := sp.first.Path
			if sp == at {
				where = "this one"
			}
			switch {
			case sp.notes == 1 && sp == at:
				fmt.Fprintf(&b, "%q (in this note)", sp.name)
			case sp.notes == 1:
				fmt.Fprintf(&b, "%q (in 1 note, %s)", sp.name, where)
			default:
				fmt.Fprintf(&b, "%q (in %d notes, the first %s)", sp.name, sp.notes, where)
			}
		}
		fmt.Fprintf(&b, " would share the page %s/%s/: ", tax.Key, t.Slug)
		if slices.ContainsFunc(change, func(sp *spelling) bool { return sp.notes == common.notes }) {
			fmt.Fprintf(&b, "spell them all one way, such as %q, the first written", common.name)
		} else {
			fmt.Fprintf(&b, "spell them all %q, the commonest spelling", common.name)
		}
		*diags = append(*diags, Diagnostic{Path: at.first.Path, Line: at.first.line(tax.Key), Code: CodeSpelling, Msg: b.String()})
	}
}

// maxSlug bounds a page name made from a name in a note: file systems take
// at most 255 bytes for one name.
const maxSlug = 200

// Dedupe returns list with each value once, in the order first written: list
// itself when no value repeats, as in nearly every note, so that the lists
// read for each event of every page and export cost nothing. The caller
// must not change the result.
func Dedupe(list []string) []string {
	if len(list) > 16 {
		seen := make(map[string]bool, len(list))
		out := list[:0:0]
		for _, s := range list {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		if len(out) == len(list) {
			return list
		}
		return out
	}
	for i, s := range list {
		if slices.Contains(list[:i], s) {
			out := slices.Clone(list[:i])
			for _, s := range list[i+1:] {
				if !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
			return out
		}
	}
	return list
}

// Taxonomy returns the taxonomy with the given key.
func (s *Site) Taxonomy(key string) *Taxonomy {
	for _, t := range s.Taxonomies {
		if t.Key == key {
			return t
		}
	}
	return nil
}

// Term finds a term by its name as written in notes (or key, for kinds and
// storylines).
func (tax *Taxonomy) Term(name string) *Term {
	if t := tax.byName[name]; t != nil {
		return t
	}
	if t := tax.bySlug[name]; t != nil {
		return t
	}
	return tax.bySlug[slug.Make(name)]
}

// Named finds a term by its name exactly as written in notes, or nil: a
// name that was refused has no term.
func (tax *Taxonomy) Named(name string) *Term { return tax.byName[name] }
