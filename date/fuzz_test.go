package date

import (
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// FuzzParseString: a string date that parses prints back as written, and
// that form parses to the same date.
func FuzzParseString(f *testing.F) {
	for _, s := range []string{"2025", "2025-12", "2025-12-19", "2024-02-29", "2025-02-29", "0000", "9999-12-31", "2025-13", "2025-1", "", "-", "20251", "2025--", "２０２５", "2025-12-19-",
		"500 BCE", "1 BCE", "44 BCE", "0500", "0001", "1980s", "0010s", "490s BCE", "10s BCE", "c. 1850", "c. 500 BCE", "c. 1980s", "c. 2025-12-19",
		"13800000000 BCE", "100000000000 BCE", "100000000001 BCE", "99999999990s BCE", "0500 BCE", "-0500", "500 BC", "circa 1850", "c.1850", "c. c. 1850",
		"1985s", "0000s", "80s", "19th century", "500", "0 BCE", "0s BCE", "c. ", "s", " BCE", "s BCE", "13,800,000,000 BCE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseString(s)
		if err != nil {
			if !d.IsZero() || err.Error() == "" {
				t.Fatalf("error %v with date %+v", err, d)
			}
			return
		}
		if d.Prec == None || d.Prec > Day {
			t.Fatalf("%q: precision %v", s, d.Prec)
		}
		if d.String() != s {
			t.Fatalf("%q prints as %q", s, d.String())
		}
		again, err := ParseString(d.String())
		if err != nil || again != d {
			t.Fatalf("%q: reparsed as %+v, %v", s, again, err)
		}
		checkDate(t, d)
	})
}

// FuzzFromTOML: every date form of TOML, and any other value, converts to a
// date or a clear error; a date written back in its own form (String, quoted
// for a month or a year) reads back the same, and HumanIn names the same
// instant as the date.
func FuzzFromTOML(f *testing.F) {
	for _, s := range []string{
		`2025-12-19`, `"2025-12"`, `"2025"`, `2025-12-19T03:05:00`, `2025-12-19T03:05:07.999`,
		`2025-12-19T03:00:00+02:00`, `2025-12-19 03:00:00Z`, `2025-12-19T03:00:00-09:30`,
		`2025-10-26T00:30:00Z`, `2025-10-26T01:30:00Z`, `2025-03-30T01:30:00Z`, `03:00:00`,
		`"2025-12-19"`, `12`, `true`, `[2025-12-19]`, `{a = 1}`, `0000-01-01`, `9999-12-31T23:59:59+23:59`,
		`"500 BCE"`, `"c. 1850"`, `"1980s"`, `"490s BCE"`, `0800-12-25`, `"c. 0800-12-25"`, `"13800000000 BCE"`, `'-0499'`,
	} {
		f.Add(s)
	}
	kyiv, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if strings.ContainsAny(src, "\n\r") {
			return
		}
		var m map[string]any
		if _, err := toml.Decode("v = "+src, &m); err != nil {
			return
		}
		d, err := FromTOML(m["v"])
		if err != nil {
			if !d.IsZero() || err.Error() == "" {
				t.Fatalf("error %v with date %+v", err, d)
			}
			return
		}
		written := d.TOML()
		var m2 map[string]any
		if _, err := toml.Decode("v = "+written, &m2); err != nil {
			t.Fatalf("%s prints as %s, which is not TOML: %v", src, written, err)
		}
		again, err := FromTOML(m2["v"])
		if err != nil || again != d {
			t.Fatalf("%s prints as %s, which reads back as %+v (%v), not %+v", src, written, again, err, d)
		}
		checkDate(t, d)

		// HumanIn on the site's clock names the instant of an offset date:
		// read back with its zone abbreviation, it is the same minute.
		if d.Prec == Offset && d.Year >= 1900 && d.Year < 2100 {
			h := d.HumanIn(kyiv)
			back, err := time.ParseInLocation("2 January 2006, 15:04 MST", h, kyiv)
			want := d.Start(kyiv).Truncate(time.Minute)
			if err == nil && !back.Equal(want) {
				t.Fatalf("%s is shown as %q, which is %v, not %v", src, h, back, want.In(kyiv))
			}
		}
	})
}

// checkDate holds what every date must satisfy.
func checkDate(t *testing.T, d Date) {
	t.Helper()
	for _, loc := range []*time.Location{time.UTC, time.FixedZone("", 14*3600)} {
		if d.Prec < Minute && !d.End(loc).After(d.Start(loc)) {
			t.Fatalf("%+v ends %v, not after it starts %v", d, d.End(loc), d.Start(loc))
		}
		if Compare(d, d, loc) != 0 {
			t.Fatalf("%+v does not compare equal to itself", d)
		}
		if d.Human() == "" || d.HumanIn(loc) == "" || d.ISO(loc) == "" || Range(d, d, loc) != d.HumanIn(loc) {
			t.Fatalf("%+v: empty or inconsistent text", d)
		}
	}
	if m := d.MonthOf(); m.Prec > Month || m.Year != d.Year || m.Approx || m.Slug() == "" {
		t.Fatalf("%+v: month %+v", d, m)
	}
	if d.Year < MinYear || d.Year > MaxYear || d.Year == 0 && d.Prec > Year {
		t.Fatalf("%+v: out of range", d)
	}
	// The machines' form reads back as the same date, less its circa.
	if d.Prec <= Day {
		iso := d.ISO(time.UTC)
		back, err := ParseISO(iso, d.Prec.String())
		if err != nil || back != d.exact() {
			t.Fatalf("%+v: ISO %q reads back as %+v, %v", d, iso, back, err)
		}
	}
}
