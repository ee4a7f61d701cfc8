package site

import (
	"reflect"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/internal/testsite"
)

// TestParseExtra reads each type of value an [extra] table may hold, on a
// note and on a source, in each way TOML writes a table.
func TestParseExtra(t *testing.T) {
	tests := []struct {
		name        string
		top, source string
		want        []Extra // the note's
		wantSource  []Extra
	}{
		{"string", "[extra]\nnote = \"x\"\n", "", []Extra{{"note", "x"}}, nil},
		{"integer", "[extra]\nimportance = 4\n", "", []Extra{{"importance", int64(4)}}, nil},
		{"float", "[extra]\nscore = 0.5\n", "", []Extra{{"score", 0.5}}, nil},
		{"boolean", "[extra]\nchecked = false\n", "", []Extra{{"checked", false}}, nil},
		{"day", "[extra]\nseen = 2025-12-20\n", "", []Extra{{"seen", date.Date{Year: 2025, Month: 12, Day: 20, Prec: date.Day}}}, nil},
		{"local datetime", "[extra]\nseen = 2025-12-20T10:30:00\n", "",
			[]Extra{{"seen", date.Date{Year: 2025, Month: 12, Day: 20, Hour: 10, Min: 30, Prec: date.Minute}}}, nil},
		{"offset datetime", "[extra]\nseen = 2025-12-20T10:30:00+02:00\n", "",
			[]Extra{{"seen", date.Date{Year: 2025, Month: 12, Day: 20, Hour: 10, Min: 30, OffsetSec: 7200, Prec: date.Offset}}}, nil},
		{"a month stays a string", "[extra]\nmonth = \"2025-12\"\n", "", []Extra{{"month", "2025-12"}}, nil},
		{"array", "[extra]\nlabels = [\"a\", 2, true, 2025-12-20]\n", "",
			[]Extra{{"labels", []any{"a", int64(2), true, date.Date{Year: 2025, Month: 12, Day: 20, Prec: date.Day}}}}, nil},
		{"sorted keys", "[extra]\nzeta = 1\nalpha = 2\nmid = 3\n", "", []Extra{{"alpha", int64(2)}, {"mid", int64(3)}, {"zeta", int64(1)}}, nil},
		{"inline", "extra = {b = 1, a = \"x\"}\n", "", []Extra{{"a", "x"}, {"b", int64(1)}}, nil},
		{"dotted", "extra.importance = 3\n", "", []Extra{{"importance", int64(3)}}, nil},
		{"source table", "", "\n[sources.extra]\ntier = 2\n", nil, []Extra{{"tier", int64(2)}}},
		{"source inline", "", "extra = {tier = \"A\", reliable = true}\n", nil, []Extra{{"reliable", true}, {"tier", "A"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, diags := parseNote("content/a.md", "a", []byte(testsite.ExtraNote(tt.top, tt.source)))
			if diags.Errors() > 0 {
				t.Fatalf("problems: %v", diags.Error())
			}
			if !reflect.DeepEqual(e.Extra, tt.want) {
				t.Errorf("note extra %#v, want %#v", e.Extra, tt.want)
			}
			if !reflect.DeepEqual(e.Sources[0].Extra, tt.wantSource) {
				t.Errorf("source extra %#v, want %#v", e.Sources[0].Extra, tt.wantSource)
			}
		})
	}
}

// TestParseExtraRefused holds the problems with extra to their file, their
// line and a way out.
func TestParseExtraRefused(t *testing.T) {
	tests := []struct {
		name        string
		top, source string
		want        string
	}{
		{"nested table", "[extra]\nok = 1\n[extra.deep]\nx = 1\n", "",
			`content/a.md:7: extra.deep is a table: extra holds plain values, not tables; write each as a key of its own (extra.a_b = 1)`},
		{"inline nested table", "[extra]\ndeep = {x = 1}\n", "",
			`content/a.md:6: extra.deep is a table: extra holds plain values, not tables`},
		{"nested array", "[extra]\nlist = [[1, 2]]\n", "",
			`content/a.md:6: extra.list item 1 is an array: an array of extra holds plain values only`},
		{"array of tables", "[extra]\n[[extra.rows]]\nx = 1\n", "",
			`extra.rows is an array of tables: extra holds plain values, not tables`},
		{"time of day", "[extra]\nat = 10:30:00\n", "",
			`content/a.md:6: extra.at a time of day alone is not a date`},
		{"nan", "[extra]\nscore = nan\n", "",
			`content/a.md:6: extra.score must be a finite number, not nan or inf`},
		{"not a table", "extra = 3\n", "",
			`content/a.md:5: extra must be a table of your own fields, not a number: write them under [extra]`},
		{"source nested table", "", "\n[sources.extra]\nok = 1\nrating = {x = 1}\n",
			`content/a.md:15: extra.rating is a table`},
		{"source not a table", "", "extra = \"A\"\n",
			`content/a.md:12: extra must be a table of your own fields, not a string: write them under [sources.extra], after the keys of its [[sources]] table`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := parseNote("content/a.md", "a", []byte(testsite.ExtraNote(tt.top, tt.source)))
			if got := diags.Error(); !strings.Contains(got, tt.want) {
				t.Errorf("want a problem containing\n  %s\ngot\n  %s", tt.want, got)
			}
		})
	}
}
