package newnote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chronicle-tools/chronicle/build"
	"github.com/chronicle-tools/chronicle/site"
)

// The kinds are deliberately not in alphabetical order: the default kind is
// the first one written.
const testConfig = `title = "Test"
baseURL = "https://owner.github.io/repo/"
language = "en"
timezone = "Europe/Kyiv"

[kinds.strike]
label = "Strikes"

[kinds.negotiation]
label = "Negotiations"

[kinds.aid]
label = "Aid"

[storylines.talks]
title = "Talks"
`

func TestSlug(t *testing.T) {
	tests := []struct{ title, lang, want string }{
		{"Missile strike on Odesa port", "en", "missile-strike-on-odesa-port"},
		{"Zelensky's office: \"no deal\"", "en", "zelenskys-office-no-deal"},
		{"  --  ", "en", ""},
		// Ukrainian, by the national system.
		{"Київ", "uk", "kyiv"},
		{"Удар по Запоріжжю", "en", "udar-po-zaporizhzhiu"},
		{"Згурівка", "uk", "zghurivka"},
		{"Юрій Єрмак і Їжакевич", "uk", "yurii-yermak-i-yizhakevych"},
		{"Мар'їнка, Мар’їнка, Марʼїнка", "uk", "marinka-marinka-marinka"},
		{"Олександр Сирський", "uk", "oleksandr-syrskyi"},
		{"Гостомель", "uk", "hostomel"},
		{"ҐУДЗИК", "uk", "gudzyk"},
		// Russian: by its own letters, or by the site's language.
		{"Объявление Мирного плана", "en", "obyavlenie-mirnogo-plana"},
		{"Белгород", "ru", "belgorod"},
		{"Белгород", "uk", "belhorod"},
		{"Пёс и ёж", "en", "pes-i-ezh"},
		// Accents and letters that do not decompose.
		{"Škoda, Straße, Łódź, Ærø", "de", "skoda-strasse-lodz-aero"},
		{"Élysée talks", "fr", "elysee-talks"},
		// Other scripts are dropped; digits stay.
		{"東京 2025 talks", "en", "2025-talks"},
		{"محادثات", "ar", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.title, tt.lang); got != tt.want {
			t.Errorf("Slug(%q, %q) = %q, want %q", tt.title, tt.lang, got, tt.want)
		}
	}
}

func TestSlugLength(t *testing.T) {
	title := "Ballistic missile strike on Odesa region port infrastructure kills eight and wounds twenty-seven"
	got := Slug(title, "en")
	if got != "ballistic-missile-strike-on-odesa-region-port-infrastructure" {
		t.Errorf("not cut at a hyphen: %q", got)
	}
	long := strings.Repeat("x", 100)
	if got := Slug(long, "en"); got != long[:maxSlug] {
		t.Errorf("one long word: %q", got)
	}
}

func TestMakeDefaults(t *testing.T) {
	// 23:30 UTC on 18 December is already 19 December in Kyiv.
	now := time.Date(2025, 12, 18, 23, 30, 0, 0, time.UTC)
	n, err := Make([]byte(testConfig), Options{Title: "Missile strike on Odesa port", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if n.Path != "content/2025/12/2025-12-19-missile-strike-on-odesa-port.md" || n.ID != "2025-12-19-missile-strike-on-odesa-port" {
		t.Errorf("path %q, id %q", n.Path, n.ID)
	}
	fm := frontMatter(t, n.Content)
	if fm["kind"] != "strike" {
		t.Errorf("kind %v, want the first kind of config.toml", fm["kind"])
	}
	if fm["draft"] != true {
		t.Errorf("draft %v", fm["draft"])
	}
	if d, ok := fm["date"].(time.Time); !ok || d.Format("2006-01-02") != "2025-12-19" {
		t.Errorf("date %v", fm["date"])
	}
}

func TestMakePrecisions(t *testing.T) {
	for _, tt := range []struct{ date, path, tomlDate string }{
		{"2025-12-19", "content/2025/12/2025-12-19-talks.md", "date = 2025-12-19\n"},
		{"2025-12", "content/2025/12/2025-12-talks.md", "date = \"2025-12\"\n"},
		{"2025", "content/2025/2025-talks.md", "date = \"2025\"\n"},
	} {
		n, err := Make([]byte(testConfig), Options{Title: "Talks", Kind: "negotiation", Date: tt.date})
		if err != nil {
			t.Fatal(err)
		}
		if n.Path != tt.path || !strings.Contains(string(n.Content), "\n"+tt.tomlDate) {
			t.Errorf("-date %s: %s\n%s", tt.date, n.Path, n.Content)
		}
	}
}

func TestMakeErrors(t *testing.T) {
	for _, tt := range []struct {
		opts Options
		want string
	}{
		{Options{Title: "x", Kind: "strikes"}, `kind "strikes" is not defined in config.toml: use one of strike, negotiation, aid`},
		{Options{Title: "x", Date: "19.12.2025"}, `-date "19.12.2025" is not a date: write YYYY-MM-DD`},
		{Options{Title: "x", Date: "2025-02-30"}, "day 30 does not exist"},
		{Options{Title: "x", Date: "2025-13"}, "month 13 does not exist"},
		{Options{Title: "  "}, "the note needs a title"},
		{Options{Title: "one\ntwo"}, "the title must be one line"},
	} {
		_, err := Make([]byte(testConfig), tt.opts)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: error %v, want %q", tt.opts, err, tt.want)
		}
	}
	if _, err := Make([]byte("title = \"x\"\n"), Options{Title: "x"}); err == nil || !strings.Contains(err.Error(), "no kinds") {
		t.Errorf("no kinds: %v", err)
	}
	if _, err := Make([]byte("title = \n"), Options{Title: "x"}); err == nil || !strings.Contains(err.Error(), "config.toml") {
		t.Errorf("bad TOML: %v", err)
	}
}

// TestTitleQuoting writes titles that TOML must escape and reads them back.
func TestTitleQuoting(t *testing.T) {
	for _, title := range []string{`The "28-point" plan`, `C:\path\to`, "Tab\there", "Удар по Одесі", `'''`, "bell\x07"} {
		n, err := Make([]byte(testConfig), Options{Title: title, Date: "2025-12-19"})
		if err != nil {
			t.Fatal(err)
		}
		if got := frontMatter(t, n.Content)["title"]; got != title {
			t.Errorf("title %q came back as %q", title, got)
		}
	}
}

// TestSkeletonChecks runs the engine over the skeleton: it must be a valid
// note with no warning, left out of builds until its draft line goes.
func TestSkeletonChecks(t *testing.T) {
	for _, date := range []string{"2025-12-19", "2025-12", "2025"} {
		n, err := Make([]byte(testConfig), Options{Title: `Ракетний удар по "Одесі"`, Date: date})
		if err != nil {
			t.Fatal(err)
		}
		fsys := fstest.MapFS{
			"config.toml": {Data: []byte(testConfig)},
			n.Path:        {Data: n.Content},
		}
		if diags := site.Check(fsys, site.Options{Drafts: true}); len(diags) > 0 {
			t.Errorf("check -drafts on the skeleton:\n%v\n%s", diags, n.Content)
		}
		res, err := build.Build(fsys, site.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Site.Events) != 0 {
			t.Error("the skeleton was built without -drafts")
		}
		res, err = build.Build(fsys, site.Options{Drafts: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Site.Events) != 1 || res.Site.Events[0].ID != n.ID || res.Site.Events[0].Date.String() != date {
			t.Errorf("-drafts build: %+v", res.Site.Events)
		}
	}
}

func TestCreate(t *testing.T) {
	dir := t.TempDir()
	if _, err := Create(dir, Options{Title: "x"}); err == nil || !strings.Contains(err.Error(), "no config.toml") {
		t.Fatalf("without config.toml: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "config.toml"), []byte(testConfig), 0o644)
	opts := Options{Title: "Port strike", Date: "2025-12-19"}
	path, err := Create(dir, opts)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "content", "2025", "12", "2025-12-19-port-strike.md"); path != want {
		t.Errorf("path %s, want %s", path, want)
	}
	first, _ := os.ReadFile(path)
	os.WriteFile(path, []byte("edited"), 0o644)
	if _, err := Create(dir, opts); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second time: %v", err)
	}
	if got, _ := os.ReadFile(path); string(got) != "edited" || len(first) == 0 {
		t.Error("the note was overwritten")
	}

	// The same id in another folder of content/ is refused too.
	other := filepath.Join(dir, "content", "strikes", "2025-12-20-port-strike.md")
	os.MkdirAll(filepath.Dir(other), 0o755)
	os.WriteFile(other, []byte("x"), 0o644)
	if _, err := Create(dir, Options{Title: "Port strike", Date: "2025-12-20"}); err == nil || !strings.Contains(err.Error(), "already has the id 2025-12-20-port-strike") {
		t.Errorf("duplicate id: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "2025", "12", "2025-12-20-port-strike.md")); err == nil {
		t.Error("a note with a duplicate id was written")
	}
	// Pages and hidden folders are not notes.
	os.MkdirAll(filepath.Join(dir, "content", "pages"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "pages", "2025-12-21-about.md"), []byte("x"), 0o644)
	if _, err := Create(dir, Options{Title: "About", Date: "2025-12-21"}); err != nil {
		t.Errorf("a page's name blocked a note: %v", err)
	}
}

func frontMatter(t *testing.T, content []byte) map[string]any {
	t.Helper()
	parts := strings.SplitN(string(content), "+++\n", 3)
	if len(parts) != 3 || parts[0] != "" {
		t.Fatalf("no front matter:\n%s", content)
	}
	var m map[string]any
	if _, err := toml.Decode(parts[1], &m); err != nil {
		t.Fatalf("front matter: %v\n%s", err, parts[1])
	}
	return m
}
