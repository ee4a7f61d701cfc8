package geo

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// land writes the outlines seen in b as one path. Points are clamped to a
// rectangle a little larger than b (exact enough inside b, which the clip
// path cuts to) and a point under 0.7 px from the last is dropped: the path's
// bytes follow what is visible, not the data's detail.
func (m *drawer) land(p projection, b box) {
	a, c, e, g := p.unproject(box{b.x - 20, b.y - 20, b.w + 40, b.h + 40})
	var d strings.Builder
	for _, rg := range m.out.rings {
		if rg.maxX < a || rg.minX > e || rg.maxY < c || rg.minY > g {
			continue
		}
		pts := m.pts[:0]
		for _, pt := range rg.pts {
			x, y := p.xy(pt[0], pt[1])
			x = math.Min(math.Max(x, b.x-20), b.x+b.w+20)
			y = math.Min(math.Max(y, b.y-20), b.y+b.h+20)
			q := clipped{x, y, outcode(x, y, b)}
			if n := len(pts); n > 0 {
				last := pts[n-1]
				if math.Abs(x-last.x) < 0.7 && math.Abs(y-last.y) < 0.7 {
					continue
				}
				// A run of points beyond one side is drawn along the
				// clamp rectangle: only its ends matter.
				if n > 1 && q.out&last.out&pts[n-2].out != 0 {
					pts[n-1] = q
					continue
				}
			}
			pts = append(pts, q)
		}
		m.pts = pts
		if len(pts) < 3 {
			continue
		}
		pts = simplify(pts, 0.5)
		if len(pts) < 3 {
			continue
		}
		// Relative moves in tenths of a pixel, with each point rounded from the
		// rounded last one so that errors do not add up along the ring.
		var px, py int
		for i, q := range pts {
			x, y := int(math.Round(q.x*10)), int(math.Round(q.y*10))
			if i == 0 {
				d.WriteString("M" + tenths(x) + " " + tenths(y) + "l")
			} else {
				dx, dy := tenths(x-px), tenths(y-py)
				if i > 1 && dx[0] != '-' {
					d.WriteString(" ")
				}
				d.WriteString(dx)
				if dy[0] != '-' {
					d.WriteString(" ")
				}
				d.WriteString(dy)
			}
			px, py = x, y
		}
		d.WriteString("z")
	}
	if d.Len() > 0 {
		fmt.Fprintf(&m.body, `<path class="geo-land" d="%s" fill="#f3efe6" stroke="#b9b2a3" stroke-width="0.6" stroke-linejoin="round"/>`+"\n", d.String())
	}
}

// tenths formats n/10 as briefly as SVG allows: 12 for 1.2, -.5 for -0.05*10.
func tenths(n int) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.Itoa(n / 10)
	if r := n % 10; r != 0 {
		if s == "0" {
			s = ""
		}
		s += "." + strconv.Itoa(r)
	}
	if neg {
		s = "-" + s
	}
	return s
}

// simplify drops the points of a ring that move its line by less than eps
// pixels (Douglas-Peucker), keeping the first and last.
func simplify(pts []clipped, eps float64) []clipped {
	keep := make([]bool, len(pts))
	keep[0], keep[len(pts)-1] = true, true
	stack := [][2]int{{0, len(pts) - 1}}
	for len(stack) > 0 {
		i, j := stack[len(stack)-1][0], stack[len(stack)-1][1]
		stack = stack[:len(stack)-1]
		a, b := pts[i], pts[j]
		dx, dy := b.x-a.x, b.y-a.y
		l := math.Hypot(dx, dy)
		best, bi := -1.0, -1
		for k := i + 1; k < j; k++ {
			var dist float64
			if l == 0 {
				dist = math.Hypot(pts[k].x-a.x, pts[k].y-a.y)
			} else {
				dist = math.Abs(dy*(pts[k].x-a.x)-dx*(pts[k].y-a.y)) / l
			}
			if dist > best {
				best, bi = dist, k
			}
		}
		if best > eps {
			keep[bi] = true
			stack = append(stack, [2]int{i, bi}, [2]int{bi, j})
		}
	}
	out := make([]clipped, 0, len(pts))
	for k, p := range pts {
		if keep[k] {
			out = append(out, p)
		}
	}
	return out
}

// clipped is a projected point and which sides of the panel it is beyond.
type clipped struct {
	x, y float64
	out  int
}

func outcode(x, y float64, b box) int {
	c := 0
	if x < b.x {
		c |= 1
	}
	if x > b.x+b.w {
		c |= 2
	}
	if y < b.y {
		c |= 4
	}
	if y > b.y+b.h {
		c |= 8
	}
	return c
}
