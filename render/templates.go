package render

import (
	"html/template"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/a-h/templ"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/search"
	"github.com/chronicle-tools/chronicle/site"
	"github.com/chronicle-tools/chronicle/templates"
)

// frontPageMax bounds the events of the front page; months beyond it have
// only their archive page, so the front page does not grow with the corpus.
const frontPageMax = 300

// pageTemplates are the pages a site may give its own template for, as
// templates/NAME: a template that defines "main" (and may define "head"),
// wrapped in the built-in layout.
var pageTemplates = []string{"index.html", "event.html", "month.html", "term.html", "terms.html", "sources.html", "publisher.html", "page.html", "404.html"}

// partTemplates are the parts of the layout a site may give its own
// snippet for, as templates/NAME.
var partTemplates = map[part]string{partHead: "head.html", partHeader: "header.html", partFooter: "footer.html"}

// overrides are the site's own templates.
type overrides struct {
	parts [partFilters + 1]*template.Template
	pages map[string]*template.Template
}

// loadOverrides parses the site's own templates in fsys. A template that
// does not parse, or a page's that defines no "main", is an error in diags.
func (r *Renderer) loadOverrides(fsys fs.FS, diags *site.Diagnostics) {
	if _, err := fs.Stat(fsys, "templates/base.html"); err == nil {
		*diags = append(*diags, site.Diagnostic{Path: "templates/base.html", Warning: true,
			Msg: "templates/base.html is no longer used: put your head, header and footer in templates/head.html, header.html, footer.html (docs/customise.md)"})
	}
	funcs := r.funcs()
	parse := func(name string) *template.Template {
		text, err := fs.ReadFile(fsys, "templates/"+name)
		if err != nil {
			return nil
		}
		t, err := template.New(name).Funcs(funcs).Parse(string(text))
		if err != nil {
			*diags = append(*diags, templateDiag("templates/"+name, err))
			return nil
		}
		return t
	}
	for p, name := range partTemplates {
		r.own.parts[p] = parse(name)
	}
	r.own.pages = map[string]*template.Template{}
	for _, name := range pageTemplates {
		t := parse(name)
		if t == nil {
			continue
		}
		if t.Lookup("main") == nil {
			*diags = append(*diags, site.Diagnostic{Path: "templates/" + name, Msg: `template: defines no "main": wrap the page's content in {{define "main"}}...{{end}} (docs/customise.md)`})
			continue
		}
		r.own.pages[name] = t
	}
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

// funcs are the functions a site's own templates may call
// (docs/customise.md): helpers, and the built-in parts as HTML.
func (r *Renderer) funcs() template.FuncMap {
	c := r.site.Config
	return template.FuncMap{
		"url":         c.URL,
		"abs":         c.AbsURL,
		"human":       r.human,
		"iso":         func(d date.Date) string { return d.ISO(c.Location) },
		"plural":      plural,
		"lower":       lower,
		"title":       title,
		"add":         func(a, b int) int { return a + b },
		"statusLabel": statusLabel,

		"item":       func(e *site.Event) template.HTML { return template.HTML(r.itemHTML(e)) },
		"days":       func(d []*site.Day) (template.HTML, error) { return gohtml(days(r, d)) },
		"month":      func(m *site.Month) (template.HTML, error) { return gohtml(month(r, m)) },
		"sourceUses": func(u []*site.SourceUse) (template.HTML, error) { return gohtml(sourceUses(u)) },
		"links":      func(l []site.Link) (template.HTML, error) { return gohtml(links(l)) },
		"when":       func(e *site.Event) (template.HTML, error) { return gohtml(when(e)) },
		"kind":       func(e *site.Event) (template.HTML, error) { return gohtml(kind(e)) },
		"status":     func(e *site.Event) (template.HTML, error) { return gohtml(status(e)) },
		"pager":      func(v *View) (template.HTML, error) { return gohtml(pager(v)) },
		"filters":    func() template.HTML { return template.HTML(r.chrome.filters) },
		"chart": func(v *View) (template.HTML, error) {
			if v.Chart == nil {
				return "", nil
			}
			return gohtml(chart(v))
		},
	}
}

func (r *Renderer) human(d date.Date) string { return d.HumanIn(r.site.Config.Location) }

func (r *Renderer) searchURL(m *site.Month) string { return r.site.Config.URL(search.Path(m)) }

// sep is s between the items of a list: nothing before item 0.
func sep(i int, s string) string {
	if i > 0 {
		return s
	}
	return ""
}

// prefixed is pre and s, or nothing when s is empty.
func prefixed(pre, s string) string {
	if s == "" {
		return ""
	}
	return pre + s
}

// suffix is suf when s is not empty.
func suffix(s, suf string) string {
	if s == "" {
		return ""
	}
	return suf
}

// accessed is when a source was read, as a sentence.
func accessed(v *View, src *site.Source) string {
	if src.Accessed.IsZero() {
		return ""
	}
	return " Accessed " + v.human(src.Accessed) + "."
}

// about marks a source's estimated date.
func about(src *site.Source) string {
	if src.PublishedEstimated {
		return "about "
	}
	return ""
}

// plural counts: "1 event", "2 events".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// CheckTemplates reports the site's own templates in fsys that do not
// parse: the templates are part of the site, and a broken override is an
// error for chronicle check as for a build.
func CheckTemplates(fsys fs.FS) site.Diagnostics {
	var diags site.Diagnostics
	r := &Renderer{site: &site.Site{Config: &site.Config{}}}
	r.loadOverrides(fsys, &diags)
	return diags
}

// safe marks a URL the site built as safe to link, in the form
// html/template gave links before: bytes outside RFC 3986's sets (a
// place's name in its slug, a space) percent-encoded.
func safe(u string) templ.SafeURL {
	for i := 0; i < len(u); i++ {
		if !urlPlain[u[i]] {
			return templ.SafeURL(normURL(u))
		}
	}
	return templ.SafeURL(u)
}

// authorURL is a URL a note gives (a source's address, its archived
// copy): already judged by the link policy, and sanitized by templ's rules
// too, so that a scheme that could run script never reaches an href.
func authorURL(u string) templ.SafeURL {
	if templ.URL(u) == templ.FailedSanitizationURL {
		return templ.FailedSanitizationURL
	}
	return safe(u)
}

// normURL percent-encodes the bytes of u outside RFC 3986's sets, keeping
// what is percent-encoded already.
func normURL(u string) string {
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
	n.WriteString(u[last:])
	return n.String()
}

// urlPlain marks the bytes a URL keeps as they are: RFC 3986's unreserved
// and reserved characters.
var urlPlain = func() (t [256]bool) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!#$&*+,/:;=?@[]") {
		t[c] = true
	}
	return t
}()

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
