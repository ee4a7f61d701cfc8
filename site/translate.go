package site

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/chronicle-tools/chronicle/frontmatter"
	"github.com/chronicle-tools/chronicle/i18n"
)

// CodeDrift marks a translation that differs from its original in what a
// translation must keep: sources, citations, dates, status, names, figures.
const CodeDrift = "translation-drift"

// Translation returns the event's text in lang, or nil when it is not yet
// translated: an edition then lists the original, marked as such.
func (e *Event) Translation(lang string) *Event {
	for _, t := range e.Translations {
		if t.Lang == lang {
			return t
		}
	}
	return nil
}

// Translation returns the page in lang, or nil when it is not translated.
func (p *Page) Translation(lang string) *Page {
	for _, t := range p.Translations {
		if t.Lang == lang {
			return t
		}
	}
	return nil
}

// parseTranslation is parseNote for a note in lang ("" for the site's own
// language): the language is the file name's, so it is known before the
// note is read, and a cache keeps it with the note.
func parseTranslation(path, id, lang string, data []byte) (*Event, Diagnostics) {
	e, diags := parseNote(path, id, data)
	if e != nil {
		e.Lang = lang
	}
	return e, diags
}

// LangURL is URL for the edition in lang: an output path under the
// edition's folder, "/chronology/uk/events/x/", or URL's own for the
// site's main language ("" or Language).
func (c *Config) LangURL(lang, p string) string {
	if lang == "" || lang == c.Language {
		return c.URL(p)
	}
	return c.URL(lang + "/" + p)
}

// splitLang cuts a translation's language off a file's name without .md:
// "x.uk" is x in Ukrainian when uk is one of langs.
func splitLang(name string, langs []string) (base, lang string) {
	i := strings.LastIndexByte(name, '.')
	if i <= 0 {
		return name, ""
	}
	if slices.Contains(langs, name[i+1:]) {
		return name[:i], name[i+1:]
	}
	return name, ""
}

// unlisted finds the notes and pages that read as translations in a
// language config.toml does not list: "x.uk.md" beside "x.md". Without
// an original beside it, such a name is an ordinary note's, as before
// editions existed.
func unlisted(files []inputFile, cfg *Config) (keep []inputFile, diags Diagnostics) {
	maybe := append(i18n.Shipped(), cfg.Language)
	// Nearly every site has no such name: then nothing more is done.
	if !slices.ContainsFunc(files, func(f inputFile) bool {
		_, lang := splitLang(f.name, maybe)
		return f.lang == "" && lang != ""
	}) {
		return files, nil
	}
	type name struct {
		page bool
		name string
	}
	names := map[name]bool{}
	for _, f := range files {
		names[name{f.page, f.name}] = true
	}
	for _, f := range files {
		if f.lang == "" {
			if base, lang := splitLang(f.name, maybe); lang != "" && names[name{f.page, base}] {
				what := "note"
				if f.page {
					what = "page"
				}
				msg := fmt.Sprintf("this reads as a translation of the %s %q into %q, but config.toml's languages does not list %q: add it, as languages = %s", what, base, lang, lang, quoteList(append(slices.Clone(cfg.Languages), lang)))
				if lang == cfg.Language {
					msg = fmt.Sprintf("this reads as a translation of the %s %q into %q, the site's own language, whose text is the %s itself: merge the two files, or rename this one", what, base, lang, what)
				}
				diags = append(diags, Diagnostic{Path: f.path, Msg: msg})
				continue
			}
		}
		keep = append(keep, f)
	}
	return keep, diags
}

// attachTranslations files each translation under its original, and
// compares the two.
func (s *Site) attachTranslations(trs []*Event, all map[string]*Event, figs map[string][]figure, problem func(*Event, Diagnostic)) {
	seen := map[string]*Event{}
	for _, t := range trs {
		o := all[t.ID]
		key := t.ID + "." + t.Lang
		switch {
		case o == nil:
			problem(t, Diagnostic{Path: t.Path, Msg: fmt.Sprintf("this is a translation into %q, but no note has the id %q: name it after its original, such as %s.%s.md beside %s.md, or write the original first", t.Lang, t.ID, t.ID, t.Lang, t.ID)})
		case seen[key] != nil:
			problem(t, Diagnostic{Path: t.Path, Msg: fmt.Sprintf("%s is also a translation of %q into %q: keep one of them", seen[key].Path, t.ID, t.Lang)})
		case s.byID[t.ID] == nil:
			// The original is a draft left out of this build: so is its
			// translation.
		default:
			seen[key] = t
			t.Original = o
			o.Translations = append(o.Translations, t)
			for _, d := range drift(o, t, figs[o.Path], figs[t.Path]) {
				problem(t, d)
			}
		}
	}
	for _, e := range s.Events {
		// In the order of config.toml's languages, so that every page
		// lists them alike.
		slices.SortFunc(e.Translations, func(a, b *Event) int {
			return slices.Index(s.Config.Languages, a.Lang) - slices.Index(s.Config.Languages, b.Lang)
		})
	}
}

// attachPageTranslations files each page translation under its original.
func (s *Site) attachPageTranslations(trs []*Page, diags *Diagnostics) {
	seen := map[string]bool{}
	for _, t := range trs {
		var o *Page
		for _, p := range s.Pages {
			if p.Slug == t.Slug {
				o = p
			}
		}
		key := t.Slug + "." + t.Lang
		switch {
		case o == nil:
			*diags = append(*diags, Diagnostic{Path: t.Path, Msg: fmt.Sprintf("this is a translation into %q, but there is no page content/pages/%s.md: name it after its original, or write the original first", t.Lang, t.Slug)})
		case seen[key]:
			*diags = append(*diags, Diagnostic{Path: t.Path, Msg: fmt.Sprintf("the page %q has two translations into %q: keep one", t.Slug, t.Lang)})
		default:
			seen[key] = true
			t.Original = o
			o.Translations = append(o.Translations, t)
		}
	}
}

// figure is a number as a note writes it, with its file line.
type figure struct {
	n    string
	line int
}

var (
	figureRE = regexp.MustCompile(`[0-9]+`)
	// Citations, link addresses and bare URLs hold digits that are not
	// figures of the text, and that a translation keeps as they are.
	notFigureRE = regexp.MustCompile(`\[@[^\]]*\]|\]\([^)]*\)|<?https?://[^\s)>]*`)
)

// figuresOf lists the figures of a note's title, summary (when written)
// and body: every run of the ASCII digits 0-9, so that "1,200", "1 200"
// and "1.200" are the same figures, 1 and 200, in every language.
func figuresOf(e *Event, data []byte) []figure {
	_, body, bodyLine, problem := frontmatter.Split(data)
	if problem != nil {
		return nil
	}
	var out []figure
	add := func(text string, line int) {
		for _, n := range figureRE.FindAllString(notFigureRE.ReplaceAllString(text, " "), -1) {
			// "07" in a time is the 7 of another.
			if n = strings.TrimLeft(n, "0"); n == "" {
				n = "0"
			}
			out = append(out, figure{n, line})
		}
	}
	add(e.Title, e.line("title"))
	if _, ok := frontmatter.KeyLines(e.frontMatter)["summary"]; ok {
		add(e.Summary, e.line("summary"))
	}
	for i, l := range strings.Split(string(body), "\n") {
		add(l, bodyLine+i)
	}
	return out
}

// markFigures marks the notes whose figures are compared: translations
// and the notes they translate.
func markFigures(files []inputFile) {
	translated := map[string]bool{}
	for _, f := range files {
		if f.lang != "" && !f.page {
			translated[f.name] = true
		}
	}
	for i, f := range files {
		files[i].figures = !f.page && translated[f.name]
	}
}
