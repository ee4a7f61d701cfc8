package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/date"
)

// calendar is what a language's dates need besides the catalogue's
// patterns: month names and the thousands separator, from CLDR.
type calendar struct {
	months     [13]string // in a full date (CLDR's format context): "грудня"
	standalone [13]string // alone (CLDR's stand-alone context): "грудень"
	short      [13]string // abbreviated, for the chart's axis: "груд."
	group      string     // the thousands separator: "," or a no-break space
}

// newCalendar takes the names from CLDR where the language is linked in,
// and from the catalogue's [date] months, months_standalone and
// months_short where it gives them. go-playground/locales carries CLDR's
// format-context names only, so a language whose stand-alone names differ
// (Ukrainian, Russian, Polish...) gives them in its catalogue.
func newCalendar(l *Lang, raw map[string]any) (calendar, error) {
	var c calendar
	if mk, ok := cldrLocales[l.Code]; ok {
		t := mk()
		copy(c.months[1:], t.MonthsWide())
		copy(c.short[1:], t.MonthsAbbreviated())
		// The separator as CLDR writes 10000: "10,000", "10 000".
		c.group = strings.TrimSuffix(strings.TrimPrefix(t.FmtNumber(10000, 0), "10"), "000")
	}
	d, _ := raw["date"].(map[string]any)
	for _, list := range []struct {
		key string
		to  *[13]string
	}{{"months", &c.months}, {"months_standalone", &c.standalone}, {"months_short", &c.short}} {
		v, ok := d[list.key]
		if !ok {
			continue
		}
		names, _ := v.([]any)
		if len(names) != 12 {
			return c, fmt.Errorf("date.%s must list the 12 months, January first", list.key)
		}
		for i, n := range names {
			s, ok := n.(string)
			if !ok || s == "" {
				return c, fmt.Errorf("date.%s: month %d must be a text in quotes", list.key, i+1)
			}
			list.to[i+1] = s
		}
	}
	if c.months[1] == "" {
		return c, fmt.Errorf(`no CLDR month names for %q are linked into Chronicle: give them in [date] as months = ["...", ...], in the form a full date takes`, l.Code)
	}
	if c.standalone[1] == "" {
		c.standalone = c.months
	}
	if c.short[1] == "" {
		c.short = c.standalone
	}
	if c.group == "" {
		c.group = ","
	}
	return c, nil
}

// Date writes a date for readers of a site on loc's clock, as
// date.Date.HumanIn does in English: "19 грудня 2025", "грудень 2025",
// "бл. 1850", "500 до н. е.", "19 грудня 2025, 03:06 EET".
func (l *Lang) Date(d date.Date, loc *time.Location) string {
	if d.Prec < date.Minute {
		return l.human(d)
	}
	t := d.Start(loc).In(loc)
	in := d.In(loc)
	zone, off := t.Zone()
	if zone == "" || zone[0] == '+' || zone[0] == '-' {
		zone = utcOffset(off)
	}
	return l.T("date.zone", "date", l.day(in), "time", clock(in), "zone", zone)
}

// human writes a date as written, without moving a time to the site's
// clock: date.Date.Human in the language.
func (l *Lang) human(d date.Date) string {
	if d.Approx && d.Prec != date.None {
		exact := d
		exact.Approx = false
		return l.T("date.circa", "date", l.human(exact))
	}
	switch d.Prec {
	case date.None:
		return ""
	case date.Decade:
		switch {
		case d.Year <= 0:
			return l.T("date.decade_bce", "year", l.group(-d.Year-8))
		case d.Year < 1000:
			return l.T("date.decade_ce", "year", strconv.Itoa(d.Year))
		}
		return l.T("date.decade", "year", strconv.Itoa(d.Year))
	case date.Year:
		return l.year(d.Year)
	case date.Month:
		return l.T("date.month", "month", l.cal.standalone[d.Month], "year", l.year(d.Year))
	case date.Day:
		return l.day(d)
	case date.Minute:
		return l.T("date.time", "date", l.day(d), "time", clock(d))
	}
	return l.T("date.zone", "date", l.day(d), "time", clock(d), "zone", utcOffset(d.OffsetSec))
}

func (l *Lang) day(d date.Date) string {
	return l.T("date.day", "day", strconv.Itoa(d.Day), "month", l.cal.months[d.Month], "year", l.year(d.Year))
}

func clock(d date.Date) string { return fmt.Sprintf("%02d:%02d", d.Hour, d.Min) }

// year is an astronomical year as readers count it: "2025", "800 CE",
// "500 BCE".
func (l *Lang) year(y int) string {
	switch {
	case y <= 0:
		return l.T("date.year_bce", "year", l.group(1-y))
	case y < 1000:
		return l.T("date.year_ce", "year", strconv.Itoa(y))
	}
	return strconv.Itoa(y)
}

// group writes n with the language's thousands separator from five digits
// on, as the English site always has: "4500", "13,800,000,000".
func (l *Lang) group(n int) string {
	s := strconv.Itoa(n)
	if len(s) <= 4 {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(l.cal.group)
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

// Range writes a span as date.Range does, sharing what the two ends
// share: "19–21 грудня 2025", "30 листопада – 2 грудня 2025", "листопад –
// грудень 2025".
func (l *Lang) Range(start, end date.Date, loc *time.Location) string {
	if end.IsZero() || end == start {
		return l.Date(start, loc)
	}
	if start.Prec >= date.Minute || end.Prec >= date.Minute || start.Approx || end.Approx || start.Year < 1000 || end.Year < 1000 {
		return l.T("date.range", "start", l.Date(start, loc), "end", l.Date(end, loc))
	}
	if start.Prec == date.Day && end.Prec == date.Day && start.Year == end.Year {
		if start.Month == end.Month {
			return l.T("date.range_days", "start", strconv.Itoa(start.Day), "end", strconv.Itoa(end.Day), "month", l.cal.months[end.Month], "year", strconv.Itoa(end.Year))
		}
		return l.T("date.range", "start", l.T("date.day_month", "day", strconv.Itoa(start.Day), "month", l.cal.months[start.Month]), "end", l.human(end))
	}
	if start.Prec == date.Month && end.Prec == date.Month && start.Year == end.Year {
		return l.T("date.range", "start", l.cal.standalone[start.Month], "end", l.human(end))
	}
	return l.T("date.range", "start", l.human(start), "end", l.human(end))
}

// Month is a month's name standing alone: "грудень", "December".
func (l *Lang) Month(m time.Month) string { return l.cal.standalone[m] }

// ShortMonth is a month and year abbreviated, for a chart's axis: "Dec
// 2025", "груд. 2025".
func (l *Lang) ShortMonth(year int, m time.Month) string {
	return l.T("date.month", "month", l.cal.short[m], "year", l.year(year))
}
