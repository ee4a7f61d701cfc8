package site

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/corpus"
)

func TestDedupe(t *testing.T) {
	long := make([]string, 20)
	for i := range long {
		long[i] = fmt.Sprint(i)
	}
	for _, tt := range []struct{ in, want []string }{
		{nil, nil},
		{[]string{"a"}, []string{"a"}},
		{[]string{"a", "b", "c"}, []string{"a", "b", "c"}},
		{[]string{"a", "a"}, []string{"a"}},
		{[]string{"a", "b", "a", "c", "b", "d"}, []string{"a", "b", "c", "d"}},
		{long, long},
		{append(slices.Clone(long), "3", "x", "0"), append(slices.Clone(long), "x")},
	} {
		in := slices.Clone(tt.in)
		got := dedupe(in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("dedupe(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !slices.Equal(in, tt.in) {
			t.Errorf("dedupe(%q) changed its argument to %q", tt.in, in)
		}
	}
	// Without repeats, the list itself: nothing allocated.
	list := []string{"Kyiv", "Odesa", "Kharkiv"}
	if n := testing.AllocsPerRun(100, func() { dedupe(list) }); n != 0 {
		t.Errorf("dedupe of a list without repeats allocates %v times", n)
	}
}

// TestGroupMonthsNewest: grouped newest first, a term's events are what
// arrange makes of them grouped oldest first.
func TestGroupMonthsNewest(t *testing.T) {
	s, diags := Load(corpus.FS(400, 3), Options{})
	if s == nil || diags.Errors() > 0 {
		t.Fatal(diags)
	}
	lists := [][]*Event{s.Events}
	for _, tax := range s.Taxonomies {
		for _, term := range tax.Terms {
			lists = append(lists, term.Events)
		}
	}
	for _, events := range lists {
		got, want := groupMonths(events, true), arrange(groupMonths(events, false), true)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%d events: grouped newest first, not as arranged", len(events))
		}
	}
}

// TestWriteInOrder: chunks made side by side are written in order, all of
// them, whatever their sizes; a write error is returned.
func TestWriteInOrder(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 7, 100} {
		var got strings.Builder
		err := writeInOrder(&got, n, func(b []byte, i int) []byte {
			return append(b, strings.Repeat(fmt.Sprint(i%10), i%5+1)+"|"...)
		})
		var want strings.Builder
		for i := range n {
			want.WriteString(strings.Repeat(fmt.Sprint(i%10), i%5+1) + "|")
		}
		if err != nil || got.String() != want.String() {
			t.Errorf("%d chunks: %q, %v; want %q", n, got.String(), err, want.String())
		}
	}
	boom := errors.New("disk full")
	if err := writeInOrder(failWriter{boom}, 50, func(b []byte, i int) []byte { return append(b, 'x') }); err != boom {
		t.Errorf("a failing writer: %v, want %v", err, boom)
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }
