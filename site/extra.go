package site

import (
	"fmt"
	"math"
	"time"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/frontmatter"
)

// Extra is one of an author's own fields, from the [extra] table of a note
// or the [sources.extra] table of a source: an importance score, a
// source's reliability tier. Chronicle checks only the type of its value
// and carries it to the data files; the page shows it only where
// config.toml's [extra] show lists its key.
type Extra struct {
	Key string
	// Value is a string, an int64, a float64, a bool, a date.Date, or a
	// []any of those.
	Value any
}

// extraHint is what the messages about extra values say may be written.
const extraHint = "text in quotes, a number, true or false, a date, or an array of these"

// parseExtra reads the extra table at t["extra"], where prefix is the
// dotted key of t ("" for the note, "sources.0" for a source). The fields
// come sorted by key, so that every output is the same from build to build.
func parseExtra(doc *frontmatter.Doc, t map[string]any, prefix string) []Extra {
	v, ok := t["extra"]
	if !ok {
		return nil
	}
	at := join(prefix, "extra")
	header := extraHeader(prefix)
	m, ok := v.(map[string]any)
	if !ok {
		doc.Errorf(at, "extra must be a table of your own fields, not %s: write them under %s, one key = value a line", frontmatter.TypeName(v), header)
		return nil
	}
	out := make([]Extra, 0, len(m))
	for _, k := range sortedKeys(m) {
		val, msg := extraValue(m[k])
		if msg != "" {
			doc.Errorf(at+"."+k, "extra.%s %s", k, msg)
			continue
		}
		out = append(out, Extra{Key: k, Value: val})
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// extraValue checks v, a value as the TOML decoder gives it, and returns it
// as Extra holds it, or what is wrong with it.
func extraValue(v any) (any, string) {
	switch v := v.(type) {
	case []any:
		items := make([]any, 0, len(v))
		for i, item := range v {
			if _, isList := item.([]any); isList {
				return nil, fmt.Sprintf("item %d is an array: an array of extra holds plain values only (%s)", i+1, "text, numbers, true or false, dates")
			}
			x, msg := extraValue(item)
			if msg != "" {
				return nil, fmt.Sprintf("item %d %s", i+1, msg)
			}
			items = append(items, x)
		}
		return items, ""
	case string, int64, bool:
		return v, ""
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, "must be a finite number, not nan or inf: the data files cannot hold it"
		}
		return v, ""
	case time.Time:
		d, err := date.FromTOML(v)
		if err != nil {
			return nil, err.Error()
		}
		return d, ""
	case map[string]any, []map[string]any:
		return nil, fmt.Sprintf("is %s: extra holds plain values, not tables; write each as a key of its own (extra.a_b = 1), as %s", frontmatter.TypeName(v), extraHint)
	}
	return nil, fmt.Sprintf("must be %s, not %s", extraHint, frontmatter.TypeName(v))
}

// extraHeader is where the extra fields of the table at prefix are written.
func extraHeader(prefix string) string {
	if prefix == "" {
		return "[extra]"
	}
	return "[sources.extra], after the keys of its [[sources]] table"
}

// join is a dotted key: prefix.k, or k at the top level.
func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}
