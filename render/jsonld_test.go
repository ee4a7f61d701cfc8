package render

import (
	"bytes"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// TestJSONLD checks every event's JSON-LD of the comparison sites, hostile
// texts included, as the page writes it: one JSON value, json.Marshal's,
// and safe in a <script>.
func TestJSONLD(t *testing.T) {
	events := 0
	for name, fsys := range testsite.ComparisonSites(t, "..") {
		s, diags := site.Load(fsys, site.Options{})
		if s == nil || diags.Errors() > 0 {
			continue
		}
		for _, e := range s.Events {
			var b bytes.Buffer
			writeJSONLD(&b, s.Config, e)
			testsite.RequireSameJSON(t, name+": "+e.ID, b.Bytes(), newJSONLD(s.Config, e))
			requireHTMLSafeJSON(t, b.Bytes())
			if string(jsonLDScript(s.Config, e)) != b.String() {
				t.Fatalf("%s: %s: the template's JSON-LD differs from the page's", name, e.ID)
			}
			events++
		}
	}
	if events < 2000 {
		t.Errorf("only %d events compared", events)
	}
}

// requireHTMLSafeJSON fails t if JSON meant for a <script> element holds
// what could end it or start markup there: <, > or &.
func requireHTMLSafeJSON(t testing.TB, got []byte) {
	t.Helper()
	if i := bytes.IndexAny(got, "<>&"); i >= 0 {
		t.Fatalf("%q raw in JSON for HTML: %s", got[i], got)
	}
}
