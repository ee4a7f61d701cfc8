package site

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/chronicle-tools/chronicle/geo"
)

// placesFile is where a site locates its places, beside config.toml.
const placesFile = "places.toml"

// readPlaces reads places.toml, if the site has one: nil when it has none.
// Its problems are the file's own, with their lines.
func readPlaces(fsys fs.FS, diags *Diagnostics) *geo.Places {
	src, err := fs.ReadFile(fsys, placesFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		*diags = append(*diags, Diagnostic{Path: placesFile, Msg: "cannot read: " + err.Error()})
		return nil
	}
	places, err := geo.ParsePlaces(placesFile, src)
	var es geo.Errors
	if errors.As(err, &es) {
		for _, e := range es {
			*diags = append(*diags, Diagnostic{Path: placesFile, Line: e.Line, Msg: e.Msg + ": " + e.Fix})
		}
		return nil
	}
	if err != nil {
		*diags = append(*diags, Diagnostic{Path: placesFile, Msg: err.Error()})
		return nil
	}
	return places
}

// checkPlaces warns, once a place, about the places the notes name that
// places.toml has neither a point for nor a reason it has none. The
// warning is on places.toml, not on a note, so that an edit of a note never
// moves it.
func (s *Site) checkPlaces(diags *Diagnostics) {
	if s.Places == nil {
		return
	}
	for _, t := range s.Taxonomy("places").Terms {
		if _, ok := s.Places.Find(t.Name); ok || len(t.Events) == 0 {
			continue
		}
		*diags = append(*diags, Diagnostic{Path: placesFile, Warning: true, Code: CodeNoCoordinates,
			Msg: fmt.Sprintf("place %q (%s, first in %s) has no coordinates: add [%q] with lat, lon and their source, an alias of a place that has them, or unlocated = \"why\"",
				t.Name, count(len(t.Events), "event"), t.Events[0].Path, t.Name)})
	}
}
