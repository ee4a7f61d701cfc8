package site

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/cite"
	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/frontmatter"
	"github.com/chronicle-tools/chronicle/markdown"
)

// Statuses, in the order of how well an event is established.
var statuses = []string{"confirmed", "reported", "claimed", "disputed"}

var (
	noteKeys   = []string{"title", "date", "end", "kind", "places", "actors", "tags", "status", "claimed_by", "storylines", "related", "summary", "content_warning", "draft", "sources", "updates", "extra"}
	sourceKeys = []string{"id", "title", "publisher", "url", "published", "published_estimated", "accessed", "archived", "pages", "reference", "quote", "lang", "extra"}
	updateKeys = []string{"date", "note"}
	pageKeys   = []string{"title", "description", "menu"}
)

// Event is one note of content/, read and checked on its own; the checks
// that need the other notes and the config come later, in newSite.
type Event struct {
	ID, Path       string // the id, and the file's path relative to the site
	Title          string
	Date           date.Date
	End            date.Date
	Kind           string
	Places         []string
	Actors         []string
	Tags           []string
	Status         string
	ClaimedBy      string
	Storylines     []string
	Related        []string
	Summary        string
	ContentWarning string
	Draft          bool
	Sources        []*Source // in the order of first citation, then the uncited
	Updates        []Update
	Body           template.HTML
	Extra          []Extra // the author's own fields, sorted by key

	frontMatter string // the TOML text, for the lines of later checks
	bodyStart   int    // the file line the body starts on

	// A translation's language ("uk"), or "" for a note in the site's own
	// language. A translation has its original's ID and Path of its own.
	Lang string
	// Set by newSite: a note's translations, in the order of config.toml's
	// languages, and a translation's original.
	Translations []*Event
	Original     *Event

	// Set by newSite.
	RelatedEvents []*Event
	Backlinks     []*Event
	Prev, Next    *Event
	Seq           int // position in time order, from 0
	cal           calendarPlace
	View          EventView // display values, computed for the site
}

// Source is one [[sources]] table of a note.
type Source struct {
	Num                int // its number in the note, from 1
	ID                 string
	Title, Publisher   string
	URL                string
	Published          date.Date
	PublishedEstimated bool
	Accessed           date.Date
	Archived           string
	Pages              string // where in it, for a source without a url: "pp. 12-14"
	Reference          string // what finds it without a url: an archive's call number, an ISBN, a docket
	Quote              string
	Lang               string
	Extra              []Extra // the author's own fields, sorted by key
	Cited              int     // times the body cites it
	PublishedView      DateView
	idx                int // its place among the note's [[sources]] as written
	// The file lines of its url and archived keys (of its [[sources]]
	// line when a key is missing); set only when Options.SourceLines is.
	URLLine, ArchivedLine int
}

// Update is one entry of the correction log.
type Update struct {
	Date date.Date
	Note string
	View DateView
}

// Page is a Markdown page of content/pages/.
type Page struct {
	Slug, Path  string
	Title       string
	Description string
	Menu        int
	InMenu      bool
	URL         string // set by the site
	Body        template.HTML
	// A translation's language, or ""; its original, and an original's
	// translations in the order of config.toml's languages.
	Lang         string
	Original     *Page
	Translations []*Page
}

// parseNote reads one event note. It needs nothing but the file itself, so
// its result can be cached by content.
func parseNote(path, id string, data []byte) (*Event, Diagnostics) {
	fm, body, bodyLine, problem := frontmatter.Split(data)
	if problem != nil {
		return nil, Diagnostics{diagnostic(path, *problem)}
	}
	var diags Diagnostics
	text := string(fm)
	doc := frontmatter.Decode(text, 1, reporter(path, &diags))
	if doc == nil {
		return nil, diags
	}
	// warnf is doc.Warnf for a warning of a kind that a site may have
	// many of, marked with its code.
	warnf := func(code, key, format string, args ...any) {
		n := len(diags)
		doc.Warnf(key, format, args...)
		for i := n; i < len(diags); i++ {
			diags[i].Code = code
		}
	}
	t := doc.Root()
	checkKeys(doc, "", t, noteKeys, noteKeySynonyms)
	doc.ReserveStrings(t, "places", "actors", "tags", "storylines", "related")
	e := &Event{
		ID: id, Path: path, frontMatter: text, bodyStart: bodyLine,
		Title:          strings.TrimSpace(doc.Str(t, "", "title")),
		Date:           doc.Date(t, "", "date"),
		End:            doc.Date(t, "", "end"),
		Kind:           doc.Str(t, "", "kind"),
		Places:         doc.Strings(t, "", "places"),
		Actors:         doc.Strings(t, "", "actors"),
		Tags:           doc.Strings(t, "", "tags"),
		Status:         doc.Str(t, "", "status"),
		ClaimedBy:      strings.TrimSpace(doc.Str(t, "", "claimed_by")),
		Storylines:     doc.Strings(t, "", "storylines"),
		Related:        doc.Strings(t, "", "related"),
		Summary:        strings.TrimSpace(doc.Str(t, "", "summary")),
		ContentWarning: strings.TrimSpace(doc.Str(t, "", "content_warning")),
		Draft:          doc.Bool(t, "", "draft"),
		Extra:          parseExtra(doc, t, ""),
	}
	for _, req := range []struct{ key, hint string }{
		{"title", `title = "What happened, in one line"`},
		{"date", "date = 2025-12-19 (or \"2025-12\" for a month)"},
		{"kind", `kind = "strike" (a key of [kinds] in config.toml)`},
	} {
		if _, ok := t[req.key]; !ok {
			diags = append(diags, Diagnostic{Path: path, Line: 1, Msg: fmt.Sprintf("%s is missing: add %s", req.key, req.hint)})
		}
	}
	if _, ok := t["title"]; ok && e.Title == "" {
		doc.Errorf("title", "title is empty: write what happened, in one line")
	}
	// An event is listed on the page of each of its places, actors and
	// tags, and each listing names them all: the output grows with the
	// square of their number.
	for _, f := range []struct {
		key  string
		list []string
	}{{"places", e.Places}, {"actors", e.Actors}, {"tags", e.Tags}} {
		if n := len(Dedupe(f.list)); n > maxTerms {
			doc.Errorf(f.key, "%s has %d names, at most %d: keep those a reader would look the event up by", f.key, n, maxTerms)
		}
	}
	if _, ok := t["kind"]; ok && e.Kind == "" {
		doc.Errorf("kind", `kind is empty: write a key of [kinds] in config.toml, such as kind = "strike"`)
	}
	if strings.ContainsAny(e.Title, "\n\r") {
		doc.Errorf("title", "title must be one line: move the rest into the body or the summary")
	}
	switch {
	case e.Status == "":
		if _, ok := t["status"]; ok {
			doc.Errorf("status", "status is empty: write one of %s, or leave it out for reported", strings.Join(statuses, ", "))
		}
		e.Status = "reported"
	case !contains(statuses, e.Status):
		doc.Errorf("status", "status %q is not known%s: write one of %s", e.Status, didYouMean(e.Status, statuses, statusSynonyms), strings.Join(statuses, ", "))
	}
	if (e.Status == "claimed" || e.Status == "disputed") && e.ClaimedBy == "" {
		doc.Errorf("status", "status %q needs claimed_by: add claimed_by = \"who makes the claim\"", e.Status)
	}

	// Sources and updates.
	var ids []string
	seen := map[string]bool{}
	tables := doc.Tables(t, "sources")
	// A note's sources in one array: a quarter of a million objects fewer
	// at 100,000 notes for the collector to trace.
	sources := make([]Source, len(tables))
	e.Sources = make([]*Source, 0, len(tables))
	for i, st := range tables {
		prefix := fmt.Sprintf("sources.%d", i)
		checkKeys(doc, prefix, st, sourceKeys, sourceKeySynonyms)
		s := &sources[i]
		*s = Source{
			ID:                 doc.Str(st, prefix, "id"),
			Title:              strings.TrimSpace(doc.Str(st, prefix, "title")),
			Publisher:          strings.TrimSpace(doc.Str(st, prefix, "publisher")),
			URL:                strings.TrimSpace(doc.Str(st, prefix, "url")),
			Published:          doc.Date(st, prefix, "published"),
			PublishedEstimated: doc.Bool(st, prefix, "published_estimated"),
			Accessed:           doc.Date(st, prefix, "accessed"),
			Archived:           strings.TrimSpace(doc.Str(st, prefix, "archived")),
			Pages:              strings.TrimSpace(doc.Str(st, prefix, "pages")),
			Reference:          strings.TrimSpace(doc.Str(st, prefix, "reference")),
			Quote:              strings.TrimSpace(doc.Str(st, prefix, "quote")),
			Lang:               doc.Str(st, prefix, "lang"),
			Extra:              parseExtra(doc, st, prefix),
			idx:                i,
		}
		n := i + 1
		switch {
		case s.ID == "":
			doc.Errorf(prefix, "source %d has no id: add id = \"short-name\" and cite it in the body as [@short-name]", n)
		case !cite.ValidID(s.ID):
			doc.Errorf(prefix+".id", "source id %q may hold only letters, digits, '-', '_' and '.'", s.ID)
		case seen[s.ID]:
			doc.Errorf(prefix+".id", "source id %q is used twice in this note: give each source its own id", s.ID)
		default:
			seen[s.ID] = true
			ids = append(ids, s.ID)
		}
		// A source without a url (a book, a paper report, an interview)
		// is found by its title and publisher alone: both are required of
		// every source, and the messages say why when there is no url.
		offline := ""
		if s.URL == "" {
			offline = " (a source without a url is found by its title and publisher)"
		}
		if s.Title == "" {
			doc.Errorf(prefix, "source %d has no title%s: add title = \"the headline or document title\"", n, offline)
		}
		if s.Publisher == "" {
			doc.Errorf(prefix, "source %d has no publisher%s: add publisher = \"who published it\"", n, offline)
		}
		if s.URL != "" {
			if msg := checkURL(s.URL); msg != "" {
				doc.Errorf(prefix+".url", "source %d url %s", n, msg)
			}
		} else if _, ok := st["url"]; ok {
			// An empty url is more likely an address not yet filled in
			// than a source that is not online.
			doc.Errorf(prefix+".url", "source %d url is empty: write its address, or leave url out for a source that is not online (a book, an interview)", n)
		} else if s.Archived != "" {
			// An archived copy is a copy of the url; a document that is
			// online only as a scan or a copy has that address as its url.
			doc.Errorf(prefix+".archived", "source %d has an archived copy but no url: an archived copy is of a url, so add the url it copies, or make the archived address the url", n)
		}
		if s.Archived != "" {
			if msg := checkURL(s.Archived); msg != "" {
				doc.Errorf(prefix+".archived", "source %d archived %s", n, msg)
			}
		}
		if s.Lang != "" && !langRE.MatchString(s.Lang) {
			doc.Errorf(prefix+".lang", "source %d lang %q is not a language tag: write one such as \"uk\" or \"ru\"", n, s.Lang)
		}
		if _, ok := st["published"]; !ok {
			warnf(CodeNoPublished, prefix, "source %d has no published date: add published = YYYY-MM-DD (with published_estimated = true if read from context)", n)
			if s.PublishedEstimated {
				doc.Errorf(prefix+".published_estimated", "source %d is marked published_estimated but has no published date", n)
			}
		}
		e.Sources = append(e.Sources, s)
	}
	if _, ok := t["sources"]; !ok {
		diags = append(diags, Diagnostic{Path: path, Line: 1, Msg: "a note needs at least one source: add a [[sources]] table with id, title, publisher, url (when it is online) and published"})
	}
	for i, ut := range doc.Tables(t, "updates") {
		prefix := fmt.Sprintf("updates.%d", i)
		checkKeys(doc, prefix, ut, updateKeys, updateKeySynonyms)
		u := Update{Date: doc.Date(ut, prefix, "date"), Note: strings.TrimSpace(doc.Str(ut, prefix, "note"))}
		if _, ok := ut["date"]; !ok {
			doc.Errorf(prefix, "update %d has no date: add date = YYYY-MM-DD", i+1)
		}
		if u.Note == "" {
			doc.Errorf(prefix, "update %d has no note: add note = \"what changed\"", i+1)
		}
		e.Updates = append(e.Updates, u)
	}

	// The body.
	md := markdown.Render(body, ids)
	e.Body = template.HTML(md.HTML)
	for _, p := range md.Problems {
		diags = append(diags, Diagnostic{Path: path, Line: bodyLine + p.Line - 1, Msg: p.Msg, Warning: p.Warn, Code: p.Code})
	}
	if e.Summary == "" {
		e.Summary = md.Summary
	}
	if len(md.Cited) == 0 && len(ids) > 0 {
		lead := len(body) - len(bytes.TrimLeft(body, "\n"))
		diags = append(diags, Diagnostic{Path: path, Line: bodyLine + lead, Warning: true, Code: CodeNoCitations,
			Msg: "the body cites no source: cite the sentence each source supports with [@id]"})
	}
	// Number the sources in the order the body first cites them; the
	// uncited follow in the order written.
	bySrc := map[string]*Source{}
	for _, s := range e.Sources {
		bySrc[s.ID] = s
		s.Cited = md.Count[s.ID]
	}
	ordered := make([]*Source, 0, len(e.Sources))
	for _, id := range md.Cited {
		ordered = append(ordered, bySrc[id])
	}
	for i, s := range e.Sources {
		if s.Cited == 0 {
			ordered = append(ordered, s)
			if s.ID != "" && len(md.Cited) > 0 {
				warnf(CodeUncited, fmt.Sprintf("sources.%d", i), "source %q is never cited: cite it in the body with [@%s], or remove it", s.ID, s.ID)
			}
		}
	}
	for i, s := range ordered {
		s.Num = i + 1
	}
	e.Sources = ordered
	return e, diags
}

// maxTerms bounds the places, actors and tags of one note.
const maxTerms = 100

// checkURL returns what is wrong with a source URL, or "".
func checkURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return fmt.Sprintf("%q is not a valid URL: %v", s, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Sprintf("%q must start with https:// or http://", s)
	}
	if u.Host == "" {
		return fmt.Sprintf("%q has no host: write the full address, https://host/path", s)
	}
	return ""
}

// parsePage reads a page of content/pages/.
func parsePage(path, slugName string, data []byte) (*Page, Diagnostics) {
	fm, body, bodyLine, problem := frontmatter.Split(data)
	if problem != nil {
		problem.Msg = strings.Replace(problem.Msg, "a note", "a page", 1)
		return nil, Diagnostics{diagnostic(path, *problem)}
	}
	var diags Diagnostics
	text := string(fm)
	doc := frontmatter.Decode(text, 1, reporter(path, &diags))
	if doc == nil {
		return nil, diags
	}
	t := doc.Root()
	checkKeys(doc, "", t, pageKeys, pageKeySynonyms)
	p := &Page{Slug: slugName, Path: path, Title: strings.TrimSpace(doc.Str(t, "", "title")), Description: strings.TrimSpace(doc.Str(t, "", "description"))}
	p.Menu, p.InMenu = doc.Int(t, "", "menu")
	if p.Title == "" {
		diags = append(diags, Diagnostic{Path: path, Line: 1, Msg: `a page needs a title: add title = "About this chronology"`})
	}
	md := markdown.Render(body, nil)
	p.Body = template.HTML(md.HTML)
	for _, pr := range md.Problems {
		diags = append(diags, Diagnostic{Path: path, Line: bodyLine + pr.Line - 1, Msg: pr.Msg, Warning: pr.Warn, Code: pr.Code})
	}
	if p.Description == "" {
		p.Description = md.Summary
	}
	return p, diags
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Text is the body as plain text, as the search files hold it. It is
// worked out from the body's HTML on each call.
func (e *Event) Text() string { return string(markdown.AppendText(nil, string(e.Body))) }

// recordSourceLines sets the lines of the sources' url and archived keys,
// from one scan of the front matter.
func (e *Event) recordSourceLines() {
	lines := frontmatter.KeyLines(e.frontMatter)
	at := func(prefix, key string) int {
		for _, k := range []string{prefix + "." + key, prefix} {
			if l, ok := lines[k]; ok {
				return l + 1
			}
		}
		return 1
	}
	for _, s := range e.Sources {
		prefix := fmt.Sprintf("sources.%d", s.idx)
		s.URLLine, s.ArchivedLine = at(prefix, "url"), at(prefix, "archived")
	}
}

// line is the file line of a front matter key, for the checks of newSite.
// It scans the front matter again: only problems ask, and few notes have any.
func (e *Event) line(key string) int {
	if l, ok := frontmatter.KeyLines(e.frontMatter)[key]; ok {
		return l + 1
	}
	return 1
}

// Updated is when an event last changed, as far as the notes tell: its
// latest update, else its date. Feeds use it so that a correction reaches
// their readers.
func (e *Event) Updated(loc *time.Location) time.Time {
	t := e.Date.Start(loc)
	for _, u := range e.Updates {
		if ut := u.Date.Start(loc); ut.After(t) {
			t = ut
		}
	}
	// Feeds, the sitemap and the CSV give it as RFC 3339, whose years
	// start at 0000; an event before that was last changed no earlier.
	if t.Year() < 1 {
		t = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}
