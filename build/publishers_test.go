package build

import (
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// aliasSite has one publisher under two spellings, joined by an alias.
func aliasSite() map[string]string {
	src := func(pub, url string) string {
		return strings.NewReplacer(`publisher = "Reuters"`, `publisher = "`+pub+`"`, "https://example.com/a", url).Replace(testsite.Note)
	}
	return map[string]string{
		"config.toml":  testsite.Config + "\n[publishers.\"ABC News\"]\naliases = [\"abcnews.go.com\"]\n",
		"content/a.md": src("ABC News", "https://abcnews.go.com/a"),
		"content/b.md": src("abcnews.go.com", "https://abcnews.go.com/b"),
	}
}

// TestAliasShownUnderName: a source that gives an alias is shown and
// exported under its publisher's name, on every page and in every file.
func TestAliasShownUnderName(t *testing.T) {
	for _, cache := range []*site.Cache{nil, site.NewCache()} {
		res, err := Build(testsite.FS(aliasSite()), site.Options{Cache: cache})
		if err != nil {
			t.Fatal(err)
		}
		page := string(res.Files["sources/abc-news/index.html"])
		if !strings.Contains(page, "https://abcnews.go.com/a") || !strings.Contains(page, "https://abcnews.go.com/b") {
			t.Errorf("the publisher's page lacks a source:\n%s", page)
		}
		for path, data := range res.Files {
			if strings.HasPrefix(path, "sources/abcnews") {
				t.Errorf("the alias has a page of its own: %s", path)
			}
			if n := strings.Count(string(data), "abcnews.go.com"); n != strings.Count(string(data), "https://abcnews.go.com/") {
				t.Errorf("%s shows the alias as a name", path)
			}
		}
		// events.csv has no publisher column.
		if n := strings.Count(string(res.Files["events.json"]), `"publisher":"ABC News"`); n != 2 {
			t.Errorf("events.json names ABC News %d times, want 2", n)
		}
	}
}

// TestPatchKeepsAliasName: an edit under serve of a note that gives an
// alias is patched, and its source stays under the publisher's name.
func TestPatchKeepsAliasName(t *testing.T) {
	files := aliasSite()
	fsys := testsite.FS(files)
	opts := site.Options{Cache: site.NewCache()}
	o, err := Prepare(fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/b.md"].Data = []byte(strings.Replace(files["content/b.md"], `title = "Strike on port"`, `title = "Strike on the port"`, 1))
	patched, ok := o.Patch(fsys, opts, []string{"content/b.md"})
	if !ok {
		t.Fatal("Patch refused an edit of a source's title")
	}
	e := patched.Site.Event("b")
	if got := e.Sources[0].Publisher; got != "ABC News" || e.Sources[0].Title != "Strike on the port" {
		t.Errorf("patched source: publisher %q, title %q", got, e.Sources[0].Title)
	}
}
