package site

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chronicle-tools/chronicle/corpus"
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
	sites := comparisonSites(t)
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
		direct, err := Build(fsys, Options{})
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
		viaTemplate, err := Build(fsys, Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for p, want := range viaTemplate.Files {
			if !bytes.Equal(direct.Files[p], want) {
				t.Errorf("%s: %s differs from the template's:\n%s", name, p, firstDiff(want, direct.Files[p]))
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

// comparisonSites are the sites two ways of writing the same output are
// compared on: the golden site, the shipped chronology, two generated
// corpora (the longer with lists in pages and sources by publisher), a site
// of pages alone, and a site for each hostile text and URL of the injection
// suite. Some hostile sites are refused by the build.
func comparisonSites(t *testing.T) map[string]fstest.MapFS {
	sites := map[string]fstest.MapFS{
		"golden":    mapFS(t, os.DirFS("testdata/golden/site")),
		"shipped":   mapFS(t, os.DirFS("..")),
		"corpus":    corpus.FS(300, 7),
		"long":      corpus.FS(2000, 8), // lists split into pages, sources by publisher
		"no events": {"config.toml": {Data: []byte(fuzzConfig)}, "content/pages/about.md": {Data: []byte(hostilePage("About"))}},
	}
	for i, text := range hostileText {
		sites[fmt.Sprintf("hostile text %d", i)] = fstest.MapFS{
			"config.toml":          {Data: []byte(hostileConfig(text))},
			"content/2025/12/a.md": {Data: []byte(hostileNote(text, "b", 2*i))},
			"content/2025/12/b.md": {Data: []byte(hostileNote(hostileText[(i+1)%len(hostileText)], "a", 2*i+1))},
		}
	}
	line := `url = "https://example.com/a"`
	for i, u := range hostileURLs {
		for _, with := range []string{"url = " + tomlString(u), line + "\narchived = " + tomlString(u)} {
			sites[fmt.Sprintf("hostile URL %d %s", i, with[:3])] = fstest.MapFS{
				"config.toml":       {Data: []byte(fuzzConfig)},
				"content/2025/n.md": {Data: []byte(strings.Replace(note, line, with, 1))},
			}
		}
	}
	return sites
}

// mapFS copies a folder's config.toml, content/ and templates/ into memory.
func mapFS(t *testing.T, fsys fs.FS) fstest.MapFS {
	t.Helper()
	out := fstest.MapFS{}
	for _, root := range []string{"config.toml", "content", "templates"} {
		fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				t.Fatal(err)
			}
			out[p] = &fstest.MapFile{Data: data}
			return nil
		})
	}
	return out
}

// FuzzEsc holds esc to html/template, in text and in a quoted attribute.
func FuzzEsc(f *testing.F) {
	for _, s := range append([]string{"", "plain text, long enough for a word", "a<b>&\"'+\x00 é", "12345678<"}, hostileText...) {
		f.Add(s)
	}
	tpl := template.Must(template.New("").Parse(`{{.}}|<p title="{{.}}">`))
	f.Fuzz(func(t *testing.T, s string) {
		var want, got bytes.Buffer
		if err := tpl.Execute(&want, s); err != nil {
			t.Fatal(err)
		}
		esc(&got, s)
		got.WriteString(`|<p title="`)
		esc(&got, s)
		got.WriteString(`">`)
		if got.String() != want.String() {
			t.Fatalf("%q:\n got %s\nwant %s", s, got.String(), want.String())
		}
	})
}
