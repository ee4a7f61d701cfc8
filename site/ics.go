package site

import (
	"bufio"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/date"
)

// calendar is events.ics, an iCalendar file (RFC 5545) with one VEVENT per
// event. docs/data.md describes how dates of each precision become calendar
// entries. The file depends on the notes and the base URL alone, never on
// the time of the build, so two builds of the same notes are identical.
func (s *Site) calendar(out io.Writer) error {
	c := s.Config
	w := icsWriter{b: bufio.NewWriterSize(out, 64<<10)}
	w.raw("BEGIN:VCALENDAR")
	w.raw("VERSION:2.0")
	w.raw("PRODID:-//Chronicle//Chronicle//EN")
	w.raw("CALSCALE:GREGORIAN")
	w.raw("METHOD:PUBLISH")
	w.text("NAME:", c.Title)
	w.text("X-WR-CALNAME:", c.Title)
	if c.Description != "" {
		w.text("DESCRIPTION:", c.Description)
		w.text("X-WR-CALDESC:", c.Description)
	}
	if isAbs(c.BaseURL) {
		w.raw("URL:" + c.AbsURL(""))
	}
	w.raw("REFRESH-INTERVAL;VALUE=DURATION:PT12H")
	w.raw("X-PUBLISHED-TTL:PT12H")
	host := icsHost(c.BaseURL)
	for _, e := range s.Events {
		up := icsUTC(e.Updated(c.Location))
		w.raw("BEGIN:VEVENT")
		w.text("UID:", e.ID+"@"+host)
		w.raw("DTSTAMP:" + up)
		w.raw("LAST-MODIFIED:" + up)
		w.raw("SEQUENCE:" + strconv.Itoa(len(e.Updates)))
		start, end := icsSpan(e.Date, e.End, c.Location)
		w.raw("DTSTART" + start)
		if end != "" {
			w.raw("DTEND" + end)
		}
		w.text("SUMMARY:", e.Title)
		w.text("DESCRIPTION:", s.icsDescription(e))
		if places := dedupe(e.Places); len(places) > 0 {
			w.text("LOCATION:", strings.Join(places, ", "))
		}
		var cats []string
		if k := c.kind(e.Kind); k != nil {
			cats = append(cats, k.Label)
		}
		cats = append(cats, dedupe(e.Tags)...)
		if len(cats) > 0 {
			w.texts("CATEGORIES:", cats)
		}
		if isAbs(c.BaseURL) {
			w.raw("URL:" + c.AbsURL("events/"+e.ID+"/"))
		}
		w.raw("TRANSP:TRANSPARENT")
		w.raw("END:VEVENT")
	}
	w.raw("END:VCALENDAR")
	return w.b.Flush()
}

// icsDescription is the plain text of an event's calendar entry: when, how
// well established, the summary and the link to its page.
func (s *Site) icsDescription(e *Event) string {
	c := s.Config
	var b strings.Builder
	b.WriteString(date.Range(e.Date, e.End, c.Location))
	b.WriteString("\nStatus: " + e.Status)
	if e.ClaimedBy != "" {
		b.WriteString(" (claimed by " + e.ClaimedBy + ")")
	}
	if e.ContentWarning != "" {
		b.WriteString("\nContent warning: " + e.ContentWarning)
	}
	if e.Summary != "" {
		b.WriteString("\n\n" + e.Summary)
	}
	b.WriteString("\n\n" + c.AbsURL("events/"+e.ID+"/"))
	return b.String()
}

// icsSpan gives the DTSTART and DTEND of an event, each with its parameters
// and colon. An event whose start and end (if any) are both times of day is
// timed, in UTC; any other is all-day, from the first day its start covers to
// the day after the last day its end (or start) covers: DTEND of an all-day
// event is exclusive. A month or a year covers every day in it.
func icsSpan(start, end date.Date, loc *time.Location) (dtstart, dtend string) {
	if start.Prec >= date.Minute && (end.IsZero() || end.Prec >= date.Minute) {
		dtstart = ":" + icsUTC(start.Start(loc))
		if !end.IsZero() {
			dtend = ":" + icsUTC(end.Start(loc))
		}
		return dtstart, dtend
	}
	last := end
	if last.IsZero() {
		last = start
	}
	return ";VALUE=DATE:" + icsDay(firstDay(start, loc)), ";VALUE=DATE:" + icsDay(dayAfter(last, loc))
}

// firstDay is the first calendar day a date covers, on the site's calendar.
func firstDay(d date.Date, loc *time.Location) time.Time {
	d = d.In(loc)
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

// dayAfter is the day after the last calendar day a date covers.
func dayAfter(d date.Date, loc *time.Location) time.Time {
	first := firstDay(d, loc)
	switch d.Prec {
	case date.Year:
		return first.AddDate(1, 0, 0)
	case date.Month:
		return first.AddDate(0, 1, 0)
	}
	return first.AddDate(0, 0, 1)
}

func icsDay(t time.Time) string { return t.Format("20060102") }

func icsUTC(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// icsHost names the site in UIDs: the host and path of the base URL, such as
// "owner.github.io/repo", or "chronicle.invalid" for a site without a host.
func icsHost(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Host == "" {
		return "chronicle.invalid" + strings.TrimSuffix(baseURL, "/")
	}
	return u.Host + strings.TrimSuffix(u.EscapedPath(), "/")
}

func isAbs(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// appendICSText appends s escaped as a TEXT value: backslash, semicolon,
// comma and line breaks (RFC 5545, 3.3.11). Other control characters, which
// TEXT may not hold, are dropped.
func appendICSText(b []byte, s string) []byte {
	if !icsNeedsEscape(s) {
		return append(b, s...) // most text: nothing to escape
	}
	if !utf8.ValidString(s) {
		// Each byte that is not UTF-8 becomes U+FFFD; then a byte loop
		// can copy every other byte as it is.
		s = strings.Map(func(r rune) rune { return r }, s)
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || c == ';' || c == ',':
			b = append(b, '\\', c)
		case c == '\n' || c == '\r':
			b = append(b, `\n`...)
		case c == '\t' || c >= 0x20 && c != 0x7f:
			b = append(b, c)
		}
	}
	return b
}

// icsNeedsEscape reports whether appendICSText would change s: it holds a byte
// to escape or drop, or bytes that are not UTF-8 (written as U+FFFD).
func icsNeedsEscape(s string) bool {
	ascii := true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf:
			ascii = false
		case c == '\\' || c == ';' || c == ',' || c < 0x20 && c != '\t' || c == 0x7f:
			return true
		}
	}
	return !ascii && !utf8.ValidString(s)
}

// icsWriter writes content lines, each ended by CRLF and folded so that no
// line is longer than 75 octets: a long line continues on the next after a
// single space, and a fold never splits a UTF-8 sequence.
type icsWriter struct {
	b    *bufio.Writer
	line []byte // the content line being made
}

const icsLineMax = 75

// text writes a property of TEXT value: name (with its colon) and s.
func (w *icsWriter) text(name, s string) {
	w.line = appendICSText(append(w.line[:0], name...), s)
	w.write()
}

// texts writes a property whose value is a list of TEXT values.
func (w *icsWriter) texts(name string, list []string) {
	w.line = append(w.line[:0], name...)
	for i, s := range list {
		if i > 0 {
			w.line = append(w.line, ',')
		}
		w.line = appendICSText(w.line, s)
	}
	w.write()
}

// raw writes a line as it is.
func (w *icsWriter) raw(s string) {
	w.line = append(w.line[:0], s...)
	w.write()
}

// write writes the line made, folded.
func (w *icsWriter) write() {
	s := w.line
	// Cut at most 75 octets at a time (74 after the folding space), back
	// to the start of the UTF-8 sequence the cut would split.
	room := icsLineMax
	for len(s) > room {
		cut := room
		for back := 0; back < utf8.UTFMax-1 && !utf8.RuneStart(s[cut]); back++ {
			cut--
		}
		if !utf8.RuneStart(s[cut]) { // not UTF-8: cut anywhere
			cut = room
		}
		w.b.Write(s[:cut])
		w.b.WriteString("\r\n ")
		s = s[cut:]
		room = icsLineMax - 1
	}
	w.b.Write(s)
	w.b.WriteString("\r\n")
}
