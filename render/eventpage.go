package render

import (
	"bytes"
	"cmp"
	"strconv"
	"strings"

	"github.com/chronicle-tools/chronicle/search"
	"github.com/chronicle-tools/chronicle/site"
)

// The built-in event and term pages, an event's entry in lists, the days
// of a list, and a list of sources, written directly rather than by
// html/template, which spends most of its time calling escapers through
// reflect: event and term pages are most of a site's pages and bytes, every
// event has an entry in about ten lists, and a list has a heading a day.
// A page is written so only while the site overrides neither base.html nor
// its own template, the parts while it does not override base.html.
// TestWrittenMatchesTemplate holds them all to the templates byte for
// byte, hostile input included, so a change to a template fails that test
// until it is made here too.

// writeEventPage writes what base.html and event.html make of v, an event
// page with the shared chrome.
func writeEventPage(b *bytes.Buffer, v *view) {
	e := v.Event
	writePage(b, v, "article", func() {
		b.WriteString("\n<script type=\"application/ld+json\">")
		writeJSONLD(b, v.Site.Config, e)
		b.WriteString("</script>\n")
	}, func() { writeEventMain(b, e, v.Site.Config) })
}

// writeListPage writes what base.html and a list page's template (term,
// month or publisher) make of v, main writing the template's "main".
func writeListPage(b *bytes.Buffer, v *view, main func(*bytes.Buffer, *view) error) error {
	var err error
	writePage(b, v, "website", func() {}, func() { err = main(b, v) })
	return err
}

// writePage writes base.html around a page with the shared chrome: head
// writes the page's "head" block, main its "main". The pages written here
// (events, terms, months, publishers) are never the navigation's current
// page, so v.Chrome is always set.
func writePage(b *bytes.Buffer, v *view, ogType string, head, main func()) {
	c := v.Site.Config
	b.WriteString("<!DOCTYPE html>\n<html lang=\"")
	esc(b, c.Language)
	b.WriteString("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
		"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'\">\n" +
		"<meta name=\"referrer\" content=\"no-referrer\">\n<title>")
	if v.Title != "" {
		esc(b, v.Title)
		b.WriteString(" · ")
	}
	esc(b, c.Title)
	b.WriteString("</title>")
	if v.Description != "" {
		writeMeta(b, "name", "description", v.Description)
	}
	b.WriteString("\n<link rel=\"canonical\" href=\"")
	escURL(b, v.Canonical)
	b.WriteString("\">")
	writeMeta(b, "property", "og:site_name", c.Title)
	writeMeta(b, "property", "og:title", cmp.Or(v.Title, c.Title))
	if v.Description != "" {
		writeMeta(b, "property", "og:description", v.Description)
	}
	writeMeta(b, "property", "og:type", ogType)
	writeMeta(b, "property", "og:url", v.Canonical)
	b.WriteString("\n")
	b.WriteString(string(v.Chrome.Links))
	if v.Filters {
		b.WriteString("\n<script src=\"")
		escURL(b, v.JS)
		b.WriteString("\" defer></script>")
	}
	head()
	b.WriteString("\n</head>\n<body>\n")
	b.WriteString(string(v.Chrome.Header))
	b.WriteString("\n<main id=\"main\">\n")
	main()
	b.WriteString("\n</main>\n")
	b.WriteString(string(v.Chrome.Footer))
	b.WriteString("\n</body>\n</html>\n")
}

// writeTermMain writes term.html's "main".
func (r *Renderer) writeTermMain(b *bytes.Buffer, v *view) error {
	s := r.site
	c, t := s.Config, v.Term
	b.WriteString("<h1><span class=\"small\">")
	esc(b, t.Tax.Singular)
	b.WriteString(":</span> ")
	esc(b, t.Name)
	b.WriteString("</h1>\n")
	if t.Description != "" {
		b.WriteString("<p class=\"lede\">")
		esc(b, t.Description)
		b.WriteString("</p>")
	}
	b.WriteString("\n<p class=\"overview\">")
	b.WriteString(plural(len(t.Events), "event", "events"))
	if len(t.Events) > 0 {
		b.WriteString(", from ")
		esc(b, t.Events[0].Date.HumanIn(c.Location))
		b.WriteString(" to ")
		esc(b, t.Events[len(t.Events)-1].Date.HumanIn(c.Location))
	}
	b.WriteString(". ")
	writeA(b, "", c.URL(t.Tax.Key+"/"), "All ", strings.ToLower(t.Tax.Title), "")
	b.WriteString(".</p>\n")
	for _, m := range v.Months {
		b.WriteString("\n<section class=\"month\" aria-labelledby=\"m")
		esc(b, m.Date.String())
		b.WriteString("\" data-search=\"")
		esc(b, c.URL(search.Path(m)))
		b.WriteString("\">\n<h2 id=\"m")
		esc(b, m.Date.String())
		b.WriteString("\">")
		esc(b, m.Date.HumanIn(c.Location))
		b.WriteString("</h2>\n")
		if err := r.writeDays(b, m.Days); err != nil {
			return err
		}
		b.WriteString("\n</section>\n")
	}
	writePager(b, v)
	b.WriteString("\n")
	return nil
}

// writePager writes base.html's "pager", the links to the pages of a list
// split into pages.
func writePager(b *bytes.Buffer, v *view) {
	if len(v.PageLinks) <= 1 {
		return
	}
	b.WriteString("\n<nav class=\"pager\" aria-label=\"Pages of this list\">\n<p>Pages: ")
	for i, l := range v.PageLinks {
		if i > 0 {
			b.WriteString(" · ")
		}
		current := ""
		if i+1 == v.PageNum {
			current = ` aria-current="page"`
		}
		b.WriteString("<a href=\"")
		escURL(b, l.URL)
		writeStrings(b, "\"", current, ">")
		esc(b, l.Name)
		b.WriteString("</a>")
	}
	b.WriteString("</p>\n</nav>")
}

// writeMonthMain writes month.html's "main".
func (r *Renderer) writeMonthMain(b *bytes.Buffer, v *view) error {
	s := r.site
	c, m := s.Config, v.Month
	human := m.Date.HumanIn(c.Location)
	b.WriteString("<h1>")
	esc(b, human)
	b.WriteString("</h1>\n<p class=\"overview\">")
	b.WriteString(plural(len(m.Events), "event", "events"))
	b.WriteString(". ")
	writeA(b, "", c.URL(""), "", "Back to the chronology", "")
	b.WriteString(".</p>\n")
	b.WriteString(string(v.Chrome.Filters))
	b.WriteString("\n<section class=\"month\" aria-labelledby=\"mh\" data-search=\"")
	esc(b, c.URL(search.Path(m)))
	b.WriteString("\">\n<h2 id=\"mh\" class=\"visually-hidden\">Events of ")
	esc(b, human)
	b.WriteString("</h2>\n")
	if err := r.writeDays(b, m.Days); err != nil {
		return err
	}
	b.WriteString("\n</section>\n<nav class=\"pager\" aria-label=\"Months\">\n")
	if p := v.Prev; p != nil {
		writeA(b, ` rel="prev"`, c.URL(p.Slug+"/"), "← ", p.Date.HumanIn(c.Location), "")
	}
	b.WriteString("\n")
	if n := v.Next; n != nil {
		writeA(b, ` rel="next"`, c.URL(n.Slug+"/"), "", n.Date.HumanIn(c.Location), " →")
	}
	b.WriteString("\n</nav>\n")
	return nil
}

// writePublisherMain writes publisher.html's "main", a page of a
// publisher's sources.
func writePublisherMain(b *bytes.Buffer, v *view) error {
	p := v.Publisher
	b.WriteString("<h1><span class=\"small\">Publisher:</span> ")
	esc(b, p.Name)
	b.WriteString("</h1>\n<p class=\"overview\">")
	b.WriteString(plural(len(p.Sources), "source", "sources"))
	b.WriteString(", each with the events that cite it. ")
	writeA(b, "", v.Site.Links.Sources, "", "All publishers", "")
	b.WriteString(".</p>\n<ul class=\"source-list\">")
	writeSourceUses(b, v.Sources)
	b.WriteString("\n</ul>")
	writePager(b, v)
	b.WriteString("\n")
	return nil
}

// writeEventMain writes event.html's "main".
func writeEventMain(b *bytes.Buffer, e *site.Event, c *site.Config) {
	loc := c.Location
	b.WriteString("<article class=\"event-page k-")
	esc(b, e.Kind)
	b.WriteString("\">\n<h1>")
	esc(b, e.Title)
	b.WriteString("</h1>\n<dl class=\"facts\">\n<dt>Date</dt><dd>")
	writeWhen(b, e)
	b.WriteString("</dd>\n<dt>Kind</dt><dd>")
	writeKind(b, e)
	b.WriteString("</dd>\n<dt>Status</dt><dd>")
	writeStatus(b, e)
	b.WriteString(" <span class=\"meaning\">")
	esc(b, e.View.StatusMeaning)
	b.WriteString("</span></dd>")
	for _, f := range []struct {
		name  string
		links []site.Link
	}{{"Places", e.View.Places}, {"Actors", e.View.Actors}, {"Tags", e.View.Tags}, {"Storylines", e.View.Storylines}} {
		if len(f.links) == 0 {
			continue
		}
		writeStrings(b, "\n<dt>", f.name, "</dt><dd>")
		writeLinks(b, f.links)
		b.WriteString("</dd>")
	}
	for _, x := range extraFacts(c, e) {
		b.WriteString("\n<dt>")
		esc(b, x.Label)
		b.WriteString("</dt><dd>")
		esc(b, x.Text)
		b.WriteString("</dd>")
	}
	b.WriteString("\n</dl>")
	if e.ContentWarning != "" {
		b.WriteString("\n<p class=\"warning\"><strong>Content warning:</strong> ")
		esc(b, e.ContentWarning)
		b.WriteString("</p>")
	}
	b.WriteString("\n<div class=\"body\">\n")
	b.WriteString(string(e.Body))
	b.WriteString("\n</div>\n<section aria-labelledby=\"sources\">\n<h2 id=\"sources\">Sources</h2>\n<ol class=\"sources\">")
	for _, src := range e.Sources {
		writeSource(b, src, loc)
	}
	b.WriteString("\n</ol>\n</section>")
	if len(e.Updates) > 0 {
		b.WriteString("\n<section aria-labelledby=\"updates\">\n<h2 id=\"updates\">Updates and corrections</h2>\n<ol class=\"updates\">")
		for _, u := range e.Updates {
			b.WriteString("\n<li><time datetime=\"")
			esc(b, u.View.ISO)
			b.WriteString("\">")
			esc(b, u.View.Human)
			b.WriteString("</time>: ")
			esc(b, u.Note)
			b.WriteString("</li>")
		}
		b.WriteString("\n</ol>\n</section>")
	}
	if len(e.RelatedEvents) > 0 || len(e.Backlinks) > 0 {
		b.WriteString("\n<section aria-labelledby=\"related\">\n<h2 id=\"related\">Related events</h2>")
		if len(e.RelatedEvents) > 0 {
			b.WriteString("\n<ul class=\"related\">")
			writeRelated(b, e.RelatedEvents)
			b.WriteString("\n</ul>")
		}
		if len(e.Backlinks) > 0 {
			b.WriteString("\n<p class=\"small\">Linked from:</p>\n<ul class=\"related\">")
			writeRelated(b, e.Backlinks)
			b.WriteString("\n</ul>")
		}
		b.WriteString("\n</section>")
	}
	if len(e.View.Story) > 0 {
		b.WriteString("\n<nav class=\"storynav\" aria-labelledby=\"storynav-h\">\n<h2 id=\"storynav-h\">In its storylines</h2>\n<ul>")
		for _, n := range e.View.Story {
			b.WriteString("\n<li>")
			writeA(b, "", n.Term.URL, "", n.Term.Name, "")
			writeStrings(b, ", event ", strconv.Itoa(n.Pos), " of ", strconv.Itoa(n.Of), ".")
			if n.Prev != nil {
				b.WriteString(" Before: ")
				writeA(b, ` rel="prev"`, n.Prev.View.URL, "", n.Prev.Title, "")
				b.WriteString(".")
			}
			if n.Next != nil {
				b.WriteString(" After: ")
				writeA(b, ` rel="next"`, n.Next.View.URL, "", n.Next.Title, "")
				b.WriteString(".")
			}
			b.WriteString("</li>")
		}
		b.WriteString("\n</ul>\n</nav>")
	}
	b.WriteString("\n<nav class=\"pager\" aria-label=\"Previous and next events\">\n")
	if e.Prev != nil {
		writeA(b, ` rel="prev"`, e.Prev.View.URL, "← Earlier: ", e.Prev.Title, "")
	}
	b.WriteString("\n")
	if e.Next != nil {
		writeA(b, ` rel="next"`, e.Next.View.URL, "Later: ", e.Next.Title, " →")
	}
	b.WriteString("\n</nav>\n</article>\n")
}
