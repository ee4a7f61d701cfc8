package render

import (
	"bytes"
	"html/template"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/search"
	"github.com/chronicle-tools/chronicle/site"
	"github.com/chronicle-tools/chronicle/slug"
	"github.com/chronicle-tools/chronicle/templates"
)

// frontPageMax bounds the events of the front page; months beyond it have
// only their archive page, so the front page does not grow with the corpus.
const frontPageMax = 300

var pageTemplates = []string{"index.html", "event.html", "month.html", "term.html", "terms.html", "sources.html", "publisher.html", "page.html", "404.html"}

// view is what every template gets.
type view struct {
	Site        *site.Site
	Title       string // the page's own title; the site's is added
	Description string
	Path        string // the page's folder in the output: "", "events/x/"
	Canonical   string // the page's absolute URL
	CSS         string

	Event     *site.Event
	Term      *site.Term
	Tax       *site.Taxonomy
	Month     *site.Month
	Prev      *site.Month
	Next      *site.Month
	Page      *site.Page
	Publisher *site.Publisher
	Sources   []*site.SourceUse // the publisher's sources on this page; on the sources page, all when few
	Months    []*site.Month     // months shown in full, arranged for reading
	AllMonths []*site.Month
	Archived  []*site.Month // months only on their archive pages
	Chart     *Chart
	Stories   []StorySpan
	Chrome    *Chrome     // the shared parts, rendered once; nil where the page renders its own
	PageNum   int         // this page's number in a list split into pages
	PageLinks []site.Link // every page of that list
	Filters   bool        // the page has the filter form and its script
	JS        string      // the filter script's URL
}

// loadTemplates parses the default templates, each replaced by the site's
// templates/NAME when it exists. builtin tells which templates are the
// built-in text: the site has none of its own, or a copy of it.
func (r *Renderer) loadTemplates(fsys fs.FS, diags *site.Diagnostics) (tpls map[string]*template.Template, css []byte, builtin map[string]bool) {
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
	funcs := r.funcs()
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

func templateDiag(file string, err error) site.Diagnostic {
	d := site.Diagnostic{Path: file, Msg: "template: " + err.Error()}
	if m := templateLineRE.FindStringSubmatch(err.Error()); m != nil {
		d.Line, _ = strconv.Atoi(m[1])
	}
	return d
}

func (r *Renderer) funcs() template.FuncMap {
	s := r.site
	c := s.Config
	return template.FuncMap{
		"url": c.URL,
		"abs": c.AbsURL,
		"termURL": func(tax, name string) string {
			return c.URL(tax + "/" + slug.Make(name) + "/")
		},
		"human": func(d date.Date) string { return d.HumanIn(c.Location) },
		"iso":   func(d date.Date) string { return d.ISO(c.Location) },
		"span":  func(e *site.Event) string { return date.Range(e.Date, e.End, c.Location) },
		"kind":  c.Kind,
		"storyline": func(key string) *site.Storyline {
			if st := c.Storyline(key); st != nil {
				return st
			}
			return &site.Storyline{Key: key, Title: key}
		},
		"statusLabel":   site.StatusLabel,
		"statusMeaning": site.StatusMeaning,
		"plural":        plural,
		"last":          func(es []*site.Event) *site.Event { return es[len(es)-1] },
		// item is an event's entry in lists, rendered once and reused on
		// every list page it appears on.
		"item":  r.item,
		"items": r.itemList,
		"writtenSourceUses": func(uses []*site.SourceUse) (template.HTML, error) {
			return written(func(b *bytes.Buffer) error { writeSourceUses(b, uses); return nil })
		},
		"writtenDays": func(days []*site.Day) (template.HTML, error) {
			return written(func(b *bytes.Buffer) error { return r.writeDays(b, days) })
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
		"facets": func(e *site.Event) map[string]string { return facets(s, e) },
		"searchURL": func(m *site.Month) string {
			return c.URL(search.Path(m))
		},
		"jsonLD":   func(e *site.Event) template.JS { return jsonLDScript(c, e) },
		"extra":    func(e *site.Event) []ExtraFact { return extraFacts(c, e) },
		"storyNav": s.StoryNav,
		"statuses": site.Statuses,
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

// CheckTemplates reports the templates of the site in fsys that do not
// parse: the templates are part of the site, and a broken override is an
// error for chronicle check as for a build.
func CheckTemplates(fsys fs.FS) site.Diagnostics {
	var diags site.Diagnostics
	r := &Renderer{site: &site.Site{Config: &site.Config{}}}
	r.loadTemplates(fsys, &diags)
	return diags
}
