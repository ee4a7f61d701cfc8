package build

import (
	"bytes"
	"io"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/chronicle-tools/chronicle/internal/work"
	"github.com/chronicle-tools/chronicle/render"
	"github.com/chronicle-tools/chronicle/site"
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
// the call: a sink that keeps it must copy it. Put may block on I/O: there
// are more rendering workers than cores.
type Sink interface {
	Put(path string, data []byte) error
}

// A StreamSink also takes a file as it is written: the files that grow with
// the site (events.json, events.csv) then never need to be held whole in
// memory. Create is called from several goroutines at once, once per path;
// a write error or the error of Close fails the build.
type StreamSink interface {
	Sink
	Create(path string) (io.WriteCloser, error)
}

// Put makes Files a Sink, safe for concurrent calls as Sink asks. Reading
// f while Puts may still run is not.
func (f Files) Put(path string, data []byte) error {
	data = bytes.Clone(data)
	filesMu.Lock()
	f[path] = data
	filesMu.Unlock()
	return nil
}

// filesMu guards the Puts of every Files, since a map type has no room for
// a lock of its own; one lock is enough, held only to store a slice.
var filesMu sync.Mutex

// Result is a successful build.
type Result struct {
	Site     *site.Site
	Files    Files // nil from BuildTo
	Pages    int   // HTML pages
	Count    int   // files
	Warnings site.Diagnostics
}

// Build reads, checks and renders the site in fsys into memory. When any
// problem is an error it returns them all (warnings included) as
// Diagnostics, and no files.
func Build(fsys fs.FS, opts site.Options) (*Result, error) {
	files := Files{}
	res, err := BuildTo(fsys, opts, files)
	if err != nil {
		return nil, err
	}
	res.Files = files
	return res, nil
}

// BuildTo reads, checks and renders the site in fsys, handing every file to
// sink. Nothing reaches the sink unless the site checks without errors; an
// error while rendering (a broken template, a failing sink) is returned
// after the sink may have received some files, which the caller discards.
func BuildTo(fsys fs.FS, opts site.Options, sink Sink) (*Result, error) {
	o, err := Prepare(fsys, opts)
	if err != nil {
		return nil, err
	}
	return o.RenderAll(sink)
}

// RenderAll renders every file of the output to sink, on four workers a
// CPU (see below).
func (o *Output) RenderAll(sink Sink) (*Result, error) {
	s := o.Site
	// The list entries first, each once, so that the workers rendering
	// lists do not render the same entries side by side.
	o.shared.mu.RLock()
	o.shared.pages.RenderItems()
	o.shared.mu.RUnlock()
	diags := o.Warnings

	// The streamed files go first and the many small event pages last, so
	// that no large file is left to one worker while the other cores idle.
	rank := func(f outFile) int {
		switch {
		case f.stream != nil:
			return 0
		case f.event != nil:
			return 2
		}
		return 1
	}
	order := make([]int, 0, len(o.files))
	for r := range 3 {
		for i, f := range o.files {
			if rank(f) == r {
				order = append(order, i)
			}
		}
	}
	errs := make([]error, len(o.files))
	var sinkErr error
	var mu sync.Mutex
	var failed atomic.Bool
	// A sink may write to disk in the worker's time (output.Writer does,
	// to spare copying every page into a queue): more workers than cores
	// keep the cores rendering while some wait on the disk.
	work.ParallelOn(4*runtime.GOMAXPROCS(0), len(order), func(buf *bytes.Buffer, j int) {
		i := order[j]
		if failed.Load() {
			return
		}
		var err error
		if ss, ok := sink.(StreamSink); ok && o.files[i].stream != nil {
			err = streamFile(ss, o, i)
		} else {
			var data []byte
			if data, errs[i] = o.render(i, buf); errs[i] != nil {
				return
			}
			err = sink.Put(o.files[i].path, data)
		}
		if err != nil {
			mu.Lock()
			if sinkErr == nil {
				sinkErr = err
			}
			mu.Unlock()
			failed.Store(true)
		}
	})
	if sinkErr != nil {
		return nil, sinkErr
	}
	reported := map[string]bool{}
	for i, err := range errs {
		if tpl := o.files[i].tpl; err != nil && !reported[tpl] {
			reported[tpl] = true
			diags = append(diags, templateDiag(tpl, err))
		}
	}
	if diags.Errors() > 0 {
		diags.Sort()
		return nil, diags
	}
	return &Result{Site: s, Pages: o.Pages(), Count: len(o.files), Warnings: diags}, nil
}

// streamFile writes file i of o to the sink as it is made.
func streamFile(sink StreamSink, o *Output, i int) error {
	w, err := sink.Create(o.files[i].path)
	if err != nil {
		return err
	}
	err = o.streamTo(i, w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}

// Check reads and checks the site in fsys without rendering, its content
// and its templates, returning every problem, warnings included.
func Check(fsys fs.FS, opts site.Options) site.Diagnostics {
	diags := site.Check(fsys, opts)
	if diags.Errors() == 0 {
		// Templates are part of the site: a broken override is an error too.
		diags = append(diags, render.CheckTemplates(fsys)...)
		diags.Sort()
	}
	return diags
}
