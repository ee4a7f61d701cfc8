package render_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/build"
	"github.com/chronicle-tools/chronicle/corpus"
	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/render"
	"github.com/chronicle-tools/chronicle/site"
)

func TestMonthArchives(t *testing.T) {
	files := map[string]string{}
	for i := range render.FrontPageMax + 50 {
		month := 1 + i%12
		day := 1 + i%28
		text := strings.Replace(testsite.Note, "date = 2025-12-19", "date = 2024-"+two(month)+"-"+two(day), 1)
		files["content/n"+strconv.Itoa(i)+".md"] = text
	}
	res, err := build.Build(testsite.FS(files), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	index := string(res.Files["index.html"])
	if n := strings.Count(index, `<article class="event`); n > render.FrontPageMax || n == 0 {
		t.Errorf("front page shows %d events, want 1..%d", n, render.FrontPageMax)
	}
	if !strings.Contains(index, "Earlier months are on their own pages") {
		t.Error("front page does not link the archived months")
	}
	total := 0
	for m := 1; m <= 12; m++ {
		page := string(res.Files["2024/"+two(m)+"/index.html"])
		total += strings.Count(page, `<article class="event`)
	}
	if total != render.FrontPageMax+50 {
		t.Errorf("month archives hold %d events, want %d", total, render.FrontPageMax+50)
	}
	// Every note is in "Odesa region": its list is split into pages of
	// whole months, none over the bound, together holding every event.
	total = 0
	for p, data := range res.Files {
		if !strings.HasPrefix(p, "places/odesa-region/") {
			continue
		}
		n := strings.Count(string(data), `<article class="event`)
		if n > render.FrontPageMax {
			t.Errorf("%s lists %d events, over %d", p, n, render.FrontPageMax)
		}
		total += n
	}
	if total != render.FrontPageMax+50 {
		t.Errorf("the place's pages hold %d events, want %d", total, render.FrontPageMax+50)
	}
	if _, ok := res.Files["places/odesa-region/2/index.html"]; !ok {
		t.Error("no second page for a long list")
	}
}

func two(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// TestSourcesSplit: a long bibliography becomes an index of publishers,
// each with pages of at most 300 sources, which together list every source
// once; a short one is shown whole on the sources page.
func TestSourcesSplit(t *testing.T) {
	res, err := build.Build(corpus.FS(1500, 5), site.Options{})
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
		if n > render.FrontPageMax {
			t.Errorf("%s lists %d sources, more than %d", path, n, render.FrontPageMax)
		}
		split = split || strings.Count(path, "/") == 3 // sources/x/2/index.html
		listed += n
	}
	if listed != uses || !split {
		t.Errorf("%d sources listed on %d publisher pages, want %d, and some publisher split into pages (%v)", listed, pages, uses, split)
	}

	small, err := build.Build(corpus.FS(20, 5), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(small.Files["sources/index.html"]), "source-list") {
		t.Error("a short bibliography is not shown whole on the sources page")
	}
}
