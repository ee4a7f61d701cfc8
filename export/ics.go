package export

import (
	"bufio"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/site"
)

// calendar is events.ics, an iCalendar file (RFC 5545) with one VEVENT per
// event. docs/data.md describes how dates of each precision become calendar
// entries. The file depends on the notes and the base URL alone, never on
// the time of the build, so two builds of the same notes are identical.
func (s data) calendar(out io.Writer) error {
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
	uid := appendICSText(nil, "@"+icsHost(c.BaseURL)) // after each event's id
	// Each line is made in w.line and the description in w.desc, reused
	// from event to event, so that the calendar makes no garbage a line.
	for _, e := range s.Events {
		if e.Date.Year < 1 {
			continue // iCalendar's years are 0000-9999 and its calendar Gregorian: no BCE
		}
		up := e.Updated(c.Location).UTC()
		w.raw("BEGIN:VEVENT")
		w.begin("UID:")
		w.line = append(appendICSText(w.line, e.ID), uid...)
		w.write()
		w.begin("DTSTAMP:")
		w.line = up.AppendFormat(w.line, icsUTCLayout)
		w.write()
		w.begin("LAST-MODIFIED:")
		w.line = up.AppendFormat(w.line, icsUTCLayout)
		w.write()
		w.begin("SEQUENCE:")
		w.line = strconv.AppendInt(w.line, int64(len(e.Updates)), 10)
		w.write()
		start, end := icsSpan(e.Date, e.End, c.Location)
		w.raw("DTSTART" + start)
		if end != "" {
			w.raw("DTEND" + end)
		}
		w.text("SUMMARY:", e.Title)
		w.desc = s.appendICSDescription(w.desc[:0], e)
		w.begin("DESCRIPTION:")
		w.line = appendICSText(w.line, w.desc)
		w.write()
		if places := site.Dedupe(e.Places); len(places) > 0 {
			w.begin("LOCATION:")
			for i, p := range places {
				if i > 0 {
					w.line = append(w.line, `\, `...) // ", " escaped
				}
				w.line = appendICSText(w.line, p)
			}
			w.write()
		}
		k := c.Kind(e.Kind)
		if tags := site.Dedupe(e.Tags); k != nil || len(tags) > 0 {
			w.begin("CATEGORIES:")
			if k != nil {
				w.line = appendICSText(w.line, k.Label)
			}
			for i, t := range tags {
				if i > 0 || k != nil {
					w.line = append(w.line, ',')
				}
				w.line = appendICSText(w.line, t)
			}
			w.write()
		}
		if isAbs(c.BaseURL) {
			w.begin("URL:")
			w.line = appendEventURL(w.line, c, e)
			w.write()
		}
		w.raw("TRANSP:TRANSPARENT")
		w.raw("END:VEVENT")
	}
	w.raw("END:VCALENDAR")
	return w.b.Flush()
}

// appendICSDescription appends the plain text of an event's calendar entry:
// when, how well established, the summary and the link to its page.
func (s data) appendICSDescription(b []byte, e *site.Event) []byte {
	c := s.Config
	b = append(b, date.Range(e.Date, e.End, c.Location)...)
	b = append(append(b, "\nStatus: "...), e.Status...)
	if e.ClaimedBy != "" {
		b = append(append(append(b, " (claimed by "...), e.ClaimedBy...), ')')
	}
	if e.ContentWarning != "" {
		b = append(append(b, "\nContent warning: "...), e.ContentWarning...)
	}
	if e.Summary != "" {
		b = append(append(b, "\n\n"...), e.Summary...)
	}
	return appendEventURL(append(b, "\n\n"...), c, e)
}

// appendEventURL appends the absolute URL of e's page.
func appendEventURL(b []byte, c *site.Config, e *site.Event) []byte {
	return append(append(append(append(b, c.BaseURL...), "events/"...), e.ID...), '/')
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
	case date.Decade:
		return first.AddDate(10, 0, 0)
	case date.Year:
		return first.AddDate(1, 0, 0)
	case date.Month:
		return first.AddDate(0, 1, 0)
	}
	return first.AddDate(0, 0, 1)
}

func icsDay(t time.Time) string { return t.Format("20060102") }

const icsUTCLayout = "20060102T150405Z"

func icsUTC(t time.Time) string { return t.UTC().Format(icsUTCLayout) }

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
// TEXT may not hold, are dropped, and each byte that is not UTF-8 becomes
// U+FFFD. It takes bytes as well as strings, so that text made in a reused
// buffer is escaped without a copy.
func appendICSText[T string | []byte](b []byte, s T) []byte {
	if !icsNeedsEscape(s) {
		return append(b, s...) // most text: nothing to escape
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' || c == ';' || c == ',':
			b = append(b, '\\', c)
		case c == '\r' || c == '\n':
			b = append(b, `\n`...)
			if c == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++ // CRLF: one line break
			}
		case c >= utf8.RuneSelf:
			// At most four bytes: converted on the stack, not copied.
			r, n := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
			if r == utf8.RuneError && n == 1 {
				b = utf8.AppendRune(b, utf8.RuneError)
			} else {
				b = append(b, s[i:i+n]...)
			}
			i += n - 1
		case c == '\t' || c >= 0x20 && c != 0x7f:
			b = append(b, c)
		}
	}
	return b
}

// icsNeedsEscape reports whether appendICSText might change s: it holds a
// byte to escape or drop, or bytes outside ASCII, which may not be UTF-8.
func icsNeedsEscape[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= utf8.RuneSelf, c == '\\' || c == ';' || c == ',' || c < 0x20 && c != '\t' || c == 0x7f:
			return true
		}
	}
	return false
}

// icsWriter writes content lines, each ended by CRLF and folded so that no
// line is longer than 75 octets: a long line continues on the next after a
// single space, and a fold never splits a UTF-8 sequence.
type icsWriter struct {
	b    *bufio.Writer
	line []byte // the content line being made
	desc []byte // an event's description, before escaping
}

const icsLineMax = 75

// begin starts a line with name, which holds its colon; the caller appends
// the value to w.line and writes it.
func (w *icsWriter) begin(name string) { w.line = append(w.line[:0], name...) }

// text writes a property of TEXT value: name (with its colon) and s.
func (w *icsWriter) text(name, s string) {
	w.line = appendICSText(append(w.line[:0], name...), s)
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
