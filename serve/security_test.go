package serve

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chronicle-tools/chronicle/internal/htmlcheck"
)

// The dev server under hostile requests: paths that try to leave the site,
// methods it does not serve, clients that are slow on purpose, more event
// streams than it should hold, and all of it at once while notes change.
// Each test talks raw HTTP over loopback TCP, so that no client cleans a
// path before the server sees it.

// traversals are request targets that try to reach a file that is not in
// the built site.
var traversals = []string{
	"/../secret.txt", "/../../secret.txt", "/../.env", "/chronology/../secret.txt", "/chronology/../../secret.txt",
	"/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e./secret.txt", "/chronology/%2e%2e/%2e%2e/secret.txt",
	"/..%2fsecret.txt", "/%2e%2e%2fsecret.txt", "/chronology/..%2f..%2fsecret.txt", "/chronology%2f..%2f..%2fsecret.txt", "/%2fsecret.txt",
	`/..\secret.txt`, `/chronology/..\..\secret.txt`, `/chronology\..\..\config.toml`, "/..%5csecret.txt", "/chronology/..%5c..%5cconfig.toml",
	"/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/chronology/%252e%252e%252fconfig.toml", "/%25252e%25252e%25252fsecret.txt",
	"/%c0%ae%c0%ae/secret.txt", "/%c0%ae%c0%ae%c0%afsecret.txt", "/%e0%80%ae%e0%80%ae/secret.txt", "/..%c0%afsecret.txt", "/..%c1%9csecret.txt",
	"/%u002e%u002e/secret.txt", "/%uff0e%uff0e/secret.txt", "/\uff0e\uff0e/secret.txt",
	"/chronology/events/..;/..;/config.toml", "/chronology/./../config.toml", "/chronology/.../config.toml", "/chronology/..../config.toml",
	"/config.toml", "/chronology/config.toml", "/content/2025/12/a.md", "/chronology/content/2025/12/a.md", "/chronology/content/2025/12/draft.md",
	"/.git/config", "/chronology/.git/config", "/secret.txt", "/chronology/secret.txt", "/public/leak.txt", "/chronology/public/leak.txt",
	"/chronology/events/draft/", "/chronology/events/draft/index.html", "/chronology/events/draft",
	"/chronology/index.html%00", "/chronology/%00", "/%00/../secret.txt", "/chronology/index.html%00.txt", "/chronology/%00/../../secret.txt",
	"//secret.txt", "///etc/passwd", "/chronology//../secret.txt", `/\secret.txt`, `/\\127.0.0.1\secret.txt`, "//127.0.0.1/secret.txt",
	"/etc/passwd", "/chronology/../../../../../../etc/passwd", "/chronology/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/proc/self/environ",
	"/_chronicle/../config.toml", "/_chronicle/reload.js/../../config.toml", "/_chronicle/%2e%2e/config.toml", "/_chronicle/client/reload.js",
	"/_chronicle/../../secret.txt", "/_chronicle/..%2f..%2fsecret.txt", "/_chronicle/client/../../serve.go", "/_chronicle/events/../../secret.txt",
	"http://127.0.0.1/../secret.txt", "http://evil.example/chronology/../../secret.txt", "*",
	"/chronology/" + strings.Repeat("a", 8000), "/" + strings.Repeat("../", 4000) + "secret.txt", "/" + strings.Repeat("%2e%2e%2f", 3000) + "secret.txt",
}

// TestServeTraversal: no request reaches a file that is not in the built
// site. Each answer is a 404 (the site's own page), a 400 from Go's HTTP
// server, or a redirect that stays on the server and ends at a 404, a 400
// or a page of the site.
func TestServeTraversal(t *testing.T) {
	addr, _ := secStart(t, secSite(t))
	counts := map[int]int{}
	for _, target := range traversals {
		r, final := secFollow(t, addr, target)
		counts[r.status]++
		for _, s := range secrets {
			if strings.Contains(r.body, s) {
				t.Errorf("%.80q: the answer holds %s", target, s)
			}
		}
		switch {
		case r.status == http.StatusOK && strings.HasPrefix(final, secBase) && !strings.Contains(final, "draft"):
			// Cleaned to a page of the site, as a browser would.
		case r.status == http.StatusNotFound || r.status == http.StatusBadRequest:
		case r.status == http.StatusMisdirectedRequest && strings.Contains(target, "evil.example"):
			// Addressed to a domain name: refused by the host guard.
		default:
			t.Errorf("%.80q: status %d at %.80q", target, r.status, final)
		}
	}
	// Bytes a request line may not hold: Go's server answers 400.
	for _, target := range []string{"/chronology/\x00", "/chronology/\x00/../../secret.txt", "/chronology/\r/x", "/chron ology/", "/\x7f"} {
		r := secRaw(t, addr, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
		if r.status != http.StatusBadRequest && !r.closed {
			t.Errorf("%q: status %d", target, r.status)
		}
		counts[r.status]++
	}
	// Longer than the server reads (64 KiB of header): 431, or the
	// connection is closed; never a file.
	for _, n := range []int{100 << 10, 1 << 20} {
		r := secGet(t, addr, "GET", "/"+strings.Repeat("../", n/3)+"secret.txt")
		if !r.closed && r.status != http.StatusRequestHeaderFieldsTooLarge && r.status != http.StatusBadRequest && r.status != http.StatusRequestURITooLong {
			t.Errorf("a %d KiB path: status %d", n>>10, r.status)
		}
		for _, s := range secrets {
			if strings.Contains(r.body, s) {
				t.Errorf("a %d KiB path: the answer holds %s", n>>10, s)
			}
		}
		counts[r.status]++
	}
	t.Logf("%d hostile paths; final statuses %v", len(traversals)+7, counts)

	// The site itself is served, and its pages are safe to show: the only
	// script that is not the site's is the server's own reload script.
	r, _ := secFollow(t, addr, "/")
	if r.status != http.StatusOK || !strings.Contains(r.body, "A strike on a port") {
		t.Fatalf("the front page: %d\n%.300s", r.status, r.body)
	}
	page := reloadRE.ReplaceAllString(r.body, "")
	if p := htmlcheck.Page([]byte(page), htmlcheck.Policy{BasePath: secBase}); len(p) > 0 {
		t.Errorf("the served front page: %q", p)
	}
}

var reloadRE = regexp.MustCompile(`<script src="/_chronicle/reload\.js" data-build="[^"]*"></script>`)

// TestServeMethods: only GET and HEAD are answered; everything else gets
// 405 with an Allow header, whatever the path.
func TestServeMethods(t *testing.T) {
	addr, _ := secStart(t, secSite(t))
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "MKCOL", "COPY", "MOVE", "LOCK", "FOO", "get"} {
		for _, target := range []string{secBase, secBase + "index.html", "/_chronicle/events", "/_chronicle/reload.js", "/../secret.txt", "/nowhere"} {
			r := secRaw(t, addr, method+" "+target+" HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
			if r.status != http.StatusMethodNotAllowed || r.header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: status %d, Allow %q", method, target, r.status, r.header.Get("Allow"))
			}
		}
	}
	for _, req := range []string{
		"OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
		"CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\nConnection: close\r\n\r\n",
	} {
		if r := secRaw(t, addr, req); r.status != http.StatusMethodNotAllowed {
			t.Errorf("%q: status %d", req[:20], r.status)
		}
	}
	r := secGet(t, addr, "HEAD", secBase)
	if r.status != http.StatusOK || r.body != "" || r.header.Get("Content-Length") == "" {
		t.Errorf("HEAD: status %d, %d bytes of body, Content-Length %q", r.status, len(r.body), r.header.Get("Content-Length"))
	}
}

// TestServeSlowClients: a client that sends its request a byte at a time,
// or nothing at all, is cut off by the read timeouts; a slow reader, by the
// write timeouts. The server's own timeouts are used, so this takes some
// seconds; the deadline is generous, so a slow machine never fails it.
func TestServeSlowClients(t *testing.T) {
	hs := (&Server{hub: newHub()}).httpServer()
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 ||
		hs.MaxHeaderBytes <= 0 || hs.MaxHeaderBytes > 1<<20 {
		t.Fatalf("timeouts %v %v %v %v, max header %d", hs.ReadHeaderTimeout, hs.ReadTimeout, hs.WriteTimeout, hs.IdleTimeout, hs.MaxHeaderBytes)
	}
	addr, _ := secStart(t, secSite(t))
	limit := readHeaderTimeout + 45*time.Second

	cases := map[string]func(net.Conn){
		"silent": func(net.Conn) {},
		"one header line a second": func(c net.Conn) {
			io.WriteString(c, "GET /chronology/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
			for i := 0; ; i++ {
				time.Sleep(time.Second)
				if _, err := fmt.Fprintf(c, "X-Slow-%d: 1\r\n", i); err != nil {
					return
				}
			}
		},
		"one byte a second": func(c net.Conn) {
			for _, b := range []byte("GET /chronology/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n") {
				time.Sleep(time.Second)
				if _, err := c.Write([]byte{b}); err != nil {
					return
				}
			}
		},
	}
	var wg sync.WaitGroup
	for name, send := range cases {
		wg.Go(func() {
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Error(err)
				return
			}
			defer c.Close()
			start := time.Now()
			go send(c)
			c.SetReadDeadline(start.Add(limit))
			_, err = io.Copy(io.Discard, c) // until the server closes
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Errorf("%s: still connected after %v", name, limit)
				return
			}
			if d := time.Since(start); d < readHeaderTimeout/2 {
				t.Errorf("%s: cut off after %v, before the timeout", name, d)
			}
		})
	}
	wg.Wait()
}

// TestServeStreamBound: the server holds at most maxSubscribers event
// streams; one more gets 503 at once, and a slot frees when a page goes.
func TestServeStreamBound(t *testing.T) {
	addr, s := secStart(t, secSite(t))
	open := func() (net.Conn, int) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(time.Minute))
		io.WriteString(c, "GET /_chronicle/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			c.Close()
			t.Fatal(err)
		}
		if resp.StatusCode != http.StatusOK {
			io.Copy(io.Discard, resp.Body)
			c.Close()
			return nil, resp.StatusCode
		}
		return c, resp.StatusCode
	}
	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := range maxSubscribers {
		c, status := open()
		if status != http.StatusOK {
			t.Fatalf("stream %d: status %d", i+1, status)
		}
		conns = append(conns, c)
	}
	for range 3 {
		if _, status := open(); status != http.StatusServiceUnavailable {
			t.Fatalf("a stream past the bound: status %d, want 503", status)
		}
	}
	// Pages are still served while the streams are full.
	if r := secGet(t, addr, "GET", secBase); r.status != http.StatusOK {
		t.Errorf("a page while the streams are full: %d", r.status)
	}
	// A page that goes frees its slot, once the server notices.
	conns[0].Close()
	conns = conns[1:]
	deadline := time.Now().Add(time.Minute)
	for {
		s.hub.mu.Lock()
		n := len(s.hub.subs)
		s.hub.mu.Unlock()
		if n < maxSubscribers {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("a closed stream's slot was not freed within a minute")
		}
		time.Sleep(20 * time.Millisecond)
	}
	c, status := open()
	if status != http.StatusOK {
		t.Fatalf("a stream after one closed: status %d", status)
	}
	conns = append(conns, c)
}

// TestServeHostileLoad: for a bounded time, well-behaved readers, hostile
// requests and event streams that come and go hit the server while a note
// is edited again and again. No answer may be a 5xx, a torn page or a file
// from outside the site, and every request gets an answer.
func TestServeHostileLoad(t *testing.T) {
	dir := secSite(t)
	addr, s := secStart(t, dir)
	client := &http.Client{
		Timeout:       time.Minute,
		Transport:     &http.Transport{MaxIdleConnsPerHost: 32},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	defer client.CloseIdleConnections()
	d := 3 * time.Second
	if testing.Short() {
		d = time.Second
	}
	stop := time.Now().Add(d)
	var (
		requests, errs atomic.Int64
		mu             sync.Mutex
		problems       []string
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	check := func(target string, resp *http.Response) {
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			fail("%s: reading: %v", target, err)
			return
		}
		if resp.StatusCode >= 500 {
			fail("%s: status %d", target, resp.StatusCode)
		}
		if resp.ContentLength >= 0 && int64(len(body)) != resp.ContentLength {
			fail("%s: %d bytes of %d", target, len(body), resp.ContentLength)
		}
		for _, sec := range secrets {
			if strings.Contains(string(body), sec) {
				fail("%s: holds %s", target, sec)
			}
		}
		if resp.StatusCode == http.StatusOK && strings.HasSuffix(target, "/") && !strings.HasSuffix(strings.TrimSpace(string(body)), "</html>") {
			fail("%s: a torn page: %.100q", target, body[max(0, len(body)-100):])
		}
		// Pages, with the build errors shown over them when a note is
		// broken, hold no script but the site's and the reload script.
		if (resp.StatusCode == http.StatusOK || resp.StatusCode == http.StatusNotFound) && strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			page := reloadRE.ReplaceAll(body, nil)
			if p := htmlcheck.Page(page, htmlcheck.Policy{BasePath: secBase}); len(p) > 0 {
				fail("%s: %q", target, p)
			}
		}
	}
	// The hostile paths that Go's client sends as they are.
	var hostile []string
	for _, target := range traversals {
		if _, err := url.ParseRequestURI(target); err == nil && strings.HasPrefix(target, "/") && !strings.ContainsAny(target, `\`+"\uff0e") {
			hostile = append(hostile, target)
		}
	}
	var wg sync.WaitGroup
	// Editors: a note's title changes, and a broken note comes and goes.
	wg.Go(func() {
		note := filepath.Join(dir, "content", "2025", "12", "a.md")
		orig, _ := os.ReadFile(note)
		for i := 0; time.Now().Before(stop); i++ {
			text := strings.Replace(string(orig), "A strike on a port", fmt.Sprintf("A strike on a port, edit %d", i), 1)
			if i%5 == 4 {
				text = strings.Replace(text, `kind = "strike"`, `kind = "<script>alert(1)</script>"`, 1)
			}
			tmp := note + ".tmp~"
			os.WriteFile(tmp, []byte(text), 0o644)
			os.Rename(tmp, note)
			time.Sleep(40 * time.Millisecond)
		}
		os.WriteFile(note, orig, 0o644)
	})
	// Readers and attackers.
	for w := range 16 {
		wg.Go(func() {
			for i := 0; time.Now().Before(stop); i++ {
				target := secBase
				switch {
				case w%2 == 1:
					target = hostile[(w*31+i)%len(hostile)]
				case i%3 == 1:
					target = secBase + "events/a/"
				case i%3 == 2:
					target = secBase + "feed.xml"
				}
				resp, err := client.Get("http://" + addr + target)
				requests.Add(1)
				if err != nil {
					errs.Add(1)
					fail("%s: %v", target, err)
					continue
				}
				check(target, resp)
			}
		})
	}
	// Pages that open an event stream, read the first event, and leave.
	for range 4 {
		wg.Go(func() {
			for time.Now().Before(stop) {
				resp, err := client.Get("http://" + addr + "/_chronicle/events")
				requests.Add(1)
				if err != nil {
					fail("events: %v", err)
					continue
				}
				if resp.StatusCode != http.StatusOK {
					fail("events: status %d", resp.StatusCode)
				}
				bufio.NewReader(resp.Body).ReadString('\n')
				resp.Body.Close()
			}
		})
	}
	wg.Wait()
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("%d requests in %v, %d builds, %d transport errors", requests.Load(), d, s.builds.Load(), errs.Load())
	if requests.Load() < 50 {
		t.Errorf("only %d requests were answered", requests.Load())
	}
}
