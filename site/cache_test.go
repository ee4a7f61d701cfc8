package site

import (
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/chronicle-tools/chronicle/internal/testsite"
)

func TestCacheForgetsDeletedNotes(t *testing.T) {
	fsys := testsite.FS(map[string]string{"content/a.md": testsite.Note, "content/b.md": testsite.Note})
	c := NewCache()
	if _, diags := Load(fsys, Options{Cache: c}); diags.Errors() > 0 {
		t.Fatal(diags)
	}
	delete(fsys, "content/b.md")
	if _, diags := Load(fsys, Options{Cache: c}); diags.Errors() > 0 {
		t.Fatal(diags)
	}
	if _, ok := c.entries["content/b.md"]; ok || len(c.entries) != 1 {
		t.Errorf("the cache still holds %d notes after one was deleted", len(c.entries))
	}
}

// TestValidID holds validID to the rule it replaced, the regular
// expression ^[A-Za-z0-9][A-Za-z0-9._-]*$.
func TestValidID(t *testing.T) {
	re := regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)
	for _, id := range []string{"", "a", "2025-12-19-odesa", "A.b_c-d", ".hidden", "-x", "_x", "x y", "x/y", "kyïv", "x\n", "x.md.", "9", "a..b", "é"} {
		if got, want := validID(id), re.MatchString(id); got != want {
			t.Errorf("validID(%q) = %v, want %v", id, got, want)
		}
	}
}

// countingFS counts the reads of each file, which Load makes side by side.
type countingFS struct {
	fstest.MapFS
	mu    *sync.Mutex
	reads map[string]int
}

func (f countingFS) ReadFile(name string) ([]byte, error) {
	f.mu.Lock()
	f.reads[name]++
	f.mu.Unlock()
	return f.MapFS.ReadFile(name)
}

// TestWatchedCache: a watched cache reads a note again only after Forget
// names it or a folder above it, and then sees its new text.
func TestWatchedCache(t *testing.T) {
	fsys := countingFS{testsite.FS(map[string]string{"content/a.md": testsite.Note, "content/x/b.md": testsite.Note}), new(sync.Mutex), map[string]int{}}
	c := NewWatchedCache()
	load := func() *Site {
		t.Helper()
		s, diags := Load(fsys, Options{Cache: c})
		if diags.Errors() > 0 {
			t.Fatal(diags)
		}
		return s
	}
	load()
	load()
	if fsys.reads["content/a.md"] != 1 || fsys.reads["content/x/b.md"] != 1 {
		t.Fatalf("reads after two loads: %v, want each note read once", fsys.reads)
	}
	fsys.MapFS["content/a.md"].Data = []byte(strings.Replace(testsite.Note, `title = "`, `title = "Edited `, 1))
	c.Forget([]string{"content/a.md", "content/x"})
	s := load()
	if fsys.reads["content/a.md"] != 2 || fsys.reads["content/x/b.md"] != 2 {
		t.Errorf("reads after Forget: %v, want each note read twice", fsys.reads)
	}
	if e := s.Event("a"); e == nil || !strings.HasPrefix(e.Title, "Edited ") {
		t.Errorf("the edited note was not read again: %+v", e)
	}
	c.Forget([]string{""})
	load()
	if fsys.reads["content/a.md"] != 3 {
		t.Errorf("Forget(\"\") kept notes: %v", fsys.reads)
	}
}
