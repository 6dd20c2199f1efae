package simplify

import (
	"slices"
	"testing"
)

func TestDouglasPeucker(t *testing.T) {
	tests := []struct {
		name string
		in   []Point
		tol  float64
		want []Point
	}{
		{"a straight line keeps its ends", []Point{{0, 0}, {1, 0.01}, {2, 0}, {3, 0}}, 0.1, []Point{{0, 0}, {3, 0}}},
		{"a corner stays", []Point{{0, 0}, {1, 0}, {1, 1}}, 0.1, []Point{{0, 0}, {1, 0}, {1, 1}}},
		{"a closed ring keeps its far point", []Point{{0, 0}, {1, 0.001}, {2, 0}, {1, -0.001}, {0, 0}}, 0.1, []Point{{0, 0}, {2, 0}, {0, 0}}},
		{"zero tolerance keeps every bend", []Point{{0, 0}, {1, 0.01}, {2, 0}}, 0, []Point{{0, 0}, {1, 0.01}, {2, 0}}},
		{"two points stay", []Point{{0, 0}, {5, 5}}, 10, []Point{{0, 0}, {5, 5}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DouglasPeucker(tt.in, tt.tol); !slices.Equal(got, tt.want) {
				t.Errorf("DouglasPeucker(%v, %g) = %v, want %v", tt.in, tt.tol, got, tt.want)
			}
		})
	}
}
