package geo

import (
	"math"
	"sort"
)

// projection maps (lon, lat) to pixels in one panel of the map.
//
// It is an equirectangular projection whose x is scaled by the cosine of the
// latitude at the middle of the fitted box (a "plate carrée" with a standard
// parallel). A chronology's main cluster spans a region or a few countries,
// where this keeps shapes and distances near the middle true to within a few
// per cent, draws meridians and parallels straight, and inverts trivially for
// clipping; a conic would be truer only over a continent, which is what the
// insets are for. Places across the antimeridian are not handled.
type projection struct {
	k          float64 // cos(standard parallel)
	s          float64 // pixels per degree of latitude
	lon0, lat0 float64 // the geographic middle of the box
	cx, cy     float64 // its pixel position
}

func (p projection) xy(lon, lat float64) (float64, float64) {
	return p.cx + (lon-p.lon0)*p.k*p.s, p.cy - (lat-p.lat0)*p.s
}

// box is a pixel rectangle.
type box struct{ x, y, w, h float64 }

func (b box) overlaps(o box) bool {
	return b.x < o.x+o.w && o.x < b.x+b.w && b.y < o.y+o.h && o.y < b.y+b.h
}

func (b box) inside(o box) bool {
	return b.x >= o.x && b.y >= o.y && b.x+b.w <= o.x+o.w && b.y+b.h <= o.y+o.h
}

// extent is the bounding box of points in degrees, at least minSpan wide and
// tall so that a lone city shows its surroundings.
func extent(pts []Point, minSpan float64) (minLon, minLat, maxLon, maxLat float64) {
	if len(pts) == 0 {
		return -170, -58, 180, 78
	}
	minLon, minLat, maxLon, maxLat = 180, 90, -180, -90
	for _, p := range pts {
		minLon, maxLon = min(minLon, p.Lon), max(maxLon, p.Lon)
		minLat, maxLat = min(minLat, p.Lat), max(maxLat, p.Lat)
	}
	if d := minSpan - (maxLon - minLon); d > 0 {
		minLon, maxLon = minLon-d/2, maxLon+d/2
	}
	if d := minSpan - (maxLat - minLat); d > 0 {
		minLat, maxLat = minLat-d/2, maxLat+d/2
	}
	return
}

// aspect returns height/width of the extent as projected.
func aspect(minLon, minLat, maxLon, maxLat float64) float64 {
	k := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	return (maxLat - minLat) / math.Max((maxLon-minLon)*k, 1e-9)
}

// fit returns the projection that shows the extent inside b, with margin
// pixels kept free on every side for markers.
func fit(minLon, minLat, maxLon, maxLat float64, b box, margin float64) projection {
	k := math.Cos((minLat + maxLat) / 2 * math.Pi / 180)
	dx := math.Max((maxLon-minLon)*k, 1e-9)
	dy := math.Max(maxLat-minLat, 1e-9)
	s := math.Min((b.w-2*margin)/dx, (b.h-2*margin)/dy)
	return projection{k: k, s: s,
		lon0: (minLon + maxLon) / 2, lat0: (minLat + maxLat) / 2,
		cx: b.x + b.w/2, cy: b.y + b.h/2}
}

// unproject returns the geographic box b shows, for skipping rings off the panel.
func (p projection) unproject(b box) (minLon, minLat, maxLon, maxLat float64) {
	minLon = p.lon0 + (b.x-p.cx)/(p.k*p.s)
	maxLon = p.lon0 + (b.x+b.w-p.cx)/(p.k*p.s)
	maxLat = p.lat0 - (b.y-p.cy)/p.s
	minLat = p.lat0 - (b.y+b.h-p.cy)/p.s
	return
}

// km is the great-circle distance between two points.
func km(a, b Point) float64 {
	const r = 6371.0
	la1, la2 := a.Lat*math.Pi/180, b.Lat*math.Pi/180
	dla, dlo := la2-la1, (b.Lon-a.Lon)*math.Pi/180
	h := math.Sin(dla/2)*math.Sin(dla/2) + math.Cos(la1)*math.Cos(la2)*math.Sin(dlo/2)*math.Sin(dlo/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}

// clusters groups points by single linkage: two places are in one cluster when
// a chain of places, each within maxKm of the next, joins them. The first
// cluster is the main one (the most events); the others are the outliers that
// get insets, largest first. Nothing is hard-coded: Washington and Miami end
// up in an inset because no chain of short hops leads from them to Kyiv.
func clusters(pts []Point, maxKm float64) [][]Point {
	parent := make([]int, len(pts))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range pts {
		for j := i + 1; j < len(pts); j++ {
			if km(pts[i], pts[j]) <= maxKm {
				if a, b := find(i), find(j); a != b {
					parent[max(a, b)] = min(a, b)
				}
			}
		}
	}
	groups := map[int][]Point{}
	for i, p := range pts {
		r := find(i)
		groups[r] = append(groups[r], p)
	}
	out := make([][]Point, 0, len(groups))
	for _, g := range groups {
		out = append(out, g) // each g keeps the order of pts, which is sorted
	}
	total := func(g []Point) int {
		n := 0
		for _, p := range g {
			n += max(p.Count, 1)
		}
		return n
	}
	sort.Slice(out, func(i, j int) bool {
		ti, tj := total(out[i]), total(out[j])
		if ti != tj {
			return ti > tj
		}
		if len(out[i]) != len(out[j]) {
			return len(out[i]) > len(out[j])
		}
		return out[i][0].Name < out[j][0].Name
	})
	return out
}
