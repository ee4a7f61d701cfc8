// Command corpus writes a synthetic chronology of N valid notes, the same
// for the same N and seed, for benchmarks against Chronicle and other tools.
//
//	go run ./cmd/corpus -n 10000 -o /tmp/corpus-10k
//
// With -longtail it writes corpus.LongTailFS's kind of site instead:
// thousands of actors and tags used once or twice, n/4 storylines, dates
// over nine centuries (issue #18).
//
//	go run ./cmd/corpus -longtail -n 2000 -o /tmp/longtail-2k
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/chronicle-tools/chronicle/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of notes")
	seed := flag.Uint64("seed", 1, "random seed")
	out := flag.String("o", "", "folder to write the site to (must not exist)")
	longTail := flag.Bool("longtail", false, "write the long-tail mode: about 1.8n actors and as many tags, n/4 storylines, years 1100-2025")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: corpus [-longtail] -n N -o dir [-seed s]\n\nExample: go run ./cmd/corpus -n 10000 -o /tmp/corpus-10k\n\nFlags:\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "corpus: %s exists; give a new folder\n", *out)
		os.Exit(1)
	}
	var files map[string]string
	if *longTail {
		files = corpus.LongTailNotes(*n, *seed)
		files["config.toml"] = corpus.LongTailConfig(*n, *seed)
	} else {
		files = corpus.Notes(*n, *seed)
		files["config.toml"] = corpus.Config
	}
	for p, text := range files {
		path := filepath.Join(*out, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			fmt.Fprintln(os.Stderr, "corpus:", err)
			os.Exit(1)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "corpus:", err)
			os.Exit(1)
		}
	}
	mode := ""
	if *longTail {
		mode = " (long tail)"
	}
	fmt.Fprintf(os.Stderr, "wrote %d notes%s to %s\n", *n, mode, *out)
}
