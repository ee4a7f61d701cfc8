package importer

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/newnote"
)

// What becomes of an imported note.
const (
	toWrite   = iota
	unchanged // a note with the same id and the same bytes is there
	kept      // a note of the same event is there, changed: it is left as it is
)

type item struct {
	n     *note
	id    string
	path  string // slash-separated, relative to the site
	state int
	text  []byte
}

type plan struct {
	dir     string
	cfg     *config
	r       *reading
	items   []*item
	addTOML string // tables to append to config.toml
}

// newPlan gives each note its id and path, never one that a note of another
// event has, and works out what config.toml lacks.
func newPlan(dir string, cfg *config, r *reading) (*plan, error) {
	existing, err := scanIDs(dir)
	if err != nil {
		return nil, err
	}
	p := &plan{dir: dir, cfg: cfg, r: r}
	claimed := map[string]bool{}
	rename := map[string]string{} // an id a note asked for -> the id it got
	seen := map[string]bool{}
	for _, n := range r.notes {
		// One event given twice (events.json and events.csv of one
		// chronology): the first, fuller, is kept.
		if n.ident != "" && seen[n.ident] {
			r.left("all", "same event given twice: the first kept", n.from)
			continue
		}
		seen[n.ident] = true
		n.draft = len(n.guesses) > 0
		base := n.wantID
		if !validID(base) {
			base = idStem(n.date) + "-" + firstOf(newnote.Slug(n.title, cfg.language), "event")
		}
		it := &item{n: n, text: n.text()}
		for i := 1; ; i++ {
			cand := base
			if i > 1 {
				cand = base + "-" + strconv.Itoa(i)
			}
			if claimed[cand] {
				continue
			}
			claimed[cand] = true
			if path, ok := existing[cand]; ok {
				old, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(path)))
				if err != nil {
					return nil, err
				}
				it.id, it.path = cand, path
				if bytes.Equal(old, it.text) {
					it.state = unchanged
					break
				}
				if sameEvent(old, n) {
					it.state = kept
					break
				}
				claimed[cand] = false
				continue
			}
			it.id, it.path = cand, notePath(cand, n.date)
			break
		}
		if _, ok := rename[n.wantID]; !ok {
			rename[n.wantID] = it.id
		}
		p.items = append(p.items, it)
	}
	// Related ids follow their notes to the ids they got.
	for _, it := range p.items {
		if it.state != toWrite || len(it.n.related) == 0 {
			continue
		}
		for i, id := range it.n.related {
			if to, ok := rename[id]; ok {
				it.n.related[i] = to
			}
		}
		it.text = it.n.text()
	}
	p.addTOML = p.configTables()
	return p, nil
}

// notePath is where a new note goes, as chronicle new puts it:
// content/YYYY/MM/id.md; a year or a decade known no closer goes in its
// own folder, as its archive page is named: content/500-bce/, content/1980s/.
func notePath(id string, d date.Date) string {
	return "content/" + d.MonthOf().Slug() + "/" + id + ".md"
}

// idStem is the start of a new note's id: its day, month, year or decade
// as an id may spell it ("2025-12-19", "500-bce", "1980s").
func idStem(d date.Date) string {
	return strings.ReplaceAll(d.DayOf().Slug(), "/", "-")
}

// validID is site's rule for an id: a letter or digit, then letters,
// digits, dots, underscores and hyphens.
func validID(id string) bool {
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || i > 0 && (c == '.' || c == '_' || c == '-')) {
			return false
		}
	}
	return id != ""
}

// scanIDs maps the id of every event note under content/ to its path, as
// builds read them: pages and names starting with . or _ aside.
func scanIDs(dir string) (map[string]string, error) {
	ids := map[string]string{}
	err := fs.WalkDir(os.DirFS(dir), "content", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			if p == "content" {
				return fs.SkipAll // no content/ yet: it is made
			}
			return err
		case p != "content" && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")):
			if d.IsDir() {
				return fs.SkipDir
			}
		case d.IsDir() && p == "content/pages":
			return fs.SkipDir
		case !d.IsDir() && strings.HasSuffix(d.Name(), ".md"):
			ids[strings.TrimSuffix(d.Name(), ".md")] = p
		}
		return nil
	})
	return ids, err
}

// sameEvent reports whether the note in old is of the event n was read
// from: the same TimelineJS unique_id when n has one, else the same title
// and date (an event without an id of its own is known by these).
func sameEvent(old []byte, n *note) bool {
	front, ok := frontMatter(old)
	if !ok {
		return false
	}
	var fm struct {
		Title string
		Date  any
		Extra map[string]any
	}
	if _, err := toml.Decode(front, &fm); err != nil {
		return false
	}
	if tl, ok := strings.CutPrefix(n.ident, "timelinejs:"); ok {
		v, _ := fm.Extra["timelinejs_id"].(string)
		return v == tl
	}
	d, err := date.FromTOML(fm.Date)
	return err == nil && fm.Title == n.title && d == n.date
}

func frontMatter(text []byte) (string, bool) {
	s := strings.ReplaceAll(string(bytes.TrimPrefix(text, []byte("\ufeff"))), "\r\n", "\n")
	rest, ok := strings.CutPrefix(s, "+++\n")
	if !ok {
		return "", false
	}
	front, _, ok := strings.Cut(rest, "\n+++")
	return front, ok
}

// configTables is the TOML of the kinds and storylines that the notes to
// write use and config.toml lacks: new tables only, to append.
func (p *plan) configTables() string {
	have := func(list []string, k string) bool {
		for _, x := range list {
			if x == k {
				return true
			}
		}
		return false
	}
	var kinds, stories ordered
	for _, it := range p.items {
		if it.state != toWrite {
			continue
		}
		if !have(p.cfg.kinds, it.n.kind) {
			kinds.add(it.n.kind, firstOf(p.r.kinds.labels[it.n.kind], it.n.kind))
		}
		for _, s := range it.n.storylines {
			if !have(p.cfg.storylines, s) {
				stories.add(s, firstOf(p.r.storylines.labels[s], s))
			}
		}
	}
	var b strings.Builder
	for _, k := range kinds.keys {
		fmt.Fprintf(&b, "\n[kinds.%s]\nlabel = %s\n", tomlKey(k), tomlString(kinds.labels[k]))
		if kinds.labels[k] == k {
			p.r.configGuess("kind label is its key", k)
		}
	}
	for _, k := range stories.keys {
		fmt.Fprintf(&b, "\n[storylines.%s]\ntitle = %s\n", tomlKey(k), tomlString(stories.labels[k]))
		if stories.labels[k] == k {
			p.r.configGuess("storyline title is its key", k)
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return "\n# Added by chronicle import: check the labels and titles.\n" + strings.TrimPrefix(b.String(), "\n")
}
