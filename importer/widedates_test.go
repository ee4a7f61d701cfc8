package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// wideNote is a note dated in one of the forms of docs/format.md, "Dates".
func wideNote(title, when string) string {
	return `+++
title = "` + title + `"
date = ` + when + `
kind = "milestone"
status = "reported"
summary = "An event dated ` + strings.ReplaceAll(when, `"`, "") + `."

[[sources]]
id = "s"
title = "A history"
publisher = "Example Publisher"
url = "https://example.org/history"
+++

It happened.[@s]
`
}

// TestWideDatesBuild: a chronology with a year BCE, a circa year and a
// decade builds, files each under its own archive page, shows each as
// readers write it, orders them oldest first in events.json, and comes
// back the same through chronicle import.
func TestWideDatesBuild(t *testing.T) {
	dir := newSite(t)
	notes := map[string]string{
		"500-bce-persian-wars":  wideNote("Persian Wars begin", `"500 BCE"`),
		"1850-a-mill-is-built":  wideNote("A mill is built", `"c. 1850"`),
		"1980s-home-computers":  wideNote("Home computers", `"1980s"`),
		"0800-12-25-coronation": wideNote("A coronation", `0800-12-25`),
	}
	for id, text := range notes {
		p := filepath.Join(dir, "content", "old", id+".md")
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files := buildSite(t, dir, false)
	for page, want := range map[string]string{
		"500-bce/index.html":                      "500 BCE",
		"1850/index.html":                         "c. 1850",
		"1980s/index.html":                        "1980s",
		"0800/12/index.html":                      "25 December 800 CE",
		"events/500-bce-persian-wars/index.html":  "500 BCE",
		"events/1850-a-mill-is-built/index.html":  "c. 1850",
		"events/1980s-home-computers/index.html":  "1980s",
		"events/0800-12-25-coronation/index.html": "25 December 800 CE",
	} {
		if !bytes.Contains(files[page], []byte(want)) {
			t.Errorf("%s lacks %q", page, want)
		}
	}
	js := files["events.json"]
	order := []string{`"date":{"value":"-0499","precision":"year"}`, `"date":{"value":"0800-12-25","precision":"day"}`, `"date":{"value":"1850","precision":"year","circa":true}`, `"date":{"value":"1980","precision":"decade"}`}
	last := -1
	for _, s := range order {
		i := bytes.Index(js, []byte(s))
		if i <= last {
			t.Errorf("events.json: %q at %d, after %d", s, i, last)
		}
		last = i
	}
	if t.Failed() {
		t.Logf("events.json:\n%.3000s", js)
	}

	// Through chronicle import and back: the same events.json.
	in := writeTemp(t, "events.json", js)
	again := newSite(t)
	if _, err := Run(again, []string{in}, Options{}); err != nil {
		t.Fatal(err)
	}
	note, err := os.ReadFile(filepath.Join(again, "content", "500-bce", "500-bce-persian-wars.md"))
	if err != nil || !bytes.Contains(note, []byte(`date = "500 BCE"`)) {
		t.Errorf("imported note: %v\n%s", err, note)
	}
	rebuilt := buildSite(t, again, false)
	if a, b := events(t, js, "BASE"), events(t, rebuilt["events.json"], "BASE"); !bytes.Equal(a, b) {
		t.Errorf("events.json differs after import:\n%s\n---\n%s", a, b)
	}
}

// TestTimelineJSOldDates: TimelineJS's negative years are years BCE, kept
// to the year; a display date with "c." makes a date approximate; years
// outside Chronicle's range and year 0 are skipped, and said.
func TestTimelineJSOldDates(t *testing.T) {
	dir := newSite(t)
	in := writeTemp(t, "tl.json", []byte(`{"events": [
 {"start_date": {"year": -44, "month": 3, "day": 15}, "display_date": "c. 44 BC", "text": {"headline": "Caesar"}},
 {"start_date": {"year": "1850", "display_date": "Circa 1850"}, "end_date": {"year": "1855"}, "text": {"headline": "Mill"}},
 {"start_date": {"year": "-200000000000"}, "text": {"headline": "Too old"}},
 {"start_date": {"year": "0"}, "text": {"headline": "Nowhen"}}
]}`))
	rep, err := Run(dir, []string{in}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep.Print(&out)
	for _, want := range []string{"month and day before 1 CE left out", "year -200000000000: Chronicle's dates run from 100000000000 BCE to 9999", "year 0:"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, out.String())
		}
	}
	for path, want := range map[string]string{
		"content/44-bce/44-bce-caesar.md": `date = "c. 44 BCE"`,
		"content/1850/1850-mill.md":       `date = "c. 1850"` + "\n" + `end = "1855"`,
	} {
		b, err := os.ReadFile(filepath.Join(dir, path))
		if err != nil || !bytes.Contains(b, []byte(want)) {
			t.Errorf("%s: %v, want %q in\n%s\n%s", path, err, want, b, out.String())
		}
	}
}
