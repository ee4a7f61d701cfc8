package site

import (
	"os"
	"testing"
)

// TestShippedChronology guards the chronology in this repository: it must
// check clean, with every note sourced and every source cited, and keep all
// 60 events of the reference pack.
func TestShippedChronology(t *testing.T) {
	fsys := os.DirFS("..")
	if diags := Check(fsys, Options{}); len(diags) > 0 {
		t.Fatalf("chronicle check on the shipped content:\n%v", diags)
	}
	s, _ := Load(fsys, Options{})
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
