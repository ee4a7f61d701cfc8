package serve

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestLocalHost(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1:1313": true, "localhost:1313": true, "LOCALHOST": true, "[::1]:1313": true,
		"192.168.1.5:1313": true, "app.localhost:80": true, "localhost.": true,
		"evil.example:1313": false, "attacker.com": false, "localhost.evil.example": false, "": false,
	} {
		if got := localHost(host); got != want {
			t.Errorf("localHost(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestHostGuard(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	for host, want := range map[string]int{"127.0.0.1:1313": 200, "localhost:1313": 200, "rebound.example:1313": http.StatusMisdirectedRequest} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		hostGuard(ok).ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %s: status %d, want %d", host, w.Code, want)
		}
	}
}
