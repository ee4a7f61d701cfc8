//go:build unix

package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer that run may write while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func serveSite(t *testing.T) string {
	dir := t.TempDir()
	files := map[string]string{
		"config.toml":                         "title = \"Serve test\"\nbaseURL = \"https://example.github.io/repo/\"\ntimezone = \"UTC\"\n\n[kinds.talks]\nlabel = \"Talks\"\ncolor = \"#2f5fb3\"\n",
		"content/2025/12/2025-12-01-first.md": "+++\ntitle = \"The first event\"\ndate = 2025-12-01\nkind = \"talks\"\n\n[[sources]]\nid = \"a\"\ntitle = \"A report\"\npublisher = \"A paper\"\nurl = \"https://example.org/a\"\npublished = 2025-12-01\n+++\n\nIt happened.[@a]\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestServeInterrupt runs chronicle serve as a user does: it prints the
// address with the base path, serves the site there, and stops cleanly on
// Ctrl-C.
func TestServeInterrupt(t *testing.T) {
	dir := serveSite(t)
	outR, outW := io.Pipe()
	var stderr syncBuffer
	code := make(chan int, 1)
	go func() {
		code <- run([]string{"serve", "-C", dir, "-addr", "127.0.0.1:0"}, outW, &stderr)
		outW.Close()
	}()
	lines := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(outR)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var url string
	select {
	case line := <-lines:
		var ok bool
		if url, ok = strings.CutPrefix(line, "serving "); !ok || !strings.HasPrefix(url, "http://127.0.0.1:") || !strings.HasSuffix(url, "/repo/") {
			t.Fatalf("first line %q, want serving http://127.0.0.1:PORT/repo/", line)
		}
	case c := <-code:
		t.Fatalf("serve ended with %d before serving:\n%s", c, stderr.String())
	case <-time.After(time.Minute):
		t.Fatalf("serve printed no address within a minute:\n%s", stderr.String())
	}
	resp, err := http.Get(url + "events/2025-12-01-first/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "The first event") {
		t.Fatalf("GET the event: %s", resp.Status)
	}
	// Ctrl-C. serve has been listening for it since before it printed.
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-code:
		if c != 0 {
			t.Fatalf("serve ended with %d after Ctrl-C:\n%s", c, stderr.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("serve still running a minute after Ctrl-C")
	}
	if !strings.Contains(stderr.String(), "stopped") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
	if _, err := http.Get(url); err == nil {
		t.Error("still answering after Ctrl-C")
	}
}

func TestServeBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var stdout, stderr syncBuffer
	if c := run([]string{"serve", "-C", serveSite(t), "-addr", ln.Addr().String()}, &stdout, &stderr); c != 1 {
		t.Fatalf("exit code %d, want 1", c)
	}
	if got := stderr.String(); !strings.Contains(got, "already in use") || !strings.Contains(got, "-addr") {
		t.Errorf("stderr %q does not say the port is busy and which flag to use", got)
	}
}

func TestServeNoSite(t *testing.T) {
	var stdout, stderr syncBuffer
	if c := run([]string{"serve", "-C", t.TempDir(), "-addr", "127.0.0.1:0"}, &stdout, &stderr); c != 1 {
		t.Fatalf("exit code %d, want 1", c)
	}
	if got := stderr.String(); !strings.Contains(got, "no config.toml") {
		t.Errorf("stderr %q", got)
	}
}
