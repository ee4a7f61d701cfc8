package site

import (
	"fmt"
	"reflect"
	"slices"
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
