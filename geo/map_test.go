package geo

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestMapInsetsAndMarkup(t *testing.T) {
	pts := []Point{
		{Name: "Kyiv", Lat: 50.45, Lon: 30.52, Count: 9, Kind: "city", URL: "/places/kyiv/"},
		{Name: "Odesa region", Lat: 46.48, Lon: 30.73, Count: 4, Kind: "region", URL: "/places/odesa-region/"},
		{Name: "Black Sea", Lat: 43.4, Lon: 34.0, Count: 2, Kind: "sea", URL: "/places/black-sea/"},
		{Name: "Port <&>", Lat: 46.6, Lon: 31.1, Count: 1, Kind: "site", URL: "/places/port/?a=1&b=2"},
		{Name: "Washington", Lat: 38.9, Lon: -77.04, Count: 3, Kind: "city", URL: "/places/washington/"},
		{Name: "Miami", Lat: 25.77, Lon: -80.19, Count: 2, Kind: "city", URL: "/places/miami/"},
	}
	svg := Map(NaturalEarth(), pts, Options{Width: 800, ID: "m1"})
	wellFormed(t, svg)
	s := string(svg)
	for _, want := range []string{
		`<title id="m1-t">Map of places</title>`,
		`aria-labelledby="m1-t m1-d"`,
		`<a href="/places/port/?a=1&amp;b=2" aria-label="Port &lt;&amp;&gt; (site): 1 event">`,
		`aria-label="Kyiv (city): 9 events"`,
		"Far from the main map:",
		"<circle", "<rect", "<polygon", // a shape per kind, never colour alone
	} {
		if !strings.Contains(s, want) {
			t.Errorf("map lacks %q", want)
		}
	}
	// Washington and Miami share one inset: two panels, each with its clip path.
	if n := strings.Count(s, "<clipPath"); n != 2 {
		t.Errorf("%d panels, want 2 (main and one inset)", n)
	}
	// No points: still a valid map of the world, with no insets.
	wellFormed(t, Map(NaturalEarth(), nil, Options{Width: 390}))
	// Rows carry every point, most events first.
	rows := Rows(pts)
	if len(rows) != len(pts) || rows[0].Name != "Kyiv" || rows[len(rows)-1].Name != "Port <&>" {
		t.Errorf("rows = %+v", rows)
	}
}

func TestClusters(t *testing.T) {
	pts := []Point{
		{Name: "Kyiv", Lat: 50.45, Lon: 30.52, Count: 5},
		{Name: "Fastiv", Lat: 50.08, Lon: 29.92, Count: 1},
		{Name: "Washington", Lat: 38.9, Lon: -77.04, Count: 3},
		{Name: "Miami", Lat: 25.77, Lon: -80.19, Count: 4},
		{Name: "Bishkek", Lat: 42.87, Lon: 74.59, Count: 1},
	}
	got := fmt.Sprint(clusters(sorted(pts), 700))
	// Washington-Miami is 1,480 km: two clusters there, ordered by events.
	want := "[[{Kyiv 50.45 30.52 5  } {Fastiv 50.08 29.92 1  }] [{Miami 25.77 -80.19 4  }] [{Washington 38.9 -77.04 3  }] [{Bishkek 42.87 74.59 1  }]]"
	if got != want {
		t.Errorf("clusters:\n got %s\nwant %s", got, want)
	}
}

func TestDecodeOutlines(t *testing.T) {
	o := NaturalEarth()
	if len(o.rings) < 1000 {
		t.Fatalf("%d rings", len(o.rings))
	}
	for _, bad := range [][]byte{nil, []byte("CHRONICLE-OUTLINES-1\n"), []byte(outlinesMagic + "\x01\x05\x02")} {
		if _, err := decodeOutlines(bad); err == nil {
			t.Errorf("decodeOutlines(%q) succeeded", bad)
		}
	}
}

func TestTenths(t *testing.T) {
	for n, want := range map[int]string{0: "0", 5: ".5", -5: "-.5", 12: "1.2", 120: "12", -1234: "-123.4"} {
		if got := tenths(n); got != want {
			t.Errorf("tenths(%d) = %q, want %q", n, got, want)
		}
	}
}

// benchPoints are n places in a few dense clusters and a scattered tail, the
// same on every run.
func benchPoints(n int) []Point {
	r := rand.New(rand.NewPCG(1, 2))
	centres := [][2]float64{{49, 32}, {52, 5}, {35, -80}, {25, 55}}
	pts := make([]Point, n)
	for i := range pts {
		c := centres[i%len(centres)]
		lat, lon := c[0]+r.NormFloat64()*3, c[1]+r.NormFloat64()*5
		if i%10 == 9 { // the long tail: anywhere
			lat, lon = r.Float64()*120-60, r.Float64()*360-180
		}
		pts[i] = Point{Name: fmt.Sprintf("Place %03d", i), Lat: lat, Lon: lon,
			Count: 1 + int(r.ExpFloat64()*5), Kind: Kinds[i%len(Kinds)], URL: fmt.Sprintf("/places/place-%03d/", i)}
	}
	return pts
}

func BenchmarkMap(b *testing.B) {
	pts := benchPoints(300)
	o := NaturalEarth()
	var svg []byte
	for b.Loop() {
		svg = Map(o, pts, Options{Width: 1280})
	}
	b.ReportMetric(float64(len(svg)), "svg-bytes")
	if !bytes.HasSuffix(svg, []byte("</svg>\n")) {
		b.Fatal("truncated SVG")
	}
}
