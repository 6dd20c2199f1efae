package web

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
)

// tinyLand reads testdata/land-tiny.bin.gz, which internal/landgen made
// from its testdata/tiny.topojson (-unit 100 -tolerance 0.1).
func tinyLand(t testing.TB) []byte {
	t.Helper()
	gz, err := os.ReadFile("testdata/land-tiny.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// parsedTinyLand parses testdata/land-tiny.bin.gz.
func parsedTinyLand(t testing.TB) *land {
	t.Helper()
	gz, err := os.ReadFile("testdata/land-tiny.bin.gz")
	if err != nil {
		t.Fatal(err)
	}
	l, err := parseLand(gz)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestParseLandTiny(t *testing.T) {
	l := parsedTinyLand(t)
	var got []string
	for _, c := range l.countries {
		got = append(got, fmt.Sprintf("%s %s %v %v", c.ID, c.Name, c.Box, c.Polygons))
	}
	want := []string{
		"804 Aland {10 40 12 42} [[{[0 1] {10 40 12 42}}]]",
		" Bland {12 40 14 42} [[{[2 -1] {12 40 14 42}} {[3] {12.5 40.5 13.5 41}}]]",
		"250 Cland {15 40 16 41.5} [[{[4] {15 40 16 40.5}}] [{[-6] {15 41 16 41.5}}]]",
		"010 Dland {10 38 12 39} [[{[6] {10 38 12 39}}]]",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("countries:\n got:\n%s\nwant:\n%s", g, w)
	}
	if want := []lonLat{{12, 40}, {12, 42}}; fmt.Sprint(l.arcs[0]) != fmt.Sprint(want) {
		t.Errorf("arc 0 = %v, want %v", l.arcs[0], want)
	}
	if want := []int{2, 1, 1, 1, 1, 1, 1}; fmt.Sprint(l.arcUses) != fmt.Sprint(want) {
		t.Errorf("arc uses = %v, want %v (the shared border twice)", l.arcUses, want)
	}
}

// TestParseLandEmbedded checks the committed land file: every country of
// countries-50m, Ukraine and Russia among them with their borders.
func TestParseLandEmbedded(t *testing.T) {
	l, err := parseLand(landFile)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.countries) < 200 {
		t.Errorf("%d countries, want the world's (more than 200)", len(l.countries))
	}
	names := map[string]country{}
	for _, c := range l.countries {
		names[c.Name] = c
	}
	for _, tt := range []struct {
		name, id string
		lon, lat float64 // a place inside its box
	}{
		{"Ukraine", "804", 30.5, 50.45},
		{"Russia", "643", 37.6, 55.75},
		{"Syria", "760", 36.3, 33.5},
	} {
		c, ok := names[tt.name]
		if !ok {
			t.Errorf("no country named %s", tt.name)
			continue
		}
		if c.ID != tt.id || !c.Box.intersects(box{tt.lon, tt.lat, tt.lon, tt.lat}) {
			t.Errorf("%s: id %s box %v, want id %s around %g,%g", tt.name, c.ID, c.Box, tt.id, tt.lon, tt.lat)
		}
	}
	// Crimea is drawn as Ukraine's (landgen's deJure): Simferopol lies in a
	// ring of Ukraine's and in none of Russia's.
	simferopol := xy{34.1, 44.95}
	ringOver := func(c country) bool {
		for _, poly := range c.Polygons {
			for _, rg := range poly {
				var pts []xy
				for _, a := range rg.Arcs {
					arc := l.arcs[max(a, ^a)]
					for i := range arc {
						q := arc[i]
						if a < 0 {
							q = arc[len(arc)-1-i]
						}
						pts = append(pts, xy{q.Lon, q.Lat})
					}
				}
				if inside(pts, simferopol) {
					return true
				}
			}
		}
		return false
	}
	if !ringOver(names["Ukraine"]) || ringOver(names["Russia"]) {
		t.Errorf("Crimea: a ring of Ukraine's over Simferopol %v, of Russia's %v; want Ukraine's only", ringOver(names["Ukraine"]), ringOver(names["Russia"]))
	}
}

func TestParseLandErrors(t *testing.T) {
	raw := tinyLand(t)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("muster-land 1\n"))
	zw.Close()
	tests := []struct {
		name string
		gz   bool
		in   []byte
		want string
	}{
		{"not gzip", true, []byte("muster-land 1\n"), "land file: gzip: invalid header"},
		{"gzip'd but empty", true, gz.Bytes(), "offset 14: bad or truncated uvarint"},
		{"wrong magic", false, []byte("muster-land 2\n\x01"), `does not start with "muster-land 1\n"`},
		{"truncated in an arc", false, raw[:100], "5 positions do not fit in the 9 bytes left"},
		{"truncated at the end", false, raw[:len(raw)-1], "1 arc references do not fit in the 0 bytes left"},
		{"trailing bytes", false, append(append([]byte{}, raw...), 0), "1 bytes after the last country"},
		{"zero unit", false, []byte("muster-land 1\n\x00\x00\x00"), "unit 0 out of range"},
		{"huge count", false, []byte("muster-land 1\n\x01\xff\xff\xff\xff\x0f"), "arcs do not fit"},
		{"empty arc", false, []byte("muster-land 1\n\x01\x01\x00"), "arc 0 is empty"},
		{"not degrees", false, []byte("muster-land 1\n\x01\x01\x01\x80\x10\x00\x00"), "is not a longitude and latitude"},
		{"arc out of range", false, []byte("muster-land 1\n\x01\x01\x01\x00\x00\x01\x00\x01X\x01\x01\x01\x02"), `country "X": arc 1 out of range (1 arcs)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.gz {
				_, err = parseLand(tt.in)
			} else {
				_, err = decodeLand(tt.in)
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

// FuzzLandDecode checks that no input makes the decoder panic and that
// whatever it accepts is safe to draw: arcs not empty, every reference in
// range, every position inside its arc's box, and drawing it on a world
// view and a close one does not panic either.
func FuzzLandDecode(f *testing.F) {
	f.Add(tinyLand(f))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if len(raw) > 1<<16 {
			return
		}
		l, err := decodeLand(raw)
		if err != nil {
			return
		}
		for i, arc := range l.arcs {
			if len(arc) == 0 {
				t.Fatalf("arc %d is empty", i)
			}
			for _, p := range arc {
				if !l.arcBoxes[i].intersects(box{p.Lon, p.Lat, p.Lon, p.Lat}) {
					t.Fatalf("arc %d: %v outside its box %v", i, p, l.arcBoxes[i])
				}
			}
		}
		for _, c := range l.countries {
			for _, p := range c.Polygons {
				for _, rg := range p {
					for _, a := range rg.Arcs {
						if a < 0 {
							a = ^a
						}
						if a >= len(l.arcs) {
							t.Fatalf("%s: arc %d out of range", c.Name, a)
						}
					}
				}
			}
		}
		drawLand(l, fitProjection(box{-180, -85, 180, 85}, 900, 360, 640), nil)
		drawLand(l, fitProjection(box{10, 38, 14, 42}, 900, 360, 640), nil)
	})
}

func BenchmarkParseLand(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseLand(landFile); err != nil {
			b.Fatal(err)
		}
	}
}
