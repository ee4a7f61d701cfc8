// Package render makes the HTML pages of a checked site: it loads the
// templates (each default replaced by the site's own templates/NAME), plans
// every page, and renders a page when asked, the most common ones written
// by Go to the templates' bytes (see eventpage.go). What it renders once
// and reuses, such as each event's entry in lists, it keeps itself.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/chronicle-tools/chronicle/internal/work"
	"github.com/chronicle-tools/chronicle/site"
)

// A Renderer renders the pages of one checked site: it holds the site's
// templates and what it renders once and reuses, such as each event's
// entry in lists. The model keeps none of this.
type Renderer struct {
	site      *site.Site
	files     []File
	itemTpl   *template.Template
	items     []atomic.Pointer[template.HTML] // each event's list entry, by Seq, once rendered
	eventPage func(buf *bytes.Buffer, e *site.Event) error
}

// A File is one file of the pages and their assets: a page rendered by
// Render, an event's page (by EventPage), or an asset's bytes.
type File struct {
	Path     string
	Template string                        // the template that renders it, to name in an error
	Render   func(buf *bytes.Buffer) error // a page, written into a reused buffer
	Event    *site.Event                   // or an event's page
	Data     []byte                        // or an asset, made already
}

// Plan loads the templates of the site in fsys (each default replaced by
// the site's templates/NAME) and lists every page of s and how to render
// it, rendering nothing yet but the assets, whose names carry their bytes'
// fingerprint. It returns nil, with the problems in diags, when a template
// does not parse.
func Plan(fsys fs.FS, s *site.Site, diags *site.Diagnostics) *Renderer {
	r := &Renderer{site: s}
	tpls, css, builtin := r.loadTemplates(fsys, diags)
	if tpls == nil || len(tpls) < len(pageTemplates) {
		return nil
	}
	css = append(css, r.kindCSS()...)
	cssURL := r.asset("style", ".css", css)
	jsURL := r.asset("filter", ".js", asset(fsys, "filter.js"))

	// Which built-in templates eventpage.go writes in their stead.
	ownBase := !builtin["base.html"]
	writtenEvent := !ownBase && builtin["event.html"]
	writtenTerm := !ownBase && builtin["term.html"]
	writtenMonth := !ownBase && builtin["month.html"]
	writtenPublisher := !ownBase && builtin["publisher.html"]
	r.itemTpl = tpls["index.html"]
	if !ownBase {
		r.itemTpl = nil // writeItem writes the same
	}
	r.items = make([]atomic.Pointer[template.HTML], len(s.Events))
	chrome, err := r.chrome(tpls["index.html"], cssURL, jsURL)
	if err != nil {
		*diags = append(*diags, site.Diagnostic{Path: "templates/base.html", Msg: "template: " + err.Error()})
		return nil
	}
	current := map[string]bool{"": true, "storylines/": true, "sources/": true}
	for _, p := range s.Menu {
		current[p.Slug+"/"] = true
	}
	// frame sets what every page's view has from its place in the site.
	frame := func(tpl, dir string, v *view) {
		v.Site, v.CSS, v.JS, v.Path, v.Canonical = s, cssURL, jsURL, dir, s.Config.AbsURL(dir)
		if !current[dir] || tpl == "404.html" {
			v.Chrome = chrome
		}
	}
	render := func(buf *bytes.Buffer, tpl string, v *view) error {
		if e := v.Event; e != nil {
			// Read at render time: Patch may have changed them.
			v.Title, v.Description = e.Title, e.Summary
		}
		switch {
		case tpl == "event.html" && writtenEvent:
			writeEventPage(buf, v)
			return nil
		case tpl == "term.html" && writtenTerm:
			return writeListPage(buf, v, r.writeTermMain)
		case tpl == "month.html" && writtenMonth:
			// Written, not executed: a month's list runs to megabytes,
			// which a template function's result would copy twice more.
			return writeListPage(buf, v, r.writeMonthMain)
		case tpl == "publisher.html" && writtenPublisher:
			return writeListPage(buf, v, writePublisherMain)
		}
		return tpls[tpl].ExecuteTemplate(buf, "base", v)
	}
	add := func(tpl, dir string, v view) {
		frame(tpl, dir, &v)
		file := dir + "index.html"
		if tpl == "404.html" {
			file = "404.html"
		}
		r.files = append(r.files, File{Path: file, Template: tpl, Render: func(buf *bytes.Buffer) error {
			v := v
			return render(buf, tpl, &v)
		}})
	}
	// An event page's view is made when it is rendered, not kept for every
	// event: kept, the views are pointers the collector traces every cycle.
	r.eventPage = func(buf *bytes.Buffer, e *site.Event) error {
		v := view{Event: e}
		frame("event.html", "events/"+e.ID+"/", &v)
		return render(buf, "event.html", &v)
	}

	// The front page: the latest months up to frontPageMax events.
	months := s.Months
	shown := months
	if len(s.Events) > frontPageMax {
		n, i := 0, len(months)
		for i > 0 && (n+len(months[i-1].Events) <= frontPageMax || n == 0) {
			i--
			n += len(months[i].Events)
		}
		shown = months[i:]
	}
	archived := months[:len(months)-len(shown)]
	if s.Config.Newest {
		archived = slices.Clone(archived)
		slices.Reverse(archived)
	}
	add("index.html", "", view{Description: s.Config.Description, Months: site.Arrange(shown, s.Config.Newest), AllMonths: site.Arrange(months, s.Config.Newest), Archived: archived,
		Chart: r.chart(), Stories: r.storySpans(), Filters: len(s.Events) > 0})
	for i, m := range months {
		v := view{Title: m.Date.Human(), Description: fmt.Sprintf("Events of %s in %s.", m.Date.Human(), s.Config.Title), Month: site.Arrange([]*site.Month{m}, s.Config.Newest)[0], Filters: true}
		if i > 0 {
			v.Prev = months[i-1]
		}
		if i+1 < len(months) {
			v.Next = months[i+1]
		}
		add("month.html", m.Slug+"/", v)
	}
	for _, e := range s.Events {
		r.files = append(r.files, File{Path: "events/" + e.ID + "/index.html", Template: "event.html", Event: e})
	}
	// A long list is split into pages of whole months, so that no page
	// grows with the corpus. Grouping every term's events touches each
	// event once per term it is in: the terms are grouped side by side.
	var terms []*site.Term
	for _, tax := range s.Taxonomies {
		terms = append(terms, tax.Terms...)
	}
	chunks := make([][][]*site.Month, len(terms))
	work.Parallel(len(terms), func(_ *bytes.Buffer, i int) {
		// A storyline is a thread read from its start.
		newest := s.Config.Newest && terms[i].Tax.Key != "storylines"
		chunks[i] = chunkMonths(site.GroupMonths(terms[i].Events, newest), frontPageMax)
	})
	termChunks := make(map[*site.Term][][]*site.Month, len(terms))
	for i, t := range terms {
		termChunks[t] = chunks[i]
	}
	for _, tax := range s.Taxonomies {
		add("terms.html", tax.Key+"/", view{Title: tax.Title, Description: fmt.Sprintf("%s of %s.", tax.Title, s.Config.Title), Tax: tax})
		for _, t := range tax.Terms {
			desc := t.Description
			if desc == "" {
				desc = fmt.Sprintf("Events with the %s %s.", strings.ToLower(tax.Singular), t.Name)
			}
			chunks := termChunks[t]
			dir := tax.Key + "/" + t.Slug + "/"
			pages := r.pageLinks(dir, len(chunks))
			for i, chunk := range chunks {
				title := tax.Singular + ": " + t.Name
				if i > 0 {
					title += fmt.Sprintf(" (page %d of %d)", i+1, len(chunks))
				}
				add("term.html", pageDir(dir, i), view{Title: title, Description: desc, Term: t, Months: chunk, PageNum: i + 1, PageLinks: pages})
			}
		}
	}
	// A short bibliography is shown whole; a long one is an index of the
	// publishers, whose pages list their sources.
	var all []*site.SourceUse
	for _, p := range s.Publishers {
		all = append(all, p.Sources...)
	}
	if len(all) > frontPageMax {
		all = nil
	}
	add("sources.html", "sources/", view{Title: "Sources", Description: "Every source cited by " + s.Config.Title + ", by publisher.", Sources: all})
	for _, p := range s.Publishers {
		// Pages of frontPageMax sources, as for long lists of events.
		n := max(1, (len(p.Sources)+frontPageMax-1)/frontPageMax)
		dir := "sources/" + p.Slug + "/"
		pages := r.pageLinks(dir, n)
		for i := range n {
			title := "Publisher: " + p.Name
			if i > 0 {
				title += fmt.Sprintf(" (page %d of %d)", i+1, n)
			}
			add("publisher.html", pageDir(dir, i), view{Title: title, Description: fmt.Sprintf("Sources from %s cited by %s.", p.Name, s.Config.Title),
				Publisher: p, Sources: p.Sources[i*frontPageMax : min(len(p.Sources), (i+1)*frontPageMax)], PageNum: i + 1, PageLinks: pages})
		}
	}
	for _, p := range s.Pages {
		add("page.html", p.Slug+"/", view{Title: p.Title, Description: p.Description, Page: p})
	}
	add("404.html", "", view{Title: "Page not found"})
	return r
}

// Files lists the pages and assets, in the order planned.
func (r *Renderer) Files() []File { return r.files }

// EventPage renders e's page into buf.
func (r *Renderer) EventPage(buf *bytes.Buffer, e *site.Event) error { return r.eventPage(buf, e) }

// asset adds an asset under a name that changes with its bytes, so that it
// can be cached for ever, and returns its URL.
func (r *Renderer) asset(name, ext string, data []byte) string {
	sum := sha256.Sum256(data)
	p := "assets/" + name + "." + hex.EncodeToString(sum[:5]) + ext
	r.files = append(r.files, File{Path: p, Data: data})
	return r.site.Config.URL(p)
}

// pageDir is the folder of page i (from 0) of a list whose first page is
// dir: dir itself, then dir/2/, dir/3/...
func pageDir(dir string, i int) string {
	if i == 0 {
		return dir
	}
	return dir + strconv.Itoa(i+1) + "/"
}

// pageLinks links the n pages of a list whose first page is dir.
func (r *Renderer) pageLinks(dir string, n int) []site.Link {
	s := r.site
	links := make([]site.Link, n)
	for i := range links {
		links[i] = site.Link{Name: strconv.Itoa(i + 1), URL: s.Config.URL(pageDir(dir, i))}
	}
	return links
}

// Chrome holds the parts every page shares, rendered once per build: the
// head's links, the header with the site's navigation, and the footer.
type Chrome struct {
	Links, Header, Footer template.HTML
	Filters               template.HTML // the filter form, on the pages that have it
}

func (r *Renderer) chrome(t *template.Template, cssURL, jsURL string) (*Chrome, error) {
	s := r.site
	// A path no page has, so that no navigation entry is marked current.
	v := &view{Site: s, CSS: cssURL, JS: jsURL, Path: "\x00"}
	var c Chrome
	for _, part := range []struct {
		name string
		dst  *template.HTML
	}{{"links-head", &c.Links}, {"header", &c.Header}, {"footer", &c.Footer}, {"filters", &c.Filters}} {
		if part.name == "filters" && t.Lookup(part.name) == nil {
			continue // a site's own base.html need not have the form
		}
		var b bytes.Buffer
		if err := t.ExecuteTemplate(&b, part.name, v); err != nil {
			return nil, err
		}
		*part.dst = template.HTML(b.String())
	}
	return &c, nil
}

// chunkMonths splits months, in reading order, into runs of whole months
// of at most max events (a single longer month is a run of its own).
func chunkMonths(months []*site.Month, max int) [][]*site.Month {
	var chunks [][]*site.Month
	n := 0
	for _, m := range months {
		if len(chunks) == 0 || n > 0 && n+len(m.Events) > max {
			chunks = append(chunks, nil)
			n = 0
		}
		chunks[len(chunks)-1] = append(chunks[len(chunks)-1], m)
		n += len(m.Events)
	}
	if chunks == nil {
		chunks = [][]*site.Month{nil}
	}
	return chunks
}
