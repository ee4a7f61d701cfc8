package render_test

import (
	"bytes"
	"testing"

	"github.com/chronicle-tools/chronicle/corpus"
	"github.com/chronicle-tools/chronicle/render"
	"github.com/chronicle-tools/chronicle/site"
)

// BenchmarkEventPage renders one event page (head, chrome, body) into a
// reused buffer, as a build's worker does.
func BenchmarkEventPage(b *testing.B) {
	fsys := corpus.FS(1000, 1)
	s, err := site.Load(fsys, site.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var diags site.Diagnostics
	r := render.Plan(fsys, s, &diags)
	if r == nil {
		b.Fatal(diags)
	}
	e := s.Events[len(s.Events)/2]
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := r.EventPage(&buf, e); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len()), "page-bytes")
}
