package serve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func TestDiskFSReadsOnlyChangedFiles(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content", "a", "x.md"), "x1")
	write(t, filepath.Join(dir, "content", "a", "y.md"), "y1")
	write(t, filepath.Join(dir, "content", "b", "z.md"), "z1")
	f := newDiskFS(dir)
	read := func(name string) string {
		t.Helper()
		data, err := fs.ReadFile(f, name)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for _, name := range []string{"content/a/x.md", "content/a/y.md", "content/b/z.md"} {
		read(name)
	}
	write(t, filepath.Join(dir, "content", "a", "x.md"), "x2")
	write(t, filepath.Join(dir, "content", "a", "y.md"), "y2")
	write(t, filepath.Join(dir, "content", "b", "z.md"), "z2")
	if got := read("content/a/x.md"); got != "x1" {
		t.Fatalf("read %q before forget; want the kept x1", got)
	}
	f.forget([]string{"content/a/x.md"})
	if got := read("content/a/x.md"); got != "x2" {
		t.Fatalf("read %q after forget; want x2", got)
	}
	if got := read("content/a/y.md"); got != "y1" {
		t.Fatalf("read %q for a file not forgotten; want y1", got)
	}
	// A folder forgets what is under it, and only that.
	f.forget([]string{"content/a"})
	if got := read("content/a/y.md"); got != "y2" {
		t.Fatalf("read %q after forgetting its folder; want y2", got)
	}
	if got := read("content/b/z.md"); got != "z1" {
		t.Fatalf("read %q; want z1", got)
	}
	f.forget([]string{""})
	if got := read("content/b/z.md"); got != "z2" {
		t.Fatalf("read %q after forgetting everything; want z2", got)
	}

	// The caller may change what it got.
	data, _ := fs.ReadFile(f, "content/b/z.md")
	data[0] = 'Q'
	if got := read("content/b/z.md"); got != "z2" {
		t.Fatalf("a caller's change reached the kept bytes: %q", got)
	}
	// Folders are listed from the disk each time.
	if err := os.Remove(filepath.Join(dir, "content", "b", "z.md")); err != nil {
		t.Fatal(err)
	}
	if ents, err := fs.ReadDir(f, "content/b"); err != nil || len(ents) != 0 {
		t.Fatalf("ReadDir after a removal: %v, %v", ents, err)
	}
	if _, err := fs.ReadFile(f, "content/nope.md"); err == nil {
		t.Fatal("read a file that does not exist")
	}
}

// countingFS counts the files read from the disk.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	reads map[string]int
}

func (c *countingFS) ReadFile(name string) ([]byte, error) {
	c.mu.Lock()
	c.reads[name]++
	c.mu.Unlock()
	return fs.ReadFile(c.FS, name)
}

func TestRebuildRereadsOnlyChangedFiles(t *testing.T) {
	dir := smallSite(t)
	s, err := newServer(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	c := &countingFS{FS: os.DirFS(dir), reads: map[string]int{}}
	s.fsys.dir = c
	s.rebuild(nil)
	first := len(c.reads)
	if first < 7 { // config.toml, five notes, about.md
		t.Fatalf("the first build read %d files", first)
	}
	clear(c.reads)
	edit(t, dir, 3, "Changed")
	s.rebuild([]string{filepath.ToSlash(notePath(3))})
	if len(c.reads) != 1 || c.reads[filepath.ToSlash(notePath(3))] != 1 {
		t.Errorf("the rebuild after one edit read %v", c.reads)
	}
	if w := get(s, "GET", eventURL(3)); !strings.Contains(w.Body.String(), "<h1>Changed</h1>") {
		t.Error("the edit is not served")
	}
}

func TestDiskFSKeepsMissingFiles(t *testing.T) {
	dir := t.TempDir()
	f := newDiskFS(dir)
	for range 2 {
		if _, err := fs.ReadFile(f, "templates/event.html"); !errors.Is(err, fs.ErrNotExist) {
			t.Fatalf("read a missing file: %v", err)
		}
	}
	write(t, filepath.Join(dir, "templates", "event.html"), "new")
	if _, err := fs.ReadFile(f, "templates/event.html"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the missing file was read again before forget: %v", err)
	}
	f.forget([]string{"templates"}) // the folder's creation
	if data, err := fs.ReadFile(f, "templates/event.html"); err != nil || string(data) != "new" {
		t.Fatalf("after forget: %q, %v", data, err)
	}
	write(t, filepath.Join(dir, "empty.md"), "")
	if data, err := fs.ReadFile(f, "empty.md"); err != nil || len(data) != 0 {
		t.Fatalf("an empty file: %q, %v", data, err)
	}
	if data, err := fs.ReadFile(f, "empty.md"); err != nil || len(data) != 0 {
		t.Fatalf("an empty file, kept: %q, %v", data, err)
	}
}
