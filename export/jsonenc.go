package export

import (
	"maps"
	"slices"
	"strconv"

	"github.com/chronicle-tools/chronicle/internal/jsonstr"
)

// events.json and the search files are appended here rather than by
// encoding/json: the two uses where a profile shows that it pays
// (docs/performance.md, "Hand-written JSON"). events.json is most of a
// build's bytes after the pages, and encoding/json finds its fields by
// reflection; encoding/json would need each search text as a string of
// its own. JSON-LD and feed.json are left to encoding/json.
// TestEventJSONMatchesEncoder, TestSearchFiles and FuzzJSONString hold
// these to encoding/json's values.

// appendJSON appends e as one line of compact JSON, without a newline.
func (e *jsonEvent) appendJSON(b []byte) []byte {
	b = appendField(b, '{', "id", e.ID)
	b = appendField(b, ',', "url", e.URL)
	b = appendField(b, ',', "title", e.Title)
	b = append(b, `,"date":`...)
	b = e.Date.appendJSON(b)
	if e.End != nil {
		b = append(b, `,"end":`...)
		b = e.End.appendJSON(b)
	}
	b = appendField(b, ',', "kind", e.Kind)
	b = appendField(b, ',', "status", e.Status)
	if e.ClaimedBy != "" {
		b = appendField(b, ',', "claimed_by", e.ClaimedBy)
	}
	b = appendField(b, ',', "summary", e.Summary)
	if e.ContentWarning != "" {
		b = appendField(b, ',', "content_warning", e.ContentWarning)
	}
	for _, list := range []struct {
		key   string
		items []string
	}{{"places", e.Places}, {"actors", e.Actors}, {"tags", e.Tags}, {"storylines", e.Storylines}, {"related", e.Related}} {
		b = appendArray(appendKey(b, ',', list.key), list.items, func(s *string, b []byte) []byte { return jsonstr.AppendString(b, *s) })
	}
	b = append(b, `,"sources":`...)
	b = appendArray(b, e.Sources, (*jsonSource).appendJSON)
	b = append(b, `,"updates":`...)
	b = appendArray(b, e.Updates, func(u *jsonUpdate, b []byte) []byte {
		b = append(b, `{"date":`...)
		b = u.Date.appendJSON(b)
		b = appendField(b, ',', "note", u.Note)
		return append(b, '}')
	})
	if len(e.Extra) > 0 {
		b = e.Extra.appendJSON(appendKey(b, ',', "extra"))
	}
	b = appendField(b, ',', "body_html", e.BodyHTML)
	return append(b, '}')
}

// appendArray appends list as a JSON array, or null when nil.
func appendArray[T any](b []byte, list []T, appendOne func(*T, []byte) []byte) []byte {
	if list == nil {
		return append(b, "null"...)
	}
	b = append(b, '[')
	for i := range list {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendOne(&list[i], b)
	}
	return append(b, ']')
}

func (s *jsonSource) appendJSON(b []byte) []byte {
	b = append(b, `{"number":`...)
	b = strconv.AppendInt(b, int64(s.Number), 10)
	b = appendField(b, ',', "id", s.ID)
	b = appendField(b, ',', "title", s.Title)
	b = appendField(b, ',', "publisher", s.Publisher)
	for _, f := range [...]struct{ key, value string }{{"url", s.URL}, {"pages", s.Pages}, {"reference", s.Reference}} {
		if f.value != "" {
			b = appendField(b, ',', f.key, f.value)
		}
	}
	if s.Published != nil {
		b = append(b, `,"published":`...)
		b = s.Published.appendJSON(b)
	}
	b = append(b, `,"published_estimated":`...)
	b = strconv.AppendBool(b, s.PublishedEstimated)
	if s.Accessed != nil {
		b = append(b, `,"accessed":`...)
		b = s.Accessed.appendJSON(b)
	}
	for _, f := range []struct{ key, value string }{{"archived", s.Archived}, {"quote", s.Quote}, {"lang", s.Lang}} {
		if f.value != "" {
			b = appendField(b, ',', f.key, f.value)
		}
	}
	if len(s.Extra) > 0 {
		b = s.Extra.appendJSON(appendKey(b, ',', "extra"))
	}
	return append(b, '}')
}

// appendJSON appends x as a JSON object, its keys sorted.
func (x jsonExtra) appendJSON(b []byte) []byte {
	b = append(b, '{')
	for i, k := range slices.Sorted(maps.Keys(x)) {
		if i > 0 {
			b = append(b, ',')
		}
		b = jsonstr.AppendString(b, k)
		b = append(b, ':')
		b = appendExtraValue(b, x[k])
	}
	return append(b, '}')
}

// appendExtraValue appends a value of jsonExtra.
func appendExtraValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		return jsonstr.AppendString(b, v)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case float64:
		// Finite: parseExtra refuses nan and inf.
		return strconv.AppendFloat(b, v, 'g', -1, 64)
	case bool:
		return strconv.AppendBool(b, v)
	case jsonDate:
		return v.appendJSON(b)
	case []any:
		b = append(b, '[')
		for i, item := range v {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendExtraValue(b, item)
		}
		return append(b, ']')
	}
	return append(b, "null"...) // no other values are made
}

func (d *jsonDate) appendJSON(b []byte) []byte {
	b = appendField(b, '{', "value", d.Value)
	b = appendField(b, ',', "precision", d.Precision)
	if d.Circa {
		b = append(appendKey(b, ',', "circa"), "true"...)
	}
	return append(b, '}')
}

// appendField appends sep, the key (which needs no escaping) and the value.
func appendField(b []byte, sep byte, key, value string) []byte {
	return jsonstr.AppendString(appendKey(b, sep, key), value)
}

func appendKey(b []byte, sep byte, key string) []byte {
	b = append(b, sep, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}
