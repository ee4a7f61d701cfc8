package osfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func TestReadFileMatchesOS(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 100_000} {
		p := filepath.Join(dir, "f")
		want := bytes.Repeat([]byte("abcdefg\n"), n/8+1)[:n]
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(p)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%d bytes: got %d bytes, %v", n, len(got), err)
		}
	}
	if _, err := ReadFile(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing file: %v", err)
	}
}

func TestWriteFileTruncates(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	for _, text := range []string{"a longer first text", "short", ""} {
		if err := WriteFile(p, []byte(text)); err != nil {
			t.Fatal(err)
		}
		if got, _ := os.ReadFile(p); string(got) != text {
			t.Fatalf("got %q, want %q", got, text)
		}
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644&^umask() {
		t.Errorf("mode %v", fi.Mode())
	}
	if err := WriteFile(filepath.Join(p, "under-a-file"), nil); err == nil || !strings.Contains(err.Error(), "under-a-file") {
		t.Errorf("writing under a file: %v, want an error naming the path", err)
	}
}

// umask is the process's file mode mask, read by creating a file.
func umask() fs.FileMode {
	p := filepath.Join(os.TempDir(), "osfile-umask-probe")
	os.WriteFile(p, nil, 0o777)
	defer os.Remove(p)
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return 0o777 &^ fi.Mode().Perm()
}

func TestDirFS(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "content", "2025"), 0o755)
	os.WriteFile(filepath.Join(dir, "config.toml"), []byte("title = \"x\"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "content", "2025", "a.md"), []byte("+++\n+++\n"), 0o644)
	fsys := DirFS(dir)
	if err := fstest.TestFS(fsys, "config.toml", "content/2025/a.md"); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"../x", "/etc/passwd", "a//b", ""} {
		if _, err := fsys.ReadFile(name); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("ReadFile(%q): %v, want an invalid-path error", name, err)
		}
	}
	_, err := fsys.ReadFile("content/missing.md")
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "content/missing.md") || strings.Contains(err.Error(), dir) {
		t.Errorf("missing file: %v, want not-exist naming the file as given", err)
	}
}
