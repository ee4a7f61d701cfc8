package export

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"

	"github.com/chronicle-tools/chronicle/geo"
	"github.com/chronicle-tools/chronicle/site"
)

// geoFeature is one located event of events.geojson (RFC 7946). Its
// properties are flat strings, as QGIS and Datawrapper read them best;
// docs/data.md describes each.
type geoFeature struct {
	Type       string      `json:"type"`
	Geometry   geoGeometry `json:"geometry"`
	Properties geoProps    `json:"properties"`
}

type geoGeometry struct {
	Type        string `json:"type"`
	Coordinates any    `json:"coordinates"` // [lon, lat], or a list of them
}

type geoProps struct {
	ID            string `json:"id"`
	Title         string `json:"title"`
	Date          string `json:"date"`
	DatePrecision string `json:"date_precision"`
	End           string `json:"end,omitempty"`
	Kind          string `json:"kind"`
	Status        string `json:"status"`
	Places        string `json:"places"` // the located places, joined by "; "
	URL           string `json:"url"`
}

// eventsGeoJSON writes events.geojson: every event with at least one place
// that places.toml locates, as a Point (or a MultiPoint for several
// places), longitude first.
func (s data) eventsGeoJSON(out io.Writer) error {
	c := s.Config
	w := bufio.NewWriter(out)
	w.WriteString(`{"type":"FeatureCollection","features":[`)
	n := 0
	for _, e := range s.Events {
		var points [][2]float64
		var names []string
		for _, name := range site.Dedupe(e.Places) {
			pl, ok := s.Places.Find(name)
			if !ok || pl.Unlocated != "" {
				continue
			}
			names = append(names, name)
			points = append(points, [2]float64{pl.Lon, pl.Lat})
		}
		if len(points) == 0 {
			continue
		}
		f := geoFeature{Type: "Feature", Properties: geoProps{
			ID: e.ID, Title: e.Title, Date: e.Date.ISO(c.Location), DatePrecision: e.Date.Prec.String(),
			Kind: e.Kind, Status: e.Status, Places: strings.Join(names, "; "), URL: c.AbsURL("events/" + e.ID + "/"),
		}}
		if !e.End.IsZero() {
			f.Properties.End = e.End.ISO(c.Location)
		}
		f.Geometry = geoGeometry{Type: "MultiPoint", Coordinates: points}
		if len(points) == 1 {
			f.Geometry = geoGeometry{Type: "Point", Coordinates: points[0]}
		}
		b, err := json.Marshal(&f)
		if err != nil {
			return err
		}
		if n > 0 {
			w.WriteByte(',')
		}
		w.WriteByte('\n') // a feature a line: diffs of the file read well
		w.Write(b)
		n++
	}
	w.WriteString("\n]}\n")
	return w.Flush()
}

// located reports whether a site has any place with a point.
func located(p *geo.Places) bool {
	if p == nil {
		return false
	}
	for _, pl := range p.List {
		if pl.Unlocated == "" {
			return true
		}
	}
	return false
}
