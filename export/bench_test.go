package export

import (
	"io"
	"testing"

	"github.com/chronicle-tools/chronicle/corpus"
	"github.com/chronicle-tools/chronicle/internal/cputime"
	"github.com/chronicle-tools/chronicle/site"
)

// BenchmarkEventsJSON writes events.json of 10,000 notes on every core, as
// a build does: the use the hand-written encoder of jsonenc.go is kept for.
func BenchmarkEventsJSON(b *testing.B) {
	s, diags := site.Load(corpus.FS(10000, 1), site.Options{})
	if diags.Errors() > 0 {
		b.Fatal(diags)
	}
	b.ReportAllocs()
	cpu := cputime.Used()
	for b.Loop() {
		if err := (data{s}).eventsJSON(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((cputime.Used()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms")
}
