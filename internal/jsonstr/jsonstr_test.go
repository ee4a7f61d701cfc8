package jsonstr

import (
	"fmt"
	"testing"

	"github.com/chronicle-tools/chronicle/corpus"
	"github.com/chronicle-tools/chronicle/internal/testsite"
	"github.com/chronicle-tools/chronicle/site"
)

// FuzzJSONString holds AppendString to encoding/json for any string:
// valid JSON of the same value.
func FuzzJSONString(f *testing.F) {
	for _, s := range append([]string{"", "plain", "\"\\/\b\f\n\r\t\x00\x1f\x7f", "<a href=\"x\">&amp;</a>",
		"\u2028\u2029 é ж 😀", "\xff\xfe bad \xe2\x80", "\xed\xa0\x80 surrogate"}, testsite.HostileText...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		testsite.RequireSameJSON(t, fmt.Sprintf("%q", s), AppendString(nil, s), s)
	})
}

// BenchmarkJSONChars escapes generated bodies' HTML, as events.json holds
// them: a quote every few bytes, in the citations' attributes.
func BenchmarkJSONChars(b *testing.B) {
	s, diags := site.Load(corpus.FS(50, 1), site.Options{})
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
			out = AppendChars(out[:0], string(e.Body))
		}
	}
}
