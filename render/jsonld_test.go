package render

import (
	"bytes"
	"strings"
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
			var b strings.Builder
			writeJSONLD(&b, s.Config, e)
			testsite.RequireSameJSON(t, name+": "+e.ID, []byte(b.String()), newJSONLD(s.Config, e))
			requireHTMLSafeJSON(t, []byte(b.String()))
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
