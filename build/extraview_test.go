package build

import (
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// TestExtraShown holds the page to config.toml's [extra] show: the keys
// it lists, in its order, labelled; the others not at all.
func TestExtraShown(t *testing.T) {
	files := map[string]string{
		"config.toml":             testsite.Config + "\n[extra]\nshow = [\"source_count\", \"importance\", \"absent\"]\n",
		"content/2025-12-19-a.md": testsite.ExtraNote("[extra]\nimportance = 4\nsource_count = [1, 2.5]\nsecret = \"hidden-value\"\nseen = 2025-12-20\n", ""),
	}
	res, err := Build(testsite.FS(files), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	page := string(res.Files["events/2025-12-19-a/index.html"])
	want := "<dt>Source count</dt><dd>1, 2.5</dd><dt>Importance</dt><dd>4</dd></dl>"
	if !strings.Contains(page, want) {
		t.Errorf("page lacks %q", want)
	}
	for _, not := range []string{"hidden-value", "Secret", "Absent", "Seen"} {
		if strings.Contains(page, not) {
			t.Errorf("page shows %q, which [extra] show does not list", not)
		}
	}
	if !strings.Contains(string(res.Files["events.json"]), `"secret":"hidden-value"`) {
		t.Error("events.json lacks the extra field the page does not show")
	}
}

// TestExtraConfigRefused checks [extra] of config.toml.
func TestExtraConfigRefused(t *testing.T) {
	for cfg, want := range map[string]string{
		"\n[extra]\nshow = \"importance\"\n": `show must be an array of strings: write show = ["importance"]`,
		"\n[extra]\nshow = [\"a\", \"a\"]\n": `extra show names "a" twice`,
		"\n[extra]\nlabel = \"x\"\n":         `unknown key "label"; known keys are show`,
		"extra = 1\n":                        `extra must be a table: write [extra] with show = ["importance"]`,
	} {
		text := testsite.Config + cfg
		if !strings.HasPrefix(cfg, "\n") {
			text = cfg + testsite.Config // a top-level key, before the tables
		}
		diags := Check(testsite.FS(map[string]string{"config.toml": text, "content/a.md": testsite.Note}), site.Options{})
		if got := diags.Error(); !strings.Contains(got, want) {
			t.Errorf("config %q: want a problem containing\n  %s\ngot\n  %s", cfg, want, got)
		}
	}
}
