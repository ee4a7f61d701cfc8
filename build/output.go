package build

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/chronicle-tools/chronicle/export"
	"github.com/chronicle-tools/chronicle/render"
	"github.com/chronicle-tools/chronicle/search"
	"github.com/chronicle-tools/chronicle/site"
)

// An Output is a checked site with its templates loaded: the list of its
// files and how to render each, nothing rendered yet. Build renders every
// file; the dev server renders a file when a browser asks for it, so that
// showing one page of a large site does not wait for all of the others.
type Output struct {
	Site     *site.Site
	Warnings site.Diagnostics
	files    []outFile
	index    map[string]int // path -> files index
	shared   *shared
}

// shared is what an Output shares with those that Patch makes of it.
type shared struct {
	pages *render.Renderer
	// mu is held to render, and Patch takes it to change an event: the
	// site's events are edited in place until the model is frozen.
	mu sync.RWMutex
}

type outFile struct {
	path   string
	tpl    string                        // the template that renders it, to name in an error
	render func(buf *bytes.Buffer) error // a page, written into a reused buffer
	event  *site.Event                   // or an event's page, by the renderer
	make   func() []byte                 // or a file made whole: a feed, an asset
	stream func(w io.Writer) error       // or a file written as it is made: events.json
}

// Prepare reads and checks the site in fsys and loads its templates. When
// any problem is an error it returns them all, warnings included, as
// Diagnostics.
func Prepare(fsys fs.FS, opts site.Options) (*Output, error) {
	s, diags := site.Load(fsys, opts)
	if s == nil || diags.Errors() > 0 {
		return nil, diags
	}
	o := plan(fsys, s, &diags)
	if o == nil || diags.Errors() > 0 {
		diags.Sort()
		return nil, diags
	}
	o.Warnings = diags
	return o, nil
}

// plan lists every file of the checked site s and how to make it, or
// returns nil when a template does not parse.
func plan(fsys fs.FS, s *site.Site, diags *site.Diagnostics) *Output {
	pages := render.Plan(fsys, s, diags)
	if pages == nil {
		return nil
	}
	// Sized at once: at a file a page, the list and its index are among
	// the largest things a build of a large site makes.
	n := len(pages.Files()) + len(s.Months) + 16
	o := &Output{Site: s, files: make([]outFile, 0, n), index: make(map[string]int, n), shared: &shared{pages: pages}}
	for _, f := range pages.Files() {
		switch data := f.Data; {
		case f.Data != nil:
			o.push(outFile{path: f.Path, make: func() []byte { return data }})
		default:
			o.push(outFile{path: f.Path, tpl: f.Template, render: f.Render, event: f.Event})
		}
	}
	for _, f := range search.Files(s) {
		o.push(outFile{path: f.Path, render: f.Write})
	}
	// The sitemap lists the pages, so the data files come last.
	for _, f := range export.Files(s, o.pages()) {
		o.push(outFile{path: f.Path, make: f.Make, stream: f.Stream})
	}
	return o
}

func (o *Output) push(f outFile) {
	o.index[f.path] = len(o.files)
	o.files = append(o.files, f)
}

// pages lists the HTML pages added so far, sorted.
func (o *Output) pages() []string {
	var out []string
	for _, f := range o.files {
		if strings.HasSuffix(f.path, ".html") {
			out = append(out, f.path)
		}
	}
	slices.Sort(out)
	return out
}

// Paths lists every output file, sorted.
func (o *Output) Paths() []string {
	out := make([]string, len(o.files))
	for i, f := range o.files {
		out[i] = f.path
	}
	slices.Sort(out)
	return out
}

// Pages counts the HTML pages.
func (o *Output) Pages() int {
	n := 0
	for _, f := range o.files {
		if strings.HasSuffix(f.path, ".html") {
			n++
		}
	}
	return n
}

// Has reports whether the site has a file at path.
func (o *Output) Has(path string) bool {
	_, ok := o.index[path]
	return ok
}

// Render renders the file at path into buf. It is safe for concurrent use.
// A template that fails is reported as Diagnostics naming the template.
func (o *Output) Render(path string, buf *bytes.Buffer) error {
	i, ok := o.index[path]
	if !ok {
		return &fs.PathError{Op: "render", Path: path, Err: fs.ErrNotExist}
	}
	data, err := o.render(i, buf)
	if err != nil {
		return site.Diagnostics{templateDiag(o.files[i].tpl, err)}
	}
	if f := o.files[i]; f.make != nil || f.stream != nil {
		buf.Write(data)
	}
	return nil
}

// render renders file i, into buf if it is a page, and returns its bytes.
func (o *Output) render(i int, buf *bytes.Buffer) ([]byte, error) {
	o.shared.mu.RLock()
	defer o.shared.mu.RUnlock()
	f := o.files[i]
	switch {
	case f.make != nil:
		return f.make(), nil
	case f.stream != nil:
		var b bytes.Buffer
		err := f.stream(&b)
		return b.Bytes(), err
	case f.event != nil:
		err := o.shared.pages.EventPage(buf, f.event)
		return buf.Bytes(), err
	}
	err := f.render(buf)
	return buf.Bytes(), err
}

// streamTo writes file i, a stream file, to w.
func (o *Output) streamTo(i int, w io.Writer) error {
	o.shared.mu.RLock()
	defer o.shared.mu.RUnlock()
	return o.files[i].stream(w)
}

// templateDiag is the problem of a page that failed to render: the site's
// own template that failed, at its line, or else the page's template.
func templateDiag(tpl string, err error) site.Diagnostic {
	if te, ok := errors.AsType[*render.TemplateError](err); ok {
		return site.Diagnostic{Path: te.Path, Line: te.Line, Msg: "template: " + te.Err.Error()}
	}
	return site.Diagnostic{Path: "templates/" + tpl, Msg: "template: " + err.Error()}
}
