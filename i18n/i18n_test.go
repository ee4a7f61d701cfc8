package i18n

import (
	"html/template"
	"strings"
	"testing"
)

func get(t *testing.T, code string) *Lang {
	t.Helper()
	l, err := Get(code)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// Every shipped catalogue is complete: a key missing from one is shown in
// English, which Chronicle's own languages must never need.
func TestShippedComplete(t *testing.T) {
	if got := strings.Join(Shipped(), " "); got != "en ru uk" {
		t.Errorf("Shipped() = %q", got)
	}
	for _, code := range Shipped() {
		if p := get(t, code).Problems(); len(p) > 0 {
			t.Errorf("%s: %v", code, p)
		}
	}
}

func TestGet(t *testing.T) {
	for tag, want := range map[string]string{"en": "en", "uk": "uk", "uk-UA": "uk", "RU": "ru", "en-GB": "en"} {
		if l, err := Get(tag); err != nil || l.Code != want {
			t.Errorf("Get(%q) = %v, %v; want %s", tag, l, err, want)
		}
	}
	_, err := Get("de")
	if err == nil || !strings.Contains(err.Error(), "en, ru, uk") || !strings.Contains(err.Error(), "i18n/de.toml") {
		t.Errorf("Get(de) error = %v; want the shipped languages and how to add one", err)
	}
}

func TestPlurals(t *testing.T) {
	want := map[string]map[int]string{
		"en": {0: "0 sources", 1: "1 source", 2: "2 sources", 5: "5 sources", 11: "11 sources", 21: "21 sources", 101: "101 sources"},
		"uk": {0: "0 джерел", 1: "1 джерело", 2: "2 джерела", 5: "5 джерел", 11: "11 джерел", 21: "21 джерело", 22: "22 джерела", 25: "25 джерел", 101: "101 джерело", 111: "111 джерел", 1000001: "1000001 джерело"},
		"ru": {0: "0 источников", 1: "1 источник", 2: "2 источника", 5: "5 источников", 11: "11 источников", 21: "21 источник", 22: "22 источника", 25: "25 источников", 101: "101 источник", 112: "112 источников"},
	}
	for code, cases := range want {
		l := get(t, code)
		for n, w := range cases {
			if got := l.N("count.sources", n); got != w {
				t.Errorf("%s N(count.sources, %d) = %q, want %q", code, n, got, w)
			}
		}
	}
	uk := get(t, "uk")
	for n, w := range map[int]string{1: "1 подія", 3: "3 події", 5: "5 подій", 21: "21 подія", 22: "22 події", 25: "25 подій"} {
		if got := uk.N("count.events", n); got != w {
			t.Errorf("uk events %d = %q, want %q", n, got, w)
		}
	}
	if got := get(t, "ru").N("list.shown", 5, "shown", 2); got != "Показано 2 из 5 событий" {
		t.Errorf("ru list.shown = %q", got)
	}
}

// A catalogue missing keys and plural forms falls back, and Check names
// what it lacks and what English has not.
func TestFallbackAndCheck(t *testing.T) {
	l, err := parse("uk", []byte(`
[language]
name = "Українська"
[site]
skip = "Перейти до змісту"
skipp = "typo"
[count.events]
one = "{count} подія"
many = "{count} подій"
`))
	if err != nil {
		t.Fatal(err)
	}
	l.en = English()
	if got := l.T("site.skip"); got != "Перейти до змісту" {
		t.Errorf("own key: %q", got)
	}
	if got := l.T("event.related"); got != "Related events" {
		t.Errorf("fallback: %q", got)
	}
	if got := l.T("no.such.key"); got != "no.such.key" {
		t.Errorf("unknown key: %q", got)
	}
	// 3 is few, which this catalogue lacks, and so is other: English.
	if got := l.N("count.events", 3); got != "3 events" {
		t.Errorf("missing form: %q", got)
	}
	if got := l.N("count.events", 5); got != "5 подій" {
		t.Errorf("own form: %q", got)
	}
	missing, extra := l.Check()
	if !contains(missing, "count.events.few") || !contains(missing, "event.related") || contains(missing, "site.skip") {
		t.Errorf("missing = %v", missing)
	}
	if strings.Join(extra, ",") != "site.skipp" {
		t.Errorf("extra = %v", extra)
	}
	p := l.Problems()
	if len(p) != 2 || !strings.HasPrefix(p[0], "i18n: uk lacks ") || !strings.Contains(p[0], "strings: ") {
		t.Errorf("Problems() = %q", p)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestPlaceholders(t *testing.T) {
	en := English()
	if got := en.T("event.accessed", "date", "19 December 2025"); got != "Accessed 19 December 2025." {
		t.Errorf("T = %q", got)
	}
	// An argument not given stays as written, so that the mistake shows.
	if got := en.T("event.accessed"); got != "Accessed {date}." {
		t.Errorf("T without args = %q", got)
	}
	n := 2
	got := en.HTML("sources.publisher_overview", nil, "sources", en.N("count.sources", n), "all", template.HTML(`<a href="/sources/">All publishers</a>`))
	if want := template.HTML(`2 sources, each with the events that cite it. <a href="/sources/">All publishers</a>.`); got != want {
		t.Errorf("HTML = %q", got)
	}
	if got := en.HTML("event.earlier", nil, "title", "<b>&"); got != "← Earlier: &lt;b&gt;&amp;" {
		t.Errorf("HTML escapes = %q", got)
	}
	if got := en.HTML("count.events", &n); got != "2 events" {
		t.Errorf("HTML count = %q", got)
	}
}

func TestBadCatalogue(t *testing.T) {
	for name, text := range map[string]string{
		"syntax":      "[site\n",
		"number":      "[site]\nskip = 3\n",
		"no months":   "[site]\nskip = \"x\"\n",
		"short list":  "[date]\nmonths = [\"a\"]\n",
		"months type": "[date]\nmonths = [1,2,3,4,5,6,7,8,9,10,11,12]\n",
	} {
		code := "xx"
		if name == "short list" || name == "months type" {
			code = "uk"
		}
		if _, err := parse(code, []byte(text)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
