package frontmatter

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// tomlGen writes a TOML document from fuzz bytes: keys, dotted or not,
// set to arrays, inline tables, integers and strings in all four quotings, with brackets
// and the quotes that end multi-line strings in their text. It knows the
// nesting it wrote, so the guard can be held to it.
type tomlGen struct {
	in    []byte
	words []string
	b     strings.Builder
	depth int // the deepest nesting written
}

func (g *tomlGen) next() byte {
	if len(g.in) == 0 {
		return 0
	}
	c := g.in[0]
	g.in = g.in[1:]
	return c
}

// str writes a string whose text is a fuzz word, in the quoting c picks,
// with what that quoting cannot hold taken out.
func (g *tomlGen) str(c byte) {
	w := g.words[int(c)%len(g.words)]
	w = strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f || r == '\\' {
			return -1
		}
		return r
	}, w)
	switch c % 4 {
	case 0: // basic: quotes escaped, no line breaks
		g.b.WriteString(`"` + strings.ReplaceAll(strings.ReplaceAll(w, "\n", `\n`), `"`, `\"`) + `"`)
	case 1: // literal: no ' and no line breaks
		g.b.WriteString("'" + strings.NewReplacer("'", "", "\n", "").Replace(w) + "'")
	case 2: // multi-line basic: no run of three quotes; may end with two
		for strings.Contains(w, `"""`) {
			w = strings.ReplaceAll(w, `"""`, `""`)
		}
		w = strings.TrimRight(w, `"`) + strings.Repeat(`"`, int(c/4)%3)
		g.b.WriteString(`"""` + w + `"""`)
	case 3: // multi-line literal: the same with '
		for strings.Contains(w, "'''") {
			w = strings.ReplaceAll(w, "'''", "''")
		}
		w = strings.TrimRight(w, "'") + strings.Repeat("'", int(c/4)%3)
		g.b.WriteString("'''" + w + "'''")
	}
}

// key writes the i-th key of a table and its "=", dotted in up to three
// parts, and returns the nesting its dots add.
func (g *tomlGen) key(i int) int {
	dots := int(g.next() % 3)
	g.b.WriteString("k" + string(rune('a'+i)) + strings.Repeat(" . x", dots) + " = ")
	return dots
}

func (g *tomlGen) value(depth int) {
	g.depth = max(g.depth, depth)
	c := g.next()
	switch {
	case c%8 < 2 && len(g.in) > 0: // an array
		g.depth = max(g.depth, depth+1) // an empty one too
		g.b.WriteString("[")
		for i := range int(g.next() % 4) {
			if i > 0 {
				g.b.WriteString(", ")
			}
			g.value(depth + 1)
		}
		g.b.WriteString("]")
	case c%8 < 4 && len(g.in) > 0: // an inline table
		g.depth = max(g.depth, depth+1)
		g.b.WriteString("{")
		for i := range int(g.next() % 3) {
			if i > 0 {
				g.b.WriteString(", ")
			}
			g.value(depth + 1 + g.key(i))
		}
		g.b.WriteString("}")
	case c%8 == 4:
		g.b.WriteString("42")
	default:
		g.str(g.next())
	}
}

// nestedDeep wraps a value in n arrays or inline tables.
func nestedDeep(n int, inline bool, inner string) string {
	if inline {
		return strings.Repeat("{a = ", n) + inner + strings.Repeat("}", n)
	}
	return strings.Repeat("[", n) + inner + strings.Repeat("]", n)
}

// FuzzTOMLGuard holds the nesting guard to the decoder. Documents written
// by tomlGen are valid TOML whatever their strings hold: the decoder must
// accept them and the guard must count exactly the nesting they have, no
// more (it would refuse valid notes) and no less (it could be walked
// around). Then any text: where the decoder accepts it, the guard counts no
// deeper than the values it decoded, and at least as deep as their arrays.
func FuzzTOMLGuard(f *testing.F) {
	f.Add([]byte{0, 2, 1, 6, 3}, "A title'", "[[[[", `x"`, "{{{{ ''' \"\"\"", 40)
	f.Add([]byte{0, 0, 1, 2, 3, 0, 1, 6, 7}, "'''x''''", `"""a""""`, "#[", "]]}}", 35)
	f.Add([]byte{2, 1, 5, 3, 2, 1, 6, 10, 14}, "\n[", "'", `"`, "\\", 33)
	f.Fuzz(func(t *testing.T, shape []byte, w1, w2, w3, w4 string, deep int) {
		if len(shape) > 64 {
			return
		}
		watch := time.AfterFunc(30*time.Second, func() {
			panic(fmt.Sprintf("FuzzTOMLGuard took over 30 s on %q %q %q %q %q %d", shape, w1, w2, w3, w4, deep))
		})
		defer watch.Stop()
		g := &tomlGen{in: shape, words: []string{w1, w2, w3, w4}}
		for i := 0; len(g.in) > 0 && i < 6; i++ {
			g.value(g.key(i))
			g.b.WriteString("\n")
		}
		// A last key nests past the limit, or just to it, after strings
		// that could lose a scanner its place.
		deep = 30 + (deep%8+8)%8 // 30 to 37
		g.b.WriteString("z = " + nestedDeep(deep, deep%2 == 0, "1") + "\n")
		text := g.b.String()
		depth := max(g.depth, deep)
		var v any
		if _, err := toml.Decode(text, &v); err != nil {
			t.Fatalf("the generator wrote invalid TOML (%v):\n%s", err, text)
		}
		if line := nestedPast(text, depth); line != 0 {
			t.Fatalf("nesting %d: the guard counts deeper, at line %d:\n%s", depth, line, text)
		}
		if line := nestedPast(text, depth-1); line == 0 {
			t.Fatalf("nesting %d: the guard counts less:\n%s", depth, text)
		}
		// The same text as any text.
		checkGuardAgainstDecoder(t, w1+"\n"+w2+"\n"+w3+"\n"+w4)
	})
}

// checkGuardAgainstDecoder checks the guard on any text the decoder takes.
func checkGuardAgainstDecoder(t *testing.T, text string) {
	// The decoder's time grows with the square of the nesting (the reason
	// for the guard): past a few hundred brackets it would stall the fuzzer.
	if len(text) > 4096 || strings.Count(text, "[")+strings.Count(text, "{") > 200 {
		return
	}
	var v any
	if _, err := toml.Decode(text, &v); err != nil {
		return
	}
	all, arrays := valueDepth(v, false)
	if line := nestedPast(text, all); line != 0 {
		t.Fatalf("valid TOML whose values nest %d deep: the guard counts deeper, at line %d:\n%q", all, line, text)
	}
	if arrays > 0 && nestedPast(text, arrays-1) == 0 {
		t.Fatalf("arrays nested %d deep: the guard counts less:\n%q", arrays, text)
	}
}

// valueDepth is the nesting of a decoded value: all of it (tables named by
// headers and dotted keys included, so never less than the brackets), and
// that of its arrays and what they hold (which only brackets can write).
func valueDepth(v any, inArray bool) (all, arrays int) {
	switch v := v.(type) {
	case []any:
		for _, x := range v {
			a, b := valueDepth(x, true)
			all, arrays = max(all, a), max(arrays, b)
		}
		return all + 1, arrays + 1
	case map[string]any:
		for _, x := range v {
			a, b := valueDepth(x, inArray)
			all, arrays = max(all, a), max(arrays, b)
		}
		if inArray {
			return all + 1, arrays + 1
		}
		return all + 1, arrays
	case []map[string]any: // an array of tables, from [[headers]]
		for _, x := range v {
			a, b := valueDepth(x, false)
			all, arrays = max(all, a), max(arrays, b)
		}
		return all + 1, arrays
	}
	return 0, 0
}

func TestTOMLTooDeep(t *testing.T) {
	deep := strings.Repeat("[", 40)
	for _, tt := range []struct {
		in   string
		want int
	}{
		{"a = [[[1]]]\n", 0},
		{`a = "` + deep + "\"\n", 0},
		{"a = '''\n" + deep + "\n'''\nb = 1", 0},
		{"a = '" + deep + "'\nb = 1", 0},
		{"# " + deep + "\nb = 1", 0},
		{`a = "\"` + deep + "\"\n", 0},
		{"x = 1\ny = 2\na = " + deep + "\n", 3},
		{"a = \"\"\"\nx\n\"\"\"\nb = " + strings.Repeat("{a=", 40) + "1", 4},
		{"[[t]]\n[[t]]\n[a.b]\n" + strings.Repeat("[[x]]\n", 40), 0},
	} {
		if got := nestedPast(tt.in, maxTOMLDepth); got != tt.want {
			t.Errorf("nestedPast(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

// TestTableWork: inline tables, dotted keys and headers make tables, whose
// cost to the decoder grows with their depth; past maxTableWork the text is
// refused at the line that passes it, and braces and dots in strings do not
// count.
func TestTableWork(t *testing.T) {
	row := "{a = {b = 1}}, " // in an array: tables at depth 2 and 3
	rows := func(n int) string { return "x = [" + strings.Repeat(row, n) + "]\n" }
	dotted := func(n int) string { // keys of depth 3: tables at depth 1 and 2
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, "k%d.a.b = 1\n", i)
		}
		return b.String()
	}
	for _, tt := range []struct {
		name string
		in   string
		want over
		line int
	}{
		{"inline tables at the limit", rows(maxTableWork / 5), withinLimits, 0},
		{"one past it", "a = 1\n" + rows(maxTableWork/5+1), tooManyTables, 2},
		{"dotted keys at the limit", dotted(maxTableWork / 3), withinLimits, 0},
		{"one past them", dotted(maxTableWork/3 + 1), tooManyTables, maxTableWork/3 + 1},
		{"braces and dots in strings", "s = '''" + strings.Repeat("{a.", maxTableWork) + "'''\n" + `t = "` + strings.Repeat("{", maxTableWork+1) + "\"\n", withinLimits, 0},
		{"after a string that is not TOML", "s = \"open\n" + rows(maxTableWork/5+1), tooManyTables, 2},
	} {
		line, why := guard(tt.in)
		if why != tt.want || line != tt.line {
			t.Errorf("%s: %v at line %d, want %v at line %d", tt.name, why, line, tt.want, tt.line)
		}
	}
}

// BenchmarkDecodeWorst decodes the front matter shapes that cost the
// decoder most per byte, each as large as a note's front matter may be
// (maxSize) or at the guard's limits: what one hostile note can cost.
//
//	go test ./frontmatter -run '^$' -bench DecodeWorst -benchtime 3x
func BenchmarkDecodeWorst(b *testing.B) {
	// upTo is as many lines of f as a note may have: within maxSize and
	// the guard's limits, found by bisection.
	upTo := func(f func(i int) string) string {
		text := func(n int) string {
			var s strings.Builder
			for i := range n {
				s.WriteString(f(i))
			}
			return s.String()
		}
		fits := func(t string) bool {
			_, why := guard(t)
			return len(t) <= maxSize && why == withinLimits
		}
		lo, hi := 0, 1
		for fits(text(hi)) {
			lo, hi = hi, 2*hi
		}
		for hi-lo > 1 {
			if mid := (lo + hi) / 2; fits(text(mid)) {
				lo = mid
			} else {
				hi = mid
			}
		}
		return text(lo)
	}
	for _, bc := range []struct{ name, text string }{
		{"arrays 32 deep", upTo(func(i int) string {
			return fmt.Sprintf("x%d = %s1%s\n", i, strings.Repeat("[", 32), strings.Repeat("]", 32))
		})},
		{"dotted keys 32 deep", upTo(func(i int) string {
			return fmt.Sprintf("x%d.%sa = 1\n", i, strings.Repeat("a.", 30))
		})},
		{"headers, dotted keys and arrays 30 deep", upTo(func(i int) string {
			return fmt.Sprintf("[t.u%d]\n%sa = %s1%s\n", i, strings.Repeat("a.", 10), strings.Repeat("[", 17), strings.Repeat("]", 17))
		})},
		{"inline tables 32 deep", upTo(func(i int) string {
			return fmt.Sprintf("y%d = %s1%s\n", i, strings.Repeat("{a = ", 32), strings.Repeat("}", 32))
		})},
		{"flat inline tables", upTo(func(i int) string { return fmt.Sprintf("y%d = {a = 1, b = 2}\n", i) })},
		{"one long string", upTo(func(i int) string {
			if i > 0 {
				return strings.Repeat(" ", maxSize)
			}
			return "s = \"\"\"" + strings.Repeat("word [{ '' \" ", maxSize/14-1) + "\"\"\"\n"
		})},
	} {
		b.Run(bc.name, func(b *testing.B) {
			if len(bc.text) > maxSize {
				b.Fatalf("%d bytes, more than a note may have", len(bc.text))
			}
			b.SetBytes(int64(len(bc.text)))
			for b.Loop() {
				var problems []Problem
				if Decode(bc.text, 0, func(p Problem) { problems = append(problems, p) }) == nil {
					b.Fatalf("refused: %v", problems)
				}
			}
		})
	}
}

// nestedPast returns the line where text nests deeper than limit, or 0, so
// that tests can pin the depth.
func nestedPast(text string, limit int) int {
	if line, why := scan(text, limit, math.MaxInt); why == tooDeep {
		return line
	}
	return 0
}
