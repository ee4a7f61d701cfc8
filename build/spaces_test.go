package build

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/chronicle-tools/chronicle/corpus"
	"github.com/chronicle-tools/chronicle/site"
)

// TestNoStraySpaces reads the text of every page of the golden site and of
// two generated ones for what templ's whitespace rules make when a template
// is laid out carelessly (render/*.templ): a space before a full stop or a
// comma, or two spaces in a row.
func TestNoStraySpaces(t *testing.T) {
	stray := regexp.MustCompile(`\S {2,}\S|\s[.,;:](\s|$)`)
	sites := map[string]func() (*Result, error){
		"golden":   func() (*Result, error) { return Build(os.DirFS("testdata/golden/site"), site.Options{}) },
		"corpus":   func() (*Result, error) { return Build(corpus.FS(400, 3), site.Options{}) },
		"longtail": func() (*Result, error) { return Build(corpus.LongTailFS(400, 3), site.Options{}) },
	}
	for name, build := range sites {
		res, err := build()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		pages := 0
		for p, data := range res.Files {
			if !strings.HasSuffix(p, ".html") {
				continue
			}
			pages++
			z := html.NewTokenizer(strings.NewReader(string(data)))
			for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
				if tt != html.TextToken {
					continue
				}
				if text := string(z.Text()); stray.MatchString(text) {
					t.Errorf("%s: %s: stray space in %q", name, p, text)
					break
				}
			}
		}
		if pages < 10 {
			t.Errorf("%s: only %d pages", name, pages)
		}
	}
}
