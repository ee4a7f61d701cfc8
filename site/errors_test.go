package site

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
)

// TestErrors has one case per class of mistake an author can make: each must
// stop the build with the file, the line and a message that says what to do.
func TestErrors(t *testing.T) {
	repl := func(old, new string) string {
		if !strings.Contains(testsite.Note, old) {
			panic("no " + old)
		}
		return strings.Replace(testsite.Note, old, new, 1)
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string // "path:line: substring"
	}{
		{"unknown key", map[string]string{"content/a.md": repl("kind =", "knd =")}, "content/a.md:4: unknown key \"knd\" (did you mean \"kind\"?)"},
		{"unknown source key", map[string]string{"content/a.md": repl("publisher =", "publsher =")}, "content/a.md:10: unknown key \"publsher\" (did you mean \"publisher\"?)"},
		{"missing title", map[string]string{"content/a.md": repl("title = \"Missile strike on a port\"\n", "")}, "content/a.md:1: title is missing"},
		{"missing date", map[string]string{"content/a.md": repl("date = 2025-12-19\n", "")}, "content/a.md:1: date is missing"},
		{"wrong type", map[string]string{"content/a.md": repl(`places = ["Odesa region"]`, `places = "Odesa region"`)}, `content/a.md:5: places must be an array of strings: write places = ["Odesa region"]`},
		{"title not a string", map[string]string{"content/a.md": repl(`title = "Missile strike on a port"`, `title = 12`)}, "content/a.md:2: title must be a string"},
		{"bad date string", map[string]string{"content/a.md": repl("date = 2025-12-19", `date = "19 Dec"`)}, `content/a.md:3: date: "19 Dec" is not a date`},
		{"end before date", map[string]string{"content/a.md": repl("date = 2025-12-19", "date = 2025-12-19\nend = 2025-12-18")}, "content/a.md:4: end 2025-12-18 is before date 2025-12-19"},
		{"unknown kind", map[string]string{"content/a.md": repl(`kind = "strike"`, `kind = "strikes"`)}, `content/a.md:4: kind "strikes" is not defined (did you mean "strike"?)`},
		{"unknown storyline", map[string]string{"content/a.md": repl(`places =`, "storylines = [\"blacksea\"]\nplaces =")}, `content/a.md:5: storyline "blacksea" is not defined (did you mean "black-sea"?)`},
		{"unknown status", map[string]string{"content/a.md": repl(`kind = "strike"`, "kind = \"strike\"\nstatus = \"confirmd\"")}, `content/a.md:5: status "confirmd" is not known (did you mean "confirmed"?)`},
		{"claimed without claimed_by", map[string]string{"content/a.md": repl(`kind = "strike"`, "kind = \"strike\"\nstatus = \"claimed\"")}, `content/a.md:5: status "claimed" needs claimed_by`},
		{"related to nothing", map[string]string{"content/a.md": repl(`kind = "strike"`, "kind = \"strike\"\nrelated = [\"b\"]")}, `content/a.md:5: related names "b", but no note has that id`},
		{"related to itself", map[string]string{"content/a.md": repl(`kind = "strike"`, "kind = \"strike\"\nrelated = [\"a\"]")}, `content/a.md:5: related names this note itself`},
		{"duplicate id", map[string]string{"content/a.md": testsite.Note, "content/2025/a.md": testsite.Note}, `content/a.md: id "a" is also the id of content/2025/a.md`},
		{"source URL scheme", map[string]string{"content/a.md": repl(`url = "https://example.com/a"`, `url = "javascript:alert(1)"`)}, `content/a.md:11: source 1 url "javascript:alert(1)" must start with https://`},
		{"source without url or title", map[string]string{"content/a.md": repl("title = \"Strike on port\"\npublisher = \"Reuters\"\nurl = \"https://example.com/a\"\n", "publisher = \"Reuters\"\npages = \"p. 4\"\n")},
			`content/a.md:7: source 1 has no title (a source without a url is found by its title and publisher): add title =`},
		{"source without url or publisher", map[string]string{"content/a.md": repl("publisher = \"Reuters\"\nurl = \"https://example.com/a\"\n", "reference = \"Docket 12-345\"\n")},
			`content/a.md:7: source 1 has no publisher (a source without a url is found by its title and publisher): add publisher =`},
		{"empty url", map[string]string{"content/a.md": repl(`url = "https://example.com/a"`, `url = " "`)},
			`content/a.md:11: source 1 url is empty: write its address, or leave url out`},
		{"archived without url", map[string]string{"content/a.md": repl(`url = "https://example.com/a"`, `archived = "https://web.archive.org/web/2025/x"`)},
			`content/a.md:11: source 1 has an archived copy but no url`},
		{"source without id", map[string]string{"content/a.md": repl("id = \"reuters\"\n", "")}, `content/a.md:7: source 1 has no id`},
		{"no sources", map[string]string{"content/a.md": "+++\ntitle = \"x\"\ndate = 2025-12-19\nkind = \"strike\"\n+++\n\nText.\n"}, `content/a.md:1: a note needs at least one source`},
		{"unknown citation", map[string]string{"content/a.md": repl("[@reuters]", "[@reuter]")}, `content/a.md:15: citation of unknown source "reuter"`},
		{"invalid TOML", map[string]string{"content/a.md": repl(`kind = "strike"`, `kind = "strike`)}, `content/a.md:4:`},
		{"no front matter", map[string]string{"content/a.md": "Just text.\n"}, `content/a.md:1: a note starts with a line +++`},
		{"unclosed front matter", map[string]string{"content/a.md": "+++\ntitle = \"x\"\n"}, `content/a.md:1: the front matter opened by +++ on line 1 is never closed`},
		{"not UTF-8", map[string]string{"content/a.md": repl("a port was hit", "a port \xff was hit")}, `content/a.md:15: the file is not UTF-8 text`},
		{"slug clash", map[string]string{"content/a.md": testsite.Note, "content/b.md": repl(`"Odesa region"`, `"Odesa Region"`)}, `content/b.md:5: places: "Odesa Region" (in this note) and "Odesa region" (in 1 note, content/a.md) would share the page places/odesa-region/: spell them all one way, such as "Odesa region", the first written`},
		{"config unknown key", map[string]string{"config.toml": testsite.Config + "\n[kinds.aid]\nlabel = \"Aid\"\ncolour = \"#fff\"\n", "content/a.md": testsite.Note}, `config.toml:17: unknown key "colour" (did you mean "color"?)`},
		{"config bad timezone", map[string]string{"config.toml": strings.Replace(testsite.Config, "Europe/Kyiv", "Europe/Kiev2", 1), "content/a.md": testsite.Note}, `config.toml:3: timezone "Europe/Kiev2" is not a known time zone`},
		{"page without title", map[string]string{"content/a.md": testsite.Note, "content/pages/about.md": "+++\nmenu = 1\n+++\nAbout.\n"}, `content/pages/about.md:1: a page needs a title`},
		{"page name with a dot", map[string]string{"content/a.md": testsite.Note, "content/pages/events.csv.md": "+++\ntitle = \"E\"\n+++\nx\n"}, `content/pages/events.csv.md: a page's file name becomes its address`},
		{"page with reserved name", map[string]string{"content/a.md": testsite.Note, "content/pages/events.md": "+++\ntitle = \"E\"\n+++\nx\n"}, `content/pages/events.md: the page name "events" is taken`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadErr(testsite.FS(tt.files), Options{})
			diags, ok := err.(Diagnostics)
			if !ok {
				t.Fatalf("want Diagnostics, got %v", err)
			}
			if !strings.Contains(diags.Error(), tt.want) {
				t.Errorf("want a problem containing\n  %s\ngot\n  %s", tt.want, strings.ReplaceAll(diags.Error(), "\n", "\n  "))
			}
		})
	}
}

// TestAllProblemsAtOnce checks that one run lists the problems of every file.
func TestAllProblemsAtOnce(t *testing.T) {
	bad1 := strings.Replace(testsite.Note, `kind = "strike"`, `kind = "nope"`, 1)
	bad2 := strings.Replace(testsite.Note, "[@reuters]", "[@nope]", 1)
	bad3 := strings.Replace(testsite.Note, "title =", "titel =", 1)
	_, err := loadErr(testsite.FS(map[string]string{"content/a.md": bad1, "content/b.md": bad2, "content/c.md": bad3}), Options{})
	diags, _ := err.(Diagnostics)
	if diags.Errors() < 3 {
		t.Fatalf("want at least 3 errors, got %v", err)
	}
	for _, p := range []string{"content/a.md:4:", "content/b.md:15:", "content/c.md:2:"} {
		if !strings.Contains(diags.Error(), p) {
			t.Errorf("missing a problem at %s in\n%s", p, diags)
		}
	}
}

// TestWarnings covers what check reports without failing a build.
func TestWarnings(t *testing.T) {
	two := strings.Replace(testsite.Note, "+++\n\nThe", `
[[sources]]
id = "ap"
title = "Another"
publisher = "AP"
url = "https://example.com/a"
+++

The`, 1)
	uncited := strings.Replace(testsite.Note, "[@reuters]", "", 1)
	diags := Check(testsite.FS(map[string]string{"content/a.md": two, "content/b.md": uncited}), Options{})
	if diags.Errors() != 0 {
		t.Fatalf("unexpected errors: %v", diags)
	}
	for _, want := range []string{
		`content/a.md:14: warning: source 2 has no published date`,
		`content/a.md:14: warning: source "ap" is never cited`,
		`warning: source "ap" gives publisher "AP", but the same URL is cited elsewhere as "Reuters"`,
		`content/b.md:15: warning: the body cites no source`,
	} {
		if !strings.Contains(diags.Error(), want) {
			t.Errorf("missing %q in\n%s", want, diags)
		}
	}
}

// TestUnknownKeysBounded: a table of thousands of unknown keys is listed
// up to maxUnknownKeys, then counted in one line.
func TestUnknownKeysBounded(t *testing.T) {
	var extra strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&extra, "k%04d = 1\n", i)
	}
	fsys := testsite.FS(map[string]string{"content/n.md": strings.Replace(testsite.Note, "+++\n\nThe", extra.String()+"+++\n\nThe", 1)})
	_, err := loadErr(fsys, Options{})
	diags, _ := err.(Diagnostics)
	unknown, more := 0, 0
	for _, d := range diags {
		switch {
		case strings.HasPrefix(d.Msg, "unknown key"):
			unknown++
		case strings.HasPrefix(d.Msg, "and 4980 more unknown keys from here") && d.Line == 13+maxUnknownKeys:
			more++
		}
	}
	if unknown != maxUnknownKeys || more != 1 {
		t.Errorf("%d unknown keys listed and %d count lines, want %d and 1:\n%v", unknown, more, maxUnknownKeys, err)
	}
}

// loadErr is Load as a build reports it: every problem as an error when
// any is an error.
func loadErr(fsys fs.FS, opts Options) (*Site, error) {
	s, diags := Load(fsys, opts)
	if s == nil || diags.Errors() > 0 {
		return nil, diags
	}
	return s, nil
}
