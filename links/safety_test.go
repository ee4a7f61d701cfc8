package links

import (
	"errors"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"testing"
)

func TestPublic(t *testing.T) {
	for _, tt := range []struct {
		addr string
		ok   bool
		why  string
	}{
		{"8.8.8.8", true, ""},
		{"2a00:1450:4001:80b::200e", true, ""},
		{"64:ff9b::808:808", true, ""}, // NAT64 of 8.8.8.8
		{"2002:808:808::1", true, ""},  // 6to4 of 8.8.8.8
		{"127.0.0.1", false, "loopback"},
		{"127.9.9.9", false, "loopback"},
		{"::1", false, "loopback"},
		{"::ffff:127.0.0.1", false, "loopback"},
		{"::ffff:10.1.2.3", false, "private"},
		{"64:ff9b::7f00:1", false, "loopback"}, // NAT64 of 127.0.0.1
		{"64:ff9b::a00:1", false, "private"},   // NAT64 of 10.0.0.1
		{"2002:a00:1::1", false, "private"},    // 6to4 of 10.0.0.1
		{"64:ff9b:1::1", false, "local NAT64"},
		{"10.0.0.1", false, "private"},
		{"172.16.5.4", false, "private"},
		{"192.168.1.1", false, "private"},
		{"fd00::1", false, "private"},
		{"169.254.169.254", false, "link-local"}, // a cloud's metadata service
		{"fe80::1", false, "link-local"},
		{"fe80::1%eth0", false, "scoped"},
		{"224.0.0.1", false, "multicast"},
		{"ff02::1", false, "multicast"},
		{"ff0e::1", false, "multicast"},
		{"0.0.0.0", false, "unspecified"},
		{"::", false, "unspecified"},
		{"0.1.2.3", false, `"this network"`},
		{"100.64.0.1", false, "shared (carrier-grade NAT)"},
		{"192.0.0.8", false, "IETF protocol"},
		{"192.0.2.1", false, "documentation"},
		{"198.18.0.1", false, "benchmarking"},
		{"198.51.100.1", false, "documentation"},
		{"203.0.113.1", false, "documentation"},
		{"240.0.0.1", false, "reserved"},
		{"255.255.255.255", false, "reserved"},
		{"::7f00:1", false, "IPv4-compatible (deprecated)"},
		{"2001:db8::1", false, "documentation"},
		{"2001:0:4136:e378::1", false, "Teredo"},
		{"fec0::1", false, "site-local"},
		{"100::1", false, "discard"},
	} {
		ok, why := Public(netip.MustParseAddr(tt.addr))
		if ok != tt.ok || why != tt.why {
			t.Errorf("Public(%s) = %v, %q; want %v, %q", tt.addr, ok, why, tt.ok, tt.why)
		}
	}
	if ok, _ := Public(netip.Addr{}); ok {
		t.Error("the zero Addr is public")
	}
}

// TestRefused: without AllowPrivate a loopback server is never contacted,
// whether named by its address or by a public-looking name that resolves
// to it; and the control hook refuses the connection itself.
func TestRefused(t *testing.T) {
	s := answers(t)
	port := strconv.Itoa(s.Listener.Addr().(*net.TCPAddr).Port)
	named := "http://public.example:" + port + "/ok"
	opts := testOptions(t, &sleeps{})
	opts.AllowPrivate = false
	opts.LookupIP = testLookup(t, map[string]string{"public.example": "127.0.0.1"})
	res := check(t, opts, s.URL+"/ok", named, "http://[::ffff:127.0.0.1]:"+port+"/ok")
	for u, r := range res {
		if r.Status != Refused || !strings.Contains(r.Detail, "loopback address") || !strings.Contains(r.Detail, "-allow-private") {
			t.Errorf("%s: %v %q, want refused", u, r.Status, r.Detail)
		}
	}
	if d := res[named].Detail; !strings.HasPrefix(d, "public.example resolves to 127.0.0.1, a loopback address") {
		t.Errorf("named: %q", d)
	}
	if n := s.total(); n != 0 {
		t.Fatalf("the server saw %d requests, want none", n)
	}

	// The hook on the socket: a resolver that lies after the first check
	// (DNS rebinding) still meets it, since it judges the address dialled.
	d := newDialer(Public, nil)
	var blocked *BlockedError
	if err := d.control("tcp4", "127.0.0.1:80", nil); !errors.As(err, &blocked) || blocked.Why != "loopback" {
		t.Errorf("control(127.0.0.1:80) = %v", err)
	}
	if err := d.control("tcp6", "[fe80::1%lo]:80", nil); err == nil {
		t.Error("control let a scoped link-local address through")
	}
	if err := d.control("tcp4", "93.184.215.14:443", nil); err != nil {
		t.Errorf("control refused a public address: %v", err)
	}
}

// TestRedirectToPrivate: a redirect from an allowed host to a loopback one
// is refused, and the loopback server sees nothing. 127.0.0.2 plays the
// public host; both are loopback, so nothing leaves the machine.
func TestRedirectToPrivate(t *testing.T) {
	inner := answers(t) // on 127.0.0.1
	port := strconv.Itoa(inner.Listener.Addr().(*net.TCPAddr).Port)
	outer := newServer(t, "127.0.0.2", func(_ *server, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/by-address":
			http.Redirect(w, r, inner.URL+"/ok", http.StatusFound)
		case "/by-name":
			http.Redirect(w, r, "http://inner.example:"+port+"/ok", http.StatusMovedPermanently)
		case "/ok":
		}
	})
	opts := testOptions(t, &sleeps{})
	opts.AllowPrivate = false
	opts.LookupIP = testLookup(t, map[string]string{"inner.example": "127.0.0.1"})
	opts.allow = func(a netip.Addr) (bool, string) {
		if a == netip.MustParseAddr("127.0.0.2") {
			return true, ""
		}
		return Public(a)
	}
	res := check(t, opts, outer.URL+"/ok", outer.URL+"/by-address", outer.URL+"/by-name")
	if r := res[outer.URL+"/ok"]; r.Status != OK {
		t.Errorf("the allowed host: %v %s", r.Status, r.Detail)
	}
	for _, p := range []string{"/by-address", "/by-name"} {
		if r := res[outer.URL+p]; r.Status != Refused || !strings.Contains(r.Detail, "loopback") {
			t.Errorf("%s: %v %q, want refused", p, r.Status, r.Detail)
		}
	}
	if n := inner.total(); n != 0 {
		t.Fatalf("the loopback server saw %d requests, want none", n)
	}
	if n := outer.total(); n != 3 {
		t.Errorf("the allowed server saw %d requests, want 3", n)
	}
}

// TestNoProxy: a proxy set in the environment is not used: the proxy, not
// the link's host, would be what the address check judged.
func TestNoProxy(t *testing.T) {
	proxy := newServer(t, "127.0.0.1", func(*server, http.ResponseWriter, *http.Request) {})
	t.Setenv("HTTP_PROXY", proxy.URL)
	t.Setenv("HTTPS_PROXY", proxy.URL)
	s := answers(t)
	if r := check(t, testOptions(t, &sleeps{}), s.URL+"/ok")[s.URL+"/ok"]; r.Status != OK {
		t.Fatalf("%v %s", r.Status, r.Detail)
	}
	if proxy.total() != 0 || s.count("/ok") != 1 {
		t.Errorf("proxy saw %d requests, the server %d", proxy.total(), s.count("/ok"))
	}
}
