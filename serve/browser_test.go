package serve

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/chronicle-tools/chronicle/internal/browser"
)

// run runs one action with a generous timeout.
func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	v, err := chromedp.Run(tctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// waitFor evaluates expr until it is true. The page may reload in between,
// which fails an evaluation now and then: those are tried again.
func waitFor(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	var last error
	for time.Now().Before(deadline) {
		tctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		ok, err := chromedp.Run(tctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: not so after a minute (%s; last error %v)", what, expr, last)
}

// screenshot saves the page as name in $CHRONICLE_SCREENSHOTS, or in a
// temporary folder.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	dir := os.Getenv("CHRONICLE_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	png := run(t, ctx, chromedp.CaptureScreenshot())
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", filepath.Join(dir, name))
}

// TestBrowser drives Chromium through an author's session: open an event
// page, edit its note, see the new title without touching the browser;
// break the note and see the overlay; fix it and see the page recover;
// keep the scroll position over a reload; reload after the server restarts.
func TestBrowser(t *testing.T) {
	ctx := browser.New(t)
	dir := smallSite(t)
	s := watching(t, Options{Dir: dir})
	base, stop := startServe(t, s, false)
	addr := strings.TrimPrefix(base, "http://")
	h1Is := func(title string) string {
		return fmt.Sprintf(`(function(){ var h = document.querySelector("main h1"); return !!h && h.textContent === %q && document.readyState === "complete"; })()`, title)
	}

	run(t, ctx, chromedp.Navigate(base+eventURL(2)))
	waitFor(t, ctx, "the event page", h1Is("Event number 2"))
	// A mark that lasts until the page reloads.
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`window.chronicleTestMark = 1`))

	edit(t, dir, 2, "A title written in the editor")
	waitFor(t, ctx, "the new title", h1Is("A title written in the editor"))
	if loc := run(t, ctx, chromedp.Location()); loc != base+eventURL(2) {
		t.Errorf("the page moved to %s", loc)
	}

	broken := strings.Replace(noteText(2, "A title written in the editor"), `kind = "statement"`, `kind = "statment"`, 1)
	if broken == noteText(2, "A title written in the editor") {
		t.Fatal("the test's note has no kind to break")
	}
	editText(t, dir, 2, broken)
	waitFor(t, ctx, "the overlay", `!!document.getElementById("chronicle-overlay") && document.readyState === "complete"`)
	text := run(t, ctx, chromedp.Evaluate[string](`document.getElementById("chronicle-overlay").innerText`))
	for _, want := range []string{"The site did not build: 1 error", filepath.ToSlash(notePath(2)) + ":4", `kind "statment" is not defined (did you mean "statement"?)`, `kind = "statment"`} {
		if !strings.Contains(text, want) {
			t.Errorf("the overlay does not say %q:\n%s", want, text)
		}
	}
	// Its stylesheet and script ran under the site's Content-Security-Policy.
	waitFor(t, ctx, "the overlay's style", `getComputedStyle(document.getElementById("chronicle-overlay")).position === "fixed"`)
	waitFor(t, ctx, "the overlay's button", `!document.querySelector("#chronicle-overlay .chronicle-hide").hidden`)
	// Over the last good page.
	waitFor(t, ctx, "the last good page", h1Is("A title written in the editor"))
	screenshot(t, ctx, "overlay.png")

	edit(t, dir, 2, "The recovered title")
	waitFor(t, ctx, "the recovery", h1Is("The recovered title")+` && !document.getElementById("chronicle-overlay")`)
	screenshot(t, ctx, "recovered.png")

	// The scroll position survives a reload.
	run(t, ctx, chromedp.EmulateViewport(900, 300))
	run(t, ctx, chromedp.Navigate(base+"/chronology/"))
	waitFor(t, ctx, "the front page", `document.readyState === "complete" && document.body.scrollHeight > innerHeight + 200`)
	y := run(t, ctx, chromedp.Evaluate[float64](`window.scrollTo(0, 200); window.chronicleTestMark = 1; window.scrollY`))
	if y < 100 {
		t.Fatalf("could not scroll the front page (scrollY %v)", y)
	}
	edit(t, dir, 0, "Event numbex 0") // same length: the same layout
	waitFor(t, ctx, "the reload", `!window.chronicleTestMark && document.readyState === "complete" && document.body.textContent.includes("Event numbex 0")`)
	waitFor(t, ctx, "the scroll position", fmt.Sprintf(`Math.abs(window.scrollY - %v) <= 2`, y))

	// The page reconnects to a restarted server, and reloads from it.
	run(t, ctx, chromedp.Evaluate[chromedp.Void](`window.chronicleTestMark = 1`))
	if err := stop(); err != nil {
		t.Fatalf("stopping: %v", err)
	}
	s.Close()
	edit(t, dir, 1, "Edited while the server was down")
	s2 := watching(t, Options{Dir: dir})
	startServeAt(t, s2, addr, false)
	waitFor(t, ctx, "the reload after a restart", `!window.chronicleTestMark && document.readyState === "complete" && document.body.textContent.includes("Edited while the server was down")`)
}

// TestBrowserManyPages opens more pages than a browser opens connections
// to one server (six): they share one event stream, so every page loads,
// and an edit reloads each page that shows it.
func TestBrowserManyPages(t *testing.T) {
	ctx := browser.New(t)
	dir := smallSite(t)
	s := watching(t, Options{Dir: dir})
	base, _ := startServe(t, s, false)
	var tabs []context.Context
	for i := range 9 {
		tab := browser.Tab(t, ctx)
		if err := chromedp.Do(tab); err != nil { // opens the tab, without a timeout
			t.Fatal(err)
		}
		tabs = append(tabs, tab)
		run(t, tab, chromedp.Navigate(base+eventURL(i%5)))
		waitFor(t, tab, fmt.Sprintf("page %d", i), `document.readyState === "complete"`)
		run(t, tab, chromedp.Evaluate[chromedp.Void](`window.chronicleTestMark = 1`))
	}
	edit(t, dir, 1, "Seen in every page")
	for i, tab := range tabs {
		if i%5 == 1 {
			waitFor(t, tab, fmt.Sprintf("page %d", i), `!window.chronicleTestMark && document.readyState === "complete" && document.querySelector("main h1").textContent === "Seen in every page"`)
		}
	}
}
