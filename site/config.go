package site

import (
	"fmt"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/frontmatter"
	"github.com/chronicle-tools/chronicle/i18n"
	"github.com/chronicle-tools/chronicle/slug"
)

// Config is config.toml.
type Config struct {
	Title       string
	Description string
	BaseURL     string // absolute, ending in "/"
	BasePath    string // the path of BaseURL: "/chronology/"
	Language    string // the main edition's, at the site's root
	// Languages are the other editions', each under /LANG/, in the order
	// config.toml gives them; Editions hold their names, in that order.
	Languages  []string
	Editions   []*Edition
	UI         *i18n.Lang           // the main language's interface strings and dates
	statusText map[string][2]string // each status's label and meaning in UI's language
	Timezone   string
	Location   *time.Location
	Newest     bool // the front page reads newest first
	Output     string
	CNAME      string
	Kinds      []Kind      // sorted by key
	Storylines []Storyline // sorted by key
	// Publishers are the [publishers."NAME"] tables, sorted by name.
	Publishers []PublisherEntry
	aliases    map[string]string // each alias to its publisher's name
	// ExtraShow are the keys of the notes' [extra] tables that event
	// pages show, in the order of [extra] show; the others are only in
	// the data files.
	ExtraShow []string
}

// PublisherEntry is one publisher of [publishers."NAME"]: the name its
// sources are shown and exported under, and the other spellings that notes
// may give it.
type PublisherEntry struct {
	Name    string
	Aliases []string
}

// Publisher is the name a source's publisher is shown under: the
// publisher's name when publisher is one of its aliases, matched exactly
// as written (case and all), else publisher itself.
func (c *Config) Publisher(publisher string) string {
	if name, ok := c.aliases[publisher]; ok {
		return name
	}
	return publisher
}

// Kind is a kind of event, from [kinds.KEY].
type Kind struct {
	Key, Label, Color string
	URL               string // its page
}

// Storyline is a thread of events, from [storylines.KEY].
type Storyline struct {
	Key, Title, Description string
}

// Kind returns the kind with the given key, or nil.
func (c *Config) Kind(key string) *Kind {
	for i := range c.Kinds {
		if c.Kinds[i].Key == key {
			return &c.Kinds[i]
		}
	}
	return nil
}

// Storyline returns the storyline with the given key, or nil.
func (c *Config) Storyline(key string) *Storyline {
	for i := range c.Storylines {
		if c.Storylines[i].Key == key {
			return &c.Storylines[i]
		}
	}
	return nil
}

var (
	configKeys      = []string{"title", "description", "baseURL", "language", "languages", "translations", "timezone", "order", "output", "cname", "kinds", "storylines", "publishers", "extra"}
	extraConfigKeys = []string{"show"}
	kindKeys        = []string{"label", "color"}
	storylineKeys   = []string{"title", "description"}
	publisherKeys   = []string{"aliases"}
	colorRE         = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)
	langRE          = regexp.MustCompile(`^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$`)
	hostRE          = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$`)
)

// parseConfig reads config.toml; baseURL, when not empty, overrides the
// file's baseURL (the -baseurl flag).
func parseConfig(path, text, baseURL string, diags *Diagnostics) *Config {
	doc := frontmatter.Decode(text, 0, reporter(path, diags))
	if doc == nil {
		return nil
	}
	t := doc.Root()
	checkKeys(doc, "", t, configKeys, configSynonyms)
	c := &Config{
		Title:       doc.Str(t, "", "title"),
		Description: doc.Str(t, "", "description"),
		BaseURL:     doc.Str(t, "", "baseURL"),
		Language:    doc.Str(t, "", "language"),
		Timezone:    doc.Str(t, "", "timezone"),
		Output:      doc.Str(t, "", "output"),
		CNAME:       strings.TrimSpace(doc.Str(t, "", "cname")),
		Newest:      true,
	}
	if strings.TrimSpace(c.Title) == "" {
		doc.Errorf("title", `title is missing: add title = "..." with the chronology's name`)
	}
	if c.Language == "" {
		c.Language = "en"
	} else if !langRE.MatchString(c.Language) {
		doc.Errorf("language", "language %q is not a language tag: write one such as \"en\" or \"uk\"", c.Language)
	}
	switch o := doc.Str(t, "", "order"); o {
	case "", "newest":
	case "oldest":
		c.Newest = false
	default:
		doc.Errorf("order", "order %q is not known: write \"newest\" or \"oldest\"", o)
	}
	if c.Timezone == "" {
		c.Timezone = "UTC"
	}
	loc, err := time.LoadLocation(c.Timezone)
	if err != nil {
		doc.Errorf("timezone", "timezone %q is not a known time zone: write an IANA name such as \"Europe/Kyiv\" or \"UTC\"", c.Timezone)
		loc = time.UTC
	}
	c.Location = loc
	if baseURL != "" {
		c.BaseURL = baseURL
	}
	if c.BaseURL == "" {
		c.BaseURL = "/"
	}
	u, err := url.Parse(c.BaseURL)
	switch {
	case err != nil || (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || u.RawQuery != "" || u.Fragment != "":
		msg := fmt.Sprintf("baseURL %q is not a site address: write one such as \"https://owner.github.io/repo/\"", c.BaseURL)
		if baseURL != "" {
			*diags = append(*diags, Diagnostic{Path: "-baseurl", Msg: msg})
		} else {
			doc.Errorf("baseURL", "%s", msg)
		}
		u = &url.URL{Path: "/"}
	case u.Scheme == "" && u.Host != "":
		u.Scheme = "https"
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	if !strings.HasPrefix(u.Path, "/") {
		u.Path = "/" + u.Path
	}
	c.BasePath = u.EscapedPath()
	if u.Host != "" {
		c.BaseURL = u.Scheme + "://" + u.Host + c.BasePath
	} else {
		c.BaseURL = c.BasePath
	}
	if c.CNAME != "" && !hostRE.MatchString(c.CNAME) {
		doc.Errorf("cname", "cname %q is not a domain name: write one such as \"chronology.example.org\", without https://", c.CNAME)
	}

	if v, ok := t["extra"]; ok {
		if x, isTable := v.(map[string]any); !isTable {
			doc.Errorf("extra", `extra must be a table: write [extra] with show = ["importance"], the keys of the notes' [extra] that pages show`)
		} else {
			checkKeys(doc, "extra", x, extraConfigKeys, nil)
			for _, k := range doc.Strings(x, "extra", "show") {
				if slices.Contains(c.ExtraShow, k) {
					doc.Errorf("extra.show", "extra show names %q twice: list each key once", k)
					continue
				}
				c.ExtraShow = append(c.ExtraShow, k)
			}
		}
	}

	kinds, _ := t["kinds"].(map[string]any)
	if v, ok := t["kinds"]; ok && kinds == nil {
		doc.Errorf("kinds", "kinds must be tables such as [kinds.strike], not %s", frontmatter.TypeName(v))
	}
	for _, key := range sortedKeys(kinds) {
		k, ok := kinds[key].(map[string]any)
		prefix := "kinds." + key
		if !ok {
			doc.Errorf(prefix, "kinds.%s must be a table: write [kinds.%s] with label and color", key, key)
			continue
		}
		checkKeys(doc, prefix, k, kindKeys, kindKeySynonyms)
		kind := Kind{Key: key, Label: doc.Str(k, prefix, "label"), Color: doc.Str(k, prefix, "color")}
		if slug.Make(key) != key {
			doc.Errorf(prefix, "kind key %q must be lowercase letters, digits and hyphens, such as %q", key, slug.Make(key))
		}
		if kind.Label == "" {
			kind.Label = key
		}
		if kind.Color == "" {
			kind.Color = "#555555"
		} else if !colorRE.MatchString(kind.Color) {
			doc.Errorf(prefix+".color", "color %q is not a hex colour: write one such as \"#2f5fb3\"", kind.Color)
			kind.Color = "#555555"
		}
		c.Kinds = append(c.Kinds, kind)
	}
	if len(c.Kinds) == 0 {
		doc.Errorf("kinds", "no kinds are defined: add at least one table such as [kinds.event] with label = \"Events\"")
	}
	stories, _ := t["storylines"].(map[string]any)
	if v, ok := t["storylines"]; ok && stories == nil {
		doc.Errorf("storylines", "storylines must be tables such as [storylines.talks], not %s", frontmatter.TypeName(v))
	}
	for _, key := range sortedKeys(stories) {
		s, ok := stories[key].(map[string]any)
		prefix := "storylines." + key
		if !ok {
			doc.Errorf(prefix, "storylines.%s must be a table: write [storylines.%s] with title and description", key, key)
			continue
		}
		checkKeys(doc, prefix, s, storylineKeys, storylineKeySynonyms)
		st := Storyline{Key: key, Title: doc.Str(s, prefix, "title"), Description: doc.Str(s, prefix, "description")}
		if slug.Make(key) != key {
			doc.Errorf(prefix, "storyline key %q must be lowercase letters, digits and hyphens, such as %q", key, slug.Make(key))
		}
		if st.Title == "" {
			doc.Errorf(prefix, "storyline %q has no title: add title = \"...\"", key)
			st.Title = key
		}
		c.Storylines = append(c.Storylines, st)
	}
	c.parsePublishers(doc, t)
	c.parseLanguages(doc, t)
	return c
}

// parsePublishers reads [publishers."NAME"] tables: each publisher's name
// and its aliases, the other spellings of it that notes use. An alias must
// stand for one publisher and be no publisher's name, or a source that
// gives it would have two names.
func (c *Config) parsePublishers(doc *frontmatter.Doc, t map[string]any) {
	pubs, _ := t["publishers"].(map[string]any)
	if v, ok := t["publishers"]; ok && pubs == nil {
		doc.Errorf("publishers", `publishers must be tables such as [publishers."ABC News"], not %s`, frontmatter.TypeName(v))
	}
	names := sortedKeys(pubs)
	owner := map[string]string{} // each alias to the publisher that lists it first
	for _, name := range names {
		p, ok := pubs[name].(map[string]any)
		prefix := "publishers." + name
		if !ok {
			doc.Errorf(prefix, "publishers.%q must be a table: write [publishers.%q] with aliases = [...]", name, name)
			continue
		}
		checkKeys(doc, prefix, p, publisherKeys, publisherKeySynonyms)
		if strings.TrimSpace(name) != name || name == "" {
			// Notes' publishers are trimmed, so this name could never be
			// matched, and would show with its spaces.
			doc.Errorf(prefix, "publisher name %q is empty or has spaces at its ends: write it as sources give it, such as [publishers.%q]", name, strings.TrimSpace(name))
			continue
		}
		entry := PublisherEntry{Name: name}
		var aliases []string
		if arr, ok := p["aliases"].([]any); ok {
			for i, a := range arr {
				switch a := a.(type) {
				case string:
					if strings.TrimSpace(a) == "" {
						doc.Errorf(prefix+".aliases", "publisher %q: alias %d is empty: remove it, or write the spelling that sources give", name, i+1)
					} else {
						aliases = append(aliases, a)
					}
				default:
					doc.Errorf(prefix+".aliases", "publisher %q: alias %d must be a string in quotes, not %s", name, i+1, frontmatter.TypeName(a))
				}
			}
		} else {
			aliases = doc.Strings(p, prefix, "aliases") // reports what it is instead
		}
		for _, alias := range aliases {
			alias = strings.TrimSpace(alias)
			_, isName := pubs[alias]
			switch other, taken := owner[alias]; {
			case alias == name:
				doc.Errorf(prefix+".aliases", "publisher %q lists its own name as an alias: remove it", name)
			case isName:
				doc.Errorf(prefix+".aliases", "publisher %q lists %q as an alias, but %q has a table of its own, [publishers.%q]: remove the alias, or move that table's aliases here and remove the table", name, alias, alias, alias)
			case taken && other == name:
				// Listed twice by one publisher: harmless.
			case taken:
				doc.Errorf(prefix+".aliases", "alias %q is listed by publisher %q and by %q: a spelling can stand for one publisher only; remove it from one", alias, other, name)
			default:
				owner[alias] = name
				entry.Aliases = append(entry.Aliases, alias)
			}
		}
		c.Publishers = append(c.Publishers, entry)
	}
	if len(owner) > 0 {
		c.aliases = owner
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ReadConfig reads config.toml alone, for a caller that needs a setting
// before building (the output folder); nil if it is missing or invalid.
func ReadConfig(fsys fs.FS) *Config {
	raw, err := fs.ReadFile(fsys, "config.toml")
	if err != nil {
		return nil
	}
	var diags Diagnostics
	c := parseConfig("config.toml", string(raw), "", &diags)
	if diags.Errors() > 0 {
		return nil
	}
	return c
}

// URL is the site-rooted path of an output path: "events/x/" ->
// "/chronology/events/x/".
func (c *Config) URL(p string) string { return c.BasePath + p }

// AbsURL is the absolute URL of an output path, for feeds and canonical
// links; with a baseURL that has no host it is the rooted path.
func (c *Config) AbsURL(p string) string { return c.BaseURL + p }
