package site

import (
	"bytes"
	"encoding/json"
	"html/template"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/slug"
)

// The view fields: everything a template shows that needs the config (base
// path, time zone, labels) is computed once here, after checking. Templates
// then read fields, which costs far less than calling a function for each
// link and date of each page (template function calls go through reflect).

// Link is a name and the page it links to.
type Link struct {
	Name, URL string
}

// Links are the site-wide addresses every page uses.
type Links struct {
	Home, Storylines, Sources, Kinds, Places, Actors, Tags string
	EventsJSON, EventsCSV, EventsICS, Feed, FeedJSON       string
}

// EventView holds an event's display values.
type EventView struct {
	URL           string
	When          string // the date or span, as readers see it
	ISO           string // the start, machine-readable
	Kind          *Kind
	StatusLabel   string
	StatusMeaning string
	Places        []Link
	Actors        []Link
	Tags          []Link
	Storylines    []Link
	Story         []StoryNav

	site  *Site
	event *Event
}

// JSONLD describes the event for search engines, as schema.org data. It
// is made when a page asks for it rather than kept for every event.
func (v EventView) JSONLD() template.JS {
	var b bytes.Buffer
	v.writeJSONLD(&b)
	return template.JS(b.String())
}

// writeJSONLD writes JSONLD's text to b. encoding/json escapes <, > and &
// (as \u003c and so on), so the text can neither end the <script> it goes
// in nor open markup there. It is not written by hand like events.json:
// that would save under 1% of a build (docs/performance.md).
func (v EventView) writeJSONLD(b *bytes.Buffer) {
	ld := v.site.jsonLD(v.event)
	if err := json.NewEncoder(b).Encode(&ld); err != nil {
		panic(err) // plain strings only
	}
	b.Truncate(b.Len() - 1) // Encode's newline
}

// DateView is a date shown on a page.
type DateView struct {
	Human, ISO string
}

func (s *Site) decorate() {
	c := s.Config
	s.Links = Links{
		Home: c.URL(""), Storylines: c.URL("storylines/"), Sources: c.URL("sources/"),
		Kinds: c.URL("kinds/"), Places: c.URL("places/"), Actors: c.URL("actors/"), Tags: c.URL("tags/"),
		EventsJSON: c.URL("events.json"), EventsCSV: c.URL("events.csv"), EventsICS: c.URL("events.ics"),
		Feed: c.URL("feed.xml"), FeedJSON: c.URL("feed.json"),
	}
	for i := range c.Kinds {
		c.Kinds[i].URL = c.URL("kinds/" + c.Kinds[i].Key + "/")
	}
	for _, tax := range s.Taxonomies {
		for _, t := range tax.Terms {
			t.URL = c.URL(tax.Key + "/" + t.Slug + "/")
		}
	}
	for _, m := range s.Months {
		m.URL = c.URL(m.Slug + "/")
	}
	for _, p := range s.Pages {
		p.URL = c.URL(p.Slug + "/")
	}
	s.dateViews = s.collectDateViews()
	// Each event's values depend on nothing but it and the indexes but the
	// publishers' (which may still be in the making).
	parallel(len(s.Events), func(_ *bytes.Buffer, i int) { s.decorateEvent(s.Events[i]) })
}

func (s *Site) decoratePublishers() {
	for _, p := range s.Publishers {
		p.URL = s.Config.URL("sources/" + p.Slug + "/")
	}
}

// decorateEvent computes an event's display values.
func (s *Site) decorateEvent(e *Event) {
	c := s.Config
	// The links of the three lists share one array: one object, not three,
	// for the collector to trace again at every cycle.
	all := make([]Link, 0, len(e.Places)+len(e.Actors)+len(e.Tags))
	links := func(tax string, names []string) []Link {
		start := len(all)
		terms := s.Taxonomy(tax)
		for _, n := range names {
			// The term's own URL, shared by all its events, where the
			// term exists (it does unless the name was refused).
			if t := terms.Term(n); t != nil && t.URL != "" {
				all = append(all, Link{Name: n, URL: t.URL})
			} else {
				all = append(all, Link{Name: n, URL: c.URL(tax + "/" + slug.Make(n) + "/")})
			}
		}
		return all[start:len(all):len(all)]
	}
	v := &e.View
	v.URL = c.URL("events/" + e.ID + "/")
	start := s.cachedDateView(e.Date)
	v.When, v.ISO = start.Human, start.ISO
	if !e.End.IsZero() {
		v.When = date.Range(e.Date, e.End, c.Location)
	}
	v.Kind = c.kind(e.Kind)
	v.StatusLabel, v.StatusMeaning = statusInfo[e.Status][0], statusInfo[e.Status][1]
	v.Places, v.Actors, v.Tags = links("places", e.Places), links("actors", e.Actors), links("tags", e.Tags)
	v.Storylines = nil
	if len(e.Storylines) > 0 {
		v.Storylines = make([]Link, 0, len(e.Storylines))
	}
	// A storyline of the config is a term, named and linked already.
	stories := s.Taxonomy("storylines")
	for _, key := range dedupe(e.Storylines) {
		if t := stories.bySlug[key]; t != nil {
			v.Storylines = append(v.Storylines, Link{Name: t.Name, URL: t.URL})
		}
	}
	v.Story = s.storyNav(e)
	for _, src := range e.Sources {
		src.PublishedView = s.cachedDateView(src.Published)
	}
	for i := range e.Updates {
		e.Updates[i].View = s.cachedDateView(e.Updates[i].Date)
	}
	v.site, v.event = s, e
}

// collectDateViews makes the view of each date of the events, their
// sources and updates once. Dates repeat, many notes to a day, and each
// string made is one more object for the collector to trace.
func (s *Site) collectDateViews() map[date.Date]DateView {
	views := map[date.Date]DateView{}
	for _, e := range s.Events {
		views[e.Date] = DateView{}
		for _, src := range e.Sources {
			views[src.Published] = DateView{}
		}
		for _, u := range e.Updates {
			views[u.Date] = DateView{}
		}
	}
	for d := range views {
		views[d] = s.dateView(d)
	}
	return views
}

// cachedDateView is dateView, from those made once where it can be.
func (s *Site) cachedDateView(d date.Date) DateView {
	if v, ok := s.dateViews[d]; ok {
		return v
	}
	return s.dateView(d)
}

// dateView returns how a date reads on this site, and its machine form.
func (s *Site) dateView(d date.Date) DateView {
	return DateView{Human: d.HumanIn(s.Config.Location), ISO: d.ISO(s.Config.Location)}
}
