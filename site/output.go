package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// An Output is a checked site with its templates loaded: the list of its
// files and how to render each, nothing rendered yet. Build renders every
// file; the dev server renders a file when a browser asks for it, so that
// showing one page of a large site does not wait for all of the others.
type Output struct {
	Site     *Site
	Warnings Diagnostics
	files    []outFile
	index    map[string]int // path -> files index

	eventPage func(buf *bytes.Buffer, e *Event) error // renders an event's page
}

type outFile struct {
	path   string
	tpl    string                        // the template that renders it, to name in an error
	render func(buf *bytes.Buffer) error // a page, written into a reused buffer
	event  *Event                        // or an event's page, by Output.eventPage
	make   func() []byte                 // or a file made whole: a feed, an asset
	stream func(w io.Writer) error       // or a file written as it is made: events.json
}

// Prepare reads and checks the site in fsys and loads its templates. When
// any problem is an error it returns them all, warnings included, as
// Diagnostics.
func Prepare(fsys fs.FS, opts Options) (*Output, error) {
	s, diags := Load(fsys, opts)
	if s == nil || diags.Errors() > 0 {
		return nil, diags
	}
	o := s.plan(fsys, &diags)
	if o == nil || diags.Errors() > 0 {
		diags.sort()
		return nil, diags
	}
	o.Warnings = diags
	return o, nil
}

func (o *Output) push(f outFile) {
	o.index[f.path] = len(o.files)
	o.files = append(o.files, f)
}

// add adds a page, rendered by tpl.
func (o *Output) add(path, tpl string, render func(*bytes.Buffer) error) {
	o.push(outFile{path: path, tpl: tpl, render: render})
}

// addData adds a file made whole by make, such as a feed: copying it into
// a page buffer would only grow that buffer for good.
func (o *Output) addData(path string, make func() []byte) {
	o.push(outFile{path: path, make: make})
}

// addStream adds a file that grows with the site, such as events.json,
// written to a StreamSink as it is made rather than held whole in memory.
func (o *Output) addStream(path string, stream func(io.Writer) error) {
	o.push(outFile{path: path, stream: stream})
}

// fixed adds a file whose bytes are known already.
func (o *Output) fixed(path string, data []byte) {
	o.addData(path, func() []byte { return data })
}

// asset adds an asset under a name that changes with its bytes, so that it
// can be cached for ever, and returns its URL.
func (o *Output) asset(name, ext string, data []byte) string {
	sum := sha256.Sum256(data)
	p := "assets/" + name + "." + hex.EncodeToString(sum[:5]) + ext
	o.fixed(p, data)
	return o.Site.Config.URL(p)
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
		return Diagnostics{{Path: "templates/" + o.files[i].tpl, Msg: "template: " + err.Error()}}
	}
	if f := o.files[i]; f.make != nil || f.stream != nil {
		buf.Write(data)
	}
	return nil
}

// render renders file i, into buf if it is a page, and returns its bytes.
func (o *Output) render(i int, buf *bytes.Buffer) ([]byte, error) {
	o.Site.mu.RLock()
	defer o.Site.mu.RUnlock()
	f := o.files[i]
	switch {
	case f.make != nil:
		return f.make(), nil
	case f.stream != nil:
		var b bytes.Buffer
		err := f.stream(&b)
		return b.Bytes(), err
	case f.event != nil:
		err := o.eventPage(buf, f.event)
		return buf.Bytes(), err
	}
	err := f.render(buf)
	return buf.Bytes(), err
}

// streamTo writes file i, a stream file, to w.
func (o *Output) streamTo(i int, w io.Writer) error {
	o.Site.mu.RLock()
	defer o.Site.mu.RUnlock()
	return o.files[i].stream(w)
}
