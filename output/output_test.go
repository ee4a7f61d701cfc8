package output

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// site returns a small built site: n files of size bytes each.
func site(version string, n, size int) map[string][]byte {
	files := map[string][]byte{"index.html": []byte("<p>" + version + "</p>\n")}
	for i := range n {
		files[fmt.Sprintf("events/e%03d/index.html", i)] = []byte(version + strings.Repeat(".", size))
	}
	return files
}

// snapshot reads every file under dir.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// leftovers lists what a write left beside dir besides dir itself.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) {
			out = append(out, e.Name())
		}
	}
	return out
}

// writeFailing writes the previous site, then a write that fails halfway
// through; the previous output must be whole, nothing may be left beside
// it, and the error must say what failed and that the output is untouched.
func writeFailing(t *testing.T, dir string, next map[string][]byte, wantErr string) {
	t.Helper()
	if err := Write(dir, site("v1", 20, 100)); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	err := Write(dir, next)
	if err == nil {
		t.Fatal("the write did not fail")
	}
	msg := err.Error()
	if !strings.Contains(msg, "the previous output in "+dir+" is untouched") || !strings.Contains(msg, wantErr) {
		t.Errorf("error %q does not say what failed (%q) and that the output is untouched", msg, wantErr)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("the previous output changed: %d files before, %d after", len(before), len(after))
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left beside the output: %q", l)
	}
	if _, ok := next[Marker]; ok {
		t.Error("the caller's files keep the marker")
	}
}

// TestWriteFailsHalfway: a file that cannot be created, met after many that
// could, fails the write with the previous output whole. This works as
// root, for whom permission bits do not stop a write.
func TestWriteFailsHalfway(t *testing.T) {
	t.Run("name too long", func(t *testing.T) {
		next := site("v2", 50, 100)
		next["tags/"+strings.Repeat("x", 300)+"/index.html"] = []byte("x")
		writeFailing(t, filepath.Join(t.TempDir(), "public"), next, "file name too long")
	})
	t.Run("file where a folder must be", func(t *testing.T) {
		next := site("v2", 50, 100)
		next["events"] = []byte("a file named like a folder")
		writeFailing(t, filepath.Join(t.TempDir(), "public"), next, "events")
	})
	t.Run("invalid path", func(t *testing.T) {
		next := site("v2", 50, 100)
		next["../escape.html"] = []byte("x")
		writeFailing(t, filepath.Join(t.TempDir(), "public"), next, `invalid output path "../escape.html"`)
	})
}

// TestWriteReadOnly: a parent folder that cannot be written fails before
// anything is written. As root, only a read-only mount stops a write.
func TestWriteReadOnly(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := Write(dir, site("v1", 5, 10)); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	if os.Geteuid() == 0 {
		t.Skip("root ignores permission bits; TestWriteNoSpace covers a read-only mount")
	}
	if err := os.Chmod(parent, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(parent, 0o755) })
	err := Write(dir, site("v2", 5, 10))
	if err == nil || !strings.Contains(err.Error(), "cannot create a temporary folder beside "+dir) {
		t.Fatalf("error %v", err)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Error("the previous output changed")
	}
}

// mountTmpfs mounts a tmpfs on dir with opts, or skips the test when that
// is not permitted.
func mountTmpfs(t *testing.T, dir, opts string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a tmpfs needs root")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
}

// TestWriteNoSpace fills a 1 MiB tmpfs halfway through a write, then makes
// it read-only: each time the previous output stays whole and the error
// says what failed.
func TestWriteNoSpace(t *testing.T) {
	mnt := t.TempDir()
	mountTmpfs(t, mnt, "size=1m")
	dir := filepath.Join(mnt, "public")
	// 20 files of 100 bytes fit; 50 files of 40 KiB do not.
	writeFailing(t, dir, site("v2", 50, 40<<10), "no space left on device")

	// The disk is not left full: a site that fits is written.
	if err := Write(dir, site("v3", 5, 100)); err != nil {
		t.Fatalf("a write after a failed one: %v", err)
	}
	before := snapshot(t, dir)

	if out, err := exec.Command("mount", "-o", "remount,ro", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	err := Write(dir, site("v4", 5, 100))
	if err == nil || !errors.Is(err, syscall.EROFS) || !strings.Contains(err.Error(), "cannot create a temporary folder beside "+dir) {
		t.Errorf("read-only: error %v", err)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Error("read-only: the previous output changed")
	}
}

// TestWriteKeepsUnchangedFiles: a file whose bytes did not change keeps its
// modification time (it is the same inode), and the marker is written.
func TestWriteKeepsUnchangedFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	if err := Write(dir, site("v1", 3, 10)); err != nil {
		t.Fatal(err)
	}
	fi1, _ := os.Stat(filepath.Join(dir, "events/e000/index.html"))
	next := site("v1", 3, 10)
	next["index.html"] = []byte("changed")
	if err := Write(dir, next); err != nil {
		t.Fatal(err)
	}
	fi2, _ := os.Stat(filepath.Join(dir, "events/e000/index.html"))
	if !os.SameFile(fi1, fi2) {
		t.Error("an unchanged file was rewritten")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "index.html")); string(data) != "changed" {
		t.Errorf("index.html = %q", data)
	}
	if _, err := os.Stat(filepath.Join(dir, Marker)); err != nil {
		t.Error("no marker")
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left beside the output: %q", l)
	}
}

// TestWriteDoesNotFollowLinks: a symbolic link inside the previous output
// (to the site's notes, say) is removed with the output, never followed.
func TestWriteDoesNotFollowLinks(t *testing.T) {
	root := t.TempDir()
	notes := filepath.Join(root, "content")
	os.MkdirAll(notes, 0o755)
	os.WriteFile(filepath.Join(notes, "n.md"), []byte("note"), 0o644)
	dir := filepath.Join(root, "public")
	if err := Write(dir, site("v1", 1, 1)); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(notes, filepath.Join(dir, "link")); err != nil {
		t.Skip(err)
	}
	if err := Write(dir, site("v2", 1, 1)); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(filepath.Join(notes, "n.md")); err != nil || string(data) != "note" {
		t.Errorf("the notes behind a link in the old output: %q, %v", data, err)
	}
}

// TestCheckSymlinks: the refusal rules hold whatever symbolic links stand
// between the path given and the folder it names.
func TestCheckSymlinks(t *testing.T) {
	root := t.TempDir()
	siteDir := filepath.Join(root, "site")
	for _, d := range []string{"content/2025", "templates", "notes-elsewhere", "empty"} {
		os.MkdirAll(filepath.Join(siteDir, d), 0o755)
	}
	os.WriteFile(filepath.Join(siteDir, "config.toml"), []byte("title = \"x\"\n"), 0o644)
	os.MkdirAll(filepath.Join(root, "outside"), 0o755)
	links := map[string]string{
		"self":      ".",                                // a link to the site
		"up":        "..",                               // a link to the site's parent
		"c":         "content",                          // a link into content/
		"c2025":     "content/2025",                     // deeper
		"t":         "templates",                        // a link to templates/
		"ext":       filepath.Join(root, "outside"),     // a link outside: fine
		"emptylink": "empty",                            // the output itself a link
		"loop":      "loop",                             // a link to itself
		"dangling":  filepath.Join(root, "nonexistent"), // to nothing
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(siteDir, name)); err != nil {
			t.Skip(err)
		}
	}
	refused := map[string]string{
		".":                   "site's own folder",
		"self":                "symbolic link",
		"self/public/..":      "symbolic link",
		"self/content/x":      "inside the site's content/",
		"up":                  "symbolic link",
		"up/site":             "site's own folder",
		"up/site/content":     "inside the site's content/",
		"up/site/templates/x": "inside the site's templates/",
		"c":                   "symbolic link",
		"c/out":               "inside the site's content/",
		"c2025/out/deeper":    "inside the site's content/",
		"t/out":               "inside the site's templates/",
		"emptylink":           "symbolic link",
		"loop":                "symbolic link",
		"dangling":            "symbolic link",
		"..":                  "site's own folder or holds it",
		"/":                   "site's own folder or holds it",
	}
	for out, want := range refused {
		path := out
		if !filepath.IsAbs(path) {
			path = filepath.Join(siteDir, out)
		}
		err := Check(path, siteDir, true)
		var re *RefusedError
		if !errors.As(err, &re) || !strings.Contains(err.Error(), want) {
			t.Errorf("-o %s: %v; want a refusal: %s", out, err, want)
		}
	}
	for _, out := range []string{"public", "ext/public", "self/public", "up/site/public", "empty"} {
		if err := Check(filepath.Join(siteDir, out), siteDir, false); err != nil {
			t.Errorf("-o %s: %v", out, err)
		}
	}

	// content/ may itself be a link: its target is still the content.
	linked := filepath.Join(root, "linked")
	os.MkdirAll(linked, 0o755)
	os.Symlink(filepath.Join(siteDir, "notes-elsewhere"), filepath.Join(linked, "content"))
	for _, out := range []string{filepath.Join(siteDir, "notes-elsewhere"), filepath.Join(siteDir, "notes-elsewhere", "out")} {
		if err := Check(out, linked, true); err == nil || !strings.Contains(err.Error(), "content/") {
			t.Errorf("-o %s with content/ a link to it: %v", out, err)
		}
	}
}

// TestCreateStreams: a file written through Create lands like one given to
// Put, is the previous file hard-linked when it came out the same, and a
// new file when it did not.
func TestCreateStreams(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	build := func(same, changed string) {
		t.Helper()
		w, err := NewWriter(dir)
		if err != nil {
			t.Fatal(err)
		}
		for name, text := range map[string]string{"events.json": same, "data/events.csv": changed} {
			f, err := w.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			// Written in pieces larger and smaller than the buffers.
			for i := 0; i < len(text); i += 100_000 {
				io.WriteString(f, text[i:min(i+100_000, len(text))])
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Put("index.html", []byte("home")); err != nil {
			t.Fatal(err)
		}
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	big := strings.Repeat("0123456789", 100_000)
	build(big, "a,b\n")
	json1, _ := os.Stat(filepath.Join(dir, "events.json"))
	csv1, _ := os.Stat(filepath.Join(dir, "data/events.csv"))
	build(big, "a,b,c\n")
	json2, _ := os.Stat(filepath.Join(dir, "events.json"))
	csv2, _ := os.Stat(filepath.Join(dir, "data/events.csv"))
	if !os.SameFile(json1, json2) {
		t.Error("an unchanged streamed file was rewritten")
	}
	if os.SameFile(csv1, csv2) {
		t.Error("a changed streamed file was kept")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "data/events.csv")); string(data) != "a,b,c\n" {
		t.Errorf("events.csv = %q", data)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "events.json")); string(data) != big {
		t.Errorf("events.json: %d bytes, want %d", len(data), len(big))
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left beside the output: %q", l)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".chronicle-link") {
			t.Errorf("left in the output: %s", e.Name())
		}
	}

	// A failed Create fails the whole output: the previous one stays.
	w, err := NewWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Create("../escape"); err == nil {
		t.Error("Create took a path out of the output")
	}
	if err := w.Commit(); err == nil {
		t.Error("Commit after a failed Create succeeded")
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "data/events.csv")); string(data) != "a,b,c\n" {
		t.Errorf("after a failed write, events.csv = %q", data)
	}
}

// TestRemoveStale: a build removes the temporary folders of builds that were
// killed, and previous outputs they left aside once the output is in place;
// never a folder of a build still running, nor anything named otherwise.
func TestRemoveStale(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no way to tell a dead process here: nothing is removed")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$") // this test binary, doing nothing
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	dead := strconv.Itoa(cmd.ProcessState.Pid())
	own := strconv.Itoa(os.Getpid())
	parent := t.TempDir()
	mk := func(name string) string {
		p := filepath.Join(parent, name)
		if err := os.MkdirAll(filepath.Join(p, "events"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "events", "index.html"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	gone := []string{mk(".public.new-" + dead + "-1"), mk(".public.old-" + dead + "-2")}
	kept := []string{
		mk(".public.new-" + own + "-3"),                 // a build still running
		mk(".public.old-" + own + "-4"),                 // its previous output, being removed
		mk(".public.new-123abc"),                        // no process id: an older version's
		mk(".other.new-" + dead + "-5"),                 // another output's
		mk(".public.new-" + dead),                       // not the pattern
		mk("public"),                                    // the output itself
		filepath.Join(parent, ".public.new-"+dead+"-6"), // a file, below
	}
	if err := os.WriteFile(kept[len(kept)-1], []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := NewWriter(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for _, p := range gone {
		if _, err := os.Lstat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s left: %v", filepath.Base(p), err)
		}
	}
	for _, p := range kept {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s removed: %v", filepath.Base(p), err)
		}
	}
	if base := filepath.Base(w.tmp); !strings.HasPrefix(base, ".public.new-"+own+"-") {
		t.Errorf("temporary folder %s does not carry the process id %s", base, own)
	}

	// A previous output moved aside is the only copy while the output is
	// missing: it stays.
	if err := os.RemoveAll(filepath.Join(parent, "public")); err != nil {
		t.Fatal(err)
	}
	old := mk(".public.old-" + dead + "-7")
	w2, err := NewWriter(filepath.Join(parent, "public"))
	if err != nil {
		t.Fatal(err)
	}
	defer w2.Abort()
	if _, err := os.Lstat(old); err != nil {
		t.Errorf("the only previous output was removed: %v", err)
	}
}
