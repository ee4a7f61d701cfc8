package site

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/chronicle-tools/chronicle/date"
)

// tomlDoc is a decoded TOML text that remembers where each key was written,
// so that every problem found in its values can name a line. BurntSushi/toml
// keeps no positions for values, hence the small scanner in keyLines.
type tomlDoc struct {
	path   string
	offset int // lines before the TOML text in the file
	text   string
	root   map[string]any
	lines  map[string]int // "title", "sources.1.url" -> line in the TOML text, made on first use
	diags  *Diagnostics
	lists  []string // room for the string arrays strings returns, made by reserveStrings
}

// reserveStrings makes room in one array for the string arrays at the keys
// of t, which strings then returns as parts of it: a note's places, actors,
// tags and storylines were four objects, live to the end of the build.
func (d *tomlDoc) reserveStrings(t map[string]any, keys ...string) {
	n := 0
	for _, k := range keys {
		if arr, ok := t[k].([]any); ok {
			n += len(arr)
		}
	}
	d.lists = make([]string, 0, n)
}

// decodeTOML parses text; a syntax error becomes a diagnostic at its line.
func decodeTOML(path, text string, offset int, diags *Diagnostics) (*tomlDoc, bool) {
	d := &tomlDoc{path: path, offset: offset, text: text, diags: diags}
	if root, ok := fastTOML(text); ok {
		d.root = root
		return d, true
	}
	if line := tooDeep(text); line > 0 {
		*diags = append(*diags, Diagnostic{Path: path, Line: line + offset, Msg: fmt.Sprintf("invalid TOML: nested more than %d deep (arrays, inline tables and the parts of dotted keys): no field needs more than three levels; remove the extra ones", maxTOMLDepth)})
		return nil, false
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
			*diags = append(*diags, Diagnostic{Path: path, Line: pe.Position.Line + offset, Col: pe.Position.Col, Msg: "invalid TOML: " + msg})
		} else {
			*diags = append(*diags, Diagnostic{Path: path, Line: offset + 1, Msg: "invalid TOML: " + err.Error()})
		}
		return nil, false
	}
	d.root, _ = root.(map[string]any)
	return d, true
}

func (d *tomlDoc) errorf(key string, format string, args ...any) {
	*d.diags = append(*d.diags, Diagnostic{Path: d.path, Line: d.line(key), Msg: fmt.Sprintf(format, args...)})
}

func (d *tomlDoc) warnf(key string, format string, args ...any) {
	*d.diags = append(*d.diags, Diagnostic{Path: d.path, Line: d.line(key), Msg: fmt.Sprintf(format, args...), Warning: true})
}

// line finds the line of key, or of its nearest enclosing table. The lines
// are scanned for only when a problem needs one: most notes have none.
func (d *tomlDoc) line(key string) int {
	if d.lines == nil {
		d.lines = keyLines(d.text)
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

// table checks a table's keys against the known ones, reporting each unknown
// key with the nearest known key suggested.
func (d *tomlDoc) table(prefix string, t map[string]any, known []string) {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !slices.Contains(known, k) {
			d.errorf(join(prefix, k), "unknown key %q%s; known keys are %s", k, didYouMean(k, known), strings.Join(known, ", "))
		}
	}
}

func join(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

func typeName(v any) string {
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

func (d *tomlDoc) str(t map[string]any, prefix, key string) string {
	v, ok := t[key]
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		d.errorf(join(prefix, key), "%s must be a string in quotes, not %s", key, typeName(v))
	}
	// Not copied: the strings share the front matter's text, which a
	// note keeps nearly all of (its sources are most of it). One
	// allocation of the text costs less than twenty of its pieces.
	return s
}

func (d *tomlDoc) boolean(t map[string]any, prefix, key string) bool {
	v, ok := t[key]
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		d.errorf(join(prefix, key), "%s must be true or false, not %s", key, typeName(v))
	}
	return b
}

func (d *tomlDoc) integer(t map[string]any, prefix, key string) (int, bool) {
	v, ok := t[key]
	if !ok {
		return 0, false
	}
	n, ok := v.(int64)
	if !ok {
		d.errorf(join(prefix, key), "%s must be a whole number, not %s", key, typeName(v))
	}
	return int(n), ok
}

func (d *tomlDoc) strings(t map[string]any, prefix, key string) []string {
	v, ok := t[key]
	if !ok {
		return nil
	}
	arr, ok := v.([]any)
	if !ok {
		if s, isStr := v.(string); isStr {
			d.errorf(join(prefix, key), "%s must be an array of strings: write %s = [%q]", key, key, s)
		} else {
			d.errorf(join(prefix, key), "%s must be an array of strings, not %s", key, typeName(v))
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
			d.errorf(join(prefix, key), "%s: item %d must be a string, not %s", key, i+1, typeName(e))
			continue
		}
		if strings.TrimSpace(s) == "" {
			d.errorf(join(prefix, key), "%s: item %d is empty", key, i+1)
			continue
		}
		out = append(out, s)
	}
	return out
}

func (d *tomlDoc) date(t map[string]any, prefix, key string) date.Date {
	v, ok := t[key]
	if !ok {
		return date.Date{}
	}
	dt, err := date.FromTOML(v)
	if err != nil {
		d.errorf(join(prefix, key), "%s: %v", key, err)
	}
	return dt
}

func (d *tomlDoc) tables(t map[string]any, key string) []map[string]any {
	v, ok := t[key]
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case []map[string]any:
		return v
	case map[string]any:
		d.errorf(key, "%s must be an array of tables: write [[%s]], with double brackets", key, key)
	default:
		d.errorf(key, "%s must be written as [[%s]] tables, not %s", key, key, typeName(v))
	}
	return nil
}

// keyLines maps each key of a TOML text to the 1-based line it is set on.
// Keys inside arrays of tables carry the table's index: "sources.0.url".
// Tables get the line of their header. The scan understands headers, dotted
// and quoted keys, and skips the insides of multi-line strings and arrays.
func keyLines(text string) map[string]int {
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
			table = keyPath(strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(cutComment(line), "[")), "]"))
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
