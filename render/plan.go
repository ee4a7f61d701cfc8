// Package render makes the HTML pages of a checked site: each page is
// written once, in render/*.templ (compiled by templ, go generate ./...),
// and a site may replace a page's content or the shared parts with its own
// templates (docs/customise.md). It plans every page and renders a page
// when asked; what it renders once and reuses, such as each event's entry
// in lists, it keeps itself.
package render

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/a-h/templ"

	"github.com/chronicle-tools/chronicle/internal/work"
	"github.com/chronicle-tools/chronicle/site"
)

// A Renderer renders the pages of one checked site: it holds the site's
// own templates and what it renders once and reuses, such as each event's
// entry in lists. The model keeps none of this.
type Renderer struct {
	site      *site.Site
	files     []File
	items     []atomic.Pointer[string] // each event's list entry, by Seq, once rendered
	chrome    *chrome
	own       overrides
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

// mains are the built-in pages' main content, by the name of the template
// a site may replace each with.
var mains = map[string]func(*View) templ.Component{
	"index.html": indexMain, "event.html": eventMain, "month.html": monthMain,
	"term.html": termMain, "terms.html": termsMain, "sources.html": sourcesMain,
	"publisher.html": publisherMain, "page.html": pageMain, "404.html": notFoundMain,
}

// Plan loads the site's own templates in fsys and lists every page of s
// and how to render it, rendering nothing yet but the assets, whose names
// carry their bytes' fingerprint, and the parts every page shares. It
// returns nil, with the problems in diags, when a template does not parse.
func Plan(fsys fs.FS, s *site.Site, diags *site.Diagnostics) *Renderer {
	r := &Renderer{site: s}
	before := diags.Errors()
	r.loadOverrides(fsys, diags)
	if diags.Errors() > before {
		return nil
	}
	css := asset(fsys, "style.css")
	if own, err := fs.ReadFile(fsys, "templates/custom.css"); err == nil {
		css = append(append(css, '\n'), own...)
	}
	css = append(css, r.kindCSS()...)
	cssURL := r.asset("style", ".css", css)
	jsURL := r.asset("filter", ".js", asset(fsys, "filter.js"))
	r.items = make([]atomic.Pointer[string], len(s.Events))
	r.makeChrome(cssURL, jsURL)
	current := map[string]bool{"": true, "storylines/": true, "sources/": true}
	for _, p := range s.Menu {
		current[p.Slug+"/"] = true
	}
	// frame sets what every page's view has from its place in the site.
	frame := func(tpl, dir string, v *View) {
		v.Site, v.CSS, v.JS, v.Path, v.Canonical, v.r = s, cssURL, jsURL, dir, s.Config.AbsURL(dir), r
		v.shared = !current[dir] || tpl == "404.html"
	}
	render := func(buf *bytes.Buffer, tpl string, v *View) error {
		if e := v.Event; e != nil {
			// Read at render time: Patch may have changed them.
			v.Title, v.Description = e.Title, e.Summary
		}
		var head, main templ.Component
		if t := r.own.pages[tpl]; t != nil {
			main = own{t.Lookup("main"), "templates/" + tpl, v}
			if h := t.Lookup("head"); h != nil {
				head = own{h, "templates/" + tpl, v}
			}
		} else {
			main = mains[tpl](v)
			if tpl == "event.html" {
				head = eventHead(v)
			}
		}
		start := buf.Len()
		err := layout(v, head, main).Render(context.Background(), buf)
		buf.WriteByte('\n') // a text file ends with a newline
		replaceNUL(buf, start)
		return err
	}
	add := func(tpl, dir string, v View) {
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
		v := View{Event: e}
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
	add("index.html", "", View{Description: s.Config.Description, Months: site.Arrange(shown, s.Config.Newest), AllMonths: site.Arrange(months, s.Config.Newest), Archived: archived,
		Chart: r.chart(), Stories: r.storySpans(), Filters: len(s.Events) > 0})
	for i, m := range months {
		v := View{Title: m.Date.Human(), Description: fmt.Sprintf("Events of %s in %s.", m.Date.Human(), s.Config.Title), Month: site.Arrange([]*site.Month{m}, s.Config.Newest)[0], Filters: true}
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
		add("terms.html", tax.Key+"/", View{Title: tax.Title, Description: fmt.Sprintf("%s of %s.", tax.Title, s.Config.Title), Tax: tax})
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
				add("term.html", pageDir(dir, i), View{Title: title, Description: desc, Term: t, Months: chunk, PageNum: i + 1, PageLinks: pages})
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
	add("sources.html", "sources/", View{Title: "Sources", Description: "Every source cited by " + s.Config.Title + ", by publisher.", Sources: all})
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
			add("publisher.html", pageDir(dir, i), View{Title: title, Description: fmt.Sprintf("Sources from %s cited by %s.", p.Name, s.Config.Title),
				Publisher: p, Sources: p.Sources[i*frontPageMax : min(len(p.Sources), (i+1)*frontPageMax)], PageNum: i + 1, PageLinks: pages})
		}
	}
	for _, p := range s.Pages {
		add("page.html", p.Slug+"/", View{Title: p.Title, Description: p.Description, Page: p})
	}
	add("404.html", "", View{Title: "Page not found"})
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

// replaceNUL replaces each NUL byte written to buf since start with
// U+FFFD, as html/template does: a NUL in a note's text would otherwise
// reach the page, where it is a parse error. Looking for one costs little
// beside the rendering; finding one is rare.
func replaceNUL(buf *bytes.Buffer, start int) {
	page := buf.Bytes()[start:]
	if bytes.IndexByte(page, 0) < 0 {
		return
	}
	fixed := bytes.ReplaceAll(page, []byte{0}, []byte("\uFFFD"))
	buf.Truncate(start)
	buf.Write(fixed)
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
