package geo

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Point is a place to draw: where it is, how many events it has, and its page.
type Point struct {
	Name     string
	Lat, Lon float64
	Count    int
	Kind     string // one of Kinds, or ""
	URL      string
}

// Options shape one map. Only Width is required.
type Options struct {
	Width int    // pixels; the SVG scales, this sets the proportions and text sizes
	Title string // the map's accessible name; "Map of places" if empty
	Desc  string // a longer description; one is written from the points if empty
	ID    string // prefix of the SVG's ids, unique on the page; "map" if empty
	// FarKm is how far (km) a place must be from every other of the main
	// cluster to go to an inset; 0 means 700, about the width of Ukraine.
	FarKm float64
}

// Row is one line of a map's text alternative.
type Row struct {
	Name, Kind, URL string
	Count           int
	Lat, Lon        float64
}

// Rows returns the places of a map as rows for a table, most events first:
// the same information as the picture, for readers who cannot see it.
func Rows(points []Point) []Row {
	pts := sorted(points)
	rows := make([]Row, len(pts))
	for i, p := range pts {
		rows[i] = Row{Name: p.Name, Kind: p.Kind, URL: p.URL, Count: p.Count, Lat: p.Lat, Lon: p.Lon}
	}
	return rows
}

// sorted copies the points, most events first, then by name, so that every
// output is in a fixed order whatever order the caller used.
func sorted(points []Point) []Point {
	pts := make([]Point, 0, len(points))
	for _, p := range points {
		if p.Lat >= -90 && p.Lat <= 90 && p.Lon >= -180 && p.Lon <= 180 {
			pts = append(pts, p)
		}
	}
	sort.SliceStable(pts, func(i, j int) bool {
		if pts[i].Count != pts[j].Count {
			return pts[i].Count > pts[j].Count
		}
		return pts[i].Name < pts[j].Name
	})
	return pts
}

// style is how a kind is drawn: a shape as well as a colour, so that the kind
// is never told by colour alone (Okabe-Ito colours, safe for colour blindness).
type style struct{ shape, fill, label string }

var styles = map[string]style{
	"city":    {"circle", "#D55E00", "city"},
	"region":  {"square", "#0072B2", "region"},
	"sea":     {"diamond", "#009E73", "sea"},
	"country": {"hexagon", "#CC79A7", "country"},
	"site":    {"triangle", "#E69F00", "site"},
	"":        {"circle", "#595959", "place"},
}

func styleOf(kind string) style {
	if s, ok := styles[kind]; ok {
		return s
	}
	return styles[""]
}

const maxInsets = 6

// Map draws the points over the outlines as an SVG document of opt.Width
// pixels: one panel fitted to the main cluster of places, insets below it for
// clusters far from it, and a legend of the kinds. Each marker's area is
// proportional to its count and each is a link to its URL. The output depends
// only on the arguments: the same input gives the same bytes. Colours are
// presentation attributes (the CSP forbids inline styles) and every part has a
// class (geo-sea, geo-land, geo-frame, geo-mark, geo-city..., geo-label) so
// that the site's stylesheet can restyle it for dark mode and print.
func Map(outlines *Outlines, points []Point, opt Options) []byte {
	m := newDrawer(outlines, opt)
	pts := sorted(points)
	farKm := opt.FarKm
	if farKm <= 0 {
		farKm = 700
	}
	groups := clusters(pts, farKm)
	maxCount := 1
	for _, p := range pts {
		maxCount = max(maxCount, p.Count)
	}
	W := m.w
	// Markers: the largest is W/45 px in radius (7 to 18); area follows count
	// down to a 3 px floor, below which a marker could not be seen or tapped.
	maxR := math.Min(18, math.Max(7, W/45))
	m.radius = func(n int) float64 {
		return math.Max(3, maxR*math.Sqrt(float64(max(n, 0))/float64(maxCount)))
	}
	var main []Point
	if len(groups) > 0 {
		main = groups[0]
	}
	minLon, minLat, maxLon, maxLat := extent(main, 3)
	// The main panel takes the shape of its places, within bounds that keep a
	// map from becoming a sliver, a phone's from becoming a tower, and a
	// desktop's from being taller than a screen.
	tall := 1.0
	if W >= 600 {
		tall = 0.7
	}
	h := W * math.Min(math.Max(aspect(minLon, minLat, maxLon, maxLat), 0.5), tall)
	mainBox := box{0, 0, W, math.Round(h)}
	m.panel(mainBox, main, minLon, minLat, maxLon, maxLat, maxR+6)
	y := mainBox.h
	// Far places are grouped again at a coarser scale, so that Washington and
	// Miami share one inset rather than taking two.
	var far []Point
	for _, g := range groups[min(len(groups), 1):] {
		far = append(far, g...)
	}
	insets := clusters(sorted(far), 3*farKm)
	left := 0
	if len(insets) > maxInsets {
		for _, g := range insets[maxInsets:] {
			left += len(g)
		}
		insets = insets[:maxInsets]
	}
	if len(insets) > 0 {
		y += 6
		m.text(6, y+m.fs, "start", "Far from the main map:", "")
		y += m.fs + 6
		cols := 3
		if W < 600 {
			cols = 2
		}
		cols = min(cols, len(insets))
		const gap = 6.0
		iw := math.Floor((W - gap*float64(cols-1)) / float64(cols))
		ih := math.Round(iw * 0.62)
		for i, g := range insets {
			b := box{float64(i%cols) * (iw + gap), y + float64(i/cols)*(ih+gap), iw, ih}
			// An inset is wide enough for coasts and borders to say where it is.
			a, b2, c, d := extent(g, 12)
			m.panel(b, g, a, b2, c, d, maxR+4)
		}
		rows := (len(insets) + cols - 1) / cols
		y += float64(rows)*(ih+gap) - gap
	}
	if left > 0 {
		y += 4
		m.text(6, y+m.fs, "start", fmt.Sprintf("%d more far places are in the table.", left), "")
		y += m.fs + 4
	}
	y = m.legend(pts, y+8)
	return m.finish(opt, pts, y+6)
}

// drawer accumulates the SVG body; the header is written last, when the height is known.
type drawer struct {
	out    *Outlines
	id     string
	w, fs  float64
	body   strings.Builder
	clips  int
	pts    []clipped // scratch for land, reused from ring to ring
	radius func(int) float64
}

func newDrawer(o *Outlines, opt Options) *drawer {
	w := float64(max(opt.Width, 200))
	id := opt.ID
	if id == "" {
		id = "map"
	}
	fs := 12.0
	if w < 600 {
		fs = 11
	}
	return &drawer{out: o, id: id, w: w, fs: fs}
}

// panel draws one framed map of pts fitted to the extent inside b.
func (m *drawer) panel(b box, pts []Point, minLon, minLat, maxLon, maxLat, margin float64) {
	p := fit(minLon, minLat, maxLon, maxLat, b, margin)
	m.clips++
	clip := fmt.Sprintf("%s-c%d", m.id, m.clips)
	fmt.Fprintf(&m.body, `<clipPath id="%s"><rect x="%s" y="%s" width="%s" height="%s"/></clipPath>`+"\n",
		clip, f(b.x), f(b.y), f(b.w), f(b.h))
	fmt.Fprintf(&m.body, `<g clip-path="url(#%s)">`+"\n", clip)
	fmt.Fprintf(&m.body, `<rect x="%s" y="%s" width="%s" height="%s" class="geo-sea" fill="#dcebf5"/>`+"\n", f(b.x), f(b.y), f(b.w), f(b.h))
	if m.out != nil {
		m.land(p, b)
	}
	// Largest first, so that a small place is drawn over a large neighbour.
	var marks []box
	for _, pt := range pts {
		x, y := p.xy(pt.Lon, pt.Lat)
		r := m.radius(pt.Count)
		marks = append(marks, box{x - r, y - r, 2 * r, 2 * r})
		m.marker(pt, x, y, r)
	}
	m.body.WriteString("</g>\n")
	fmt.Fprintf(&m.body, `<rect x="%s" y="%s" width="%s" height="%s" class="geo-frame" fill="none" stroke="#767676"/>`+"\n",
		f(b.x+0.5), f(b.y+0.5), f(b.w-1), f(b.h-1))
	m.labels(p, b, pts, marks)
}

// marker writes a place's shape of area pi*r*r inside a link to its page.
func (m *drawer) marker(pt Point, x, y, r float64) {
	st := styleOf(pt.Kind)
	name := fmt.Sprintf("%s (%s): %s", pt.Name, st.label, events(pt.Count))
	if pt.URL != "" {
		fmt.Fprintf(&m.body, `<a href="%s" aria-label="%s">`, esc(pt.URL), esc(name))
	} else {
		fmt.Fprintf(&m.body, `<g role="img" aria-label="%s">`, esc(name))
	}
	fmt.Fprintf(&m.body, `<title>%s</title>`, esc(name))
	m.body.WriteString(shape(st, x, y, r, ` class="geo-mark geo-`+st.label+`" fill-opacity="0.85" stroke="#fff" stroke-width="1"`))
	if pt.URL != "" {
		m.body.WriteString("</a>\n")
	} else {
		m.body.WriteString("</g>\n")
	}
}

func events(n int) string {
	if n == 1 {
		return "1 event"
	}
	return strconv.Itoa(n) + " events"
}

// shape returns the kind's shape centred on (x, y) with the area of a circle
// of radius r, so that a region's square and a city's circle of the same
// count weigh the same to the eye.
func shape(st style, x, y, r float64, attrs string) string {
	poly := func(n int, R, rot float64) string {
		var b strings.Builder
		for i := range n {
			a := rot + 2*math.Pi*float64(i)/float64(n)
			if i > 0 {
				b.WriteString(" ")
			}
			b.WriteString(f(x+R*math.Cos(a)) + "," + f(y+R*math.Sin(a)))
		}
		return fmt.Sprintf(`<polygon points="%s" fill="%s"%s/>`, b.String(), st.fill, attrs)
	}
	switch st.shape {
	case "square":
		h := r * math.Sqrt(math.Pi) / 2
		return fmt.Sprintf(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"%s/>`, f(x-h), f(y-h), f(2*h), f(2*h), st.fill, attrs)
	case "diamond":
		return poly(4, r*math.Sqrt(math.Pi/2), -math.Pi/2)
	case "triangle":
		return poly(3, r*math.Sqrt(4*math.Pi/(3*math.Sqrt(3))), -math.Pi/2)
	case "hexagon":
		return poly(6, r*math.Sqrt(2*math.Pi/(3*math.Sqrt(3))), 0)
	}
	return fmt.Sprintf(`<circle cx="%s" cy="%s" r="%s" fill="%s"%s/>`, f(x), f(y), f(r), st.fill, attrs)
}

// labels names the places with the most events, each where it overlaps no
// other label and no other marker, trying right, left, above and below; a
// place left unlabelled is still named by its link and in the table.
func (m *drawer) labels(p projection, b box, pts []Point, marks []box) {
	limit := max(8, int(b.w/45))
	var placed []box
	for i, pt := range pts {
		if len(placed) >= limit {
			break
		}
		x, y := p.xy(pt.Lon, pt.Lat)
		r := marks[i].w / 2
		tw := m.fs * 0.56 * float64(len([]rune(pt.Name)))
		th := m.fs
		cands := []struct {
			b      box
			anchor string
		}{
			{box{x + r + 3, y - th/2, tw, th}, "start"},
			{box{x - r - 3 - tw, y - th/2, tw, th}, "end"},
			{box{x - tw/2, y - r - 2 - th, tw, th}, "middle"},
			{box{x - tw/2, y + r + 2, tw, th}, "middle"},
		}
	next:
		for _, c := range cands {
			if !c.b.inside(box{b.x + 2, b.y + 2, b.w - 4, b.h - 4}) {
				continue
			}
			for _, o := range placed {
				if c.b.overlaps(o) {
					continue next
				}
			}
			for j, o := range marks {
				if j != i && c.b.overlaps(o) {
					continue next
				}
			}
			tx := c.b.x
			switch c.anchor {
			case "end":
				tx = c.b.x + tw
			case "middle":
				tx = c.b.x + tw/2
			}
			m.text(tx, c.b.y+th*0.82, c.anchor, pt.Name, ` class="geo-label" aria-hidden="true" stroke="#fff" stroke-width="3" paint-order="stroke"`)
			placed = append(placed, c.b)
			break
		}
	}
}

func (m *drawer) text(x, y float64, anchor, s, attrs string) {
	a := ""
	if anchor != "start" {
		a = ` text-anchor="` + anchor + `"`
	}
	fmt.Fprintf(&m.body, `<text x="%s" y="%s"%s%s>%s</text>`+"\n", f(x), f(y), a, attrs, esc(s))
}

// legend writes one entry per kind on the map, shape and word, from y; it
// returns the y below it.
func (m *drawer) legend(pts []Point, y float64) float64 {
	seen := map[string]bool{}
	for _, p := range pts {
		seen[styleOf(p.Kind).label] = true
	}
	x := 6.0
	r := m.fs * 0.45
	for _, k := range append(append([]string{}, Kinds...), "") {
		st := styleOf(k)
		if !seen[st.label] {
			continue
		}
		seen[st.label] = false
		w := 2*r + 4 + m.fs*0.56*float64(len(st.label)) + 14
		if x+w > m.w {
			x, y = 6, y+m.fs+8
		}
		m.body.WriteString(shape(st, x+r, y+m.fs/2, r, ` aria-hidden="true"`) + "\n")
		m.text(x+2*r+4, y+m.fs*0.85, "start", st.label, "")
		x += w
	}
	return y + m.fs + 4
}

// finish wraps the body in the svg element with its title and description.
func (m *drawer) finish(opt Options, pts []Point, h float64) []byte {
	title := opt.Title
	if title == "" {
		title = "Map of places"
	}
	desc := opt.Desc
	if desc == "" {
		names := make([]string, 0, 5)
		for _, p := range pts[:min(5, len(pts))] {
			names = append(names, fmt.Sprintf("%s (%d)", p.Name, p.Count))
		}
		desc = fmt.Sprintf("%d places; most events: %s. The table of places lists them all.", len(pts), strings.Join(names, ", "))
	}
	var out strings.Builder
	h = math.Ceil(h)
	fmt.Fprintf(&out, `<svg xmlns="http://www.w3.org/2000/svg" class="geo-map" viewBox="0 0 %s %s" width="%s" height="%s" font-family="sans-serif" font-size="%s" fill="#1a1a1a" aria-labelledby="%s-t %s-d">`+"\n",
		f(m.w), f(h), f(m.w), f(h), f(m.fs), m.id, m.id)
	fmt.Fprintf(&out, `<title id="%s-t">%s</title>`+"\n", m.id, esc(title))
	fmt.Fprintf(&out, `<desc id="%s-d">%s</desc>`+"\n", m.id, esc(desc))
	out.WriteString(m.body.String())
	out.WriteString("</svg>\n")
	return []byte(out.String())
}

// f formats a pixel coordinate with one decimal, the same on every machine.
func f(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		s = "0"
	}
	return s
}

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

func esc(s string) string { return escaper.Replace(s) }
