package main

import "github.com/muster-osint/muster/web/internal/simplify"

// Simplify returns the arc reduced by Douglas–Peucker to within tol
// degrees, keeping both ends so that arcs still meet (see
// simplify.DouglasPeucker).
func Simplify(arc []Point, tol float64) []Point {
	pts := make([]simplify.Point, len(arc))
	for i, p := range arc {
		pts[i] = simplify.Point{X: p.Lon, Y: p.Lat}
	}
	kept := simplify.DouglasPeucker(pts, tol)
	out := make([]Point, len(kept))
	for i, p := range kept {
		out[i] = Point{Lon: p.X, Lat: p.Y}
	}
	return out
}
