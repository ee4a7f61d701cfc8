package search_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/build"
	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/search"
	"github.com/chronicle-tools/chronicle/site"
)

// TestSearchFiles decodes every search file of the comparison sites: each
// holds the events of its month, in id order, with their text and their
// sources' titles, whatever characters those hold.
func TestSearchFiles(t *testing.T) {
	files := 0
	for name, fsys := range testsite.ComparisonSites(t, "..") {
		res, err := build.Build(fsys, site.Options{})
		if err != nil {
			continue // a refused hostile site
		}
		for _, m := range res.Site.Months {
			data := res.Files[search.Path(m)]
			var got map[string]string
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatalf("%s: %s: %v\n%s", name, search.Path(m), err, data)
			}
			if len(got) != len(m.Events) {
				t.Errorf("%s: %s has %d events, want %d", name, search.Path(m), len(got), len(m.Events))
			}
			for _, e := range m.Events {
				want := e.Text()
				for _, src := range e.Sources {
					want += " " + src.Title
				}
				if got[e.ID] != strings.ToValidUTF8(want, "\uFFFD") {
					t.Errorf("%s: %s: %s is %q, want %q", name, search.Path(m), e.ID, got[e.ID], want)
				}
			}
			ids := slices.Sorted(maps.Keys(got))
			for i, last := 0, -1; i < len(ids); i++ {
				at := bytes.Index(data, []byte(`"`+ids[i]+`":`))
				if at <= last {
					t.Errorf("%s: %s: not in id order:\n%s", name, search.Path(m), data)
					break
				}
				last = at
			}
			files++
		}
	}
	if files < 50 {
		t.Errorf("only %d search files checked", files)
	}
}
