package site

import (
	"strings"
	"testing"

	"github.com/chronicle-tools/chronicle/internal/testsite"
)

// TestPlacesFile: a site with places.toml is told, once a place, of the
// places its notes name that the file lacks; a place marked unlocated is
// known; the file's errors are errors, with their lines.
func TestPlacesFile(t *testing.T) {
	tests := []struct {
		name, places string
		want         []string // the diagnostics, in order
	}{
		{"no file, no warning", "", nil},
		{"every place located", "[\"Odesa region\"]\nlat = 46.5\nlon = 30.7\n[Pivdennyi]\nunlocated = \"no record\"\n", nil},
		{"one missing", "[\"Odesa region\"]\nlat = 46.5\nlon = 30.7\n", []string{
			`places.toml: warning: place "Pivdennyi" (2 events, first in content/a.md) has no coordinates: add ["Pivdennyi"] with lat, lon`,
		}},
		{"an alias locates it", "[\"Odesa region\"]\nlat = 46.5\nlon = 30.7\naliases = [\"Pivdennyi\"]\n", nil},
		{"a bad file", "[\"Odesa region\"]\nlat = 146.5\nlon = 30.7\n", []string{
			`places.toml:2: place "Odesa region": lat = 146.5 is out of range: lat is in decimal degrees between -90 and 90; were lat and lon swapped?`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			note := strings.Replace(testsite.Note, `places = ["Odesa region"]`, `places = ["Odesa region", "Pivdennyi"]`, 1)
			files := map[string]string{"content/a.md": note, "content/b.md": note}
			if tt.places != "" {
				files["places.toml"] = tt.places
			}
			diags := Check(testsite.FS(files), Options{})
			if len(diags) != len(tt.want) {
				t.Fatalf("want %d problems, got:\n%v", len(tt.want), diags)
			}
			for i, d := range diags {
				if !strings.HasPrefix(d.String(), tt.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s", i, d, tt.want[i])
				}
			}
		})
	}
}
