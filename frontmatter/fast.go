package frontmatter

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
)

// fastTOML decodes the plain TOML that front matter is almost always
// written in, to the very values toml.Decode gives, in a fraction of its
// time: BurntSushi/toml lexes through a channel and records every key's
// type, which made it a large part of a build.
//
// It takes only what it can decode without doubt: bare keys, one per line,
// set to a string without escapes, an array of such strings on one line, a
// whole number, a boolean, a date, or a date and time to the second;
// comments; and [[name]] headers at the top level. On anything else (and on
// anything invalid) it reports false, and toml.Decode, which stays the
// parser of record, decodes the text or names its error. FuzzFastTOML holds
// the two to the same result.
func fastTOML(text string) (map[string]any, bool) {
	for i := 0; i < len(text); i++ {
		if c := text[i]; c < 0x20 && c != '\t' && c != '\n' || c == 0x7f {
			return nil, false // control characters, CR included: leave them to the decoder
		}
	}
	if !utf8.ValidString(text) {
		return nil, false
	}
	root := make(map[string]any, 12)
	table := root
	for len(text) > 0 {
		var line string
		line, text, _ = strings.Cut(text, "\n")
		line = strings.Trim(line, " \t")
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' {
			name, ok := arrayTableHeader(line)
			if !ok {
				return nil, false
			}
			var arr []map[string]any
			if v, seen := root[name]; seen {
				if arr, ok = v.([]map[string]any); !ok {
					return nil, false
				}
			}
			table = make(map[string]any, 8)
			root[name] = append(arr, table)
			continue
		}
		key, rest := bareKey(line)
		if key == "" || len(rest) == 0 || rest[0] != '=' {
			return nil, false
		}
		if _, dup := table[key]; dup {
			return nil, false
		}
		v, rest, ok := fastValue(strings.TrimLeft(rest[1:], " \t"))
		if !ok || !endOfLine(rest) {
			return nil, false
		}
		table[key] = v
	}
	return root, true
}

// arrayTableHeader reads "[[name]]", with an optional comment after it.
func arrayTableHeader(line string) (string, bool) {
	if !strings.HasPrefix(line, "[[") {
		return "", false
	}
	name, rest := bareKey(strings.TrimLeft(line[2:], " \t"))
	if name == "" || !strings.HasPrefix(rest, "]]") || !endOfLine(rest[2:]) {
		return "", false
	}
	return name, true
}

func endOfLine(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	return rest == "" || rest[0] == '#'
}

// bareKey splits s into the bare key it starts with, maybe empty, and
// what follows that key's trailing blanks.
func bareKey(s string) (key, rest string) {
	k := 0
	for k < len(s) && isBareKeyByte(s[k]) {
		k++
	}
	return s[:k], strings.TrimLeft(s[k:], " \t")
}

func isBareKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-'
}

// fastValue reads one value at the start of s and returns it with what
// follows it.
func fastValue(s string) (any, string, bool) {
	if s == "" {
		return nil, "", false
	}
	switch c := s[0]; {
	case c == '"' || c == '\'':
		return fastString(s)
	case c == '[':
		arr := make([]any, 0, 2) // non-nil when empty, as the decoder makes it
		s = strings.TrimLeft(s[1:], " \t")
		for {
			if strings.HasPrefix(s, "]") {
				return arr, s[1:], true
			}
			v, rest, ok := fastString(s)
			if !ok {
				return nil, "", false
			}
			arr = append(arr, v)
			s = strings.TrimLeft(rest, " \t")
			if strings.HasPrefix(s, ",") {
				s = strings.TrimLeft(s[1:], " \t")
			} else if !strings.HasPrefix(s, "]") {
				return nil, "", false
			}
		}
	case strings.HasPrefix(s, "true"):
		return true, s[4:], true
	case strings.HasPrefix(s, "false"):
		return false, s[5:], true
	case '0' <= c && c <= '9' || c == '-':
		return fastNumberOrDate(s)
	}
	return nil, "", false
}

// fastString reads a basic string without escapes or a literal string, on
// one line. Strings with a backslash go to the decoder.
func fastString(s string) (any, string, bool) {
	if s == "" || (s[0] != '"' && s[0] != '\'') || strings.HasPrefix(s, `"""`) || strings.HasPrefix(s, "'''") {
		return nil, "", false
	}
	q := s[0]
	end := strings.IndexByte(s[1:], q)
	if end < 0 {
		return nil, "", false
	}
	v := s[1 : 1+end]
	if q == '"' && strings.IndexByte(v, '\\') >= 0 {
		return nil, "", false
	}
	return v, s[2+end:], true
}

// The zones the decoder gives dates and times without an offset; date
// tells them apart by name. They are read from the decoder itself, which
// keeps them in an internal package.
var tomlLocalDate, tomlLocalDatetime = func() (*time.Location, *time.Location) {
	var v any // into a struct, the decoder would move the times to UTC
	if _, err := toml.Decode("d = 2000-01-01\ndt = 2000-01-01T00:00:00", &v); err != nil {
		panic(err)
	}
	m := v.(map[string]any)
	return m["d"].(time.Time).Location(), m["dt"].(time.Time).Location()
}()

// fastNumberOrDate reads a decimal whole number without underscores or a
// sign of +, a date (2025-12-19), or a date and time to the second with or
// without an offset (2025-12-19T03:00:00Z, 2025-12-19T03:00:00+02:00).
func fastNumberOrDate(s string) (any, string, bool) {
	n := 0
	for n < len(s) && (s[n] >= '0' && s[n] <= '9' || s[n] == '-' || s[n] == ':' || s[n] == '+' || s[n] == 'T' || s[n] == 'Z') {
		n++
	}
	tok, rest := s[:n], s[n:]
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '#' {
		return nil, "", false // a fraction, an exponent, a lower-case t or z, a space inside a date...
	}
	var layout string
	var loc *time.Location
	switch {
	case shaped(tok, "dddd-dd-dd"):
		layout, loc = "2006-01-02", tomlLocalDate
	case shaped(tok, "dddd-dd-ddTdd:dd:dd"):
		layout, loc = "2006-01-02T15:04:05", tomlLocalDatetime
	case shaped(tok, "dddd-dd-ddTdd:dd:ddZ"), shaped(tok, "dddd-dd-ddTdd:dd:dd+dd:dd"), shaped(tok, "dddd-dd-ddTdd:dd:dd-dd:dd"):
		layout, loc = time.RFC3339Nano, time.Local // the decoder's first layout
	default:
		digits := strings.TrimPrefix(tok, "-")
		if digits == "" || (digits[0] == '0' && len(digits) > 1) || strings.IndexFunc(digits, func(r rune) bool { return r < '0' || r > '9' }) >= 0 {
			return nil, "", false
		}
		i, err := strconv.ParseInt(tok, 10, 64)
		return i, rest, err == nil
	}
	t, err := time.ParseInLocation(layout, tok, loc)
	return t, rest, err == nil
}

// shaped reports whether s matches pattern, in which 'd' stands for a
// digit and every other byte for itself.
func shaped(s, pattern string) bool {
	if len(s) != len(pattern) {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch p := pattern[i]; p {
		case 'd':
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		default:
			if s[i] != p {
				return false
			}
		}
	}
	return true
}
