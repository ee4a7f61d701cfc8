package site

import (
	"bytes"
	"cmp"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/slug"
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
	byID       map[string]*Event
	Links      Links

	mu         sync.RWMutex // held to render; Patch takes it to change an event
	crossDiags int          // problems found across notes, by newSite
	itemTpl    *template.Template
	items      []atomic.Pointer[template.HTML] // each event's list entry, by Seq, once rendered
	dateViews  map[date.Date]DateView          // the events' and sources' dates, each made once; read only
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
	events, pages, more := readContent(fsys, opts)
	diags = append(diags, more...)
	n := len(diags)
	s := newSite(cfg, events, pages, opts, &diags)
	s.crossDiags = len(diags) - n
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
		}
	}
	diags.sort()
	return s, diags
}

type inputFile struct {
	path, name string
	page       bool
}

// readContent finds and parses every note and page, in parallel.
func readContent(fsys fs.FS, opts Options) ([]*Event, []*Page, Diagnostics) {
	var files []inputFile
	var diags Diagnostics
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
		files = append(files, inputFile{path: p, name: name, page: page})
		return nil
	})
	if err != nil {
		diags = append(diags, Diagnostic{Path: "content", Msg: "cannot read the content folder: " + err.Error()})
	}

	events := make([]*Event, len(files))
	pages := make([]*Page, len(files))
	perFile := make([]Diagnostics, len(files))
	// Files are handed out by a counter, not a channel: a goroutine
	// feeding a channel needs a core of its own for each hand-off.
	parallel(len(files), func(_ *bytes.Buffer, i int) {
		f := files[i]
		data, err := fs.ReadFile(fsys, f.path)
		if err != nil {
			perFile[i] = Diagnostics{{Path: f.path, Msg: "cannot read: " + err.Error()}}
			return
		}
		if f.page {
			pages[i], perFile[i] = parsePage(f.path, f.name, data)
		} else {
			events[i], perFile[i] = opts.Cache.parse(f.path, f.name, data)
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
	return slices.DeleteFunc(events, func(e *Event) bool { return e == nil }),
		slices.DeleteFunc(pages, func(p *Page) bool { return p == nil }), diags
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

// copy is a cached note for one site: linking writes to the event, and its
// sources and updates get display values for the site, while the cached
// note may be shown by a site still being served.
func (e *Event) copy() *Event {
	c := *e
	c.RelatedEvents, c.Backlinks, c.Prev, c.Next = nil, nil, nil, nil
	c.Sources = make([]*Source, len(e.Sources))
	for i, src := range e.Sources {
		cp := *src
		c.Sources[i] = &cp
	}
	c.Updates = slices.Clone(e.Updates)
	return &c
}

// newSite checks what needs more than one file and builds the site's
// indexes. Events that came from a cache are copied first.
func newSite(cfg *Config, parsed []*Event, pages []*Page, opts Options, diags *Diagnostics) *Site {
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
	var drafts []*Event // left out of this build
	byPath := map[string]*Event{}
	for _, e := range parsed {
		if opts.Cache != nil {
			e = e.copy()
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
		if e.Kind != "" && cfg.kind(e.Kind) == nil {
			errorf(e, "kind", "kind %q is not defined%s: use one of %s, or add [kinds.%s] to config.toml", e.Kind, didYouMean(e.Kind, kindNames(cfg), nil), strings.Join(kindNames(cfg), ", "), e.Kind)
		}
		for _, st := range e.Storylines {
			if cfg.storyline(st) == nil {
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
	// The publishers' index, the longest of these, is built beside the
	// others and the events' display values, which do not need it; its
	// warnings follow the taxonomies', as if built after them.
	var pubDiags, pageDiags Diagnostics
	var wg sync.WaitGroup
	var hostDiags Diagnostics
	wg.Go(func() { s.buildPublishers(&pubDiags) })
	wg.Go(func() { s.checkPublisherHosts(&hostDiags) })
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

// buildTaxonomies files the events under their terms. The drafts left out
// of the build are not filed, but their names are checked against the
// published notes' spellings.
func (s *Site) buildTaxonomies(drafts []*Event, diags *Diagnostics) {
	kinds := &Taxonomy{Key: "kinds", Title: "Kinds", Singular: "Kind", bySlug: map[string]*Term{}}
	for _, k := range s.Config.Kinds {
		t := &Term{Tax: kinds, Name: k.Label, Slug: k.Key, Color: k.Color}
		kinds.Terms = append(kinds.Terms, t)
		kinds.bySlug[k.Key] = t
	}
	stories := &Taxonomy{Key: "storylines", Title: "Storylines", Singular: "Storyline", bySlug: map[string]*Term{}}
	for _, st := range s.Config.Storylines {
		t := &Term{Tax: stories, Name: st.Title, Slug: st.Key, Description: st.Description}
		stories.Terms = append(stories.Terms, t)
		stories.bySlug[st.Key] = t
	}
	places := &Taxonomy{Key: "places", Title: "Places", Singular: "Place", bySlug: map[string]*Term{}}
	actors := &Taxonomy{Key: "actors", Title: "Actors", Singular: "Actor", bySlug: map[string]*Term{}}
	tags := &Taxonomy{Key: "tags", Title: "Tags", Singular: "Tag", bySlug: map[string]*Term{}}
	for _, e := range s.Events {
		if t := kinds.bySlug[e.Kind]; t != nil {
			t.Events = append(t.Events, e)
		}
		for _, key := range dedupe(e.Storylines) {
			if t := stories.bySlug[key]; t != nil {
				t.Events = append(t.Events, e)
			}
		}
		places.add(e, "places", e.Places, diags)
		actors.add(e, "actors", e.Actors, diags)
		tags.add(e, "tags", e.Tags, diags)
	}
	for _, tax := range []*Taxonomy{places, actors, tags} {
		tax.reportClashes(diags)
	}
	for _, e := range drafts {
		places.checkDraft(e, "places", e.Places, diags)
		actors.checkDraft(e, "actors", e.Actors, diags)
		tags.checkDraft(e, "tags", e.Tags, diags)
	}
	for _, tax := range []*Taxonomy{places, actors, tags} {
		slices.SortFunc(tax.Terms, func(a, b *Term) int {
			return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.Name, b.Name))
		})
	}
	s.Taxonomies = []*Taxonomy{kinds, stories, places, actors, tags}
}

// add files e under each of names. A name that makes the same slug as
// another spelling ("Odesa Region" and "Odesa region" must be one) is
// counted, not filed: reportClashes reports each group once.
func (tax *Taxonomy) add(e *Event, key string, names []string, diags *Diagnostics) {
	if tax.byName == nil {
		tax.byName = map[string]*Term{}
	}
	for _, name := range dedupe(names) {
		if t := tax.byName[name]; t != nil {
			t.Events = append(t.Events, e)
			continue
		}
		if sp := tax.others[name]; sp != nil {
			sp.notes++
			continue
		}
		sl := slug.Make(name)
		if sl == "" {
			*diags = append(*diags, Diagnostic{Path: e.Path, Line: e.line(key), Msg: fmt.Sprintf("%s: %q has no letters or digits to name a page after", key, name)})
			continue
		}
		if len(sl) > maxSlug {
			*diags = append(*diags, Diagnostic{Path: e.Path, Line: e.line(key), Msg: fmt.Sprintf("%s: %.40q... is too long to name a page after (%d bytes, at most %d): shorten it", key, name, len(sl), maxSlug)})
			continue
		}
		t := tax.bySlug[sl]
		if t == nil {
			t = &Term{Tax: tax, Name: name, Slug: sl}
			tax.bySlug[sl] = t
			tax.Terms = append(tax.Terms, t)
		} else if t.Name != name {
			if tax.others == nil {
				tax.others = map[string]*spelling{}
			}
			if t.others == nil {
				tax.clashes = append(tax.clashes, t)
			}
			sp := &spelling{name: name, notes: 1, first: e}
			tax.others[name] = sp
			t.others = append(t.others, sp)
			continue
		}
		tax.byName[name] = t
		t.Events = append(t.Events, e)
	}
}

// checkDraft checks the names of a draft left out of the build as add
// would, against the published notes' spellings, without filing it.
func (tax *Taxonomy) checkDraft(e *Event, key string, names []string, diags *Diagnostics) {
	for _, name := range dedupe(names) {
		if tax.byName[name] != nil {
			continue
		}
		d := Diagnostic{Path: e.Path, Line: e.line(key)}
		sl := slug.Make(name)
		switch t := tax.bySlug[sl]; {
		case sl == "":
			d.Msg = fmt.Sprintf("%s: %q has no letters or digits to name a page after", key, name)
		case len(sl) > maxSlug:
			d.Msg = fmt.Sprintf("%s: %.40q... is too long to name a page after (%d bytes, at most %d): shorten it", key, name, len(sl), maxSlug)
		case t != nil && t.Name != name:
			d.Code = CodeSpelling
			d.Msg = fmt.Sprintf("%s: %q and %q (in %s) would share the page %s/%s/: spell it %q, as the published notes do", key, name, t.Name, count(len(t.Events), "note"), tax.Key, sl, t.Name)
		default:
			continue
		}
		*diags = append(*diags, draftProblem(d))
	}
}

// spelling is a name that makes the slug of a term spelled otherwise,
// with the notes that write it so.
type spelling struct {
	name  string
	notes int
	first *Event // the first note in time order that writes it so
}

// reportClashes reports each term that notes spell in more than one way,
// once: at the first note, in time order, that spells it otherwise than
// most notes do, naming how many notes write each spelling and suggesting
// the commonest (of equals, the first written). One message for the group
// rather than one a note: a place spelled two ways in 333 notes is one
// mistake, and the notes that spell it as most do are not where it is.
func (tax *Taxonomy) reportClashes(diags *Diagnostics) {
	for _, t := range tax.clashes {
		all := append([]*spelling{{name: t.Name, notes: len(t.Events), first: t.Events[0]}}, t.others...)
		common := all[0]
		for _, sp := range all[1:] {
			if sp.notes > common.notes {
				common = sp
			}
		}
		// The spellings to change, in the order first written; the
		// diagnostic goes to the first of them.
		var change []*spelling
		for _, sp := range all {
			if sp != common {
				change = append(change, sp)
			}
		}
		slices.SortStableFunc(change, func(a, b *spelling) int { return a.first.Seq - b.first.Seq })
		at := change[0]
		var b strings.Builder
		fmt.Fprintf(&b, "%s: ", tax.Key)
		for i, sp := range append(change, common) {
			switch {
			case i == len(change):
				b.WriteString(" and ")
			case i > 0:
				b.WriteString(", ")
			}
			where := sp.first.Path
			if sp == at {
				where = "this one"
			}
			switch {
			case sp.notes == 1 && sp == at:
				fmt.Fprintf(&b, "%q (in this note)", sp.name)
			case sp.notes == 1:
				fmt.Fprintf(&b, "%q (in 1 note, %s)", sp.name, where)
			default:
				fmt.Fprintf(&b, "%q (in %d notes, the first %s)", sp.name, sp.notes, where)
			}
		}
		fmt.Fprintf(&b, " would share the page %s/%s/: ", tax.Key, t.Slug)
		if slices.ContainsFunc(change, func(sp *spelling) bool { return sp.notes == common.notes }) {
			fmt.Fprintf(&b, "spell them all one way, such as %q, the first written", common.name)
		} else {
			fmt.Fprintf(&b, "spell them all %q, the commonest spelling", common.name)
		}
		*diags = append(*diags, Diagnostic{Path: at.first.Path, Line: at.first.line(tax.Key), Code: CodeSpelling, Msg: b.String()})
	}
}

// maxSlug bounds a page name made from a name in a note: file systems take
// at most 255 bytes for one name.
const maxSlug = 200

// dedupe returns list with each value once, in the order first written: list
// itself when no value repeats, as in nearly every note, so that the lists
// read for each event of every page and export cost nothing. The caller
// must not change the result.
func dedupe(list []string) []string {
	if len(list) > 16 {
		seen := make(map[string]bool, len(list))
		out := list[:0:0]
		for _, s := range list {
			if !seen[s] {
				seen[s] = true
				out = append(out, s)
			}
		}
		if len(out) == len(list) {
			return list
		}
		return out
	}
	for i, s := range list {
		if slices.Contains(list[:i], s) {
			out := slices.Clone(list[:i])
			for _, s := range list[i+1:] {
				if !slices.Contains(out, s) {
					out = append(out, s)
				}
			}
			return out
		}
	}
	return list
}

// Taxonomy returns the taxonomy with the given key.
func (s *Site) Taxonomy(key string) *Taxonomy {
	for _, t := range s.Taxonomies {
		if t.Key == key {
			return t
		}
	}
	return nil
}

// Term finds a term by its name as written in notes (or key, for kinds and
// storylines).
func (tax *Taxonomy) Term(name string) *Term {
	if t := tax.byName[name]; t != nil {
		return t
	}
	if t := tax.bySlug[name]; t != nil {
		return t
	}
	return tax.bySlug[slug.Make(name)]
}

func (s *Site) buildMonths() {
	s.Months = groupMonths(s.Events, false)
}

// sortEvents puts events in time order: as date.Compare orders their dates,
// then their ends, then by id.
func sortEvents(events []*Event, loc *time.Location) {
	type key struct {
		date, end date.Key
		id        string
	}
	sortByKey(events, func(e *Event) key { return key{e.Date.Key(loc), e.End.Key(loc), e.ID} }, func(a, b key) int {
		return cmp.Or(a.date.Compare(b.date), a.end.Compare(b.end), strings.Compare(a.id, b.id))
	})
}

// sortByKey sorts list by a key worked out once for each element, not in
// each of the n log n comparisons.
func sortByKey[T, K any](list []T, key func(T) K, compare func(a, b K) int) {
	type keyed struct {
		k K
		v T
	}
	keys := make([]keyed, len(list))
	for i, v := range list {
		keys[i] = keyed{key(v), v}
	}
	slices.SortFunc(keys, func(a, b keyed) int { return compare(a.k, b.k) })
	for i, k := range keys {
		list[i] = k.v
	}
}

// calendarPlace is where an event falls on the site's calendar, worked out
// once: every list the event is in groups by it.
type calendarPlace struct {
	month, day           date.Date
	monthSlug, dayAnchor string
}

// newCalendarPlace is e's place; the previous event's, strings and all,
// when e falls on the same day.
func newCalendarPlace(e *Event, loc *time.Location, prev *calendarPlace) calendarPlace {
	local := e.Date.In(loc)
	c := calendarPlace{month: local.MonthOf(), day: local.DayOf()}
	if prev != nil && prev.day == c.day {
		return *prev
	}
	c.monthSlug = fmt.Sprintf("%04d", c.month.Year)
	if c.month.Prec >= date.Month {
		c.monthSlug = fmt.Sprintf("%04d/%02d", c.month.Year, c.month.Month)
	}
	c.dayAnchor = "d" + c.day.String()
	return c
}

// groupMonths groups events, in time order, by month and day on the
// site's calendar; with newest, in the order arrange gives (months, days
// and days' events newest first), made so rather than copied: a site's
// terms group every event about ten times. The lists are parts of events,
// or of one reversed copy of it, not lists of their own.
func groupMonths(events []*Event, newest bool) []*Month {
	list := events // in reading order
	if newest {
		list = reversed(events)
	}
	var months []*Month
	var cur *Month
	start := 0 // where cur starts in list
	closeMonth := func(end int) {
		if cur == nil {
			return
		}
		// A month's own list stays in time order, as arrange leaves it.
		if newest {
			cur.Events = events[len(events)-end : len(events)-start : len(events)-start]
		} else {
			cur.Events = events[start:end:end]
		}
	}
	for i := 0; i < len(list); {
		e := list[i]
		if cur == nil || cur.Date != e.cal.month {
			closeMonth(i)
			cur, start = &Month{Date: e.cal.month, Slug: e.cal.monthSlug}, i
			months = append(months, cur)
		}
		j := i + 1
		for j < len(list) && list[j].cal.month == e.cal.month && list[j].cal.day == e.cal.day {
			j++
		}
		cur.Days = append(cur.Days, &Day{Date: e.cal.day, Anchor: e.cal.dayAnchor, Events: list[i:j:j]})
		i = j
	}
	closeMonth(len(list))
	return months
}

// arrange returns months for reading: as they are (oldest first), or with
// months, days and events all reversed for newest first.
func arrange(months []*Month, newest bool) []*Month {
	if !newest {
		return months
	}
	out := make([]*Month, len(months))
	for i, m := range months {
		r := *m
		r.Days = make([]*Day, len(m.Days))
		for j, d := range m.Days {
			rd := *d
			rd.Events = reversed(d.Events)
			r.Days[len(m.Days)-1-j] = &rd
		}
		out[len(months)-1-i] = &r
	}
	return out
}

func (s *Site) buildPublishers(diags *Diagnostics) {
	n := 0
	for _, e := range s.Events {
		n += len(e.Sources)
	}
	// Sized for the sources at the start, so that the two maps are not
	// rehashed as they grow.
	byName := map[string]*Publisher{}
	type pubURL struct {
		publisher, url string
		offline        [3]string // title, pages and reference, when url is ""
	}
	uses := make(map[pubURL]*SourceUse, n)
	// The uses, and the first event of each, in two arrays made at once
	// rather than an object each: fewer objects for the collector to trace.
	// There are at most n uses, so the array is never moved; a source that
	// more than one note cites gets its own list of events.
	useArray := make([]SourceUse, 0, n)
	firsts := make([]*Event, n)
	urlPublisher := make(map[string]string, n)
	for _, e := range s.Events {
		for _, src := range e.Sources {
			if src.Publisher == "" {
				continue
			}
			// A source without a url has no address to compare spellings by.
			if src.URL != "" {
				if other, ok := urlPublisher[src.URL]; ok && other != src.Publisher {
					*diags = append(*diags, Diagnostic{Path: e.Path, Line: e.line(fmt.Sprintf("sources.%d", src.idx)), Warning: true, Code: CodePublisherSpelling,
						Msg: fmt.Sprintf("source %q gives publisher %q, but the same URL is cited elsewhere as %q: spell the publisher one way", src.ID, src.Publisher, other)})
				} else {
					urlPublisher[src.URL] = src.Publisher
				}
			}
			p := byName[src.Publisher]
			if p == nil {
				p = &Publisher{Name: src.Publisher, Slug: slug.Make(src.Publisher)}
				byName[src.Publisher] = p
				s.Publishers = append(s.Publishers, p)
			}
			key := pubURL{publisher: src.Publisher, url: src.URL}
			if src.URL == "" {
				// Without a url, a source is what locates it: two notes
				// citing the same pages of one book share an entry.
				key.offline = [3]string{src.Title, src.Pages, src.Reference}
			}
			u := uses[key]
			if u == nil {
				k := len(useArray)
				useArray = append(useArray, SourceUse{Source: src, Events: firsts[k : k : k+1]})
				u = &useArray[k]
				uses[key] = u
				p.Sources = append(p.Sources, u)
			}
			// Events come in order, so e is already there only if last.
			if n := len(u.Events); n == 0 || u.Events[n-1] != e {
				u.Events = append(u.Events, e)
			}
		}
	}
	slices.SortFunc(s.Publishers, func(a, b *Publisher) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.Name, b.Name))
	})
	// Publisher slugs name their pages, so they must be unique.
	seen := map[string]int{}
	for _, p := range s.Publishers {
		if p.Slug == "" {
			p.Slug = "publisher"
		}
		if n := seen[p.Slug]; n > 0 {
			seen[p.Slug]++
			p.Slug = fmt.Sprintf("%s-%d", p.Slug, n+1)
		} else {
			seen[p.Slug] = 1
		}
	}
	// The sorts are most of this index's time, and it is the longest part
	// of newSite: side by side, they leave no core idle waiting for it.
	parallel(len(s.Publishers), func(_ *bytes.Buffer, i int) { sortSourceUses(s.Publishers[i].Sources) })
}

// sortSourceUses orders a publisher's sources by date, then URL; sources
// without a URL (which sort first among those of a date) by title, pages
// and reference.
func sortSourceUses(list []*SourceUse) {
	type key struct {
		published                    date.Key
		url, title, pages, reference string
	}
	sortByKey(list, func(u *SourceUse) key {
		k := key{published: u.Source.Published.Key(time.UTC), url: u.Source.URL}
		if k.url == "" {
			k.title, k.pages, k.reference = u.Source.Title, u.Source.Pages, u.Source.Reference
		}
		return k
	}, func(a, b key) int {
		return cmp.Or(a.published.Compare(b.published), strings.Compare(a.url, b.url),
			strings.Compare(a.title, b.title), strings.Compare(a.pages, b.pages), strings.Compare(a.reference, b.reference))
	})
}

func (s *Site) addPages(pages []*Page, diags *Diagnostics) {
	for _, p := range pages {
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
		case slices.Contains(reserved, first) || yearRE.MatchString(first):
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
}

// Event returns the event with the given id, or nil.
func (s *Site) Event(id string) *Event { return s.byID[id] }
