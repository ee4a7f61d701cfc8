package site

import (
	"maps"
	"slices"
	"strconv"
	"unicode/utf8"
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
		b = appendArray(appendKey(b, ',', list.key), list.items, func(s *string, b []byte) []byte { return appendJSONString(b, *s) })
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
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendExtraValue(b, x[k])
	}
	return append(b, '}')
}

// appendExtraValue appends a value of jsonExtra.
func appendExtraValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case string:
		return appendJSONString(b, v)
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
	return append(b, '}')
}

// appendField appends sep, the key (which needs no escaping) and the value.
func appendField(b []byte, sep byte, key, value string) []byte {
	return appendJSONString(appendKey(b, sep, key), value)
}

func appendKey(b []byte, sep byte, key string) []byte {
	b = append(b, sep, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

// appendJSONString appends s quoted as encoding/json quotes it with HTML
// escaping off: quote, backslash and control characters escaped, bytes that
// are not UTF-8 as \ufffd, and U+2028 and U+2029 escaped for JavaScript.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendJSONChars(b, s)
	return append(b, '"')
}

// appendJSONChars appends s escaped for a JSON string, without the quotes,
// as appendJSONString does.
func appendJSONChars[T string | []byte](b []byte, s T) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if jsonPlain[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(i+utf8.UTFMax, len(s))]))
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(b, s[start:]...)
}

// jsonPlain marks the bytes a JSON string holds as they are: ASCII from the
// space up, but for quote and backslash.
var jsonPlain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()
