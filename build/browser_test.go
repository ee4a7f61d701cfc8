package build

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/chronicle-tools/chronicle/internal/browser"
	"github.com/chronicle-tools/chronicle/site"
)

// What only a browser shows: the filters, the search, the URL state, the
// page without JavaScript, and accessibility as axe-core judges it. These
// run the shipped chronology in Debian's Chromium.

func shippedSite(t *testing.T) (*Result, string) {
	t.Helper()
	res, err := Build(os.DirFS(".."), site.Options{BaseURL: "/chronology/"})
	if err != nil {
		t.Fatal(err)
	}
	return res, browser.Serve(t, res.Files, "/chronology/")
}

// within bounds one step: generous, because a slow machine is not a bug.
func within(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, 60*time.Second)
}

func visibleIDs(t *testing.T, ctx context.Context) []string {
	t.Helper()
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("article.event")).filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id)`))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	return ids
}

func choose(name, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const s = document.querySelector('#filters [name=%q]'); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true})); })()`, name, value))
}

func eventIDs(events []*site.Event, keep func(*site.Event) bool) []string {
	var ids []string
	for _, e := range events {
		if keep(e) {
			ids = append(ids, e.ID)
		}
	}
	slices.Sort(ids)
	return ids
}

func TestBrowserFilters(t *testing.T) {
	res, base := shippedSite(t)
	ctx, cancel := within(browser.New(t))
	defer cancel()
	events := res.Site.Events
	all := eventIDs(events, func(*site.Event) bool { return true })
	strikes := eventIDs(events, func(e *site.Event) bool { return e.Kind == "strike" })

	if err := chromedp.Do(ctx, chromedp.Navigate(base), chromedp.WaitVisible("#filters")); err != nil {
		t.Fatal(err)
	}
	if got := visibleIDs(t, ctx); !slices.Equal(got, all) {
		t.Fatalf("before filtering %d events shown, want %d", len(got), len(all))
	}

	// A kind shows only that kind, and the count says so.
	if err := chromedp.Do(ctx, choose("kind", "strike")); err != nil {
		t.Fatal(err)
	}
	if got := visibleIDs(t, ctx); !slices.Equal(got, strikes) {
		t.Errorf("kind=strike shows %v, want %v", got, strikes)
	}
	count, _ := chromedp.Run(ctx, chromedp.Text("#filter-count"))
	if want := fmt.Sprintf("%d of %d events shown", len(strikes), len(all)); count != want {
		t.Errorf("count says %q, want %q", count, want)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.HasSuffix(loc, "?kind=strike") {
		t.Errorf("the URL does not carry the filter: %s", loc)
	}

	// A second filter, then back: the first view returns.
	claimedStrikes := eventIDs(events, func(e *site.Event) bool { return e.Kind == "strike" && e.Status == "claimed" })
	if err := chromedp.Do(ctx, choose("status", "claimed")); err != nil {
		t.Fatal(err)
	}
	if got := visibleIDs(t, ctx); !slices.Equal(got, claimedStrikes) {
		t.Errorf("kind=strike&status=claimed shows %v, want %v", got, claimedStrikes)
	}
	if err := chromedp.Do(ctx, chromedp.NavigateBack()); err != nil {
		t.Fatal(err)
	}
	if got := visibleIDs(t, ctx); !slices.Equal(got, strikes) {
		t.Errorf("after Back, %d events shown, want the %d strikes", len(got), len(strikes))
	}

	// Clear filters is one click.
	if err := chromedp.Do(ctx, chromedp.Click("#filter-clear")); err != nil {
		t.Fatal(err)
	}
	if got := visibleIDs(t, ctx); !slices.Equal(got, all) {
		t.Errorf("after Clear filters, %d events shown", len(got))
	}

	// A filtered URL opened directly shows the same view.
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"?kind=strike&status=claimed"), chromedp.WaitVisible("#filters")); err != nil {
		t.Fatal(err)
	}
	if got := visibleIDs(t, ctx); !slices.Equal(got, claimedStrikes) {
		t.Errorf("opened directly, the filtered URL shows %v, want %v", got, claimedStrikes)
	}
	kind, _ := chromedp.Run(ctx, chromedp.Value("#f-kind"))
	if kind != "strike" {
		t.Errorf("the kind control shows %q, want strike", kind)
	}
}

func TestBrowserSearch(t *testing.T) {
	res, base := shippedSite(t)
	ctx, cancel := within(browser.New(t))
	defer cancel()

	// A publisher that only one note cites.
	byPub := map[string][]string{}
	for _, e := range res.Site.Events {
		for _, src := range e.Sources {
			if !slices.Contains(byPub[src.Publisher], e.ID) {
				byPub[src.Publisher] = append(byPub[src.Publisher], e.ID)
			}
		}
	}
	var pub string
	for _, p := range slices.Sorted(maps.Keys(byPub)) {
		if len(byPub[p]) == 1 && len(strings.Fields(p)) == 1 && len(p) > 5 {
			pub = p
			break
		}
	}
	if pub == "" {
		t.Fatal("no publisher cited by a single note")
	}
	// And a word that the notes' bodies hold but no title or summary does.
	word := "Filanovsky"
	withWord := eventIDs(res.Site.Events, func(e *site.Event) bool {
		return strings.Contains(strings.ToLower(e.Title+" "+e.Summary+" "+e.Text()), strings.ToLower(word))
	})
	if len(withWord) < 2 {
		t.Fatalf("want a word in several notes, %q is in %v", word, withWord)
	}

	for _, tc := range []struct {
		q    string
		want []string
	}{{pub, byPub[pub]}, {strings.ToLower(word), withWord}} {
		err := chromedp.Do(ctx, chromedp.Navigate(base), chromedp.WaitVisible("#f-q"), chromedp.SendKeys("#f-q", tc.q))
		if err == nil {
			_, err = chromedp.Run(ctx, chromedp.Poll[bool](fmt.Sprintf(`document.querySelectorAll("article.event:not([hidden])").length === %d`, len(tc.want))))
		}
		if err != nil {
			t.Fatalf("searching %q: %v (shown: %v, want %v)", tc.q, err, visibleIDs(t, ctx), tc.want)
		}
		if got := visibleIDs(t, ctx); !slices.Equal(got, tc.want) {
			t.Errorf("search %q shows %v, want %v", tc.q, got, tc.want)
		}
	}
}

func TestBrowserWithoutJavaScript(t *testing.T) {
	res, base := shippedSite(t)
	ctx, cancel := within(browser.New(t))
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"?kind=strike"), chromedp.WaitReady("main")); err != nil {
		t.Fatal(err)
	}
	if got := visibleIDs(t, ctx); len(got) != len(res.Site.Events) {
		t.Errorf("without JavaScript %d events are shown, want all %d", len(got), len(res.Site.Events))
	}
	hidden, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("filters").offsetParent === null`))
	if !hidden {
		t.Error("the filter controls show without JavaScript")
	}
}

// axePath finds axe-core, which .ci/run installs with npm.
func axePath(t *testing.T) string {
	if p := os.Getenv("AXE_CORE"); p != "" {
		return p
	}
	p, _ := filepath.Abs("../.ci/tools/node_modules/axe-core/axe.min.js")
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("axe-core is not installed; .ci/run should have installed it")
		}
		t.Skip("axe-core not installed (npm install --prefix .ci/tools axe-core)")
	}
	return p
}

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

func TestBrowserAccessibility(t *testing.T) {
	axe, err := os.ReadFile(axePath(t))
	if err != nil {
		t.Fatal(err)
	}
	_, base := shippedSite(t)
	root := browser.New(t)
	shots := os.Getenv("CHRONICLE_SCREENSHOTS")
	for _, scheme := range []string{"light", "dark"} {
		for _, page := range []string{"", "events/2025-12-19-odesa-port-strike/", "places/odesa-region/", "sources/", "sources/kyiv-independent/", "storylines/"} {
			t.Run(scheme+"/"+page, func(t *testing.T) {
				ctx, cancel := within(browser.Tab(t, root))
				defer cancel()
				_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}})
				if err != nil {
					t.Fatal(err)
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(base+page), chromedp.WaitReady("main")); err != nil {
					t.Fatal(err)
				}
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](string(axe))); err != nil {
					t.Fatal(err)
				}
				out, err := chromedp.Run(ctx, chromedp.Evaluate[string](
					`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`,
					chromedp.EvalAwaitPromise))
				if err != nil {
					t.Fatal(err)
				}
				var vs []axeViolation
				if err := json.Unmarshal([]byte(out), &vs); err != nil {
					t.Fatal(err)
				}
				for _, v := range vs {
					msg := fmt.Sprintf("%s (%s): %s", v.ID, v.Impact, v.Help)
					for _, n := range v.Nodes[:min(3, len(v.Nodes))] {
						msg += "\n    " + n.HTML
					}
					if v.Impact == "serious" || v.Impact == "critical" {
						t.Error(msg)
					} else {
						t.Log(msg)
					}
				}
				if shots != "" {
					for _, w := range []int64{375, 1280} {
						if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 1600)); err != nil {
							t.Fatal(err)
						}
						png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
						if err == nil {
							name := fmt.Sprintf("%s-%s-%d.png", strings.ReplaceAll(strings.Trim("front/"+page, "/"), "/", "_"), scheme, w)
							os.WriteFile(filepath.Join(shots, name), png, 0o644)
						}
					}
				}
			})
		}
	}
}
