package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestBuildGolden decodes the hand-written topology (shared border, a
// reversed arc, a hole, a multipolygon, a numeric id, an unused arc,
// nested collections and skipped geometries) and compares the land it
// builds with the golden listing.
func TestBuildGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/tiny.topojson")
	if err != nil {
		t.Fatal(err)
	}
	topo, err := Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	l, err := Build(topo, "countries", 0.1, 100)
	if err != nil {
		t.Fatal(err)
	}
	got := l.String()
	golden := filepath.Join("testdata", "tiny.golden")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("land of tiny.topojson:\n got:\n%s\nwant:\n%s", got, want)
	}
}

// TestCompressDeterministic checks that the same topology gives the same
// bytes, which is what lets the generated file be committed.
func TestCompressDeterministic(t *testing.T) {
	data, err := os.ReadFile("testdata/tiny.topojson")
	if err != nil {
		t.Fatal(err)
	}
	var outs [][]byte
	for range 2 {
		topo, err := Parse(data)
		if err != nil {
			t.Fatal(err)
		}
		l, err := Build(topo, "countries", 0.1, 100)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Compress(l)
		if err != nil {
			t.Fatal(err)
		}
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two runs over the same topology gave different bytes")
	}
}

func TestPositions(t *testing.T) {
	tests := []struct {
		name string
		topo string
		want []Point
	}{
		{"quantized arcs are deltas",
			`{"type":"Topology","transform":{"scale":[2,0.5],"translate":[-10,20]},"objects":{},"arcs":[[[1,2],[3,-4],[0,2]]]}`,
			[]Point{{-8, 21}, {-2, 19}, {-2, 20}}},
		{"unquantized arcs are absolute",
			`{"type":"Topology","objects":{},"arcs":[[[30.5,50.25],[31,51]]]}`,
			[]Point{{30.5, 50.25}, {31, 51}}},
		{"a third coordinate is ignored",
			`{"type":"Topology","objects":{},"arcs":[[[1,2,99]]]}`,
			[]Point{{1, 2}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			topo, err := Parse([]byte(tt.topo))
			if err != nil {
				t.Fatal(err)
			}
			pos, err := topo.Positions()
			if err != nil {
				t.Fatal(err)
			}
			if len(pos) != 1 || !slices.Equal(pos[0], tt.want) {
				t.Errorf("Positions(%s) = %v, want [%v]", tt.topo, pos, tt.want)
			}
		})
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name, topo, want string
	}{
		{"not json", `{"type":`, "topojson: unexpected end"},
		{"not a topology", `{"type":"FeatureCollection"}`, `type "FeatureCollection", want Topology`},
		{"no such object", `{"type":"Topology","objects":{},"arcs":[]}`, `no object "countries"`},
		{"arc out of range", `{"type":"Topology","objects":{"countries":{"type":"Polygon","properties":{"name":"X"},"arcs":[[0,-3]]}},"arcs":[[[0,0],[1,1]]]}`, `"X": arc -3 out of range (1 arcs)`},
		{"short position", `{"type":"Topology","objects":{"countries":{"type":"Polygon","arcs":[[0]]}},"arcs":[[[0,0],[1]]]}`, "arc 0 position 1: 1 coordinates"},
		{"bad rings", `{"type":"Topology","objects":{"countries":{"type":"MultiPolygon","properties":{"name":"X"},"arcs":[[0]]}},"arcs":[]}`, `MultiPolygon "X"`},
		{"bad id", `{"type":"Topology","objects":{"countries":{"type":"Polygon","id":true,"arcs":[]}},"arcs":[]}`, "id true is neither string nor number"},
		{"not degrees", `{"type":"Topology","objects":{"countries":{"type":"Polygon","arcs":[[0]]}},"arcs":[[[0,0],[1000,0]]]}`, "is not a longitude and latitude"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			topo, err := Parse([]byte(tt.topo))
			if err == nil {
				_, err = Build(topo, "countries", 0, 100)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// TestApplyDeJure checks that a polygon of the first country wholly inside
// a deJure box moves to the second, and that one reaching outside stays.
func TestApplyDeJure(t *testing.T) {
	pos := [][]Point{
		{{30, 50}, {40, 50}, {40, 55}, {30, 50}},   // Russia's mainland, outside the box
		{{33, 45}, {34, 45.5}, {35, 45}, {33, 45}}, // inside the Crimea box
		{{25, 48}, {30, 48}, {30, 51}, {25, 48}},   // Ukraine's mainland
	}
	cs := []Country{{ID: "643", Name: "Russia", Polygons: [][][]int{{{0}}, {{1}}}}, {ID: "804", Name: "Ukraine", Polygons: [][][]int{{{2}}}}}
	cs = applyDeJure(cs, pos)
	if fmt.Sprint(cs[0].Polygons) != "[[[0]]]" || fmt.Sprint(cs[1].Polygons) != "[[[2]] [[1]]]" {
		t.Errorf("after deJure: Russia %v, Ukraine %v; want [[[0]]] and [[[2]] [[1]]]", cs[0].Polygons, cs[1].Polygons)
	}
}
