package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/slug"
	"github.com/chronicle-tools/chronicle/templates"
)

// frontPageMax bounds the events of the front page; months beyond it have
// only their archive page, so the front page does not grow with the corpus.
const frontPageMax = 300

var pageTemplates = []string{"index.html", "event.html", "month.html", "term.html", "terms.html", "sources.html", "publisher.html", "page.html", "404.html"}

// view is what every template gets.
type view struct {
	Site        *Site
	Title       string // the page's own title; the site's is added
	Description string
	Path        string // the page's folder in the output: "", "events/x/"
	Canonical   string // the page's absolute URL
	CSS         string

	Event     *Event
	Term      *Term
	Tax       *Taxonomy
	Month     *Month
	Prev      *Month
	Next      *Month
	Page      *Page
	Publisher *Publisher
	Sources   []*SourceUse // the publisher's sources on this page; on the sources page, all when few
	Months    []*Month     // months shown in full, arranged for reading
	AllMonths []*Month
	Archived  []*Month // months only on their archive pages
	Chart     *Chart
	Stories   []StorySpan
	Chrome    *Chrome // the shared parts, rendered once; nil where the page renders its own
	PageNum   int     // this page's number in a list split into pages
	PageLinks []Link  // every page of that list
	Filters   bool    // the page has the filter form and its script
	JS        string  // the filter script's URL
}

// loadTemplates parses the default templates, each replaced by the site's
// templates/NAME when it exists. builtin tells which templates are the
// built-in text: the site has none of its own, or a copy of it.
func loadTemplates(fsys fs.FS, s *Site, diags *Diagnostics) (tpls map[string]*template.Template, css []byte, builtin map[string]bool) {
	builtin = map[string]bool{}
	read := func(name string) (string, []byte) {
		def, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			panic(err) // the embedded set is fixed at compile time
		}
		if own, err := fs.ReadFile(fsys, "templates/"+name); err == nil {
			builtin[name] = bytes.Equal(own, def)
			return "templates/" + name, own
		}
		builtin[name] = true
		return "(built-in) " + name, def
	}
	funcs := s.funcs()
	baseName, baseText := read("base.html")
	base, err := template.New("base.html").Funcs(funcs).Parse(string(baseText))
	if err != nil {
		*diags = append(*diags, templateDiag(baseName, err))
		return nil, nil, nil
	}
	if builtin["base.html"] {
		// The built-in "days" and "source-uses" are written by writeDays
		// and writeSourceUses, to the same bytes.
		template.Must(base.New("days").Parse(`{{writtenDays .}}`))
		template.Must(base.New("source-uses").Parse(`{{writtenSourceUses .}}`))
	}
	tpls = map[string]*template.Template{}
	for _, name := range pageTemplates {
		file, text := read(name)
		t, err := template.Must(base.Clone()).New(name).Parse(string(text))
		if err != nil {
			*diags = append(*diags, templateDiag(file, err))
			continue
		}
		tpls[name] = t
	}
	return tpls, asset(fsys, "style.css"), builtin
}

// asset reads a default asset, or the site's own file of the same name.
func asset(fsys fs.FS, name string) []byte {
	if data, err := fs.ReadFile(fsys, "templates/"+name); err == nil {
		return data
	}
	data, err := fs.ReadFile(templates.FS, name)
	if err != nil {
		panic(err) // the embedded set is fixed at compile time
	}
	return data
}

var templateLineRE = regexp.MustCompile(`:(\d+):`)

func templateDiag(file string, err error) Diagnostic {
	d := Diagnostic{Path: file, Msg: "template: " + err.Error()}
	if m := templateLineRE.FindStringSubmatch(err.Error()); m != nil {
		d.Line, _ = strconv.Atoi(m[1])
	}
	return d
}

var statusInfo = map[string][2]string{
	"confirmed": {"Confirmed", "Established by several independent sources or acknowledged by those involved."},
	"reported":  {"Reported", "Reported by credible outlets but not independently confirmed."},
	"claimed":   {"Claimed", "Rests on the word of one party, named here, and not independently confirmed."},
	"disputed":  {"Disputed", "The parties or the sources contradict each other; both accounts are given."},
}

func (s *Site) funcs() template.FuncMap {
	c := s.Config
	return template.FuncMap{
		"url": c.URL,
		"abs": c.AbsURL,
		"termURL": func(tax, name string) string {
			return c.URL(tax + "/" + slug.Make(name) + "/")
		},
		"human": func(d date.Date) string { return d.HumanIn(c.Location) },
		"iso":   func(d date.Date) string { return d.ISO(c.Location) },
		"span":  func(e *Event) string { return date.Range(e.Date, e.End, c.Location) },
		"kind":  c.kind,
		"storyline": func(key string) *Storyline {
			if st := c.storyline(key); st != nil {
				return st
			}
			return &Storyline{Key: key, Title: key}
		},
		"statusLabel":   func(st string) string { return statusInfo[st][0] },
		"statusMeaning": func(st string) string { return statusInfo[st][1] },
		"plural":        plural,
		"last":          func(es []*Event) *Event { return es[len(es)-1] },
		// item is an event's entry in lists, rendered once and reused on
		// every list page it appears on.
		"item":  s.item,
		"items": s.itemList,
		"writtenSourceUses": func(uses []*SourceUse) (template.HTML, error) {
			return written(func(b *bytes.Buffer) error { writeSourceUses(b, uses); return nil })
		},
		"writtenDays": func(days []*Day) (template.HTML, error) {
			return written(func(b *bytes.Buffer) error { return s.writeDays(b, days) })
		},
		"lower": strings.ToLower,
		"add":   func(a, b int) int { return a + b },
		"monthHref": func(v *view, d date.Date) string {
			for _, shown := range v.Months {
				if shown.Date == d {
					return "#m" + d.String()
				}
			}
			for _, m := range s.Months {
				if m.Date == d {
					return c.URL(m.Slug + "/")
				}
			}
			return c.URL("")
		},
		"facets": facets,
		"searchURL": func(m *Month) string {
			return c.URL(searchPath(m))
		},
		"jsonLD":   s.jsonLD,
		"storyNav": s.storyNav,
		"statuses": func() []string { return statuses },
		"title": func(w string) string {
			if w == "" {
				return w
			}
			return strings.ToUpper(w[:1]) + w[1:]
		},
	}
}

// plural counts: "1 event", "2 events".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func reversed[T any](list []T) []T {
	out := make([]T, len(list))
	for i, x := range list {
		out[len(list)-1-i] = x
	}
	return out
}

// plan lists every output file of a checked site and how to render it,
// rendering nothing yet but the assets, whose names carry their bytes'
// fingerprint. It returns nil when a template does not parse.
func (s *Site) plan(fsys fs.FS, diags *Diagnostics) *Output {
	tpls, css, builtin := loadTemplates(fsys, s, diags)
	if tpls == nil || len(tpls) < len(pageTemplates) {
		return nil
	}
	o := &Output{Site: s, index: map[string]int{}}
	css = append(css, s.kindCSS()...)
	cssURL := o.asset("style", ".css", css)
	jsURL := o.asset("filter", ".js", asset(fsys, "filter.js"))

	// Which built-in templates eventpage.go writes in their stead.
	ownBase := !builtin["base.html"]
	writtenEvent := !ownBase && builtin["event.html"]
	writtenTerm := !ownBase && builtin["term.html"]
	writtenMonth := !ownBase && builtin["month.html"]
	writtenPublisher := !ownBase && builtin["publisher.html"]
	s.itemTpl = tpls["index.html"]
	if !ownBase {
		s.itemTpl = nil // writeItem writes the same
	}
	s.items = make([]atomic.Pointer[template.HTML], len(s.Events))
	chrome, err := s.chrome(tpls["index.html"], cssURL, jsURL)
	if err != nil {
		*diags = append(*diags, Diagnostic{Path: "templates/base.html", Msg: "template: " + err.Error()})
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
			return writeListPage(buf, v, s.writeTermMain)
		case tpl == "month.html" && writtenMonth:
			// Written, not executed: a month's list runs to megabytes,
			// which a template function's result would copy twice more.
			return writeListPage(buf, v, s.writeMonthMain)
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
		o.add(file, tpl, func(buf *bytes.Buffer) error {
			v := v
			return render(buf, tpl, &v)
		})
	}
	// An event page's view is made when it is rendered, not kept for every
	// event: kept, the views are pointers the collector traces every cycle.
	o.eventPage = func(buf *bytes.Buffer, e *Event) error {
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
		archived = reversed(archived)
	}
	add("index.html", "", view{Description: s.Config.Description, Months: arrange(shown, s.Config.Newest), AllMonths: arrange(months, s.Config.Newest), Archived: archived,
		Chart: s.chart(), Stories: s.storySpans(), Filters: len(s.Events) > 0})
	for i, m := range months {
		v := view{Title: m.Date.Human(), Description: fmt.Sprintf("Events of %s in %s.", m.Date.Human(), s.Config.Title), Month: arrange([]*Month{m}, s.Config.Newest)[0], Filters: true}
		if i > 0 {
			v.Prev = months[i-1]
		}
		if i+1 < len(months) {
			v.Next = months[i+1]
		}
		add("month.html", m.Slug+"/", v)
	}
	for _, e := range s.Events {
		o.push(outFile{path: "events/" + e.ID + "/index.html", tpl: "event.html", event: e})
	}
	// A long list is split into pages of whole months, so that no page
	// grows with the corpus. Grouping every term's events touches each
	// event once per term it is in: the terms are grouped side by side.
	var terms []*Term
	for _, tax := range s.Taxonomies {
		terms = append(terms, tax.Terms...)
	}
	chunks := make([][][]*Month, len(terms))
	parallel(len(terms), func(_ *bytes.Buffer, i int) {
		// A storyline is a thread read from its start.
		newest := s.Config.Newest && terms[i].Tax.Key != "storylines"
		chunks[i] = chunkMonths(groupMonths(terms[i].Events, newest), frontPageMax)
	})
	termChunks := make(map[*Term][][]*Month, len(terms))
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
			pages := s.pageLinks(dir, len(chunks))
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
	var all []*SourceUse
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
		pages := s.pageLinks(dir, n)
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
	s.planSearch(o)
	s.planData(o)
	return o
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
func (s *Site) pageLinks(dir string, n int) []Link {
	links := make([]Link, n)
	for i := range links {
		links[i] = Link{Name: strconv.Itoa(i + 1), URL: s.Config.URL(pageDir(dir, i))}
	}
	return links
}

// Chrome holds the parts every page shares, rendered once per build: the
// head's links, the header with the site's navigation, and the footer.
type Chrome struct {
	Links, Header, Footer template.HTML
	Filters               template.HTML // the filter form, on the pages that have it
}

func (s *Site) chrome(t *template.Template, cssURL, jsURL string) (*Chrome, error) {
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
func chunkMonths(months []*Month, max int) [][]*Month {
	var chunks [][]*Month
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
		chunks = [][]*Month{nil}
	}
	return chunks
}

// item returns an event's entry in lists (the "item" template), rendered
// the first time a list needs it: the front page, month archives and every
// taxonomy page then copy it instead of rendering the same entry again for
// each list it is in. Two pages may render the same entry at once; they
// make the same bytes, so either may be kept.
func (s *Site) item(e *Event) (template.HTML, error) {
	if h := s.items[e.Seq].Load(); h != nil {
		return *h, nil
	}
	h, err := written(func(b *bytes.Buffer) error {
		if s.itemTpl == nil {
			writeItem(b, e)
			return nil
		}
		return s.itemTpl.ExecuteTemplate(b, "item", e)
	})
	if err != nil {
		return "", err
	}
	s.items[e.Seq].Store(&h)
	return h, nil
}

// itemList is the entries of events, each on a line of its own.
func (s *Site) itemList(events []*Event) (template.HTML, error) {
	return written(func(b *bytes.Buffer) error { return s.writeItems(b, events) })
}

// written is what write writes, made in a pooled buffer: the list of a long
// term page runs to hundreds of kilobytes, and growing a new buffer to that
// size for each page costs more than the writing.
func written(write func(*bytes.Buffer) error) (template.HTML, error) {
	b := listBufs.Get().(*bytes.Buffer)
	defer listBufs.Put(b)
	b.Reset()
	err := write(b)
	return template.HTML(b.String()), err
}

var listBufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// parallel calls f(buf, i) for i in [0, n) on one worker per CPU, each
// with its own buffer, reset before each call.
func parallel(n int, f func(buf *bytes.Buffer, i int)) {
	parallelOn(runtime.GOMAXPROCS(0), n, f)
}

// parallelOn is parallel on the given number of workers.
func parallelOn(workers, n int, f func(buf *bytes.Buffer, i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workers, max(n, 1)) {
		wg.Go(func() {
			var buf bytes.Buffer
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				buf.Reset()
				f(&buf, i)
			}
		})
	}
	wg.Wait()
}

// writeInOrder writes to w, in order, what appendChunk appends for each of
// n chunks, made side by side by a worker a core. A file that grows with
// the site (events.json) is then not one worker's work from start to end,
// the last of a build to finish. At most two chunks a worker wait to be
// written, so memory stays bounded; chunks are taken in order, so the one
// the writer waits for is always being made.
func writeInOrder(w io.Writer, n int, appendChunk func(b []byte, chunk int) []byte) error {
	workers := runtime.GOMAXPROCS(0)
	done := make([]chan []byte, n)
	for i := range done {
		done[i] = make(chan []byte, 1)
	}
	room := make(chan []byte, 2*workers) // a buffer for each chunk that may wait
	for range cap(room) {
		room <- nil
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				b := <-room
				i := int(next.Add(1)) - 1
				if i >= n {
					room <- b
					return
				}
				done[i] <- appendChunk(b[:0], i)
			}
		})
	}
	var err error
	for _, c := range done {
		b := <-c
		if err == nil {
			_, err = w.Write(b)
		}
		room <- b
	}
	wg.Wait()
	return err
}

// kindCSS gives each kind its colour. It lives in the stylesheet because the
// Content-Security-Policy forbids inline styles.
func (s *Site) kindCSS() []byte {
	var b bytes.Buffer
	b.WriteString("\n/* Kind colours, from config.toml. */\n")
	for _, k := range s.Config.Kinds {
		fmt.Fprintf(&b, ".k-%s { --kind: %s; }\n", k.Key, k.Color)
	}
	return b.Bytes()
}
