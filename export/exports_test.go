package export_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chronicle-tools/chronicle/build"
	"github.com/chronicle-tools/chronicle/site"
	"github.com/mmcdole/gofeed"
)

// exportSite is a small chronology that exercises every precision of date,
// every optional field, and text that each format must escape. Its time zone
// is two hours east of UTC in December.
var exportSite = fstest.MapFS{
	"config.toml": {Data: []byte(`title = "Exports, tested; with a comma"
description = "A site for the feed and download tests."
baseURL = "https://owner.github.io/repo/"
language = "en"
timezone = "Europe/Kyiv"

[kinds.strike]
label = "Strikes"

[kinds.talks]
label = "Talks, rounds"

[storylines.sea]
title = "The sea"
`)},
	// Days, a range, two updates, every optional field, and text to escape.
	"content/2025/12/2025-12-19-port-strike.md": {Data: []byte(`+++
title = "Strike on the port; a \"test\", with commas"
date = 2025-12-19
end = 2025-12-21
kind = "strike"
places = ["Odesa", "Pivdennyi, port"]
actors = ["Russia"]
tags = ["ports", "energy"]
status = "claimed"
claimed_by = "Governor; Oleh Kiper"
storylines = ["sea"]
related = ["2025-12-talks"]
summary = "A back\\slash, a semicolon; a comma, and\na line break."
content_warning = "deaths of civilians"

[extra]
importance = 4
score = 0.75
verified = true
checked = 2025-12-20
at = 2025-12-19T21:15:00+02:00
labels = ["a; b", "c,\"d\""]
remark = "A \"quoted\"; text, with commas\nand a line"

[[sources]]
id = "kiper"
title = "Statement"
publisher = "Oleh Kiper (Telegram)"
url = "https://t.me/example/1"
published = 2025-12-19
accessed = 2025-12-20
archived = "https://web.archive.org/web/2025/https://t.me/example/1"
quote = "seven dead"
lang = "uk"

[sources.extra]
tier = 2

[[sources]]
id = "ap"
title = "Toll rises"
publisher = "AP"
url = "https://apnews.com/example"
published = 2025-12-20
published_estimated = true
extra = {tier = 3, reliability = "high"}

[[updates]]
date = 2025-12-20
note = "Toll revised."

[[updates]]
date = 2025-12-23
note = "Second source added."
+++

The governor reported the strike.[@kiper] The toll rose the next day.[@ap]
See [the list](#src-1).
`)},
	// A month, with an end month.
	"content/2025/12/2025-12-talks.md": {Data: []byte(`+++
title = "Talks go on through December"
date = "2025-12"
end = "c. 2026-01"
kind = "talks"

[[sources]]
id = "a"
title = "Talks continue"
publisher = "Agency"
url = "https://example.com/talks"
published = 2025-12-30
+++

Delegations kept meeting.[@a]
`)},
	// A year, a long Cyrillic title that must fold between characters, and
	// a source without a url.
	"content/2024/2024-year.md": {Data: []byte(`+++
title = "Довга назва події українською мовою, щоб рядок календаря був довшим за сімдесят п'ять октетів"
date = "2024"
kind = "talks"

[[sources]]
id = "a"
title = "Рік"
publisher = "Агенція"
url = "https://example.com/year"
published = 2024-12-31

[[sources]]
id = "book"
title = "Літопис року"
publisher = "Видавництво"
pages = "с. 12-14"
reference = "Архів, фонд 1; справа 2"
published = 2025-03-01
+++

Усе сталося протягом року.[@a] Так пише книга.[@book]
`)},
	// A local time to a local time.
	"content/2025/12/2025-12-20-call.md": {Data: []byte(`+++
title = "Phone call"
date = 2025-12-20T21:15:00
end = 2025-12-20T22:00:00
kind = "talks"

[[sources]]
id = "a"
title = "Call"
publisher = "Agency"
url = "https://example.com/call"
published = 2025-12-20
+++

They spoke.[@a]
`)},
	// A UTC time late in the evening (already the next day in Kyiv) to a day.
	"content/2025/12/2025-12-21-mixed.md": {Data: []byte(`+++
title = "Overnight barrage"
date = 2025-12-21T23:30:00Z
end = 2025-12-23
kind = "strike"

[[sources]]
id = "a"
title = "Barrage"
publisher = "Agency"
url = "https://example.com/barrage"
published = 2025-12-22
+++

Drones flew all night.[@a]
`)},
	// A draft, in none of the exports.
	"content/2025/12/2025-12-24-draft.md": {Data: []byte(`+++
title = "Draft event"
date = 2025-12-24
kind = "strike"
draft = true

[[sources]]
id = "a"
title = "Draft"
publisher = "Agency"
url = "https://example.com/draft"
published = 2025-12-24
+++

Not yet.[@a]
`)},
}

func buildExports(t *testing.T) build.Files {
	t.Helper()
	res, err := build.Build(exportSite, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Files
}

const (
	base     = "https://owner.github.io/repo/"
	strikeID = "2025-12-19-port-strike"
)

var kyiv = mustLoad("Europe/Kyiv")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// TestExportsDeterministic: the exports depend on the notes alone, never on
// the time of the build.
func TestExportsDeterministic(t *testing.T) {
	first := buildExports(t)
	again := buildExports(t)
	for _, p := range []string{"feed.xml", "feed.json", "events.json", "events.csv", "events.ics"} {
		if len(first[p]) == 0 {
			t.Errorf("%s was not built", p)
		}
		if !bytes.Equal(first[p], again[p]) {
			t.Errorf("%s differs between two builds", p)
		}
		if bytes.Contains(first[p], []byte("Draft event")) {
			t.Errorf("%s holds a draft", p)
		}
	}
}

func TestJSONFeed(t *testing.T) {
	files := buildExports(t)
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(files["feed.json"]))
	if err != nil {
		t.Fatal(err)
	}
	if feed.FeedType != "json" || feed.FeedVersion != "https://jsonfeed.org/version/1.1" {
		t.Errorf("feed type %s %s, want json 1.1", feed.FeedType, feed.FeedVersion)
	}
	if feed.Title != "Exports, tested; with a comma" || feed.Link != base || feed.FeedLink != base+"feed.json" || feed.Language != "en" {
		t.Errorf("feed %q, link %q, feed link %q, language %q", feed.Title, feed.Link, feed.FeedLink, feed.Language)
	}
	if len(feed.Items) != 5 {
		t.Fatalf("%d items, want the 5 published events", len(feed.Items))
	}
	// The most recently changed first: the strike, corrected on 23 December.
	it := feed.Items[0]
	if it.GUID != base+"events/"+strikeID+"/" || it.Link != it.GUID {
		t.Errorf("first item: id %q, url %q", it.GUID, it.Link)
	}
	if it.Title != `Strike on the port; a "test", with commas` {
		t.Errorf("title %q", it.Title)
	}
	if it.Description != "A back\\slash, a semicolon; a comma, and\na line break." {
		t.Errorf("summary %q", it.Description)
	}
	wantUpdated := time.Date(2025, 12, 23, 0, 0, 0, 0, kyiv)
	if it.UpdatedParsed == nil || !it.UpdatedParsed.Equal(wantUpdated) {
		t.Errorf("date_modified %v, want the last update, %v", it.UpdatedParsed, wantUpdated)
	}
	if it.PublishedParsed == nil || !it.PublishedParsed.Equal(time.Date(2025, 12, 19, 0, 0, 0, 0, kyiv)) {
		t.Errorf("date_published %v", it.PublishedParsed)
	}
	if !slices.Equal(it.Categories, []string{"Strikes", "ports", "energy"}) {
		t.Errorf("tags %q", it.Categories)
	}
	// The body: warning first, and links into the page made absolute.
	if !strings.HasPrefix(it.Content, "<p><strong>Content warning:</strong> deaths of civilians</p>") {
		t.Errorf("content does not start with the warning: %.120s", it.Content)
	}
	if strings.Contains(it.Content, `href="#`) || !strings.Contains(it.Content, `href="`+base+"events/"+strikeID+`/#src-1"`) {
		t.Errorf("in-page links not made absolute: %s", it.Content)
	}
	for i := 1; i < len(feed.Items); i++ {
		if feed.Items[i].UpdatedParsed.After(*feed.Items[i-1].UpdatedParsed) {
			t.Errorf("item %d changed later than item %d", i, i-1)
		}
	}

	// The JSON Feed 1.1 fields, by name, with encoding/json.
	var raw struct {
		Version string           `json:"version"`
		Items   []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(files["feed.json"], &raw); err != nil {
		t.Fatal(err)
	}
	if raw.Version != "https://jsonfeed.org/version/1.1" {
		t.Errorf("version %q", raw.Version)
	}
	for _, item := range raw.Items {
		for _, key := range []string{"id", "url", "title", "content_html", "summary", "date_published", "date_modified"} {
			if s, _ := item[key].(string); s == "" {
				t.Errorf("item %v has no %s", item["id"], key)
			}
		}
		for _, key := range []string{"date_published", "date_modified"} {
			if _, err := time.Parse(time.RFC3339, item[key].(string)); err != nil {
				t.Errorf("%s: %v", key, err)
			}
		}
	}
}

// TestAtomUpdated: the Atom feed carries the same last change as the JSON
// Feed, so a correction reaches readers of either.
func TestAtomUpdated(t *testing.T) {
	files := buildExports(t)
	atom, err := gofeed.NewParser().Parse(bytes.NewReader(files["feed.xml"]))
	if err != nil {
		t.Fatal(err)
	}
	jf, err := gofeed.NewParser().Parse(bytes.NewReader(files["feed.json"]))
	if err != nil {
		t.Fatal(err)
	}
	if atom.FeedType != "atom" || len(atom.Items) != len(jf.Items) {
		t.Fatalf("atom: type %s, %d items; json: %d items", atom.FeedType, len(atom.Items), len(jf.Items))
	}
	for i, a := range atom.Items {
		j := jf.Items[i]
		if a.Content != j.Content {
			t.Errorf("item %d: the feeds' bodies differ:\n%s\n%s", i, a.Content, j.Content)
		}
		if a.GUID != j.GUID || !a.UpdatedParsed.Equal(*j.UpdatedParsed) || !a.PublishedParsed.Equal(*j.PublishedParsed) {
			t.Errorf("item %d: atom %s %v %v, json %s %v %v", i, a.GUID, a.UpdatedParsed, a.PublishedParsed, j.GUID, j.UpdatedParsed, j.PublishedParsed)
		}
	}
}
