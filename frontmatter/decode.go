package frontmatter

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/chronicle-tools/chronicle/date"
)

// Doc is a decoded TOML text that remembers where each key was written,
// so that every problem found in its values can name a line. BurntSushi/toml
// keeps no positions for values, hence the small scanner in KeyLines.
//
// Its getters read a value of a table of the text by key; prefix is the
// dotted key of that table ("sources.0"), or "" for the top level. A value
// of the wrong type is reported at its line, and read as the zero value.
type Doc struct {
	offset int // lines before the TOML text in the file
	text   string
	root   map[string]any
	lines  map[string]int // "title", "sources.1.url" -> line in the TOML text, made on first use
	report func(Problem)
	lists  []string // room for the string arrays Strings returns, made by ReserveStrings
}

// Decode parses text, which follows offset lines of its file. Each problem,
// then and in the Doc's getters, goes to report as it is found, so that it
// falls in among the caller's own in the order they were found. Decode
// returns nil when text is not TOML, having reported why at its line.
func Decode(text string, offset int, report func(Problem)) *Doc {
	d := &Doc{offset: offset, text: text, report: report}
	if root, ok := fastTOML(text); ok {
		d.root = root
		return d
	}
	switch line, why := guard(text); why {
	case tooDeep:
		report(Problem{Line: line + offset, Msg: fmt.Sprintf("invalid TOML: nested more than %d deep (arrays, inline tables and the parts of dotted keys): no field needs more than three levels; remove the extra ones", maxTOMLDepth)})
		return nil
	case tooManyTables:
		report(Problem{Line: line + offset, Msg: "invalid TOML: too many nested tables (inline tables and dotted keys, weighed by their depth): a note needs a few; write the data as [[tables]] or in the body"})
		return nil
	}
	// Into an interface, the decoder hands over the map it parsed rather
	// than copy it key by key into ours.
	var root any
	if _, err := toml.Decode(text, &root); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			msg := pe.Message
			if pe.LastKey != "" {
				msg += fmt.Sprintf(" (after key %q)", pe.LastKey)
			}
			report(Problem{Line: pe.Position.Line + offset, Col: pe.Position.Col, Msg: "invalid TOML: " + msg})
		} else {
			report(Problem{Line: offset + 1, Msg: "invalid TOML: " + err.Error()})
		}
		return nil
	}
	d.root, _ = root.(map[string]any)
	return d
}

// Root is the top-level table.
func (d *Doc) Root() map[string]any { return d.root }

// ReserveStrings makes room in one array for the string arrays at the keys
// of t, which Strings then returns as parts of it: a note's places, actors,
// tags and storylines were four objects, live to the end of the build.
func (d *Doc) ReserveStrings(t map[string]any, keys ...string) {
	n := 0
	for _, k := range keys {
		if arr, ok := t[k].([]any); ok {
			n += len(arr)
		}
	}
	d.lists = make([]string, 0, n)
}

// Errorf reports an error at the line of key, a dotted key such as
// "sources.0.url".
func (d *Doc) Errorf(key string, format string, args ...any) {
	d.report(Problem{Line: d.line(key), Msg: fmt.Sprintf(format, args...)})
}

// Warnf reports a warning at the line of key.
func (d *Doc) Warnf(key string, format string, args ...any) {
	d.report(Problem{Line: d.line(key), Msg: fmt.Sprintf(format, args...), Warning: true})
}

// line finds the file line of key, or of its nearest enclosing table. The
// lines are scanned for only when a problem needs one: most notes have none.
func (d *Doc) line(key string) int {
	if d.lines == nil {
		d.lines = KeyLines(d.text)
	}
	for k := key; ; {
		if l, ok := d.lines[k]; ok {
			return l + d.offset
		}
		i := strings.LastIndexByte(k, '.')
		if i < 0 {
			return d.offset
		}
		k = k[:i]
	}
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

// TypeName names the TOML type of a decoded value, for messages: "a string".
func TypeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case int64:
		return "a number"
	case float64:
		return "a decimal number"
	case bool:
		return "a boolean"
	case []any:
		return "an array"
	case []map[string]any:
		return "an array of tables"
	case map[string]any:
		return "a table"
	}
	return "a date"
}

// Str is the string at key, or "".
func (d *Doc) Str(t map[string]any, prefix, key string) string {
	v, ok := t[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.Errorf(join(prefix, key), "%s must be a string in quotes, not %s", key, TypeName(v))
	}
	// Not copied: the strings share the front matter's text, which a
	// note keeps nearly all of (its sources are most of it). One
	// allocation of the text costs less than twenty of its pieces.
	return s
}

// Bool is the boolean at key, or false.
func (d *Doc) Bool(t map[string]any, prefix, key string) bool {
	v, ok := t[key]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		d.Errorf(join(prefix, key), "%s must be true or false, not %s", key, TypeName(v))
	}
	return b
}

// Int is the whole number at key, and whether there is one.
func (d *Doc) Int(t map[string]any, prefix, key string) (int, bool) {
	v, ok := t[key]
	if !ok {
		return 0, false
	}
	n, ok := v.(int64)
	if !ok {
		d.Errorf(join(prefix, key), "%s must be a whole number, not %s", key, TypeName(v))
	}
	return int(n), ok
}

// Strings is the array of strings at key, without the items that are not
// strings or are blank, each of which is reported.
func (d *Doc) Strings(t map[string]any, prefix, key string) []string {
	v, ok := t[key]
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		if s, isStr := v.(string); isStr {
			d.Errorf(join(prefix, key), "%s must be an array of strings: write %s = [%q]", key, key, s)
		} else {
			d.Errorf(join(prefix, key), "%s must be an array of strings, not %s", key, TypeName(v))
		}
		return nil
	}
	var out []string
	if n := len(d.lists); cap(d.lists)-n >= len(arr) {
		// Its own part of the room, which an append to it cannot pass.
		out = d.lists[n : n : n+len(arr)]
		d.lists = d.lists[:n+len(arr)]
	} else {
		out = make([]string, 0, len(arr))
	}
	for i, e := range arr {
		s, ok := e.(string)
		if !ok {
			d.Errorf(join(prefix, key), "%s: item %d must be a string, not %s", key, i+1, TypeName(e))
			continue
		}
		if strings.TrimSpace(s) == "" {
			d.Errorf(join(prefix, key), "%s: item %d is empty", key, i+1)
			continue
		}
		out = append(out, s)
	}
	return out
}

// Date is the date at key, a TOML date or a string as date.FromTOML reads
// it, or the zero Date.
func (d *Doc) Date(t map[string]any, prefix, key string) date.Date {
	v, ok := t[key]
	if !ok {
		return date.Date{}
	}
	dt, err := date.FromTOML(v)
	if err != nil {
		d.Errorf(join(prefix, key), "%s: %v", key, err)
	}
	return dt
}

// Tables is the array of tables at key, a top-level key, written [[key]].
func (d *Doc) Tables(t map[string]any, key string) []map[string]any {
	v, ok := t[key]
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case []map[string]any:
		return v
	case map[string]any:
		d.Errorf(key, "%s must be an array of tables: write [[%s]], with double brackets", key, key)
	default:
		d.Errorf(key, "%s must be written as [[%s]] tables, not %s", key, key, TypeName(v))
	}
	return nil
}

// KeyLines maps each key of a TOML text to the 1-based line it is set on.
// Keys inside arrays of tables carry the table's index: "sources.0.url".
// Tables get the line of their header. The scan understands headers, dotted
// and quoted keys, and skips the insides of multi-line strings and arrays.
func KeyLines(text string) map[string]int {
	lines := map[string]int{}
	counts := map[string]int{}
	table := ""
	depth := 0     // open brackets of a multi-line array value
	inString := "" // the closing delimiter of a multi-line string
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		line := strings.TrimSpace(raw)
		if inString != "" {
			if strings.Contains(line, inString) {
				inString = ""
			}
			continue
		}
		if depth > 0 {
			depth += bracketDepth(line)
			continue
		}
		if line == "" || line[0] == '#' {
			continue
		}
		if strings.HasPrefix(line, "[[") {
			name := keyPath(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(cutComment(line), "[[")), "]]"))
			idx := counts[name]
			counts[name]++
			table = name + "." + strconv.Itoa(idx)
			if _, ok := lines[name]; !ok {
				lines[name] = n
			}
			lines[table] = n
			continue
		}
		if line[0] == '[' {
			table = inLastTable(keyPath(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(cutComment(line), "[")), "]")), counts)
			setLine(lines, table, n)
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		setLine(lines, join(table, keyPath(k)), n)
		v = strings.TrimSpace(v)
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(v, q) && strings.Count(v, q) == 1 {
				inString = q
			}
		}
		depth = bracketDepth(v)
	}
	return lines
}

// inLastTable puts a table header under the last table of an array of
// tables it names: [sources.extra] after the second [[sources]] is
// "sources.1.extra".
func inLastTable(name string, counts map[string]int) string {
	for i := strings.LastIndexByte(name, '.'); i > 0; i = strings.LastIndexByte(name[:i], '.') {
		if c := counts[name[:i]]; c > 0 {
			return name[:i] + "." + strconv.Itoa(c-1) + name[i:]
		}
	}
	return name
}

// setLine records key's line, and the line of each table a dotted key
// makes ("a" and "a.b" for a.b.c) where none is known yet.
func setLine(lines map[string]int, key string, n int) {
	lines[key] = n
	for i := strings.IndexByte(key, '.'); i >= 0; {
		if _, ok := lines[key[:i]]; !ok {
			lines[key[:i]] = n
		}
		j := strings.IndexByte(key[i+1:], '.')
		if j < 0 {
			break
		}
		i += 1 + j
	}
}

// keyPath normalises a possibly dotted, possibly quoted key to a.b.c.
func keyPath(k string) string {
	parts := strings.Split(strings.TrimSpace(k), ".")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0] {
			p = p[1 : len(p)-1]
		}
		parts[i] = p
	}
	return strings.Join(parts, ".")
}

func cutComment(s string) string {
	if i := strings.IndexByte(s, '#'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

// bracketDepth counts '[' minus ']' outside of strings and comments.
func bracketDepth(s string) int {
	depth := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return depth
		case c == '[':
			depth++
		case c == ']':
			depth--
		}
	}
	return depth
}
