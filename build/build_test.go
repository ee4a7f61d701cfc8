package build

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// TestDeterministic builds the golden site and the shipped chronology several
// times: the same input must give the same bytes, whatever the map order or
// the scheduling of the workers.
func TestDeterministic(t *testing.T) {
	for _, dir := range []string{"testdata/golden/site", ".."} {
		first, err := Build(os.DirFS(dir), site.Options{})
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for range 3 {
			again, err := Build(os.DirFS(dir), site.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Files) != len(first.Files) {
				t.Fatalf("%s: %d files, then %d", dir, len(first.Files), len(again.Files))
			}
			for p, data := range first.Files {
				if !bytes.Equal(again.Files[p], data) {
					t.Errorf("%s: %s differs between two builds", dir, p)
				}
			}
		}
	}
}

func TestDrafts(t *testing.T) {
	fsys := os.DirFS("testdata/golden/site")
	res, err := Build(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Files["events/2025-12-22-draft/index.html"]; ok {
		t.Error("a draft was built without -drafts")
	}
	res, err = Build(fsys, site.Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Files["events/2025-12-22-draft/index.html"]; !ok {
		t.Error("-drafts did not build the draft")
	}
}

func TestBaseURLOverride(t *testing.T) {
	res, err := Build(os.DirFS("testdata/golden/site"), site.Options{BaseURL: "https://other.example/sub/dir"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Site.Config.BasePath != "/sub/dir/" {
		t.Errorf("base path %q", res.Site.Config.BasePath)
	}
	for p, data := range res.Files {
		if bytes.Contains(data, []byte("/repo/")) || bytes.Contains(data, []byte("owner.github.io")) {
			t.Errorf("%s still links to the config's baseURL", p)
		}
	}
	// 404.html is served at any depth, so its links must be rooted.
	page := string(res.Files["404.html"])
	if !strings.Contains(page, `href="/sub/dir/"`) || strings.Contains(page, `href="../`) {
		t.Errorf("404 page links are not rooted at the base path")
	}
}

func TestRelatedBothWays(t *testing.T) {
	res, err := Build(os.DirFS("testdata/golden/site"), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	talks := res.Site.Event("2025-12-talks")
	if len(talks.Backlinks) != 1 || talks.Backlinks[0].ID != "2025-12-19-port-strike" {
		t.Fatalf("backlinks of the talks: %v", talks.Backlinks)
	}
	if page := string(res.Files["events/2025-12-talks/index.html"]); !strings.Contains(page, "Linked from") || !strings.Contains(page, "/repo/events/2025-12-19-port-strike/") {
		t.Error("the talks page does not show that the strike links to it")
	}
}

func TestTemplateOverride(t *testing.T) {
	fsys := testsite.FS(map[string]string{
		"content/a.md":         testsite.Note,
		"templates/page.html":  `{{define "main"}}<p>custom page</p>{{end}}`,
		"templates/event.html": `{{define "main"}}<p class="mine">{{.Event.Title}}</p>{{end}}`,
		"content/pages/x.md":   "+++\ntitle = \"X\"\n+++\nx\n",
	})
	res, err := Build(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(res.Files["events/a/index.html"]), `<p class="mine">Missile strike on a port</p>`) {
		t.Error("the site's templates/event.html did not override the default")
	}
	if !strings.Contains(string(res.Files["x/index.html"]), "custom page") {
		t.Error("the site's templates/page.html did not override the default")
	}
	fsys["templates/event.html"].Data = []byte(`{{define "main"}}{{.Nope}`)
	_, err = Build(fsys, site.Options{})
	if err == nil || !strings.Contains(err.Error(), "templates/event.html:1:") {
		t.Errorf("a broken template should be an error with its line, got %v", err)
	}
}

// TestFilesPutConcurrent holds Files to the Sink contract: Put is called
// from several goroutines at once, and keeps a copy of data (run it with
// -race, as .ci/run does).
func TestFilesPutConcurrent(t *testing.T) {
	files := Files{}
	var sink Sink = files
	const workers, each = 8, 200
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			buf := make([]byte, 0, 32)
			for i := range each {
				buf = fmt.Appendf(buf[:0], "page %d of %d", i, w)
				if err := sink.Put(fmt.Sprintf("w%d/%d.html", w, i), buf); err != nil {
					t.Error(err)
				}
			}
			// Put's data is valid only during the call: a kept slice
			// would show this.
			clear(buf[:cap(buf)])
		})
	}
	wg.Wait()
	if len(files) != workers*each {
		t.Fatalf("%d files, want %d", len(files), workers*each)
	}
	for w := range workers {
		for i := range each {
			p := fmt.Sprintf("w%d/%d.html", w, i)
			if got, want := string(files[p]), fmt.Sprintf("page %d of %d", i, w); got != want {
				t.Errorf("%s = %q, want %q", p, got, want)
			}
		}
	}
}
