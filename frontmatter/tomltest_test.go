package frontmatter

import (
	"bufio"
	"fmt"
	"io/fs"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	tomltest "github.com/toml-lang/toml-test/v2"
)

// The official TOML test suite (toml-lang/toml-test), for the version of
// TOML that the decoder speaks: the front-matter reader (its fast path, its
// nesting guard, then the decoder) must accept every valid case with the
// decoder's very value, and refuse every invalid one. Nobody here wrote
// these cases, so they hold the fast path and the guard to the decoder on
// inputs they were not written for.

// tomlTestVersion is the TOML version BurntSushi/toml implements.
const tomlTestVersion = "1.1.0"

// tomlSuite lists the suite's cases for tomlTestVersion, "valid/..." and
// "invalid/...", each a TOML text.
func tomlSuite(t testing.TB) (valid, invalid map[string]string) {
	t.Helper()
	cases := tomltest.TestCases()
	list, err := cases.Open("files-toml-" + tomlTestVersion)
	if err != nil {
		t.Fatal(err)
	}
	defer list.Close()
	valid, invalid = map[string]string{}, map[string]string{}
	sc := bufio.NewScanner(list)
	for sc.Scan() {
		name := sc.Text()
		if !strings.HasSuffix(name, ".toml") {
			continue
		}
		data, err := fs.ReadFile(cases, name)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(name, "valid/") {
			valid[name] = string(data)
		} else {
			invalid[name] = string(data)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(valid) < 150 || len(invalid) < 300 {
		t.Fatalf("the suite has %d valid and %d invalid cases: not the suite", len(valid), len(invalid))
	}
	return valid, invalid
}

// collect is a report function that gathers the problems in list.
func collect(list *[]Problem) func(Problem) {
	return func(p Problem) { *list = append(*list, p) }
}

func TestTOMLSuite(t *testing.T) {
	valid, invalid := tomlSuite(t)
	accepted, refused := 0, 0
	for name, text := range valid {
		var want any
		if _, err := toml.Decode(text, &want); err != nil {
			t.Errorf("%s: the decoder refuses a valid case: %v", name, err)
			continue
		}
		if line, why := guard(text); why != withinLimits {
			t.Errorf("%s: the guard refuses a valid case at line %d (%v)", name, line, why)
		}
		var problems []Problem
		d := Decode(text, 0, collect(&problems))
		if d == nil {
			t.Errorf("%s: refused: %v", name, problems)
			continue
		}
		if !reflect.DeepEqual(d.Root(), want) && fmt.Sprintf("%#v", d.Root()) != fmt.Sprintf("%#v", want) { // NaN != NaN
			t.Errorf("%s: read as\n%#v\nthe decoder gives\n%#v", name, d.Root(), want)
			continue
		}
		accepted++
	}
	// The decoder lets a few invalid cases through (redefined tables and
	// keys, mostly); the reader must still agree with it, the parser of
	// record, and refuse everything else.
	var lenient []string
	for name, text := range invalid {
		var problems []Problem
		ok := Decode(text, 0, collect(&problems)) != nil
		var v any
		_, err := toml.Decode(text, &v)
		switch {
		case ok && err == nil:
			lenient = append(lenient, name)
		case ok:
			t.Errorf("%s: an invalid case that the decoder refuses was accepted:\n%s", name, text)
		case err == nil:
			t.Errorf("%s: refused where the decoder accepts it: %v", name, problems)
		case len(problems) == 0 || problems[0].Line < 1:
			t.Errorf("%s: refused without a line: %v", name, problems)
		default:
			refused++
		}
	}
	slices.Sort(lenient)
	t.Logf("toml-test %s: %d of %d valid cases accepted with the decoder's value; %d of %d invalid cases refused, and %d let through as the decoder does: %s",
		tomlTestVersion, accepted, len(valid), refused, len(invalid), len(lenient), strings.Join(lenient, " "))
	if len(lenient) > 20 {
		t.Errorf("%d invalid cases accepted: more than the decoder's known leniency", len(lenient))
	}
}

// TestTOMLSuiteAsNotes reads each case of the suite as a note's front
// matter, with LF and with CRLF line ends. The reader agrees with the
// decoder, but for one documented difference: line ends in multi-line
// strings read as LF whatever the file has.
func TestTOMLSuiteAsNotes(t *testing.T) {
	valid, invalid := tomlSuite(t)
	agreed, crRefused := 0, 0
	for _, cases := range []map[string]string{valid, invalid} {
		for name, text := range cases {
			for _, crlf := range []bool{false, true} {
				src := "+++\n" + text + "\n+++\nBody.\n"
				if crlf {
					src = strings.ReplaceAll(strings.ReplaceAll(src, "\r\n", "\n"), "\n", "\r\n")
				}
				// What the decoder would read: the front matter as the
				// file holds it, its line ends LF.
				var want any
				_, werr := toml.Decode(strings.ReplaceAll(text+"\n", "\r\n", "\n"), &want)
				loneCR := strings.Contains(strings.ReplaceAll(src, "\r\n", ""), "\r")
				var problems []Problem
				fm, _, _, problem := Split([]byte(src))
				var d *Doc
				if problem == nil {
					d = Decode(string(fm), 1, collect(&problems))
				}
				ok := d != nil
				switch {
				case loneCR && ok:
					t.Errorf("%s (CRLF %v): a carriage return alone was accepted", name, crlf)
				case loneCR:
					crRefused++
				case ok != (werr == nil):
					t.Errorf("%s (CRLF %v): read %v, the decoder %v: %v %v", name, crlf, ok, werr, problem, problems)
				case ok && !reflect.DeepEqual(d.Root(), want) && fmt.Sprintf("%#v", d.Root()) != fmt.Sprintf("%#v", want):
					t.Errorf("%s (CRLF %v): read as\n%#v\nthe decoder gives\n%#v", name, crlf, d.Root(), want)
				default:
					agreed++
				}
			}
		}
	}
	t.Logf("%d readings of the suite's %d cases as notes, with LF and CRLF, agree with the decoder; %d with a carriage return alone are refused",
		agreed, len(valid)+len(invalid), crRefused)
}
