// Package importer brings events from other tools into a chronology: the
// files behind "chronicle import". It reads TimelineJS JSON, the TimelineJS
// Google Sheets template saved as CSV, and Chronicle's own events.json and
// events.csv, and writes one note per event into content/, never over a
// note that is there. docs/import.md describes each format's mapping.
package importer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// The formats, as -from names them.
const (
	TimelineJS    = "timelinejs"
	TimelineJSCSV = "timelinejs-csv"
	ChronicleJSON = "chronicle-json"
	ChronicleCSV  = "chronicle-csv"
)

// Formats lists the formats for messages and -h.
var Formats = []string{TimelineJS, TimelineJSCSV, ChronicleJSON, ChronicleCSV}

// Options are the choices of one import.
type Options struct {
	From string // one of Formats; "" to tell each file's format from its content
	// Kind is the kind of events whose format has none (TimelineJS); ""
	// takes the first kind of config.toml, as a guess.
	Kind string
	// GroupAsKind makes a TimelineJS group the event's kind rather than a
	// storyline.
	GroupAsKind bool
}

// Errors are the problems of input files that could not be read: every
// one, each naming its file and place. Nothing is written when there are.
type Errors []string

func (e Errors) Error() string { return strings.Join(e, "\n") }

// reading holds what the readers found, across all the files of one
// import.
type reading struct {
	errs    []string
	notes   []*note
	skipped tallies // events or parts of a file left out, by kind
	config  tallies // what was guessed in config.toml's new tables

	kinds, storylines ordered // keys found, with their labels, to add to config.toml
	kind              string
	kindGiven         bool
	groupAsKind       bool
	lang              string
	loc               *time.Location
	siteTZ            string  // config.toml's timezone
	notices           tallies // what the user should know of the whole import
}

func (r *reading) errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *reading) left(field, kind, where string) { r.skipped.add(kind+" ("+field+")", where) }

// ordered is a set of keys with a label each, in the order first found.
type ordered struct {
	keys   []string
	labels map[string]string
}

func (o *ordered) add(key, label string) {
	if o.labels == nil {
		o.labels = map[string]string{}
	}
	if _, ok := o.labels[key]; !ok {
		o.keys = append(o.keys, key)
		o.labels[key] = label
	}
}

// Run imports files into the chronology in dir and reports what it did.
// When any file cannot be read, it returns Errors and writes nothing.
func Run(dir string, files []string, opts Options) (*Report, error) {
	if opts.From != "" && !isFormat(opts.From) {
		return nil, fmt.Errorf("-from %q: use one of %s", opts.From, strings.Join(Formats, ", "))
	}
	cfg, err := readConfig(dir)
	if err != nil {
		return nil, err
	}
	r := &reading{kind: opts.Kind, kindGiven: opts.Kind != "", groupAsKind: opts.GroupAsKind, lang: cfg.language, loc: cfg.loc, siteTZ: cfg.timezone}
	if r.kind == "" {
		r.kind = cfg.kinds[0]
	}
	for _, name := range files {
		data, err := os.ReadFile(name)
		if err != nil {
			r.errorf("%v: give a file that can be read", err)
			continue
		}
		format := opts.From
		if format == "" {
			if format = detect(data); format == "" {
				r.errorf("%s: not a format chronicle import knows (%s): give it with -from", name, strings.Join(Formats, ", "))
				continue
			}
		}
		read := map[string]func(string, []byte, *reading){
			TimelineJS: readTimelineJSON, TimelineJSCSV: readTimelineCSV,
			ChronicleJSON: readChronicleJSON, ChronicleCSV: readChronicleCSV,
		}[format]
		read(filepath.ToSlash(name), data, r)
	}
	if len(r.errs) > 0 {
		return nil, Errors(r.errs)
	}
	p, err := newPlan(dir, cfg, r)
	if err != nil {
		return nil, err
	}
	return p.write()
}

func isFormat(s string) bool {
	for _, f := range Formats {
		if f == s {
			return true
		}
	}
	return false
}

// detect tells a file's format from its first bytes and its keys or
// header row.
func detect(data []byte) string {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	trimmed := bytes.TrimSpace(data)
	if bytes.HasPrefix(trimmed, []byte("{")) {
		var probe map[string]json.RawMessage
		if json.Unmarshal(trimmed, &probe) != nil {
			// Broken JSON: say which JSON it looks like, so that the
			// reader's error shows where it is broken.
			if bytes.Contains(trimmed, []byte(`"body_html"`)) || bytes.Contains(trimmed, []byte(`"precision"`)) {
				return ChronicleJSON
			}
			return TimelineJS
		}
		if _, ok := probe["version"]; ok {
			if _, ok := probe["timezone"]; ok {
				return ChronicleJSON
			}
		}
		if _, ok := probe["events"]; ok {
			return TimelineJS
		}
		return ""
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	head := strings.Split(strings.TrimSpace(string(line)), ",")
	has := func(cols ...string) bool {
		for _, c := range cols {
			found := false
			for _, h := range head {
				found = found || strings.Trim(strings.TrimSpace(h), `"`) == c
			}
			if !found {
				return false
			}
		}
		return true
	}
	switch {
	case has("id", "date", "date_precision"):
		return ChronicleCSV
	case has(sheetColumns[0], "Headline"):
		return TimelineJSCSV
	}
	return ""
}

// config is what an import needs from config.toml.
type config struct {
	text              []byte
	language          string
	timezone          string
	loc               *time.Location
	kinds, storylines []string
}

func readConfig(dir string) (*config, error) {
	text, err := os.ReadFile(filepath.Join(dir, "config.toml"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("no config.toml in %s: import into a chronology (chronicle init makes one), or give its folder with -C", dir)
	} else if err != nil {
		return nil, err
	}
	var raw struct {
		Language, Timezone string
	}
	md, err := toml.Decode(string(text), &raw)
	if err != nil {
		return nil, fmt.Errorf("config.toml: %v (chronicle check says more)", err)
	}
	c := &config{text: text, language: raw.Language, timezone: raw.Timezone, loc: time.UTC}
	if raw.Timezone != "" {
		if c.loc, err = time.LoadLocation(raw.Timezone); err != nil {
			return nil, fmt.Errorf("config.toml: timezone %q is not a known time zone", raw.Timezone)
		}
	}
	for _, k := range md.Keys() {
		switch {
		case len(k) != 2:
		case k[0] == "kinds":
			c.kinds = append(c.kinds, k[1])
		case k[0] == "storylines":
			c.storylines = append(c.storylines, k[1])
		}
	}
	if len(c.kinds) == 0 {
		return nil, errors.New("config.toml defines no kinds: add one such as [kinds.event] with label = \"Events\"")
	}
	return c, nil
}

// jsonErr says where in data a decoding error is: its line and column,
// and for a wrong type, its JSON path.
func jsonErr(data []byte, err error) string {
	var off int64
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	msg := err.Error()
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
		msg = fmt.Sprintf("%s is a JSON %s, but must be a %s", firstOf(te.Field, "the file"), te.Value, te.Type)
	default:
		return msg
	}
	line := 1 + bytes.Count(data[:min(int(off), len(data))], []byte("\n"))
	return fmt.Sprintf("line %d: %s", line, msg)
}
