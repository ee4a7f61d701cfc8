package importer

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/chronicle-tools/chronicle/date"
)

// note is one imported event, in Chronicle's terms, before it has its
// final id: every reader fills one, and one writer makes the file.
type note struct {
	from   string // where it came from, for messages: "tl.json: events[3]"
	wantID string // the id it asks for: the source's own, or date and slug
	// ident names the event in its source (a TimelineJS unique_id), so that
	// a note already written for it is known again: "" when it has none.
	ident string

	title                   string
	date, end               date.Date
	kind, status, claimedBy string
	summary, contentWarning string
	places, actors, tags    []string
	storylines, related     []string
	sources                 []source
	updates                 []update
	extra                   []field
	body                    string
	draft                   bool
	guesses                 []guess // what was guessed or left out: makes it a draft
}

type source struct {
	id, title, publisher, url               string
	pages, reference, archived, quote, lang string
	published, accessed                     date.Date
	publishedEstimated                      bool
	extra                                   []field
}

type update struct {
	date date.Date
	note string
}

// field is one key of an extra table, its value already written as TOML.
type field struct{ key, toml string }

// guess is one thing an import guessed or left out, by field and kind of
// problem: the summary counts them by kind.
type guess struct {
	field, kind, detail string
}

func (n *note) guessf(field, kind, format string, args ...any) {
	n.guesses = append(n.guesses, guess{field, kind, fmt.Sprintf(format, args...)})
}

// text writes the note: front matter in the order of docs/format.md, then
// the body.
func (n *note) text() []byte {
	var b strings.Builder
	b.WriteString("+++\n")
	kv := func(k, v string) { b.WriteString(k + " = " + v + "\n") }
	kv("title", tomlString(n.title))
	kv("date", tomlDate(n.date))
	if !n.end.IsZero() {
		kv("end", tomlDate(n.end))
	}
	kv("kind", tomlString(n.kind))
	if n.status != "" {
		kv("status", tomlString(n.status))
	}
	if n.claimedBy != "" {
		kv("claimed_by", tomlString(n.claimedBy))
	}
	for _, l := range []struct {
		k string
		v []string
	}{{"places", n.places}, {"actors", n.actors}, {"tags", n.tags}, {"storylines", n.storylines}, {"related", n.related}} {
		if len(l.v) > 0 {
			kv(l.k, tomlArray(l.v))
		}
	}
	if n.summary != "" {
		kv("summary", tomlString(n.summary))
	}
	if n.contentWarning != "" {
		kv("content_warning", tomlString(n.contentWarning))
	}
	if n.draft {
		b.WriteString("draft = true  # imported with guesses: see chronicle import's summary\n")
	}
	if len(n.extra) > 0 {
		b.WriteString("\n[extra]\n")
		writeFields(&b, n.extra)
	}
	for _, s := range n.sources {
		b.WriteString("\n[[sources]]\n")
		kv("id", tomlString(s.id))
		kv("title", tomlString(s.title))
		kv("publisher", tomlString(s.publisher))
		for _, f := range []struct{ k, v string }{{"url", s.url}, {"pages", s.pages}, {"reference", s.reference}} {
			if f.v != "" {
				kv(f.k, tomlString(f.v))
			}
		}
		if !s.published.IsZero() {
			kv("published", tomlDate(s.published))
		}
		if s.publishedEstimated {
			kv("published_estimated", "true")
		}
		if !s.accessed.IsZero() {
			kv("accessed", tomlDate(s.accessed))
		}
		for _, f := range []struct{ k, v string }{{"archived", s.archived}, {"quote", s.quote}, {"lang", s.lang}} {
			if f.v != "" {
				kv(f.k, tomlString(f.v))
			}
		}
		if len(s.extra) > 0 {
			b.WriteString("\n[sources.extra]\n")
			writeFields(&b, s.extra)
		}
	}
	for _, u := range n.updates {
		b.WriteString("\n[[updates]]\n")
		kv("date", tomlDate(u.date))
		kv("note", tomlString(u.note))
	}
	b.WriteString("+++\n")
	if body := strings.TrimSpace(n.body); body != "" {
		b.WriteString("\n" + body + "\n")
	}
	return []byte(b.String())
}

func writeFields(b *strings.Builder, fields []field) {
	for _, f := range fields {
		b.WriteString(tomlKey(f.key) + " = " + f.toml + "\n")
	}
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func tomlKey(k string) string {
	if bareKey.MatchString(k) {
		return k
	}
	return tomlString(k)
}

// tomlDate writes a date as front matter takes it: a day or a time
// unquoted, other forms as a string (docs/format.md, "Dates").
func tomlDate(d date.Date) string { return d.TOML() }

func tomlArray(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = tomlString(s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// tomlString quotes s as a TOML basic string on one line.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
