package scaffold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// siteChanges are the only differences between the repository's workflows
// and a new site's: a new site has no go.mod and no ./cmd/chronicle, so it
// runs Chronicle by its module path on Go's stable release, and it has no
// docs/ folder, so the comments link Chronicle's.
var siteChanges = strings.NewReplacer(
	"go-version-file: go.mod", "go-version: stable",
	"go run ./cmd/chronicle ", "go run "+Module+"@latest ",
	"(docs/publishing.md)", "(https://github.com/chronicle-tools/chronicle/blob/main/docs/publishing.md)",
	"(docs/links.md)", "(https://github.com/chronicle-tools/chronicle/blob/main/docs/links.md)",
)

// TestWorkflowsMatchRepository keeps a new site's workflows in step with
// the repository's own: a change to .github/workflows fails here until
// scaffold/files/.github/workflows has it too.
func TestWorkflowsMatchRepository(t *testing.T) {
	embedded, err := files.ReadDir("files/.github/workflows")
	if err != nil {
		t.Fatal(err)
	}
	if len(embedded) == 0 {
		t.Fatal("no workflows embedded")
	}
	for _, e := range embedded {
		repo, err := os.ReadFile(filepath.Join("..", ".github", "workflows", e.Name()))
		if err != nil {
			t.Errorf("%s: %v (a new site's workflow should be one of the repository's)", e.Name(), err)
			continue
		}
		site, err := files.ReadFile("files/.github/workflows/" + e.Name())
		if err != nil {
			t.Fatal(err)
		}
		want := siteChanges.Replace(string(repo))
		if string(site) != want {
			t.Errorf("scaffold/files/.github/workflows/%s differs from .github/workflows/%s beyond the site's changes; "+
				"it should be:\n%s", e.Name(), e.Name(), want)
		}
		if strings.Contains(string(site), "./cmd/chronicle") || strings.Contains(string(site), "go.mod") {
			t.Errorf("%s: a new site has no ./cmd/chronicle and no go.mod", e.Name())
		}
	}
	for _, name := range []string{"pages.yml", "check.yml"} {
		if _, err := files.ReadFile("files/.github/workflows/" + name); err != nil {
			t.Errorf("a new site lacks %s", name)
		}
	}
}
