package serve

import (
	"net"
	"strings"
	"testing"
)

func TestListenBusyPort(t *testing.T) {
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, err = Listen(ln.Addr().String())
	if err == nil {
		t.Fatal("listened twice on one port")
	}
	for _, want := range []string{ln.Addr().String() + " is already in use", "-addr 127.0.0.1:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if _, err := Listen("127.0.0.1:http-nope"); err == nil || !strings.Contains(err.Error(), "-addr") {
		t.Errorf("a bad address gives %v", err)
	}
}

func TestSiteURLAndExposure(t *testing.T) {
	for _, tt := range []struct {
		ip      string
		url     string
		exposed bool
	}{
		{"127.0.0.1", "http://127.0.0.1:1313/chronology/", false},
		{"::1", "http://[::1]:1313/chronology/", false},
		{"0.0.0.0", "http://127.0.0.1:1313/chronology/", true},
		{"::", "http://127.0.0.1:1313/chronology/", true},
		{"192.168.1.20", "http://192.168.1.20:1313/chronology/", true},
	} {
		addr := &net.TCPAddr{IP: net.ParseIP(tt.ip), Port: 1313}
		if got := SiteURL(addr, "/chronology/"); got != tt.url {
			t.Errorf("SiteURL(%s) = %q, want %q", tt.ip, got, tt.url)
		}
		w := Exposure(addr)
		if (w != "") != tt.exposed {
			t.Errorf("Exposure(%s) = %q", tt.ip, w)
		}
		if w != "" && !strings.Contains(w, "-addr 127.0.0.1:1313") {
			t.Errorf("Exposure(%s) = %q does not say how to stay local", tt.ip, w)
		}
	}
}
