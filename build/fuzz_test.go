package build

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// FuzzBuildOneNote builds a whole site of one note. A build either fails
// with diagnostics that check reports too, or its every output file is safe
// to serve.
func FuzzBuildOneNote(f *testing.F) {
	for _, s := range testsite.FuzzSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"config.toml":            {Data: []byte(testsite.FuzzConfig)},
			"content/2025/n.md":      {Data: data},
			"content/2025/other.md":  {Data: []byte(strings.Replace(testsite.Note, "[[sources]]", "related = [\"n\"]\n\n[[sources]]", 1))},
			"content/pages/about.md": {Data: []byte("+++\ntitle = \"About\"\nmenu = 1\n+++\nAbout.\n")},
		}
		res, err := buildWithin(t, fsys, site.Options{})
		checked := Check(fsys, site.Options{})
		if err != nil {
			diags, ok := err.(site.Diagnostics)
			if !ok || diags.Errors() == 0 {
				t.Fatalf("build failed without a diagnostic: %v", err)
			}
			if checked.Errors() == 0 {
				t.Fatalf("build fails but check finds no error:\n%v", err)
			}
			return
		}
		if checked.Errors() > 0 {
			t.Fatalf("build succeeds but check finds errors:\n%v", checked)
		}
		requireSafe(t, res, "")
	})
}

// hangLimit catches a build that hangs. It is generous on purpose: a test
// must never fail because the machine is slow or busy.
const hangLimit = 60 * time.Second

// buildWithin builds fsys, failing t if the build takes longer than
// hangLimit: the Go fuzzer has no time limit of its own, and a hang would
// only stall it.
func buildWithin(t testing.TB, fsys fs.FS, opts site.Options) (*Result, error) {
	t.Helper()
	type result struct {
		res *Result
		err error
	}
	done := make(chan result, 1)
	go func() {
		res, err := Build(fsys, opts)
		done <- result{res, err}
	}()
	select {
	case r := <-done:
		return r.res, r.err
	case <-time.After(hangLimit):
		t.Fatalf("the build did not finish in %v", hangLimit)
		return nil, nil
	}
}
