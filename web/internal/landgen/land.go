package main

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
)

// Magic opens every land file; the digit is the format's version.
const Magic = "muster-land 1\n"

// Land is the compact form landgen writes: arcs of quantized positions
// (Unit steps per degree) and the countries whose rings reference them.
type Land struct {
	Unit      int
	Arcs      [][][2]int32 // lon, lat in 1/Unit degrees
	Countries []Country
}

// Build simplifies the arcs of the topology to tol degrees, quantizes
// them to 1/unit of a degree and keeps the arcs that the object's
// polygons reference, renumbered in their original order.
func Build(t *Topology, object string, tol float64, unit int) (*Land, error) {
	if unit <= 0 || unit > 100000 {
		return nil, fmt.Errorf("unit %d out of range 1..100000", unit)
	}
	pos, err := t.Positions()
	if err != nil {
		return nil, err
	}
	cs, err := t.Countries(object)
	if err != nil {
		return nil, err
	}
	cs = applyDeJure(cs, pos)
	used := make([]bool, len(pos))
	for _, c := range cs {
		for _, p := range c.Polygons {
			for _, r := range p {
				for _, a := range r {
					used[arcIndex(a)] = true
				}
			}
		}
	}
	renum := make([]int, len(pos))
	l := &Land{Unit: unit}
	for i, arc := range pos {
		if !used[i] {
			continue
		}
		renum[i] = len(l.Arcs)
		var q [][2]int32
		for _, p := range Simplify(arc, tol) {
			if math.Abs(p.Lon) > 360 || math.Abs(p.Lat) > 90.5 {
				return nil, fmt.Errorf("arc %d: position %g,%g is not a longitude and latitude", i, p.Lon, p.Lat)
			}
			v := [2]int32{int32(math.Round(p.Lon * float64(unit))), int32(math.Round(p.Lat * float64(unit)))}
			if len(q) > 0 && q[len(q)-1] == v {
				continue
			}
			q = append(q, v)
		}
		l.Arcs = append(l.Arcs, q)
	}
	for _, c := range cs {
		nc := Country{ID: c.ID, Name: c.Name}
		for _, p := range c.Polygons {
			var np [][]int
			for _, r := range p {
				nr := make([]int, len(r))
				for k, a := range r {
					if a < 0 {
						nr[k] = ^renum[^a]
					} else {
						nr[k] = renum[a]
					}
				}
				np = append(np, nr)
			}
			nc.Polygons = append(nc.Polygons, np)
		}
		l.Countries = append(l.Countries, nc)
	}
	return l, nil
}

// MarshalBinary encodes the land file (before compression):
//
//	magic      "muster-land 1\n"
//	unit       uvarint: quantization steps per degree
//	narcs      uvarint
//	arcs       per arc: uvarint n, then n positions as zigzag varints
//	           dlon, dlat, each a delta from the previous position
//	           (the first from 0,0)
//	ncountries uvarint
//	countries  per country: uvarint length and bytes of the id, the same
//	           for the name, uvarint npolygons; per polygon uvarint nrings;
//	           per ring uvarint nrefs, then the arc references as zigzag
//	           varints (r >= 0 is arc r, r < 0 arc ^r read backwards)
func (l *Land) MarshalBinary() ([]byte, error) {
	b := []byte(Magic)
	b = binary.AppendUvarint(b, uint64(l.Unit))
	b = binary.AppendUvarint(b, uint64(len(l.Arcs)))
	for _, arc := range l.Arcs {
		b = binary.AppendUvarint(b, uint64(len(arc)))
		var x, y int32
		for _, p := range arc {
			b = binary.AppendVarint(b, int64(p[0]-x))
			b = binary.AppendVarint(b, int64(p[1]-y))
			x, y = p[0], p[1]
		}
	}
	b = binary.AppendUvarint(b, uint64(len(l.Countries)))
	for _, c := range l.Countries {
		b = appendString(b, c.ID)
		b = appendString(b, c.Name)
		b = binary.AppendUvarint(b, uint64(len(c.Polygons)))
		for _, p := range c.Polygons {
			b = binary.AppendUvarint(b, uint64(len(p)))
			for _, r := range p {
				b = binary.AppendUvarint(b, uint64(len(r)))
				for _, a := range r {
					b = binary.AppendVarint(b, int64(a))
				}
			}
		}
	}
	return b, nil
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// String lists the land as text, one arc or country a line, for golden
// tests and for reading a diff.
func (l *Land) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "unit %d\n", l.Unit)
	for i, arc := range l.Arcs {
		fmt.Fprintf(&b, "arc %d:", i)
		for _, p := range arc {
			fmt.Fprintf(&b, " %d,%d", p[0], p[1])
		}
		b.WriteByte('\n')
	}
	for _, c := range l.Countries {
		fmt.Fprintf(&b, "country %q %q: %v\n", c.ID, c.Name, c.Polygons)
	}
	return b.String()
}

// reassignment moves the polygons of one country that lie wholly inside a
// box to another country.
type reassignment struct {
	from, to string     // ISO 3166 numeric ids
	box      [4]float64 // min lon, min lat, max lon, max lat
	why      string
}

// deJure lists where muster's map departs from Natural Earth's de facto
// lines to draw the internationally recognised border, as the conflict
// data sets it is used beside (ACLED, UCDP) code those places: a map of a
// war should not draw one side's annexation as a settled border.
var deJure = []reassignment{
	{from: "643", to: "804", box: [4]float64{32.2, 44.2, 36.8, 46.3},
		why: "Crimea, annexed by Russia in 2014, is Ukraine's (UN General Assembly resolution 68/262)"},
}

// applyDeJure moves the polygons that deJure names. The arcs a moved
// polygon shares with its new country are then inner lines of one
// country, which the map draws neither as coast nor as border.
func applyDeJure(cs []Country, pos [][]Point) []Country {
	idx := map[string]int{}
	for i, c := range cs {
		idx[c.ID] = i
	}
	for _, r := range deJure {
		fi, ok1 := idx[r.from]
		ti, ok2 := idx[r.to]
		if !ok1 || !ok2 {
			continue
		}
		var keep [][][]int
		for _, poly := range cs[fi].Polygons {
			if polygonInside(poly, pos, r.box) {
				cs[ti].Polygons = append(cs[ti].Polygons, poly)
			} else {
				keep = append(keep, poly)
			}
		}
		cs[fi].Polygons = keep
	}
	return cs
}

// polygonInside reports whether every position of the polygon's rings
// lies inside box.
func polygonInside(poly [][]int, pos [][]Point, box [4]float64) bool {
	for _, r := range poly {
		for _, a := range r {
			for _, p := range pos[arcIndex(a)] {
				if p.Lon < box[0] || p.Lat < box[1] || p.Lon > box[2] || p.Lat > box[3] {
					return false
				}
			}
		}
	}
	return len(poly) > 0
}
