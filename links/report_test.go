package links

import (
	"strings"
	"testing"
)

func TestReport(t *testing.T) {
	res := map[string]*Result{
		"https://ok/":       {URL: "https://ok/", Status: OK},
		"https://gone/":     {URL: "https://gone/", Status: Gone, Detail: "404 Not Found"},
		"https://down/":     {URL: "https://down/", Status: Unreachable, Detail: "connection refused"},
		"https://moved/":    {URL: "https://moved/", Status: Moved, MovedTo: "https://new/"},
		"https://archive/":  {URL: "https://archive/", Status: OK, Cached: true},
		"https://archive2/": {URL: "https://archive2/", Status: Gone, Detail: "410 Gone"},
		"https://local/":    {URL: "https://local/", Status: Refused, Detail: "127.0.0.1 is a loopback address"},
	}
	sources := []Source{
		{Path: "b.md", URL: "https://gone/", URLLine: 9},
		{Path: "a.md", URL: "https://ok/", URLLine: 5},
		{Path: "a.md", URL: "https://gone/", URLLine: 12, Archived: "https://archive/", ArchivedLine: 13},
		{Path: "a.md", URL: "https://down/", URLLine: 20, Archived: "https://archive2/", ArchivedLine: 21},
		{Path: "a.md", URL: "https://moved/", URLLine: 30},
		{Path: "c.md", URL: "https://local/", URLLine: 3},
		{Path: "d.md", URL: "https://down/", URLLine: 4}, // cited twice: one address in the summary
	}
	got, sum := Report(sources, res)
	want := []struct {
		path  string
		line  int
		err   bool
		kind  string
		words string
	}{
		{"a.md", 12, false, "covered", "https://gone/ is gone (404 Not Found); its archived copy answers: https://archive/"},
		{"a.md", 20, true, "unreachable", "link does not answer: https://down/ (connection refused)"},
		{"a.md", 21, true, "gone", "archived copy is gone: https://archive2/ (410 Gone)"},
		{"a.md", 30, false, "moved", "https://moved/ is now https://new/"},
		{"b.md", 9, true, "gone", `link is gone: https://gone/ (404 Not Found); if it is gone for good, add archived =`},
		{"c.md", 3, true, "refused", "link not checked: https://local/ (127.0.0.1 is a loopback address)"},
		{"d.md", 4, true, "unreachable", "link does not answer: https://down/ (connection refused)"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d findings, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Path != w.path || g.Line != w.line || g.Error != w.err || g.Kind != w.kind || !strings.Contains(g.Msg, w.words) {
			t.Errorf("finding %d: %+v\nwant %s:%d error=%v %s %q", i, g, w.path, w.line, w.err, w.kind, w.words)
		}
	}
	if sum.Errors != 5 || sum.Links != 7 || sum.Cached != 1 {
		t.Errorf("summary %+v", sum)
	}
	if s := sum.String(); s != "7 links checked (1 from the cache): 2 gone, 1 not answering, 1 refused, 1 covered by an archived copy, 1 moved" {
		t.Errorf("summary line %q", s)
	}
	if s := (Summary{Links: 1}).String(); s != "1 link checked: all fine" {
		t.Errorf("summary line %q", s)
	}
}
