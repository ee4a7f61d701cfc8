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
	"unicode/utf8"
)

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
		// Only the talks' end is approximate ("c. 2026-01").
		if wantCirca := map[bool]string{true: "true"}[rec["id"] == "2025-12-talks"]; rec["end_circa"] != wantCirca || rec["date_circa"] != "" {
			t.Errorf("%s: date_circa %q, end_circa %q; want %q, %q", rec["id"], rec["date_circa"], rec["end_circa"], "", wantCirca)
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
