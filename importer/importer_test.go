package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/date"
	"github.com/chronicle-tools/chronicle/scaffold"
)

func TestHTMLToMarkdown(t *testing.T) {
	for _, tc := range []struct{ in, want, dropped string }{
		{"<p>One</p><p>Two</p>", "One\n\nTwo", ""},
		{"<p>An <em>emphasis</em> and <strong>strong</strong> and <b>b</b></p>", "An *emphasis* and **strong** and **b**", ""},
		{`<p>See <a href="https://example.org/a">this</a>.</p>`, "See [this](https://example.org/a).", ""},
		{"<ul><li>one</li><li>two</li></ul>", "- one\n- two", ""},
		{"<ol><li>one</li><li>two</li></ol>", "1. one\n2. two", ""},
		{"<blockquote>Said <cite>someone</cite></blockquote>", "> Said someone", "<cite>"},
		{"plain text, no tags", "plain text, no tags", ""},
		{"a * b _ c [d]", `a \* b \_ c \[d\]`, ""},
		{"1. not a list", `1\. not a list`, ""},
		{`<p>x</p><span class="tl-note">note</span>`, "x\n\nnote", "<span class>"},
		{"line<br>break", "line\\\nbreak", ""},
		{`<img src="x.png" alt="A picture">`, "A picture", "<img>"},
	} {
		c := &mdConv{}
		got := c.convert(tc.in)
		if got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.in, got, tc.want)
		}
		if tc.dropped != "" && !c.dropped[tc.dropped] {
			t.Errorf("%q: %s not reported, got %v", tc.in, tc.dropped, c.dropped)
		}
	}
}

func TestTimelineJSDates(t *testing.T) {
	for _, tc := range []struct {
		in   tlDate
		want string
		why  string
	}{
		{tlDate{Year: "1815"}, "1815", ""},
		{tlDate{Year: "1815", Month: "12"}, "1815-12", ""},
		{tlDate{Year: "1815", Month: "12", Day: "10"}, "1815-12-10", ""},
		{tlDate{Year: "2000", Month: "01", Day: "05", Hour: "6", Minute: "45", Second: "56"}, "2000-01-05T06:45:56", ""},
		{tlDate{Year: "-500"}, "500 BCE", ""},
		{tlDate{Year: "-1"}, "1 BCE", ""},
		{tlDate{Year: "-44", Month: "3", Day: "15"}, "44 BCE", ""},
		{tlDate{Year: "-13800000000"}, "13800000000 BCE", ""},
		{tlDate{Year: "602"}, "0602", ""},
		{tlDate{Year: "800", Month: "12", Day: "25"}, "0800-12-25", ""},
		{tlDate{Year: "0"}, "", "year 0"},
		{tlDate{Year: "-100000000001"}, "", "run from 100000000000 BCE to 9999"},
		{tlDate{Year: "10000"}, "", "run from 100000000000 BCE to 9999"},
		{tlDate{Year: "1815", Month: "2", Day: "30"}, "", "not a date of the calendar"},
		{tlDate{Year: "ca. 1900"}, "", "not a whole number"},
	} {
		d, why, _ := tlToDate(&tc.in)
		if tc.why != "" {
			if !strings.Contains(why, tc.why) {
				t.Errorf("%+v: why %q, want %q", tc.in, why, tc.why)
			}
			continue
		}
		if why != "" || d.String() != tc.want {
			t.Errorf("%+v: %v (%s), want %s", tc.in, d, why, tc.want)
		}
	}
	if d, _, _ := tlToDate(&tlDate{Year: "1815", Month: "12"}); d.Prec != date.Month {
		t.Errorf("a month is of month precision, got %v", d.Prec)
	}
}

func TestDetect(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"title": {}, "events": []}`, TimelineJS},
		{`{"version": 1, "title": "x", "timezone": "UTC", "events": []}`, ChronicleJSON},
		{"Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text\n", TimelineJSCSV},
		{"id,url,title,date,date_precision,end\r\n", ChronicleCSV},
		{"\ufeffid,url,title,date,date_precision\r\n", ChronicleCSV},
		{`{"something": "else"}`, ""},
		{"a,b,c\n", ""},
	} {
		if got := detect([]byte(tc.in)); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.in, got, tc.want)
		}
	}
}

func initSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Write(dir, scaffold.Options{}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBadInput: every problem of every file, with its place, and nothing
// written.
func TestBadInput(t *testing.T) {
	dir := initSite(t)
	before := snapshot(t, dir)
	bad := writeTemp(t, "bad.json", []byte("{\"events\": [\n  {\"start_date\": {\"year\": 1900}},\n  {\"start_date\": {\"year\": [1]}}\n]}"))
	broken := writeTemp(t, "broken.json", []byte("{\"events\": [\n  {\"start_date\": }\n]}"))
	csvFile := writeTemp(t, "sheet.csv", []byte("Year,Month,Day,Time,Headline\n1900,,,25:99,Bad time\n1901,,,,\"unclosed\n"))
	_, err := Run(dir, []string{bad, broken, csvFile, filepath.Join(dir, "missing.json")}, Options{})
	errs, ok := err.(Errors)
	if !ok {
		t.Fatalf("got %v, want Errors", err)
	}
	all := errs.Error()
	for _, want := range []string{"bad.json: events[1].start_date: year \"[1]\" is not a whole number", "broken.json: line 2:", "sheet.csv", "missing.json"} {
		if !strings.Contains(all, want) {
			t.Errorf("errors lack %q:\n%s", want, all)
		}
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("a failed import wrote files")
	}
	if _, err := Run(dir, []string{bad}, Options{From: "excel"}); err == nil || !strings.Contains(err.Error(), "use one of timelinejs") {
		t.Errorf("-from excel: %v", err)
	}
	if _, err := Run(t.TempDir(), []string{bad}, Options{}); err == nil || !strings.Contains(err.Error(), "no config.toml") {
		t.Errorf("no site: %v", err)
	}
}

// TestNeverOverwrites: a note of another event keeps its id and the new
// one gets the next; a changed note of the same event is left as it is;
// two events of one day and headline get two ids.
func TestNeverOverwrites(t *testing.T) {
	dir := initSite(t)
	mine := filepath.Join(dir, "content", "1900", "1900-fair.md")
	os.MkdirAll(filepath.Dir(mine), 0o755)
	mineText := []byte("+++\ntitle = \"A fair\"\ndate = \"1900\"\nkind = \"milestone\"\ndraft = true\n+++\n")
	if err := os.WriteFile(mine, mineText, 0o644); err != nil {
		t.Fatal(err)
	}
	in := writeTemp(t, "tl.json", []byte(`{"events": [
  {"start_date": {"year": "1900"}, "text": {"headline": "Fair"}, "unique_id": "a"},
  {"start_date": {"year": "1900"}, "text": {"headline": "Fair"}, "unique_id": "b"},
  {"start_date": {"year": "1901"}, "text": {"headline": "Expo"}, "unique_id": "c", "group": "World fairs"}
]}`))
	rep, err := Run(dir, []string{in}, Options{Kind: "milestone"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Written != 3 {
		t.Fatalf("wrote %d", rep.Written)
	}
	if got, _ := os.ReadFile(mine); !bytes.Equal(got, mineText) {
		t.Errorf("the user's note changed")
	}
	for _, p := range []string{"content/1900/1900-fair-2.md", "content/1900/1900-fair-3.md", "content/1901/1901-expo.md"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	cfg, _ := os.ReadFile(filepath.Join(dir, "config.toml"))
	if !bytes.HasSuffix(cfg, []byte("[storylines.world-fairs]\ntitle = \"World fairs\"\n")) {
		t.Errorf("config.toml does not end with the new storyline:\n%s", cfg)
	}

	// The user edits an imported note: a new import leaves it alone.
	edited := filepath.Join(dir, "content/1900/1900-fair-2.md")
	text, _ := os.ReadFile(edited)
	text = append(text, "My own words.\n"...)
	os.WriteFile(edited, text, 0o644)
	rep, err = Run(dir, []string{in}, Options{Kind: "milestone"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Written != 0 || rep.Kept != 1 || rep.Unchanged != 2 {
		t.Errorf("written %d, kept %d, unchanged %d", rep.Written, rep.Kept, rep.Unchanged)
	}
	if got, _ := os.ReadFile(edited); !bytes.Equal(got, text) {
		t.Errorf("the edited note changed")
	}
}

// TestNoIDSameEvent: an event without a unique_id is known again by its
// title and date, so an edited note is kept rather than imported twice.
func TestNoIDSameEvent(t *testing.T) {
	dir := initSite(t)
	in := writeTemp(t, "tl.json", []byte(`{"events": [{"start_date": {"year": "1900", "month": "5"}, "text": {"headline": "Fair opens"}}]}`))
	if _, err := Run(dir, []string{in}, Options{}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "content/1900/05/1900-05-fair-opens.md")
	text, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(p, bytes.Replace(text, []byte("draft = true"), []byte("draft = false"), 1), 0o644)
	rep, err := Run(dir, []string{in}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Written != 0 || rep.Kept != 1 {
		t.Errorf("written %d, kept %d: want the edited note kept", rep.Written, rep.Kept)
	}
}

// TestBadChronicleJSON: a wrong date in events.json is named by its JSON
// path and the event's id.
func TestBadChronicleJSON(t *testing.T) {
	dir := initSite(t)
	in := writeTemp(t, "events.json", []byte(`{"version": 1, "timezone": "UTC", "events": [
 {"id": "a", "title": "A", "date": {"value": "2025-13-01", "precision": "day"}, "kind": "milestone", "status": "reported", "summary": "", "sources": [], "updates": [], "body_html": ""},
 {"id": "b", "title": "B", "date": {"value": "2025", "precision": "century"}, "kind": "milestone", "status": "reported", "summary": "", "sources": [], "updates": [], "body_html": ""}
]}`))
	_, err := Run(dir, []string{in}, Options{})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"events[0].date:", "(event a)", `events[1].date: precision "century"`, "(event b)"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}
