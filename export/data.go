// Package export makes a site's machine-readable files: the Atom and JSON
// feeds, events.json, events.csv, the calendar (events.ics), the sitemap,
// robots.txt, .nojekyll and CNAME.
package export

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/site"
)

// feedMax bounds the feed to the latest events.
const feedMax = 100

// A File is one data file and how to make it: whole, or written as it is
// made.
type File struct {
	Path   string
	Make   func() []byte           // a file made whole, such as a feed
	Stream func(w io.Writer) error // or a file that grows with the site, written as it is made
}

// Files lists the machine-readable files of s: the Atom and JSON feeds,
// events.json, events.csv, events.ics, events.geojson (when places.toml
// locates any place), the sitemap of pages (the HTML
// pages of the site, sorted), robots.txt, .nojekyll and CNAME.
func Files(s *site.Site, pages []string) []File {
	d := data{s}
	c := s.Config
	fixed := func(path string, b []byte) File { return File{Path: path, Make: func() []byte { return b }} }
	files := []File{
		{Path: "feed.xml", Make: d.atom},
		{Path: "feed.json", Make: d.jsonFeed},
		// These grow with the site: they are written as they are made.
		{Path: "events.json", Stream: d.eventsJSON},
		{Path: "events.csv", Stream: d.eventsCSV},
		{Path: "events.ics", Stream: d.calendar},
		fixed("robots.txt", []byte("User-agent: *\nAllow: /\n\nSitemap: "+c.AbsURL("sitemap.xml")+"\n")),
		fixed(".nojekyll", []byte{}),
	}
	if located(s.Places) {
		files = append(files, File{Path: "events.geojson", Stream: d.eventsGeoJSON})
	}
	if c.CNAME != "" {
		files = append(files, fixed("CNAME", []byte(c.CNAME+"\n")))
	}
	return append(files, File{Path: "sitemap.xml", Stream: func(w io.Writer) error { return d.sitemap(w, pages) }})
}

// data writes the files of a site.
type data struct{ *site.Site }

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"xml:lang,attr,omitempty"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	ID       string      `xml:"id"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomAuthor  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published"`
	Links      []atomLink     `xml:"link"`
	Summary    string         `xml:"summary,omitempty"`
	Categories []atomCategory `xml:"category"`
	Content    atomContent    `xml:"content"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomContent struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

func (s data) atom() []byte {
	c := s.Config
	f := atomFeed{
		Lang: c.Language, Title: c.Title, Subtitle: c.Description, ID: c.AbsURL(""),
		Links:  []atomLink{{Href: c.AbsURL("feed.xml"), Rel: "self", Type: "application/atom+xml"}, {Href: c.AbsURL(""), Rel: "alternate", Type: "text/html"}},
		Author: atomAuthor{Name: c.Title},
	}
	var newest time.Time
	for _, e := range s.Latest(feedMax) {
		up := e.Updated(c.Location)
		if up.After(newest) {
			newest = up
		}
		ent := atomEntry{
			Title: e.Title, ID: c.AbsURL("events/" + e.ID + "/"),
			Updated: up.Format(time.RFC3339), Published: feedTime(e.Date.Start(c.Location)),
			Links:   []atomLink{{Href: c.AbsURL("events/" + e.ID + "/"), Rel: "alternate", Type: "text/html"}},
			Summary: e.Summary,
			Content: atomContent{Type: "html", Body: s.feedHTML(e)},
		}
		if k := c.Kind(e.Kind); k != nil {
			ent.Categories = append(ent.Categories, atomCategory{Term: k.Key, Label: k.Label})
		}
		f.Entries = append(f.Entries, ent)
	}
	if newest.IsZero() {
		newest = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	f.Updated = newest.Format(time.RFC3339)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		panic(err) // only plain strings go in
	}
	b.WriteByte('\n')
	return b.Bytes()
}

// The shape of events.json; docs/events-json.md describes every field.
type jsonSite struct {
	Version     int         `json:"version"`
	Title       string      `json:"title"`
	Description string      `json:"description,omitempty"`
	URL         string      `json:"url"`
	Timezone    string      `json:"timezone"`
	Events      []jsonEvent `json:"events"`
}

type jsonDate struct {
	Value     string `json:"value"`
	Precision string `json:"precision"`
	Circa     bool   `json:"circa,omitempty"`
}

type jsonEvent struct {
	ID             string       `json:"id"`
	URL            string       `json:"url"`
	Title          string       `json:"title"`
	Date           jsonDate     `json:"date"`
	End            *jsonDate    `json:"end,omitempty"`
	Kind           string       `json:"kind"`
	Status         string       `json:"status"`
	ClaimedBy      string       `json:"claimed_by,omitempty"`
	Summary        string       `json:"summary"`
	ContentWarning string       `json:"content_warning,omitempty"`
	Places         []string     `json:"places"`
	Actors         []string     `json:"actors"`
	Tags           []string     `json:"tags"`
	Storylines     []string     `json:"storylines"`
	Related        []string     `json:"related"`
	Sources        []jsonSource `json:"sources"`
	Updates        []jsonUpdate `json:"updates"`
	Extra          jsonExtra    `json:"extra,omitempty"`
	BodyHTML       string       `json:"body_html"`

	end jsonDate // End's storage, reused by fillJSONEvent
}

type jsonSource struct {
	Number             int       `json:"number"`
	ID                 string    `json:"id"`
	Title              string    `json:"title"`
	Publisher          string    `json:"publisher"`
	URL                string    `json:"url,omitempty"`
	Pages              string    `json:"pages,omitempty"`
	Reference          string    `json:"reference,omitempty"`
	Published          *jsonDate `json:"published,omitempty"`
	PublishedEstimated bool      `json:"published_estimated"`
	Accessed           *jsonDate `json:"accessed,omitempty"`
	Archived           string    `json:"archived,omitempty"`
	Quote              string    `json:"quote,omitempty"`
	Lang               string    `json:"lang,omitempty"`
	Extra              jsonExtra `json:"extra,omitempty"`

	published, accessed jsonDate // the storage of Published and Accessed
}

// jsonExtra is an extra table as events.json gives it: each key to its
// value, a date as a date object. The hand-written encoder writes the keys
// sorted, as encoding/json writes a map's.
type jsonExtra map[string]any

// newJSONExtra is list as events.json gives it, or nil when it is empty.
func newJSONExtra(list []site.Extra, loc *time.Location) jsonExtra {
	if len(list) == 0 {
		return nil
	}
	m := make(jsonExtra, len(list))
	for _, x := range list {
		m[x.Key] = jsonExtraValue(x.Value, loc)
	}
	return m
}

func jsonExtraValue(v any, loc *time.Location) any {
	switch v := v.(type) {
	case date.Date:
		return jsonDate{Value: v.ISO(loc), Precision: v.Prec.String()}
	case []any:
		out := make([]any, len(v))
		for i, item := range v {
			out[i] = jsonExtraValue(item, loc)
		}
		return out
	}
	return v
}

type jsonUpdate struct {
	Date jsonDate `json:"date"`
	Note string   `json:"note"`
}

// jdate is a date as events.json gives it, from its ISO form (worked out
// once by the model where it can be).
func jdate(d date.Date, iso string) jsonDate {
	return jsonDate{Value: iso, Precision: d.Prec.String(), Circa: d.Approx}
}

// nonNil is list, or an empty list for nil: encoded as [], not null.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}

func (s data) eventsJSON(w io.Writer) error {
	c := s.Config
	out := jsonSite{Version: 1, Title: c.Title, Description: c.Description, URL: c.AbsURL(""), Timezone: c.Timezone, Events: []jsonEvent{}}
	head, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		panic(err) // plain data only
	}
	// One event a line: readable and diffable, and far cheaper than
	// indenting every field of tens of thousands of events. The lines are
	// made by chunks on every core, so that no one worker makes them all.
	b := bufio.NewWriterSize(w, 64<<10)
	b.Write(head[:bytes.LastIndex(head, []byte("[]"))])
	b.WriteString("[")
	events := s.Events
	err = writeInOrder(b, (len(events)+jsonChunk-1)/jsonChunk, func(b []byte, chunk int) []byte {
		// A chunk grows to some 2 MB in a bytes.Buffer, which doubles its
		// room: append grows a large slice by about a quarter at a time, and
		// copying and clearing the chunks as they grew was a third of
		// writing events.json (docs/performance.md, "Hand-written JSON").
		buf := bytes.NewBuffer(b)
		var je jsonEvent
		for i := chunk * jsonChunk; i < min(len(events), (chunk+1)*jsonChunk); i++ {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n    ")
			s.fillJSONEvent(&je, events[i])
			buf.Grow(4 << 10)                               // room for most events' JSON
			buf.Write(je.appendJSON(buf.AvailableBuffer())) // HTML unescaped: a data file, and body_html stays legible
		}
		return buf.Bytes()
	})
	if len(events) > 0 {
		b.WriteString("\n  ")
	}
	b.WriteString("]\n}\n")
	if err != nil {
		return err
	}
	return b.Flush()
}

// jsonChunk is how many events of events.json a worker makes at a time:
// some 2 MB of JSON for generated notes.
const jsonChunk = 500

// jsonEvent is e as events.json gives it.
func (s data) jsonEvent(e *site.Event) jsonEvent {
	var je jsonEvent
	s.fillJSONEvent(&je, e)
	return je
}

// fillJSONEvent sets je to e as events.json gives it, reusing je's lists
// and dates, so that writing events.json makes no garbage for each event.
func (s data) fillJSONEvent(je *jsonEvent, e *site.Event) {
	c := s.Config
	related, sources, updates := je.Related[:0], je.Sources[:0], je.Updates[:0]
	*je = jsonEvent{
		ID: e.ID, URL: c.AbsURL("events/" + e.ID + "/"), Title: e.Title,
		Date: jdate(e.Date, e.View.ISO),
		Kind: e.Kind, Status: e.Status, ClaimedBy: e.ClaimedBy, Summary: e.Summary, ContentWarning: e.ContentWarning,
		Places: nonNil(e.Places), Actors: nonNil(e.Actors), Tags: nonNil(e.Tags), Storylines: nonNil(e.Storylines),
		BodyHTML: string(e.Body), end: je.end,
		Extra: newJSONExtra(e.Extra, c.Location),
	}
	if !e.End.IsZero() {
		je.end = jdate(e.End, e.End.ISO(c.Location))
		je.End = &je.end
	}
	for _, r := range e.RelatedEvents {
		related = append(related, r.ID)
	}
	for _, src := range e.Sources {
		sources = append(sources, jsonSource{
			Number: src.Num, ID: src.ID, Title: src.Title, Publisher: src.Publisher, URL: src.URL,
			Pages: src.Pages, Reference: src.Reference,
			PublishedEstimated: src.PublishedEstimated, Archived: src.Archived, Quote: src.Quote, Lang: src.Lang,
			published: jdate(src.Published, src.PublishedView.ISO),
			Extra:     newJSONExtra(src.Extra, c.Location),
		})
		if !src.Accessed.IsZero() {
			sources[len(sources)-1].accessed = jdate(src.Accessed, src.Accessed.ISO(c.Location))
		}
	}
	// The dates point into the list once it is grown for good.
	for i, src := range e.Sources {
		js := &sources[i]
		if !src.Published.IsZero() {
			js.Published = &js.published
		}
		if !src.Accessed.IsZero() {
			js.Accessed = &js.accessed
		}
	}
	for _, u := range e.Updates {
		updates = append(updates, jsonUpdate{Date: jdate(u.Date, u.View.ISO), Note: u.Note})
	}
	je.Related, je.Sources, je.Updates = nonNil(related), nonNil(sources), nonNil(updates)
}

// sitemap lists every HTML page but the 404 page.
func (s data) sitemap(w io.Writer, pages []string) error {
	b := bufio.NewWriterSize(w, 64<<10)
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, p := range pages {
		if p == "404.html" || !strings.HasSuffix(p, "index.html") {
			continue
		}
		loc := s.Config.AbsURL(p[:len(p)-len("index.html")])
		b.WriteString("  <url><loc>")
		xml.EscapeText(b, []byte(loc))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Flush()
}

// feedTime is t in RFC 3339, whose years run from 0000: an event before
// 1 CE is given as the first instant of year 1, the earliest it can say.
func feedTime(t time.Time) string {
	if t.Year() < 1 {
		t = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t.Format(time.RFC3339)
}
