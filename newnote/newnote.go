// Package newnote writes the skeleton of a new event note: the file behind
// "chronicle new". The skeleton is a valid note, marked draft so that no
// build publishes it before its author has filled it in.
package newnote

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/chronicle-tools/chronicle/date"
)

var dateRE = regexp.MustCompile(`^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`)

// Options describe the note to make.
type Options struct {
	Title string
	Kind  string    // a key of [kinds]; "" for the first kind in config.toml
	Date  string    // "YYYY-MM-DD", or "YYYY-MM" or "YYYY"; "" for today in the site's time zone
	Now   time.Time // the current time; zero for time.Now()
}

// Note is a skeleton, ready to write.
type Note struct {
	ID      string // the file name without .md
	Path    string // slash-separated, relative to the site: "content/2025/12/2025-12-19-port-strike.md"
	Content []byte
}

// config is what a new note needs from config.toml.
type config struct {
	language   string
	loc        *time.Location
	kinds      []string // in the order config.toml gives them
	storylines []string
}

func parseConfig(text []byte) (*config, error) {
	var raw struct {
		Language   string
		Timezone   string
		Kinds      map[string]any
		Storylines map[string]any
	}
	md, err := toml.Decode(string(text), &raw)
	if err != nil {
		return nil, fmt.Errorf("config.toml: %v (chronicle check says more)", err)
	}
	c := &config{language: raw.Language, loc: time.UTC}
	if raw.Timezone != "" {
		if c.loc, err = time.LoadLocation(raw.Timezone); err != nil {
			return nil, fmt.Errorf("config.toml: timezone %q is not a known time zone", raw.Timezone)
		}
	}
	for _, k := range md.Keys() {
		switch {
		case len(k) != 2:
		case k[0] == "kinds" && !contains(c.kinds, k[1]):
			c.kinds = append(c.kinds, k[1])
		case k[0] == "storylines" && !contains(c.storylines, k[1]):
			c.storylines = append(c.storylines, k[1])
		}
	}
	if len(c.kinds) == 0 {
		return nil, errors.New("config.toml defines no kinds: add one such as [kinds.event] with label = \"Events\"")
	}
	return c, nil
}

// Make builds the note described by opts for a site with the given
// config.toml. It reads and writes no file.
func Make(configText []byte, opts Options) (*Note, error) {
	c, err := parseConfig(configText)
	if err != nil {
		return nil, err
	}
	title := strings.TrimSpace(opts.Title)
	switch {
	case title == "":
		return nil, errors.New(`the note needs a title: chronicle new "What happened, in one line"`)
	case strings.ContainsAny(title, "\r\n"):
		return nil, errors.New("the title must be one line")
	}
	kind := opts.Kind
	if kind == "" {
		kind = c.kinds[0]
	} else if !contains(c.kinds, kind) {
		return nil, fmt.Errorf("kind %q is not defined in config.toml: use one of %s", kind, strings.Join(c.kinds, ", "))
	}
	var d date.Date
	if opts.Date == "" {
		now := opts.Now
		if now.IsZero() {
			now = time.Now()
		}
		now = now.In(c.loc)
		d = date.Date{Year: now.Year(), Month: int(now.Month()), Day: now.Day(), Prec: date.Day}
	} else if !dateRE.MatchString(opts.Date) {
		return nil, fmt.Errorf("-date %q is not a date: write YYYY-MM-DD, such as 2025-12-19 (or YYYY-MM, or YYYY, for an event known only to the month or the year)", opts.Date)
	} else if d, err = date.ParseString(opts.Date); err != nil {
		return nil, fmt.Errorf("-date %v", err)
	}

	s := Slug(title, c.language)
	if s == "" {
		s = "event"
	}
	id := d.String() + "-" + s
	dir := fmt.Sprintf("content/%04d", d.Year)
	if d.Prec >= date.Month {
		dir += fmt.Sprintf("/%02d", d.Month)
	}
	return &Note{ID: id, Path: dir + "/" + id + ".md", Content: skeleton(title, kind, d, c)}, nil
}

// skeleton writes the note: every field a curator fills in most notes, the
// rest as comments, and one source to replace.
func skeleton(title, kind string, d date.Date, c *config) []byte {
	var b strings.Builder
	dv := tomlDate(d)
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "title = %s\n", tomlString(title))
	fmt.Fprintf(&b, "date = %s\n", dv)
	b.WriteString("# end = " + dv + "  # the last day, for an event that lasted\n")
	fmt.Fprintf(&b, "kind = %s  # %s\n", tomlString(kind), oneOf(c.kinds))
	b.WriteString("status = \"reported\"  # confirmed, reported, claimed or disputed\n")
	b.WriteString("# claimed_by = \"\"  # who makes the claim: needed when status is claimed or disputed\n")
	b.WriteString("places = []\n")
	b.WriteString("actors = []\n")
	b.WriteString("tags = []\n")
	b.WriteString("storylines = []")
	if len(c.storylines) > 0 {
		b.WriteString("  # " + oneOf(c.storylines))
	}
	b.WriteString("\n")
	b.WriteString("related = []  # ids of other notes: their file names without .md\n")
	b.WriteString("# summary = \"\"  # one or two sentences for lists and feeds; default: the body's first paragraph\n")
	b.WriteString("# content_warning = \"\"  # shown before the body, such as \"deaths of civilians\"\n")
	b.WriteString("draft = true  # remove this line when the note is ready to publish\n")
	b.WriteString("\n[[sources]]\n")
	b.WriteString("id = \"source\"  # cite it in the body as [@source]\n")
	b.WriteString("title = \"The headline or document title\"\n")
	b.WriteString("publisher = \"Who published it\"\n")
	b.WriteString("url = \"https://example.org/the-address-of-the-source\"  # a book, paper or interview has none: locate it with pages = \"pp. 12-14\" or reference = \"...\"\n")
	b.WriteString("published = " + dv + "\n")
	b.WriteString("+++\n\n")
	b.WriteString("What happened, in plain sentences, each followed by the source it rests on.[@source]\n")
	return []byte(b.String())
}

func oneOf(keys []string) string {
	if len(keys) == 1 {
		return keys[0]
	}
	return "one of " + strings.Join(keys, ", ")
}

// tomlDate writes a date as a note's front matter takes it: a day unquoted,
// a month or a year as a string.
func tomlDate(d date.Date) string {
	if d.Prec == date.Day {
		return d.String()
	}
	return `"` + d.String() + `"`
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Create makes the note for the site in dir and writes it. It refuses to
// overwrite a file, and to give the note an id that a note elsewhere in
// content/ already has. It returns the path written, dir joined with the
// note's path.
func Create(dir string, opts Options) (string, error) {
	text, err := os.ReadFile(filepath.Join(dir, "config.toml"))
	if errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("no config.toml in %s: run chronicle new in the site's folder, or give it with -C dir", dir)
	} else if err != nil {
		return "", err
	}
	n, err := Make(text, opts)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, filepath.FromSlash(n.Path))
	if other := findID(dir, n.ID); other != "" && other != n.Path {
		return "", fmt.Errorf("%s already has the id %s: ids are file names and must be unique across content/; choose another title or date", filepath.Join(dir, filepath.FromSlash(other)), n.ID)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists: chronicle new never overwrites a note; edit it, or choose another title", path)
	} else if err != nil {
		return "", err
	}
	if _, err := f.Write(n.Content); err != nil {
		f.Close()
		os.Remove(path)
		return "", err
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return "", err
	}
	return path, nil
}

// findID returns the slash path of an event note named id.md under content/
// (pages aside), or "".
func findID(dir, id string) string {
	var found string
	fsys := os.DirFS(dir)
	fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil || found != "":
			return fs.SkipAll
		case p != "content" && (strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")):
			// Not read by builds.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		case d.IsDir() && p == "content/pages":
			return fs.SkipDir
		case !d.IsDir() && d.Name() == id+".md":
			found = p
			return fs.SkipAll
		}
		return nil
	})
	return found
}
