package site

import (
	"strings"
	"testing"
	"testing/fstest"
)

const transConfig = `title = "Talks"
language = "en"
languages = ["uk"]

[kinds.strike]
label = "Strikes"

[storylines.black-sea]
title = "Ports and the Black Sea"

[translations.uk]
title = "Переговори"

[translations.uk.kinds]
strike = "Удари"

[translations.uk.storylines.black-sea]
title = "Порти й Чорне море"

[translations.uk.places]
"Odesa region" = "Одеська область"
`

const original = `+++
title = "Strike on Odesa region port"
date = 2025-12-19
kind = "strike"
places = ["Odesa region"]
status = "claimed"
claimed_by = "Governor Oleh Kiper"
storylines = ["black-sea"]

[[sources]]
id = "kiper"
title = "Statement on the strike"
publisher = "Oleh Kiper (Telegram)"
url = "https://t.me/kiper/123"
published = 2025-12-19

[[sources]]
id = "ukrinform"
title = "Port hit"
publisher = "Ukrinform"
url = "https://www.ukrinform.net/1"
published = 2025-12-20
+++

The governor said 8 people were killed and 27 wounded.[@kiper]

Port work stopped for 2 days.[@ukrinform]
`

// translated is original in Ukrainian, with every figure, source and date
// kept.
const translated = `+++
title = "Удар по порту в Одеській області"
date = 2025-12-19
kind = "strike"
places = ["Odesa region"]
status = "claimed"
claimed_by = "Губернатор Олег Кіпер"
storylines = ["black-sea"]

[[sources]]
id = "kiper"
title = "Statement on the strike"
publisher = "Oleh Kiper (Telegram)"
url = "https://t.me/kiper/123"
published = 2025-12-19

[[sources]]
id = "ukrinform"
title = "Port hit"
publisher = "Ukrinform"
url = "https://www.ukrinform.net/1"
published = 2025-12-20
+++

За словами губернатора, 8 людей загинули, 27 поранені.[@kiper]

Робота порту зупинилася на 2 дні.[@ukrinform]
`

func loadFS(t *testing.T, files map[string]string) (*Site, Diagnostics) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return Load(fsys, Options{})
}

func TestTranslationAttached(t *testing.T) {
	for _, cache := range []bool{false, true} {
		fsys := fstest.MapFS{
			"config.toml":               {Data: []byte(transConfig)},
			"content/2025/x.md":         {Data: []byte(original)},
			"content/2025/x.uk.md":      {Data: []byte(translated)},
			"content/pages/about.md":    {Data: []byte("+++\ntitle = \"About\"\n+++\nText.\n")},
			"content/pages/about.uk.md": {Data: []byte("+++\ntitle = \"Про хронологію\"\n+++\nТекст.\n")},
			"content/2025/y.md":         {Data: []byte(strings.Replace(original, "2025-12-19\nkind", "2025-12-21\nkind", 1))},
		}
		opts := Options{}
		if cache {
			opts.Cache = NewCache()
		}
		s, diags := Load(fsys, opts)
		if s == nil || len(diags) > 0 {
			t.Fatalf("cache %v: %v", cache, diags)
		}
		if len(s.Events) != 2 {
			t.Fatalf("%d events, want 2: a translation is not an event of its own", len(s.Events))
		}
		x := s.Event("x")
		tr := x.Translation("uk")
		if tr == nil || tr.Lang != "uk" || tr.ID != "x" || tr.Original != x || tr.Path != "content/2025/x.uk.md" {
			t.Fatalf("translation = %+v", tr)
		}
		if tr.Title != "Удар по порту в Одеській області" || !strings.Contains(string(tr.Body), "Робота порту") {
			t.Errorf("translation's text: %q", tr.Title)
		}
		if s.Event("y").Translation("uk") != nil || x.Translation("ru") != nil {
			t.Error("a note not translated has a translation")
		}
		if s.Event("x.uk") != nil {
			t.Error("the translation is an event of its own")
		}
		about := s.Pages[0]
		if len(s.Pages) != 1 || about.Translation("uk") == nil || about.Translation("uk").Title != "Про хронологію" || about.Translation("uk").URL != "/uk/about/" {
			t.Errorf("pages: %d, about's translation %+v", len(s.Pages), about.Translation("uk"))
		}
		ed := s.Config.Edition("uk")
		if ed == nil || ed.Title != "Переговори" || ed.UI.Code != "uk" || ed.KindLabel(s.Config.Kind("strike")) != "Удари" ||
			ed.Storyline(s.Config.Storyline("black-sea")).Title != "Порти й Чорне море" ||
			ed.TermName("places", "Odesa region") != "Одеська область" || ed.TermName("actors", "Russia") != "Russia" {
			t.Errorf("edition = %+v", ed)
		}
		for tax, want := range map[string]string{"kinds": "Удари", "storylines": "Порти й Чорне море", "places": "Одеська область"} {
			if name, _ := ed.Term(s.Taxonomy(tax).Terms[0]); name != want {
				t.Errorf("%s: edition's term name %q, want %q", tax, name, want)
			}
		}
		if s.Taxonomy("places").Terms[0].Slug != "odesa-region" {
			t.Error("a term's slug is the main language's")
		}
	}
}

// Without languages, x.uk.md alone is a note of its own, as before
// editions existed.
func TestNoLanguagesUnchanged(t *testing.T) {
	cfg := strings.Split(transConfig, "languages")[0] + "\n[kinds.strike]\nlabel = \"Strikes\"\n[storylines.black-sea]\ntitle = \"B\"\n"
	s, diags := loadFS(t, map[string]string{"config.toml": cfg, "content/x.uk.md": original})
	if s == nil || diags.Errors() > 0 {
		t.Fatal(diags)
	}
	if s.Event("x.uk") == nil || s.Config.UI.Code != "en" || len(s.Config.Editions) != 0 {
		t.Errorf("x.uk.md alone: events %v", s.Events)
	}
}

func TestTranslationProblems(t *testing.T) {
	noLangs := strings.Replace(strings.Split(transConfig, "[translations.uk]")[0], `languages = ["uk"]`, "", 1)
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  []string // path: message fragment
	}{
		{"orphan", map[string]string{"config.toml": transConfig, "content/z.uk.md": translated},
			[]string{`content/z.uk.md: this is a translation into "uk", but no note has the id "z"`}},
		{"orphan page", map[string]string{"config.toml": transConfig, "content/x.md": original, "content/pages/faq.uk.md": "+++\ntitle = \"ЧаП\"\n+++\n"},
			[]string{`content/pages/faq.uk.md: this is a translation into "uk", but there is no page content/pages/faq.md`}},
		{"unlisted", map[string]string{"config.toml": noLangs, "content/x.md": original, "content/x.ru.md": translated},
			[]string{`content/x.ru.md: this reads as a translation of the note "x" into "ru", but config.toml's languages does not list "ru": add it, as languages = ["ru"]`}},
		{"unlisted with uk", map[string]string{"config.toml": transConfig, "content/x.md": original, "content/x.ru.md": translated},
			[]string{`languages = ["uk", "ru"]`}},
		{"own language", map[string]string{"config.toml": transConfig, "content/x.md": original, "content/x.en.md": translated},
			[]string{`content/x.en.md: this reads as a translation of the note "x" into "en", the site's own language`}},
		{"twice", map[string]string{"config.toml": transConfig, "content/x.md": original, "content/a/x.uk.md": translated, "content/b/x.uk.md": translated},
			[]string{`content/b/x.uk.md: content/a/x.uk.md is also a translation of "x" into "uk"`}},
		{"unknown language", map[string]string{"config.toml": strings.Replace(transConfig, `language = "en"`, `language = "de"`, 1), "content/x.md": original},
			[]string{`config.toml:2: language "de" has no interface catalogue: Chronicle ships en, ru, uk. To add a language, copy i18n/en.toml to i18n/de.toml`}},
		{"unknown edition", map[string]string{"config.toml": strings.Replace(transConfig, `languages = ["uk"]`, `languages = ["uk", "fr"]`, 1), "content/x.md": original},
			[]string{`config.toml:3: language "fr" has no interface catalogue`}},
		{"edition is the main language", map[string]string{"config.toml": strings.Replace(transConfig, `languages = ["uk"]`, `languages = ["uk", "en"]`, 1), "content/x.md": original},
			[]string{`languages lists "en", the site's own language`}},
		{"translations of an unlisted language", map[string]string{"config.toml": transConfig + "\n[translations.ru]\ntitle = \"x\"\n", "content/x.md": original},
			[]string{`[translations.ru] is for a language the site does not list: add "ru" to languages`}},
		{"unknown kind", map[string]string{"config.toml": strings.Replace(transConfig, `strike = "Удари"`, `battle = "Бої"`, 1), "content/x.md": original},
			[]string{`config.toml:15: translations.uk.kinds names "battle", which [kinds] of config.toml does not define`}},
		{"page named as an edition", map[string]string{"config.toml": transConfig, "content/x.md": original, "content/pages/uk.md": "+++\ntitle = \"UK\"\n+++\n"},
			[]string{`content/pages/uk.md: the page name "uk" is taken`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadFS(t, tt.files)
			var all []string
			for _, d := range diags {
				all = append(all, d.String())
			}
			text := strings.Join(all, "\n")
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("want %q in:\n%s", w, text)
				}
			}
			if diags.Errors() == 0 {
				t.Errorf("no error in:\n%s", text)
			}
		})
	}
}

// A cache that read x.uk.md as a note of its own reads it again as a
// translation when languages comes to list uk, and back.
func TestCacheFollowsLanguages(t *testing.T) {
	noLangs := strings.Replace(strings.Split(transConfig, "[translations.uk]")[0], `languages = ["uk"]`, "", 1)
	fsys := fstest.MapFS{
		"config.toml":     {Data: []byte(noLangs)},
		"content/y.md":    {Data: []byte(original)},
		"content/x.uk.md": {Data: []byte(translated)},
	}
	for _, watched := range []bool{false, true} {
		cache := NewCache()
		if watched {
			cache = NewWatchedCache()
		}
		for i, cfg := range []string{noLangs, transConfig, noLangs} {
			fsys["config.toml"] = &fstest.MapFile{Data: []byte(cfg)}
			// The original is there only while it is translated: beside
			// it, x.uk.md without languages would be an error.
			delete(fsys, "content/x.md")
			if i == 1 {
				fsys["content/x.md"] = &fstest.MapFile{Data: []byte(original)}
			}
			if watched {
				cache.Forget([]string{"content/x.md"})
			}
			s, diags := Load(fsys, Options{Cache: cache})
			if s == nil || diags.Errors() > 0 {
				t.Fatalf("load %d: %v", i, diags)
			}
			if asNote := s.Event("x.uk") != nil; asNote != (i != 1) || i == 1 && s.Event("x").Translation("uk") == nil {
				t.Errorf("watched %v, load %d: x.uk.md read as a note: %v", watched, i, asNote)
			}
		}
	}
}
