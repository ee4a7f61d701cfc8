package build

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden/want")

// TestGolden builds testdata/golden/site and compares every output file with
// testdata/golden/want. Run "go test ./build -run TestGolden -update" after
// an intended change and read the diff before committing it.
func TestGolden(t *testing.T) {
	res, err := Build(os.DirFS("testdata/golden/site"), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "testdata/golden/want"
	if *update {
		os.RemoveAll(want)
		for p, data := range res.Files {
			path := filepath.Join(want, filepath.FromSlash(p))
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	seen := map[string]bool{}
	err = filepath.WalkDir(want, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(want, path)
		rel = filepath.ToSlash(rel)
		seen[rel] = true
		exp, _ := os.ReadFile(path)
		got, ok := res.Files[rel]
		switch {
		case !ok:
			t.Errorf("%s: no longer built", rel)
		case !bytes.Equal(got, exp):
			t.Errorf("%s differs from the golden file (go test ./build -run TestGolden -update to accept):\n%s", rel, testsite.FirstDiff(exp, got))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p := range res.Files {
		if !seen[p] {
			t.Errorf("%s: built but not in the golden files", p)
		}
	}
}
