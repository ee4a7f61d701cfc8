package frontmatter

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/chronicle-tools/chronicle/corpus"
)

// sameAsDecoder fails t unless fastTOML, where it takes text, gives what
// toml.Decode gives.
func sameAsDecoder(t *testing.T, text string) (fast bool) {
	t.Helper()
	got, ok := fastTOML(text)
	if !ok {
		return false
	}
	var want any
	if _, err := toml.Decode(text, &want); err != nil {
		t.Fatalf("fastTOML took text the decoder refuses (%v):\n%s", err, text)
	}
	if want == nil {
		want = map[string]any{}
	}
	if !reflect.DeepEqual(any(got), want) {
		t.Fatalf("fastTOML and the decoder differ on\n%s\nfast:    %#v\ndecoder: %#v", text, got, want)
	}
	return true
}

func TestFastTOML(t *testing.T) {
	for _, tc := range []struct {
		text string
		fast bool // whether the fast path takes it
	}{
		{"", true},
		{"# only a comment\n\n", true},
		{`title = "A \"quoted\" word"`, false}, // escapes are the decoder's
		{`title = 'C:\path'`, true},
		{`title = "x" # a comment`, true},
		{`title = "x"# a comment`, true},
		{`title="x"`, true},
		{"\ttitle\t=\t\"x\"\t", true},
		{`title = "x" "y"`, false},
		{`title = """x"""`, false},
		{`title = "x`, false},
		{`title = `, false},
		{`= "x"`, false},
		{`"quoted key" = "x"`, false},
		{`a.b = "x"`, false},
		{"title = \"x\"\ntitle = \"y\"", false}, // duplicate: the decoder names it
		{`tags = []`, true},
		{`tags = [ "a" , 'b', ]`, true},
		{`tags = ["a",]`, true},
		{`tags = [,]`, false},
		{`tags = ["a" "b"]`, false},
		{"tags = [\n\"a\"]", false},
		{`tags = [1, 2]`, false},
		{`n = 0`, true},
		{`n = -12`, true},
		{`n = 012`, false},
		{`n = +1`, false},
		{`n = 1_000`, false},
		{`n = 1.5`, false},
		{`n = 9223372036854775807`, true},
		{`n = 9223372036854775808`, false},
		{`b = true`, true},
		{`b = false # no`, true},
		{`b = truer`, false},
		{`d = 2025-12-19`, true},
		{`d = 2025-02-30`, false},
		{`d = 2025-12-19T03:00:00`, true},
		{`d = 2025-12-19T03:00:00Z`, true},
		{`d = 2025-12-19T03:00:00+02:00`, true},
		{`d = 2025-12-19T03:00:00-05:30`, true},
		{`d = 2025-12-19t03:00:00Z`, false},
		{`d = 2025-12-19 03:00:00Z`, false},
		{`d = 2025-12-19T03:00`, false},
		{`d = 2025-12-19T03:00:00.5Z`, false},
		{`d = 2025-12-19T25:00:00Z`, false},
		{`d = 2025-12`, false},
		{`d = 03:00:00`, false},
		{"[[sources]]\nid = \"a\"\n\n[[sources]] # two\nid = \"b\"", true},
		{"[[ sources ]]\nid = \"a\"", true},
		{"sources = \"x\"\n[[sources]]\nid = \"a\"", false},
		{"[sources]\nid = \"a\"", false},
		{"[[a.b]]\nid = \"a\"", false},
		{"[[sources]\nid = \"a\"", false},
		{"x = { a = 1 }", false},
		{"title = \"x\"\r\n", false},
		{"title = \"\x00\"", false},
		{"title = \"\xff\"", false},
		{"title = \"Київ\"", true},
		{"\ufefftitle = \"x\"", false},
	} {
		if fast := sameAsDecoder(t, tc.text); fast != tc.fast {
			t.Errorf("fastTOML(%q) took it: %v, want %v", tc.text, fast, tc.fast)
		}
	}
}

// TestFastTOMLTakesNotes holds the fast path to the notes it is for: every
// generated note, and nine in ten of the shipped ones at least (all 60 of
// them today), leaving room for notes whose strings need escapes. A note
// the fast path refuses still builds, only slower.
func TestFastTOMLTakesNotes(t *testing.T) {
	gen := corpus.FS(300, 1)
	check := func(fsys fs.FS, path string) bool {
		data, err := fs.ReadFile(fsys, path)
		if err != nil {
			t.Fatal(err)
		}
		fm, _, _, problem := Split(data)
		if problem != nil {
			t.Fatalf("%s: %v", path, problem.Msg)
		}
		return sameAsDecoder(t, string(fm))
	}
	for p := range gen {
		if strings.HasSuffix(p, ".md") && !check(gen, p) {
			t.Errorf("%s: the fast path refused a generated note", p)
		}
	}
	root := os.DirFS("..")
	paths, _ := fs.Glob(root, "content/*/*/*.md")
	slow := 0
	for _, p := range paths {
		if !check(root, p) {
			slow++
		}
	}
	if len(paths) == 0 || slow*10 > len(paths) {
		t.Errorf("the fast path refused %d of the %d shipped notes", slow, len(paths))
	}
}

func FuzzFastTOML(f *testing.F) {
	for _, s := range fuzzSeeds {
		if fm, _, _, problem := Split([]byte(s)); problem == nil {
			f.Add(string(fm))
		}
	}
	for i := range 3 {
		f.Add(fmt.Sprintf("n = %d\nd = 2025-01-0%dT0%d:00:00+0%d:00\ntags = ['a', \"b\"]\n[[s]]\nb = true", i, i+1, i, i))
	}
	f.Fuzz(func(t *testing.T, text string) {
		sameAsDecoder(t, text)
		// A second call gives equal values: nothing is shared between calls.
		if a, ok := fastTOML(text); ok {
			b, _ := fastTOML(text)
			if !reflect.DeepEqual(a, b) || bytes.Contains([]byte(text), []byte{'\r'}) {
				t.Fatalf("fastTOML is not repeatable, or took a CR: %q", text)
			}
		}
	})
}
