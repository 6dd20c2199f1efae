package main

import (
	"encoding/json"
	"fmt"
	"strconv"
)

// Topology is the part of a TopoJSON topology (topojson-specification
// 1.0) that landgen reads: the arcs, an optional quantization transform
// and named objects.
type Topology struct {
	Type      string               `json:"type"`
	Transform *Transform           `json:"transform"`
	Arcs      [][][]float64        `json:"arcs"`
	Objects   map[string]*Geometry `json:"objects"`
}

// Transform maps quantized positions to longitude and latitude.
type Transform struct {
	Scale     [2]float64 `json:"scale"`
	Translate [2]float64 `json:"translate"`
}

// Geometry is a TopoJSON geometry object. Arcs holds the arc indexes
// of a Polygon ([][]int) or a MultiPolygon ([][][]int), decoded by
// Polygons; an index i < 0 means arc ^i (written ~i) read backwards.
type Geometry struct {
	Type       string          `json:"type"`
	ID         json.RawMessage `json:"id"`
	Properties struct {
		Name string `json:"name"`
	} `json:"properties"`
	Arcs       json.RawMessage `json:"arcs"`
	Geometries []*Geometry     `json:"geometries"`
}

// Point is a longitude and latitude in degrees.
type Point struct{ Lon, Lat float64 }

// Country is one area of the input: its ISO 3166-1 numeric id (empty
// when the source has none), its name and its polygons, each a list of
// rings (the outer ring first, then holes), each ring a list of arc
// references.
type Country struct {
	ID, Name string
	Polygons [][][]int
}

// Parse decodes a TopoJSON topology.
func Parse(data []byte) (*Topology, error) {
	var t Topology
	if err := json.Unmarshal(data, &t); err != nil {
		return nil, fmt.Errorf("topojson: %w", err)
	}
	if t.Type != "Topology" {
		return nil, fmt.Errorf("topojson: type %q, want Topology", t.Type)
	}
	return &t, nil
}

// Positions returns the topology's arcs as absolute longitudes and
// latitudes: with a transform, each arc's positions are deltas from the
// one before (the first from 0,0) in quantized units.
func (t *Topology) Positions() ([][]Point, error) {
	out := make([][]Point, len(t.Arcs))
	for i, arc := range t.Arcs {
		pts := make([]Point, len(arc))
		var x, y float64
		for j, p := range arc {
			if len(p) < 2 {
				return nil, fmt.Errorf("topojson: arc %d position %d: %d coordinates", i, j, len(p))
			}
			if t.Transform == nil {
				pts[j] = Point{p[0], p[1]}
				continue
			}
			x, y = x+p[0], y+p[1]
			pts[j] = Point{x*t.Transform.Scale[0] + t.Transform.Translate[0], y*t.Transform.Scale[1] + t.Transform.Translate[1]}
		}
		out[i] = pts
	}
	return out, nil
}

// Countries returns the polygonal geometries of the named object, in the
// order of the file, with every arc reference checked against the
// topology. Geometries of other types (points, lines, null) are skipped.
func (t *Topology) Countries(object string) ([]Country, error) {
	g := t.Objects[object]
	if g == nil {
		return nil, fmt.Errorf("topojson: no object %q", object)
	}
	var out []Country
	var walk func(g *Geometry) error
	walk = func(g *Geometry) error {
		if g.Type == "GeometryCollection" {
			for _, c := range g.Geometries {
				if err := walk(c); err != nil {
					return err
				}
			}
			return nil
		}
		polys, err := g.Polygons()
		if err != nil {
			return fmt.Errorf("topojson: %s %q: %w", g.Type, g.Properties.Name, err)
		}
		if polys == nil {
			return nil
		}
		for _, rings := range polys {
			for _, ring := range rings {
				for _, a := range ring {
					if i := arcIndex(a); i >= len(t.Arcs) {
						return fmt.Errorf("topojson: %q: arc %d out of range (%d arcs)", g.Properties.Name, a, len(t.Arcs))
					}
				}
			}
		}
		id, err := g.id()
		if err != nil {
			return err
		}
		out = append(out, Country{ID: id, Name: g.Properties.Name, Polygons: polys})
		return nil
	}
	return out, walk(g)
}

// Polygons returns a Polygon's or MultiPolygon's rings of arc references
// as a list of polygons, and nil for other types.
func (g *Geometry) Polygons() ([][][]int, error) {
	switch g.Type {
	case "Polygon":
		var p [][]int
		if err := json.Unmarshal(g.Arcs, &p); err != nil {
			return nil, err
		}
		return [][][]int{p}, nil
	case "MultiPolygon":
		var mp [][][]int
		if err := json.Unmarshal(g.Arcs, &mp); err != nil {
			return nil, err
		}
		return mp, nil
	}
	return nil, nil
}

// id returns the geometry's id, which TopoJSON allows to be a string or
// a number.
func (g *Geometry) id() (string, error) {
	if len(g.ID) == 0 || string(g.ID) == "null" {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(g.ID, &s); err == nil {
		return s, nil
	}
	var n float64
	if err := json.Unmarshal(g.ID, &n); err != nil {
		return "", fmt.Errorf("topojson: id %s is neither string nor number", g.ID)
	}
	return strconv.FormatFloat(n, 'f', -1, 64), nil
}

// arcIndex returns the index of the arc a reference names: a for a >= 0,
// ^a (TopoJSON's ~a) for the reversed arc.
func arcIndex(a int) int {
	if a < 0 {
		return ^a
	}
	return a
}
