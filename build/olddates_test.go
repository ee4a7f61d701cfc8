package build

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// TestOldDatesInPages: dates HTML cannot write (500 BCE, the 1980s) are
// shown as text, not in <time datetime>, and the sections and links of
// their months have ids without spaces, which the front page's links reach.
func TestOldDatesInPages(t *testing.T) {
	note := func(date string) string {
		return strings.Replace(testsite.Note, "date = 2025-12-19", "date = "+date, 1)
	}
	res, err := Build(testsite.FS(map[string]string{
		"content/bce.md":    note(`"500 BCE"`),
		"content/decade.md": note(`"1980s"`),
		"content/old.md":    note(`0800-12-25`),
		"content/new.md":    testsite.Note,
	}), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	idRE := regexp.MustCompile(`\bid="([^"]*)"`)
	hrefRE := regexp.MustCompile(`href="#([^"]*)"`)
	for path, data := range res.Files {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		page := string(data)
		for _, bad := range []string{`datetime="-`, `datetime="1980"`} {
			if strings.Contains(page, bad) {
				t.Errorf("%s has %s: HTML cannot hold it", path, bad)
			}
		}
		ids := map[string]bool{}
		for _, m := range idRE.FindAllStringSubmatch(page, -1) {
			if strings.ContainsAny(m[1], " \t\n") || m[1] == "" {
				t.Errorf("%s: id %q", path, m[1])
			}
			ids[m[1]] = true
		}
		for _, m := range hrefRE.FindAllStringSubmatch(page, -1) {
			if !ids[m[1]] {
				t.Errorf("%s links to #%s, which it does not have", path, m[1])
			}
		}
	}
	front := string(res.Files["index.html"])
	for _, want := range []string{`id="m500-bce"`, `<span class="date">500 BCE</span>`, `<span class="date">1980s</span>`, `<time datetime="0800-12-25">25 December 800 CE</time>`} {
		if !strings.Contains(front, want) {
			t.Errorf("the front page lacks %s", want)
		}
	}
}
