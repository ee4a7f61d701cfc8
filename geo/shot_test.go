package geo

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chronicle-tools/chronicle/internal/browser"
)

// TestShippedMapScreenshots draws the shipped map into a page at a phone's and
// a desktop's width and saves what Chromium shows to /tmp/geo-shots/, for a
// person to look at; it checks only that the map loads and has its links.
func TestShippedMapScreenshots(t *testing.T) {
	if testing.Short() || browser.Path() == "" {
		t.Skip("needs chromium")
	}
	pts := shippedPoints(t)
	mux := http.NewServeMux()
	for _, w := range []int{390, 1280} {
		svg := Map(NaturalEarth(), pts, Options{Width: w, Title: "Where the events happened"})
		page := fmt.Sprintf(`<!doctype html><html lang="en"><meta name="viewport" content="width=device-width">`+
			`<title>map</title><link rel="stylesheet" href="/s.css"><body><figure>%s</figure></body></html>`, svg)
		mux.HandleFunc(fmt.Sprintf("/%d/", w), func(rw http.ResponseWriter, _ *http.Request) {
			rw.Header().Set("Content-Type", "text/html; charset=utf-8")
			rw.Header().Set("Content-Security-Policy", "default-src 'self'")
			_, _ = rw.Write([]byte(page))
		})
	}
	// An external sheet, as the CSP allows: the map scales down with its page.
	mux.HandleFunc("/s.css", func(rw http.ResponseWriter, _ *http.Request) {
		rw.Header().Set("Content-Type", "text/css")
		_, _ = rw.Write([]byte("body,figure{margin:0} svg{max-width:100%;height:auto;display:block}"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	ctx := browser.New(t)
	dir := "/tmp/geo-shots"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{390, 1280} {
		tab := browser.Tab(t, ctx)
		tab, cancel := context.WithTimeout(tab, 30*time.Second)
		err := chromedp.Do(tab,
			chromedp.EmulateViewport(int64(w), 900),
			chromedp.Navigate(fmt.Sprintf("%s/%d/", srv.URL, w)),
		)
		var links int
		if err == nil {
			links, err = chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll("svg a[href]").length`))
		}
		var png []byte
		if err == nil {
			png, err = chromedp.Run(tab, chromedp.FullScreenshot(100))
		}
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		if links != len(pts) {
			t.Errorf("width %d: %d links, want %d", w, links, len(pts))
		}
		name := filepath.Join(dir, fmt.Sprintf("map-%d.png", w))
		if err := os.WriteFile(name, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", name)
	}
}
