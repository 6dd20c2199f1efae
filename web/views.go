package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/muster-osint/muster"
)

// node and edge are a relationship graph laid out for SVG.
type node struct {
	X, Y  float64
	Name  string
	Link  string
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
		label := strings.ReplaceAll(string(c.Predicate), "_", " ")
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
	nodes := []node{{X: cx, Y: cy, Name: p.Entity.Name, Type: string(p.Entity.Type), Focus: true, Link: "/entity/" + url.PathEscape(p.Entity.ID)}}
	var edges []edge
	for i, k := range order {
		a := 2 * math.Pi * float64(i) / float64(len(order))
		x, y := cx+radius*math.Cos(a), cy+radius*math.Sin(a)
		rl := rels[k]
		link := "/search?q=" + url.QueryEscape(rl.ref.Name)
		if strings.HasPrefix(rl.ref.ID, "e_") {
			link = "/entity/" + url.PathEscape(rl.ref.ID)
		}
		nodes = append(nodes, node{X: x, Y: y, Name: rl.ref.Name, Type: rl.ref.Type, Link: link})
		edges = append(edges, edge{X1: cx, Y1: cy, X2: x, Y2: y, LX: (cx + x) / 2, LY: (cy + y) / 2,
			Label: joinLabels(rl.preds), Class: string(rl.mod)})
	}
	s.render(w, r, "graph.html", map[string]any{"Title": p.Entity.Name, "P": p, "Nodes": nodes, "Edges": edges})
}

// point is a place, or a cluster of places near each other at this zoom,
// on the map.
type point struct {
	X, Y   float64
	R      float64
	Name   string
	Count  int    // events at the place or the cluster
	Places int    // places in the cluster
	Link   string // the place's page, or the map zoomed to the cluster
	Events []string
}

// gridLine is a meridian or parallel of the map's graticule.
type gridLine struct {
	X1, Y1, X2, Y2 float64
	Label          string
}

// Map view: 900 pixels wide, its height suited to the places' box.
const mapWidth, mapMinHeight, mapMaxHeight = 900.0, 360.0, 640.0

// clusterPixels is how near, in view pixels, two places are drawn as one
// cluster.
const clusterPixels = 22.0

// mapPlace is a geocoded place events of the filter happened at: how
// many, and the labels of the first maxPlaceLabels of them.
type mapPlace struct {
	id     string
	pl     muster.Place
	name   string
	n      int
	labels []string
}

// maxPlaceLabels bounds the event labels a place's tooltip lists; the
// rest are counted (a town at the front has thousands of events, and
// listing them all made the map megabytes long). The store keeps as many
// (store.maxMapLabels).
const maxPlaceLabels = 12

// mapPlaces returns the geocoded places, finer than a country, of the
// events that pass the filter, and the number of those events: read from
// what the store keeps at ingest when there is no filter and it keeps it,
// else counted over the snapshot's events.
func (s *Server) mapPlaces(r *http.Request, snap *snapshot, f filter) (map[string]*mapPlace, int, error) {
	places := map[string]*mapPlace{}
	if d, ok := s.store.(Derived); ok && f.Empty() {
		stored, n, err := d.MapPlaces(r.Context())
		if err != nil {
			return nil, 0, err
		}
		for _, p := range stored {
			if p.Entity.Place == nil || p.Entity.Place.Precision == muster.PrecisionCountry || p.Events == 0 {
				continue
			}
			places[p.Entity.ID] = &mapPlace{id: p.Entity.ID, pl: *p.Entity.Place, name: p.Entity.Name, n: p.Events,
				labels: p.Labels[:min(len(p.Labels), maxPlaceLabels)]}
		}
		return places, n, nil
	}
	evs := snap.filtered(f)
	for _, ev := range evs {
		for _, ref := range ev.Places {
			e, ok := snap.places[ref.ID]
			if !ok || e.Place == nil || e.Place.Precision == muster.PrecisionCountry {
				continue
			}
			p := places[ref.ID]
			if p == nil {
				p = &mapPlace{id: ref.ID, pl: *e.Place, name: e.Name}
				places[ref.ID] = p
			}
			p.n++
			if len(p.labels) < maxPlaceLabels {
				p.labels = append(p.labels, ev.Label)
			}
		}
	}
	return places, len(evs), nil
}

// pageMap draws the filtered events' geocoded places on the embedded land
// and country borders, in an equirectangular projection fitted to the
// bulk of them (the 5th to 95th percentile box; the places outside it are
// listed beside the map) or to the bbox parameter, with places near each
// other at that zoom drawn as one cluster with its count. Server-rendered
// SVG, nothing fetched; zoom and pan are links.
func (s *Server) pageMap(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseFilter(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	bboxParam, err := param(r, "bbox", false)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	snap, err := s.snaps.get(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	places, nEvents, err := s.mapPlaces(r, snap, f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ids := make([]string, 0, len(places))
	for id := range places {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var view box
	if bboxParam != "" {
		if view, err = parseBBox(bboxParam); err != nil {
			s.pageError(w, r, err)
			return
		}
	} else {
		view = mapBox(bulk(ids, places))
	}
	proj := fitProjection(view, mapWidth, mapMinHeight, mapMaxHeight)
	shown := proj.view(0)
	// Places in the view, the most eventful first, each joining the first
	// cluster within clusterPixels of it.
	sort.SliceStable(ids, func(i, j int) bool { return places[ids[i]].n > places[ids[j]].n })
	type cluster struct {
		x, y   float64
		places []*mapPlace
		b      box
	}
	var clusters []*cluster
	var outside []*mapPlace
	for _, id := range ids {
		p := places[id]
		if !shown.contains(lonLat{p.pl.Lon, p.pl.Lat}) {
			outside = append(outside, p)
			continue
		}
		x, y := proj.xy(p.pl.Lon, p.pl.Lat)
		var home *cluster
		for _, c := range clusters {
			if math.Hypot(c.x-x, c.y-y) <= clusterPixels {
				home = c
				break
			}
		}
		if home == nil {
			home = &cluster{x: x, y: y, b: emptyBox()}
			clusters = append(clusters, home)
		}
		home.places = append(home.places, p)
		home.b = home.b.add(lonLat{p.pl.Lon, p.pl.Lat})
	}
	fq := f.Query()
	var pts []point
	var taken [][4]float64 // the places and their names, for country names to avoid
	for _, c := range clusters {
		n := 0
		for _, p := range c.places {
			n += p.n
		}
		rad := 4 + 2*math.Sqrt(float64(n))
		pt := point{X: round1(c.x), Y: round1(c.y), R: round1(rad), Count: n, Places: len(c.places)}
		if len(c.places) == 1 {
			p := c.places[0]
			pt.Name, pt.Events, pt.Link = p.name, p.labels, "/entity/"+url.PathEscape(p.id)
			if more := p.n - len(p.labels); more > 0 {
				pt.Events = append(slices.Clip(pt.Events), "and "+strconv.Itoa(more)+" more")
			}
		} else {
			pt.Name = c.places[0].name + " and " + strconv.Itoa(len(c.places)-1) + " more"
			for _, p := range c.places {
				pt.Events = append(pt.Events, p.name)
			}
			pad := math.Max(0.2, math.Max(c.b.MaxLon-c.b.MinLon, c.b.MaxLat-c.b.MinLat)*0.3)
			zb := box{c.b.MinLon - pad, c.b.MinLat - pad, c.b.MaxLon + pad, c.b.MaxLat + pad}
			pt.Link = "/map?" + withParam(fq, "bbox", zb.param())
		}
		pts = append(pts, pt)
		taken = append(taken, [4]float64{c.x - rad, c.y - max(rad, 10), c.x + 8 + 7.5*float64(len([]rune(pt.Name))), c.y + max(rad, 6)})
	}
	sort.Slice(pts, func(i, j int) bool { return pts[i].Count > pts[j].Count }) // big circles under small ones
	ld := s.drawLandCached(proj, taken)
	type outlier struct {
		Name, Link, Where string
		N                 int
	}
	var outs []outlier
	for _, p := range outside {
		if len(outs) == 50 {
			break
		}
		outs = append(outs, outlier{Name: p.name, Link: "/entity/" + url.PathEscape(p.id), Where: strings.Trim(p.pl.Admin1+", "+p.pl.Country, ", "), N: p.n})
	}
	// Zoom and pan links keep the view inside the world (east may pass
	// 180° by 20°, where the land is drawn again) and no narrower than a
	// tenth of a degree; a link that cannot move is left off.
	zoom := func(factor, dx, dy float64) string {
		w, h := (shown.MaxLon-shown.MinLon)*factor, (shown.MaxLat-shown.MinLat)*factor
		if w < 0.1 || h < 0.1 {
			return ""
		}
		w, h = math.Min(w, 380), math.Min(h, 170)
		cLon := (shown.MinLon+shown.MaxLon)/2 + dx*(shown.MaxLon-shown.MinLon)/2
		cLat := (shown.MinLat+shown.MaxLat)/2 + dy*(shown.MaxLat-shown.MinLat)/2
		cLon = math.Max(-180+w/2, math.Min(200-w/2, cLon))
		cLat = math.Max(-85+h/2, math.Min(85-h/2, cLat))
		b := box{cLon - w/2, cLat - h/2, cLon + w/2, cLat + h/2}
		if math.Abs(b.MinLon-shown.MinLon) < 1e-3 && math.Abs(b.MaxLon-shown.MaxLon) < 1e-3 &&
			math.Abs(b.MinLat-shown.MinLat) < 1e-3 && math.Abs(b.MaxLat-shown.MaxLat) < 1e-3 {
			return ""
		}
		return "/map?" + withParam(fq, "bbox", b.param())
	}
	nav := map[string]string{"In": zoom(0.5, 0, 0), "Out": zoom(2, 0, 0), "West": zoom(1, -1, 0), "East": zoom(1, 1, 0),
		"North": zoom(1, 0, 1), "South": zoom(1, 0, -1)}
	if bboxParam != "" {
		nav["Fit"] = "/map?" + fq
	}
	s.render(w, r, "map.html", map[string]any{"Title": "Map", "Points": pts, "Grid": graticule(proj),
		"Land": ld, "Width": proj.W, "Height": proj.H, "Events": nEvents, "Places": len(ids), "Outside": outs,
		"MoreOutside": len(outside) - len(outs), "Nav": nav, "F": f, "Snap": snap, "Box": shown.param()})
}

// bulk returns the places inside the 5th–95th percentile box of the
// longitudes and latitudes of their events (a place counts once for each
// event at it), or all of them when there are fewer than ten events: the
// map fits where most events are, not a stray geocoding far away.
func bulk(ids []string, places map[string]*mapPlace) []lonLat {
	total := 0
	pts := make([]lonLat, len(ids))
	for i, id := range ids {
		p := places[id]
		total += p.n
		pts[i] = lonLat{p.pl.Lon, p.pl.Lat}
	}
	if total < 10 {
		return pts
	}
	// nth returns the k-th smallest of the coordinates, each counted as
	// many times as its place has events.
	nth := func(coord func(lonLat) float64, k int) float64 {
		idx := make([]int, len(ids))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return coord(pts[idx[a]]) < coord(pts[idx[b]]) })
		for _, i := range idx {
			if k -= places[ids[i]].n; k < 0 {
				return coord(pts[i])
			}
		}
		return coord(pts[idx[len(idx)-1]])
	}
	lon := func(p lonLat) float64 { return p.Lon }
	lat := func(p lonLat) float64 { return p.Lat }
	lo, hi := total*5/100, (total-1)*95/100
	b := box{nth(lon, lo), nth(lat, lo), nth(lon, hi), nth(lat, hi)}
	var out []lonLat
	for _, p := range pts {
		if b.contains(p) {
			out = append(out, p)
		}
	}
	return out
}

func (b box) contains(p lonLat) bool {
	return p.Lon >= b.MinLon && p.Lon <= b.MaxLon && p.Lat >= b.MinLat && p.Lat <= b.MaxLat
}

// param is the box as a bbox parameter: "minLon,minLat,maxLon,maxLat".
func (b box) param() string {
	f := func(v float64) string { return strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64) }
	return f(b.MinLon) + "," + f(b.MinLat) + "," + f(b.MaxLon) + "," + f(b.MaxLat)
}

// parseBBox reads a bbox parameter: four numbers, west, south, east and
// north, within the world (east may pass 180 by up to 20°, where the land
// is drawn again) and at least a hundredth of a degree across.
func parseBBox(v string) (box, error) {
	parts := strings.Split(v, ",")
	bad := func(why string) (box, error) {
		return box{}, muster.Errorf(muster.KindInvalid, "parameter bbox: %q %s (want minLon,minLat,maxLon,maxLat)", v, why)
	}
	if len(parts) != 4 {
		return bad("is not four numbers")
	}
	var n [4]float64
	for i, p := range parts {
		x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return bad("is not four numbers")
		}
		n[i] = x
	}
	b := box{n[0], n[1], n[2], n[3]}
	switch {
	case b.MinLon < -200 || b.MaxLon > 200 || b.MinLat < -90 || b.MaxLat > 90:
		return bad("is outside the world")
	case b.MaxLon-b.MinLon < 0.01 || b.MaxLat-b.MinLat < 0.01:
		return bad("is empty or smaller than a hundredth of a degree")
	case b.MaxLon-b.MinLon > 400:
		return bad("is wider than the world")
	}
	return b, nil
}

// withParam returns the query string q with one parameter set.
func withParam(q, name, value string) string {
	v, _ := url.ParseQuery(q)
	if v == nil {
		v = url.Values{}
	}
	v.Set(name, value)
	return v.Encode()
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

// maxDrawings bounds the land drawings kept; the cache is emptied when full.
const maxDrawings = 64

// drawLandCached returns drawLand's drawing of the view, from the cache
// when the same view with the same label obstacles was drawn before.
func (s *Server) drawLandCached(p projection, taken [][4]float64) landDrawing {
	l, err := s.land()
	if err != nil {
		s.logger.Error("web: map without land", "err", err)
		return landDrawing{}
	}
	key := fmt.Sprint(p, taken)
	s.drawMu.Lock()
	ld, ok := s.drawings[key]
	s.drawMu.Unlock()
	if ok {
		return ld
	}
	ld = drawLand(l, p, taken)
	s.drawMu.Lock()
	if s.drawings == nil || len(s.drawings) >= maxDrawings {
		s.drawings = map[string]landDrawing{}
	}
	s.drawings[key] = ld
	s.drawMu.Unlock()
	return ld
}
