package site

import (
	"strings"
	"testing"
)

// Each kind of drift is a warning at the translation's line that names the
// original's file and line.
func TestDrift(t *testing.T) {
	for _, tt := range []struct {
		name     string
		old, new string // a change to the translation
		want     []string
	}{
		{"date", "date = 2025-12-19\nkind", "date = 2025-12-18\nkind",
			[]string{`content/x.uk.md:3: warning: date is "2025-12-18" here but "2025-12-19" in the original (the original: content/x.md:3)`}},
		{"end", "kind = \"strike\"", "end = 2025-12-20\nkind = \"strike\"",
			[]string{`content/x.uk.md:4: warning: end is "2025-12-20" here but not given in the original (the original: content/x.md:1)`}},
		{"status", `status = "claimed"`, `status = "disputed"`,
			[]string{`content/x.uk.md:6: warning: status is "disputed" here but "claimed" in the original (the original: content/x.md:6)`}},
		{"places", `places = ["Odesa region"]`, `places = ["Одеська область"]`,
			[]string{`content/x.uk.md:5: warning: places is "Одеська область" here but "Odesa region" in the original (the original: content/x.md:5)`}},
		{"source url", "https://www.ukrinform.net/1", "https://www.ukrinform.ua/1",
			[]string{`content/x.uk.md:21: warning: source 2's url is "https://www.ukrinform.ua/1" here but "https://www.ukrinform.net/1" in the original (the original: content/x.md:21)`}},
		{"source title translated", `title = "Port hit"`, `title = "Удар по порту"`,
			[]string{`content/x.uk.md:19: warning: source 2's title is "Удар по порту" here`}},
		{"source order", "id = \"kiper\"", "id = \"kiper2\"", // and cited as kiper2 below
			[]string{`content/x.uk.md:11: warning: source 1's id is "kiper2" here but "kiper" in the original (the original: content/x.md:11)`,
				`the body cites [@kiper2], [@ukrinform] but the original's cites [@kiper], [@ukrinform] (the original: content/x.md:24)`}},
		{"source dropped", "\n[[sources]]\nid = \"ukrinform\"\ntitle = \"Port hit\"\npublisher = \"Ukrinform\"\nurl = \"https://www.ukrinform.net/1\"\npublished = 2025-12-20\n", "",
			[]string{`content/x.uk.md:10: warning: 1 source here but 2 in the original (the original: content/x.md:10)`,
				`content/x.uk.md:17: warning: the body cites [@kiper] but the original's cites [@kiper], [@ukrinform] (the original: content/x.md:24)`}},
		{"citation", "дні.[@ukrinform]", "дні.",
			[]string{`content/x.uk.md:24: warning: the body cites [@kiper] but the original's cites [@kiper], [@ukrinform] (the original: content/x.md:24)`}},
		{"figure changed", "27 поранені", "28 поранені",
			[]string{`content/x.uk.md:24: warning: the figure 27 is written nowhere here but once in the original (the original: content/x.md:25)`,
				`content/x.uk.md:25: warning: the figure 28 is written once here but nowhere in the original (the original: content/x.md:24)`}},
		{"figure in the title", `title = "Удар по порту в Одеській області"`, `title = "Удар по 2 портах"`,
			[]string{`content/x.uk.md:2: warning: the figure 2 is written twice here but once in the original (the original: content/x.md:27)`}},
		{"update added", "+++\n\nЗа", "\n[[updates]]\ndate = 2025-12-21\nnote = \"Оновлено.\"\n+++\n\nЗа",
			[]string{`content/x.uk.md:24: warning: 1 update here but 0 in the original (the original: content/x.md:1)`}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tr := strings.Replace(translated, tt.old, tt.new, 1)
			if tt.name == "source order" {
				tr = strings.Replace(tr, "[@kiper]", "[@kiper2]", 1)
			}
			if tr == translated {
				t.Fatal("the change changed nothing")
			}
			s, diags := loadFS(t, map[string]string{"config.toml": transConfig, "content/x.md": original, "content/x.uk.md": tr})
			if s == nil {
				t.Fatal(diags)
			}
			var got []string
			for _, d := range diags {
				if d.Code == CodeDrift {
					if !d.Warning {
						t.Errorf("drift is an error: %s", d)
					}
					got = append(got, d.String())
				}
			}
			text := strings.Join(got, "\n")
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("want %q in:\n%s", w, text)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("%d drift warnings, want %d:\n%s", len(got), len(tt.want), text)
			}
			if s.Event("x").Translation("uk") == nil {
				t.Error("a translation that drifts is still attached")
			}
		})
	}
}

// Figures are compared as runs of digits, so that each language's
// separators match; link addresses and citations hold no figures.
func TestDriftFiguresAcrossSeparators(t *testing.T) {
	o := strings.Replace(original, "Port work stopped", "About 1,200.5 tonnes burned, see [the map](https://example.org/2024/55). Port work stopped", 1)
	tr := strings.Replace(translated, "Робота порту", "Згоріло близько 1 200,5 тонни ([мапа](https://example.org/2024/55)). Робота порту", 1)
	_, diags := loadFS(t, map[string]string{"config.toml": transConfig, "content/x.md": o, "content/x.uk.md": tr})
	if len(diags) > 0 {
		t.Errorf("want no problems, got %v", diags)
	}
}
