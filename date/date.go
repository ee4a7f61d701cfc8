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
type Precision uint8

// The precisions, from coarsest to finest; the zero Precision marks a zero Date.
const (
	None Precision = iota
	Year
	Month
	Day
	Minute // a local datetime, in the site's time zone
	Offset // a datetime with an explicit UTC offset
)

var precisionNames = [...]string{"", "year", "month", "day", "datetime", "datetime"}

func (p Precision) String() string { return precisionNames[p] }

// Date is a calendar date of some precision. Fields below the precision are
// zero. For Minute and Offset, Hour and Min are set, and Offset carries the
// written offset in seconds east of UTC.
type Date struct {
	Year, Month, Day int
	Hour, Min, Sec   int
	OffsetSec        int
	Prec             Precision
}

// IsZero reports whether d is the zero Date (no date given).
func (d Date) IsZero() bool { return d.Prec == None }

// FromTOML converts a value decoded by github.com/BurntSushi/toml: a local
// date, a local or offset datetime (all time.Time), or a "YYYY-MM" or "YYYY"
// string. The error says what forms are accepted.
func FromTOML(v any) (Date, error) {
	switch v := v.(type) {
	case time.Time:
		switch v.Location().String() {
		case "date-local":
			return Date{Year: v.Year(), Month: int(v.Month()), Day: v.Day(), Prec: Day}, nil
		case "datetime-local":
			return Date{Year: v.Year(), Month: int(v.Month()), Day: v.Day(), Hour: v.Hour(), Min: v.Minute(), Sec: v.Second(), Prec: Minute}, nil
		case "time-local":
			return Date{}, fmt.Errorf("a time of day alone is not a date; write a date such as 2025-12-19 or 2025-12-19T03:00:00")
		}
		_, off := v.Zone()
		return Date{Year: v.Year(), Month: int(v.Month()), Day: v.Day(), Hour: v.Hour(), Min: v.Minute(), Sec: v.Second(), OffsetSec: off, Prec: Offset}, nil
	case string:
		return ParseString(v)
	}
	return Date{}, fmt.Errorf("want a date such as 2025-12-19 (unquoted), or \"2025-12\" or \"2025\" for a month or a year, got %s", describe(v))
}

// ParseString parses the string forms of a date: "YYYY", "YYYY-MM", and, for
// convenience, "YYYY-MM-DD".
func ParseString(s string) (Date, error) {
	bad := fmt.Errorf("%q is not a date: write 2025-12-19 (unquoted) for a day, \"2025-12\" for a month, \"2025\" for a year", s)
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 {
		return Date{}, bad
	}
	var nums [3]int
	for i, p := range parts {
		if (i > 0 && len(p) != 2) || !allDigits(p) {
			return Date{}, bad
		}
		nums[i], _ = strconv.Atoi(p)
	}
	d := Date{Year: nums[0], Prec: Year}
	if len(parts) > 1 {
		if nums[1] < 1 || nums[1] > 12 {
			return Date{}, fmt.Errorf("%q: month %d does not exist", s, nums[1])
		}
		d.Month, d.Prec = nums[1], Month
	}
	if len(parts) > 2 {
		if nums[2] < 1 || nums[2] > daysIn(d.Year, d.Month) {
			return Date{}, fmt.Errorf("%q: day %d does not exist in that month", s, nums[2])
		}
		d.Day, d.Prec = nums[2], Day
	}
	return d, nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func describe(v any) string {
	switch v.(type) {
	case int64:
		return "a number"
	case bool:
		return "a boolean"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// Start is the first instant the date covers, in loc for dates without an
// offset. It orders events; it is never shown as the date.
func (d Date) Start(loc *time.Location) time.Time {
	switch d.Prec {
	case None:
		return time.Time{}
	case Year:
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
// comes before 2025-12-01 when both start together), reporting -1, 0 or +1.
func Compare(a, b Date, loc *time.Location) int {
	return a.Key(loc).Compare(b.Key(loc))
}

// A Key is what Compare orders a date by, worked out once: a sort of many
// dates compares keys rather than convert both dates in every comparison.
type Key struct {
	start time.Time
	prec  Precision
}

// Key returns the date's key on loc's clock.
func (d Date) Key(loc *time.Location) Key { return Key{d.Start(loc), d.Prec} }

// Compare orders keys as Compare orders their dates.
func (k Key) Compare(o Key) int {
	if c := k.start.Compare(o.start); c != 0 {
		return c
	}
	return cmp.Compare(k.prec, o.prec)
}

// String writes the date back in the form it was written in; ParseTOML of
// that form gives the same Date.
func (d Date) String() string {
	switch d.Prec {
	case None:
		return ""
	case Year:
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

// DayOf returns the calendar day of a date of day precision or finer, and the
// date itself otherwise: the key a chronology groups its events under.
func (d Date) DayOf() Date {
	if d.Prec <= Day {
		return d
	}
	return Date{Year: d.Year, Month: d.Month, Day: d.Day, Prec: Day}
}

// MonthOf is the month a date falls in, or the year for a year-only date.
func (d Date) MonthOf() Date {
	if d.Prec <= Month {
		return d
	}
	return Date{Year: d.Year, Month: d.Month, Prec: Month}
}

// Human writes the date for readers: "19 December 2025", "December 2025",
// "2025", "19 December 2025, 03:00" (site time) or with "UTC+2" for an offset.
func (d Date) Human() string {
	switch d.Prec {
	case None:
		return ""
	case Year:
		return strconv.Itoa(d.Year)
	case Month:
		return time.Month(d.Month).String() + " " + strconv.Itoa(d.Year)
	case Day:
		return fmt.Sprintf("%d %s %d", d.Day, time.Month(d.Month), d.Year)
	case Minute:
		return fmt.Sprintf("%d %s %d, %02d:%02d", d.Day, time.Month(d.Month), d.Year, d.Hour, d.Min)
	}
	return fmt.Sprintf("%d %s %d, %02d:%02d %s", d.Day, time.Month(d.Month), d.Year, d.Hour, d.Min, utcOffset(d.OffsetSec))
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
	return fmt.Sprintf("%d %s %d, %02d:%02d %s", l.Day, time.Month(l.Month), l.Year, l.Hour, l.Min, zone)
}

// Range writes a span for readers, sharing what the two ends share:
// "19–21 December 2025", "30 November – 2 December 2025", "December 2025 –
// January 2026". An empty end gives the start alone.
func Range(start, end Date, loc *time.Location) string {
	if end.IsZero() || end == start {
		return start.HumanIn(loc)
	}
	if start.Prec >= Minute || end.Prec >= Minute {
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
// to its precision ("2025-12", "2025-12-19", or an RFC 3339 instant).
func (d Date) ISO(loc *time.Location) string {
	if d.Prec >= Minute {
		return d.Start(loc).Format(time.RFC3339)
	}
	return d.String()
}
