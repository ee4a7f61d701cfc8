package site

import (
	"io/fs"
	"path"
	"slices"
	"strings"
)

// Patch is an edit to notes that changes what they show but not where
// they sit, checked and ready to apply to the site it was made for.
type Patch struct {
	site     *Site
	edits    []noteEdit
	warnings Diagnostics
}

type noteEdit struct {
	old, new *Event
	diags    Diagnostics
}

// Patch takes edits to notes that change what a note shows but not where
// it sits: its title, summary, body, status or the titles of its sources,
// but not its date, kind, places, actors, tags, storylines, related notes,
// or its sources' publishers, addresses and dates. Those are most edits an
// author makes while previewing, and a patch takes the time it takes to
// parse the notes that changed, where checking and indexing the whole site
// again takes time in proportion to the site.
//
// warnings are the site's warnings as last reported. Patch reads the
// changed notes but changes nothing yet; it returns ok false when the edit
// needs a full Load: any other change, a new or deleted file, a note with
// an error, or a site whose checks across notes found anything to report,
// whose lines might move.
func (s *Site) Patch(fsys fs.FS, opts Options, changed []string, warnings Diagnostics) (_ *Patch, ok bool) {
	if len(changed) == 0 || s.crossDiags > 0 {
		return nil, false
	}
	var edits []noteEdit
	for _, p := range changed {
		if !strings.HasPrefix(p, "content/") || strings.HasPrefix(p, "content/pages/") || path.Ext(p) != ".md" {
			return nil, false
		}
		old := s.byID[strings.TrimSuffix(path.Base(p), ".md")]
		// A translated note's figures are compared with its
		// translations': a full Load reports what the edit changed.
		if old == nil || old.Path != p || len(old.Translations) > 0 {
			return nil, false
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil, false
		}
		e, diags := opts.Cache.parse(p, old.ID, "", data)
		if e == nil || diags.Errors() > 0 || e.Draft || !samePlace(old, e, s.Config) {
			return nil, false
		}
		edits = append(edits, noteEdit{old, e, diags})
	}
	warnings = slices.DeleteFunc(slices.Clone(warnings), func(d Diagnostic) bool { return slices.Contains(changed, d.Path) })
	return &Patch{site: s, edits: edits, warnings: warnings}, true
}

// Apply makes the edit to the site's events, in place, and returns the
// events it changed and the site's warnings after it. The site is not
// frozen yet: the caller must keep every reader of the site out while
// Apply runs.
func (p *Patch) Apply() (edited []*Event, warnings Diagnostics) {
	s := p.site
	warnings = p.warnings
	for _, ed := range p.edits {
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
		s.decorateEvent(e, nil)
		edited = append(edited, e)
		warnings = append(warnings, ed.diags...)
	}
	warnings.Sort()
	return edited, warnings
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
