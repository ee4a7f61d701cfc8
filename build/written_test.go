package build

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
	"github.com/chronicle-tools/chronicle/templates"
)

// TestWrittenMatchesTemplate holds what eventpage.go writes to the
// templates it stands for: each site is built twice, once as it is and once
// with the built-in base.html and publisher.html, a comment added, as the
// site's own, which makes the build use the templates, and every file must
// come out the same. The sites include
// the hostile text and URLs of the injection suite, so that the escaping
// is the template's to the byte.
func TestWrittenMatchesTemplate(t *testing.T) {
	sites := testsite.ComparisonSites(t, "..")
	builtin := map[string][]byte{}
	for _, name := range []string{"base.html", "publisher.html"} {
		text, err := fs.ReadFile(templates.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		builtin[name] = text
	}
	pages, paged := 0, false
	for name, fsys := range sites {
		direct, err := Build(fsys, site.Options{})
		if err != nil {
			if !strings.HasPrefix(name, "hostile") {
				t.Fatalf("%s: %v", name, err)
			}
			continue // refused input: no page to compare
		}
		// A comment makes them the site's own, and renders as nothing.
		for name, text := range builtin {
			fsys["templates/"+name] = &fstest.MapFile{Data: append([]byte("{{/* the site's own */}}"), text...)}
		}
		viaTemplate, err := Build(fsys, site.Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for p, want := range viaTemplate.Files {
			if !bytes.Equal(direct.Files[p], want) {
				t.Errorf("%s: %s differs from the template's:\n%s", name, p, testsite.FirstDiff(want, direct.Files[p]))
			} else if strings.HasPrefix(p, "events/") {
				pages++
			}
			paged = paged || strings.HasSuffix(p, "/2/index.html")
		}
	}
	if pages < 400 {
		t.Errorf("only %d event pages compared", pages)
	}
	if !paged {
		t.Error("no list was split into pages")
	}
	t.Logf("%d event pages of %d sites the same both ways", pages, len(sites))
}
