package date

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The years a Date may hold, astronomically numbered (0 is 1 BCE). The
// earliest is 100 billion BCE: room for the Big Bang (13.8 billion years
// ago) and well inside what time.Time holds (about 292 billion years either
// way), so Start, End and Compare stay exact. The latest is 9999, the last
// year TOML and ISO 8601 write in four digits.
const (
	MinYear = 1 - maxBCE
	MaxYear = 9999
	maxBCE  = 100_000_000_000
)

// circa marks an approximate date in its string form: "c. 1850".
const circa = "c. "

// FromTOML converts a value decoded by github.com/BurntSushi/toml: a local
// date, a local or offset datetime (all time.Time), or a string as
// ParseString reads it. The error says what forms are accepted.
func FromTOML(v any) (Date, error) {
	switch v := v.(type) {
	case time.Time:
		if v.Year() == 0 && v.Location().String() != "time-local" {
			return Date{}, errYearZero(v.Format("2006-01-02"))
		}
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

// ParseString parses the string forms of a date, each in one spelling only,
// so that String gives back what was written:
//
//	"2025", "2025-12", "2025-12-19"  a year, a month, a day (CE, four digits: "0500")
//	"500 BCE"                        a year before the common era
//	"1980s", "490s BCE"              a decade
//	"c. 1850", "c. 500 BCE"          any of these, approximately
//
// Other spellings that are clear ("500 BC", "circa 1850", "-0500") are
// refused with the spelling to write instead.
func ParseString(s string) (Date, error) {
	body, approx := strings.CutPrefix(s, circa)
	d, err := parseExact(body)
	if err != nil {
		if msg := advise(s); msg != "" {
			return Date{}, fmt.Errorf("%q is not a date: %s", s, msg)
		}
		return Date{}, err
	}
	d.Approx = approx
	return d, nil
}

func parseExact(s string) (Date, error) {
	if n, ok := strings.CutSuffix(s, " BCE"); ok {
		return parseBCE(s, n)
	}
	if n, ok := strings.CutSuffix(s, "s"); ok && len(n) == 4 && allDigits(n) {
		y, _ := strconv.Atoi(n)
		if y%10 != 0 || y == 0 {
			return Date{}, fmt.Errorf("%q is not a decade: a decade starts at a year ending in 0, such as \"1980s\"", s)
		}
		return Date{Year: y, Prec: Decade}, nil
	}
	bad := fmt.Errorf("%q is not a date: write 2025-12-19 (unquoted) for a day, \"2025-12\" for a month, \"2025\" for a year, \"1980s\" for a decade, \"500 BCE\" before the common era, \"c. 1850\" for an approximate date (docs/format.md, \"Dates\")", s)
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
	if nums[0] == 0 {
		return Date{}, errYearZero(s)
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

// parseBCE reads n of "n BCE" or "ns BCE". A BCE date is a year or a
// decade: days and months that far back are written in the Julian or
// other calendars, which Chronicle does not convert.
func parseBCE(s, n string) (Date, error) {
	decade := strings.HasSuffix(n, "s")
	n = strings.TrimSuffix(n, "s")
	if !allDigits(n) || n[0] == '0' || len(n) > 12 {
		return Date{}, fmt.Errorf("%q is not a date: before the common era write the year alone, in digits without separators or leading zeros, such as \"500 BCE\" or \"490s BCE\" (a day or a month BCE goes in the text)", s)
	}
	y, _ := strconv.Atoi(n)
	if y > maxBCE {
		return Date{}, fmt.Errorf("%q is out of range: Chronicle's dates reach back to %d BCE", s, maxBCE)
	}
	if !decade {
		return Date{Year: 1 - y, Prec: Year}, nil
	}
	if y%10 != 0 || y+9 > maxBCE {
		return Date{}, fmt.Errorf("%q is not a decade: a decade BCE is written by the year ending in 0 that closes it, such as \"490s BCE\" (499–490 BCE)", s)
	}
	// The 490s BCE run from 499 BCE to 490 BCE: the decade starts at its
	// earliest year, astronomically -498.
	return Date{Year: 1 - (y + 9), Prec: Decade}, nil
}

func errYearZero(s string) error {
	return fmt.Errorf("%q: there is no year 0 between 1 BCE and 1 CE; write \"1 BCE\" for the year ISO 8601 numbers 0000, or \"0001\"", s)
}

// advise names the spelling to write for a date written in a way that is
// clear to a reader but not one of ParseString's forms, or "".
func advise(s string) string {
	body := s
	for _, p := range []string{"c. ", "c.", "c ", "ca. ", "ca ", "circa ", "Circa ", "~"} {
		if b, ok := strings.CutPrefix(s, p); ok && b != "" {
			if d, err := parseExact(b); err == nil {
				return fmt.Sprintf("write %q for an approximate date", circa+d.String())
			}
			body = b
			break
		}
	}
	if b, ok := strings.CutSuffix(body, "~"); ok {
		if d, err := parseExact(b); err == nil {
			return fmt.Sprintf("write %q for an approximate date", circa+d.String())
		}
	}
	for _, suf := range []string{" BC", " B.C.", " BCE.", " B.C.E.", " bce", " bc"} {
		if n, ok := strings.CutSuffix(body, suf); ok {
			return fmt.Sprintf("write %q for a year before the common era", strings.ReplaceAll(n, ",", "")+" BCE")
		}
	}
	for _, form := range []string{"%s AD", "AD %s", "%s CE", "%s A.D.", "A.D. %s"} {
		var n string
		if _, err := fmt.Sscanf(body, form, &n); err == nil && allDigits(n) && len(n) <= 4 {
			y, _ := strconv.Atoi(n)
			return fmt.Sprintf("write %q: a year of the common era is four digits, with zeros in front below 1000", fmt.Sprintf("%04d", y))
		}
	}
	if n, ok := strings.CutPrefix(body, "-"); ok && allDigits(n) {
		y, _ := strconv.Atoi(n)
		return fmt.Sprintf("a negative year is ambiguous: write %q if it is ISO 8601's astronomical year -%s (year 0 is 1 BCE), or %q for %d years before 1 CE", strconv.Itoa(y+1)+" BCE", n, strconv.Itoa(y)+" BCE", y)
	}
	if allDigits(body) && len(body) < 4 {
		y, _ := strconv.Atoi(body)
		return fmt.Sprintf("write %q: a year of the common era is four digits, with zeros in front below 1000", fmt.Sprintf("%04d", y))
	}
	if strings.Contains(body, "century") {
		return "centuries are not dates yet: write the decade it is known to, such as \"1850s\", or a year with \"c. \""
	}
	if n, ok := strings.CutSuffix(strings.TrimPrefix(body, "the "), "'s"); ok && len(n) == 4 && allDigits(n) {
		return fmt.Sprintf("write %q for a decade", n+"s")
	}
	if n, ok := strings.CutSuffix(strings.TrimPrefix(body, "the "), "s"); ok && len(n) == 2 && allDigits(n) {
		return fmt.Sprintf("write the decade in full, such as %q", "19"+n+"s")
	}
	if strings.HasPrefix(body, "the ") {
		if d, err := parseExact(body[4:]); err == nil {
			return fmt.Sprintf("write %q", d.String())
		}
	}
	if strings.Contains(body, ",") && strings.HasSuffix(body, " BCE") {
		return fmt.Sprintf("write %q, without separators", strings.ReplaceAll(body, ",", ""))
	}
	return ""
}

// ParseISO reads a date as ISO gives it for machines, with the name of its
// precision (Precision.String): "2025-12" month, "-0499" year (500 BCE),
// "1980" decade, and RFC 3339 times for "datetime". It reads events.json's
// and events.csv's dates back.
func ParseISO(value, precision string) (Date, error) {
	if precision == "datetime" {
		t, err := time.Parse(time.RFC3339, value)
		if err != nil {
			return Date{}, fmt.Errorf("%q is not an RFC 3339 time", value)
		}
		_, off := t.Zone()
		return Date{Year: t.Year(), Month: int(t.Month()), Day: t.Day(), Hour: t.Hour(), Min: t.Minute(), Sec: t.Second(), OffsetSec: off, Prec: Offset}, nil
	}
	y, rest, ok := isoYear(value)
	if !ok {
		return Date{}, fmt.Errorf("%q is not an ISO 8601 date: want a year of four or more digits, with - in front before year 0", value)
	}
	if y < MinYear || y > MaxYear {
		return Date{}, fmt.Errorf("%q is out of range: Chronicle's dates run from %d BCE to %d", value, maxBCE, MaxYear)
	}
	switch precision {
	case "decade", "year":
		if rest != "" {
			break
		}
		d := Date{Year: y, Prec: Year}
		if precision == "decade" {
			d.Prec = Decade
			if (y > 0 && y%10 != 0) || (y <= 0 && (1-y)%10 != 9) {
				return Date{}, fmt.Errorf("%q does not start a decade", value)
			}
		}
		return d, nil
	case "month", "day":
		if y <= 0 {
			return Date{}, fmt.Errorf("%q: a date before the common era is a year or a decade", value)
		}
		d, err := parseExact(fmt.Sprintf("%04d", y) + rest)
		if err == nil && d.Prec.String() == precision {
			return d, nil
		}
	default:
		return Date{}, fmt.Errorf("precision %q: want decade, year, month, day or datetime", precision)
	}
	return Date{}, fmt.Errorf("%q is not a date of %s precision", value, precision)
}

// isoYear splits an ISO 8601 date into its year (expanded years have a sign
// and may have more than four digits) and what follows it.
func isoYear(s string) (int, string, bool) {
	sign, body := 1, s
	if b, ok := strings.CutPrefix(s, "-"); ok {
		sign, body = -1, b
	} else if b, ok := strings.CutPrefix(s, "+"); ok {
		body = b
	}
	n := len(body) - len(strings.TrimLeft(body, "0123456789"))
	if n < 4 || n > 12 {
		return 0, "", false
	}
	y, err := strconv.Atoi(body[:n])
	if err != nil {
		return 0, "", false
	}
	return sign * y, body[n:], true
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
