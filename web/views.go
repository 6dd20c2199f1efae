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

// gridLine is a meridian or parallel of the map's graticule.
type gridLine struct {
	X1, Y1, X2, Y2 float64
	Label          string
}

// Map view: 900 pixels wide, its height suited to the places' box.
const mapWidth, mapMinHeight, mapMaxHeight = 900.0, 360.0, 640.0

// pageMap draws the events' geocoded places on the embedded land and
// country borders, in an equirectangular projection fitted to them, with
// a graticule: server-rendered SVG, nothing fetched.
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
	var locs []lonLat
	for _, id := range ids {
		locs = append(locs, lonLat{places[id].pl.Lon, places[id].pl.Lat})
	}
	proj := fitProjection(mapBox(locs), mapWidth, mapMinHeight, mapMaxHeight)
	var pts []point
	var taken [][4]float64 // the places and their names, for country names to avoid
	for _, id := range ids {
		p := places[id]
		x, y := proj.xy(p.pl.Lon, p.pl.Lat)
		rad := 4 + 2*math.Sqrt(float64(len(p.events)))
		pts = append(pts, point{X: round1(x), Y: round1(y), R: round1(rad), Name: p.name, Events: p.events})
		taken = append(taken, [4]float64{x - rad, y - max(rad, 10), x + 8 + 7.5*float64(len([]rune(p.name))), y + max(rad, 6)})
	}
	var ld landDrawing
	if l, err := s.land(); err != nil {
		s.logger.Error("web: map without land", "err", err)
	} else {
		ld = drawLand(l, proj, taken)
	}
	s.render(w, r, "map.html", map[string]any{"Title": "Map", "Points": pts, "Grid": graticule(proj),
		"Land": ld, "Width": proj.W, "Height": proj.H, "Unplaced": len(evs)})
}

// mapBox is the box the map fits: the places with a margin of 15% (at
// least 2°), or Ukraine and its neighbours when there are none. The
// margin may reach 20° past ±180° (the land is drawn again there) unless
// the box would then be wider than the world.
func mapBox(locs []lonLat) box {
	if len(locs) == 0 {
		return box{MinLon: 22, MinLat: 44, MaxLon: 42, MaxLat: 56}
	}
	b := emptyBox()
	for _, p := range locs {
		b = b.add(p)
	}
	pad := math.Max(2, math.Max(b.MaxLat-b.MinLat, b.MaxLon-b.MinLon)*0.15)
	lim := 200.0
	if b.MaxLon-b.MinLon+2*pad > 360 {
		lim = 180
	}
	return box{MinLon: math.Max(-lim, b.MinLon-pad), MinLat: math.Max(-85, b.MinLat-pad),
		MaxLon: math.Min(lim, b.MaxLon+pad), MaxLat: math.Min(85, b.MaxLat+pad)}
}

// graticule returns meridians and parallels across the view, at a step
// of whole degrees that gives at most a dozen of each.
func graticule(p projection) []gridLine {
	v := p.view(0)
	step := 30.0
	for _, s := range []float64{1, 2, 5, 10, 15, 30} {
		if (v.MaxLon-v.MinLon)/s <= 12 {
			step = s
			break
		}
	}
	var grid []gridLine
	for lon := math.Ceil(v.MinLon/step) * step; lon <= v.MaxLon; lon += step {
		name := lon // past ±180°, the meridian's name is 360° over
		if name > 180 {
			name -= 360
		} else if name <= -180 {
			name += 360
		}
		label := formatDeg(name, "E", "W")
		if name == 180 {
			label = "180°"
		}
		x, _ := p.xy(lon, 0)
		grid = append(grid, gridLine{round1(x), 0, round1(x), p.H, label})
	}
	for lat := math.Ceil(v.MinLat/step) * step; lat <= v.MaxLat; lat += step {
		if lat < -90 || lat > 90 {
			continue
		}
		_, y := p.xy(0, lat)
		grid = append(grid, gridLine{0, round1(y), p.W, round1(y), formatDeg(lat, "N", "S")})
	}
	return grid
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func formatDeg(v float64, pos, neg string) string {
	if v == 0 {
		return "0°"
	}
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
