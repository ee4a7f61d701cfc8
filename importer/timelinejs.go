package importer

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/cite"
	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/newnote"
)

// flex is a TimelineJS value that may be written as a string or a number
// ("year": "1815" and "year": 1815 both occur).
type flex string

func (f *flex) UnmarshalJSON(b []byte) error {
	switch {
	case string(b) == "null":
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flex(strings.TrimSpace(s))
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			// Said with the value's JSON path when it is read.
			*f = flex(b)
			return nil
		}
		*f = flex(n)
	}
	return nil
}

// The TimelineJS3 JSON format (website/docs/json-format.njk in
// NUKnightLab/TimelineJS3).
type tlDate struct {
	Year, Month, Day, Hour, Minute, Second flex
	DisplayDate                            string `json:"display_date"`
	Format                                 string `json:"format"`
}

type tlMedia struct {
	URL, Caption, Credit, Thumbnail, Alt, Title, Link string
	LinkTarget                                        string `json:"link_target"`
}

type tlSlide struct {
	StartDate   *tlDate `json:"start_date"`
	EndDate     *tlDate `json:"end_date"`
	Text        *struct{ Headline, Text string }
	Media       *tlMedia
	Group       string
	DisplayDate string                 `json:"display_date"`
	Background  json.RawMessage        `json:"background"`
	Autolink    *bool                  `json:"autolink"`
	UniqueID    string                 `json:"unique_id"`
	Location    *struct{ Name string } // StoryMapJS-style slides carry one
	Type        string                 `json:"type"` // only from the sheet: title, era
}

type tlTimeline struct {
	Title  *tlSlide          `json:"title"`
	Events []tlSlide         `json:"events"`
	Eras   []json.RawMessage `json:"eras"`
	Scale  string            `json:"scale"`
}

func readTimelineJSON(name string, data []byte, r *reading) {
	var t tlTimeline
	if err := json.Unmarshal(data, &t); err != nil {
		r.errorf("%s: %s: give a TimelineJS3 JSON file, {\"events\": [...]}", name, jsonErr(data, err))
		return
	}
	if t.Title != nil {
		r.left("title", "title slide: not an event", name)
	}
	if len(t.Eras) > 0 {
		r.left("eras", "eras: not events", fmt.Sprintf("%s: %d", name, len(t.Eras)))
	}
	for i := range t.Events {
		r.slide(fmt.Sprintf("%s: events[%d]", name, i), &t.Events[i])
	}
}

// The columns of the TimelineJS Google Sheets template, as
// src/template/my-own-timeline.csv has them and src/js/core/ConfigFactory.js
// reads them ("Alt Text" came later; "Tag" is the older name of "Group").
var sheetColumns = []string{"Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
	"Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background"}

func readTimelineCSV(name string, data []byte, r *reading) {
	rows, head, ok := readCSV(name, data, r, []string{"Year", "Headline"})
	if !ok {
		return
	}
	for i, row := range rows {
		get := func(k string) string {
			if j, ok := head[k]; ok {
				return strings.TrimSpace(row[j])
			}
			return ""
		}
		at := fmt.Sprintf("%s: row %d", name, i+2)
		s := tlSlide{Text: &struct{ Headline, Text string }{get("Headline"), get("Text")},
			Media: &tlMedia{URL: get("Media"), Credit: get("Media Credit"), Caption: get("Media Caption"),
				Thumbnail: get("Media Thumbnail"), Alt: get("Alt Text")},
			Group: firstOf(get("Group"), get("Tag")), DisplayDate: get("Display Date"), Type: strings.ToLower(get("Type"))}
		if bg := get("Background"); bg != "" {
			s.Background = json.RawMessage(strconv.Quote(bg))
		}
		var err error
		if s.StartDate, err = sheetDate(get("Year"), get("Month"), get("Day"), get("Time")); err != nil {
			r.errorf("%s, columns Year to Time: %v", at, err)
			continue
		}
		if s.EndDate, err = sheetDate(get("End Year"), get("End Month"), get("End Day"), get("End Time")); err != nil {
			r.errorf("%s, columns End Year to End Time: %v", at, err)
			continue
		}
		r.slide(at, &s)
	}
}

// sheetDate is a date of the sheet's columns; the time is "HH:MM[:SS]",
// with an optional AM or PM.
func sheetDate(y, m, d, t string) (*tlDate, error) {
	clean := func(s string) flex { return flex(strings.NewReplacer(",", "", " ", "").Replace(s)) }
	if y == "" {
		if m+d+t != "" {
			return nil, fmt.Errorf("a month, day or time without a year: write the year")
		}
		return nil, nil
	}
	out := &tlDate{Year: clean(y), Month: clean(m), Day: clean(d)}
	if t != "" {
		tt, err := parseClock(t)
		if err != nil {
			return nil, err
		}
		out.Hour, out.Minute, out.Second = flex(strconv.Itoa(tt.Hour())), flex(strconv.Itoa(tt.Minute())), flex(strconv.Itoa(tt.Second()))
	}
	return out, nil
}

func parseClock(s string) (time.Time, error) {
	for _, layout := range []string{"15:04:05", "15:04", "3:04:05 PM", "3:04 PM", "3:04:05PM", "3:04PM", "3 PM", "3PM"} {
		if t, err := time.Parse(layout, strings.ToUpper(s)); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("time %q: write it as 14:30 or 2:30 PM", s)
}

// slide turns one TimelineJS slide into a note, or says why not.
func (r *reading) slide(at string, s *tlSlide) {
	switch s.Type {
	case "title":
		r.left("type", "title slide: not an event", at)
		return
	case "era":
		r.left("type", "eras: not events", at)
		return
	}
	n := &note{from: at, kind: r.kind}
	if s.StartDate == nil || s.StartDate.Year == "" {
		r.left("start_date", "no start date: event skipped", at)
		return
	}
	var why string
	var bad bool
	if n.date, why, bad = tlToDate(s.StartDate); bad {
		r.errorf("%s.start_date: %s", at, why)
		return
	} else if why != "" {
		r.left("start_date", "date Chronicle cannot hold yet: event skipped", at+": "+why)
		return
	}
	if s.EndDate != nil && s.EndDate.Year != "" {
		if n.end, why, bad = tlToDate(s.EndDate); bad {
			r.errorf("%s.end_date: %s", at, why)
			return
		} else if why != "" {
			r.left("end_date", "end date Chronicle cannot hold yet: event skipped", at+": "+why)
			return
		}
		if date.Compare(n.end, n.date, r.loc) < 0 {
			n.guessf("end_date", "end before start: end left out", "%s", n.end)
			n.end = date.Date{}
		}
	}
	for _, d := range []struct {
		what string
		from *tlDate
		to   *date.Date
	}{{"start_date", s.StartDate, &n.date}, {"end_date", s.EndDate, &n.end}} {
		if d.to.IsZero() {
			continue
		}
		if d.to.Year <= 0 && (d.from.Month != "" || d.from.Day != "") {
			n.guessf(d.what, "month and day before 1 CE left out: Chronicle keeps the year", "%s", d.to)
		}
		display := d.from.DisplayDate
		if d.what == "start_date" {
			display = firstOf(s.DisplayDate, display) // the slide's is its start's
		}
		d.to.Approx = isCirca(display)
	}
	var headline, text string
	if s.Text != nil {
		headline, text = plainText(s.Text.Headline), s.Text.Text
	}
	n.title = headline
	if n.title == "" {
		n.title = clip(plainText(text), 80)
		if n.title == "" {
			n.title = "Untitled event"
		}
		n.guessf("headline", "no headline: title made from the text", "%s", n.title)
	}
	// Links in the text become sources, each cited right after its link.
	conv := &mdConv{}
	conv.link = func(href, linkText string) string {
		for _, src := range n.sources {
			if src.url == href {
				return "[@" + src.id + "]"
			}
		}
		src := guessSource(href, plainText(linkText))
		src.id = uniqueSourceID(n.sources, src.id)
		n.sources = append(n.sources, src)
		n.guessf("text", "link made a source: publisher guessed from the host", "%s", href)
		return "[@" + src.id + "]"
	}
	n.body = conv.convert(text)
	if m := s.Media; m != nil && m.URL != "" {
		if isHTTP(m.URL) {
			src := guessSource(m.URL, firstOf(plainText(m.Caption), plainText(m.Title), headline))
			if credit := plainText(m.Credit); credit != "" {
				src.publisher = credit
			} else {
				n.guessf("media", "media made a source: publisher guessed from the host", "%s", m.URL)
			}
			src.id = uniqueSourceID(n.sources, "media")
			n.sources = append(n.sources, src)
			caption := firstOf(conv.convertInline(m.Caption), "Media")
			n.body = strings.TrimSpace(n.body + "\n\n" + caption + "[@" + src.id + "]")
		} else {
			n.guessf("media", "media that is not an address left out", "%s", clip(m.URL, 60))
		}
		if m.Thumbnail != "" || m.Alt != "" {
			n.guessf("media", "media thumbnail and alt text left out", "")
		}
	}
	for _, tag := range sortedKeys(conv.dropped) {
		n.guessf("text", "HTML kept as text: "+tag, "")
	}
	if s.Location != nil && s.Location.Name != "" {
		n.places = []string{s.Location.Name}
	}
	if len(n.sources) == 0 {
		n.guessf("sources", "no source: no media and no links", "")
	}
	if s.Group != "" {
		key := firstOf(newnote.Slug(s.Group, r.lang), "group")
		if r.groupAsKind {
			n.kind = key
			r.kinds.add(key, s.Group)
		} else {
			n.storylines = []string{key}
			r.storylines.add(key, s.Group)
		}
	}
	if !r.kindGiven && (s.Group == "" || !r.groupAsKind) {
		n.guessf("kind", "kind guessed (TimelineJS has none)", "%s", r.kind)
	}
	if s.UniqueID != "" {
		n.ident = "timelinejs:" + s.UniqueID
		n.extra = append(n.extra, field{"timelinejs_id", tomlString(s.UniqueID)})
	}
	if dd := firstOf(s.DisplayDate, s.StartDate.DisplayDate); dd != "" {
		n.extra = append(n.extra, field{"display_date", tomlString(dd)})
		n.guessf("display_date", "display date kept in extra, not shown", "%s", dd)
	}
	if len(s.Background) > 0 && string(s.Background) != "null" && string(s.Background) != `""` {
		n.guessf("background", "background left out", "")
	}
	n.wantID = idStem(n.date) + "-" + firstOf(newnote.Slug(n.title, r.lang), "event")
	r.notes = append(r.notes, n)
}

func (c *mdConv) convertInline(src string) string {
	if src == "" {
		return ""
	}
	return strings.Join(strings.Fields(c.convert(src)), " ")
}

// isCirca reports whether a TimelineJS display_date says the date is
// approximate: "c. 1850", "ca. 1850", "circa 1850", "about 1850", "~1850".
func isCirca(display string) bool {
	s := strings.ToLower(strings.TrimSpace(display))
	for _, p := range []string{"c.", "ca.", "ca ", "circa", "about ", "approx", "~"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// tlToDate converts a TimelineJS date, or says why it cannot: bad when
// the date is wrong in the file, rather than one Chronicle cannot hold yet.
func tlToDate(t *tlDate) (d date.Date, why string, bad bool) {
	num := func(f flex, what string) (int, bool, string) {
		if f == "" {
			return 0, false, ""
		}
		v, err := strconv.Atoi(strings.TrimSuffix(string(f), ".0"))
		if err != nil {
			return 0, false, fmt.Sprintf("%s %s is not a whole number: write it in digits, such as \"year\": \"1815\"", what, strconv.Quote(string(f)))
		}
		return v, true, ""
	}
	y, _, why := num(t.Year, "year")
	if why != "" {
		return date.Date{}, why, true
	}
	// TimelineJS shows year -500 as "500 BCE" (its era_labels), so a
	// negative year counts back from 1 CE with no year 0: astronomically
	// it is y+1. A date before 1 CE keeps its year only (docs/import.md).
	switch {
	case y == 0:
		return date.Date{}, "year 0: TimelineJS shows it as \"0\", which is no year; write -1 (1 BCE) or 1 (1 CE)", false
	case y < 0 && y+1 < date.MinYear, y > date.MaxYear:
		return date.Date{}, fmt.Sprintf("year %d: Chronicle's dates run from %d BCE to %d", y, 1-date.MinYear, date.MaxYear), false
	case y < 0:
		return date.Date{Year: y + 1, Prec: date.Year}, "", false
	}
	d = date.Date{Year: y, Prec: date.Year}
	parts := []struct {
		f    flex
		what string
		to   *int
		prec date.Precision
	}{{t.Month, "month", &d.Month, date.Month}, {t.Day, "day", &d.Day, date.Day}, {t.Hour, "hour", &d.Hour, date.Minute}}
	for _, p := range parts {
		v, ok, why := num(p.f, p.what)
		if why != "" {
			return date.Date{}, why, true
		}
		if !ok {
			break
		}
		*p.to, d.Prec = v, p.prec
	}
	if d.Prec == date.Minute {
		d.Min, _, _ = num(t.Minute, "minute")
		d.Sec, _, _ = num(t.Second, "second")
	}
	check := time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), d.Hour, d.Min, d.Sec, 0, time.UTC)
	if check.Month() != time.Month(max(d.Month, 1)) || check.Day() != max(d.Day, 1) || check.Hour() != d.Hour || check.Minute() != d.Min || d.Month > 12 {
		return date.Date{}, fmt.Sprintf("%s is not a date of the calendar: correct the month, day or time", d), true
	}
	return d, "", false
}

// guessSource makes a source of an address: its publisher is the host,
// which the summary reports as a guess.
func guessSource(u, title string) source {
	host := u
	if p, err := url.Parse(u); err == nil && p.Host != "" {
		host = strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
	}
	if title == "" {
		title = u
	}
	return source{id: firstOf(newnote.Slug(host, ""), "source"), title: title, publisher: host, url: u}
}

// uniqueSourceID makes id a valid source id that no source in list has.
func uniqueSourceID(list []source, id string) string {
	if !cite.ValidID(id) {
		id = "source"
	}
	taken := func(s string) bool {
		for _, x := range list {
			if x.id == s {
				return true
			}
		}
		return false
	}
	out := id
	for i := 2; taken(out); i++ {
		out = id + "-" + strconv.Itoa(i)
	}
	return out
}

func sourceIDs(list []source) []string {
	ids := make([]string, len(list))
	for i, s := range list {
		ids[i] = s.id
	}
	return ids
}

func firstOf(list ...string) string {
	for _, s := range list {
		if s != "" {
			return s
		}
	}
	return ""
}

// clip shortens s to at most n runes, at a word.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndex(cut, " "); i > n/2 {
		cut = cut[:i]
	}
	return cut + "…"
}
