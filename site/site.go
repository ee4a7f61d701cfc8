// Package site is Chronicle's model: it reads a site's config.toml and
// content/ from an fs.FS, parses every note, checks the whole set and
// indexes it (taxonomies, months, publishers, each event's display values).
// It renders nothing: render, export and search read the checked Site, and
// build schedules them. docs/performance.md has the measurements behind its
// choices.
package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/geo"
	"github.com/chronicle-tools/chronicle/internal/work"
)

// Options are the choices of one build.
type Options struct {
	BaseURL string // overrides config.toml's baseURL when not empty
	Drafts  bool   // include notes marked draft
	Cache   *Cache // reuse notes parsed before whose bytes did not change; may be nil
	// SourceLines records the file line of each source's url and archived
	// keys (Source.URLLine, Source.ArchivedLine), for reports about
	// sources after loading (chronicle links, check -archived). It costs a
	// scan of every note's front matter, so builds leave it off.
	SourceLines bool
	// Archived makes Check warn about sources without an archived copy.
	Archived bool
}

// Site is the whole chronology, read and checked, ready to render.
type Site struct {
	Config     *Config
	Events     []*Event // in time order, oldest first
	Pages      []*Page  // by menu place, then title
	Menu       []*Page
	Taxonomies []*Taxonomy
	Months     []*Month // oldest first
	Publishers []*Publisher
	Places     *geo.Places // places.toml: the places' points; nil when the site has none
	byID       map[string]*Event
	Links      Links

	crossDiags int // problems found across notes, by newSite
}

// Taxonomy is one way of grouping events: kinds, places, actors, tags or
// storylines.
type Taxonomy struct {
	Key      string // "places": its folder in the output
	Title    string // "Places"
	Singular string // "Place"
	Terms    []*Term
	bySlug   map[string]*Term
	byName   map[string]*Term     // each spelling filed, to its term: spares slug.Make
	others   map[string]*spelling // the spellings of terms' slugs that clash with their names
	clashes  []*Term              // the terms with other spellings, in the order found
}

// Term is one value of a taxonomy, with its events in time order.
type Term struct {
	Tax         *Taxonomy
	Name        string
	Slug        string
	Description string
	Color       string
	URL         string // its page
	Events      []*Event
	others      []*spelling // other spellings of its slug, an error; nil for nearly every term
}

// Month holds the events of one calendar month (or of one year, for
// year-precision events), grouped by day.
type Month struct {
	Date   date.Date
	Slug   string // "2025/12"
	URL    string // its archive page
	Events []*Event
	Days   []*Day
}

// Day is one heading of a chronology: a calendar day, or "December 2025"
// for the events known only to the month.
type Day struct {
	Date   date.Date
	Anchor string // "d2025-12-19", "d2025-12"
	Events []*Event
}

// Publisher groups the sources of one publisher, each with the events that
// cite it.
type Publisher struct {
	Name    string
	Slug    string
	URL     string // its page
	Sources []*SourceUse
}

// SourceUse is one source URL and the events that cite it.
type SourceUse struct {
	Source *Source
	Events []*Event
}

// reserved are output names a page of content/pages/ may not take.
var reserved = []string{"events", "kinds", "places", "actors", "tags", "storylines", "sources", "assets", "search", "404", "index", "feed", "sitemap", "robots"}

var (
	yearRE = regexp.MustCompile(`^[0-9]{4}$`)
	// A page name has no dot, so it can never be a data file's name
	// (feed.json, events.csv).
	pageRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
)

// Load reads config.toml and content/ from fsys and checks them. It returns
// the site and every problem found, warnings included; the site is nil only
// when nothing could be built at all.
func Load(fsys fs.FS, opts Options) (*Site, Diagnostics) {
	var diags Diagnostics
	raw, err := fs.ReadFile(fsys, "config.toml")
	if err != nil {
		diags = append(diags, Diagnostic{Path: "config.toml", Msg: "cannot read the site's config.toml: run chronicle in the site's folder or give it with -C dir"})
		return nil, diags
	}
	cfg := parseConfig("config.toml", string(raw), opts.BaseURL, &diags)
	if cfg == nil {
		return nil, diags
	}
	events, pages, figs, more := readContent(fsys, opts, cfg)
	diags = append(diags, more...)
	n := len(diags)
	s := newSite(cfg, events, pages, figs, opts, &diags)
	s.crossDiags = len(diags) - n
	// After the count: its problems are on places.toml, whose lines no
	// edit of a note moves.
	s.Places = readPlaces(fsys, &diags)
	s.checkPlaces(&diags)
	if opts.SourceLines {
		for _, e := range s.Events {
			e.recordSourceLines()
		}
	}
	if opts.Cache == nil {
		// The front matter is for the checks' lines, and the checks are
		// done; a cache keeps it for the next check.
		for _, e := range events {
			e.frontMatter = ""
		}
		for _, e := range s.Events {
			e.frontMatter = ""
			for _, t := range e.Translations {
				t.frontMatter = ""
			}
		}
	}
	diags.Sort()
	return s, diags
}

type inputFile struct {
	path, name string
	page       bool
	lang       string // a translation's language, or ""
	figures    bool   // a translation, or the original of one: its figures are compared
}

// readContent finds and parses every note and page, in parallel. figs are
// the figures of the notes that translations are compared with, by path.
func readContent(fsys fs.FS, opts Options, cfg *Config) (events []*Event, pages []*Page, figs map[string][]figure, diags Diagnostics) {
	var files []inputFile
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			diags = append(diags, Diagnostic{Path: p, Msg: "cannot read: " + err.Error()})
			return nil
		}
		// The name from p, which the note keeps as its path, not from d,
		// whose copy would be kept as its id: one string a note, not two.
		name := path.Base(p)
		if p != "content" && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(name, ".md") {
			return nil
		}
		page := strings.HasPrefix(p, "content/pages/")
		if page {
			name = strings.TrimSuffix(strings.TrimPrefix(p, "content/pages/"), ".md")
		} else {
			name = strings.TrimSuffix(name, ".md")
		}
		name, lang := splitLang(name, cfg.Languages)
		files = append(files, inputFile{path: p, name: name, page: page, lang: lang})
		return nil
	})
	if err != nil {
		diags = append(diags, Diagnostic{Path: "content", Msg: "cannot read the content folder: " + err.Error()})
	}
	files, more := unlisted(files, cfg)
	diags = append(diags, more...)
	markFigures(files)

	events = make([]*Event, len(files))
	pages = make([]*Page, len(files))
	perFile := make([]Diagnostics, len(files))
	perFigs := make([][]figure, len(files))
	work.Parallel(len(files), func(_ *bytes.Buffer, i int) {
		f := files[i]
		var data []byte
		if e, d, ok := opts.Cache.known(f.path); ok && !f.page && (e == nil || e.ID == f.name && e.Lang == f.lang) {
			events[i], perFile[i] = e, d
		} else {
			var err error
			data, err = fs.ReadFile(fsys, f.path)
			if err != nil {
				perFile[i] = Diagnostics{{Path: f.path, Msg: "cannot read: " + err.Error()}}
				return
			}
			if f.page {
				pages[i], perFile[i] = parsePage(f.path, f.name, data)
				if pages[i] != nil {
					pages[i].Lang = f.lang
				}
				return
			}
			events[i], perFile[i] = opts.Cache.parse(f.path, f.name, f.lang, data)
		}
		if f.figures && events[i] != nil {
			if data == nil {
				data, _ = fs.ReadFile(fsys, f.path)
			}
			perFigs[i] = figuresOf(events[i], data)
		}
		if e := events[i]; e != nil && e.Draft && !opts.Drafts && len(perFile[i]) > 0 {
			// A draft's problems do not stop a build that leaves it
			// out. A file that cannot be read as a note at all is not
			// known to be a draft: its problems stay errors. The
			// cache's list is shared, so this is a copy.
			ds := make(Diagnostics, len(perFile[i]))
			for j, d := range perFile[i] {
				ds[j] = draftProblem(d)
			}
			perFile[i] = ds
		}
	})
	seen := make(map[string]bool, len(files))
	for _, f := range files {
		seen[f.path] = true
	}
	opts.Cache.keep(seen)
	for _, d := range perFile {
		diags = append(diags, d...)
	}
	for i, f := range perFigs {
		if files[i].figures {
			if figs == nil {
				figs = map[string][]figure{}
			}
			figs[files[i].path] = f
		}
	}
	return slices.DeleteFunc(events, func(e *Event) bool { return e == nil }),
		slices.DeleteFunc(pages, func(p *Page) bool { return p == nil }), figs, diags
}

// validID reports whether a file name can be an event id: a letter or
// digit, then letters, digits, dots, underscores and hyphens.
func validID(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-')) {
			return false
		}
	}
	return id != ""
}

// newSite checks what needs more than one file and builds the site's
// indexes. Events that came from a cache are copied first.
func newSite(cfg *Config, parsed []*Event, pages []*Page, figs map[string][]figure, opts Options, diags *Diagnostics) *Site {
	s := &Site{Config: cfg, byID: map[string]*Event{}}
	// A draft left out of the build is checked as a published note is,
	// but its problems are warnings: nothing in a draft stops a build.
	leftOut := func(e *Event) bool { return e.Draft && !opts.Drafts }
	problem := func(e *Event, d Diagnostic) {
		if leftOut(e) {
			d = draftProblem(d)
		}
		*diags = append(*diags, d)
	}
	errorf := func(e *Event, key, format string, args ...any) {
		problem(e, Diagnostic{Path: e.Path, Line: e.line(key), Msg: fmt.Sprintf(format, args...)})
	}
	// The drafts left out come last, so that a draft never takes the id
	// of a published note: the published one is kept, the draft reported.
	if slices.ContainsFunc(parsed, leftOut) {
		parsed = append(slices.DeleteFunc(slices.Clone(parsed), leftOut), slices.DeleteFunc(slices.Clone(parsed), func(e *Event) bool { return !leftOut(e) })...)
	}
	var drafts []*Event       // left out of this build
	var translations []*Event // attached to their originals once all are read
	byPath := map[string]*Event{}
	for _, e := range parsed {
		if opts.Cache != nil {
			e = e.copy()
		}
		if e.Lang != "" {
			for _, src := range e.Sources {
				src.Publisher = cfg.Publisher(src.Publisher)
			}
			if !leftOut(e) {
				translations = append(translations, e)
			}
			continue
		}
		// A publisher's alias is shown under its name everywhere: its
		// page, the sources list, the data files. Done here, once, on
		// the site's own copy of the note.
		for _, src := range e.Sources {
			src.Publisher = cfg.Publisher(src.Publisher)
		}
		if !validID(e.ID) {
			problem(e, Diagnostic{Path: e.Path, Msg: fmt.Sprintf("the file name %q cannot be an event id: use letters, digits and hyphens, such as 2025-12-19-odesa-port-strike.md", e.ID+".md")})
			continue
		}
		if other, dup := byPath[e.ID]; dup {
			problem(e, Diagnostic{Path: e.Path, Msg: fmt.Sprintf("id %q is also the id of %s: ids are file names and must be unique across content/; rename one of them", e.ID, other.Path)})
			continue
		}
		byPath[e.ID] = e
		// Local datetimes are on the site's clock, so this needs the config.
		if !e.End.IsZero() && !e.Date.IsZero() && e.End.Start(cfg.Location).Before(e.Date.Start(cfg.Location)) && e.End.End(cfg.Location).Before(e.Date.End(cfg.Location)) {
			errorf(e, "end", "end %s is before date %s: swap them, or correct the end", e.End, e.Date)
		}
		if e.Kind != "" && cfg.Kind(e.Kind) == nil {
			errorf(e, "kind", "kind %q is not defined%s: use one of %s, or add [kinds.%s] to config.toml", e.Kind, didYouMean(e.Kind, kindNames(cfg), nil), strings.Join(kindNames(cfg), ", "), e.Kind)
		}
		for _, st := range e.Storylines {
			if cfg.Storyline(st) == nil {
				errorf(e, "storylines", "storyline %q is not defined%s: add [storylines.%s] to config.toml or fix the name", st, didYouMean(st, storylineNames(cfg), nil), st)
			}
		}
		if leftOut(e) {
			drafts = append(drafts, e)
			continue
		}
		s.Events = append(s.Events, e)
		s.byID[e.ID] = e
	}
	loc := cfg.Location
	sortEvents(s.Events, loc)
	var prev *calendarPlace
	for i, e := range s.Events {
		e.Seq = i
		e.cal = newCalendarPlace(e, loc, prev)
		prev = &e.cal
		if i > 0 {
			e.Prev = s.Events[i-1]
			s.Events[i-1].Next = e
		}
	}
	var allIDs []string // sorted, for suggestions; made on the first mistake
	checkRelated := func(e *Event, link bool) {
		seen := map[string]bool{}
		for _, id := range e.Related {
			switch r := byPath[id]; {
			case id == e.ID:
				errorf(e, "related", "related names this note itself (%q): remove it", id)
			case r == nil:
				if allIDs == nil {
					allIDs = sortedKeys(byPath)
				}
				hint := ""
				if near := nearestID(id, allIDs); near != "" {
					hint = fmt.Sprintf(" (did you mean %q?)", near)
				}
				errorf(e, "related", "related names %q, but no note has that id%s: ids are file names without .md", id, hint)
			case leftOut(r) || !link:
				// A draft left out of this build: its link comes back
				// with -drafts, or when it is published.
			case !seen[id]:
				seen[id] = true
				e.RelatedEvents = append(e.RelatedEvents, r)
			}
		}
	}
	for _, e := range s.Events {
		checkRelated(e, true)
	}
	for _, e := range drafts {
		checkRelated(e, false)
	}
	for _, e := range s.Events {
		for _, r := range e.RelatedEvents {
			// e's related are distinct, so e comes to r's back-links once.
			if !slices.Contains(r.RelatedEvents, e) {
				r.Backlinks = append(r.Backlinks, e)
			}
		}
	}
	for _, e := range s.Events {
		slices.SortFunc(e.RelatedEvents, func(a, b *Event) int { return a.Seq - b.Seq })
		slices.SortFunc(e.Backlinks, func(a, b *Event) int { return a.Seq - b.Seq })
	}
	if translations != nil {
		all := map[string]*Event{}
		for _, e := range append(slices.Clone(s.Events), drafts...) {
			all[e.ID] = e
		}
		s.attachTranslations(translations, all, figs, problem)
	}
	// The publishers' index, the longest of these, is built beside the
	// others and the events' display values, which do not need it; its
	// warnings follow the taxonomies', as if built after them.
	var pubDiags, pageDiags Diagnostics
	var wg sync.WaitGroup
	var hostDiags Diagnostics
	wg.Go(func() { s.buildPublishers(&pubDiags) })
	wg.Go(func() { s.checkPublisherHosts(drafts, &hostDiags) })
	s.buildTaxonomies(drafts, diags)
	s.buildMonths()
	s.addPages(pages, &pageDiags)
	s.decorate()
	wg.Wait()
	s.decoratePublishers()
	*diags = append(append(append(*diags, pubDiags...), hostDiags...), pageDiags...)
	return s
}

func kindNames(c *Config) []string {
	keys := make([]string, len(c.Kinds))
	for i, k := range c.Kinds {
		keys[i] = k.Key
	}
	return keys
}

func storylineNames(c *Config) []string {
	keys := make([]string, len(c.Storylines))
	for i, st := range c.Storylines {
		keys[i] = st.Key
	}
	return keys
}

func (s *Site) addPages(pages []*Page, diags *Diagnostics) {
	var translations []*Page
	for _, p := range pages {
		if p.Lang != "" {
			translations = append(translations, p)
			continue
		}
		first := strings.SplitN(p.Slug, "/", 2)[0]
		bad := false
		for _, seg := range strings.Split(p.Slug, "/") {
			if !pageRE.MatchString(seg) {
				bad = true
			}
		}
		switch {
		case bad:
			*diags = append(*diags, Diagnostic{Path: p.Path, Msg: "a page's file name becomes its address: use letters, digits and hyphens, such as about.md"})
			continue
		case slices.Contains(reserved, first) || yearRE.MatchString(first) || slices.Contains(s.Config.Languages, first):
			*diags = append(*diags, Diagnostic{Path: p.Path, Msg: fmt.Sprintf("the page name %q is taken by the chronology's own pages: rename the file", first)})
			continue
		}
		s.Pages = append(s.Pages, p)
	}
	slices.SortFunc(s.Pages, func(a, b *Page) int { return strings.Compare(a.Slug, b.Slug) })
	for _, p := range s.Pages {
		if p.InMenu {
			s.Menu = append(s.Menu, p)
		}
	}
	slices.SortStableFunc(s.Menu, func(a, b *Page) int { return a.Menu - b.Menu })
	s.attachPageTranslations(translations, diags)
}

// Event returns the event with the given id, or nil.
func (s *Site) Event(id string) *Event { return s.byID[id] }
