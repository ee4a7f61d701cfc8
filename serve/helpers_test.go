package serve

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
	"time"
)

// logBuffer collects a server's log and shows it when the test fails.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func testLog(t testing.TB) *logBuffer {
	l := &logBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server log:\n%s", l)
		}
	})
	return l
}

// smallSite writes a site of five notes and an about page into a new
// folder, and returns the folder.
func smallSite(t testing.TB) string {
	dir := t.TempDir()
	writeSite(t, dir, 5)
	write(t, filepath.Join(dir, "content", "pages", "about.md"), "+++\ntitle = \"About\"\nmenu = 1\n+++\n\nAbout this chronology.\n")
	return dir
}

// built returns a server over dir that has built once and does not watch:
// the test calls rebuild itself.
func built(t testing.TB, dir string) *Server {
	t.Helper()
	s, err := newServer(Options{Dir: dir, Log: testLog(t)})
	if err != nil {
		t.Fatal(err)
	}
	s.rebuild(nil)
	return s
}

// watching returns a server over dir that watches it, closed at the end of
// the test.
func watching(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.Log == nil {
		opts.Log = testLog(t)
	}
	s, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func get(h http.Handler, method, path string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, path, nil))
	return w
}

// eventURL is the address of generated note i's page.
func eventURL(i int) string { return "/chronology/events/" + noteID(i) + "/" }

// edit rewrites generated note i in dir with a new title, the way editors
// that save by rename do: write a temporary file, then rename it over the
// note.
func edit(t testing.TB, dir string, i int, title string) {
	t.Helper()
	editText(t, dir, i, noteText(i, title))
}

func editText(t testing.TB, dir string, i int, text string) {
	t.Helper()
	path := filepath.Join(dir, notePath(i))
	tmp := path + "___jb_tmp___"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// eventually calls f until it returns "" (success) or a minute passes. It
// never fails because the machine is slow, only because nothing happened.
func eventually(t testing.TB, what string, f func() string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		msg := f()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still %s after a minute", what, msg)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// bodyHas is an eventually condition: the page at path contains want.
func bodyHas(h http.Handler, path, want string) func() string {
	return func() string {
		w := get(h, "GET", path)
		if !strings.Contains(w.Body.String(), want) {
			return fmt.Sprintf("no %q in %s (%d)", want, path, w.Code)
		}
		return ""
	}
}
