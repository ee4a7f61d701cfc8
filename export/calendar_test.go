package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"
	"github.com/chronicle-tools/chronicle/build"
	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
	"github.com/mmcdole/gofeed"
)

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
	if got := byUID["2025-12-talks@owner.github.io/repo"].GetProperty(ics.ComponentPropertyDescription).Value; !strings.HasPrefix(got, "December 2025 – c. January 2026\n") {
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

// TestOldDatesInExports: an event before 1 CE is left out of the calendar,
// whose years start at 0000, and feeds and the CSV never give it a time
// RFC 3339 cannot hold; a decade lasts ten years in the calendar.
func TestOldDatesInExports(t *testing.T) {
	note := func(date string) string {
		return strings.Replace(testsite.Note, "date = 2025-12-19", "date = "+date, 1)
	}
	res, err := build.Build(testsite.FS(map[string]string{
		"content/bce.md":    note(`"500 BCE"`),
		"content/decade.md": note(`"1980s"`),
		"content/circa.md":  note(`"c. 1850"`),
	}), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cal := string(res.Files["events.ics"])
	if strings.Contains(cal, "UID:bce@") || strings.Contains(cal, "-0499") {
		t.Errorf("events.ics holds the BCE event:\n%s", cal)
	}
	if !strings.Contains(cal, "DTSTART;VALUE=DATE:19800101\r\nDTEND;VALUE=DATE:19900101\r\n") {
		t.Errorf("the 1980s do not last ten years in events.ics:\n%s", cal)
	}
	for _, p := range []string{"feed.xml", "feed.json", "events.csv", "sitemap.xml"} {
		if bytes.Contains(res.Files[p], []byte("-0499-")) {
			t.Errorf("%s gives the BCE event a time before year 0000", p)
		}
	}
}

// TestEventsGeoJSON: a site whose places.toml locates its places gets
// events.geojson, each located event a Feature with longitude first
// (RFC 7946); an event with no located place is left out, and a site with
// no places.toml has no such file.
func TestEventsGeoJSON(t *testing.T) {
	located := strings.Replace(testsite.Note, `places = ["Odesa region"]`, `places = ["Odesa region", "Pivdennyi", "Odesa region"]`, 1)
	nowhere := strings.Replace(testsite.Note, `places = ["Odesa region"]`, `places = ["Atlantis"]`, 1)
	files := map[string]string{
		"content/a.md": located,
		"content/b.md": nowhere,
		"places.toml":  "[\"Odesa region\"]\nlat = 46.5\nlon = 30.7\n[Pivdennyi]\nunlocated = \"no record\"\n[Atlantis]\nunlocated = \"legend\"\n",
	}
	res, err := build.Build(testsite.FS(files), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string
		Features []struct {
			Type     string
			Geometry struct {
				Type        string
				Coordinates []float64
			}
			Properties map[string]string
		}
	}
	if err := json.Unmarshal(res.Files["events.geojson"], &fc); err != nil {
		t.Fatalf("events.geojson: %v\n%s", err, res.Files["events.geojson"])
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 1 {
		t.Fatalf("want a FeatureCollection of 1 feature, got %+v", fc)
	}
	f := fc.Features[0]
	if f.Type != "Feature" || f.Geometry.Type != "Point" || !slices.Equal(f.Geometry.Coordinates, []float64{30.7, 46.5}) {
		t.Errorf("geometry %+v, want the Point [30.7, 46.5], longitude first", f.Geometry)
	}
	want := map[string]string{"id": "a", "title": "Missile strike on a port", "date": "2025-12-19", "date_precision": "day",
		"kind": "strike", "places": "Odesa region", "url": "https://example.org/chron/events/a/"}
	for k, v := range want {
		if f.Properties[k] != v {
			t.Errorf("properties[%q] = %q, want %q", k, f.Properties[k], v)
		}
	}
	delete(files, "places.toml")
	res, err = build.Build(testsite.FS(files), site.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Files["events.geojson"]; ok {
		t.Error("a site without places.toml has events.geojson")
	}
}
