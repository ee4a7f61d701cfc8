package importer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/markdown"
)

// Chronicle's own events.json, as site/data.go writes it
// (docs/events-json.md).
type cjSite struct {
	Version  int       `json:"version"`
	Timezone string    `json:"timezone"`
	Events   []cjEvent `json:"events"`
}

type cjDate struct {
	Value     string `json:"value"`
	Precision string `json:"precision"`
	Circa     bool   `json:"circa"` // approximate ("c. 1850"), absent when exact
}

type cjEvent struct {
	ID             string     `json:"id"`
	Title          string     `json:"title"`
	Date           cjDate     `json:"date"`
	End            *cjDate    `json:"end"`
	Kind           string     `json:"kind"`
	Status         string     `json:"status"`
	ClaimedBy      string     `json:"claimed_by"`
	Summary        string     `json:"summary"`
	ContentWarning string     `json:"content_warning"`
	Places         []string   `json:"places"`
	Actors         []string   `json:"actors"`
	Tags           []string   `json:"tags"`
	Storylines     []string   `json:"storylines"`
	Related        []string   `json:"related"`
	Sources        []cjSource `json:"sources"`
	Updates        []struct {
		Date cjDate
		Note string
	} `json:"updates"`
	Extra    map[string]json.RawMessage `json:"extra"`
	BodyHTML string                     `json:"body_html"`
}

type cjSource struct {
	Number             int                        `json:"number"`
	ID                 string                     `json:"id"`
	Title              string                     `json:"title"`
	Publisher          string                     `json:"publisher"`
	URL                string                     `json:"url"`
	Pages              string                     `json:"pages"`
	Reference          string                     `json:"reference"`
	Published          *cjDate                    `json:"published"`
	PublishedEstimated bool                       `json:"published_estimated"`
	Accessed           *cjDate                    `json:"accessed"`
	Archived           string                     `json:"archived"`
	Quote              string                     `json:"quote"`
	Lang               string                     `json:"lang"`
	Extra              map[string]json.RawMessage `json:"extra"`
}

// readChronicleJSON reads an events.json. The file holds what a note
// holds, with the body rendered: the body is read back from its HTML and
// rendered again to check that it comes out the same.
func readChronicleJSON(name string, data []byte, r *reading) {
	var s cjSite
	if err := json.Unmarshal(data, &s); err != nil {
		r.errorf("%s: %s: give a Chronicle events.json as chronicle build writes it (docs/events-json.md)", name, jsonErr(data, err))
		return
	}
	if s.Version != 1 {
		r.errorf("%s: version %d: this chronicle reads events.json version 1; import it with the chronicle that wrote it", name, s.Version)
		return
	}
	for i, e := range s.Events {
		// Messages name the JSON path, then the event's id to find it by.
		at := fmt.Sprintf("%s: events[%d]", name, i)
		fix := fmt.Sprintf(" (event %s): correct it in the file, or export it again", e.ID)
		n := &note{from: at + " (" + e.ID + ")", wantID: e.ID, ident: "chronicle:" + e.ID,
			title: e.Title, kind: e.Kind, status: e.Status, claimedBy: e.ClaimedBy, contentWarning: e.ContentWarning,
			places: e.Places, actors: e.Actors, tags: e.Tags, storylines: e.Storylines, related: e.Related}
		var err error
		if n.date, err = cjParseDate(e.Date); err != nil {
			r.errorf("%s.date: %v%s", at, err, fix)
			continue
		}
		if e.End != nil {
			if n.end, err = cjParseDate(*e.End); err != nil {
				r.errorf("%s.end: %v%s", at, err, fix)
				continue
			}
		}
		for _, u := range e.Updates {
			d, err := cjParseDate(u.Date)
			if err != nil {
				r.errorf("%s.updates: %v%s", at, err, fix)
				continue
			}
			n.updates = append(n.updates, update{d, u.Note})
		}
		n.extra = r.extraFields(at+".extra", e.Extra)
		cites := map[string]string{}
		var ids []string
		for j, src := range e.Sources {
			s := source{id: src.ID, title: src.Title, publisher: src.Publisher, url: src.URL, pages: src.Pages,
				reference: src.Reference, archived: src.Archived, quote: src.Quote, lang: src.Lang,
				publishedEstimated: src.PublishedEstimated}
			for _, d := range []struct {
				in  *cjDate
				out *date.Date
			}{{src.Published, &s.published}, {src.Accessed, &s.accessed}} {
				if d.in != nil {
					if *d.out, err = cjParseDate(*d.in); err != nil {
						r.errorf("%s.sources[%d]: %v%s", at, j, err, fix)
					}
				}
			}
			s.extra = r.extraFields(fmt.Sprintf("%s.sources[%d].extra", at, j), src.Extra)
			cites[strconv.Itoa(src.Number)] = src.ID
			ids = append(ids, src.ID)
			n.sources = append(n.sources, s)
		}
		conv := &mdConv{cite: cites, typo: true}
		n.body = conv.convert(e.BodyHTML)
		doc := markdown.Render([]byte(n.body), ids)
		if doc.HTML != e.BodyHTML {
			n.guessf("body", "body not reproduced exactly", "its Markdown renders differently from body_html")
		}
		for _, tag := range sortedKeys(conv.dropped) {
			n.guessf("body", "HTML kept as text: "+tag, "")
		}
		if doc.Summary != e.Summary {
			n.summary = e.Summary
		}
		r.notes = append(r.notes, n)
		if n.date.Prec == date.Offset && s.Timezone != r.siteTZ {
			r.notices.add(fmt.Sprintf("times keep their instant, shown on this site's clock (%s) rather than events.json's (%s)", firstOf(r.siteTZ, "UTC"), s.Timezone), n.from)
		}
	}
}

// cjParseDate reads a date of events.json: its value to its precision
// (ISO 8601, with expanded years before 1 CE: "-0499" is 500 BCE), and
// its circa flag.
func cjParseDate(d cjDate) (date.Date, error) {
	dd, err := date.ParseISO(d.Value, d.Precision)
	if err == nil && d.Circa && dd.Prec <= date.Day {
		dd.Approx = true
	}
	return dd, err
}

// extraFields writes an extra object of events.json back as TOML values,
// its keys sorted as events.json has them.
func (r *reading) extraFields(at string, m map[string]json.RawMessage) []field {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []field
	for _, k := range keys {
		v, err := extraTOML(m[k])
		if err != nil {
			r.errorf("%s.%s: %v", at, k, err)
			continue
		}
		out = append(out, field{k, v})
	}
	return out
}

func extraTOML(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0:
		return "", fmt.Errorf("no value")
	case raw[0] == '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return tomlString(s), err
	case raw[0] == '[':
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return "", err
		}
		q := make([]string, len(items))
		for i, it := range items {
			v, err := extraTOML(it)
			if err != nil {
				return "", err
			}
			q[i] = v
		}
		return "[" + strings.Join(q, ", ") + "]", nil
	case raw[0] == '{':
		var d cjDate
		if err := json.Unmarshal(raw, &d); err != nil || d.Value == "" {
			return "", fmt.Errorf("an object that is not a date {\"value\", \"precision\"}")
		}
		dd, err := cjParseDate(d)
		if err != nil {
			return "", err
		}
		if dd.Prec < date.Day {
			return "", fmt.Errorf("a date of %s precision: extra takes days and times only", d.Precision)
		}
		return dd.String(), nil
	case string(raw) == "true" || string(raw) == "false":
		return string(raw), nil
	case string(raw) == "null":
		return "", fmt.Errorf("null: extra has no empty value")
	}
	// A number: an integer stays one; a decimal keeps a point, which TOML
	// needs to read it as a float.
	s := string(raw)
	if _, err := strconv.ParseInt(s, 10, 64); err == nil {
		return s, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return "", fmt.Errorf("%s is not a value extra holds", s)
	}
	out := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(out, ".eEn") {
		out += ".0"
	}
	return out, nil
}

// readChronicleCSV reads an events.csv (site/csv.go, docs/data.md). It has
// no bodies and only the addresses of sources: each source's title and
// publisher are guessed, which makes every note a draft.
func readChronicleCSV(name string, data []byte, r *reading) {
	rows, head, ok := readCSV(name, data, r, []string{"id", "title", "date", "date_precision", "kind"})
	if !ok {
		return
	}
	for i, row := range rows {
		get := func(k string) string {
			if j, ok := head[k]; ok {
				return row[j]
			}
			return ""
		}
		at := fmt.Sprintf("%s: row %d (%s)", name, i+2, get("id"))
		n := &note{from: at, wantID: get("id"), ident: "chronicle:" + get("id"), title: get("title"),
			kind: get("kind"), status: get("status"), claimedBy: get("claimed_by"),
			summary: get("summary"), contentWarning: get("content_warning"),
			places: split(get("places")), actors: split(get("actors")), tags: split(get("tags")),
			storylines: split(get("storylines")), related: split(get("related"))}
		var err error
		if n.date, err = cjParseDate(cjDate{get("date"), get("date_precision"), get("date_circa") == "true"}); err != nil {
			r.errorf("%s, column date: %v", at, err)
			continue
		}
		if get("end") != "" {
			if n.end, err = cjParseDate(cjDate{get("end"), get("end_precision"), get("end_circa") == "true"}); err != nil {
				r.errorf("%s, column end: %v", at, err)
				continue
			}
		}
		if label := get("kind_label"); label != "" {
			r.kinds.add(n.kind, label)
		}
		if x := get("extra"); x != "" {
			var m map[string]json.RawMessage
			if err := json.Unmarshal([]byte(x), &m); err != nil {
				r.errorf("%s, column extra: not a JSON object: %v", at, err)
				continue
			}
			n.extra = r.extraFields(at+", column extra", m)
		}
		// The body is the summary, citing every source: the sources are
		// what the event rests on, and a summary is all the file has.
		n.body = escapeText(n.summary)
		for _, u := range split(get("sources")) {
			s := guessSource(u, "")
			s.id = uniqueSourceID(n.sources, s.id)
			n.sources = append(n.sources, s)
			n.guessf("sources", "source title and publisher guessed from the address", "%s", u)
			n.body += "[@" + s.id + "]"
		}
		n.guessf("body", "no body in events.csv: the summary is the body", "")
		if doc := markdown.Render([]byte(n.body), sourceIDs(n.sources)); doc.Summary == n.summary {
			n.summary = ""
		}
		if up := get("updated"); up != "" && up != n.date.Start(r.loc).Format(time.RFC3339) {
			n.guessf("updates", "corrections log not in events.csv", "updated %s", up)
		}
		r.notes = append(r.notes, n)
	}
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func split(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "; ")
}

// readCSV reads a CSV file with a header row that has at least the given
// columns; rows come back with as many fields as the header.
func readCSV(name string, data []byte, r *reading, need []string) ([][]string, map[string]int, bool) {
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	cr.FieldsPerRecord = -1
	var rows [][]string
	head := map[string]int{}
	var width int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			r.errorf("%s: %v: save it again as CSV (comma-separated, UTF-8)", name, err)
			return nil, nil, false
		}
		if width == 0 {
			width = len(rec)
			for i, h := range rec {
				head[strings.TrimSpace(h)] = i
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) > width {
			r.errorf("%s:%d: %d fields, but the header has %d: quote fields that hold commas", name, line, len(rec), width)
			continue
		}
		rows = append(rows, append(rec, make([]string, width-len(rec))...))
	}
	var missing []string
	for _, k := range need {
		if _, ok := head[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		r.errorf("%s:1: the header lacks the column %s: keep the header row as it was exported", name, strings.Join(missing, ", "))
		return nil, nil, false
	}
	return rows, head, true
}
