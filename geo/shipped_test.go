package geo

import (
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/slug"
)

// shippedPoints reads the repository's places.toml and counts, as the
// renderer will, the notes under content/ that name each place.
func shippedPoints(t testing.TB) []Point {
	t.Helper()
	src, err := os.ReadFile("../places.toml")
	if err != nil {
		t.Fatal(err)
	}
	places, err := ParsePlaces("places.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	line := regexp.MustCompile(`(?m)^places = \[(.*)\]`)
	name := regexp.MustCompile(`"([^"]+)"`)
	err = filepath.WalkDir("../content", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		if m := line.FindSubmatch(b); m != nil {
			for _, n := range name.FindAllSubmatch(m[1], -1) {
				if pl, ok := places.Find(string(n[1])); ok {
					counts[pl.Name]++
				}
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	var pts []Point
	for _, pl := range places.List {
		if counts[pl.Name] > 0 && pl.Unlocated == "" {
			pts = append(pts, Point{Name: pl.Name, Lat: pl.Lat, Lon: pl.Lon, Kind: pl.Kind,
				Count: counts[pl.Name], URL: "/places/" + slug.Make(pl.Name) + "/"})
		}
	}
	return pts
}

func wellFormed(t *testing.T, svg []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
	}
}

func TestShippedMap(t *testing.T) {
	pts := shippedPoints(t)
	if len(pts) < 40 {
		t.Fatalf("only %d located places with events", len(pts))
	}
	dir := t.TempDir()
	for _, w := range []int{1280, 390} {
		a := Map(NaturalEarth(), pts, Options{Width: w, Title: "Where the events happened"})
		b := Map(NaturalEarth(), pts, Options{Width: w, Title: "Where the events happened"})
		if !bytes.Equal(a, b) {
			t.Fatalf("width %d: two draws differ", w)
		}
		wellFormed(t, a)
		for _, p := range pts {
			if !bytes.Contains(a, []byte(`href="`+p.URL+`"`)) {
				t.Errorf("width %d: no link to %s", w, p.URL)
			}
		}
		name := filepath.Join(dir, "map-"+strconv.Itoa(w)+".svg")
		if err := os.WriteFile(name, a, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("width %d: %d bytes", w, len(a))
	}
	// The order of the input must not matter.
	rev := append([]Point(nil), pts...)
	sort.Slice(rev, func(i, j int) bool { return rev[i].Name > rev[j].Name })
	if !bytes.Equal(Map(NaturalEarth(), pts, Options{Width: 800}), Map(NaturalEarth(), rev, Options{Width: 800})) {
		t.Fatal("the map depends on the order of the points")
	}
	rows := Rows(pts)
	if len(rows) != len(pts) || rows[0].Count < rows[len(rows)-1].Count {
		t.Fatalf("rows not sorted by count: %+v", rows)
	}
}

// TestShippedPlacesCovered checks that every place the shipped notes name is
// either located in places.toml or listed there as without coordinates, so a
// new place in content/ is not silently left off the map.
func TestShippedPlacesCovered(t *testing.T) {
	src, err := os.ReadFile("../places.toml")
	if err != nil {
		t.Fatal(err)
	}
	places, err := ParsePlaces("places.toml", src)
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^places = \[(.*)\]`)
	name := regexp.MustCompile(`"([^"]+)"`)
	err = filepath.WalkDir("../content", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		b, err := os.ReadFile(path)
		if m := line.FindSubmatch(b); m != nil {
			for _, n := range name.FindAllSubmatch(m[1], -1) {
				p := string(n[1])
				if _, ok := places.Find(p); !ok {
					t.Errorf("%s: place %q is not in places.toml, with a point or unlocated (run scripts/geo-places.sh)", path, p)
				}
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
