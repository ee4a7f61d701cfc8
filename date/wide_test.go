package date

import (
	"strings"
	"testing"
	"time"
)

// TestWideDates: years before 1000 and before the common era, decades and
// circa, in each of their forms.
func TestWideDates(t *testing.T) {
	tests := []struct {
		src        string // as written in front matter
		want       Date
		str, human string
		iso, prec  string
	}{
		{`"500 BCE"`, Date{Year: -499, Prec: Year}, "500 BCE", "500 BCE", "-0499", "year"},
		{`"44 BCE"`, Date{Year: -43, Prec: Year}, "44 BCE", "44 BCE", "-0043", "year"},
		{`"1 BCE"`, Date{Year: 0, Prec: Year}, "1 BCE", "1 BCE", "0000", "year"},
		{`"0001"`, Date{Year: 1, Prec: Year}, "0001", "1 CE", "0001", "year"},
		{`"0500"`, Date{Year: 500, Prec: Year}, "0500", "500 CE", "0500", "year"},
		{`0800-12-25`, Date{Year: 800, Month: 12, Day: 25, Prec: Day}, "0800-12-25", "25 December 800 CE", "0800-12-25", "day"},
		{`"13800000000 BCE"`, Date{Year: -13_799_999_999, Prec: Year}, "13800000000 BCE", "13,800,000,000 BCE", "-13799999999", "year"},
		{`"100000000000 BCE"`, Date{Year: MinYear, Prec: Year}, "100000000000 BCE", "100,000,000,000 BCE", "-99999999999", "year"},
		{`"1980s"`, Date{Year: 1980, Prec: Decade}, "1980s", "1980s", "1980", "decade"},
		{`"0810s"`, Date{Year: 810, Prec: Decade}, "0810s", "810s CE", "0810", "decade"},
		{`"490s BCE"`, Date{Year: -498, Prec: Decade}, "490s BCE", "490s BCE", "-0498", "decade"},
		{`"10s BCE"`, Date{Year: -18, Prec: Decade}, "10s BCE", "10s BCE", "-0018", "decade"},
		{`"c. 1850"`, Date{Year: 1850, Prec: Year, Approx: true}, "c. 1850", "c. 1850", "1850", "year"},
		{`"c. 500 BCE"`, Date{Year: -499, Prec: Year, Approx: true}, "c. 500 BCE", "c. 500 BCE", "-0499", "year"},
		{`"c. 1650-06"`, Date{Year: 1650, Month: 6, Prec: Month, Approx: true}, "c. 1650-06", "c. June 1650", "1650-06", "month"},
		{`"c. 1980s"`, Date{Year: 1980, Prec: Decade, Approx: true}, "c. 1980s", "c. 1980s", "1980", "decade"},
	}
	for _, tt := range tests {
		d, err := FromTOML(decode(t, tt.src))
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if d != tt.want || d.String() != tt.str || d.Human() != tt.human || d.ISO(time.UTC) != tt.iso || d.Prec.String() != tt.prec {
			t.Errorf("%s: got %+v %q %q %q %s, want %+v %q %q %q %s", tt.src, d, d.String(), d.Human(), d.ISO(time.UTC), d.Prec, tt.want, tt.str, tt.human, tt.iso, tt.prec)
		}
		if back, err := FromTOML(decode(t, d.TOML())); err != nil || back != d {
			t.Errorf("%s: TOML %s reads back as %+v, %v", tt.src, d.TOML(), back, err)
		}
		if back, err := ParseISO(tt.iso, tt.prec); err != nil || back != d.exact() {
			t.Errorf("%s: ISO %s reads back as %+v, %v", tt.src, tt.iso, back, err)
		}
		if got := d.Start(time.UTC).Year(); got != d.Year {
			t.Errorf("%s: starts in year %d", tt.src, got)
		}
	}
}

// TestWideOrder: older first, a decade before the years in it, exact
// before circa, as Compare orders a month before its days.
func TestWideOrder(t *testing.T) {
	order := []string{"13800000000 BCE", "500 BCE", "c. 500 BCE", "490s BCE", "499 BCE", "44 BCE", "1 BCE", "0001", "0500", "1980s", "1980", "c. 1980", "1980-01", "1985", "1989-12", "1990s"}
	var prev Date
	for i, s := range order {
		d, err := ParseString(s)
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 && Compare(prev, d, time.UTC) >= 0 {
			t.Errorf("%s does not sort before %s", prev, s)
		}
		prev = d
	}
	dec, _ := ParseString("490s BCE")
	last, _ := ParseString("490 BCE")
	if !dec.End(time.UTC).Equal(last.End(time.UTC)) {
		t.Errorf("the 490s BCE end %v, not with 490 BCE", dec.End(time.UTC))
	}
}

// TestWideErrors: forms refused, each with the spelling to write.
func TestWideErrors(t *testing.T) {
	for _, tt := range []struct{ src, fix string }{
		{`"-0500"`, `"501 BCE"`},
		{`"-500"`, `"500 BCE"`},
		{`"500 BC"`, `"500 BCE"`},
		{`"500 B.C."`, `"500 BCE"`},
		{`"0500 BCE"`, `"500 BCE"`},
		{`"13,800,000,000 BCE"`, `"13800000000 BCE"`},
		{`"100000000001 BCE"`, "100000000000 BCE"},
		{`"AD 500"`, `"0500"`},
		{`"500 CE"`, `"0500"`},
		{`"500"`, `"0500"`},
		{`"0000"`, `"1 BCE"`},
		{`0000-01-01`, `"1 BCE"`},
		{`"circa 1850"`, `"c. 1850"`},
		{`"ca. 1850"`, `"c. 1850"`},
		{`"c.1850"`, `"c. 1850"`},
		{`"1850~"`, `"c. 1850"`},
		{`"1980's"`, `"1980s"`},
		{`"the 1980s"`, `"1980s"`},
		{`"80s"`, `"1980s"`},
		{`"1985s"`, `"1980s"`},
		{`"495s BCE"`, `"490s BCE"`},
		{`"19th century"`, `"1850s"`},
		{`"March 44 BCE"`, `"500 BCE"`},
		{`"44 BCE-03"`, `"500 BCE"`},
	} {
		_, err := FromTOML(decode(t, tt.src))
		if err == nil || !strings.Contains(err.Error(), tt.fix) {
			t.Errorf("%s: error %v, want one naming %s", tt.src, err, tt.fix)
		}
	}
	for _, tt := range [][2]string{{"-0499", "month"}, {"1985", "decade"}, {"-0499", "decade"}, {"-100000000000", "year"}, {"10000", "year"}, {"2025-12", "year"}, {"2025", "century"}, {"25", "year"}} {
		if d, err := ParseISO(tt[0], tt[1]); err == nil {
			t.Errorf("ParseISO(%q, %q) = %+v, want an error", tt[0], tt[1], d)
		}
	}
}

func TestWideRangeAndSlug(t *testing.T) {
	p := func(s string) Date {
		d, err := ParseString(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tt := range [][3]string{
		{"500 BCE", "44 BCE", "500 BCE – 44 BCE"},
		{"c. 1850", "1855", "c. 1850 – 1855"},
		{"c. 2025-12-19", "2025-12-21", "c. 19 December 2025 – 21 December 2025"},
		{"1980s", "1990s", "1980s – 1990s"},
	} {
		if got := Range(p(tt[0]), p(tt[1]), time.UTC); got != tt[2] {
			t.Errorf("Range(%s, %s) = %q, want %q", tt[0], tt[1], got, tt[2])
		}
	}
	for _, tt := range [][2]string{{"2025", "2025"}, {"2025-12", "2025/12"}, {"2025-12-19", "2025/12/19"}, {"0500", "0500"}, {"500 BCE", "500-bce"}, {"c. 500 BCE", "500-bce"}, {"1980s", "1980s"}, {"490s BCE", "490s-bce"}} {
		if got := p(tt[0]).Slug(); got != tt[1] {
			t.Errorf("%s: slug %q, want %q", tt[0], got, tt[1])
		}
	}
}
