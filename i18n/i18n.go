// Package i18n holds the interface in every language Chronicle ships: a
// message catalogue per language (i18n/LANG.toml, embedded), plural forms
// by CLDR's rules (golang.org/x/text/feature/plural) and dates in the
// language's form (month names from CLDR, github.com/go-playground/locales).
//
// A catalogue is a TOML file a translator fills in without reading Go:
// en.toml is the reference, with every key and its English text. A key a
// language lacks is shown in English; Check lists what is missing.
package i18n

import (
	"embed"
	"fmt"
	"html/template"

	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

//go:embed *.toml
var files embed.FS

// Lang is one language's catalogue. It is read once and shared; its
// methods are safe for concurrent use.
type Lang struct {
	Code string // "uk": the catalogue's file name, and the edition's folder
	Name string // the language's own name: "Українська"
	Dir  string // "ltr" or "rtl"

	tag   language.Tag
	msgs  map[string]message
	en    *Lang // the fallback; nil for English itself
	forms []plural.Form
	cal   calendar
}

// message is one entry: a text, or for a count one text per plural form.
type message struct {
	text  string
	forms map[plural.Form]string
}

var categories = map[string]plural.Form{
	"zero": plural.Zero, "one": plural.One, "two": plural.Two,
	"few": plural.Few, "many": plural.Many, "other": plural.Other,
}

var (
	loadOnce sync.Once
	langs    map[string]*Lang
	loadErr  error
)

// load reads every embedded catalogue. A broken shipped catalogue is a bug
// of ours, which the tests catch; it is reported, never half-used.
func load() {
	langs = map[string]*Lang{}
	names, _ := files.ReadDir(".")
	for _, f := range names {
		code := strings.TrimSuffix(f.Name(), ".toml")
		data, _ := files.ReadFile(f.Name())
		l, err := parse(code, data)
		if err != nil {
			loadErr = err
			return
		}
		langs[code] = l
	}
	en := langs["en"]
	for code, l := range langs {
		if code != "en" {
			l.en = en
		}
	}
}

// parse reads one catalogue.
func parse(code string, data []byte) (*Lang, error) {
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, fmt.Errorf("i18n/%s.toml: %v", code, err)
	}
	tag, err := language.Parse(code)
	if err != nil {
		return nil, fmt.Errorf("i18n/%s.toml: %q is not a language code: name the file after one, such as de.toml", code, code)
	}
	l := &Lang{Code: code, tag: tag, msgs: map[string]message{}, forms: integerForms(tag)}
	if err := l.flatten("", raw); err != nil {
		return nil, fmt.Errorf("i18n/%s.toml: %v", code, err)
	}
	l.Name = l.msgs["language.name"].text
	l.Dir = l.msgs["language.dir"].text
	if l.Dir != "rtl" {
		l.Dir = "ltr"
	}
	if l.cal, err = newCalendar(l, raw); err != nil {
		return nil, fmt.Errorf("i18n/%s.toml: %v", code, err)
	}
	return l, nil
}

// flatten files the tables' strings under dotted keys; a table of plural
// categories alone is one message with a text per form.
func (l *Lang) flatten(prefix string, t map[string]any) error {
	if prefix != "" && isPlural(t) {
		m := message{forms: map[plural.Form]string{}}
		for k, v := range t {
			s, ok := v.(string)
			if !ok {
				return fmt.Errorf("%s.%s must be a text in quotes", prefix, k)
			}
			m.forms[categories[k]] = s
		}
		l.msgs[prefix] = m
		return nil
	}
	for k, v := range t {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		switch v := v.(type) {
		case string:
			l.msgs[key] = message{text: v}
		case map[string]any:
			if err := l.flatten(key, v); err != nil {
				return err
			}
		case []any:
			// Lists (the month names) are read by newCalendar.
		default:
			return fmt.Errorf("%s must be a text in quotes", key)
		}
	}
	return nil
}

func isPlural(t map[string]any) bool {
	for k := range t {
		if _, ok := categories[k]; !ok {
			return false
		}
	}
	return len(t) > 0
}

// integerForms are the plural forms a language's whole numbers take: a
// count needs a text for each. They come from CLDR's rules, by trying the
// numbers that show every form (the rules look at the last two digits).
func integerForms(tag language.Tag) []plural.Form {
	var forms []plural.Form
	for n := 0; n < 200; n++ {
		f := plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)
		if !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	slices.Sort(forms)
	return forms
}

func catalogues() (map[string]*Lang, error) {
	loadOnce.Do(load)
	return langs, loadErr
}

// Shipped lists the codes of the languages Chronicle has a catalogue for.
func Shipped() []string {
	all, _ := catalogues()
	codes := make([]string, 0, len(all))
	for c := range all {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// Get returns the catalogue for a language tag of config.toml: "uk", or
// "uk-UA", which takes the catalogue of its language. The error names the
// languages shipped and how to add one.
func Get(tag string) (*Lang, error) {
	all, err := catalogues()
	if err != nil {
		return nil, err
	}
	code := strings.ToLower(tag)
	if l, ok := all[code]; ok {
		return l, nil
	}
	if t, err := language.Parse(tag); err == nil {
		base, _ := t.Base()
		if l, ok := all[base.String()]; ok {
			return l, nil
		}
	}
	return nil, fmt.Errorf("language %q has no interface catalogue: Chronicle ships %s. To add a language, copy i18n/en.toml to i18n/%s.toml, translate it (docs/translate.md), and build Chronicle again", tag, strings.Join(Shipped(), ", "), code)
}

// English is the reference catalogue.
func English() *Lang {
	l, err := Get("en")
	if err != nil {
		panic(err) // the shipped catalogues are tested
	}
	return l
}

// Has reports whether the catalogue itself, not English, gives key.
func (l *Lang) Has(key string) bool {
	_, ok := l.msgs[key]
	return ok
}

// lookup finds key here, else in English.
func (l *Lang) lookup(key string) (message, *Lang, bool) {
	if m, ok := l.msgs[key]; ok {
		return m, l, true
	}
	if l.en != nil {
		if m, ok := l.en.msgs[key]; ok {
			return m, l.en, true
		}
	}
	return message{}, nil, false
}

// T is the text of key with its {names} filled from args, given in pairs:
// T("event.accessed", "date", "19 December 2025"). A key no catalogue has
// gives the key itself, so that a mistake shows on the page.
func (l *Lang) T(key string, args ...any) string {
	m, _, ok := l.lookup(key)
	if !ok {
		return key
	}
	return fill(m.text, args, nil)
}

// N is the text of key for a count n, in the plural form the language
// gives n; {count} is n, and args fill the other names.
func (l *Lang) N(key string, n int, args ...any) string {
	return fill(l.pattern(key, n), append([]any{"count", n}, args...), nil)
}

// pattern is the text of key for n: the language's form for n, else its
// "other", else English's.
func (l *Lang) pattern(key string, n int) string {
	m, from, ok := l.lookup(key)
	if !ok {
		return key
	}
	if m.forms == nil {
		return m.text
	}
	abs := n
	if abs < 0 {
		abs = -abs
	}
	f := plural.Cardinal.MatchPlural(from.tag, abs%10_000_000, 0, 0, 0, 0)
	if s, ok := m.forms[f]; ok {
		return s
	}
	if s, ok := m.forms[plural.Other]; ok {
		return s
	}
	if from != l.en && l.en != nil {
		return l.en.pattern(key, n)
	}
	return key
}

// HTML is T for a page: the text is escaped, and an argument of type
// template.HTML (a link) goes in as it is. n, when not nil, picks the
// plural form and fills {count}.
func (l *Lang) HTML(key string, n *int, args ...any) template.HTML {
	p := ""
	if n != nil {
		p = l.pattern(key, *n)
		args = append([]any{"count", *n}, args...)
	} else {
		m, _, ok := l.lookup(key)
		p = m.text
		if !ok {
			p = key
		}
	}
	return template.HTML(fill(p, args, template.HTMLEscapeString))
}

// fill puts args (name, value pairs) in place of {name}; esc, when not nil,
// escapes the text and the values that are not already HTML.
func fill(p string, args []any, esc func(string) string) string {
	if esc == nil {
		if strings.IndexByte(p, '{') < 0 {
			return p // most texts: nothing to fill, nothing to copy
		}
		esc = func(s string) string { return s }
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			b.WriteString(esc(p))
			return b.String()
		}
		j := strings.IndexByte(p[i:], '}')
		if j < 0 {
			b.WriteString(esc(p))
			return b.String()
		}
		b.WriteString(esc(p[:i]))
		name := p[i+1 : i+j]
		if v, ok := arg(args, name); ok {
			switch v := v.(type) {
			case template.HTML:
				b.WriteString(string(v))
			case int:
				b.WriteString(strconv.Itoa(v))
			default:
				b.WriteString(esc(fmt.Sprint(v)))
			}
		} else {
			b.WriteString(esc(p[i : i+j+1]))
		}
		p = p[i+j+1:]
	}
}

func arg(args []any, name string) (any, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1], true
		}
	}
	return nil, false
}

// Check compares a catalogue with English: the keys it lacks (shown in
// English), the keys English has not (typos, or keys Chronicle no longer
// uses), and the counts that lack a plural form the language needs (named
// "key.few"). Each list is sorted.
func (l *Lang) Check() (missing, extra []string) {
	en := English()
	for k, m := range en.msgs {
		mine, ok := l.msgs[k]
		switch {
		case !ok:
			missing = append(missing, k)
		case m.forms != nil:
			for _, f := range l.forms {
				if _, ok := mine.forms[f]; !ok {
					missing = append(missing, k+"."+formName(f))
				}
			}
		}
	}
	for k := range l.msgs {
		if _, ok := en.msgs[k]; !ok {
			extra = append(extra, k)
		}
	}
	slices.Sort(missing)
	slices.Sort(extra)
	return missing, extra
}

// Problems is Check as the sentences check prints: "i18n: uk lacks 3
// strings: a, b, c (shown in English)".
func (l *Lang) Problems() []string {
	missing, extra := l.Check()
	var out []string
	if len(missing) > 0 {
		out = append(out, fmt.Sprintf("i18n: %s lacks %d %s: %s (shown in English); add them to i18n/%s.toml", l.Code, len(missing), plainPlural(len(missing), "string", "strings"), strings.Join(missing, ", "), l.Code))
	}
	if len(extra) > 0 {
		out = append(out, fmt.Sprintf("i18n: %s has %d %s that English has not: %s; remove or rename them as in i18n/en.toml", l.Code, len(extra), plainPlural(len(extra), "key", "keys"), strings.Join(extra, ", ")))
	}
	return out
}

func plainPlural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

func formName(f plural.Form) string {
	for name, g := range categories {
		if g == f {
			return name
		}
	}
	return "other"
}
