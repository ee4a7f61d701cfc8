package geo

import (
	"errors"
	"strings"
	"testing"
)

func TestParsePlaces(t *testing.T) {
	good := `# a comment
["Odesa"]
lat = 46.48572
lon = 30.74383
kind = "city"
aliases = ["Odesa region"]
source = "GeoNames"

[Kyiv]
lat = 50
lon = 30.5
`
	p, err := ParsePlaces("places.toml", []byte(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(p.List) != 2 || p.List[0].Name != "Kyiv" || p.List[1].Line != 2 {
		t.Fatalf("got %+v", p.List)
	}
	if pl, ok := p.Find("Odesa region"); !ok || pl.Name != "Odesa" || pl.Lat != 46.48572 {
		t.Fatalf("alias: %+v %v", pl, ok)
	}
	if _, ok := p.Find("Lviv"); ok {
		t.Fatal("found a place that is not there")
	}

	for _, tc := range []struct {
		name, src string
		want      []string // substrings of the errors, in order
	}{
		{"lat out of range", "[A]\nlat = 91\nlon = 0\n", []string{"places.toml:2:", "lat = 91 is out of range", "swapped"}},
		{"lon out of range", "[A]\nlat = 0\nlon = -180.5\n", []string{"places.toml:3:", "lon = -180.5"}},
		{"missing lon", "[A]\nlat = 1\n", []string{"places.toml:1:", `"A" has no lon`}},
		{"unknown key", "[A]\nlat = 1\nlon = 2\nlatitude = 3\n", []string{"places.toml:4:", `unknown key "latitude"`}},
		{"did you mean", "[A]\nlat = 1\nlon = 2\nalias = []\n", []string{`did you mean "aliases"?`}},
		{"unknown kind", "[A]\nlat = 1\nlon = 2\nkind = \"ctiy\"\n", []string{"places.toml:4:", `did you mean "city"?`}},
		{"not a number", "[A]\nlat = \"1\"\nlon = 2\n", []string{"places.toml:2:", "not a number"}},
		{"bad aliases", "[A]\nlat = 1\nlon = 2\naliases = [1]\n", []string{"places.toml:4:", "not a list of names"}},
		{"name twice", "[A]\nlat = 1\nlon = 2\n[\"A\"]\nlat = 1\nlon = 2\n", []string{"places.toml:4:"}},
		{"alias is a place", "[A]\nlat = 1\nlon = 2\naliases = [\"B\"]\n[B]\nlat = 3\nlon = 4\n", []string{"places.toml:4:", `alias "B" is also a place`}},
		{"alias twice", "[A]\nlat = 1\nlon = 2\naliases = [\"C\"]\n[B]\nlat = 3\nlon = 4\naliases = [\"C\"]\n", []string{"places.toml:8:", `already an alias of "A"`}},
		{"syntax", "[A\nlat = 1\n", []string{"places.toml:", "end table name"}},
		{"unlocated and a point", "[A]\nlat = 1\nlon = 2\nunlocated = \"no record\"\n", []string{"places.toml:2:", `both lat and unlocated`, "places.toml:3:"}},
		{"unlocated empty", "[A]\nunlocated = \" \"\n", []string{"places.toml:2:", "unlocated is empty"}},
		{"all at once", "[A]\nlat = 100\nlon = 2\n[B]\nlat = 1\nlon = 200\n", []string{"places.toml:2:", "places.toml:6:"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParsePlaces("places.toml", []byte(tc.src))
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("err = %v, want Errors", err)
			}
			msg := err.Error()
			at := 0
			for _, w := range tc.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("error %q lacks %q (in order)", msg, w)
				}
				at += i
			}
		})
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"lat", "lat", 0}, {"lta", "lat", 2}, {"alias", "aliases", 2}, {"Київ", "Киів", 1}} {
		if d := distance(tc.a, tc.b); d != tc.d {
			t.Errorf("distance(%q, %q) = %d, want %d", tc.a, tc.b, d, tc.d)
		}
	}
}
