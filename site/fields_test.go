package site_test

import (
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/build"
	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// shown says where a key's value must reach: the event's page, the front
// page (its list entry), events.json, and events.csv. A key with none says
// why in its reason.
type shown struct {
	toml                string // the key's line, with a value that is easy to find
	find                string // what to look for in the output ("" when the key shows nothing)
	page, list, js, csv bool
	reason              string
}

// TestEveryKeyReachesReaders holds each key of a note and of a source to
// the places where it shows. A key added to the format without a row here
// fails, and so does a row whose value does not reach the page or the data:
// adding a field to parseNote alone is not enough.
func TestEveryKeyReachesReaders(t *testing.T) {
	note := map[string]shown{
		"title":           {`title = "Tfield title"`, "Tfield title", true, true, true, true, ""},
		"date":            {`date = 2025-12-19`, "2025-12-19", true, true, true, true, ""},
		"end":             {`end = 2025-12-23`, "2025-12-23", true, false, true, true, "lists show the span as text (19–23 December 2025)"},
		"kind":            {`kind = "strike"`, "Strikes", true, true, false, true, ""},
		"places":          {`places = ["Pfield place"]`, "Pfield place", true, true, true, true, ""},
		"actors":          {`actors = ["Afield actor"]`, "Afield actor", true, false, true, true, ""},
		"tags":            {`tags = ["gfield-tag"]`, "gfield-tag", true, false, true, true, ""},
		"status":          {`status = "claimed"`, "claimed", true, true, true, true, ""},
		"claimed_by":      {`claimed_by = "Cfield claimant"`, "Cfield claimant", true, true, true, true, ""},
		"storylines":      {`storylines = ["black-sea"]`, "black-sea", true, false, true, true, ""},
		"related":         {`related = ["other"]`, "/events/other/", true, false, false, false, "a link to the other note; the data give its id"},
		"summary":         {`summary = "Sfield summary."`, "Sfield summary.", true, true, true, true, ""},
		"content_warning": {`content_warning = "Wfield warning"`, "Wfield warning", true, false, true, true, ""},
		"draft":           {`draft = false`, "", false, false, false, false, "a published note shows nothing of it"},
		"sources":         {"", "", false, false, false, false, "a table: its keys are below"},
		"updates":         {"[[updates]]\ndate = 2025-12-20\nnote = \"Ufield correction\"", "Ufield correction", true, false, true, false, "the CSV gives only the last change's date"},
		"extra":           {"[extra]\nxfield = \"Xfield extra\"", "Xfield extra", false, false, true, true, "shown on the page only where config.toml's [extra] show says"},
	}
	source := map[string]shown{
		"id":                  {`id = "sfield"`, "", false, false, true, false, "cited as [@sfield]; the page numbers its sources"},
		"title":               {`title = "Sfield source title"`, "Sfield source title", true, false, true, false, "the CSV lists sources by URL"},
		"publisher":           {`publisher = "Pfield publisher"`, "Pfield publisher", true, false, true, false, "the CSV lists sources by URL"},
		"url":                 {`url = "https://example.com/ufield"`, "https://example.com/ufield", true, false, true, true, ""},
		"published":           {`published = 2025-12-18`, "2025-12-18", true, false, true, false, "the CSV lists sources by URL"},
		"published_estimated": {`published_estimated = true`, "(date estimated)", true, false, false, false, "events.json gives the flag as a boolean"},
		"accessed":            {`accessed = 2025-12-21`, "21 December 2025", true, false, false, false, "events.json gives it as a date"},
		"archived":            {`archived = "https://web.archive.org/web/afield"`, "https://web.archive.org/web/afield", true, false, true, false, "the CSV lists sources by URL"},
		"pages":               {`pages = "pp. 7-9"`, "pp. 7-9", true, false, true, false, "the CSV lists sources by URL"},
		"reference":           {`reference = "Rfield ref"`, "Rfield ref", true, false, true, false, "the CSV lists sources by URL"},
		"quote":               {`quote = "Qfield quote"`, "Qfield quote", true, false, true, false, "the CSV lists sources by URL"},
		"lang":                {`lang = "uk"`, `hreflang="uk"`, true, false, false, false, "events.json gives it as \"lang\""},
		"extra":               {"[sources.extra]\ntier = \"Tier field\"", "Tier field", false, false, true, false, "a source's own fields are only in events.json"},
	}
	for _, k := range site.NoteKeys {
		if _, ok := note[k]; !ok {
			t.Errorf("note key %q has no row here: say where it shows (the page, lists, events.json, events.csv) or why it does not", k)
		}
	}
	for _, k := range site.SourceKeys {
		if _, ok := source[k]; !ok {
			t.Errorf("source key %q has no row here: say where it shows or why it does not", k)
		}
	}
	var top, src []string
	for _, k := range site.NoteKeys {
		if r := note[k]; r.toml != "" && !strings.HasPrefix(r.toml, "[") {
			top = append(top, r.toml)
		}
	}
	for _, k := range site.SourceKeys {
		if r := source[k]; r.toml != "" && !strings.HasPrefix(r.toml, "[") {
			src = append(src, r.toml)
		}
	}
	text := "+++\n" + strings.Join(top, "\n") + "\n" + note["extra"].toml + "\n\n[[sources]]\n" + strings.Join(src, "\n") + "\n" + source["extra"].toml +
		"\n\n" + note["updates"].toml + "\n+++\n\nThe body cites it.[@sfield]\n"
	other := strings.Replace(testsite.Note, "title = ", "related = [\"field\"]\ntitle = ", 1)
	res, err := build.Build(testsite.FS(map[string]string{"content/field.md": text, "content/other.md": other}), site.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	out := map[string]string{
		"page": string(res.Files["events/field/index.html"]),
		"list": string(res.Files["index.html"]),
		"js":   string(res.Files["events.json"]),
		"csv":  string(res.Files["events.csv"]),
	}
	check := func(what, k string, r shown) {
		if r.find == "" {
			return
		}
		for _, w := range []struct {
			name string
			want bool
		}{{"page", r.page}, {"list", r.list}, {"js", r.js}, {"csv", r.csv}} {
			if w.want && !strings.Contains(out[w.name], r.find) {
				t.Errorf("%s key %q: %q is not in the %s", what, k, r.find, w.name)
			}
		}
	}
	for k, r := range note {
		check("note", k, r)
	}
	for k, r := range source {
		check("source", k, r)
	}
}
