package export

import (
	"bufio"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/date"
)

func TestICSFold(t *testing.T) {
	for _, s := range []string{
		"SHORT:x",
		"SUMMARY:" + strings.Repeat("a", 67),  // exactly 75 octets: no fold
		"SUMMARY:" + strings.Repeat("a", 68),  // 76: one fold
		"SUMMARY:" + strings.Repeat("ї", 100), // two-octet characters across folds
		"SUMMARY:a" + strings.Repeat("€", 60), // three octets, offset by one
		"SUMMARY:" + strings.Repeat("🕊", 40),  // four octets
		"DESCRIPTION:" + strings.Repeat("x ", 200),
	} {
		var buf strings.Builder
		w := icsWriter{b: bufio.NewWriter(&buf)}
		w.raw(s)
		w.b.Flush()
		out := buf.String()
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatalf("%q: no CRLF at the end", out)
		}
		lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
		for i, l := range lines {
			if len(l) > icsLineMax {
				t.Errorf("%.20q: line %d is %d octets", s, i, len(l))
			}
			if !utf8.ValidString(l) {
				t.Errorf("%.20q: line %d splits a character: %q", s, i, l)
			}
			if i > 0 && (l == " " || l[0] != ' ') {
				t.Errorf("%.20q: continuation %d is %q", s, i, l)
			}
			if i < len(lines)-1 {
				// A fold comes only when the next character would not fit.
				_, next := utf8.DecodeRuneInString(lines[i+1][1:])
				if len(l)+next <= icsLineMax {
					t.Errorf("%.20q: line %d folded early at %d octets", s, i, len(l))
				}
			}
		}
		if got := strings.ReplaceAll(strings.TrimSuffix(out, "\r\n"), "\r\n ", ""); got != s {
			t.Errorf("unfolding %.20q gave %.20q", s, got)
		}
		if want := len(s) <= icsLineMax; want != (len(lines) == 1) {
			t.Errorf("%.20q (%d octets): %d lines", s, len(s), len(lines))
		}
	}
}

func TestICSText(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                "plain",
		`back\slash`:           `back\\slash`,
		"semi;colon, comma":    `semi\;colon\, comma`,
		"two\nlines\r\nthree":  `two\nlines\nthree`,
		"tab\tkept, bell\x07x": "tab\tkept\\, bellx",
		"Київ; Одеса":          `Київ\; Одеса`,
	} {
		if got := string(appendICSText(nil, in)); got != want {
			t.Errorf("appendICSText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestICSSpan(t *testing.T) {
	kyiv, err := time.LoadLocation("Europe/Kyiv")
	if err != nil {
		t.Fatal(err)
	}
	d := func(s string) date.Date {
		t.Helper()
		if s == "" {
			return date.Date{}
		}
		if strings.Contains(s, "T") {
			var v date.Date
			layout := "2006-01-02T15:04:05"
			if tm, err := time.Parse(time.RFC3339, s); err == nil {
				_, off := tm.Zone()
				v = date.Date{Year: tm.Year(), Month: int(tm.Month()), Day: tm.Day(), Hour: tm.Hour(), Min: tm.Minute(), OffsetSec: off, Prec: date.Offset}
			} else if tm, err := time.Parse(layout, s); err == nil {
				v = date.Date{Year: tm.Year(), Month: int(tm.Month()), Day: tm.Day(), Hour: tm.Hour(), Min: tm.Minute(), Prec: date.Minute}
			} else {
				t.Fatal(err)
			}
			return v
		}
		v, err := date.ParseString(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tt := range []struct{ start, end, dtstart, dtend string }{
		{"2025-12-19", "", ";VALUE=DATE:20251219", ";VALUE=DATE:20251220"},
		{"2025-12-31", "", ";VALUE=DATE:20251231", ";VALUE=DATE:20260101"},
		{"2025-12-19", "2025-12-21", ";VALUE=DATE:20251219", ";VALUE=DATE:20251222"},
		{"2025-12", "", ";VALUE=DATE:20251201", ";VALUE=DATE:20260101"},
		{"2024-02", "", ";VALUE=DATE:20240201", ";VALUE=DATE:20240301"},
		{"2025-11", "2026-01", ";VALUE=DATE:20251101", ";VALUE=DATE:20260201"},
		{"2025", "", ";VALUE=DATE:20250101", ";VALUE=DATE:20260101"},
		{"2024", "2025-03", ";VALUE=DATE:20240101", ";VALUE=DATE:20250401"},
		{"2025-12-19", "2026", ";VALUE=DATE:20251219", ";VALUE=DATE:20270101"},
		{"2025-12-19T21:15:00", "", ":20251219T191500Z", ""},
		{"2025-07-19T21:15:00", "", ":20250719T181500Z", ""}, // summer time
		{"2025-12-19T21:15:00", "2025-12-19T23:00:00", ":20251219T191500Z", ":20251219T210000Z"},
		{"2025-12-19T21:15:00+03:00", "", ":20251219T181500Z", ""},
		// A time mixed with a day: all-day, each time's day on the site's clock.
		{"2025-12-19T21:15:00", "2025-12-21", ";VALUE=DATE:20251219", ";VALUE=DATE:20251222"},
		{"2025-12-19", "2025-12-20T23:30:00Z", ";VALUE=DATE:20251219", ";VALUE=DATE:20251222"},
		{"2025-12-19T23:30:00Z", "2025-12", ";VALUE=DATE:20251220", ";VALUE=DATE:20260101"},
	} {
		s, e := icsSpan(d(tt.start), d(tt.end), kyiv)
		if s != tt.dtstart || e != tt.dtend {
			t.Errorf("%s .. %s: DTSTART%s DTEND%s, want DTSTART%s DTEND%s", tt.start, tt.end, s, e, tt.dtstart, tt.dtend)
		}
	}
}

func TestICSHost(t *testing.T) {
	for in, want := range map[string]string{
		"https://owner.github.io/repo/":   "owner.github.io/repo",
		"https://owner.github.io/":        "owner.github.io",
		"https://chronology.example.org/": "chronology.example.org",
		"/":                               "chronicle.invalid",
		"/sub/":                           "chronicle.invalid/sub",
	} {
		if got := icsHost(in); got != want {
			t.Errorf("icsHost(%q) = %q, want %q", in, got, want)
		}
	}
}

// icsTextRunes is the TEXT escaping as first written, rune by rune: the reference
// for the byte loop that replaced it.
func icsTextRunes(s string) string {
	var b strings.Builder
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestICSTextMatchesRuneLoop(t *testing.T) {
	pieces := []string{"a", " ", ",", ";", "\\", "\n", "\r", "\r\n", "\t", "\x01", "\x7f", "é", "ж", "€", "😀", "\xff", "\x80", "\xe2\x82"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var sb strings.Builder
		for range r.IntN(40) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := sb.String()
		if got := string(appendICSText(nil, s)); got != icsTextRunes(s) {
			t.Fatalf("appendICSText(%q) = %q, want %q", s, got, icsTextRunes(s))
		}
		if got := string(appendICSText(nil, []byte(s))); got != icsTextRunes(s) {
			t.Fatalf("appendICSText([]byte(%q)) = %q, want %q", s, got, icsTextRunes(s))
		}
	}
}
