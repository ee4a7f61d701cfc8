package site

import (
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
)

// A note whose sources are cited out of written order, one with an archived
// copy: the lines follow each source's own table.
const twoSources = `+++
title = "Missile strike on a port"
date = 2025-12-19
kind = "strike"

[[sources]]
id = "a"
title = "First"
publisher = "Reuters"
url = "https://example.com/a"
published = 2025-12-19

[[sources]]
id = "b"
title = "Second"
publisher = "AP"
published = 2025-12-19
archived = "https://web.archive.org/web/2025/https://example.com/b"
url = "https://example.com/b"
+++

The governor said a port was hit.[@b] Both said so.[@a]
`

func TestSourceLines(t *testing.T) {
	fsys := testsite.FS(map[string]string{"content/n.md": twoSources})
	for _, opts := range []Options{{SourceLines: true}, {SourceLines: true, Cache: NewCache()}} {
		s, diags := Load(fsys, opts)
		if s == nil || diags.Errors() > 0 {
			t.Fatal(diags)
		}
		got := map[string][2]int{}
		for _, src := range s.Events[0].Sources {
			got[src.ID] = [2]int{src.URLLine, src.ArchivedLine}
		}
		// a has no archived key: its table's line.
		want := map[string][2]int{"a": {10, 6}, "b": {19, 18}}
		for id, w := range want {
			if got[id] != w {
				t.Errorf("cache %v: source %s: url, archived lines %v, want %v", opts.Cache != nil, id, got[id], w)
			}
		}
	}
	// Without the option nothing is scanned: builds pay nothing.
	s, _ := Load(fsys, Options{})
	if l := s.Events[0].Sources[0].URLLine; l != 0 {
		t.Errorf("URLLine %d without Options.SourceLines, want 0", l)
	}
}

func TestCheckArchived(t *testing.T) {
	fsys := testsite.FS(map[string]string{"content/n.md": twoSources})
	if diags := Check(fsys, Options{}); len(diags) != 0 {
		t.Fatalf("without -archived: %v", diags)
	}
	diags := Check(fsys, Options{Archived: true})
	if len(diags) != 1 || !diags[0].Warning || diags[0].Line != 10 ||
		!strings.Contains(diags[0].Msg, "source 1 has no archived copy") || !strings.Contains(diags[0].Msg, "https://example.com/a") {
		t.Fatalf("with -archived: %v", diags)
	}
}
