// Package site is Chronicle's engine: it reads a site (config.toml,
// content/, templates/) from an fs.FS, checks it, and renders every output
// file. Build returns them as an in-memory set; BuildTo hands each to a
// Sink as soon as it is rendered, so that writing a large site to disk need
// not hold it all in memory. Either way the bytes come from the same code.
package site

import (
	"bytes"
	"io/fs"
	"slices"
	"strings"
	"sync"
)

// Files is a built site: slash-separated output paths to their bytes.
type Files map[string][]byte

// Paths returns the output paths in sorted order.
func (f Files) Paths() []string {
	paths := make([]string, 0, len(f))
	for p := range f {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	return paths
}

// Pages counts the HTML pages.
func (f Files) Pages() int {
	n := 0
	for p := range f {
		if strings.HasSuffix(p, ".html") {
			n++
		}
	}
	return n
}

// Sink receives a site's files as they are rendered. Put is called from
// several goroutines at once, once per path, and data is valid only during
// the call: a sink that keeps it must copy it.
type Sink interface {
	Put(path string, data []byte) error
}

// Put makes Files a Sink; use it through Build, which serialises calls.
func (f Files) Put(path string, data []byte) error {
	f[path] = bytes.Clone(data)
	return nil
}

// Result is a successful build.
type Result struct {
	Site     *Site
	Files    Files // nil from BuildTo
	Pages    int   // HTML pages
	Count    int   // files
	Warnings Diagnostics
}

// Build reads, checks and renders the site in fsys into memory. When any
// problem is an error it returns them all (warnings included) as
// Diagnostics, and no files.
func Build(fsys fs.FS, opts Options) (*Result, error) {
	files := Files{}
	var mu sync.Mutex
	res, err := BuildTo(fsys, opts, sinkFunc(func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		return files.Put(p, data)
	}))
	if err != nil {
		return nil, err
	}
	res.Files = files
	return res, nil
}

type sinkFunc func(string, []byte) error

func (f sinkFunc) Put(p string, data []byte) error { return f(p, data) }

// BuildTo reads, checks and renders the site in fsys, handing every file to
// sink. Nothing reaches the sink unless the site checks without errors; an
// error while rendering (a broken template, a failing sink) is returned
// after the sink may have received some files, which the caller discards.
func BuildTo(fsys fs.FS, opts Options, sink Sink) (*Result, error) {
	s, diags := Load(fsys, opts)
	if s == nil || diags.Errors() > 0 {
		return nil, diags
	}
	out := &emitter{sink: sink}
	s.render(fsys, out, &diags)
	if diags.Errors() == 0 && out.err == nil {
		s.writeData(out)
	}
	if out.err != nil {
		return nil, out.err
	}
	if diags.Errors() > 0 {
		diags.sort()
		return nil, diags
	}
	return &Result{Site: s, Pages: out.nPages, Count: out.n, Warnings: diags}, nil
}

// emitter passes files to the sink, keeping the first error and the list of
// pages for the sitemap.
type emitter struct {
	sink   Sink
	mu     sync.Mutex
	err    error
	paths  []string // HTML pages
	n      int
	nPages int
}

func (o *emitter) put(p string, data []byte) {
	o.mu.Lock()
	failed := o.err != nil
	o.mu.Unlock()
	if failed {
		return
	}
	err := o.sink.Put(p, data)
	o.mu.Lock()
	defer o.mu.Unlock()
	if err != nil && o.err == nil {
		o.err = err
	}
	o.n++
	if strings.HasSuffix(p, ".html") {
		o.nPages++
		o.paths = append(o.paths, p)
	}
}

// pages lists the HTML pages put so far, sorted.
func (o *emitter) pages() []string {
	o.mu.Lock()
	defer o.mu.Unlock()
	slices.Sort(o.paths)
	return slices.Clone(o.paths)
}

// Check reads and checks the site without rendering, returning every
// problem, warnings included.
func Check(fsys fs.FS, opts Options) Diagnostics {
	s, diags := Load(fsys, opts)
	if s != nil && diags.Errors() == 0 {
		// Templates are part of the site: a broken override is an error too.
		loadTemplates(fsys, s, &diags)
		diags.sort()
	}
	return diags
}
