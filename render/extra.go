package render

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/site"
)

// ExtraFact is an extra field as an event page shows it, in its facts.
type ExtraFact struct {
	Label, Text string
}

// extraFacts is e's extra fields that config.toml's [extra] show lists,
// in that order: each labelled with its key ("source_count" as "Source
// count"), its value as text. A key the note does not give is left out.
// It is worked out when a page asks for it.
func extraFacts(c *site.Config, e *site.Event) []ExtraFact {
	if len(e.Extra) == 0 {
		return nil
	}
	var out []ExtraFact
	for _, key := range c.ExtraShow {
		for _, x := range e.Extra {
			if x.Key == key {
				out = append(out, ExtraFact{Label: extraLabel(key), Text: extraText(x.Value, c.Location)})
			}
		}
	}
	return out
}

// extraLabel is a key as a label: "source_count" is "Source count".
func extraLabel(key string) string {
	s := strings.NewReplacer("_", " ", "-", " ").Replace(key)
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// extraText is an extra value as a page shows it.
func extraText(v any, loc *time.Location) string {
	switch v := v.(type) {
	case string:
		return v
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		if v {
			return "yes"
		}
		return "no"
	case date.Date:
		return v.HumanIn(loc)
	case []any:
		parts := make([]string, len(v))
		for i, item := range v {
			parts[i] = extraText(item, loc)
		}
		return strings.Join(parts, ", ")
	}
	return ""
}
