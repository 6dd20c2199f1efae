package web

import (
	"math"
	"net/http"
	"sort"
	"strconv"

	"github.com/muster-osint/muster"
)

// node and edge are a relationship graph laid out for SVG.
type node struct {
	X, Y  float64
	Name  string
	Type  string
	Focus bool
}

type edge struct {
	X1, Y1, X2, Y2 float64
	LX, LY         float64
	Label          string
	Class          string // the modality of the first claim
}

// pageGraph draws an entity and the entities its claims relate it to, on
// a circle, each edge labelled with the predicates and linked to nothing
// that leaves the page.
func (s *Server) pageGraph(w http.ResponseWriter, r *http.Request) {
	p, err := s.profile(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	const cx, cy, radius = 450.0, 330.0, 250.0
	type rel struct {
		ref   muster.Ref
		preds []string
		mod   muster.Modality
	}
	rels := map[string]*rel{}
	var order []string
	for _, c := range p.Claims {
		var other *muster.Ref
		switch {
		case c.Subject.ID == p.Entity.ID && c.Object.Entity != nil:
			other = c.Object.Entity
		case c.Subject.ID != p.Entity.ID && c.Subject.Type != "event":
			other = &c.Subject
		}
		if other == nil || other.ID == p.Entity.ID {
			continue
		}
		key := other.ID + "|" + other.Name
		if rels[key] == nil {
			rels[key] = &rel{ref: *other, mod: c.Modality}
			order = append(order, key)
		}
		label := string(c.Predicate)
		if c.Subject.ID != p.Entity.ID {
			label = "← " + label
		}
		if !contains(rels[key].preds, label) {
			rels[key].preds = append(rels[key].preds, label)
		}
	}
	sort.Strings(order)
	if len(order) > 24 {
		order = order[:24]
	}
	nodes := []node{{X: cx, Y: cy, Name: p.Entity.Name, Type: string(p.Entity.Type), Focus: true}}
	var edges []edge
	for i, k := range order {
		a := 2 * math.Pi * float64(i) / float64(len(order))
		x, y := cx+radius*math.Cos(a), cy+radius*math.Sin(a)
		rl := rels[k]
		nodes = append(nodes, node{X: x, Y: y, Name: rl.ref.Name, Type: rl.ref.Type})
		edges = append(edges, edge{X1: cx, Y1: cy, X2: x, Y2: y, LX: (cx + x) / 2, LY: (cy + y) / 2,
			Label: joinLabels(rl.preds), Class: string(rl.mod)})
	}
	s.render(w, r, "graph.html", map[string]any{"Title": p.Entity.Name, "P": p, "Nodes": nodes, "Edges": edges})
}

// point is a place on the map.
type point struct {
	X, Y   float64
	R      float64
	Name   string
	Events []string
}

// pageMap draws the events' geocoded places on an equirectangular
// projection fitted to them, with a graticule: no tiles, nothing fetched.
func (s *Server) pageMap(w http.ResponseWriter, r *http.Request) {
	evs, err := s.events(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	type place struct {
		pl     muster.Place
		name   string
		events []string
	}
	places := map[string]*place{}
	var ids []string
	for _, ev := range evs {
		for _, ref := range ev.Places {
			if ref.ID == "" {
				continue
			}
			if places[ref.ID] == nil {
				e, err := s.store.Entity(r.Context(), ref.ID)
				if err != nil || e.Place == nil || e.Place.Precision == muster.PrecisionCountry {
					continue
				}
				places[ref.ID] = &place{pl: *e.Place, name: e.Name}
				ids = append(ids, ref.ID)
			}
			places[ref.ID].events = append(places[ref.ID].events, ev.Label)
		}
	}
	sort.Strings(ids)
	// Fit the view to the places, with a margin, at least 4° wide.
	minLat, maxLat, minLon, maxLon := 90.0, -90.0, 180.0, -180.0
	for _, id := range ids {
		p := places[id].pl
		minLat, maxLat = math.Min(minLat, p.Lat), math.Max(maxLat, p.Lat)
		minLon, maxLon = math.Min(minLon, p.Lon), math.Max(maxLon, p.Lon)
	}
	if len(ids) == 0 {
		minLat, maxLat, minLon, maxLon = 44, 56, 22, 42
	}
	pad := math.Max(2, math.Max(maxLat-minLat, maxLon-minLon)*0.15)
	minLat, maxLat, minLon, maxLon = minLat-pad, maxLat+pad, minLon-pad, maxLon+pad
	const width, height = 900.0, 600.0
	sx := width / (maxLon - minLon)
	sy := height / (maxLat - minLat)
	var pts []point
	for _, id := range ids {
		p := places[id]
		pts = append(pts, point{X: (p.pl.Lon - minLon) * sx, Y: (maxLat - p.pl.Lat) * sy,
			R: 4 + 2*math.Sqrt(float64(len(p.events))), Name: p.name, Events: p.events})
	}
	type line struct {
		X1, Y1, X2, Y2 float64
		Label          string
	}
	var grid []line
	for lon := math.Ceil(minLon); lon <= maxLon; lon++ {
		x := (lon - minLon) * sx
		grid = append(grid, line{x, 0, x, height, formatDeg(lon, "E", "W")})
	}
	for lat := math.Ceil(minLat); lat <= maxLat; lat++ {
		y := (maxLat - lat) * sy
		grid = append(grid, line{0, y, width, y, formatDeg(lat, "N", "S")})
	}
	s.render(w, r, "map.html", map[string]any{"Title": "Map", "Points": pts, "Grid": grid, "Width": width, "Height": height, "Unplaced": len(evs)})
}

func formatDeg(v float64, pos, neg string) string {
	if v < 0 {
		return formatInt(-v) + "°" + neg
	}
	return formatInt(v) + "°" + pos
}

func formatInt(v float64) string { return strconv.Itoa(int(v)) }

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func joinLabels(s []string) string {
	out := ""
	for i, x := range s {
		if i > 0 {
			out += ", "
		}
		out += x
	}
	return out
}
