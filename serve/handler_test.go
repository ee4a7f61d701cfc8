package serve

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/build"
	"github.com/chronicle-tools/chronicle/site"
)

func TestRoutes(t *testing.T) {
	s := built(t, smallSite(t))
	for _, tt := range []struct {
		method, path string
		code         int
		location     string // for redirects
		contains     string
	}{
		{"GET", "/", http.StatusFound, "/chronology/", ""},
		{"GET", "/?x=1", http.StatusFound, "/chronology/?x=1", ""},
		{"GET", "/chronology", http.StatusMovedPermanently, "/chronology/", ""},
		{"GET", "/chronology/", http.StatusOK, "", "Event number 4"},
		{"GET", "/chronology/index.html", http.StatusOK, "", "Event number 4"},
		{"GET", eventURL(2), http.StatusOK, "", "<h1>Event number 2</h1>"},
		{"GET", strings.TrimSuffix(eventURL(2), "/"), http.StatusMovedPermanently, eventURL(2), ""},
		{"GET", "/chronology/about/", http.StatusOK, "", "About this chronology."},
		{"GET", "/chronology/feed.xml", http.StatusOK, "", "<feed"},
		{"GET", "/chronology/no/such/page/", http.StatusNotFound, "", "Page not found"},
		{"GET", "/chronology/events/nope/", http.StatusNotFound, "", "Page not found"},
		{"GET", "/elsewhere/", http.StatusNotFound, "", "Page not found"},
		{"GET", "/favicon.ico", http.StatusNotFound, "", "Page not found"},
		// Paths are keys into the built files, never file names: the site's
		// own sources are not served.
		{"GET", "/chronology/config.toml", http.StatusNotFound, "", "Page not found"},
		{"GET", "/chronology/content/2000/01/" + noteID(0) + ".md", http.StatusNotFound, "", "Page not found"},
		{"GET", "/chronology/../config.toml", http.StatusMovedPermanently, "/config.toml", ""},
		{"GET", "/chronology/events/../about/", http.StatusMovedPermanently, "/chronology/about/", ""},
		{"GET", "/chronology//about/", http.StatusMovedPermanently, "/chronology/about/", ""},
		{"GET", "/_chronicle/reload.js", http.StatusOK, "", "EventSource"},
		{"GET", "/_chronicle/overlay.css", http.StatusOK, "", "#chronicle-overlay"},
		{"GET", "/_chronicle/build", http.StatusOK, "", s.current().id},
		{"GET", "/_chronicle/nope", http.StatusNotFound, "", ""},
		{"POST", "/chronology/", http.StatusMethodNotAllowed, "", ""},
		{"PUT", eventURL(2), http.StatusMethodNotAllowed, "", ""},
		{"DELETE", eventURL(2), http.StatusMethodNotAllowed, "", ""},
		{"OPTIONS", "/chronology/", http.StatusMethodNotAllowed, "", ""},
	} {
		w := get(s, tt.method, tt.path)
		if w.Code != tt.code {
			t.Errorf("%s %s: status %d, want %d", tt.method, tt.path, w.Code, tt.code)
			continue
		}
		if got := w.Header().Get("Location"); got != tt.location {
			t.Errorf("%s %s: Location %q, want %q", tt.method, tt.path, got, tt.location)
		}
		if !strings.Contains(w.Body.String(), tt.contains) {
			t.Errorf("%s %s: body lacks %q", tt.method, tt.path, tt.contains)
		}
		if got := w.Header().Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s %s: Cache-Control %q, want no-store", tt.method, tt.path, got)
		}
		if tt.code == http.StatusMethodNotAllowed && w.Header().Get("Allow") != "GET, HEAD" {
			t.Errorf("%s %s: Allow %q, want \"GET, HEAD\"", tt.method, tt.path, w.Header().Get("Allow"))
		}
	}
}

func TestContentTypes(t *testing.T) {
	s := built(t, smallSite(t))
	css := ""
	for _, name := range s.current().out.Paths() {
		if strings.HasPrefix(name, "assets/") && strings.HasSuffix(name, ".css") {
			css = name
		}
	}
	if css == "" {
		t.Fatal("no stylesheet in the build")
	}
	for path, want := range map[string]string{
		"/chronology/":            "text/html; charset=utf-8",
		"/chronology/nope/":       "text/html; charset=utf-8",
		"/chronology/" + css:      "text/css; charset=utf-8",
		"/chronology/feed.xml":    "application/xml",
		"/chronology/events.json": "application/json; charset=utf-8",
		"/chronology/robots.txt":  "text/plain; charset=utf-8",
		"/_chronicle/reload.js":   "text/javascript; charset=utf-8",
		"/_chronicle/overlay.css": "text/css; charset=utf-8",
	} {
		w := get(s, "GET", path)
		if got := w.Header().Get("Content-Type"); got != want {
			t.Errorf("GET %s: Content-Type %q, want %q", path, got, want)
		}
		if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q, want nosniff", path, got)
		}
	}
}

// TestServesWhatBuildWrites checks every file against a build of its own:
// the server sends the same bytes, apart from the reload script in HTML
// pages, and HEAD sends the same headers with no body.
func TestServesWhatBuildWrites(t *testing.T) {
	dir := smallSite(t)
	s := built(t, dir)
	res, err := build.Build(os.DirFS(dir), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inject := s.current().inject
	if !bytes.Contains(inject, []byte(`<script src="/_chronicle/reload.js"`)) || bytes.Contains(inject, []byte("chronicle-overlay")) {
		t.Fatalf("a good build injects %q", inject)
	}
	for name, want := range res.Files {
		path := "/chronology/" + strings.TrimSuffix(name, "index.html")
		code := http.StatusOK
		if name == "404.html" {
			path, code = "/chronology/no-such-page", http.StatusNotFound
		}
		w := get(s, "GET", path)
		if w.Code != code {
			t.Errorf("GET %s: status %d, want %d", path, w.Code, code)
			continue
		}
		got := w.Body.Bytes()
		if strings.HasSuffix(name, ".html") {
			if n := bytes.Count(got, inject); n != 1 {
				t.Errorf("GET %s: the script is there %d times, want once", path, n)
			}
			if i := bytes.Index(got, inject); i < 0 || !bytes.HasPrefix(got[i+len(inject):], []byte("</body>")) {
				t.Errorf("GET %s: the script is not just before </body>", path)
			}
			got = bytes.Replace(got, inject, nil, 1)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("GET %s: %d bytes differ from the %d that build writes for %s", path, len(got), len(want), name)
		}
		h := get(s, "HEAD", path)
		if h.Code != code || h.Body.Len() != 0 || h.Header().Get("Content-Length") != w.Header().Get("Content-Length") {
			t.Errorf("HEAD %s: status %d, %d body bytes, Content-Length %q; GET said %q", path, h.Code, h.Body.Len(),
				h.Header().Get("Content-Length"), w.Header().Get("Content-Length"))
		}
	}
}

func TestRootBasePath(t *testing.T) {
	dir := smallSite(t)
	cfg := strings.Replace(testConfig, "https://example.github.io/chronology/", "https://chronology.example.org/", 1)
	write(t, filepath.Join(dir, "config.toml"), cfg)
	s := built(t, dir)
	if s.BasePath() != "/" {
		t.Fatalf("base path %q, want /", s.BasePath())
	}
	if w := get(s, "GET", "/"); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Event number 4") {
		t.Errorf("GET /: status %d", w.Code)
	}
	if w := get(s, "GET", "/events/"+noteID(1)+"/"); w.Code != http.StatusOK {
		t.Errorf("GET an event: status %d", w.Code)
	}
	if w := get(s, "GET", "/chronology/"); w.Code != http.StatusNotFound {
		t.Errorf("GET the old base: status %d, want 404", w.Code)
	}
}

func TestInjectAt(t *testing.T) {
	add := []byte("<script></script>")
	for page, want := range map[string]string{
		"<html><body>x</body></html>":         "<html><body>x<script></script></body></html>",
		"<p>no body at all</p>":               "<p>no body at all</p><script></script>",
		"<BODY>x</BODY >":                     "<BODY>x<script></script></BODY >",
		"<body><p>a</body></p> text</body>\n": "<body><p>a</body></p> text<script></script></body>\n",
		"":                                    "<script></script>",
		"<script>'</body>'</script><body></body>": "<script>'</body>'</script><body><script></script></body>",
	} {
		if got := string(withInjected([]byte(page), add)); got != want {
			t.Errorf("withInjected(%q) = %q, want %q", page, got, want)
		}
	}
}

// TestNonASCIIPaths serves a base path and a place whose names are not
// ASCII: links carry them escaped, requests arrive escaped.
func TestNonASCIIPaths(t *testing.T) {
	dir := smallSite(t)
	cfg := strings.Replace(testConfig, "https://example.github.io/chronology/", "https://example.github.io/хроніка/", 1)
	write(t, filepath.Join(dir, "config.toml"), cfg)
	editText(t, dir, 1, strings.Replace(noteText(1, "In Kyiv"), `places = [`, `places = ["Київ", `, 1))
	s := built(t, dir)
	base := "/%D1%85%D1%80%D0%BE%D0%BD%D1%96%D0%BA%D0%B0/"
	if s.BasePath() != base {
		t.Fatalf("base path %q, want %q", s.BasePath(), base)
	}
	if w := get(s, "GET", "/"); w.Code != http.StatusFound || w.Header().Get("Location") != base {
		t.Errorf("GET /: %d to %q", w.Code, w.Header().Get("Location"))
	}
	if w := get(s, "GET", strings.TrimSuffix(base, "/")); w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != base {
		t.Errorf("GET the base without its slash: %d to %q", w.Code, w.Header().Get("Location"))
	}
	if w := get(s, "GET", base+"events/"+noteID(1)+"/"); w.Code != http.StatusOK {
		t.Errorf("GET an event: %d", w.Code)
	}
	place := base + "places/%D0%BA%D0%B8%D1%97%D0%B2"
	if w := get(s, "GET", place+"/"); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "In Kyiv") {
		t.Errorf("GET the place: %d", w.Code)
	}
	if w := get(s, "GET", place); w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != place+"/" {
		t.Errorf("GET the place without its slash: %d to %q", w.Code, w.Header().Get("Location"))
	}
}

// TestTemplateFailsOnSomePages: a site's template that parses but fails
// when run (here on event pages only) fails just those pages, which show
// the problem in the overlay, and the server says so in its log; the other
// pages are served. chronicle build of the same site fails.
func TestTemplateFailsOnSomePages(t *testing.T) {
	dir := smallSite(t)
	write(t, filepath.Join(dir, "templates", "event.html"), `{{define "main"}}<h1>{{.Event.NoSuchField}}</h1>{{end}}`)
	var log strings.Builder
	s, err := newServer(Options{Dir: dir, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	s.rebuild(nil)
	w := get(s, "GET", eventURL(1))
	if w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "chronicle-overlay") || !strings.Contains(w.Body.String(), "templates/event.html") {
		t.Errorf("GET %s: %d, want 500 with the problem in the overlay:\n%s", eventURL(1), w.Code, w.Body.String())
	}
	if !strings.Contains(log.String(), "templates/event.html") {
		t.Errorf("the log does not name the failing template:\n%s", log.String())
	}
	if w := get(s, "GET", "/chronology/"); w.Code != http.StatusOK {
		t.Errorf("GET /chronology/: %d, want 200", w.Code)
	}
	if _, err := build.Build(os.DirFS(dir), site.Options{}); err == nil {
		t.Error("a build of the same site succeeded")
	}
}
