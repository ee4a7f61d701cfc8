package i18n

import (
	"testing"
	"time"

	"github.com/chronicle-tools/chronicle/date"
)

func d(s string) date.Date {
	v, err := date.ParseString(s)
	if err != nil {
		panic(err)
	}
	return v
}

// The English catalogue writes every date as the date package does: the
// English site must not change when its pages take their dates from here.
func TestEnglishDatesUnchanged(t *testing.T) {
	kyiv, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Fatal(err)
	}
	en := English()
	var dates []date.Date
	for _, s := range []string{"2025", "2025-12", "2025-12-19", "0500", "0800-03", "500 BCE", "1 BCE", "13800000000 BCE", "4500 BCE",
		"1980s", "490s BCE", "0010s", "c. 1850", "c. 500 BCE", "c. 2025-12", "c. 1980s", "9999-12-31", "1000", "0999"} {
		dates = append(dates, d(s))
	}
	for m := 1; m <= 12; m++ {
		dates = append(dates, date.Date{Year: 2025, Month: m, Prec: date.Month}, date.Date{Year: 2024, Month: m, Day: 28, Prec: date.Day})
	}
	dates = append(dates,
		date.Date{Year: 2025, Month: 12, Day: 19, Hour: 3, Min: 6, Prec: date.Minute},
		date.Date{Year: 2025, Month: 10, Day: 26, Hour: 3, Min: 30, Prec: date.Minute}, // the hour that repeats in Kyiv
		date.Date{Year: 2025, Month: 12, Day: 19, Hour: 1, Min: 0, OffsetSec: 0, Prec: date.Offset},
		date.Date{Year: 2025, Month: 12, Day: 19, Hour: 23, Min: 45, OffsetSec: 5*3600 + 1800, Prec: date.Offset},
		date.Date{Year: 2025, Month: 7, Day: 1, Hour: 12, Min: 0, OffsetSec: -4 * 3600, Prec: date.Offset},
	)
	fixed := time.FixedZone("", 3*3600+1800)
	for _, loc := range []*time.Location{time.UTC, kyiv, fixed} {
		for _, a := range dates {
			if got, want := en.Date(a, loc), a.HumanIn(loc); got != want {
				t.Errorf("Date(%v, %v) = %q, date.HumanIn gives %q", a, loc, got, want)
			}
			for _, b := range dates {
				if got, want := en.Range(a, b, loc), date.Range(a, b, loc); got != want {
					t.Errorf("Range(%v, %v, %v) = %q, date.Range gives %q", a, b, loc, got, want)
				}
			}
			if got, want := en.Range(a, date.Date{}, loc), date.Range(a, date.Date{}, loc); got != want {
				t.Errorf("Range(%v, zero) = %q, want %q", a, got, want)
			}
		}
	}
	for m := time.January; m <= time.December; m++ {
		if got, want := en.ShortMonth(2006, m), time.Date(2006, m, 1, 0, 0, 0, 0, time.UTC).Format("Jan 2006"); got != want {
			t.Errorf("ShortMonth(%v) = %q, want %q", m, got, want)
		}
		if en.Month(m) != m.String() {
			t.Errorf("Month(%v) = %q", m, en.Month(m))
		}
	}
}

func TestDates(t *testing.T) {
	utc := time.UTC
	type span struct{ start, end string }
	cases := []struct {
		lang   string
		dates  map[string]string
		ranges map[span]string
	}{{
		lang: "uk",
		dates: map[string]string{
			"2025-12-19": "19 грудня 2025", "2025-12": "грудень 2025", "2025-03-01": "1 березня 2025", "2025-05": "травень 2025",
			"2025": "2025", "0800": "800 н. е.", "500 BCE": "500 до н. е.", "13800000000 BCE": "13\u00a0800\u00a0000\u00a0000 до н. е.",
			"1980s": "1980-ті", "490s BCE": "490-ті до н. е.", "c. 1850": "бл. 1850", "c. 2025-12-19": "бл. 19 грудня 2025",
		},
		ranges: map[span]string{
			{"2025-12-19", "2025-12-21"}: "19–21 грудня 2025",
			{"2025-11-30", "2025-12-02"}: "30 листопада – 2 грудня 2025",
			{"2025-11", "2025-12"}:       "листопад – грудень 2025",
			{"2025-12", "2026-01"}:       "грудень 2025 – січень 2026",
			{"500 BCE", "0044"}:          "500 до н. е. – 44 н. е.",
		},
	}, {
		lang: "ru",
		dates: map[string]string{
			"2025-12-19": "19 декабря 2025", "2025-12": "декабрь 2025", "2025-08-31": "31 августа 2025", "2025-08": "август 2025",
			"500 BCE": "500 до н. э.", "1980s": "1980-е", "c. 1850": "ок. 1850",
		},
		ranges: map[span]string{
			{"2025-12-19", "2025-12-21"}: "19–21 декабря 2025",
			{"2025-11-30", "2025-12-02"}: "30 ноября – 2 декабря 2025",
			{"2025-12", "2026-01"}:       "декабрь 2025 – январь 2026",
		},
	}, {
		lang:  "en",
		dates: map[string]string{"2025-12-19": "19 December 2025", "2025-12": "December 2025", "500 BCE": "500 BCE", "c. 1850": "c. 1850"},
		ranges: map[span]string{
			{"2025-12-19", "2025-12-21"}: "19–21 December 2025",
		},
	}}
	for _, c := range cases {
		l := get(t, c.lang)
		for in, want := range c.dates {
			if got := l.Date(d(in), utc); got != want {
				t.Errorf("%s Date(%s) = %q, want %q", c.lang, in, got, want)
			}
		}
		for sp, want := range c.ranges {
			if got := l.Range(d(sp.start), d(sp.end), utc); got != want {
				t.Errorf("%s Range(%s, %s) = %q, want %q", c.lang, sp.start, sp.end, got, want)
			}
		}
	}
	kyiv, _ := time.LoadLocation("Europe/Kyiv")
	uk := get(t, "uk")
	off := date.Date{Year: 2025, Month: 12, Day: 19, Hour: 1, Min: 6, OffsetSec: 0, Prec: date.Offset}
	if got := uk.Date(off, kyiv); got != "19 грудня 2025, 03:06 EET" {
		t.Errorf("uk offset in Kyiv = %q", got)
	}
	if got := uk.Date(off, time.FixedZone("", 5*3600+1800)); got != "19 грудня 2025, 06:36 UTC+5:30" {
		t.Errorf("uk offset in +5:30 = %q", got)
	}
	if got := get(t, "ru").ShortMonth(2025, time.December); got != "дек. 2025" {
		t.Errorf("ru ShortMonth = %q", got)
	}
}
