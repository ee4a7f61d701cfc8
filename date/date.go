// Package date holds the dates of a chronology, which keep the precision they
// were written with: "2025-12" is December 2025, never 1 December.
package date

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Precision says how much of a Date is known.
type Precision int8

// The precisions, from coarsest to finest; the zero Precision marks a zero
// Date. Decade, added later, sits below zero so that the others keep their
// values: templates and callers compare them as numbers ("lt .Date.Prec 3"
// is "the day is not known"), and every such comparison stays true of a
// decade.
const (
	Decade Precision = iota - 1 // "1980s": ten years from a year ending in 0 (BCE, ending in 9)
	None
	Year
	Month
	Day
	Minute // a local datetime, in the site's time zone
	Offset // a datetime with an explicit UTC offset
)

var precisionNames = [...]string{"decade", "", "year", "month", "day", "datetime", "datetime"}

// String names the precision as exports give it: "decade", "year", "month",
// "day" or "datetime".
func (p Precision) String() string { return precisionNames[p-Decade] }

// Date is a calendar date of some precision, on the proleptic Gregorian
// calendar. Fields below the precision are zero. For Minute and Offset,
// Hour and Min are set, and Offset carries the written offset in seconds
// east of UTC.
//
// Year is numbered astronomically, as time.Time and ISO 8601 number it:
// 0 is 1 BCE and -499 is 500 BCE, so that arithmetic and order need no
// special case; only the text forms count BCE. A Decade's Year is its
// earliest: 1980 for the 1980s, -498 (499 BCE) for the 490s BCE. Dates
// before 1 CE are of year or decade precision.
type Date struct {
	Year, Month, Day int
	Hour, Min, Sec   int
	OffsetSec        int
	Prec             Precision
	Approx           bool // circa: "c. 1850"
}

// IsZero reports whether d is the zero Date (no date given).
func (d Date) IsZero() bool { return d.Prec == None }

// Start is the first instant the date covers, in loc for dates without an
// offset. It orders events; it is never shown as the date.
func (d Date) Start(loc *time.Location) time.Time {
	switch d.Prec {
	case None:
		return time.Time{}
	case Decade, Year:
		return time.Date(d.Year, 1, 1, 0, 0, 0, 0, loc)
	case Month:
		return time.Date(d.Year, time.Month(d.Month), 1, 0, 0, 0, 0, loc)
	case Day:
		return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, loc)
	case Offset:
		return time.Date(d.Year, time.Month(d.Month), d.Day, d.Hour, d.Min, d.Sec, 0, time.FixedZone("", d.OffsetSec))
	}
	return time.Date(d.Year, time.Month(d.Month), d.Day, d.Hour, d.Min, d.Sec, 0, loc)
}

// End is the instant just after the last moment the date covers.
func (d Date) End(loc *time.Location) time.Time {
	s := d.Start(loc)
	switch d.Prec {
	case Decade:
		return s.AddDate(10, 0, 0)
	case Year:
		return s.AddDate(1, 0, 0)
	case Month:
		return s.AddDate(0, 1, 0)
	case Day:
		return s.AddDate(0, 0, 1)
	}
	return s
}

// Compare orders dates by start, then coarser before finer (so "2025-12"
// comes before 2025-12-01, and "1980s" before "1980", when both start
// together), then exact before approximate, reporting -1, 0 or +1.
func Compare(a, b Date, loc *time.Location) int {
	return a.Key(loc).Compare(b.Key(loc))
}

// A Key is what Compare orders a date by, worked out once: a sort of many
// dates compares keys rather than convert both dates in every comparison.
type Key struct {
	start  time.Time
	prec   Precision
	approx bool
}

// Key returns the date's key on loc's clock.
func (d Date) Key(loc *time.Location) Key { return Key{d.Start(loc), d.Prec, d.Approx} }

// Compare orders keys as Compare orders their dates.
func (k Key) Compare(o Key) int {
	if c := k.start.Compare(o.start); c != 0 {
		return c
	}
	if c := cmp.Compare(k.prec, o.prec); c != 0 {
		return c
	}
	if k.approx != o.approx {
		if k.approx {
			return 1
		}
		return -1
	}
	return 0
}

// String writes the date back in the form it was written in; FromTOML of
// that form (quoted as TOML gives) gives the same Date.
func (d Date) String() string {
	if d.Approx && d.Prec != None {
		return circa + d.exact().String()
	}
	switch d.Prec {
	case None:
		return ""
	case Decade:
		if d.Year <= 0 {
			return strconv.Itoa(-d.Year-8) + "s BCE"
		}
		return fmt.Sprintf("%04ds", d.Year)
	case Year:
		if d.Year <= 0 {
			return strconv.Itoa(1-d.Year) + " BCE"
		}
		return fmt.Sprintf("%04d", d.Year)
	case Month:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	case Day:
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
	case Minute:
		return fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d", d.Year, d.Month, d.Day, d.Hour, d.Min, d.Sec)
	}
	return d.Start(nil).Format(time.RFC3339)
}

// TOML is the date as front matter takes it: a day or a time as a TOML
// literal, any other form as a string.
func (d Date) TOML() string {
	if d.Prec < Day || d.Approx {
		return strconv.Quote(d.String())
	}
	return d.String()
}

// exact is d without its circa.
func (d Date) exact() Date {
	d.Approx = false
	return d
}

// Slug is the date as a part of a URL path, for the archive pages: "2025",
// "2025/12", "2025/12/19", "0500", "500-bce", "1980s", "490s-bce". A
// circa date has the slug of its exact date: both are filed together.
func (d Date) Slug() string {
	d = d.exact()
	switch d.Prec {
	case None:
		return ""
	case Decade, Year:
		return strings.ReplaceAll(strings.ToLower(d.String()), " ", "-")
	case Month:
		return fmt.Sprintf("%04d/%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d/%02d/%02d", d.Year, d.Month, d.Day)
}

// DayOf returns the calendar day of a date of day precision or finer, and the
// date itself otherwise: the key a chronology groups its events under.
func (d Date) DayOf() Date {
	if d.Prec <= Day {
		return d.exact()
	}
	return Date{Year: d.Year, Month: d.Month, Day: d.Day, Prec: Day}
}

// MonthOf is the month a date falls in, or the year or decade for a date
// of that precision; exact, so that circa dates are filed with the others.
func (d Date) MonthOf() Date {
	if d.Prec <= Month {
		return d.exact()
	}
	return Date{Year: d.Year, Month: d.Month, Prec: Month}
}

// Human writes the date for readers: "19 December 2025", "December 2025",
// "2025", "19 December 2025, 03:00" (site time) or with "UTC+2" for an
// offset; "500 BCE", "800 CE" (CE below 1000, where a bare number could be
// read as either), "1980s", and "c. 1850" for an approximate date.
func (d Date) Human() string {
	if d.Approx && d.Prec != None {
		return "c. " + d.exact().Human()
	}
	y := humanYear(d.Year)
	switch d.Prec {
	case None:
		return ""
	case Decade:
		if d.Year <= 0 {
			return group(-d.Year-8) + "s BCE"
		}
		if d.Year < 1000 {
			return strconv.Itoa(d.Year) + "s CE"
		}
		return strconv.Itoa(d.Year) + "s"
	case Year:
		return y
	case Month:
		return time.Month(d.Month).String() + " " + y
	case Day:
		return fmt.Sprintf("%d %s %s", d.Day, time.Month(d.Month), y)
	case Minute:
		return fmt.Sprintf("%d %s %s, %02d:%02d", d.Day, time.Month(d.Month), y, d.Hour, d.Min)
	}
	return fmt.Sprintf("%d %s %s, %02d:%02d %s", d.Day, time.Month(d.Month), y, d.Hour, d.Min, utcOffset(d.OffsetSec))
}

// humanYear is an astronomical year as readers count: "2025", "800 CE",
// "500 BCE", "13,800,000,000 BCE".
func humanYear(y int) string {
	switch {
	case y <= 0:
		return group(1-y) + " BCE"
	case y < 1000:
		return strconv.Itoa(y) + " CE"
	}
	return strconv.Itoa(y)
}

// group writes n with thousands separators from five digits on: "4500",
// "13,800,000,000".
func group(n int) string {
	s := strconv.Itoa(n)
	if len(s) <= 4 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func utcOffset(sec int) string {
	if sec == 0 {
		return "UTC"
	}
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	h, m := sec/3600, sec%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%c%d", sign, h)
	}
	return fmt.Sprintf("UTC%c%d:%02d", sign, h, m)
}

// In converts a datetime with an offset to the same instant as a local
// datetime in loc, the site's time zone, so that every time on a site is
// read on one clock and grouped under the site's calendar day. Other dates
// are returned as they are.
func (d Date) In(loc *time.Location) Date {
	if d.Prec != Offset {
		return d
	}
	t := d.Start(loc).In(loc)
	return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Hour: t.Hour(), Min: t.Minute(), Sec: t.Second(), Prec: Minute}
}

// HumanIn writes the date for readers of a site in loc: datetimes are shown
// on the site's clock, with its zone's abbreviation ("03:06 EET").
func (d Date) HumanIn(loc *time.Location) string {
	if d.Prec < Minute {
		return d.Human()
	}
	// The zone comes from the instant itself: in the hour that repeats when
	// the clocks go back, the same wall time has two zones, and only the
	// instant knows which one this is.
	t := d.Start(loc).In(loc)
	l := d.In(loc)
	zone, off := t.Zone()
	if zone == "" || zone[0] == '+' || zone[0] == '-' {
		zone = utcOffset(off)
	}
	return fmt.Sprintf("%d %s %s, %02d:%02d %s", l.Day, time.Month(l.Month), humanYear(l.Year), l.Hour, l.Min, zone)
}

// Range writes a span for readers, sharing what the two ends share:
// "19–21 December 2025", "30 November – 2 December 2025", "December 2025 –
// January 2026". An empty end gives the start alone.
func Range(start, end Date, loc *time.Location) string {
	if end.IsZero() || end == start {
		return start.HumanIn(loc)
	}
	if start.Prec >= Minute || end.Prec >= Minute || start.Approx || end.Approx || start.Year < 1000 || end.Year < 1000 {
		// "500 BCE – 44 BCE" rather than a shared era; a circa end is not
		// merged with an exact start.
		return start.HumanIn(loc) + " – " + end.HumanIn(loc)
	}
	if start.Prec == Day && end.Prec == Day && start.Year == end.Year {
		if start.Month == end.Month {
			return fmt.Sprintf("%d–%d %s %d", start.Day, end.Day, time.Month(end.Month), end.Year)
		}
		return fmt.Sprintf("%d %s – %s", start.Day, time.Month(start.Month), end.Human())
	}
	if start.Prec == Month && end.Prec == Month && start.Year == end.Year {
		return fmt.Sprintf("%s – %s", time.Month(start.Month), end.Human())
	}
	return start.Human() + " – " + end.Human()
}

// ISO is the machine-readable form for <time datetime> and feeds: the date
// to its precision ("2025-12", "2025-12-19", or an RFC 3339 instant). A
// decade is its first year, and a year before 1 CE is ISO 8601's expanded
// astronomical year: "-0499" is 500 BCE, "0000" is 1 BCE. Circa is not in
// it (exports carry it beside the value); ParseISO reads it back.
func (d Date) ISO(loc *time.Location) string {
	switch {
	case d.Prec >= Minute:
		return d.Start(loc).Format(time.RFC3339)
	case d.Year < 0:
		return fmt.Sprintf("-%04d", -d.Year)
	case d.Prec <= Year:
		return fmt.Sprintf("%04d", d.Year)
	}
	return d.exact().String()
}
