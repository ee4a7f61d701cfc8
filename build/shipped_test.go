package build

import (
	"os"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/site"
)

// TestShippedChronology guards the chronology in this repository: it must
// check clean, with every note sourced and every source cited, and keep all
// 60 events of the reference pack.
func TestShippedChronology(t *testing.T) {
	fsys := os.DirFS("..")
	if diags := Check(fsys, site.Options{}); len(diags) > 0 {
		t.Fatalf("chronicle check on the shipped content:\n%v", diags)
	}
	s, _ := site.Load(fsys, site.Options{})
	if len(s.Events) < 60 {
		t.Errorf("%d events, want the 60 of the reference pack", len(s.Events))
	}
	const seed = "https://newseu.cgtn.com/news/2025-12-20/Russian-envoy-heads-for-peace-talks-as-both-sides-exchange-strikes--1JgbpdLEEAo/p.html"
	seedCited := 0
	for _, e := range s.Events {
		if len(e.Sources) == 0 {
			t.Errorf("%s has no sources", e.Path)
		}
		for _, src := range e.Sources {
			if src.Cited == 0 {
				t.Errorf("%s: source %q is not cited", e.Path, src.ID)
			}
			if src.URL == seed {
				seedCited++
			}
		}
		if (e.Status == "claimed" || e.Status == "disputed") && e.ClaimedBy == "" {
			t.Errorf("%s: %s without claimed_by", e.Path, e.Status)
		}
	}
	if seedCited == 0 {
		t.Error("no note cites the seed article (CGTN, 20 December 2025)")
	}
}

// TestBudgets holds the pages to what a reader on a slow link can afford:
// our own script under 12 KB, the stylesheet under 20 KB, the front page of
// the shipped chronology under 150 KB, and no request to another host.
func TestBudgets(t *testing.T) {
	res, err := Build(os.DirFS(".."), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for p, data := range res.Files {
		limit := 0
		switch {
		case strings.HasPrefix(p, "assets/") && strings.HasSuffix(p, ".js"):
			limit = 12 << 10
		case strings.HasPrefix(p, "assets/") && strings.HasSuffix(p, ".css"):
			limit = 20 << 10
		case p == "index.html":
			limit = 150 << 10
		}
		if limit > 0 && len(data) > limit {
			t.Errorf("%s is %d bytes, over its budget of %d", p, len(data), limit)
		}
		if strings.HasSuffix(p, ".html") {
			page := string(data)
			if !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src 'self';`) {
				t.Errorf("%s has no Content-Security-Policy", p)
			}
			for _, attr := range []string{`src="http`, `href="//`, `src="//`, `<link rel="stylesheet" href="http`} {
				if strings.Contains(page, attr) {
					t.Errorf("%s loads something from another host (%s)", p, attr)
				}
			}
		}
	}
}
