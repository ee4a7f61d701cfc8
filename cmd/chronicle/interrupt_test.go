//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chronicle-tools/chronicle/corpus"
)

// TestBuildInterrupted: Ctrl-C during a build leaves the previous output as
// it was and no temporary folder beside it, and exits 130, whether it lands
// while the notes are read or while pages are written.
func TestBuildInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command and a 3,000-note site")
	}
	bin := filepath.Join(t.TempDir(), "chronicle")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	for p, f := range corpus.FS(3000, 2) {
		path := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := exec.Command(bin, "build", "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, out)
	}
	before, err := os.Stat(filepath.Join(dir, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	interrupted := 0
	for _, after := range []time.Duration{50 * time.Millisecond, 300 * time.Millisecond, 700 * time.Millisecond} {
		cmd := exec.Command(bin, "build", "-C", dir)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(after)
		cmd.Process.Signal(syscall.SIGINT)
		err := cmd.Wait()
		var exit *exec.ExitError
		switch {
		case err == nil:
			// The build was done before the signal: a fast machine.
		case errors.As(err, &exit) && exit.ExitCode() == 130 && strings.Contains(stderr.String(), "interrupted"):
			interrupted++
			now, err := os.Stat(filepath.Join(dir, "public", "index.html"))
			if err != nil || !os.SameFile(before, now) {
				t.Errorf("after %v: the previous output was changed (%v)", after, err)
			}
		default:
			t.Errorf("after %v: %v\n%s", after, err, stderr.String())
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".public.") {
				t.Errorf("after %v: %s left beside the output", after, e.Name())
			}
		}
	}
	t.Logf("%d of 3 builds interrupted", interrupted)
}
