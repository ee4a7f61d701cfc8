package build

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// bookNote is a note whose one source has no url: a book, found by its
// title, publisher, pages and reference.
func bookNote(title, publisher string) string {
	return `+++
title = "` + title + `"
date = 2025-12-19
kind = "strike"

[[sources]]
id = "book"
title = "The Port & the Sea"
publisher = "` + publisher + `"
pages = "pp. 12-14"
reference = "ISBN 978-0-00-000000-0"
published = 2025-01-10
+++

The port was hit twice, the book says.[@book]
`
}

// TestSourceWithoutURL builds notes that cite a book: it is shown without a
// link, once on its publisher's page for both notes that cite the same
// pages, exported whole to events.json, left out of events.csv's column of
// addresses, and drawn into no check that compares URLs.
func TestSourceWithoutURL(t *testing.T) {
	files := map[string]string{
		"content/a.md": bookNote("First", "Sea Press"),
		"content/b.md": bookNote("Second", "Sea Press"),
		// Another publisher's book: an empty url is no shared address.
		"content/c.md": bookNote("Third", "Harbour Books"),
	}
	res, err := Build(testsite.FS(files), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range Check(testsite.FS(files), site.Options{Archived: true}) {
		t.Errorf("want no problem for a source without a url, got %s", d)
	}

	page := string(res.Files["events/a/index.html"])
	want := `<span class="publisher">Sea Press</span>, <cite>The Port &amp; the Sea</cite>, pp. 12-14, <time datetime="2025-01-10">10 January 2025</time>. Reference: ISBN 978-0-00-000000-0.`
	if !strings.Contains(page, want) {
		t.Errorf("the event page does not show the book as\n%s\nin\n%s", want, page)
	}
	if strings.Contains(page, `href=""`) {
		t.Error("the event page links to an empty address")
	}

	pub := string(res.Files["sources/sea-press/index.html"])
	if n := strings.Count(pub, "<cite>The Port &amp; the Sea</cite>"); n != 1 {
		t.Errorf("the publisher's page lists the book %d times, want once:\n%s", n, pub)
	}
	if !strings.Contains(pub, `Reference: ISBN 978-0-00-000000-0. Cited by: <a href="/chron/events/a/">First</a>; <a href="/chron/events/b/">Second</a>.`) {
		t.Errorf("the publisher's page does not give the book with both its events:\n%s", pub)
	}

	var data struct {
		Events []struct {
			ID      string
			Sources []map[string]any
		}
	}
	if err := json.Unmarshal(res.Files["events.json"], &data); err != nil {
		t.Fatal(err)
	}
	if len(data.Events) != 3 || len(data.Events[0].Sources) != 1 {
		t.Fatalf("events.json: %s", res.Files["events.json"])
	}
	src := data.Events[0].Sources[0]
	if _, ok := src["url"]; ok {
		t.Errorf("events.json gives a url for a source without one: %v", src)
	}
	if src["pages"] != "pp. 12-14" || src["reference"] != "ISBN 978-0-00-000000-0" || src["title"] != "The Port & the Sea" {
		t.Errorf("events.json source = %v", src)
	}

	csv := string(res.Files["events.csv"])
	if strings.Contains(csv, "ISBN") || !strings.Contains(csv, ",,2025-") {
		t.Errorf("events.csv: want an empty sources column for a book:\n%s", csv)
	}
}
