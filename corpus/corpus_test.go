package corpus

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"
	"testing"
)

func digest(files map[string]string) string {
	h := sha256.New()
	for _, p := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(h, "%s\x00%s\x00", p, files[p])
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// TestNotesUnchanged pins FS's notes byte for byte: the benchmarks'
// figures in docs/performance.md compare builds of these very notes.
func TestNotesUnchanged(t *testing.T) {
	const want = "016f3cf7e76a2c80abc52dfcc9965346322a1b75b59bd048f138df86a6dcde98"
	if got := digest(Notes(300, 1)); got != want {
		t.Errorf("Notes(300, 1) changed: digest %s, want %s", got, want)
	}
}

// TestLongTailDeterministic: the same n and seed give the same site, and
// another seed another one of the same size.
func TestLongTailDeterministic(t *testing.T) {
	a, b := LongTailNotes(500, 1), LongTailNotes(500, 1)
	ca, cb := LongTailConfig(500, 1), LongTailConfig(500, 1)
	if digest(a) != digest(b) || ca != cb {
		t.Fatal("LongTailNotes(500, 1) differs from one call to the next")
	}
	c := LongTailNotes(500, 2)
	if len(c) != 500 || digest(c) == digest(a) {
		t.Fatalf("seed 2 gave %d notes, the same as seed 1: %v", len(c), digest(c) == digest(a))
	}
}

// TestLongTailNamesDistinct: different numbers make different words, which
// is what keeps two actors or tags from sharing a page.
func TestLongTailNamesDistinct(t *testing.T) {
	g := newNamer(1)
	seen := map[string]int{}
	for k := range 200000 {
		for _, w := range []string{g.wordOf(uint64(k), false), g.wordOf(uint64(k), true)} {
			if j, ok := seen[w]; ok && j != k {
				t.Fatalf("words %d and %d are both %q", j, k, w)
			}
			seen[w] = k
		}
	}
}
