package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/corpus"
)

// requireSameJSON fails t unless got is one valid JSON value that decodes
// to what encoding/json makes of v. The hand-written encoders are held to
// that, not to encoding/json's bytes: encoders may spell the same string in
// different ways (GOEXPERIMENT=jsonv2 writes invalid UTF-8 as a raw U+FFFD
// where v1 writes \ufffd), and readers see no difference.
func requireSameJSON(t testing.TB, what string, got []byte, v any) {
	t.Helper()
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if !json.Valid(got) {
		t.Fatalf("%s: invalid JSON:\n%s", what, got)
	}
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Fatalf("%s: decodes differently from encoding/json's:\n got %s\nwant %s", what, got, want)
	}
}

// requireHTMLSafeJSON fails t if JSON meant for a <script> element holds
// what could end it or start markup there: <, > or &.
func requireHTMLSafeJSON(t testing.TB, got []byte) {
	t.Helper()
	if i := bytes.IndexAny(got, "<>&"); i >= 0 {
		t.Fatalf("%q raw in JSON for HTML: %s", got[i], got)
	}
}

// TestEventJSONMatchesEncoder encodes every event of the comparison sites
// both ways, hostile texts included.
func TestEventJSONMatchesEncoder(t *testing.T) {
	events := 0
	for name, fsys := range comparisonSites(t) {
		s, diags := Load(fsys, Options{})
		if s == nil || diags.Errors() > 0 {
			continue // a refused hostile site
		}
		for _, e := range s.Events {
			je := s.jsonEvent(e)
			requireSameJSON(t, name+": "+e.ID, je.appendJSON(nil), je)
			events++
		}
	}
	if events < 2000 {
		t.Errorf("only %d events compared", events)
	}
	// Every optional field both ways.
	full := jsonEvent{End: &jsonDate{"2025-12", "month"}, ClaimedBy: "x", ContentWarning: "y", Actors: []string{}, Tags: []string{"t"}, Storylines: []string{},
		Places: []string{"a", "b"}, Related: []string{"r"},
		Extra: jsonExtra{"s": "<a> & \"b\"\u2028", "n": int64(-7), "f": 1e21, "g": 0.1, "b": true, "d": jsonDate{"2025-12", "month"},
			"list": []any{"x", int64(1), 2.5, false, jsonDate{"2025-12-19", "day"}}, "empty": []any{}},
		Sources: []jsonSource{{Number: 1, URL: "https://example.com/", Pages: "pp. 1-2", Reference: "ISBN 0", Published: &jsonDate{}, Accessed: &jsonDate{}, Archived: "a", Quote: "q", Lang: "uk", PublishedEstimated: true,
			Extra: jsonExtra{"tier": "A", "z": 1e-7}},
			{Number: 2, Pages: "p. 3", Reference: "f. 1"}, {Number: 3}},
		Updates: []jsonUpdate{{Note: "n"}, {Note: "m"}}}
	requireSameJSON(t, "every field", full.appendJSON(nil), full)
}

// FuzzJSONString holds appendJSONString to encoding/json for any string:
// valid JSON of the same value.
func FuzzJSONString(f *testing.F) {
	for _, s := range append([]string{"", "plain", "\"\\/\b\f\n\r\t\x00\x1f\x7f", "<a href=\"x\">&amp;</a>",
		"\u2028\u2029 é ж 😀", "\xff\xfe bad \xe2\x80", "\xed\xa0\x80 surrogate"}, hostileText...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		requireSameJSON(t, fmt.Sprintf("%q", s), appendJSONString(nil, s), s)
	})
}

func TestEventJSONNilLists(t *testing.T) {
	var bare jsonEvent // every list nil: null, as json writes it
	requireSameJSON(t, "no lists", bare.appendJSON(nil), bare)
}

// TestSearchFiles decodes every search file of the comparison sites: each
// holds the events of its month, in id order, with their text and their
// sources' titles, whatever characters those hold.
func TestSearchFiles(t *testing.T) {
	files := 0
	for name, fsys := range comparisonSites(t) {
		res, err := Build(fsys, Options{})
		if err != nil {
			continue // a refused hostile site
		}
		for _, m := range res.Site.Months {
			data := res.Files[searchPath(m)]
			var got map[string]string
			if err := json.Unmarshal(data, &got); err != nil {
				t.Fatalf("%s: %s: %v\n%s", name, searchPath(m), err, data)
			}
			if len(got) != len(m.Events) {
				t.Errorf("%s: %s has %d events, want %d", name, searchPath(m), len(got), len(m.Events))
			}
			for _, e := range m.Events {
				want := e.Text()
				for _, src := range e.Sources {
					want += " " + src.Title
				}
				if got[e.ID] != strings.ToValidUTF8(want, "\uFFFD") {
					t.Errorf("%s: %s: %s is %q, want %q", name, searchPath(m), e.ID, got[e.ID], want)
				}
			}
			ids := slices.Sorted(maps.Keys(got))
			for i, last := 0, -1; i < len(ids); i++ {
				at := bytes.Index(data, []byte(`"`+ids[i]+`":`))
				if at <= last {
					t.Errorf("%s: %s: not in id order:\n%s", name, searchPath(m), data)
					break
				}
				last = at
			}
			files++
		}
	}
	if files < 50 {
		t.Errorf("only %d search files checked", files)
	}
}

// TestJSONLD checks every event's JSON-LD of the comparison sites, hostile
// texts included, as the page writes it: one JSON value, json.Marshal's,
// and safe in a <script>.
func TestJSONLD(t *testing.T) {
	events := 0
	for name, fsys := range comparisonSites(t) {
		s, diags := Load(fsys, Options{})
		if s == nil || diags.Errors() > 0 {
			continue
		}
		for _, e := range s.Events {
			var b bytes.Buffer
			e.View.writeJSONLD(&b)
			requireSameJSON(t, name+": "+e.ID, b.Bytes(), s.jsonLD(e))
			requireHTMLSafeJSON(t, b.Bytes())
			if string(e.View.JSONLD()) != b.String() {
				t.Fatalf("%s: %s: the template's JSON-LD differs from the page's", name, e.ID)
			}
			events++
		}
	}
	if events < 2000 {
		t.Errorf("only %d events compared", events)
	}
}

// BenchmarkJSONChars escapes generated bodies' HTML, as events.json holds
// them: a quote every few bytes, in the citations' attributes.
func BenchmarkJSONChars(b *testing.B) {
	s, diags := Load(corpus.FS(50, 1), Options{})
	if s == nil || diags.Errors() > 0 {
		b.Fatal(diags)
	}
	var out []byte
	n := 0
	for _, e := range s.Events {
		n += len(e.Body)
	}
	b.SetBytes(int64(n))
	for b.Loop() {
		for _, e := range s.Events {
			out = appendJSONChars(out[:0], string(e.Body))
		}
	}
}
