package render

//go:generate go tool templ generate

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"strings"

	"github.com/a-h/templ"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/search"
	"github.com/chronicle-tools/chronicle/site"
)

// View is what every page is rendered from, the built-in pages in
// render/*.templ and a site's own templates (docs/customise.md). A field
// that a page does not have is nil, empty or zero.
type View struct {
	// Site is the whole checked chronology: .Site.Config (Title,
	// Description, Language...), .Site.Events, .Site.Months,
	// .Site.Publishers, .Site.Menu and .Site.Links (Home, Storylines,
	// Sources, Kinds, Places, Actors, Tags, Feed, FeedJSON, EventsJSON,
	// EventsCSV, EventsICS).
	Site *site.Site
	// Title is the page's own title, without the site's; empty on the
	// front page.
	Title string
	// Description is the page's summary, for its meta description.
	Description string
	// Path is the page's folder in the output: "" for the front page,
	// "events/ID/" for an event's.
	Path string
	// Canonical is the page's absolute URL.
	Canonical string
	// CSS is the stylesheet's URL, JS the filter script's.
	CSS, JS string
	// Filters is true on the pages that show the filter form.
	Filters bool

	// Event is the event of an event page.
	Event *site.Event
	// Term is the term of a term page (a kind, place, actor, tag or
	// storyline); Tax the taxonomy of a list of terms.
	Term *site.Term
	Tax  *site.Taxonomy
	// Month is the month of a month's archive page; Prev and Next the
	// months before and after it.
	Month, Prev, Next *site.Month
	// Page is a page of content/pages/.
	Page *site.Page
	// Publisher is the publisher of a publisher page.
	Publisher *site.Publisher
	// Sources are the publisher's sources on this page; on the sources
	// page, every source when there are few (else none).
	Sources []*site.SourceUse
	// Months are the months a list page shows in full, in reading order;
	// AllMonths every month of the site (front page); Archived the months
	// shown only on their own pages.
	Months, AllMonths, Archived []*site.Month
	// Chart is the front page's chart of events per week or month.
	Chart *Chart
	// Stories are the storylines with their spans, for the front page.
	Stories []StorySpan
	// PageNum is this page's number (from 1) in a list split into pages;
	// PageLinks links every page of that list.
	PageNum   int
	PageLinks []site.Link

	r      *Renderer
	shared bool // the page may use the chrome rendered once per build
}

func (v *View) ogTitle() string {
	if v.Title != "" {
		return v.Title
	}
	return v.Site.Config.Title
}

func (v *View) ogType() string {
	if v.Event != nil {
		return "article"
	}
	return "website"
}

func (v *View) human(d date.Date) string { return d.HumanIn(v.Site.Config.Location) }

// url is a path of the site as a link; built by us, so not sanitized again.
func (v *View) url(p string) templ.SafeURL { return safe(v.Site.Config.URL(p)) }

func (v *View) searchURL(m *site.Month) string { return v.Site.Config.URL(search.Path(m)) }

// monthID is the id of a month's section on a list page: "m2025-12",
// "m500-bce".
func monthID(d date.Date) string { return "m" + strings.ReplaceAll(d.Slug(), "/", "-") }

// monthHref links a month: its section when this page shows it, else its
// own page.
func (v *View) monthHref(d date.Date) templ.SafeURL {
	for _, shown := range v.Months {
		if shown.Date == d {
			return templ.SafeURL("#" + monthID(d))
		}
	}
	for _, m := range v.Site.Months {
		if m.Date == d {
			return v.url(m.Slug + "/")
		}
	}
	return v.url("")
}

// span is the dates of a list of events: ", from X to Y", or nothing.
func (v *View) span(events []*site.Event) string {
	if len(events) == 0 {
		return ""
	}
	return ", from " + v.human(events[0].Date) + " to " + v.human(events[len(events)-1].Date)
}

func (v *View) jsonLD() string {
	var b strings.Builder
	writeJSONLD(&b, v.Site.Config, v.Event)
	return b.String()
}

// The parts of the layout a site may replace, or that are rendered once
// per build and copied.
type part int

const (
	partHeadLinks part = iota
	partHead
	partHeader
	partFooter
	partFilters
)

// part renders one shared part of the page: the site's own snippet when it
// has one, else the copy rendered once per build, else (on the page the
// navigation marks as current) the part itself.
func (v *View) part(p part) templ.Component {
	r := v.r
	if t := r.own.parts[p]; t != nil {
		return own{t, "templates/" + partTemplates[p], v}
	}
	c := r.chrome
	switch p {
	case partHeadLinks:
		if v.shared {
			return rawString(c.links)
		}
		return headLinks(v)
	case partHeader:
		if v.shared {
			return rawString(c.header)
		}
		return header(v)
	case partFooter:
		if v.shared {
			return rawString(c.footer)
		}
		return footer(v)
	case partFilters:
		return rawString(c.filters)
	}
	return templ.NopComponent
}

// own is a site's own template (docs/customise.md) run with a page's
// view, as templ.FromGoHTML does, its failure a TemplateError.
type own struct {
	t    *template.Template
	path string // its file, templates/NAME
	v    *View
}

func (o own) Render(_ context.Context, w io.Writer) error {
	if err := o.t.Execute(w, o.v); err != nil {
		d := templateDiag(o.path, err)
		return &TemplateError{Path: d.Path, Line: d.Line, Err: err}
	}
	return nil
}

// A TemplateError is a site's own template that failed on a page: Path is
// the template's file in the site (templates/header.html), Line its line.
type TemplateError struct {
	Path string
	Line int
	Err  error
}

func (e *TemplateError) Error() string { return e.Path + ": " + e.Err.Error() }

func (e *TemplateError) Unwrap() error { return e.Err }

// rawString is markup rendered already, written as it is.
type rawString string

func (s rawString) Render(_ context.Context, w io.Writer) error {
	_, err := io.WriteString(w, string(s))
	return err
}

// text is a piece of text between calls in a template, which templ joins
// with no space (see source in event.templ). It is escaped as templ
// escapes text, without a generated component's context and closure.
type text string

func (t text) Render(_ context.Context, w io.Writer) error {
	_, err := io.WriteString(w, templ.EscapeString(string(t)))
	return err
}

// chrome holds the parts every page shares, rendered once per build: the
// head's links, the header with the site's navigation, the footer, and the
// filter form.
type chrome struct {
	links, header, footer, filters string
}

func (r *Renderer) makeChrome(cssURL, jsURL string) {
	// A path no page has, so that no navigation entry is marked current.
	v := &View{Site: r.site, CSS: cssURL, JS: jsURL, Path: "\x00", r: r}
	r.chrome = &chrome{
		links:   renderString(headLinks(v)),
		header:  renderString(header(v)),
		footer:  renderString(footer(v)),
		filters: renderString(filters(v)),
	}
}

// renderString renders c, a built-in part that cannot fail, to a string.
func renderString(c templ.Component) string {
	b := listBufs.Get().(*bytes.Buffer)
	defer listBufs.Put(b)
	b.Reset()
	if err := c.Render(context.Background(), b); err != nil {
		panic(err) // built-in parts write to memory and do not fail
	}
	return b.String()
}

// gohtml renders a built-in part for a site's own template.
func gohtml(c templ.Component) (template.HTML, error) {
	return templ.ToGoHTML(context.Background(), c)
}

func lower(s string) string { return strings.ToLower(s) }

// title capitalises the first letter of a plain word: "week" is "Week".
func title(w string) string {
	if w == "" {
		return w
	}
	return strings.ToUpper(w[:1]) + w[1:]
}

func statusLabel(s string) string { return site.StatusLabel(s) }
