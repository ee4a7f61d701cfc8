package site

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/date"
)

// buildMonths groups the events by month, oldest first.
func (s *Site) buildMonths() {
	s.Months = GroupMonths(s.Events, false)
}

// sortEvents puts events in time order: as date.Compare orders their dates,
// then their ends, then by id.
func sortEvents(events []*Event, loc *time.Location) {
	type key struct {
		date, end date.Key
		id        string
	}
	sortByKey(events, func(e *Event) key { return key{e.Date.Key(loc), e.End.Key(loc), e.ID} }, func(a, b key) int {
		return cmp.Or(a.date.Compare(b.date), a.end.Compare(b.end), strings.Compare(a.id, b.id))
	})
}

// sortByKey sorts list by a key worked out once for each element, not in
// each of the n log n comparisons.
func sortByKey[T, K any](list []T, key func(T) K, compare func(a, b K) int) {
	type keyed struct {
		k K
		v T
	}
	keys := make([]keyed, len(list))
	for i, v := range list {
		keys[i] = keyed{key(v), v}
	}
	slices.SortFunc(keys, func(a, b keyed) int { return compare(a.k, b.k) })
	for i, k := range keys {
		list[i] = k.v
	}
}

// calendarPlace is where an event falls on the site's calendar, worked out
// once: every list the event is in groups by it.
type calendarPlace struct {
	month, day           date.Date
	monthSlug, dayAnchor string
}

// newCalendarPlace is e's place; the previous event's, strings and all,
// when e falls on the same day.
func newCalendarPlace(e *Event, loc *time.Location, prev *calendarPlace) calendarPlace {
	local := e.Date.In(loc)
	c := calendarPlace{month: local.MonthOf(), day: local.DayOf()}
	if prev != nil && prev.day == c.day {
		return *prev
	}
	// "2025/12", "2025", "0500", "500-bce", "1980s", "490s-bce": a year
	// or a decade known no closer has a page of its own.
	c.monthSlug = c.month.Slug()
	c.dayAnchor = "d" + strings.ReplaceAll(c.day.Slug(), "/", "-")
	return c
}

// GroupMonths groups events, in time order, by month and day on the
// site's calendar; with newest, in the order Arrange gives (months, days
// and days' events newest first), made so rather than copied: a site's
// terms group every event about ten times. The lists are parts of events,
// or of one reversed copy of it, not lists of their own.
func GroupMonths(events []*Event, newest bool) []*Month {
	list := events // in reading order
	if newest {
		list = reversed(events)
	}
	var months []*Month
	var cur *Month
	start := 0 // where cur starts in list
	closeMonth := func(end int) {
		if cur == nil {
			return
		}
		// A month's own list stays in time order, as arrange leaves it.
		if newest {
			cur.Events = events[len(events)-end : len(events)-start : len(events)-start]
		} else {
			cur.Events = events[start:end:end]
		}
	}
	for i := 0; i < len(list); {
		e := list[i]
		if cur == nil || cur.Date != e.cal.month {
			closeMonth(i)
			cur, start = &Month{Date: e.cal.month, Slug: e.cal.monthSlug}, i
			months = append(months, cur)
		}
		j := i + 1
		for j < len(list) && list[j].cal.month == e.cal.month && list[j].cal.day == e.cal.day {
			j++
		}
		cur.Days = append(cur.Days, &Day{Date: e.cal.day, Anchor: e.cal.dayAnchor, Events: list[i:j:j]})
		i = j
	}
	closeMonth(len(list))
	return months
}

// Arrange returns months for reading: as they are (oldest first), or with
// months, days and events all reversed for newest first.
func Arrange(months []*Month, newest bool) []*Month {
	if !newest {
		return months
	}
	out := make([]*Month, len(months))
	for i, m := range months {
		r := *m
		r.Days = make([]*Day, len(m.Days))
		for j, d := range m.Days {
			rd := *d
			rd.Events = reversed(d.Events)
			r.Days[len(m.Days)-1-j] = &rd
		}
		out[len(months)-1-i] = &r
	}
	return out
}

// reversed returns a reversed copy of list.
func reversed[T any](list []T) []T {
	out := make([]T, len(list))
	for i, x := range list {
		out[len(list)-1-i] = x
	}
	return out
}

// Latest returns up to n events, the most recently changed first, as the
// feeds give them.
func (s *Site) Latest(n int) []*Event {
	type key struct {
		updated time.Time
		seq     int // the later in time order first, among those changed together
	}
	evs := slices.Clone(s.Events)
	sortByKey(evs, func(e *Event) key { return key{e.Updated(s.Config.Location), e.Seq} }, func(a, b key) int {
		return cmp.Or(b.updated.Compare(a.updated), b.seq-a.seq)
	})
	return evs[:min(n, len(evs))]
}
