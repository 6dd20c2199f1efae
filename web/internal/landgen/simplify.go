package main

import "math"

// Simplify returns the arc reduced by Douglas–Peucker to within tol
// degrees, keeping both ends so that arcs still meet. A closed arc (an
// island drawn as one arc) is split at the point farthest from its start
// first, so that it cannot collapse to a line.
func Simplify(arc []Point, tol float64) []Point {
	n := len(arc)
	if n <= 2 {
		return append([]Point(nil), arc...)
	}
	keep := make([]bool, n)
	keep[0], keep[n-1] = true, true
	if arc[0] == arc[n-1] {
		far, best := 0, -1.0
		for i := 1; i < n-1; i++ {
			if d := dist2(arc[i], arc[0]); d > best {
				far, best = i, d
			}
		}
		keep[far] = true
		douglasPeucker(arc, 0, far, tol*tol, keep)
		douglasPeucker(arc, far, n-1, tol*tol, keep)
	} else {
		douglasPeucker(arc, 0, n-1, tol*tol, keep)
	}
	var out []Point
	for i, k := range keep {
		if k {
			out = append(out, arc[i])
		}
	}
	return out
}

// douglasPeucker marks the points between i and j that are kept at a
// squared tolerance of tol2, with an explicit stack so that a long arc
// cannot exhaust the goroutine's stack.
func douglasPeucker(arc []Point, i, j int, tol2 float64, keep []bool) {
	stack := [][2]int{{i, j}}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		a, b := s[0], s[1]
		far, best := -1, tol2
		for k := a + 1; k < b; k++ {
			if d := segDist2(arc[k], arc[a], arc[b]); d > best {
				far, best = k, d
			}
		}
		if far < 0 {
			continue
		}
		keep[far] = true
		stack = append(stack, [2]int{a, far}, [2]int{far, b})
	}
}

func dist2(p, q Point) float64 {
	dx, dy := p.Lon-q.Lon, p.Lat-q.Lat
	return dx*dx + dy*dy
}

// segDist2 is the squared distance from p to the segment ab.
func segDist2(p, a, b Point) float64 {
	dx, dy := b.Lon-a.Lon, b.Lat-a.Lat
	l2 := dx*dx + dy*dy
	if l2 == 0 {
		return dist2(p, a)
	}
	t := math.Max(0, math.Min(1, ((p.Lon-a.Lon)*dx+(p.Lat-a.Lat)*dy)/l2))
	return dist2(p, Point{a.Lon + t*dx, a.Lat + t*dy})
}
