package frontmatter

import (
	"reflect"
	"testing"
)

// TestDoc reads values of each type, and reports a value of the wrong type
// at its file line: the line of its key, or of the table it is in.
func TestDoc(t *testing.T) {
	const text = `title = "T"
draft = "yes"
menu = 3
tags = ["a", 1, " "]

[[sources]]
id = "s"
url = 4
`
	var got []Problem
	d := Decode(text, 1, collect(&got))
	if d == nil {
		t.Fatalf("refused: %v", got)
	}
	root := d.Root()
	if s := d.Str(root, "", "title"); s != "T" {
		t.Errorf("title %q", s)
	}
	if n, ok := d.Int(root, "", "menu"); n != 3 || !ok {
		t.Errorf("menu %d %v", n, ok)
	}
	if tags := d.Strings(root, "", "tags"); !reflect.DeepEqual(tags, []string{"a"}) {
		t.Errorf("tags %q", tags)
	}
	d.Bool(root, "", "draft")
	sources := d.Tables(root, "sources")
	if len(sources) != 1 {
		t.Fatalf("sources %v", sources)
	}
	d.Str(sources[0], "sources.0", "url")
	d.Warnf("sources.0.published", "no published date")
	want := []Problem{
		{Line: 5, Msg: "tags: item 2 must be a string, not a number"},
		{Line: 5, Msg: "tags: item 3 is empty"},
		{Line: 3, Msg: "draft must be true or false, not a string"},
		{Line: 9, Msg: "url must be a string in quotes, not a number"},
		{Line: 7, Msg: "no published date", Warning: true},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n%v\nwant\n%v", got, want)
	}
}

// TestDecodeProblems: the decoder's error and the guard's, at their file
// lines.
func TestDecodeProblems(t *testing.T) {
	for _, tt := range []struct {
		text string
		want Problem
	}{
		{"a = 1\nb = 2 oops\n", Problem{Line: 3, Col: 6, Msg: "invalid TOML: expected a top-level item to end with a newline, comment, or EOF, but got 'o' instead"}},
		{"a = 1\nb = " + nestedDeep(40, false, "1") + "\n", Problem{Line: 3, Msg: "invalid TOML: nested more than 32 deep (arrays, inline tables and the parts of dotted keys): no field needs more than three levels; remove the extra ones"}},
	} {
		var got []Problem
		if d := Decode(tt.text, 1, collect(&got)); d != nil || len(got) != 1 || got[0] != tt.want {
			t.Errorf("Decode(%q): %v, want %v", tt.text, got, tt.want)
		}
	}
}

// TestKeyLinesSubtable puts a [name.sub] table after [[name]] tables under
// the last of them, where TOML puts it.
func TestKeyLinesSubtable(t *testing.T) {
	text := "[[sources]]\nid = \"a\"\n[[sources]]\nid = \"b\"\n[sources.extra]\ntier = 2\n[other.x]\ny = 1\n"
	lines := KeyLines(text)
	for key, want := range map[string]int{"sources.1.extra": 5, "sources.1.extra.tier": 6, "other.x.y": 8} {
		if lines[key] != want {
			t.Errorf("%s on line %d, want %d (all: %v)", key, lines[key], want, lines)
		}
	}
}
