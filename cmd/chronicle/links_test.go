package main

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chronicle-tools/chronicle/links"
	"github.com/chronicle-tools/chronicle/site"
)

// linkServer is a loopback server of fine, gone and moved pages that
// counts the requests of each path.
type linkServer struct {
	*httptest.Server
	mu    sync.Mutex
	asked map[string]int
}

func newLinkServer(t *testing.T) *linkServer {
	s := &linkServer{asked: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.asked[r.URL.Path]++
		s.mu.Unlock()
		switch r.URL.Path {
		case "/fine", "/archive":
		case "/old":
			http.Redirect(w, r, "/fine", http.StatusMovedPermanently)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *linkServer) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.asked {
		n += c
	}
	return n
}

// linkSite writes a site of one note whose sources have the given urls
// (and archived copies, where not "") and returns its folder. A source
// whose url is "" is a book, with pages and a reference instead.
func linkSite(t *testing.T, sources ...[2]string) string {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("+++\ntitle = \"Missile strike on a port\"\ndate = 2025-12-19\nkind = \"strike\"\n")
	var cites []string
	for i, s := range sources {
		fmt.Fprintf(&b, "\n[[sources]]\nid = \"s%d\"\ntitle = \"Source\"\npublisher = \"P%d\"\npublished = 2025-12-19\n", i, i)
		if s[0] != "" {
			fmt.Fprintf(&b, "url = %q\n", s[0])
		} else {
			b.WriteString("pages = \"p. 4\"\nreference = \"Archive, file 7\"\n") // a book
		}
		if s[1] != "" {
			fmt.Fprintf(&b, "archived = %q\n", s[1])
		}
		cites = append(cites, fmt.Sprintf("[@s%d]", i))
	}
	b.WriteString("+++\n\nThe governor said a port was hit." + strings.Join(cites, "") + "\n")
	files := map[string]string{
		"config.toml":       "title = \"Test\"\n\n[kinds.strike]\nlabel = \"Strikes\"\n",
		"content/2025/a.md": b.String(),
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runLinks(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"links"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestLinksCommand(t *testing.T) {
	s := newLinkServer(t)

	// Fine and moved: exit 0, the move a warning on the url's line, the
	// results cached beside the notes.
	dir := linkSite(t, [2]string{s.URL + "/fine", ""}, [2]string{s.URL + "/old", ""})
	code, out, errb := runLinks(t, "-C", dir, "-allow-private")
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, out, errb)
	}
	want := fmt.Sprintf("content/2025/a.md:18: warning: link moved permanently: %s/old is now %s/fine; consider the new address\n2 links checked: 1 moved\n", s.URL, s.URL)
	if out != want || errb != "" {
		t.Errorf("stdout:\n%s\nwant:\n%s\nstderr:\n%s", out, want, errb)
	}
	if _, err := os.Stat(filepath.Join(dir, links.CacheFile)); err != nil {
		t.Fatal(err)
	}

	// A second run asks nothing: both links were fine.
	before := s.total()
	code, out, _ = runLinks(t, "-C", dir, "-allow-private")
	if code != 0 || s.total() != before || !strings.Contains(out, "2 links checked (2 from the cache): 1 moved") {
		t.Errorf("second run: exit %d, %d requests more, output:\n%s", code, s.total()-before, out)
	}

	// Gone: exit 1; as annotations with -format github.
	dir = linkSite(t, [2]string{s.URL + "/gone", ""}, [2]string{s.URL + "/gone2", s.URL + "/archive"})
	code, out, _ = runLinks(t, "-C", dir, "-allow-private", "-format", "github")
	if code != 1 {
		t.Errorf("gone: exit %d, want 1\n%s", code, out)
	}
	file := filepath.ToSlash(filepath.Join(dir, "content/2025/a.md"))
	file = strings.ReplaceAll(file, ":", "%3A")
	for _, w := range []string{
		fmt.Sprintf("::error file=%s,line=11::link is gone: %s/gone (404 Not Found); if it is gone for good, add archived =", file, s.URL),
		fmt.Sprintf("::warning file=%s,line=18::%s/gone2 is gone (404 Not Found); its archived copy answers: %s/archive\n", file, s.URL, s.URL),
		"3 links checked: 1 gone, 1 covered by an archived copy\n",
	} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q:\n%s", w, out)
		}
	}
}

// TestLinksSkipsOffline: a source without a url (a book) is not a link:
// no request, no finding, and the count is of the links alone.
func TestLinksSkipsOffline(t *testing.T) {
	s := newLinkServer(t)
	dir := linkSite(t, [2]string{"", ""}, [2]string{s.URL + "/fine", ""})
	code, out, errb := runLinks(t, "-C", dir, "-allow-private")
	if want := "1 link checked: all fine\n"; code != 0 || out != want || errb != "" {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s\nstderr:\n%s", code, out, want, errb)
	}
	if s.total() != 1 {
		t.Errorf("%d requests, want 1", s.total())
	}
	// check -archived asks for archived copies of links only.
	var o, e bytes.Buffer
	code = run([]string{"check", "-C", dir, "-archived"}, &o, &e)
	if strings.Count(o.String()+e.String(), "no archived copy") != 1 {
		t.Errorf("check -archived: exit %d, want one warning, for the link only:\n%s%s", code, o.String(), e.String())
	}
}

// TestLinksRefused: without -allow-private a loopback link is refused
// before any request, and the run fails.
func TestLinksRefused(t *testing.T) {
	s := newLinkServer(t)
	dir := linkSite(t, [2]string{s.URL + "/fine", ""})
	code, out, _ := runLinks(t, "-C", dir)
	if code != 1 || !strings.Contains(out, "content/2025/a.md:11: link not checked: "+s.URL+"/fine (127.0.0.1 is a loopback address; links are checked on public addresses only (-allow-private allows others))") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	if n := s.total(); n != 0 {
		t.Fatalf("the server saw %d requests, want none", n)
	}
}

// TestLinksRefusesFirst: bad flags and a broken site stop the command
// before any host is contacted.
func TestLinksRefusesFirst(t *testing.T) {
	s := newLinkServer(t)
	dir := linkSite(t, [2]string{s.URL + "/fine", ""})
	for _, args := range [][]string{
		{"-C", dir, "-allow-private", "-format", "json"},
		{"-C", dir, "-allow-private", "-timeout", "0s"},
		{"-C", dir, "-allow-private", "extra"},
	} {
		if code, _, _ := runLinks(t, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	os.WriteFile(filepath.Join(dir, "content/2025/b.md"), []byte("+++\ntitel = \"x\"\n+++\n"), 0o644)
	code, out, errb := runLinks(t, "-C", dir, "-allow-private")
	if code != 1 || !strings.Contains(out, "content/2025/b.md:2: unknown key \"titel\"") || !strings.Contains(errb, "no link was checked") {
		t.Errorf("broken site: exit %d\n%s%s", code, out, errb)
	}
	if n := s.total(); n != 0 {
		t.Fatalf("the server saw %d requests, want none", n)
	}
}

func TestCheckFormatGitHub(t *testing.T) {
	dir := linkSite(t, [2]string{"https://example.com/a", ""}, [2]string{"https://example.com/b", "https://web.archive.org/web/2025/https://example.com/b"})
	var out, errb bytes.Buffer
	code := run([]string{"check", "-C", dir, "-archived", "-format", "github"}, &out, &errb)
	file := strings.ReplaceAll(filepath.ToSlash(filepath.Join(dir, "content/2025/a.md")), ":", "%3A")
	want := fmt.Sprintf("::warning file=%s,line=11::source 1 has no archived copy: save https://example.com/a in the Wayback Machine or archive.today and add archived = \"https://web.archive.org/web/...\" (see docs/links.md)\n", file)
	if code != 0 || out.String() != want || errb.String() != "0 errors, 1 warning\n" {
		t.Errorf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", code, out.String(), want, errb.String())
	}
}

func TestPrintDiagGitHub(t *testing.T) {
	for _, tt := range []struct {
		dir  string
		line int
		msg  string
		want string
	}{
		{".", 3, "a", "::error file=content/a.md,line=3::a\n"},
		{"site", 0, "100% wrong\nnext", "::error file=site/content/a.md::100%25 wrong%0Anext\n"},
		{"my,site:x", 2, "m", "::error file=my%2Csite%3Ax/content/a.md,line=2::m\n"},
	} {
		var b bytes.Buffer
		printDiag(&b, "github", tt.dir, siteDiag("content/a.md", tt.line, tt.msg))
		if b.String() != tt.want {
			t.Errorf("%q", b.String())
		}
	}
}

func TestProgressLine(t *testing.T) {
	p := links.Progress{Done: 45, Total: 120, Failed: 3, Hosts: []links.HostActivity{{Host: "a.example", Active: 2}, {Host: "b.example", Active: 1}}}
	if got, want := progressLine(p, 100), "links: 45/120 checked, 3 failing; asking a.example (2), b.example (1)"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
	if got := progressLine(p, 50); len(got) > 50 || !strings.HasSuffix(got, ", ...") {
		t.Errorf("narrow: %q", got)
	}
}

func siteDiag(path string, line int, msg string) site.Diagnostic {
	return site.Diagnostic{Path: path, Line: line, Msg: msg}
}
