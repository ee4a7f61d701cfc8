package site

import (
	"cmp"
	"slices"
	"strings"

	"github.com/chronicle-tools/chronicle/frontmatter"
	"github.com/chronicle-tools/chronicle/i18n"
)

// Edition is one of the other languages a site is published in, from
// config.toml's languages and [translations.LANG]: the interface's
// catalogue and the names of the site and its terms in that language.
// A name not given is shown as the main language has it; a term keeps
// its slug, the main language's, in every edition.
type Edition struct {
	Lang        string     // as config.toml's languages gives it: "uk"
	UI          *i18n.Lang // the interface's strings and dates
	Title       string     // the site's title; the main one when not given
	Description string
	kinds       map[string]string            // kind key -> label
	storylines  map[string]Storyline         // storyline key -> title and description
	names       map[string]map[string]string // taxonomy key -> name -> translated name
}

// translatedTaxonomies are the taxonomies whose names [translations.LANG]
// gives, besides kinds and storylines, whose keys it translates.
var translatedTaxonomies = []string{"places", "actors", "tags"}

var translationKeys = []string{"title", "description", "kinds", "storylines", "places", "actors", "tags"}

// Edition returns the edition in lang, or nil when the site has none.
func (c *Config) Edition(lang string) *Edition {
	for _, ed := range c.Editions {
		if ed.Lang == lang {
			return ed
		}
	}
	return nil
}

// KindLabel is a kind's label in the edition.
func (ed *Edition) KindLabel(k *Kind) string {
	if l, ok := ed.kinds[k.Key]; ok {
		return l
	}
	return k.Label
}

// Storyline is a storyline's title and description in the edition; what
// is not translated is the main language's.
func (ed *Edition) Storyline(st *Storyline) Storyline {
	out := *st
	if tr, ok := ed.storylines[st.Key]; ok {
		if tr.Title != "" {
			out.Title = tr.Title
		}
		if tr.Description != "" {
			out.Description = tr.Description
		}
	}
	return out
}

// TermName is a place's, actor's or tag's name in the edition: taxonomy
// is "places", "actors" or "tags", name as the notes write it.
func (ed *Edition) TermName(taxonomy, name string) string {
	if n, ok := ed.names[taxonomy][name]; ok {
		return n
	}
	return name
}

// Term is a term's name and description in the edition, whatever its
// taxonomy: what an edition's lists and term pages show.
func (ed *Edition) Term(t *Term) (name, description string) {
	switch t.Tax.Key {
	case "kinds":
		if l, ok := ed.kinds[t.Slug]; ok {
			return l, t.Description
		}
	case "storylines":
		if st, ok := ed.storylines[t.Slug]; ok {
			return cmp.Or(st.Title, t.Name), cmp.Or(st.Description, t.Description)
		}
	default:
		return ed.TermName(t.Tax.Key, t.Name), t.Description
	}
	return t.Name, t.Description
}

// parseLanguages reads language's catalogue, languages and
// [translations.LANG].
func (c *Config) parseLanguages(doc *frontmatter.Doc, t map[string]any) {
	if ui, err := i18n.Get(c.Language); err != nil {
		if langRE.MatchString(c.Language) {
			doc.Errorf("language", "%s", err.Error())
		}
		c.UI = i18n.English()
	} else {
		c.UI = ui
	}
	for _, p := range c.UI.Problems() {
		doc.Warnf("language", "%s", p)
	}
	// Each event's view takes its status's words from here: looked up
	// once, not once an event.
	c.statusText = map[string][2]string{}
	for _, st := range statuses {
		c.statusText[st] = [2]string{c.UI.T("status." + st), c.UI.T("status." + st + "_meaning")}
	}
	for _, lang := range doc.Strings(t, "", "languages") {
		switch {
		case !langRE.MatchString(lang):
			doc.Errorf("languages", "languages: %q is not a language tag: write one such as \"uk\"", lang)
			continue
		case strings.EqualFold(lang, c.Language):
			doc.Errorf("languages", "languages lists %q, the site's own language: list only the other editions' languages", lang)
			continue
		case slices.Contains(c.Languages, lang):
			doc.Errorf("languages", "languages lists %q twice: list each once", lang)
			continue
		}
		ui, err := i18n.Get(lang)
		if err != nil {
			doc.Errorf("languages", "%s", err.Error())
			continue
		}
		for _, p := range ui.Problems() {
			doc.Warnf("languages", "%s", p)
		}
		c.Languages = append(c.Languages, lang)
		c.Editions = append(c.Editions, &Edition{Lang: lang, UI: ui, Title: c.Title, Description: c.Description})
	}
	trs, _ := t["translations"].(map[string]any)
	if v, ok := t["translations"]; ok && trs == nil {
		doc.Errorf("translations", "translations must be tables such as [translations.uk], not %s", frontmatter.TypeName(v))
	}
	for _, lang := range sortedKeys(trs) {
		prefix := "translations." + lang
		tr, ok := trs[lang].(map[string]any)
		ed := c.Edition(lang)
		switch {
		case !ok:
			doc.Errorf(prefix, "%s must be a table: write [%s] with title, and tables of kinds, storylines, places, actors and tags", prefix, prefix)
			continue
		case ed == nil:
			doc.Errorf(prefix, "[%s] is for a language the site does not list: add %q to languages, or remove the table (languages = %s)", prefix, lang, quoteList(c.Languages))
			continue
		}
		checkKeys(doc, prefix, tr, translationKeys, nil)
		if s := strings.TrimSpace(doc.Str(tr, prefix, "title")); s != "" {
			ed.Title = s
		}
		if s := strings.TrimSpace(doc.Str(tr, prefix, "description")); s != "" {
			ed.Description = s
		}
		ed.kinds = c.translatedNames(doc, tr, prefix, "kinds", func(key string) bool { return c.Kind(key) != nil })
		ed.storylines = c.translatedStorylines(doc, tr, prefix)
		ed.names = map[string]map[string]string{}
		for _, tax := range translatedTaxonomies {
			ed.names[tax] = c.translatedNames(doc, tr, prefix, tax, nil)
		}
	}
}

// translatedNames reads [translations.LANG.KEY], a table of names: a
// kind's key or a term's name to its name in the language. known, when
// not nil, says whether a key is defined.
func (c *Config) translatedNames(doc *frontmatter.Doc, tr map[string]any, prefix, key string, known func(string) bool) map[string]string {
	v, ok := tr[key]
	if !ok {
		return nil
	}
	prefix += "." + key
	table, isTable := v.(map[string]any)
	if !isTable {
		doc.Errorf(prefix, "%s must be a table of names: write [%s] with lines such as \"Odesa region\" = \"Одеська область\"", prefix, prefix)
		return nil
	}
	names := map[string]string{}
	for _, name := range sortedKeys(table) {
		s, isStr := table[name].(string)
		switch {
		case !isStr || strings.TrimSpace(s) == "":
			doc.Errorf(prefix+"."+name, "%s.%q must be the name in quotes", prefix, name)
		case known != nil && !known(name):
			doc.Errorf(prefix+"."+name, "%s names %q, which [%s] of config.toml does not define: use one of its keys", prefix, name, key)
		default:
			names[name] = strings.TrimSpace(s)
		}
	}
	return names
}

// translatedStorylines reads [translations.LANG.storylines.KEY] tables,
// each with title and description.
func (c *Config) translatedStorylines(doc *frontmatter.Doc, tr map[string]any, prefix string) map[string]Storyline {
	v, ok := tr["storylines"]
	if !ok {
		return nil
	}
	prefix += ".storylines"
	table, isTable := v.(map[string]any)
	if !isTable {
		doc.Errorf(prefix, "%s must hold tables such as [%s.talks] with title and description", prefix, prefix)
		return nil
	}
	out := map[string]Storyline{}
	for _, key := range sortedKeys(table) {
		p := prefix + "." + key
		st, ok := table[key].(map[string]any)
		switch {
		case !ok:
			doc.Errorf(p, "%s must be a table: write [%s] with title and description", p, p)
			continue
		case c.Storyline(key) == nil:
			doc.Errorf(p, "[%s] is for storyline %q, which config.toml does not define: use one of its keys", p, key)
			continue
		}
		checkKeys(doc, p, st, storylineKeys, storylineKeySynonyms)
		out[key] = Storyline{Key: key, Title: strings.TrimSpace(doc.Str(st, p, "title")), Description: strings.TrimSpace(doc.Str(st, p, "description"))}
	}
	return out
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = `"` + s + `"`
	}
	return "[" + strings.Join(q, ", ") + "]"
}
