package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/scaffold"
	"github.com/chronicle-tools/chronicle/site"
)

// TestTimelineJSExamples imports TimelineJS's own example timelines: each
// into a new chronology that then passes check (its drafts' problems are
// warnings), with the summary naming what was guessed or left out, and a
// second import changes nothing.
func TestTimelineJSExamples(t *testing.T) {
	for _, tc := range []struct {
		file    string
		written int
		says    []string
	}{
		{"cosmo.json", 7, []string{"content/13800000000-bce/13800000000-bce-the-big-bang.md", "title slide: not an event"}},
		{"eras.json", 20, []string{"content/0622/08/0622-08-09-muhammad-migrates-from-mecca-to-medina.md", "eras: not events"}},
		{"houston_timeline3.json", 18, []string{"kind guessed", "no source", "media that is not an address left out"}},
		{"twain_marktwain.json", 17, []string{"no headline: title made from the text", "background left out", "media made a source"}},
		{"women_in_computing.json", 10, []string{"link made a source: publisher guessed from the host", "HTML kept as text: <span class>"}},
		{"my-own-timeline.csv", 10, []string{"link made a source", "title slide: not an event (type)"}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if _, err := scaffold.Write(dir, scaffold.Options{}); err != nil {
				t.Fatal(err)
			}
			in := filepath.Join("testdata", "timelinejs", tc.file)
			rep, err := Run(dir, []string{in}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			rep.Print(&out)
			if rep.Written != tc.written || rep.Drafts != tc.written {
				t.Errorf("wrote %d notes, %d drafts; want %d drafts:\n%s", rep.Written, rep.Drafts, tc.written, out.String())
			}
			for _, s := range tc.says {
				if !strings.Contains(out.String(), s) {
					t.Errorf("summary lacks %q:\n%s", s, out.String())
				}
			}
			diags := site.Check(os.DirFS(dir), site.Options{})
			if diags.Errors() > 0 {
				t.Errorf("check after import:\n%v", diags)
			}
			if tc.written > 0 {
				buildSite(t, dir, false) // drafts left out do not stop a build
			}
			again, err := Run(dir, []string{in}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if again.Written != 0 || again.Unchanged != tc.written {
				t.Errorf("second import wrote %d, left %d unchanged", again.Written, again.Unchanged)
			}
		})
	}
}
