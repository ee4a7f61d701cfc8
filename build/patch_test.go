package build

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chronicle-tools/chronicle/corpus"
	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// TestPatchMatchesFullBuild is Patch's contract: after an edit it takes,
// every file renders to the bytes a full build of the edited notes makes.
func TestPatchMatchesFullBuild(t *testing.T) {
	title := regexp.MustCompile(`(?m)^title = ".*"$`)
	status := regexp.MustCompile(`(?m)^(status|claimed_by) = .*\n`)
	srcTitle := regexp.MustCompile(`(?m)^(title = ".*)("\n\s*publisher)`)
	for _, tc := range []struct {
		name string
		edit func(note string) string
	}{
		{"title", func(n string) string {
			return title.ReplaceAllString(n, `title = "A new title, with <angle> & ampersand"`)
		}},
		{"body", func(n string) string { return strings.Replace(n, "+++\n\n", "+++\n\nA new first paragraph.\n\n", 1) }},
		{"status and summary", func(n string) string {
			n = status.ReplaceAllString(n, "")
			return strings.Replace(n, "\nkind = ", "\nsummary = \"Now with a summary.\"\nstatus = \"claimed\"\nclaimed_by = \"Someone new\"\nkind = ", 1)
		}},
		{"source title", func(n string) string { return srcTitle.ReplaceAllString(n, "$1, revised$2") }},
		{"extra", func(n string) string {
			return strings.Replace(n, "\n[[sources]]\n", "\n[extra]\nimportance = 5\n\n[[sources]]\nextra = {tier = \"A\"}\n", 1)
		}},
		{"update", func(n string) string {
			return strings.Replace(n, "\n[[sources]]", "\n[[updates]]\ndate = 2026-01-02\nnote = \"Corrected the toll.\"\n\n[[sources]]", 1)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := corpus.FS(400, 3)
			opts := site.Options{Cache: site.NewCache()}
			o, err := Prepare(fsys, opts)
			if err != nil {
				t.Fatal(err)
			}
			full(t, o) // render before the edit, so that cached entries must be renewed
			var changed []string
			for _, p := range notePathsOf(fsys)[:3] {
				edited := tc.edit(string(fsys[p].Data))
				if edited == string(fsys[p].Data) {
					t.Fatalf("the edit left %s as it was", p)
				}
				fsys[p] = &fstest.MapFile{Data: []byte(edited)}
				changed = append(changed, p)
			}
			patched, ok := o.Patch(fsys, opts, changed)
			if !ok {
				t.Fatal("Patch refused an edit of what notes show")
			}
			want, err := Build(fsys, site.Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := full(t, patched)
			if len(got) != len(want.Files) {
				t.Fatalf("%d files, want %d", len(got), len(want.Files))
			}
			diff := 0
			for p, data := range want.Files {
				if !bytes.Equal(got[p], data) {
					diff++
					if diff <= 3 {
						t.Errorf("%s differs from a full build:\n%s", p, testsite.FirstDiff(data, got[p]))
					}
				}
			}
			if diff > 0 {
				t.Errorf("%d files differ", diff)
			}
		})
	}
}

// TestPatchRefuses lists edits that move a note, or that a full build must
// judge, which Patch must leave to Prepare.
func TestPatchRefuses(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(fsys fstest.MapFS, p string) []string
	}{
		{"date", replace(`(?m)^date = .*$`, `date = 2021-01-01`)},
		{"kind", replace(`(?m)^kind = .*$`, `kind = "talks"`)},
		{"places", replace(`(?m)^places = .*$`, `places = ["Somewhere else"]`)},
		{"storylines", replace(`(?m)^storylines = .*$`, `storylines = []`)},
		{"publisher", replace(`(?m)^publisher = .*$`, `publisher = "Another publisher"`)},
		{"error", replace(`(?m)^title = .*$`, `title = `)},
		{"draft", replace(`(?m)^title = (.*)$`, "title = $1\ndraft = true")},
		{"deleted", func(fsys fstest.MapFS, p string) []string { delete(fsys, p); return []string{p} }},
		{"new note", func(fsys fstest.MapFS, p string) []string {
			fsys["content/new-note.md"] = fsys[p]
			return []string{"content/new-note.md"}
		}},
		{"config", func(fsys fstest.MapFS, p string) []string { return []string{"config.toml"} }},
		{"template", func(fsys fstest.MapFS, p string) []string { return []string{"templates/event.html"} }},
		{"everything", func(fsys fstest.MapFS, p string) []string { return []string{""} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := corpus.FS(50, 3)
			opts := site.Options{Cache: site.NewCache()}
			o, err := Prepare(fsys, opts)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := o.Patch(fsys, opts, tc.edit(fsys, notePathsOf(fsys)[7])); ok {
				t.Error("Patch took an edit that needs a full build")
			}
		})
	}
}

func replace(expr, with string) func(fstest.MapFS, string) []string {
	re := regexp.MustCompile(expr)
	return func(fsys fstest.MapFS, p string) []string {
		fsys[p] = &fstest.MapFile{Data: []byte(re.ReplaceAllString(string(fsys[p].Data), with))}
		return []string{p}
	}
}

func notePathsOf(fsys fstest.MapFS) []string {
	var out []string
	for p := range fsys {
		if strings.HasPrefix(p, "content/") && !strings.HasPrefix(p, "content/pages/") && strings.HasSuffix(p, ".md") {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

func full(t *testing.T, o *Output) Files {
	t.Helper()
	files := Files{}
	for _, p := range o.Paths() {
		var buf bytes.Buffer
		if err := o.Render(p, &buf); err != nil {
			t.Fatal(err)
		}
		files[p] = buf.Bytes()
	}
	return files
}

// TestPatchRefusesOfflineSourceMove: a source without a url is placed on
// its publisher's page by its title, pages and reference, so an edit of
// its pages moves it, which Patch must leave to Prepare.
func TestPatchRefusesOfflineSourceMove(t *testing.T) {
	fsys := testsite.FS(map[string]string{"content/a.md": bookNote("First", "Sea Press")})
	opts := site.Options{Cache: site.NewCache()}
	o, err := Prepare(fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(bookNote("First", "Sea Press"), `pages = "pp. 12-14"`, `pages = "p. 15"`, 1)
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte(edited)}
	if _, ok := o.Patch(fsys, opts, []string{"content/a.md"}); ok {
		t.Error("Patch took an edit of the pages of a source without a url")
	}
	// Its body alone is an edit Patch takes.
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte(strings.Replace(edited, "the book says", "says the book", 1))}
	o, err = Prepare(fsys, opts)
	if err != nil {
		t.Fatal(err)
	}
	fsys["content/a.md"] = &fstest.MapFile{Data: []byte(strings.Replace(edited, "the book says", "the book said", 1))}
	if _, ok := o.Patch(fsys, opts, []string{"content/a.md"}); !ok {
		t.Error("Patch refused an edit of the body of a note citing a source without a url")
	}
}
