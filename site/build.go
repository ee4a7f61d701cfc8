// Package site is Chronicle's engine: it reads a site (config.toml,
// content/, templates/) from an fs.FS, checks it, and returns the whole
// output as an in-memory set of files. It never writes to disk.
package site

import (
	"io/fs"
	"slices"
	"strings"
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

// Result is a successful build.
type Result struct {
	Site     *Site
	Files    Files
	Warnings Diagnostics
}

// Build reads, checks and renders the site in fsys. When any problem is an
// error it returns them all (warnings included) as Diagnostics, and no files.
func Build(fsys fs.FS, opts Options) (*Result, error) {
	s, diags := Load(fsys, opts)
	if s == nil || diags.Errors() > 0 {
		return nil, diags
	}
	files := Files{}
	s.render(fsys, files, &diags)
	s.writeData(files)
	if diags.Errors() > 0 {
		diags.sort()
		return nil, diags
	}
	return &Result{Site: s, Files: files, Warnings: diags}, nil
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
