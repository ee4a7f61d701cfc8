package site

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/markdown"
	"github.com/chronicle-tools/chronicle/slug"
)

// Chart is the front page's activity chart: events per week (or per month,
// for spans over two years), stacked by kind. The geometry is computed here
// so that the template only draws it.
type Chart struct {
	Unit     string // "week" or "month"
	Width    int
	Height   int
	Bins     []*Bin
	Ticks    []Tick
	Kinds    []Kind // the kinds present, for the legend
	Max      int
	Undated  int // events known only to the month or year, not charted by week
	Baseline int // y of the axis
}

// Bin is one bar.
type Bin struct {
	Label    string // "week of 1 December 2025"
	X        string
	W        string
	Total    int
	Segments []Segment
	Counts   []int // per kind of Chart.Kinds, for the table
}

// Segment is one kind's part of a bar.
type Segment struct {
	Kind  string
	Label string
	Y, H  string
	Count int
}

// Tick labels the first bar of a month and links to it.
type Tick struct {
	X     string
	Label string
	Month date.Date
}

const (
	chartW, chartH, chartTop, chartBottom = 480, 130, 6, 20
)

func px(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

// chart bins the events by week on the site's calendar.
func (s *Site) chart() *Chart {
	loc := s.Config.Location
	var dated []*Event
	c := &Chart{Width: chartW, Height: chartH, Baseline: chartH - chartBottom}
	for _, e := range s.Events {
		if e.Date.Prec >= date.Day {
			dated = append(dated, e)
		} else {
			c.Undated++
		}
	}
	if len(dated) == 0 {
		return nil
	}
	first, last := dated[0].Date.In(loc).DayOf().Start(loc), dated[len(dated)-1].Date.In(loc).DayOf().Start(loc)
	monthly := last.Sub(first) > 2*366*24*time.Hour
	c.Unit = "week"
	if monthly {
		c.Unit = "month"
	}
	binStart := func(t time.Time) time.Time {
		if monthly {
			return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
		}
		wd := (int(t.Weekday()) + 6) % 7 // Monday first
		return time.Date(t.Year(), t.Month(), t.Day()-wd, 0, 0, 0, 0, loc)
	}
	next := func(t time.Time) time.Time {
		if monthly {
			return t.AddDate(0, 1, 0)
		}
		return t.AddDate(0, 0, 7)
	}
	// The kinds present, in config order.
	present := map[string]bool{}
	for _, e := range dated {
		present[e.Kind] = true
	}
	kindIdx := map[string]int{}
	for _, k := range s.Config.Kinds {
		if present[k.Key] {
			kindIdx[k.Key] = len(c.Kinds)
			c.Kinds = append(c.Kinds, k)
		}
	}
	var starts []time.Time
	index := map[time.Time]int{}
	for t := binStart(first); !t.After(last); t = next(t) {
		index[t] = len(starts)
		starts = append(starts, t)
		c.Bins = append(c.Bins, &Bin{Counts: make([]int, len(c.Kinds))})
	}
	for _, e := range dated {
		b := c.Bins[index[binStart(e.Date.In(loc).DayOf().Start(loc))]]
		b.Counts[kindIdx[e.Kind]]++
		b.Total++
		c.Max = max(c.Max, b.Total)
	}
	plotW := float64(chartW)
	bw := plotW / float64(len(c.Bins))
	scale := float64(c.Baseline-chartTop) / float64(c.Max)
	var lastMonth time.Month = 0
	lastTickX := -100.0
	for i, b := range c.Bins {
		t := starts[i]
		x := float64(i) * bw
		b.X, b.W = px(x+bw*0.1), px(bw*0.8)
		if monthly {
			b.Label = t.Format("January 2006")
		} else {
			b.Label = "week of " + date.Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Prec: date.Day}.Human()
		}
		y := float64(c.Baseline)
		for k, n := range b.Counts {
			if n == 0 {
				continue
			}
			h := float64(n) * scale
			y -= h
			b.Segments = append(b.Segments, Segment{Kind: c.Kinds[k].Key, Label: c.Kinds[k].Label, Y: px(y), H: px(h), Count: n})
		}
		// A tick at the first bar that starts in a new month, spaced so
		// labels do not overlap.
		mt := t
		if !monthly && t.Month() != t.AddDate(0, 0, 6).Month() {
			mt = t.AddDate(0, 0, 6)
		}
		if mt.Month() != lastMonth && x-lastTickX >= 64 {
			c.Ticks = append(c.Ticks, Tick{X: px(x), Label: mt.Format("Jan 2006"), Month: date.Date{Year: mt.Year(), Month: int(mt.Month()), Prec: date.Month}})
			lastTickX = x
		}
		lastMonth = mt.Month()
	}
	return c
}

// StorySpan is a storyline with its count and span of dates, for the front
// page.
type StorySpan struct {
	Term  *Term
	First *Event
	Last  *Event
}

func (s *Site) storySpans() []StorySpan {
	var out []StorySpan
	for _, t := range s.Taxonomy("storylines").Terms {
		if len(t.Events) > 0 {
			out = append(out, StorySpan{Term: t, First: t.Events[0], Last: t.Events[len(t.Events)-1]})
		}
	}
	return out
}

// StoryNav is an event's place in one of its storylines.
type StoryNav struct {
	Term       *Term
	Prev, Next *Event
	Pos, Of    int
}

func (s *Site) storyNav(e *Event) []StoryNav {
	var out []StoryNav
	tax := s.Taxonomy("storylines")
	for _, key := range dedupe(e.Storylines) {
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

// facetKeys name the data attributes the filter script reads from a list
// entry, data-story and so on.
var facetKeys = [...]string{"story", "place", "actor", "pub"}

// facets are the values of those attributes, for templates.
func facets(e *Event) map[string]string {
	m := make(map[string]string, len(facetKeys))
	for _, k := range facetKeys {
		var sb strings.Builder
		facet(e, k, func(s string) { sb.WriteString(s) })
		m[k] = sb.String()
	}
	return m
}

// facet gives the value of the attribute named key to put, piece by piece:
// slugs joined by spaces, or the sources' distinct publishers for the
// search. The list entries' writer escapes the pieces as they come, with no
// string made for the whole.
func facet(e *Event, key string, put func(string)) {
	switch key {
	case "story":
		for i, st := range dedupe(e.Storylines) {
			if i > 0 {
				put(" ")
			}
			put(st)
		}
	case "place", "actor":
		names := e.Places
		if key == "actor" {
			names = e.Actors
		}
		for i, name := range names {
			if i > 0 {
				put(" ")
			}
			put(termSlug(e, key+"s", name))
		}
	case "pub":
		n := 0
		for i, src := range e.Sources {
			if slices.ContainsFunc(e.Sources[:i], func(o *Source) bool { return o.Publisher == src.Publisher }) {
				continue
			}
			if n++; n > 1 {
				put(" | ")
			}
			put(src.Publisher)
		}
	}
}

// termSlug is the slug of a place, actor or tag: its term's, which the
// taxonomy made once, where the event is on a site; else made anew.
func termSlug(e *Event, tax, name string) string {
	if s := e.View.site; s != nil {
		if terms := s.Taxonomy(tax); terms != nil {
			if t := terms.byName[name]; t != nil {
				return t.Slug
			}
		}
	}
	return slug.Make(name)
}

// jsonLD describes an event for search engines, as schema.org data.
type jsonLD struct {
	Context     string       `json:"@context"`
	Type        string       `json:"@type"`
	Name        string       `json:"name"`
	Description string       `json:"description,omitempty"`
	URL         string       `json:"url"`
	StartDate   string       `json:"startDate"`
	EndDate     string       `json:"endDate,omitempty"`
	EventStatus string       `json:"eventStatus"`
	Location    []ldThing    `json:"location,omitempty"`
	Citation    []ldCitation `json:"citation"`
}

type ldThing struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type ldCitation struct {
	Type          string  `json:"@type"`
	Name          string  `json:"name"`
	URL           string  `json:"url,omitempty"` // none for a book, an interview
	Publisher     ldThing `json:"publisher"`
	DatePublished string  `json:"datePublished,omitempty"`
}

func (s *Site) jsonLD(e *Event) jsonLD {
	c := s.Config
	ld := jsonLD{
		Context: "https://schema.org", Type: "Event", Name: e.Title, Description: e.Summary,
		URL: c.AbsURL("events/" + e.ID + "/"), StartDate: e.View.ISO, // worked out by decorateEvent
		EventStatus: "https://schema.org/EventScheduled", Citation: []ldCitation{},
	}
	if !e.End.IsZero() {
		ld.EndDate = e.End.ISO(c.Location)
	}
	for _, p := range e.Places {
		ld.Location = append(ld.Location, ldThing{Type: "Place", Name: p})
	}
	for _, src := range e.Sources {
		ci := ldCitation{Type: "CreativeWork", Name: src.Title, URL: src.URL, Publisher: ldThing{Type: "Organization", Name: src.Publisher}}
		if !src.Published.IsZero() && !src.PublishedEstimated {
			ci.DatePublished = src.PublishedView.ISO
		}
		ld.Citation = append(ld.Citation, ci)
	}
	return ld
}

// searchFiles writes search/YYYY-MM.json for each month: event id to the
// plain text of its body and its sources' titles. The filter script fetches
// them, from the same site, only when a reader types a search, so that the
// search covers every word of the notes without weighing on the page.
func (s *Site) planSearch(o *Output) {
	for _, m := range s.Months {
		o.add(searchPath(m), "", func(buf *bytes.Buffer) error { return s.searchFile(buf, m) })
	}
}

func (s *Site) searchFile(buf *bytes.Buffer, m *Month) error {
	// In id order: stable bytes from build to build.
	events := slices.Clone(m.Events)
	slices.SortFunc(events, func(a, b *Event) int { return strings.Compare(a.ID, b.ID) })
	// Room for the file in buf first, so that b is never copied as it
	// grows, nor once more into buf. A body's text is shorter than its HTML.
	n := 2
	for _, e := range events {
		n += len(e.ID) + len(e.Body) + 6
		for _, src := range e.Sources {
			n += 1 + len(src.Title)
		}
	}
	buf.Grow(n)
	b := append(buf.AvailableBuffer(), '{')
	var text []byte
	for i, e := range events {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, e.ID)
		b = append(b, ':', '"')
		text = markdown.AppendText(text[:0], string(e.Body))
		b = appendJSONChars(b, text)
		for _, src := range e.Sources {
			b = append(b, ' ')
			b = appendJSONChars(b, src.Title)
		}
		b = append(b, '"')
	}
	buf.Write(append(b, "}\n"...))
	return nil
}

func searchPath(m *Month) string {
	return "search/" + strings.ReplaceAll(m.Slug, "/", "-") + ".json"
}
