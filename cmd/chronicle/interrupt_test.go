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

	"github.com/chronicle-tools/chronicle/corpus"
	"github.com/fsnotify/fsnotify"
)

// TestBuildInterrupted: a signal during a build leaves the previous output
// as it was and no temporary folder beside it, and exits 130 for SIGINT,
// 143 for SIGTERM, whether it lands at once, while the notes are read, or
// while pages are written. Each signal is sent on an event of the build
// (its temporary folder made, its first file written), never after a
// sleep, so that a slow machine changes nothing but the time taken.
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
	tests := []struct {
		name   string
		when   string // "start", "reading" or "writing"
		sig    syscall.Signal
		status int
	}{
		{"SIGINT at once", "start", syscall.SIGINT, 130},
		{"SIGINT while the notes are read", "reading", syscall.SIGINT, 130},
		{"SIGINT while pages are written", "writing", syscall.SIGINT, 130},
		{"SIGTERM while pages are written", "writing", syscall.SIGTERM, 143},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := fsnotify.NewWatcher()
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			if err := w.Add(dir); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, "build", "-C", dir)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			if tt.when == "start" {
				cmd.Process.Signal(tt.sig)
				err = <-exited
			} else {
				err = signalOn(t, w, tt.when, cmd, tt.sig, exited)
			}
			var exit *exec.ExitError
			switch {
			case err == nil:
				t.Logf("the build was done before the event: a fast machine")
			case errors.As(err, &exit) && exit.ExitCode() == tt.status && strings.Contains(stderr.String(), "interrupted"):
				now, err := os.Stat(filepath.Join(dir, "public", "index.html"))
				if err != nil || !os.SameFile(before, now) {
					t.Errorf("the previous output was changed (%v)", err)
				}
			case tt.when == "start" && errors.As(err, &exit) && exit.ExitCode() == -1:
				// The signal came before the handler was installed, as
				// the process started: nothing had been made yet.
				t.Logf("the signal came before the handler: %v", err)
			default:
				t.Errorf("%v, want exit status %d\n%s", err, tt.status, stderr.String())
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".public.") {
					t.Errorf("%s left beside the output", e.Name())
				}
			}
		})
	}
}

// signalOn sends sig to cmd when the build reaches a point: "reading" when
// its temporary folder appears beside the output, "writing" when the first
// file appears in it. It returns how cmd exited.
func signalOn(t *testing.T, w *fsnotify.Watcher, when string, cmd *exec.Cmd, sig syscall.Signal, exited <-chan error) error {
	t.Helper()
	for {
		select {
		case err := <-exited:
			return err
		case err := <-w.Errors:
			t.Fatal(err)
		case ev := <-w.Events:
			name := filepath.Base(ev.Name)
			switch {
			case !ev.Has(fsnotify.Create):
			case strings.HasPrefix(name, ".public.new-"):
				if when == "reading" {
					cmd.Process.Signal(sig)
					return <-exited
				}
				// Watch the new folder; a file made before the watch
				// began is found by reading it.
				if err := w.Add(ev.Name); err != nil {
					t.Fatal(err)
				}
				if entries, _ := os.ReadDir(ev.Name); len(entries) > 0 {
					cmd.Process.Signal(sig)
					return <-exited
				}
			case strings.HasPrefix(filepath.Base(filepath.Dir(ev.Name)), ".public.new-"):
				cmd.Process.Signal(sig)
				return <-exited
			}
		}
	}
}
