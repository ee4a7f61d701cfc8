package site

import (
	"fmt"
	"io/fs"
)

// Check reads and checks the site's content without rendering, returning
// every problem, warnings included. The templates are render's to check.
func Check(fsys fs.FS, opts Options) Diagnostics {
	if opts.Archived {
		opts.SourceLines = true
	}
	s, diags := Load(fsys, opts)
	if s != nil && opts.Archived {
		for _, e := range s.Events {
			for _, src := range e.Sources {
				if src.Archived == "" && src.URL != "" {
					diags = append(diags, Diagnostic{Path: e.Path, Line: src.URLLine, Warning: true, Code: CodeNoArchived,
						Msg: fmt.Sprintf("source %d has no archived copy: save %s in the Wayback Machine or archive.today and add archived = \"https://web.archive.org/web/...\" (see docs/links.md)", src.idx+1, src.URL)})
				}
			}
		}
		diags.Sort()
	}
	return diags
}
