package build

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// The injection suite, continued: hostile values in the fields that hold
// addresses and names, and the shipped output.

func TestInjectSourceURLs(t *testing.T) {
	refused, accepted := 0, 0
	urls := slices.Clone(testsite.HostileURLs)
	for _, scheme := range dangerousSchemes {
		for _, sp := range spellings {
			urls = append(urls, sp.fn(scheme))
		}
	}
	for i, u := range urls {
		for _, field := range []string{"url", "archived"} {
			text := testsite.Note
			line := `url = "https://example.com/a"`
			if field == "archived" {
				text = strings.Replace(text, line, line+"\narchived = "+testsite.TOMLString(u), 1)
			} else {
				text = strings.Replace(text, line, "url = "+testsite.TOMLString(u), 1)
			}
			want := 0
			for n, l := range strings.Split(text, "\n") {
				if strings.HasPrefix(l, field+" = ") {
					want = n + 1
				}
			}
			fsys := fstest.MapFS{"config.toml": {Data: []byte(testsite.FuzzConfig)}, "content/2025/n.md": {Data: []byte(text)}}
			res, err := buildWithin(t, fsys, site.Options{})
			if err != nil {
				diags, _ := err.(site.Diagnostics)
				found := false
				for _, d := range diags {
					found = found || !d.Warning && d.Line == want && strings.Contains(d.Msg, field)
				}
				if !found {
					t.Errorf("%s %q: refused, but not on line %d with the field named:\n%v", field, u, want, err)
				}
				refused++
				continue
			}
			accepted++
			requireSafe(t, res, "", fmt.Sprintf("%s %d %.60q", field, i, u))
		}
	}
	t.Logf("%d hostile URLs (%d written by hand, %d spellings of %d schemes) in 2 fields: %d refused, %d accepted and checked",
		len(urls), len(testsite.HostileURLs), len(urls)-len(testsite.HostileURLs), len(dangerousSchemes), refused, accepted)
}

// TestInjectCheckedFields: fields that name things (kinds, storylines,
// related notes, ids, languages, dates, colours, hosts) must refuse hostile
// values with a diagnostic, never carry them into a page.
func TestInjectCheckedFields(t *testing.T) {
	payloads := []string{`<script>alert(1)</script>`, `" onmouseover="alert(1)`, `javascript:alert(1)`, `../../etc/passwd`, "a\x00b", `}</style><script>alert(1)</script>`}
	noteFields := []struct{ key, old, tmpl string }{
		{"kind", `kind = "strike"`, `kind = %s`},
		{"status", `kind = "strike"`, `kind = "strike"` + "\nstatus = %s"},
		{"storylines", `kind = "strike"`, `kind = "strike"` + "\nstorylines = [%s]"},
		{"related", `kind = "strike"`, `kind = "strike"` + "\nrelated = [%s]"},
		{"date", `date = 2025-12-19`, `date = %s`},
		{"sources.id", `id = "reuters"`, `id = %s`},
		{"sources.lang", `published = 2025-12-19`, "published = 2025-12-19\nlang = %s"},
		{"sources.published", `published = 2025-12-19`, `published = %s`},
	}
	configFields := []struct{ key, tmpl string }{
		{"language", "language = %s\n"},
		{"timezone", "timezone = %s\n"},
		{"cname", "cname = %s\n"},
		{"order", "order = %s\n"},
		{"kind key", "[kinds.%s]\nlabel = \"x\"\n"},
		{"kinds color", "[kinds.other]\ncolor = %s\n"},
		{"storyline key", "[storylines.%s]\ntitle = \"x\"\n"},
	}
	tried := 0
	for _, p := range payloads {
		for _, f := range noteFields {
			text := strings.Replace(testsite.Note, f.old, fmt.Sprintf(f.tmpl, testsite.TOMLString(p)), 1)
			fsys := fstest.MapFS{"config.toml": {Data: []byte(testsite.FuzzConfig)}, "content/2025/n.md": {Data: []byte(text)}}
			checkRefused(t, fsys, "content/2025/n.md", f.key, p)
			tried++
		}
		for _, f := range configFields {
			cfg := setConfig(testsite.FuzzConfig, fmt.Sprintf(f.tmpl, testsite.TOMLString(p)))
			fsys := fstest.MapFS{"config.toml": {Data: []byte(cfg)}, "content/2025/n.md": {Data: []byte(testsite.Note)}}
			checkRefused(t, fsys, "config.toml", f.key, p)
			tried++
		}
	}
	// A baseURL is escaped into a path when it has no scheme: it may be
	// accepted, but then every page must be safe.
	for _, p := range append(payloads, `https://example.org/"><script>alert(1)</script>/`, `//evil.example/`, `https://example.org/a b/`) {
		fsys := fstest.MapFS{"config.toml": {Data: []byte(setConfig(testsite.FuzzConfig, "baseURL = "+testsite.TOMLString(p)+"\n"))}, "content/2025/n.md": {Data: []byte(testsite.Note)}}
		if res, err := buildWithin(t, fsys, site.Options{}); err == nil {
			requireSafe(t, res, injectMarker, "baseURL ", p)
		}
		if res, err := buildWithin(t, fsys, site.Options{BaseURL: p}); err == nil {
			requireSafe(t, res, injectMarker, "-baseurl ", p)
		}
		tried += 2
	}
	// File names are ids and page addresses.
	for _, name := range []string{`<script>`, `a"b`, `a'b`, `a b`, `-x`, `.x`, `x%2e%2e`, `..`, `a\b`, `ж<`, "a\u202eb"} {
		for _, dir := range []string{"content/2025/", "content/pages/"} {
			body := testsite.Note
			if strings.HasSuffix(dir, "pages/") {
				body = "+++\ntitle = \"P\"\n+++\nP.\n"
			}
			fsys := fstest.MapFS{"config.toml": {Data: []byte(testsite.FuzzConfig)}, "content/2025/ok.md": {Data: []byte(testsite.Note)}, dir + name + ".md": {Data: []byte(body)}}
			res, err := buildWithin(t, fsys, site.Options{})
			tried++
			if err == nil {
				requireSafe(t, res, injectMarker, "file ", dir, name)
				for p := range res.Files {
					if strings.ContainsAny(p, `<>"'\ `) || !utf8.ValidString(p) {
						t.Errorf("file name %q gave the output path %q", name, p)
					}
				}
				if strings.HasPrefix(name, ".") {
					continue // hidden files are skipped, by design
				}
				t.Errorf("file name %q was accepted", name)
			}
		}
	}
	t.Logf("%d hostile values in %d checked note fields, %d config fields and file names", tried, len(noteFields), len(configFields))
}

// setConfig sets a top-level key of a config, replacing its line if there
// is one, or adds a table at the end.
func setConfig(cfg, line string) string {
	if strings.HasPrefix(line, "[") {
		return cfg + "\n" + line
	}
	key, _, _ := strings.Cut(line, " = ")
	var out []string
	found := false
	for _, l := range strings.Split(cfg, "\n") {
		if strings.HasPrefix(l, key+" = ") {
			l, found = strings.TrimSuffix(line, "\n"), true
		}
		out = append(out, l)
	}
	if !found {
		return line + cfg
	}
	return strings.Join(out, "\n")
}

// checkRefused builds fsys and wants it refused with a diagnostic in file,
// or built with every output safe.
func checkRefused(t *testing.T, fsys fstest.MapFS, file, key, payload string) {
	t.Helper()
	res, err := buildWithin(t, fsys, site.Options{})
	if err == nil {
		t.Errorf("%s %s = %q: accepted", file, key, payload)
		requireSafe(t, res, injectMarker, key, " ", payload)
		return
	}
	diags, _ := err.(site.Diagnostics)
	for _, d := range diags {
		if d.Path == file && !d.Warning {
			return
		}
	}
	t.Errorf("%s %s = %q: refused, but with no error in %s:\n%v", file, key, payload, file, err)
}

// TestShippedOutputSafe checks the output of the shipped chronology and the
// golden site, and so every page the default templates make.
func TestShippedOutputSafe(t *testing.T) {
	for _, dir := range []string{"..", "testdata/golden/site"} {
		res, err := buildWithin(t, os.DirFS(dir), site.Options{})
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		requireSafe(t, res, "")
	}
}
