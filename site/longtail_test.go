package site

import (
	"testing"

	"github.com/chronicle-tools/chronicle/corpus"
)

// TestLongTailCorpus holds corpus.LongTailFS to the shape issue #18 measures
// against, read from the loaded site rather than from the generator: at
// 2,000 notes, over 3,000 actors and as many tags, most used once or
// twice, 400 storylines and more, dates over eight centuries, and no
// problem that chronicle check would report.
func TestLongTailCorpus(t *testing.T) {
	const n = 2000
	fsys := corpus.LongTailFS(n, 1)
	if diags := Check(fsys, Options{}); len(diags) > 0 {
		t.Fatalf("long-tail corpus has %d problems:\n%v", len(diags), diags)
	}
	s, diags := Load(fsys, Options{})
	if diags.Errors() > 0 {
		t.Fatal(diags)
	}
	if len(s.Events) != n {
		t.Fatalf("%d events, want %d", len(s.Events), n)
	}
	for _, tax := range s.Taxonomies {
		rare, most := 0, 0
		for _, term := range tax.Terms {
			if len(term.Events) <= 2 {
				rare++
			}
			most = max(most, len(term.Events))
		}
		t.Logf("%s: %d terms, %d used once or twice, the commonest by %d notes", tax.Key, len(tax.Terms), rare, most)
		switch tax.Key {
		case "actors", "tags":
			if len(tax.Terms) <= 3000 {
				t.Errorf("%s: %d distinct, want over 3,000", tax.Key, len(tax.Terms))
			}
			if 2*rare <= len(tax.Terms) {
				t.Errorf("%s: %d of %d used once or twice, want over half", tax.Key, rare, len(tax.Terms))
			}
			if most < 50 {
				t.Errorf("%s: the commonest is used by %d notes, want a head of 50 and more", tax.Key, most)
			}
		case "storylines":
			if len(tax.Terms) < 400 {
				t.Errorf("storylines: %d, want 400 and more", len(tax.Terms))
			}
		case "places":
			if len(tax.Terms) < 100 {
				t.Errorf("places: %d, want a few hundred", len(tax.Terms))
			}
		}
	}
	first, last := s.Events[0].Date.Year, s.Events[len(s.Events)-1].Date.Year
	t.Logf("years %d to %d", first, last)
	if last-first <= 800 {
		t.Errorf("years %d to %d span %d, want over 800", first, last, last-first)
	}
	long := 0
	for _, e := range s.Events {
		if len(e.Summary) >= 600 {
			long++
		}
	}
	t.Logf("%d of %d summaries 600 bytes and more", long, n)
	if 3*long < n {
		t.Errorf("%d of %d summaries are 600 bytes and more, want a third or more", long, n)
	}
}
