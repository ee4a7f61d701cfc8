package site

import (
	"bytes"
	"github.com/chronicle-tools/chronicle/i18n"
	"slices"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/internal/work"
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
	Datetime      string // the start for <time datetime>, or "" where HTML has no form for it
	Kind          *Kind
	StatusLabel   string
	StatusMeaning string
	Places        []Link
	Actors        []Link
	Tags          []Link
	Storylines    []Link
	Story         []StoryNav
}

// DateView is a date shown on a page.
type DateView struct {
	Human, ISO string
	Datetime   string // ISO for <time datetime>, or "" where HTML has no form for it
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
		for _, t := range p.Translations {
			t.URL = c.LangURL(t.Lang, p.Slug+"/")
		}
	}
	// The dates' views are made once and shared, then dropped: the model
	// keeps no cache.
	views := s.collectDateViews()
	// Each event's values depend on nothing but it and the indexes but the
	// publishers' (which may still be in the making).
	work.Parallel(len(s.Events), func(_ *bytes.Buffer, i int) { s.decorateEvent(s.Events[i], views) })
}

func (s *Site) decoratePublishers() {
	for _, p := range s.Publishers {
		p.URL = s.Config.URL("sources/" + p.Slug + "/")
	}
}

// decorateEvent computes an event's display values, taking its dates'
// views from views where they are (views may be nil).
func (s *Site) decorateEvent(e *Event, views map[date.Date]DateView) {
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
	start := s.cachedDateView(views, e.Date)
	v.When, v.ISO, v.Datetime = start.Human, start.ISO, start.Datetime
	if !e.End.IsZero() {
		v.When = date.Range(e.Date, e.End, c.Location)
	}
	v.Kind = c.Kind(e.Kind)
	st := s.Config.statusText[e.Status]
	v.StatusLabel, v.StatusMeaning = st[0], st[1]
	v.Places, v.Actors, v.Tags = links("places", e.Places), links("actors", e.Actors), links("tags", e.Tags)
	v.Storylines = nil
	if len(e.Storylines) > 0 {
		v.Storylines = make([]Link, 0, len(e.Storylines))
	}
	// A storyline of the config is a term, named and linked already.
	stories := s.Taxonomy("storylines")
	for _, key := range Dedupe(e.Storylines) {
		if t := stories.bySlug[key]; t != nil {
			v.Storylines = append(v.Storylines, Link{Name: t.Name, URL: t.URL})
		}
	}
	v.Story = s.StoryNav(e)
	for _, src := range e.Sources {
		src.PublishedView = s.cachedDateView(views, src.Published)
	}
	for i := range e.Updates {
		e.Updates[i].View = s.cachedDateView(views, e.Updates[i].Date)
	}
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
func (s *Site) cachedDateView(views map[date.Date]DateView, d date.Date) DateView {
	if v, ok := views[d]; ok {
		return v
	}
	return s.dateView(d)
}

// dateView returns how a date reads on this site, and its machine form.
func (s *Site) dateView(d date.Date) DateView {
	iso := d.ISO(s.Config.Location)
	return DateView{Human: d.HumanIn(s.Config.Location), ISO: iso, Datetime: htmlDatetime(d, iso)}
}

// htmlDatetime is iso where <time datetime> can hold it: HTML writes no
// year before 1 CE and has no form for a decade.
func htmlDatetime(d date.Date, iso string) string {
	if d.Year < 1 || d.Prec == date.Decade {
		return ""
	}
	return iso
}

// StatusLabel is a status as the English pages name it: "Confirmed". A
// site's own language's label is its events' View.StatusLabel.
func StatusLabel(status string) string { return i18n.English().T("status." + status) }

// StatusMeaning is what a status says of an event, as the English pages
// explain it.
func StatusMeaning(status string) string { return i18n.English().T("status." + status + "_meaning") }

// Statuses lists the statuses, in the order of how well an event is
// established. The caller must not change the list.
func Statuses() []string { return statuses }

// StoryNav is an event's place in one of its storylines.
type StoryNav struct {
	Term       *Term
	Prev, Next *Event
	Pos, Of    int
}

// StoryNav returns e's place in each of its storylines.
func (s *Site) StoryNav(e *Event) []StoryNav {
	var out []StoryNav
	tax := s.Taxonomy("storylines")
	for _, key := range Dedupe(e.Storylines) {
		t := tax.bySlug[key]
		if t == nil {
			continue
		}
		// A term's events are in time order, so the event's place is found
		// by its Seq: a scan would make decorate quadratic in the corpus.
		i, found := slices.BinarySearchFunc(t.Events, e.Seq, func(x *Event, seq int) int { return x.Seq - seq })
		if !found {
			continue
		}
		n := StoryNav{Term: t, Pos: i + 1, Of: len(t.Events)}
		if i > 0 {
			n.Prev = t.Events[i-1]
		}
		if i+1 < len(t.Events) {
			n.Next = t.Events[i+1]
		}
		out = append(out, n)
	}
	return out
}
