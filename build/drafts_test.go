package build

import (
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// draft is note marked draft, changed by the replacements old, new, ...
func draftNote(oldnew ...string) string {
	d := strings.Replace(testsite.Note, "kind = \"strike\"\n", "kind = \"strike\"\ndraft = true\n", 1)
	for i := 0; i < len(oldnew); i += 2 {
		if !strings.Contains(d, oldnew[i]) {
			panic("no " + oldnew[i])
		}
		d = strings.Replace(d, oldnew[i], oldnew[i+1], 1)
	}
	return d
}

// TestDraftProblems holds drafts to being a staging area (issue #19, item 5): a
// build that leaves drafts out is never stopped by one; check lists every
// problem of a draft, those across notes too, as a warning marked
// "draft:"; with -drafts a draft is checked as a published note. #19: a
// draft without a source stopped build, while a draft with an undefined
// kind passed check.
func TestDraftProblems(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string // check's warning without -drafts; with -drafts, the same error without "warning: draft: "
		// with -drafts, when the error differs: a spelling clash among
		// published notes is counted for the group
		asError string
	}{
		{"no source",
			map[string]string{"content/a.md": testsite.Note, "content/d.md": "+++\ntitle = \"x\"\ndate = 2025-12-19\nkind = \"strike\"\ndraft = true\n+++\n\nText.\n"},
			"content/d.md:1: warning: draft: a note needs at least one source", ""},
		{"undefined kind",
			map[string]string{"content/a.md": testsite.Note, "content/d.md": draftNote(`kind = "strike"`, `kind = "strikes"`)},
			`content/d.md:4: warning: draft: kind "strikes" is not defined (did you mean "strike"?)`, ""},
		{"unknown key",
			map[string]string{"content/a.md": testsite.Note, "content/d.md": draftNote("title =", "titel =")},
			`content/d.md:2: warning: draft: unknown key "titel" (did you mean "title"?)`, ""},
		{"related to nothing",
			map[string]string{"content/a.md": testsite.Note, "content/d.md": draftNote("draft = true", "draft = true\nrelated = [\"zz\"]")},
			`content/d.md:6: warning: draft: related names "zz", but no note has that id`, ""},
		{"related to itself",
			map[string]string{"content/a.md": testsite.Note, "content/d.md": draftNote("draft = true", "draft = true\nrelated = [\"d\"]")},
			`content/d.md:6: warning: draft: related names this note itself`, ""},
		{"end before date",
			map[string]string{"content/a.md": testsite.Note, "content/d.md": draftNote("draft = true", "draft = true\nend = 2025-12-01")},
			`content/d.md:6: warning: draft: end 2025-12-01 is before date 2025-12-19`, ""},
		{"a spelling of a published note's place",
			map[string]string{"content/a.md": testsite.Note, "content/d.md": draftNote(`"Odesa region"`, `"Odesa Region"`)},
			`content/d.md:6: warning: draft: places: "Odesa Region" and "Odesa region" (in 1 note) would share the page places/odesa-region/: spell it "Odesa region", as the published notes do`,
			`content/d.md:6: places: "Odesa Region" (in this note) and "Odesa region" (in 1 note, content/a.md) would share the page places/odesa-region/`},
		{"the id of a published note",
			map[string]string{"content/a.md": testsite.Note, "content/2025/a.md": draftNote()},
			`content/2025/a.md: warning: draft: id "a" is also the id of content/a.md`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := testsite.FS(tt.files)
			res, err := Build(fsys, site.Options{})
			if err != nil {
				t.Fatalf("a draft stopped the build:\n%v", err)
			}
			if res.Site.Event("a") == nil || res.Site.Event("a").Path != "content/a.md" {
				t.Errorf("the published note is not in the build")
			}
			diags := Check(fsys, site.Options{})
			if diags.Errors() != 0 || !strings.Contains(diags.Error(), tt.want) {
				t.Errorf("check: want no errors and the warning\n  %s\ngot\n  %s", tt.want, strings.ReplaceAll(diags.Error(), "\n", "\n  "))
			}
			for _, d := range diags {
				if strings.HasPrefix(d.Path, "content/d.md") || d.Path == "content/2025/a.md" {
					if !d.Draft || !d.Warning || !strings.HasPrefix(d.Msg, "draft: ") {
						t.Errorf("a draft's problem not marked as one: %+v", d)
					}
				}
			}
			if tt.name == "the id of a published note" {
				return // with -drafts both are published: the other note is reported
			}
			diags = Check(fsys, site.Options{Drafts: true})
			asError := strings.Replace(tt.want, "warning: draft: ", "", 1)
			if tt.asError != "" {
				asError = tt.asError
			}
			if diags.Errors() == 0 || !strings.Contains(diags.Error(), asError) {
				t.Errorf("check -drafts: want the error\n  %s\ngot\n  %s", asError, strings.ReplaceAll(diags.Error(), "\n", "\n  "))
			}
			if _, err := Build(fsys, site.Options{Drafts: true}); err == nil {
				t.Error("build -drafts: a draft's error did not stop it")
			}
		})
	}
}

// TestDraftsUnreadable keeps as errors the problems of a file that cannot
// be read as a note, and of a note whose draft is not true or false:
// neither is known to be a draft.
func TestDraftsUnreadable(t *testing.T) {
	for name, text := range map[string]string{
		"invalid TOML":         draftNote(`kind = "strike"`, `kind = "strike`),
		"unclosed":             "+++\ndraft = true\ntitle = \"x\"\n",
		"draft not a boolean":  draftNote("draft = true", `draft = "yes"`),
		"not UTF-8 in a draft": draftNote("a port was hit", "a port \xff was hit"),
	} {
		t.Run(name, func(t *testing.T) {
			fsys := testsite.FS(map[string]string{"content/a.md": testsite.Note, "content/d.md": text})
			if _, err := Build(fsys, site.Options{}); err == nil || !strings.Contains(err.Error(), "content/d.md:") {
				t.Errorf("want an error in content/d.md, got %v", err)
			}
		})
	}
}

// TestRelatedToDraft: a published note may name a draft in related. While
// the draft is left out, the link is left out too, silently: it comes with
// the draft, when it is published or built with -drafts.
func TestRelatedToDraft(t *testing.T) {
	pub := strings.Replace(testsite.Note, `kind = "strike"`, "kind = \"strike\"\nrelated = [\"d\"]", 1)
	fsys := testsite.FS(map[string]string{"content/a.md": pub, "content/d.md": draftNote()})
	res, err := Build(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if a := res.Site.Event("a"); len(a.RelatedEvents) != 0 || res.Site.Event("d") != nil {
		t.Errorf("the draft is in the build: related %v", a.RelatedEvents)
	}
	if diags := Check(fsys, site.Options{}); len(diags) != 0 {
		t.Errorf("want no problems, got\n%s", diags)
	}
	res, err = Build(fsys, site.Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if a := res.Site.Event("a"); len(a.RelatedEvents) != 1 || a.RelatedEvents[0].ID != "d" {
		t.Errorf("with -drafts, want a related to d, got %v", a.RelatedEvents)
	}
}
