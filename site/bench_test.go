package site

import (
	"fmt"
	"testing"

	"github.com/chronicle-tools/chronicle/corpus"
)

// TestCorpusIsValid keeps the benchmark honest: the generated notes must be
// notes the engine accepts, with no warnings.
func TestCorpusIsValid(t *testing.T) {
	diags := Check(corpus.FS(300, 1), Options{})
	if len(diags) > 0 {
		t.Fatalf("generated corpus has problems:\n%v", diags)
	}
}

// BenchmarkBuild is a full in-memory build: read, parse, check and render.
func BenchmarkBuild(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		fsys := corpus.FS(n, 1)
		b.Run(fmt.Sprintf("notes=%d", n), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := Build(fsys, Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(len(res.Files)), "files")
			}
		})
	}
}
