package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
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
end = "2026-01"
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

func TestEventsCSV(t *testing.T) {
	files := buildExports(t)
	data := files["events.csv"]
	if !utf8.Valid(data) || bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		t.Error("events.csv is not UTF-8 without a byte-order mark")
	}
	// RFC 4180: every line ends with CRLF, including those inside quotes.
	if n, crlf := bytes.Count(data, []byte("\n")), bytes.Count(data, []byte("\r\n")); n != crlf || !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("%d line feeds, %d of them after a carriage return", n, crlf)
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = 0 // every row as long as the header
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := rows[0]
	if doc := documentedColumns(t); !slices.Equal(header, doc) {
		t.Errorf("header %q\nis not the columns of docs/data.md %q", header, doc)
	}
	if len(rows) != 6 {
		t.Fatalf("%d rows, want a header and 5 events", len(rows))
	}
	ids := []string{}
	var strike map[string]string
	for _, row := range rows[1:] {
		rec := map[string]string{}
		for i, col := range header {
			rec[col] = row[i]
		}
		ids = append(ids, rec["id"])
		if rec["id"] == strikeID {
			strike = rec
		}
	}
	if want := []string{"2024-year", "2025-12-talks", strikeID, "2025-12-20-call", "2025-12-21-mixed"}; !slices.Equal(ids, want) {
		t.Errorf("rows in order %q, want time order %q", ids, want)
	}
	want := map[string]string{
		"url":             base + "events/" + strikeID + "/",
		"title":           `Strike on the port; a "test", with commas`,
		"date":            "2025-12-19",
		"date_precision":  "day",
		"end":             "2025-12-21",
		"end_precision":   "day",
		"kind":            "strike",
		"kind_label":      "Strikes",
		"status":          "claimed",
		"claimed_by":      "Governor; Oleh Kiper",
		"summary":         "A back\\slash, a semicolon; a comma, and\na line break.",
		"content_warning": "deaths of civilians",
		"places":          "Odesa; Pivdennyi, port",
		"actors":          "Russia",
		"tags":            "ports; energy",
		"storylines":      "sea",
		"related":         "2025-12-talks",
		"sources":         "https://t.me/example/1; https://apnews.com/example",
		"updated":         "2025-12-23T00:00:00+02:00",
		"extra": `{"at":{"value":"2025-12-19T21:15:00+02:00","precision":"datetime"},"checked":{"value":"2025-12-20","precision":"day"},` +
			`"importance":4,"labels":["a; b","c,\"d\""],"remark":"A \"quoted\"; text, with commas\nand a line","score":0.75,"verified":true}`,
	}
	for col, v := range want {
		if strike[col] != v {
			t.Errorf("%s = %q, want %q", col, strike[col], v)
		}
	}
	month := rows[2]
	if month[3] != "2025-12" || month[4] != "month" || month[5] != "2026-01" || month[6] != "month" {
		t.Errorf("month row %q", month[:7])
	}
}

// documentedColumns reads the column table of events.csv in docs/data.md.
func documentedColumns(t *testing.T) []string {
	t.Helper()
	return docTable(t, "../docs/data.md", "## events.csv", "| column |")
}

// docTable returns the names in backquotes in the first column of the
// table that follows heading and starts with the header line head.
func docTable(t *testing.T, path, heading, head string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	i := slices.Index(lines, heading)
	if i < 0 {
		t.Fatalf("%s has no heading %q", path, heading)
	}
	for i < len(lines) && !strings.HasPrefix(lines[i], head) {
		i++
	}
	var names []string
	for i += 2; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
		m := nameRE.FindStringSubmatch(lines[i])
		if m == nil {
			t.Fatalf("%s: table row without a `name`: %s", path, lines[i])
		}
		names = append(names, m[1])
	}
	return names
}

var nameRE = regexp.MustCompile("^\\| `([a-z_]+)` \\|")

// TestEventsJSONDocumented decodes events.json and holds it against
// docs/events-json.md: every key of each kind of object is documented, and
// every documented field occurs in this site, which has them all.
func TestEventsJSONDocumented(t *testing.T) {
	files := buildExports(t)
	var root map[string]any
	if err := json.Unmarshal(files["events.json"], &root); err != nil {
		t.Fatal(err)
	}
	seen := map[string]map[string]bool{}
	note := func(kind string, obj map[string]any) {
		if seen[kind] == nil {
			seen[kind] = map[string]bool{}
		}
		for k := range obj {
			seen[kind][k] = true
		}
	}
	asObj := func(v any) map[string]any {
		m, ok := v.(map[string]any)
		if !ok {
			t.Fatalf("%v is not an object", v)
		}
		return m
	}
	note("Top level", root)
	if root["version"] != float64(1) {
		t.Errorf("version %v, want 1", root["version"])
	}
	events, _ := root["events"].([]any)
	if len(events) != 5 {
		t.Fatalf("%d events, want 5", len(events))
	}
	for _, ev := range events {
		e := asObj(ev)
		note("Event", e)
		for _, key := range []string{"date", "end"} {
			if d, ok := e[key]; ok {
				note("Date", asObj(d))
			}
		}
		for _, key := range []string{"places", "actors", "tags", "storylines", "related", "sources", "updates"} {
			if _, ok := e[key].([]any); !ok {
				t.Errorf("event %v: %s is %v, want an array", e["id"], key, e[key])
			}
		}
		for _, s := range e["sources"].([]any) {
			src := asObj(s)
			note("Source", src)
			for _, key := range []string{"published", "accessed"} {
				if d, ok := src[key]; ok {
					note("Date", asObj(d))
				}
			}
		}
		for _, u := range e["updates"].([]any) {
			up := asObj(u)
			note("Update", up)
			note("Date", asObj(up["date"]))
		}
	}
	for kind, keys := range seen {
		doc := docTable(t, "../docs/events-json.md", "## "+kind, "| field |")
		for k := range keys {
			if !slices.Contains(doc, k) {
				t.Errorf("%s: key %q is not in docs/events-json.md", kind, k)
			}
		}
		for _, k := range doc {
			if !keys[k] {
				t.Errorf("%s: documented field %q never occurs", kind, k)
			}
		}
	}
	if len(seen) != 5 {
		t.Errorf("object kinds %v", seen)
	}
}

func TestEventsICS(t *testing.T) {
	files := buildExports(t)
	data := files["events.ics"]

	// The lines themselves: CRLF, at most 75 octets, folds between
	// characters.
	if !bytes.HasSuffix(data, []byte("\r\n")) || bytes.Count(data, []byte("\n")) != bytes.Count(data, []byte("\r\n")) {
		t.Error("a line does not end with CRLF")
	}
	folded := 0
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, line)
		}
		if strings.HasPrefix(line, " ") {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no line was folded; the test site has long lines")
	}

	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	calProp := func(p ics.Property) string {
		for _, cp := range cal.CalendarProperties {
			if cp.IANAToken == string(p) {
				return cp.Value
			}
		}
		return ""
	}
	if calProp(ics.PropertyVersion) != "2.0" || calProp(ics.PropertyProductId) == "" {
		t.Errorf("VERSION %q, PRODID %q", calProp(ics.PropertyVersion), calProp(ics.PropertyProductId))
	}
	if got := calProp(ics.PropertyXWRCalName); got != "Exports, tested; with a comma" {
		t.Errorf("X-WR-CALNAME %q", got)
	}
	events := cal.Events()
	if len(events) != 5 {
		t.Fatalf("%d events, want 5", len(events))
	}
	byUID := map[string]*ics.VEvent{}
	for _, e := range events {
		uid := e.GetProperty(ics.ComponentPropertyUniqueId).Value
		if byUID[uid] != nil {
			t.Errorf("UID %s twice", uid)
		}
		byUID[uid] = e
		for _, p := range []ics.ComponentProperty{ics.ComponentPropertyDtstamp, ics.ComponentPropertyDtStart, ics.ComponentPropertySummary} {
			if e.GetProperty(p) == nil {
				t.Errorf("%s has no %s", uid, p)
			}
		}
	}

	type span struct{ start, end string } // raw values; "VALUE=DATE" marked by the form
	for _, tt := range []struct {
		id      string
		span    span
		allDay  bool
		dtstamp string
		seq     string
	}{
		{strikeID, span{"20251219", "20251222"}, true, "20251222T220000Z", "2"},
		{"2025-12-talks", span{"20251201", "20260201"}, true, "20251130T220000Z", "0"},
		{"2024-year", span{"20240101", "20250101"}, true, "20231231T220000Z", "0"},
		{"2025-12-20-call", span{"20251220T191500Z", "20251220T200000Z"}, false, "20251220T191500Z", "0"},
		{"2025-12-21-mixed", span{"20251222", "20251224"}, true, "20251221T233000Z", "0"},
	} {
		uid := tt.id + "@owner.github.io/repo"
		e := byUID[uid]
		if e == nil {
			t.Errorf("no event with UID %s", uid)
			continue
		}
		start, end := e.GetProperty(ics.ComponentPropertyDtStart), e.GetProperty(ics.ComponentPropertyDtEnd)
		if end == nil {
			t.Errorf("%s: no DTEND", tt.id)
			continue
		}
		if start.Value != tt.span.start || end.Value != tt.span.end {
			t.Errorf("%s: DTSTART %s, DTEND %s; want %s, %s", tt.id, start.Value, end.Value, tt.span.start, tt.span.end)
		}
		for _, p := range []*ics.IANAProperty{start, end} {
			isDate := slices.Equal(p.ICalParameters["VALUE"], []string{"DATE"})
			if isDate != tt.allDay {
				t.Errorf("%s: %s VALUE=DATE is %v, want %v", tt.id, p.IANAToken, isDate, tt.allDay)
			}
		}
		if tt.allDay {
			s, err1 := e.GetAllDayStartAt()
			en, err2 := e.GetAllDayEndAt()
			if err1 != nil || err2 != nil || !en.After(s) {
				t.Errorf("%s: all-day %v to %v (%v, %v)", tt.id, s, en, err1, err2)
			}
		}
		if got := e.GetProperty(ics.ComponentPropertyDtstamp).Value; got != tt.dtstamp {
			t.Errorf("%s: DTSTAMP %s, want the last change %s", tt.id, got, tt.dtstamp)
		}
		if got := e.GetProperty(ics.ComponentPropertySequence).Value; got != tt.seq {
			t.Errorf("%s: SEQUENCE %s, want %s", tt.id, got, tt.seq)
		}
		if got := e.GetProperty(ics.ComponentPropertyUrl).Value; got != base+"events/"+tt.id+"/" {
			t.Errorf("%s: URL %s", tt.id, got)
		}
	}

	// Text comes back as written, through the escapes.
	e := byUID[strikeID+"@owner.github.io/repo"]
	if got := e.GetProperty(ics.ComponentPropertySummary).Value; got != `Strike on the port; a "test", with commas` {
		t.Errorf("SUMMARY %q", got)
	}
	if got := e.GetProperty(ics.ComponentPropertyLocation).Value; got != "Odesa, Pivdennyi, port" {
		t.Errorf("LOCATION %q", got)
	}
	wantDesc := "19–21 December 2025\nStatus: claimed (claimed by Governor; Oleh Kiper)\nContent warning: deaths of civilians\n\n" +
		"A back\\slash, a semicolon; a comma, and\na line break.\n\n" + base + "events/" + strikeID + "/"
	if got := e.GetProperty(ics.ComponentPropertyDescription).Value; got != wantDesc {
		t.Errorf("DESCRIPTION\n%q\nwant\n%q", got, wantDesc)
	}
	year := byUID["2024-year@owner.github.io/repo"]
	if got := year.GetProperty(ics.ComponentPropertySummary).Value; !strings.HasPrefix(got, "Довга назва") || !strings.HasSuffix(got, "п'ять октетів") {
		t.Errorf("folded Cyrillic SUMMARY came back as %q", got)
	}
	if got := byUID["2025-12-talks@owner.github.io/repo"].GetProperty(ics.ComponentPropertyDescription).Value; !strings.HasPrefix(got, "December 2025 – January 2026\n") {
		t.Errorf("month DESCRIPTION %q", got)
	}
	// The escapes on the wire, which the parser's unescaping hides.
	unfolded := strings.ReplaceAll(string(data), "\r\n ", "")
	for _, want := range []string{
		`SUMMARY:Strike on the port\; a "test"\, with commas` + "\r\n",
		`A back\\slash\, a semicolon\; a comma\, and\na line break.`,
		`CATEGORIES:Strikes,ports,energy` + "\r\n",
		`CATEGORIES:Talks\, rounds` + "\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("events.ics has no %q", want)
		}
	}
}

// TestExportsEmpty: a chronology with no published event still gives files
// that parse.
func TestExportsEmpty(t *testing.T) {
	fsys := fstest.MapFS{
		"config.toml":                         exportSite["config.toml"],
		"content/2025/12/2025-12-24-draft.md": exportSite["content/2025/12/2025-12-24-draft.md"],
	}
	res, err := build.Build(fsys, site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files := res.Files
	for _, p := range []string{"feed.json", "feed.xml"} {
		feed, err := gofeed.NewParser().Parse(bytes.NewReader(files[p]))
		if err != nil {
			t.Errorf("%s: %v", p, err)
		} else if len(feed.Items) != 0 {
			t.Errorf("%s: %d items", p, len(feed.Items))
		}
	}
	var jf struct{ Items []any }
	if err := json.Unmarshal(files["feed.json"], &jf); err != nil || jf.Items == nil {
		t.Errorf("feed.json items: %v (want [], not null)", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(files["events.csv"])).ReadAll()
	if err != nil || len(rows) != 1 {
		t.Errorf("events.csv: %v, %d rows, want the header alone", err, len(rows))
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(files["events.ics"]))
	if err != nil {
		t.Fatalf("events.ics: %v", err)
	}
	if len(cal.Events()) != 0 {
		t.Errorf("events.ics: %d entries", len(cal.Events()))
	}
}

// TestExportsShipped parses the exports of the chronology in this
// repository, the largest set of real notes at hand.
func TestExportsShipped(t *testing.T) {
	res, err := build.Build(os.DirFS(".."), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	files, n := res.Files, len(res.Site.Events)
	for _, p := range []string{"feed.json", "feed.xml"} {
		if _, err := gofeed.NewParser().Parse(bytes.NewReader(files[p])); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if rows, err := csv.NewReader(bytes.NewReader(files["events.csv"])).ReadAll(); err != nil || len(rows) != n+1 {
		t.Errorf("events.csv: %v, %d rows for %d events", err, len(rows), n)
	}
	data := files["events.ics"]
	for i, line := range strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n") {
		if len(line) > 75 || !utf8.ValidString(line) || strings.Contains(line, "\n") {
			t.Errorf("events.ics line %d: %q", i+1, line)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("events.ics: %v", err)
	}
	if len(cal.Events()) != n {
		t.Errorf("events.ics: %d entries for %d events", len(cal.Events()), n)
	}
}
