package serve

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/site"
)

// TestOverlay breaks a note, sees every page show the problem over the last
// good page, and fixes it.
func TestOverlay(t *testing.T) {
	dir := smallSite(t)
	s := built(t, dir)
	good := get(s, "GET", eventURL(3)).Body.String()

	broken := strings.Replace(noteText(3, "Event number 3"), `kind = "talks"`, `kind = "tlaks"`, 1)
	editText(t, dir, 3, broken)
	s.rebuild([]string{filepath.ToSlash(notePath(3))})

	for _, path := range []string{eventURL(3), eventURL(1), "/chronology/", "/chronology/no-such-page/"} {
		w := get(s, "GET", path)
		body := w.Body.String()
		if w.Code == http.StatusInternalServerError {
			t.Fatalf("GET %s: status 500 while a good build exists", path)
		}
		for _, want := range []string{
			`<div id="chronicle-overlay"`,
			"The site did not build: 1 error",
			"Below is the last good build.",
			filepath.ToSlash(notePath(3)) + ":4</code>",
			"kind &#34;tlaks&#34; is not defined",
			`<span class="chronicle-line chronicle-mark"><span class="chronicle-ln">4</span>kind = &#34;tlaks&#34;</span>`,
			`<span class="chronicle-ln">3</span>date = 2000-01-04`,
			`<link rel="stylesheet" href="/_chronicle/overlay.css">`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: no %q in the overlay", path, want)
			}
		}
	}
	// Over the last good page, unchanged.
	page := get(s, "GET", eventURL(3)).Body.String()
	if before, _, ok := strings.Cut(good, "<script src=\"/_chronicle/"); !ok || !strings.HasPrefix(page, before) {
		t.Error("the page under the overlay is not the last good one")
	}

	editText(t, dir, 3, noteText(3, "Fixed title"))
	s.rebuild([]string{filepath.ToSlash(notePath(3))})
	w := get(s, "GET", eventURL(3))
	if strings.Contains(w.Body.String(), "chronicle-overlay") {
		t.Error("the overlay stays after the note is fixed")
	}
	if !strings.Contains(w.Body.String(), "<h1>Fixed title</h1>") {
		t.Error("the fixed note's page does not show its new title")
	}
}

// TestFirstBuildFails starts on a broken site: there is no page to show
// the problems over, so every path shows them alone, until the fix.
func TestFirstBuildFails(t *testing.T) {
	dir := smallSite(t)
	editText(t, dir, 2, "+++\ntitle = \"Unclosed\ndate = 2000-01-03\n+++\n")
	s := built(t, dir)
	if s.BasePath() != "/chronology/" {
		t.Errorf("base path %q before any good build; want the config's /chronology/", s.BasePath())
	}
	for _, path := range []string{"/", "/chronology/", eventURL(1)} {
		w := get(s, "GET", path)
		if w.Code != http.StatusInternalServerError {
			t.Errorf("GET %s: status %d, want 500", path, w.Code)
		}
		body := w.Body.String()
		for _, want := range []string{"<title>The site did not build", "Nothing has built yet.", filepath.ToSlash(notePath(2)) + ":", `data-build="`} {
			if !strings.Contains(body, want) {
				t.Errorf("GET %s: no %q", path, want)
			}
		}
	}
	editText(t, dir, 2, noteText(2, "Event number 2"))
	s.rebuild([]string{filepath.ToSlash(notePath(2))})
	if w := get(s, "GET", eventURL(2)); w.Code != http.StatusOK || strings.Contains(w.Body.String(), "chronicle-overlay") {
		t.Errorf("after the fix: status %d, overlay %v", w.Code, strings.Contains(w.Body.String(), "chronicle-overlay"))
	}
}

func TestOverlayEscapesAndShowsTheLine(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "config.toml"), testConfig)
	write(t, filepath.Join(dir, "content", "x.md"), "+++\ntitle = \"<script>alert(1)</script>\"\n\tkind = 1\n+++\n")
	s, err := newServer(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	probs := s.problems(site.Diagnostics{
		{Path: "content/x.md", Line: 3, Col: 9, Msg: "kind must be a string, not <b>an integer</b>"},
		{Path: "content/x.md", Line: 2, Msg: "a warning", Warning: true},
		{Path: "(built-in) base.html", Line: 7, Msg: "template: broken"},
		{Path: "content/gone.md", Line: 1, Msg: "cannot read"},
	})
	if len(probs) != 4 || probs[0].Warning || probs[1].Warning || probs[2].Warning || !probs[3].Warning {
		t.Fatalf("problems not ordered errors first: %+v", probs)
	}
	p := probs[0]
	if p.Where != "content/x.md:3:9" || len(p.Lines) != 3 || !p.Lines[1].Mark || p.Lines[1].Caret != "\t       ^" {
		t.Errorf("problem = %+v", p)
	}
	if probs[1].Lines != nil || probs[2].Lines != nil {
		t.Error("lines shown for a file that is not the site's")
	}
	html := string(renderOverlay(probs, true))
	for _, bad := range []string{"<script>", "<b>"} {
		if strings.Contains(html, bad) {
			t.Errorf("overlay holds unescaped %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "The site did not build: 3 errors", "<summary>1 warning</summary>"} {
		if !strings.Contains(html, want) {
			t.Errorf("overlay lacks %q:\n%s", want, html)
		}
	}
}

// TestBrokenConfig starts with a config.toml that does not read: there is
// no base path yet, so the problems show at every path; the fix brings the
// site under its base path.
func TestBrokenConfig(t *testing.T) {
	dir := smallSite(t)
	write(t, filepath.Join(dir, "config.toml"), "title = \"Unclosed\n")
	s := built(t, dir)
	if s.BasePath() != "/" {
		t.Errorf("base path %q, want /", s.BasePath())
	}
	if w := get(s, "GET", "/chronology/"); w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "config.toml:1") {
		t.Errorf("GET: status %d\n%s", w.Code, w.Body.String())
	}
	write(t, filepath.Join(dir, "config.toml"), testConfig)
	s.rebuild([]string{"config.toml"})
	if s.BasePath() != "/chronology/" {
		t.Errorf("base path %q after the fix", s.BasePath())
	}
	if w := get(s, "GET", "/"); w.Code != http.StatusFound {
		t.Errorf("GET / after the fix: status %d", w.Code)
	}
}
