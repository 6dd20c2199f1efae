// Package simplify reduces polylines by Douglas–Peucker, for the map's land:
// landgen simplifies arcs in degrees when it builds the embedded file, and
// the map page thins them again in pixels for the zoom it draws.
package simplify

import "math"

// Point is a position in any plane: degrees of longitude and latitude, or
// pixels.
type Point struct{ X, Y float64 }

// DouglasPeucker returns pts reduced to within tol, keeping both ends so
// that arcs sharing an end still meet. A closed polyline (first point equal
// to the last, an island drawn as one arc) is split at its point farthest
// from the start first, so that it cannot collapse to a line. The points
// come back in a new slice.
func DouglasPeucker(pts []Point, tol float64) []Point {
	n := len(pts)
	if n <= 2 {
		return append([]Point(nil), pts...)
	}
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	// An explicit stack, so that a long arc cannot exhaust the goroutine's.
	stack := [][2]int{{0, n - 1}}
	if pts[0] == pts[n-1] {
		far, best := 0, -1.0
		for i := 1; i < n-1; i++ {
			if d := Dist2(pts[i], pts[0]); d > best {
				far, best = i, d
			}
		}
		keep[far] = true
		stack = [][2]int{{0, far}, {far, n - 1}}
	}
	tol2 := tol * tol
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		far, best := -1, tol2
		for k := s[0] + 1; k < s[1]; k++ {
			if d := segDist2(pts[k], pts[s[0]], pts[s[1]]); d > best {
				far, best = k, d
			}
		}
		if far >= 0 {
			keep[far] = true
			stack = append(stack, [2]int{s[0], far}, [2]int{far, s[1]})
		}
	}
	var out []Point
	for i, k := range keep {
		if k {
			out = append(out, pts[i])
		}
	}
	return out
}

// Dist2 is the squared distance between p and q.
func Dist2(p, q Point) float64 {
	dx, dy := p.X-q.X, p.Y-q.Y
	return dx*dx + dy*dy
}

// segDist2 is the squared distance from p to the segment ab.
func segDist2(p, a, b Point) float64 {
	dx, dy := b.X-a.X, b.Y-a.Y
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return Dist2(p, a)
	}
	t := math.Max(0, math.Min(1, ((p.X-a.X)*dx+(p.Y-a.Y)*dy)/l2))
	return Dist2(p, Point{a.X + t*dx, a.Y + t*dy})
}
