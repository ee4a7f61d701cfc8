package render

import (
	"bytes"
	"cmp"
	"strconv"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/date"
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

// writeItem writes base.html's "item", an event's entry in lists.
func writeItem(b *bytes.Buffer, s *site.Site, e *site.Event) {
	b.WriteString("<article class=\"event k-")
	esc(b, e.Kind)
	b.WriteString("\" id=\"")
	esc(b, e.ID)
	b.WriteString("\" data-kind=\"")
	esc(b, e.Kind)
	b.WriteString("\" data-status=\"")
	esc(b, e.Status)
	for _, k := range facetKeys {
		writeStrings(b, "\" data-", k, "=\"")
		facet(s, e, k, func(v string) { esc(b, v) })
	}
	b.WriteString("\">\n<h4><a href=\"")
	escURL(b, e.View.URL)
	b.WriteString("\">")
	esc(b, e.Title)
	b.WriteString("</a></h4>\n<p class=\"meta\"><a class=\"date\" href=\"")
	escURL(b, e.View.URL)
	b.WriteString("\" title=\"Permanent link\">")
	writeWhen(b, e)
	b.WriteString("</a> ")
	writeKind(b, e)
	b.WriteString(" ")
	writeStatus(b, e)
	b.WriteString("</p>")
	if e.Summary != "" {
		b.WriteString("\n<p class=\"summary\">")
		esc(b, e.Summary)
		b.WriteString("</p>")
	}
	b.WriteString("\n<p class=\"facts\">")
	if len(e.View.Places) > 0 {
		b.WriteString("<span class=\"places\">")
		writeLinks(b, e.View.Places)
		b.WriteString("</span> · ")
	}
	b.WriteString(plural(len(e.Sources), "source", "sources"))
	b.WriteString("</p>\n</article>")
}

// writeDays writes base.html's "days", a list of events under their days.
func (r *Renderer) writeDays(b *bytes.Buffer, days []*site.Day) error {
	s := r.site
	for _, d := range days {
		b.WriteString("\n<section class=\"day\" aria-labelledby=\"")
		esc(b, d.Anchor)
		b.WriteString("\">\n<h3 id=\"")
		esc(b, d.Anchor)
		b.WriteString("\"><a href=\"#")
		esc(b, d.Anchor) // an anchor is letters, digits and hyphens
		b.WriteString("\">")
		esc(b, d.Date.HumanIn(s.Config.Location))
		if d.Date.Prec < date.Day {
			b.WriteString(" <span class=\"prec\">(day not known)</span>")
		}
		b.WriteString("</a></h3>\n")
		if err := r.writeItems(b, d.Events); err != nil {
			return err
		}
		b.WriteString("\n</section>")
	}
	return nil
}

// writeItems writes base.html's "list": the entries of events, each on a
// line of its own.
func (r *Renderer) writeItems(b *bytes.Buffer, events []*site.Event) error {
	for _, e := range events {
		h, err := r.item(e)
		if err != nil {
			return err
		}
		b.WriteByte('\n')
		b.WriteString(string(h))
	}
	return nil
}

// writeSourceUses writes base.html's "source-uses": sources, each with the
// events that cite it.
func writeSourceUses(b *bytes.Buffer, uses []*site.SourceUse) {
	for _, u := range uses {
		src := u.Source
		if src.URL != "" {
			b.WriteString("\n<li><a href=\"")
			escURL(b, src.URL)
			b.WriteString("\" rel=\"noopener noreferrer\">")
			esc(b, src.Title)
			b.WriteString("</a>")
		} else {
			b.WriteString("\n<li><cite>")
			esc(b, src.Title)
			b.WriteString("</cite>")
		}
		if src.Pages != "" {
			b.WriteString(", ")
			esc(b, src.Pages)
		}
		if !src.Published.IsZero() {
			b.WriteString(", ")
			if src.PublishedEstimated {
				b.WriteString("about ")
			}
			esc(b, src.PublishedView.Human)
			if src.PublishedEstimated {
				b.WriteString(" <span class=\"approx\">(date estimated)</span>")
			}
		}
		b.WriteString(".")
		if src.Reference != "" {
			b.WriteString(" Reference: ")
			esc(b, src.Reference)
			b.WriteString(".")
		}
		b.WriteString(" Cited by: ")
		for i, e := range u.Events {
			if i > 0 {
				b.WriteString("; ")
			}
			writeA(b, "", e.View.URL, "", e.Title, "")
		}
		b.WriteString(".</li>")
	}
}

func writeWhen(b *bytes.Buffer, e *site.Event) {
	b.WriteString("<time datetime=\"")
	esc(b, e.View.ISO)
	b.WriteString("\">")
	esc(b, e.View.When)
	b.WriteString("</time>")
}

func writeKind(b *bytes.Buffer, e *site.Event) {
	k := e.View.Kind
	if k == nil {
		return
	}
	b.WriteString("<a class=\"kind k-")
	esc(b, k.Key)
	b.WriteString("\" href=\"")
	escURL(b, k.URL)
	b.WriteString("\">")
	esc(b, k.Label)
	b.WriteString("</a>")
}

func writeStatus(b *bytes.Buffer, e *site.Event) {
	b.WriteString("<span class=\"status s-")
	esc(b, e.Status)
	b.WriteString("\" title=\"")
	esc(b, e.View.StatusMeaning)
	b.WriteString("\">")
	esc(b, e.View.StatusLabel)
	if e.ClaimedBy != "" {
		b.WriteString(": ")
		esc(b, e.ClaimedBy)
	}
	b.WriteString("</span>")
}

func writeLinks(b *bytes.Buffer, links []site.Link) {
	for i, l := range links {
		if i > 0 {
			b.WriteString(", ")
		}
		writeA(b, "", l.URL, "", l.Name, "")
	}
}

func writeRelated(b *bytes.Buffer, events []*site.Event) {
	for _, r := range events {
		b.WriteString("\n<li>")
		writeA(b, "", r.View.URL, "", r.Title, "")
		b.WriteString(" (")
		esc(b, r.View.When)
		b.WriteString(")</li>")
	}
}

func writeSource(b *bytes.Buffer, src *site.Source, loc *time.Location) {
	num := strconv.Itoa(src.Num)
	writeStrings(b, "\n<li id=\"src-", num, "\">\n<span class=\"publisher\">")
	esc(b, src.Publisher)
	b.WriteString("</span>, ")
	if src.URL != "" {
		b.WriteString("<a href=\"")
		escURL(b, src.URL)
		b.WriteString("\" rel=\"noopener noreferrer\"")
		writeAttr(b, "hreflang", src.Lang)
		b.WriteString(">")
		esc(b, src.Title)
		b.WriteString("</a>")
	} else {
		// Nowhere to link to: the title as the name of a work.
		b.WriteString("<cite")
		writeAttr(b, "lang", src.Lang)
		b.WriteString(">")
		esc(b, src.Title)
		b.WriteString("</cite>")
	}
	if src.Pages != "" {
		b.WriteString(", ")
		esc(b, src.Pages)
	}
	if !src.Published.IsZero() {
		b.WriteString(", <time datetime=\"")
		esc(b, src.PublishedView.ISO)
		b.WriteString("\">")
		if src.PublishedEstimated {
			b.WriteString("about ")
		}
		esc(b, src.PublishedView.Human)
		b.WriteString("</time>")
		if src.PublishedEstimated {
			b.WriteString(" <span class=\"approx\">(date estimated)</span>")
		}
	}
	b.WriteString(".")
	if src.Archived != "" {
		b.WriteString(" <a href=\"")
		escURL(b, src.Archived)
		b.WriteString("\" rel=\"noopener noreferrer\">Archived copy</a>.")
	}
	if src.Reference != "" {
		b.WriteString(" Reference: ")
		esc(b, src.Reference)
		b.WriteString(".")
	}
	if !src.Accessed.IsZero() {
		b.WriteString(" Accessed ")
		esc(b, src.Accessed.HumanIn(loc))
		b.WriteString(".")
	}
	if src.Quote != "" {
		b.WriteString("\n<blockquote><p>“")
		esc(b, src.Quote)
		b.WriteString("”</p></blockquote>")
	}
	if src.Cited > 0 {
		writeStrings(b, " <a class=\"back\" href=\"#cite-", num, "-1\" aria-label=\"Back to the first citation of source ", num, "\">↩</a>")
	}
	b.WriteString("\n</li>")
}

// writeStrings writes each of parts: joined with +, the parts would be
// copied into a new string first, which for the longer ones is garbage
// for each line of every page.
func writeStrings(b *bytes.Buffer, parts ...string) {
	for _, p := range parts {
		b.WriteString(p)
	}
}

// writeMeta writes a line of the head: <meta {attr}="name" content="...">.
func writeMeta(b *bytes.Buffer, attr, name, content string) {
	writeStrings(b, "\n<meta ", attr, "=\"", name, "\" content=\"")
	esc(b, content)
	b.WriteString("\">")
}

// writeAttr writes ` name="value"`, value escaped, or nothing for an
// empty value, as a template's {{with}} around the attribute does.
func writeAttr(b *bytes.Buffer, name, value string) {
	if value != "" {
		writeStrings(b, " ", name, "=\"")
		esc(b, value)
		b.WriteString("\"")
	}
}

// writeA writes a link, <a{attrs} href="url">{before}text{after}</a>, with
// url and text escaped; attrs, before and after are the template's own.
func writeA(b *bytes.Buffer, attrs, url, before, text, after string) {
	writeStrings(b, "<a", attrs, " href=\"")
	escURL(b, url)
	writeStrings(b, "\">", before)
	esc(b, text)
	writeStrings(b, after, "</a>")
}

// esc writes s escaped as html/template escapes a string in text and in
// quoted attributes.
func esc(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		repl := escaped[s[i]]
		if repl == "" {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escaped holds what esc writes for each byte it replaces; a table, since
// esc sees every byte of every title, name and summary of every list.
var escaped = [256]string{0: "\uFFFD", '"': "&#34;", '&': "&amp;", '\'': "&#39;", '+': "&#43;", '<': "&lt;", '>': "&gt;"}

// escURL writes a URL as html/template writes one that begins an href:
// refused unless its scheme is http, https or mailto, then normalised
// (bytes outside RFC 3986's sets percent-encoded) and escaped.
func escURL(b *bytes.Buffer, u string) {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.Contains(scheme, "/") &&
		!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
		b.WriteString("#ZgotmplZ")
		return
	}
	var n strings.Builder
	last := 0
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case urlPlain[c]:
			continue
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			continue
		}
		n.WriteString(u[last:i])
		n.WriteByte('%')
		n.WriteByte("0123456789abcdef"[c>>4])
		n.WriteByte("0123456789abcdef"[c&15])
		last = i + 1
	}
	if last == 0 {
		esc(b, u)
		return
	}
	n.WriteString(u[last:])
	esc(b, n.String())
}

// urlPlain marks the bytes escURL keeps: RFC 3986's unreserved and
// reserved characters.
var urlPlain = func() (t [256]bool) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!#$&*+,/:;=?@[]") {
		t[c] = true
	}
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
