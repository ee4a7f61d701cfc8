package serve

import (
	"bufio"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The hostile-request tests' site, server and raw HTTP client.

// secrets are markers of files the server must never send: around the
// site, inside its folder but not in its output, and in a draft.
var secrets = []string{"SECRET-OUTSIDE", "SECRET-CONFIG", "SECRET-GIT", "SECRET-OLD-OUTPUT", "SECRET-DRAFT", "SECRET-ENV"}

const secBase = "/chronology/"

// secSite writes a site served under /chronology/, with secrets beside it
// and in it, and returns its folder.
func secSite(t testing.TB) string {
	root := t.TempDir()
	dir := filepath.Join(root, "site")
	files := map[string]string{
		"../secret.txt": "SECRET-OUTSIDE\n",
		"../.env":       "SECRET-ENV\n",
		"config.toml": `# SECRET-CONFIG
title = "Security test"
baseURL = "https://example.org/chronology/"
timezone = "Europe/Kyiv"

[kinds.strike]
label = "Strikes"
`,
		".git/config":       "[core] # SECRET-GIT\n",
		"public/leak.txt":   "SECRET-OLD-OUTPUT\n",
		"public/index.html": "SECRET-OLD-OUTPUT\n",
		"secret.txt":        "SECRET-OUTSIDE\n",
		"content/2025/12/a.md": `+++
title = "A strike on a port"
date = 2025-12-19
kind = "strike"

[[sources]]
id = "r"
title = "Strike"
publisher = "Wire"
url = "https://example.org/a"
published = 2025-12-19
+++

The port was hit.[@r]
`,
		"content/2025/12/draft.md": `+++
title = "Not yet"
date = 2025-12-20
kind = "strike"
draft = true

[[sources]]
id = "r"
title = "Draft"
publisher = "Wire"
url = "https://example.org/d"
published = 2025-12-20
+++

SECRET-DRAFT[@r]
`,
		"content/pages/about.md": "+++\ntitle = \"About\"\nmenu = 1\n+++\n\nAbout.\n",
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

// secStart serves dir on a loopback port with the server's own timeouts,
// and returns the address.
func secStart(t testing.TB, dir string) (string, *Server) {
	t.Helper()
	s, err := New(Options{Dir: dir, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		<-done
		s.Close()
	})
	return ln.Addr().String(), s
}

// secResponse is what came back for one raw request.
type secResponse struct {
	status int
	header http.Header
	body   string
	closed bool // the server closed the connection without an answer
}

// secRaw sends one request, written as given, and reads the answer.
func secRaw(t testing.TB, addr, request string) secResponse {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(time.Minute))
	if _, err := io.WriteString(conn, request); err != nil {
		return secResponse{closed: true}
	}
	method, _, _ := strings.Cut(request, " ")
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	if err != nil {
		return secResponse{closed: true}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer to %.80q: %v", request, err)
	}
	if method != "HEAD" && resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength {
		t.Errorf("%.80q: %d bytes, Content-Length %d", request, len(body), resp.ContentLength)
	}
	return secResponse{status: resp.StatusCode, header: resp.Header, body: string(body)}
}

func secGet(t testing.TB, addr, method, target string) secResponse {
	return secRaw(t, addr, method+" "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
}

// secFollow requests target and follows redirects, which must stay on this
// server, up to five times. It returns the last answer and its path.
func secFollow(t testing.TB, addr, target string) (secResponse, string) {
	t.Helper()
	for range 5 {
		r := secGet(t, addr, "GET", target)
		if r.status < 300 || r.status >= 400 {
			return r, target
		}
		loc := r.header.Get("Location")
		if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, `/\`) {
			t.Errorf("%.80q redirects off the server, to %q", target, loc)
			return r, target
		}
		target = loc
	}
	t.Errorf("%.80q: more than five redirects", target)
	return secResponse{}, target
}
