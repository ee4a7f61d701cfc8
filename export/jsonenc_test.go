package export

import (
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// TestEventJSONMatchesEncoder encodes every event of the comparison sites
// both ways, hostile texts included.
func TestEventJSONMatchesEncoder(t *testing.T) {
	events := 0
	for name, fsys := range testsite.ComparisonSites(t, "..") {
		s, diags := site.Load(fsys, site.Options{})
		if s == nil || diags.Errors() > 0 {
			continue // a refused hostile site
		}
		for _, e := range s.Events {
			je := data{s}.jsonEvent(e)
			testsite.RequireSameJSON(t, name+": "+e.ID, je.appendJSON(nil), je)
			events++
		}
	}
	if events < 2000 {
		t.Errorf("only %d events compared", events)
	}
	// Every optional field both ways.
	full := jsonEvent{End: &jsonDate{"2025-12", "month", true}, ClaimedBy: "x", ContentWarning: "y", Actors: []string{}, Tags: []string{"t"}, Storylines: []string{},
		Places: []string{"a", "b"}, Related: []string{"r"},
		Extra: jsonExtra{"s": "<a> & \"b\"\u2028", "n": int64(-7), "f": 1e21, "g": 0.1, "b": true, "d": jsonDate{"2025-12", "month", false},
			"list": []any{"x", int64(1), 2.5, false, jsonDate{"c. 2025-12-19", "day", true}}, "empty": []any{}},
		Sources: []jsonSource{{Number: 1, URL: "https://example.com/", Pages: "pp. 1-2", Reference: "ISBN 0", Published: &jsonDate{}, Accessed: &jsonDate{}, Archived: "a", Quote: "q", Lang: "uk", PublishedEstimated: true,
			Extra: jsonExtra{"tier": "A", "z": 1e-7}},
			{Number: 2, Pages: "p. 3", Reference: "f. 1"}, {Number: 3}},
		Updates: []jsonUpdate{{Note: "n"}, {Note: "m"}}}
	testsite.RequireSameJSON(t, "every field", full.appendJSON(nil), full)
}

func TestEventJSONNilLists(t *testing.T) {
	var bare jsonEvent // every list nil: null, as json writes it
	testsite.RequireSameJSON(t, "no lists", bare.appendJSON(nil), bare)
}
