package geo

import (
	"bytes"
	_ "embed"
	"encoding/binary"
	"errors"
	"sync"
)

// outlines.bin is Natural Earth's 50m countries, written by scripts/geo-data.sh:
// see NOTICE.md for its source, version and licence.
//
//go:embed outlines.bin
var outlinesBin []byte

const outlinesMagic = "CHRONICLE-OUTLINES-1\n"

// Outlines are land outlines as rings of (lon, lat) points in degrees.
type Outlines struct {
	rings []ring
}

type ring struct {
	pts                    [][2]float64
	minX, minY, maxX, maxY float64 // bounding box in degrees, to skip rings off the map
}

var (
	naturalEarth     *Outlines
	naturalEarthOnce sync.Once
)

// NaturalEarth returns the embedded outlines, decoded once and never changed.
func NaturalEarth() *Outlines {
	naturalEarthOnce.Do(func() {
		o, err := decodeOutlines(outlinesBin)
		if err != nil {
			panic("geo: embedded outlines.bin: " + err.Error()) // a broken build, not a user error
		}
		naturalEarth = o
	})
	return naturalEarth
}

// decodeOutlines reads the compact form: a magic line, a ring count, then per
// ring a point count and zigzag-varint deltas of lon and lat in 1/100 degree.
func decodeOutlines(b []byte) (*Outlines, error) {
	rest, ok := bytes.CutPrefix(b, []byte(outlinesMagic))
	if !ok {
		return nil, errors.New("not a CHRONICLE-OUTLINES-1 file")
	}
	r := bytes.NewReader(rest)
	n, err := binary.ReadUvarint(r)
	if err != nil || n > uint64(len(rest)) {
		return nil, errors.New("bad ring count")
	}
	o := &Outlines{rings: make([]ring, 0, n)}
	for range n {
		m, err := binary.ReadUvarint(r)
		if err != nil || m > uint64(len(rest)) {
			return nil, errors.New("bad point count")
		}
		rg := ring{pts: make([][2]float64, m), minX: 1e9, minY: 1e9, maxX: -1e9, maxY: -1e9}
		var x, y int64
		for i := range rg.pts {
			dx, err1 := binary.ReadVarint(r)
			dy, err2 := binary.ReadVarint(r)
			if err1 != nil || err2 != nil {
				return nil, errors.New("truncated ring")
			}
			x, y = x+dx, y+dy
			p := [2]float64{float64(x) / 100, float64(y) / 100}
			rg.pts[i] = p
			rg.minX, rg.maxX = min(rg.minX, p[0]), max(rg.maxX, p[0])
			rg.minY, rg.maxY = min(rg.minY, p[1]), max(rg.maxY, p[1])
		}
		o.rings = append(o.rings, rg)
	}
	if r.Len() != 0 {
		return nil, errors.New("trailing bytes")
	}
	return o, nil
}
