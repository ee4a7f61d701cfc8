package scaffold

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var day = time.Date(2026, 3, 14, 23, 30, 0, 0, time.UTC)

// tree lists every file and folder under dir, slash-separated, with the
// files' contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			got[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		got[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestWrite(t *testing.T) {
	for _, name := range []string{"missing", "missing/and/deeper", "empty"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), filepath.FromSlash(name))
			if name == "empty" {
				if err := os.Mkdir(dir, 0o777); err != nil {
					t.Fatal(err)
				}
			}
			written, err := Write(dir, Options{Now: day})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"config.toml", "content/2026/03/2026-03-14-this-chronology-begins.md",
				"content/pages/about.md", ".gitignore",
				".github/workflows/check.yml", ".github/workflows/links.yml", ".github/workflows/pages.yml"}
			if !slices.Equal(written, want) {
				t.Errorf("written %q\nwant    %q", written, want)
			}
			for _, f := range Files(Options{Now: day}) {
				b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
				if err != nil || string(b) != string(f.Content) {
					t.Errorf("%s: not as embedded (%v)", f.Path, err)
				}
			}
		})
	}
}

func TestExampleNote(t *testing.T) {
	n := exampleNote(day)
	s := string(n.Content)
	for _, want := range []string{"date = 2026-03-14\n", "published = 2026-03-14\n", "\ndraft = true", "[@announcement]", `url = "https://example.org/`} {
		if !strings.Contains(s, want) {
			t.Errorf("the example note lacks %q", want)
		}
	}
	if strings.Contains(s, "DATE") {
		t.Error("the example note keeps a DATE placeholder")
	}
}

func TestVersionPinned(t *testing.T) {
	for _, f := range Files(Options{Version: "v1.2.3"}) {
		if strings.HasPrefix(f.Path, ".github/") && !strings.Contains(string(f.Content), Module+"@v1.2.3 ") {
			t.Errorf("%s does not run %s@v1.2.3", f.Path, Module)
		}
	}
	for _, v := range []string{"", "(devel)"} {
		for _, f := range Files(Options{Version: v}) {
			if strings.HasPrefix(f.Path, ".github/") && !strings.Contains(string(f.Content), Module+"@latest ") {
				t.Errorf("version %q: %s does not run %s@latest", v, f.Path, Module)
			}
		}
	}
}

// TestRefuseNotEmpty: a folder with anything in it, a hidden file or an
// empty folder included, is refused and left as it was.
func TestRefuseNotEmpty(t *testing.T) {
	for _, name := range []string{".git/", ".hidden", "notes.md", "config.toml"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, name)
			var err error
			if strings.HasSuffix(name, "/") {
				err = os.Mkdir(p, 0o777)
			} else {
				err = os.WriteFile(p, []byte("mine"), 0o666)
			}
			if err != nil {
				t.Fatal(err)
			}
			before := tree(t, dir)
			written, err := Write(dir, Options{Now: day})
			if !errors.Is(err, ErrNotEmpty) || !strings.Contains(err.Error(), "choose an empty folder") {
				t.Fatalf("err = %v, want not empty, choose an empty folder", err)
			}
			if written != nil {
				t.Errorf("written = %q", written)
			}
			if after := tree(t, dir); !maps.Equal(before, after) {
				t.Errorf("the folder changed: %v, was %v", after, before)
			}
		})
	}
}

func TestRefuseFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "site")
	if err := os.WriteFile(p, []byte("mine"), 0o666); err != nil {
		t.Fatal(err)
	}
	_, err := Write(p, Options{})
	if err == nil || !strings.Contains(err.Error(), "is a file, not a folder: choose an empty folder") {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "mine" {
		t.Errorf("the file changed: %q", b)
	}
}

// TestNeverOverwrite: a file that appears between the check of the folder
// and its own creation stops the write, is not touched, and everything
// written before it is removed.
func TestNeverOverwrite(t *testing.T) {
	for _, victim := range []string{"config.toml", "content/pages/about.md", ".github/workflows/pages.yml"} {
		t.Run(victim, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, filepath.FromSlash(victim))
			testHookBeforeCreate = func(p string) error {
				if p == target {
					return os.WriteFile(p, []byte("someone else's"), 0o666)
				}
				return nil
			}
			defer func() { testHookBeforeCreate = nil }()
			written, err := Write(dir, Options{Now: day})
			if err == nil || !strings.Contains(err.Error(), "never overwrites") {
				t.Fatalf("err = %v, want a refusal to overwrite", err)
			}
			if written != nil {
				t.Errorf("written = %q", written)
			}
			// Left: the intruder and the folders that hold it, which Write
			// cannot remove while the file is in them.
			want := map[string]string{"./": "", victim: "someone else's"}
			for d := filepath.Dir(filepath.FromSlash(victim)); d != "."; d = filepath.Dir(d) {
				want[filepath.ToSlash(d)+"/"] = ""
			}
			if got := tree(t, dir); !maps.Equal(got, want) {
				t.Errorf("left %v\nwant %v", got, want)
			}
		})
	}
}

// TestCleanup: on a failure half-way, Write removes every file and folder
// it made, the missing site folder and its missing parents included, and
// nothing that was there before.
func TestCleanup(t *testing.T) {
	base := t.TempDir()
	if err := os.WriteFile(filepath.Join(base, "keep"), []byte("mine"), 0o666); err != nil {
		t.Fatal(err)
	}
	full := errors.New("no space left on device")
	for _, dir := range []string{filepath.Join(base, "a", "b"), base + "/empty"} {
		if strings.HasSuffix(dir, "empty") {
			if err := os.Mkdir(dir, 0o777); err != nil {
				t.Fatal(err)
			}
		}
		testHookBeforeCreate = func(p string) error {
			if strings.HasSuffix(filepath.ToSlash(p), ".github/workflows/links.yml") {
				return full
			}
			return nil
		}
		_, err := Write(dir, Options{})
		testHookBeforeCreate = nil
		if !errors.Is(err, full) {
			t.Fatalf("%s: err = %v, want %v", dir, err, full)
		}
	}
	want := map[string]string{"./": "", "keep": "mine", "empty/": ""}
	if got := tree(t, base); !maps.Equal(got, want) {
		t.Errorf("left %v\nwant %v", got, want)
	}
}
