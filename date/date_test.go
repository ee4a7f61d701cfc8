package date

import (
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

func decode(t *testing.T, src string) any {
	t.Helper()
	var m map[string]any
	if _, err := toml.Decode("v = "+src, &m); err != nil {
		t.Fatalf("decode %s: %v", src, err)
	}
	return m["v"]
}

func TestFromTOML(t *testing.T) {
	tests := []struct {
		src       string
		prec      Precision
		str, text string
	}{
		{`2025-12-19`, Day, "2025-12-19", "19 December 2025"},
		{`"2025-12"`, Month, "2025-12", "December 2025"},
		{`"2025"`, Year, "2025", "2025"},
		{`"2025-02-28"`, Day, "2025-02-28", "28 February 2025"},
		{`2025-12-19T03:05:00`, Minute, "2025-12-19T03:05:00", "19 December 2025, 03:05"},
		{`2025-12-19T03:00:00+02:00`, Offset, "2025-12-19T03:00:00+02:00", "19 December 2025, 03:00 UTC+2"},
		{`2025-12-19T03:00:00Z`, Offset, "2025-12-19T03:00:00Z", "19 December 2025, 03:00 UTC"},
		{`2025-12-19T03:00:00-05:30`, Offset, "2025-12-19T03:00:00-05:30", "19 December 2025, 03:00 UTC-5:30"},
	}
	for _, tt := range tests {
		d, err := FromTOML(decode(t, tt.src))
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if d.Prec != tt.prec || d.String() != tt.str || d.Human() != tt.text {
			t.Errorf("%s: got %v %q %q, want %v %q %q", tt.src, d.Prec, d.String(), d.Human(), tt.prec, tt.str, tt.text)
		}
		// What String writes parses back to the same date.
		back, err := FromTOML(decode(t, quoteIfPartial(d)))
		if err != nil || back != d {
			t.Errorf("%s: round trip gave %+v, %v", tt.src, back, err)
		}
	}
}

func quoteIfPartial(d Date) string {
	if d.Prec < Day {
		return `"` + d.String() + `"`
	}
	return d.String()
}

func TestFromTOMLErrors(t *testing.T) {
	for _, src := range []string{`"2025-13"`, `"2025-1"`, `"25"`, `"2025-02-30"`, `"December 2025"`, `"2025-12-19-"`, `20251219`, `true`, `03:00:00`, `""`, `"2025-00"`} {
		if d, err := FromTOML(decode(t, src)); err == nil {
			t.Errorf("%s: want an error, got %+v", src, d)
		}
	}
}

func TestRange(t *testing.T) {
	day := func(y, m, d int) Date { return Date{Year: y, Month: m, Day: d, Prec: Day} }
	month := func(y, m int) Date { return Date{Year: y, Month: m, Prec: Month} }
	tests := []struct {
		start, end Date
		want       string
	}{
		{day(2025, 12, 19), Date{}, "19 December 2025"},
		{day(2025, 12, 19), day(2025, 12, 21), "19–21 December 2025"},
		{day(2025, 11, 30), day(2025, 12, 2), "30 November – 2 December 2025"},
		{day(2025, 12, 30), day(2026, 1, 2), "30 December 2025 – 2 January 2026"},
		{month(2025, 11), month(2025, 12), "November – December 2025"},
		{month(2025, 12), month(2026, 1), "December 2025 – January 2026"},
		{day(2025, 12, 19), day(2025, 12, 19), "19 December 2025"},
	}
	for _, tt := range tests {
		if got := Range(tt.start, tt.end, time.UTC); got != tt.want {
			t.Errorf("Range(%v, %v) = %q, want %q", tt.start, tt.end, got, tt.want)
		}
	}
}

func TestCompareAndSpan(t *testing.T) {
	kyiv, _ := time.LoadLocation("Europe/Kyiv")
	month := Date{Year: 2025, Month: 12, Prec: Month}
	first := Date{Year: 2025, Month: 12, Day: 1, Prec: Day}
	if Compare(month, first, kyiv) >= 0 || Compare(first, month, kyiv) <= 0 {
		t.Error("a month should sort before its first day")
	}
	if got := month.End(kyiv).Sub(month.Start(kyiv)); got != 31*24*time.Hour {
		t.Errorf("December spans %v", got)
	}
	local := Date{Year: 2025, Month: 12, Day: 19, Hour: 3, Prec: Minute}
	if got := local.ISO(kyiv); got != "2025-12-19T03:00:00+02:00" {
		t.Errorf("local datetime in Kyiv: %s", got)
	}
	if got := local.HumanIn(kyiv); got != "19 December 2025, 03:00 EET" {
		t.Errorf("local datetime shown as %q", got)
	}
	moscow := Date{Year: 2025, Month: 11, Day: 29, Hour: 0, Min: 6, OffsetSec: 3 * 3600, Prec: Offset}
	if got := moscow.HumanIn(kyiv); got != "28 November 2025, 23:06 EET" {
		t.Errorf("offset datetime on the site's clock: %q", got)
	}
	if got := moscow.In(kyiv).DayOf(); got != (Date{Year: 2025, Month: 11, Day: 28, Prec: Day}) {
		t.Errorf("offset datetime's site day: %v", got)
	}
	if month.ISO(kyiv) != "2025-12" || month.DayOf() != month || local.MonthOf() != month {
		t.Error("month-precision helpers")
	}
}
