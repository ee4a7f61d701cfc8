package render

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/site"
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
	Kinds    []site.Kind // the kinds present, for the legend
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
func (r *Renderer) chart() *Chart {
	s := r.site
	loc := s.Config.Location
	var dated []*site.Event
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
	Term  *site.Term
	First *site.Event
	Last  *site.Event
}

func (r *Renderer) storySpans() []StorySpan {
	s := r.site
	var out []StorySpan
	for _, t := range s.Taxonomy("storylines").Terms {
		if len(t.Events) > 0 {
			out = append(out, StorySpan{Term: t, First: t.Events[0], Last: t.Events[len(t.Events)-1]})
		}
	}
	return out
}

// facetString is the value of the data attribute named key (story, place,
// actor or pub) that the filter script reads from a list entry.
func facetString(s *site.Site, e *site.Event, key string) string {
	var sb strings.Builder
	facet(s, e, key, func(v string) { sb.WriteString(v) })
	return sb.String()
}

// facet gives the value of the attribute named key to put, piece by piece:
// slugs joined by spaces, or the sources' distinct publishers for the
// search.
func facet(s *site.Site, e *site.Event, key string, put func(string)) {
	switch key {
	case "story":
		for i, st := range site.Dedupe(e.Storylines) {
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
			put(termSlug(s, e, key+"s", name))
		}
	case "pub":
		n := 0
		for i, src := range e.Sources {
			if slices.ContainsFunc(e.Sources[:i], func(o *site.Source) bool { return o.Publisher == src.Publisher }) {
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
// taxonomy made once, where there is a site; else made anew.
func termSlug(s *site.Site, e *site.Event, tax, name string) string {
	if s != nil {
		if terms := s.Taxonomy(tax); terms != nil {
			if t := terms.Named(name); t != nil {
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

func newJSONLD(c *site.Config, e *site.Event) jsonLD {
	ld := jsonLD{
		Context: "https://schema.org", Type: "Event", Name: e.Title, Description: e.Summary,
		URL: c.AbsURL("events/" + e.ID + "/"), StartDate: e.View.ISO, // worked out by the model
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

// writeJSONLD writes e's JSON-LD to b. encoding/json escapes <, > and &
// (as \u003c and so on), so the text can neither end the <script> it goes
// in nor open markup there. It is not written by hand like events.json:
// the saving would be small (docs/performance.md).
func writeJSONLD(b *strings.Builder, c *site.Config, e *site.Event) {
	ld := newJSONLD(c, e)
	data, err := json.Marshal(&ld)
	if err != nil {
		panic(err) // plain strings only
	}
	b.Write(data)
}
