package site

import (
	"bytes"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/chronicle-tools/chronicle/corpus"
)

// TestDeterministic builds the golden site and the shipped chronology several
// times: the same input must give the same bytes, whatever the map order or
// the scheduling of the workers.
func TestDeterministic(t *testing.T) {
	for _, dir := range []string{"testdata/golden/site", ".."} {
		first, err := Build(os.DirFS(dir), Options{})
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		for range 3 {
			again, err := Build(os.DirFS(dir), Options{})
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
	res, err := Build(fsys, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Files["events/2025-12-22-draft/index.html"]; ok {
		t.Error("a draft was built without -drafts")
	}
	res, err = Build(fsys, Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Files["events/2025-12-22-draft/index.html"]; !ok {
		t.Error("-drafts did not build the draft")
	}
}

func TestBaseURLOverride(t *testing.T) {
	res, err := Build(os.DirFS("testdata/golden/site"), Options{BaseURL: "https://other.example/sub/dir"})
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
	res, err := Build(os.DirFS("testdata/golden/site"), Options{})
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
	fsys := testFS(map[string]string{
		"content/a.md":         note,
		"templates/page.html":  `{{define "main"}}<p>custom page</p>{{end}}`,
		"templates/event.html": `{{define "main"}}<p class="mine">{{.Event.Title}}</p>{{end}}`,
		"content/pages/x.md":   "+++\ntitle = \"X\"\n+++\nx\n",
	})
	res, err := Build(fsys, Options{})
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
	_, err = Build(fsys, Options{})
	if err == nil || !strings.Contains(err.Error(), "templates/event.html:1:") {
		t.Errorf("a broken template should be an error with its line, got %v", err)
	}
}

func TestMonthArchives(t *testing.T) {
	files := map[string]string{}
	for i := range frontPageMax + 50 {
		month := 1 + i%12
		day := 1 + i%28
		text := strings.Replace(note, "date = 2025-12-19", "date = 2024-"+two(month)+"-"+two(day), 1)
		files["content/n"+itoa(i)+".md"] = text
	}
	res, err := Build(testFS(files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	index := string(res.Files["index.html"])
	if n := strings.Count(index, `<article class="event`); n > frontPageMax || n == 0 {
		t.Errorf("front page shows %d events, want 1..%d", n, frontPageMax)
	}
	if !strings.Contains(index, "Earlier months are on their own pages") {
		t.Error("front page does not link the archived months")
	}
	total := 0
	for m := 1; m <= 12; m++ {
		page := string(res.Files["2024/"+two(m)+"/index.html"])
		total += strings.Count(page, `<article class="event`)
	}
	if total != frontPageMax+50 {
		t.Errorf("month archives hold %d events, want %d", total, frontPageMax+50)
	}
	// Every note is in "Odesa region": its list is split into pages of
	// whole months, none over the bound, together holding every event.
	total = 0
	for p, data := range res.Files {
		if !strings.HasPrefix(p, "places/odesa-region/") {
			continue
		}
		n := strings.Count(string(data), `<article class="event`)
		if n > frontPageMax {
			t.Errorf("%s lists %d events, over %d", p, n, frontPageMax)
		}
		total += n
	}
	if total != frontPageMax+50 {
		t.Errorf("the place's pages hold %d events, want %d", total, frontPageMax+50)
	}
	if _, ok := res.Files["places/odesa-region/2/index.html"]; !ok {
		t.Error("no second page for a long list")
	}
}

func two(n int) string {
	if n < 10 {
		return "0" + itoa(n)
	}
	return itoa(n)
}

func TestCacheForgetsDeletedNotes(t *testing.T) {
	fsys := testFS(map[string]string{"content/a.md": note, "content/b.md": note})
	c := NewCache()
	if _, err := Build(fsys, Options{Cache: c}); err != nil {
		t.Fatal(err)
	}
	delete(fsys, "content/b.md")
	if _, err := Build(fsys, Options{Cache: c}); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.entries["content/b.md"]; ok || len(c.entries) != 1 {
		t.Errorf("the cache still holds %d notes after one was deleted", len(c.entries))
	}
}

// TestSourcesSplit: a long bibliography becomes an index of publishers,
// each with pages of at most 300 sources, which together list every source
// once; a short one is shown whole on the sources page.
func TestSourcesSplit(t *testing.T) {
	res, err := Build(corpus.FS(1500, 5), Options{})
	if err != nil {
		t.Fatal(err)
	}
	index := string(res.Files["sources/index.html"])
	if strings.Contains(index, "source-list") {
		t.Error("the sources page lists sources though there are thousands")
	}
	uses, pages, split := 0, 0, false
	for _, p := range res.Site.Publishers {
		uses += len(p.Sources)
		if !strings.Contains(index, `href="`+p.URL+`"`) {
			t.Errorf("the sources page does not link %s", p.URL)
		}
	}
	listed := 0
	for path, data := range res.Files {
		if !strings.HasPrefix(path, "sources/") || path == "sources/index.html" {
			continue
		}
		pages++
		n := strings.Count(string(data), `rel="noopener noreferrer">`)
		if n > frontPageMax {
			t.Errorf("%s lists %d sources, more than %d", path, n, frontPageMax)
		}
		split = split || strings.Count(path, "/") == 3 // sources/x/2/index.html
		listed += n
	}
	if listed != uses || !split {
		t.Errorf("%d sources listed on %d publisher pages, want %d, and some publisher split into pages (%v)", listed, pages, uses, split)
	}

	small, err := Build(corpus.FS(20, 5), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(small.Files["sources/index.html"]), "source-list") {
		t.Error("a short bibliography is not shown whole on the sources page")
	}
}

// TestValidID holds validID to the rule it replaced, the regular
// expression ^[A-Za-z0-9][A-Za-z0-9._-]*$.
func TestValidID(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	for _, id := range []string{"", "a", "2025-12-19-odesa", "A.b_c-d", ".hidden", "-x", "_x", "x y", "x/y", "kyïv", "x\n", "x.md.", "9", "a..b", "é"} {
		if got, want := validID(id), re.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
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
