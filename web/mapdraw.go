package web

import (
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/muster-osint/muster/web/internal/simplify"
)

// projection is an equirectangular projection with one scale: a degree of
// latitude is s pixels and a degree of longitude s·cos(φ₀), φ₀ the middle
// latitude of the fitted box, so that shapes near the box keep their
// proportions. (lon0, lat0) is the top-left corner of the view.
type projection struct {
	Lon0, Lat0 float64
	K, S       float64
	W, H       float64
}

// fitProjection fits b into a view width pixels wide, choosing a height
// between minH and maxH that suits the box's shape and centring the box in
// the view.
func fitProjection(b box, width, minH, maxH float64) projection {
	mid := (b.MinLat + b.MaxLat) / 2
	k := math.Max(0.1, math.Cos(mid*math.Pi/180))
	bw := math.Max(1e-6, (b.MaxLon-b.MinLon)*k)
	bh := math.Max(1e-6, b.MaxLat-b.MinLat)
	h := math.Round(math.Min(maxH, math.Max(minH, width*bh/bw)))
	s := math.Min(width/bw, h/bh)
	cLon, cLat := (b.MinLon+b.MaxLon)/2, (b.MinLat+b.MaxLat)/2
	return projection{Lon0: cLon - width/(2*s*k), Lat0: cLat + h/(2*s), K: k, S: s, W: width, H: h}
}

// xy projects a longitude and latitude to view pixels.
func (p projection) xy(lon, lat float64) (x, y float64) {
	return (lon - p.Lon0) * p.K * p.S, (p.Lat0 - lat) * p.S
}

// view returns the longitudes and latitudes the view shows, grown by
// margin pixels on every side.
func (p projection) view(margin float64) box {
	dLon, dLat := margin/(p.K*p.S), margin/p.S
	return box{p.Lon0 - dLon, p.Lat0 - p.H/p.S - dLat, p.Lon0 + p.W/(p.K*p.S) + dLon, p.Lat0 + dLat}
}

// xy is a point in view pixels.
type xy struct{ X, Y float64 }

// landPath is a country drawn as one SVG path.
type landPath struct {
	Name string
	D    string
}

// clipMargin is how far outside the view, in pixels, paths are still
// drawn, so that clipped edges and line joins fall outside the picture.
const clipMargin = 4

// mapLabel is a country's name placed on the map.
type mapLabel struct {
	X, Y float64
	Name string
}

// landDrawing is the land of one map view.
type landDrawing struct {
	Countries []landPath
	Coast     string // one path: the arcs of one ring only
	Borders   string // one path: the arcs that two countries share
	Labels    []mapLabel
}

// drawLand returns, for the countries whose rings' boxes meet the view,
// their rings projected, reduced to what the view can show (arcs with
// vertices less than about a pixel apart thinned, then Douglas–Peucker at
// half a pixel) and clipped to it, one path of the borders (arcs that two
// rings share), and the names of the countries that have room for them.
// Arcs are thinned once each, so that neighbours still meet along the
// same line.
//
// A view that reaches past ±180° shows the land again on that side, 360°
// over.
func drawLand(l *land, p projection, taken [][4]float64) landDrawing {
	var out landDrawing
	var cands []labelCandidate
	var bd, cw pathWriter
	v := p.view(clipMargin)
	for _, shift := range []float64{-360, 0, 360} {
		if (shift < 0 && v.MinLon >= -180) || (shift > 0 && v.MaxLon <= 180) {
			continue
		}
		ps := p
		ps.Lon0 -= shift // land at lon is drawn at lon+shift
		cands = drawLandCopy(l, ps, &out, &bd, &cw, cands)
	}
	out.Borders = bd.b.String()
	out.Coast = cw.b.String()
	out.Labels = placeLabels(cands, p, taken)
	return out
}

// drawLandCopy draws the land in the view of p onto out and bd, and
// returns cands with the label candidates of its countries.
func drawLandCopy(l *land, p projection, out *landDrawing, bd, cw *pathWriter, cands []labelCandidate) []labelCandidate {
	vb := p.view(clipMargin)
	rect := [4]float64{-clipMargin, -clipMargin, p.W + clipMargin, p.H + clipMargin}
	arcs := map[int][]xy{}
	arc := func(i int) []xy {
		if pts, ok := arcs[i]; ok {
			return pts
		}
		pts := make([]xy, len(l.arcs[i]))
		for j, q := range l.arcs[i] {
			pts[j].X, pts[j].Y = p.xy(q.Lon, q.Lat)
		}
		pts = thin(pts, 1, 0.5)
		arcs[i] = pts
		return pts
	}
	var ringPts []xy
	for _, c := range l.countries {
		if !c.Box.intersects(vb) {
			continue
		}
		var d pathWriter
		var best labelCandidate
		for _, poly := range c.Polygons {
			for _, rg := range poly {
				if !rg.Box.intersects(vb) {
					continue
				}
				ringPts = ringPts[:0]
				for _, a := range rg.Arcs {
					i := a
					if a < 0 {
						i = ^a
					}
					pts := arc(i)
					if a < 0 {
						for j := len(pts) - 1; j >= 0; j-- {
							ringPts = appendPoint(ringPts, pts[j])
						}
					} else {
						for _, q := range pts {
							ringPts = appendPoint(ringPts, q)
						}
					}
				}
				if n := len(ringPts); n > 1 && ringPts[0] == ringPts[n-1] {
					ringPts = ringPts[:n-1] // z closes it
				}
				for _, piece := range cutAntimeridian(ringPts, p) {
					clipped := clipPolygon(piece, rect)
					d.ring(clipped)
					if lc := labelFor(clipped, c.Name); lc.area > best.area {
						best = lc
					}
				}
			}
		}
		if d.b.Len() > 0 {
			out.Countries = append(out.Countries, landPath{Name: c.Name, D: d.b.String()})
			cands = append(cands, best)
		}
	}
	for i := range l.arcs {
		// An arc two countries share is a border; an arc of one ring is a
		// coast; an arc two rings of one country share (a correction of
		// deJure in landgen) is neither.
		w := bd
		switch {
		case l.arcLands[i] >= 2:
		case l.arcUses[i] == 1:
			w = cw
		default:
			continue
		}
		if !l.arcBoxes[i].intersects(vb) {
			continue
		}
		for _, run := range clipLine(arc(i), rect) {
			for _, part := range splitJumps(run, 180*p.K*p.S) {
				w.line(part)
			}
		}
	}
	return cands
}

// labelCandidate is where a country's name could go: the centroid of its
// largest piece in view, with that piece's size.
type labelCandidate struct {
	mapLabel
	area float64
	ring []xy
}

// labelFor returns the label candidate of one clipped ring, or none when
// its centroid falls outside it (a crescent, a ring of islands).
func labelFor(pts []xy, name string) labelCandidate {
	if len(pts) < 3 {
		return labelCandidate{}
	}
	var a, cx, cy float64
	for i, q := range pts {
		r := pts[(i+1)%len(pts)]
		f := q.X*r.Y - r.X*q.Y
		a += f
		cx += (q.X + r.X) * f
		cy += (q.Y + r.Y) * f
	}
	if math.Abs(a) < 1 {
		return labelCandidate{}
	}
	cx, cy = cx/(3*a), cy/(3*a)
	if !inside(pts, xy{cx, cy}) {
		return labelCandidate{}
	}
	return labelCandidate{mapLabel{round1(cx), round1(cy), name}, math.Abs(a) / 2, pts}
}

// inside reports whether q is inside the ring (even-odd rule).
func inside(pts []xy, q xy) bool {
	in := false
	for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
		a, b := pts[i], pts[j]
		if (a.Y > q.Y) != (b.Y > q.Y) && q.X < (b.X-a.X)*(q.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

// placeLabels keeps, largest country first, the names that fit inside
// their piece and overlap neither a name already placed, nor the taken
// rectangles (the places and their names), nor the graticule's labels
// along the top and left edges.
func placeLabels(cands []labelCandidate, p projection, taken [][4]float64) []mapLabel {
	const charW, lineH = 7.0, 14.0 // clabel: 12px type
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].area > cands[j].area })
	placed := append([][4]float64(nil), taken...)
	var out []mapLabel
	for _, c := range cands {
		if c.area == 0 {
			continue
		}
		w := charW * float64(len([]rune(c.Name)))
		r := [4]float64{c.X - w/2 - 4, c.Y - lineH/2 - 2, c.X + w/2 + 4, c.Y + lineH/2 + 2}
		if r[0] < 36 || r[1] < 16 || r[2] > p.W-2 || r[3] > p.H-2 {
			continue
		}
		if !inside(c.ring, xy{r[0], r[1]}) || !inside(c.ring, xy{r[2], r[1]}) ||
			!inside(c.ring, xy{r[0], r[3]}) || !inside(c.ring, xy{r[2], r[3]}) {
			continue
		}
		clash := false
		for _, o := range placed {
			if r[0] < o[2] && o[0] < r[2] && r[1] < o[3] && o[1] < r[3] {
				clash = true
				break
			}
		}
		if !clash {
			placed = append(placed, r)
			out = append(out, c.mapLabel)
		}
	}
	return out
}

// cutAntimeridian cuts a projected ring where it crosses the
// antimeridian, which the source draws as a jump from 180° to -180°
// (Russia's Chukotka, Fiji, Antarctica). A ring that crosses and comes
// back becomes its two pieces, each closed along the antimeridian; a ring
// around a pole (one crossing) is closed through that pole. A ring that
// crosses more than twice is cut into its pieces, each closed straight.
func cutAntimeridian(pts []xy, p projection) [][]xy {
	half := 180 * p.K * p.S
	var jumps []int // i: a jump between pts[i-1] and pts[i]
	for i := 1; i < len(pts); i++ {
		if math.Abs(pts[i].X-pts[i-1].X) > half {
			jumps = append(jumps, i)
		}
	}
	if n := len(pts); n > 1 && math.Abs(pts[0].X-pts[n-1].X) > half {
		jumps = append(jumps, 0)
	}
	if len(jumps) == 0 {
		return [][]xy{pts}
	}
	// Rotate so that the ring starts just after a jump, then cut it at
	// the others.
	start := jumps[0]
	r := append(append([]xy(nil), pts[start:]...), pts[:start]...)
	if len(jumps) == 1 {
		var sum float64
		for _, q := range r {
			sum += q.Y
		}
		_, equator := p.xy(0, 0)
		lat := 90.0
		if sum/float64(len(r)) > equator {
			lat = -90
		}
		_, pole := p.xy(0, lat)
		first, last := r[0], r[len(r)-1]
		return [][]xy{append(r, xy{last.X, pole}, xy{first.X, pole})}
	}
	return splitJumps(r, half)
}

// splitJumps cuts a polyline where it jumps more than half pixels
// across, from one side of the antimeridian to the other.
func splitJumps(pts []xy, half float64) [][]xy {
	var out [][]xy
	from := 0
	for i := 1; i < len(pts); i++ {
		if math.Abs(pts[i].X-pts[i-1].X) > half {
			out = append(out, pts[from:i])
			from = i
		}
	}
	return append(out, pts[from:])
}

// appendPoint appends q unless it repeats the last point.
func appendPoint(pts []xy, q xy) []xy {
	if n := len(pts); n > 0 && pts[n-1] == q {
		return pts
	}
	return append(pts, q)
}

// thin drops vertices closer than near pixels to the last one kept, then
// simplifies with Douglas–Peucker at tol pixels; the ends always stay.
func thin(pts []xy, near, tol float64) []xy {
	if len(pts) <= 2 {
		return pts
	}
	out := []simplify.Point{simplify.Point(pts[0])}
	for _, q := range pts[1 : len(pts)-1] {
		if d := simplify.Dist2(simplify.Point(q), out[len(out)-1]); d >= near*near {
			out = append(out, simplify.Point(q))
		}
	}
	out = append(out, simplify.Point(pts[len(pts)-1]))
	if len(out) > 2 {
		out = simplify.DouglasPeucker(out, tol)
	}
	kept := make([]xy, len(out))
	for i, q := range out {
		kept[i] = xy(q)
	}
	return kept
}

// clipPolygon clips a closed ring to the rectangle {minX, minY, maxX,
// maxY} (Sutherland–Hodgman). The result may run along the rectangle's
// edges where the ring left it; drawn with a margin, those edges lie
// outside the picture.
func clipPolygon(pts []xy, rect [4]float64) []xy {
	inside := [4]func(q xy) bool{
		func(q xy) bool { return q.X >= rect[0] },
		func(q xy) bool { return q.Y >= rect[1] },
		func(q xy) bool { return q.X <= rect[2] },
		func(q xy) bool { return q.Y <= rect[3] },
	}
	cross := func(e int, a, b xy) xy {
		switch e {
		case 0, 2:
			t := (rect[e] - a.X) / (b.X - a.X)
			return xy{rect[e], a.Y + t*(b.Y-a.Y)}
		default:
			t := (rect[e] - a.Y) / (b.Y - a.Y)
			return xy{a.X + t*(b.X-a.X), rect[e]}
		}
	}
	out := pts
	for e := range 4 {
		if len(out) == 0 {
			return nil
		}
		in := out
		out = nil
		prev := in[len(in)-1]
		for _, q := range in {
			switch qi, pi := inside[e](q), inside[e](prev); {
			case qi && pi:
				out = append(out, q)
			case qi:
				out = append(out, cross(e, prev, q), q)
			case pi:
				out = append(out, cross(e, prev, q))
			}
			prev = q
		}
	}
	return out
}

// clipLine returns the runs of a polyline whose segments meet the
// rectangle; segments reaching outside are kept whole, for SVG to clip.
func clipLine(pts []xy, rect [4]float64) [][]xy {
	var runs [][]xy
	var run []xy
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		if max(a.X, b.X) < rect[0] || min(a.X, b.X) > rect[2] || max(a.Y, b.Y) < rect[1] || min(a.Y, b.Y) > rect[3] {
			if len(run) > 0 {
				runs = append(runs, run)
				run = nil
			}
			continue
		}
		if len(run) == 0 {
			run = append(run, a)
		}
		run = append(run, b)
	}
	if len(run) > 0 {
		runs = append(runs, run)
	}
	return runs
}

// pathWriter writes SVG path data in tenths of a pixel: an absolute move
// to the first point, then relative lines, computed from the rounded
// positions so that rounding does not drift.
type pathWriter struct {
	b    strings.Builder
	x, y int // the pen, in tenths
}

// ring writes a closed ring, or nothing when it covers less than a pixel.
func (w *pathWriter) ring(pts []xy) {
	if len(pts) < 3 {
		return
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range pts {
		minX, minY, maxX, maxY = min(minX, q.X), min(minY, q.Y), max(maxX, q.X), max(maxY, q.Y)
	}
	if maxX-minX < 1 && maxY-minY < 1 {
		return
	}
	if w.path(pts) {
		w.b.WriteByte('z')
	}
}

// line writes an open polyline.
func (w *pathWriter) line(pts []xy) {
	if len(pts) >= 2 {
		w.path(pts)
	}
}

// path writes the points, reporting whether it wrote more than the move.
func (w *pathWriter) path(pts []xy) bool {
	x, y := tenths(pts[0].X), tenths(pts[0].Y)
	w.b.WriteByte('M')
	w.num(x, false)
	w.num(y, true)
	w.x, w.y = x, y
	n := 0
	for _, q := range pts[1:] {
		x, y := tenths(q.X), tenths(q.Y)
		if x == w.x && y == w.y {
			continue
		}
		if n == 0 {
			w.b.WriteByte('l')
		}
		w.num(x-w.x, n > 0)
		w.num(y-w.y, true)
		w.x, w.y = x, y
		n++
	}
	return n > 0
}

func tenths(v float64) int { return int(math.Round(v * 10)) }

// num writes a number of tenths as a decimal, with a space before it when
// sep is set and no sign separates it from the one before.
func (w *pathWriter) num(t int, sep bool) {
	if t < 0 {
		w.b.WriteByte('-')
		t = -t
	} else if sep {
		w.b.WriteByte(' ')
	}
	if t >= 10 || t%10 == 0 {
		w.b.WriteString(strconv.Itoa(t / 10))
	}
	if t%10 != 0 {
		w.b.WriteByte('.')
		w.b.WriteByte(byte('0' + t%10))
	}
}
