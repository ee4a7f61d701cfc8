package build

import (
	"io/fs"

	"github.com/chronicle-tools/chronicle/site"
)

// Patch applies edits to notes that change what a note shows but not where
// it sits (see site.Site.Patch for which), in the time it takes to parse
// the notes that changed, where Prepare checks and indexes the whole site
// again.
//
// It returns an Output over the same Site, whose events it changes in
// place, and ok false when the edit needs a full build (Prepare). Renders
// of o may see the edit once Patch has returned; none runs while it edits.
func (o *Output) Patch(fsys fs.FS, opts site.Options, changed []string) (_ *Output, ok bool) {
	p, ok := o.Site.Patch(fsys, opts, changed, o.Warnings)
	if !ok {
		return nil, false
	}
	o.shared.mu.Lock()
	defer o.shared.mu.Unlock()
	edited, warnings := p.Apply()
	for _, e := range edited {
		o.shared.pages.Forget(e)
	}
	return &Output{Site: o.Site, Warnings: warnings, files: o.files, index: o.index, shared: o.shared}, true
}
