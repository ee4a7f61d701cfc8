package site

import (
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Patch takes edits to notes that change what a note shows but not where
// it sits: its title, summary, body, status or the titles of its sources,
// but not its date, kind, places, actors, tags, storylines, related notes,
// or its sources' publishers, addresses and dates. Those are most edits an
// author makes while previewing, and Patch makes them in the time it takes
// to parse the notes that changed, where checking and indexing the whole
// site again takes time in proportion to the site.
//
// It returns an Output over the same Site, whose events it changes in
// place, and ok false when the edit needs a full build (Prepare): any other
// change, a new or deleted file, a note with an error, or a site whose
// checks across notes found anything to report, whose lines might move.
// Renders of o may see the edit once Patch has returned.
func (o *Output) Patch(fsys fs.FS, opts Options, changed []string) (_ *Output, ok bool) {
	s := o.Site
	if len(changed) == 0 || s.crossDiags > 0 {
		return nil, false
	}
	type edit struct {
		old, new *Event
		diags    Diagnostics
	}
	var edits []edit
	for _, p := range changed {
		if !strings.HasPrefix(p, "content/") || strings.HasPrefix(p, "content/pages/") || path.Ext(p) != ".md" {
			return nil, false
		}
		old := s.byID[strings.TrimSuffix(path.Base(p), ".md")]
		if old == nil || old.Path != p {
			return nil, false
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, false
		}
		e, diags := opts.Cache.parse(p, old.ID, data)
		if e == nil || diags.Errors() > 0 || e.Draft || !samePlace(old, e, s.Config) {
			return nil, false
		}
		edits = append(edits, edit{old, e, diags})
	}

	warnings := slices.DeleteFunc(slices.Clone(o.Warnings), func(d Diagnostic) bool { return slices.Contains(changed, d.Path) })
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ed := range edits {
		e, p := ed.old, ed.new
		kept := *e
		*e = *p
		e.RelatedEvents, e.Backlinks, e.Prev, e.Next, e.Seq, e.cal = kept.RelatedEvents, kept.Backlinks, kept.Prev, kept.Next, kept.Seq, kept.cal
		// The sources keep their addresses: the sources page holds them.
		e.Sources = kept.Sources
		for i, src := range p.Sources {
			*e.Sources[i] = *src
			e.Sources[i].Publisher = s.Config.Publisher(src.Publisher)
		}
		e.Updates = slices.Clone(p.Updates)
		s.decorateEvent(e)
		s.items[e.Seq].Store(nil)
		warnings = append(warnings, ed.diags...)
	}
	warnings.sort()
	return &Output{Site: s, Warnings: warnings, files: o.files, index: o.index, eventPage: o.eventPage}, true
}

// samePlace reports whether two versions of a note sit in the same place
// in the site: the same order, pages, links and sources' entries. a is on
// the site, its publishers' aliases resolved by cfg; b is as parsed.
func samePlace(a, b *Event, cfg *Config) bool {
	if a.ID != b.ID || a.Date != b.Date || a.End != b.End || a.Kind != b.Kind ||
		!slices.Equal(a.Places, b.Places) || !slices.Equal(a.Actors, b.Actors) || !slices.Equal(a.Tags, b.Tags) ||
		!slices.Equal(a.Storylines, b.Storylines) || !slices.Equal(a.Related, b.Related) ||
		len(a.Sources) != len(b.Sources) {
		return false
	}
	for i, x := range a.Sources {
		y := b.Sources[i]
		if x.Publisher != cfg.Publisher(y.Publisher) || x.URL != y.URL || x.Published != y.Published {
			return false
		}
		// Without a url, these are what place it on its publisher's page.
		if x.URL == "" && (x.Title != y.Title || x.Pages != y.Pages || x.Reference != y.Reference) {
			return false
		}
	}
	return true
}
