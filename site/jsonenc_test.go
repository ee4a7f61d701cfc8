package site

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/corpus"
)

// encoderJSON is what json.Encoder writes for v with HTML escaping off, the
// reference the hand-written encoder is held to.
func encoderJSON(t testing.TB, v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
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
			if got, want := string(je.appendJSON(nil)), encoderJSON(t, je); got != want {
				t.Fatalf("%s: %s:\n got %s\nwant %s", name, e.ID, got, want)
			}
			events++
		}
	}
	if events < 2000 {
		t.Errorf("only %d events compared", events)
	}
	// Every optional field both ways.
	full := jsonEvent{End: &jsonDate{"2025-12", "month"}, ClaimedBy: "x", ContentWarning: "y", Actors: []string{}, Tags: []string{"t"}, Storylines: []string{},
		Places: []string{"a", "b"}, Related: []string{"r"},
		Sources: []jsonSource{{Number: 1, Published: &jsonDate{}, Accessed: &jsonDate{}, Archived: "a", Quote: "q", Lang: "uk", PublishedEstimated: true}, {Number: 2}},
		Updates: []jsonUpdate{{Note: "n"}, {Note: "m"}}}
	if got, want := string(full.appendJSON(nil)), encoderJSON(t, full); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

// FuzzJSONString holds appendJSONString to encoding/json for any string.
func FuzzJSONString(f *testing.F) {
	for _, s := range append([]string{"", "plain", "\"\\/\b\f\n\r\t\x00\x1f\x7f", "<a href=\"x\">&amp;</a>",
		"\u2028\u2029 é ж 😀", "\xff\xfe bad \xe2\x80", "\xed\xa0\x80 surrogate"}, hostileText...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSONString(nil, s)), encoderJSON(t, s); got != want {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
}

func TestEventJSONNilLists(t *testing.T) {
	var bare jsonEvent // every list nil: null, as json writes it
	if got, want := string(bare.appendJSON(nil)), encoderJSON(t, bare); got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
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

// TestJSONLDMatchesMarshal writes every event's JSON-LD of the comparison
// sites both ways: by hand and by json.Marshal, which escapes <, > and &.
func TestJSONLDMatchesMarshal(t *testing.T) {
	events := 0
	for name, fsys := range comparisonSites(t) {
		s, diags := Load(fsys, Options{})
		if s == nil || diags.Errors() > 0 {
			continue
		}
		for _, e := range s.Events {
			ld := s.jsonLD(e)
			want, err := json.Marshal(ld)
			if err != nil {
				t.Fatal(err)
			}
			if got := ld.appendJSON(nil); !bytes.Equal(got, want) {
				t.Fatalf("%s: %s:\n got %s\nwant %s", name, e.ID, got, want)
			}
			events++
		}
	}
	if events < 2000 {
		t.Errorf("only %d events compared", events)
	}
}

// FuzzJSONStringHTML holds appendJSONStringHTML to json.Marshal.
func FuzzJSONStringHTML(f *testing.F) {
	for _, s := range append([]string{"</script><!--", "a & b < c > d", "\u2028\xff"}, hostileText...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSONStringHTML(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("%q:\n got %s\nwant %s", s, got, want)
		}
	})
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
			out = appendJSONChars(out[:0], string(e.Body), &jsonPlain)
		}
	}
}
