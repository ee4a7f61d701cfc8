package site

import (
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
)

const pubConfig = testsite.Config + `
[publishers."ABC News"]
aliases = ["abcnews.go.com", "ABC"]

[publishers."News.az"]
aliases = [" newsaz "]
`

// TestPublisherAliases holds the alias table to its reading: an alias
// stands for its publisher exactly as written, and any other name for
// itself.
func TestPublisherAliases(t *testing.T) {
	var diags Diagnostics
	c := parseConfig("config.toml", pubConfig, "", &diags)
	if len(diags) > 0 {
		t.Fatalf("unexpected problems: %v", diags)
	}
	for _, tt := range []struct{ in, want string }{
		{"abcnews.go.com", "ABC News"},
		{"ABC", "ABC News"},
		{"ABC News", "ABC News"},
		{"abc", "abc"},                       // case counts
		{"ABCNEWS.GO.COM", "ABCNEWS.GO.COM"}, // so does it in a host
		{"newsaz", "News.az"},                // aliases are trimmed, as publishers are
		{"Reuters", "Reuters"},
		{"", ""},
	} {
		if got := c.Publisher(tt.in); got != tt.want {
			t.Errorf("Publisher(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if len(c.Publishers) != 2 || c.Publishers[0].Name != "ABC News" || strings.Join(c.Publishers[0].Aliases, "|") != "abcnews.go.com|ABC" {
		t.Errorf("Publishers = %+v", c.Publishers)
	}
	var none Diagnostics
	if c := parseConfig("config.toml", testsite.Config, "", &none); c.Publisher("ABC") != "ABC" || len(none) > 0 {
		t.Errorf("without a table: %q, %v", c.Publisher("ABC"), none)
	}
}

// TestPublisherConfigErrors has one case per mistake in [publishers]: each
// is an error at its line that says what to do.
func TestPublisherConfigErrors(t *testing.T) {
	// testConfig has 13 lines; the table starts on line 15.
	tests := []struct {
		name, table, want string
	}{
		{"alias that is a publisher", `[publishers."ABC News"]
aliases = ["ABC"]

[publishers.ABC]
aliases = ["abc"]
`, `config.toml:16: publisher "ABC News" lists "ABC" as an alias, but "ABC" has a table of its own, [publishers."ABC"]: remove the alias, or move that table's aliases here`},
		{"own name as alias", `[publishers."ABC News"]
aliases = ["ABC News"]
`, `config.toml:16: publisher "ABC News" lists its own name as an alias: remove it`},
		{"alias under two publishers", `[publishers."ABC News"]
aliases = ["ABC"]

[publishers."American Broadcasting Company"]
aliases = ["ABC"]
`, `config.toml:19: alias "ABC" is listed by publisher "ABC News" and by "American Broadcasting Company": a spelling can stand for one publisher only; remove it from one`},
		{"empty alias", `[publishers."ABC News"]
aliases = ["ABC", " "]
`, `config.toml:16: publisher "ABC News": alias 2 is empty: remove it, or write the spelling that sources give`},
		{"alias not a string", `[publishers."ABC News"]
aliases = ["ABC", 3]
`, `config.toml:16: publisher "ABC News": alias 2 must be a string in quotes, not a number`},
		{"aliases a string", `[publishers."ABC News"]
aliases = "ABC"
`, `config.toml:16: aliases must be an array of strings: write aliases = ["ABC"]`},
		{"unknown key", `[publishers."ABC News"]
alias = ["ABC"]
`, `config.toml:16: unknown key "alias" (did you mean "aliases"?)`},
		{"not a table", `publishers = ["ABC News"]
`, `config.toml:1: publishers must be tables such as [publishers."ABC News"], not an array`},
		{"publisher not a table", `[publishers]
"ABC News" = "ABC"
`, `config.toml:16: publishers."ABC News" must be a table`},
		{"name with spaces", `[publishers." ABC News"]
aliases = ["ABC"]
`, `config.toml:15: publisher name " ABC News" is empty or has spaces at its ends`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			config := testsite.Config + "\n" + tt.table
			if !strings.HasPrefix(tt.table, "[") {
				config = tt.table + testsite.Config // a key of the top table
			}
			_, err := loadErr(testsite.FS(map[string]string{"config.toml": config, "content/a.md": testsite.Note}), Options{})
			diags, ok := err.(Diagnostics)
			if !ok {
				t.Fatalf("want Diagnostics, got %v", err)
			}
			if !strings.Contains(diags.Error(), tt.want) {
				t.Errorf("want a problem containing\n  %s\ngot\n  %s", tt.want, strings.ReplaceAll(diags.Error(), "\n", "\n  "))
			}
		})
	}
	// Unused aliases and a publisher without any are no trouble.
	diags := Check(testsite.FS(map[string]string{"config.toml": testsite.Config + "\n[publishers.\"ABC News\"]\naliases = [\"unused\"]\n\n[publishers.Reuters]\n", "content/a.md": testsite.Note}), Options{})
	if len(diags) > 0 {
		t.Errorf("unexpected problems: %v", diags)
	}
}
