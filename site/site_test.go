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
		got := Dedupe(in)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Dedupe(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if !slices.Equal(in, tt.in) {
			t.Errorf("Dedupe(%q) changed its argument to %q", tt.in, in)
		}
	}
	// Without repeats, the list itself: nothing allocated.
	list := []string{"Kyiv", "Odesa", "Kharkiv"}
	if n := testing.AllocsPerRun(100, func() { Dedupe(list) }); n != 0 {
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
		if got, want := GroupMonths(events, false), groupMonthsByAppend(events); !reflect.DeepEqual(got, want) {
			t.Fatalf("%d events: grouped otherwise than one by one", len(events))
		}
		if got, want := GroupMonths(events, true), Arrange(groupMonthsByAppend(events), true); !reflect.DeepEqual(got, want) {
			t.Fatalf("%d events: grouped newest first, not as arranged", len(events))
		}
	}
}

// groupMonthsByAppend is groupMonths oldest first as first written, an event
// at a time: the reference for the grouping by runs.
func groupMonthsByAppend(events []*Event) []*Month {
	var months []*Month
	var cur *Month
	for _, e := range events {
		if cur == nil || cur.Date != e.cal.month {
			cur = &Month{Date: e.cal.month, Slug: e.cal.monthSlug}
			months = append(months, cur)
		}
		cur.Events = append(cur.Events, e)
		if n := len(cur.Days); n == 0 || cur.Days[n-1].Date != e.cal.day {
			cur.Days = append(cur.Days, &Day{Date: e.cal.day, Anchor: e.cal.dayAnchor})
		}
		day := cur.Days[len(cur.Days)-1]
		day.Events = append(day.Events, e)
	}
	return months
}
