package importer

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/build"
	"github.com/chronicle-tools/chronicle/scaffold"
	"github.com/chronicle-tools/chronicle/site"
)

// buildSite builds the site in dir in memory.
func buildSite(t *testing.T, dir string, drafts bool) build.Files {
	t.Helper()
	res, err := build.Build(os.DirFS(dir), site.Options{Drafts: drafts})
	if err != nil {
		t.Fatalf("build %s: %v", dir, err)
	}
	return res.Files
}

// newSite is a chronology as chronicle init writes it, on the shipped
// chronology's clock: times in events.json are given on the site's clock,
// so a site on another clock shows the same instants written otherwise.
func newSite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := scaffold.Write(dir, scaffold.Options{}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.toml")
	cfg, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg = regexp.MustCompile(`(?m)^timezone = ".*"$`).ReplaceAll(cfg, []byte(`timezone = "Europe/Kyiv"`))
	if err := os.WriteFile(path, cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// events is the events array of events.json, with the site's address
// taken out: all that an import carries.
func events(t *testing.T, data []byte, base string) []byte {
	t.Helper()
	i := bytes.Index(data, []byte(`"events": [`))
	if i < 0 {
		t.Fatalf("no events in events.json")
	}
	return bytes.ReplaceAll(data[i:], []byte(base), []byte("BASE/"))
}

// TestRoundTripJSON imports the shipped chronology's events.json into a new
// site and builds it: every event comes out the same, bodies included.
func TestRoundTripJSON(t *testing.T) {
	shipped := buildSite(t, "..", false)
	in := writeTemp(t, "events.json", shipped["events.json"])
	dir := newSite(t)
	rep, err := Run(dir, []string{in}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	rep.Print(&out)
	n := bytes.Count(shipped["events.json"], []byte(`"body_html"`))
	if rep.Written != n || rep.Drafts != 0 {
		t.Fatalf("wrote %d notes (%d drafts) of %d events:\n%s", rep.Written, rep.Drafts, n, out.String())
	}
	again := buildSite(t, dir, false)
	want := events(t, shipped["events.json"], "https://example.github.io/chronology/")
	got := events(t, again["events.json"], "https://example.org/")
	if !bytes.Equal(got, want) {
		t.Errorf("events.json differs after the round trip:\n%s", firstDiff(string(want), string(got)))
	}

	// The same file again changes nothing, and says so.
	before := snapshot(t, dir)
	rep, err = Run(dir, []string{in}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	out.Reset()
	rep.Print(&out)
	if rep.Written != 0 || rep.Unchanged != n || !strings.Contains(out.String(), "Nothing changed") {
		t.Errorf("second import:\n%s", out.String())
	}
	if after := snapshot(t, dir); after != before {
		t.Errorf("the second import changed files")
	}
}

// TestRoundTripCSV does the same with events.csv, as far as it holds the
// data: without bodies or updates, its notes are drafts, built with them.
func TestRoundTripCSV(t *testing.T) {
	shipped := buildSite(t, "..", false)
	in := writeTemp(t, "events.csv", shipped["events.csv"])
	dir := newSite(t)
	rep, err := Run(dir, []string{in}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Written == 0 || rep.Drafts != rep.Written {
		t.Fatalf("wrote %d notes, %d drafts", rep.Written, rep.Drafts)
	}
	again := buildSite(t, dir, true)
	want, all := readRows(t, shipped["events.csv"]), readRows(t, again["events.csv"])
	// Built with drafts, the site has chronicle init's example too.
	got := all[:1]
	for _, row := range all[1:] {
		if !strings.HasSuffix(row[0], "-this-chronology-begins") {
			got = append(got, row)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d", len(got), len(want))
	}
	head := want[0]
	for i := 1; i < len(want); i++ {
		for j, col := range head {
			switch col {
			case "url": // the base URL
				continue
			case "updated": // the corrections log is not in events.csv
				if want[i][j] != want[i][head2(head, "date")] {
					continue
				}
			}
			if got[i][j] != want[i][j] {
				t.Errorf("row %d (%s), %s: got %q, want %q", i+1, want[i][0], col, got[i][j], want[i][j])
			}
		}
	}
}

func head2(head []string, col string) int {
	for i, h := range head {
		if h == col {
			return i
		}
	}
	return -1
}

func readRows(t *testing.T, data []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// snapshot is every file under dir with its bytes, as one string.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p + "\n" + string(data) + "\n")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return "want ..." + a[lo:min(len(a), i+200)] + "\ngot  ..." + b[lo:min(len(b), i+200)]
}
