package web

import (
	"context"
	"flag"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/muster-osint/muster"
)

var mapDir = flag.String("mapdir", "", "write the rendered map pages of TestMapPage to this directory, to look at")

func TestFitProjection(t *testing.T) {
	tests := []struct {
		name      string
		b         box
		wantH     float64
		corners   [][2]float64 // lon, lat that must be inside the view
		sameScale bool
	}{
		{"a box on the equator keeps degrees square", box{0, -10, 40, 10}, 450, [][2]float64{{0, -10}, {40, 10}}, true},
		{"at 60°N a degree of longitude is half as wide", box{0, 55, 40, 65}, 450, [][2]float64{{0, 55}, {40, 65}}, true},
		{"a tall box is clamped to the maximum height and centred", box{30, 0, 31, 40}, 640, [][2]float64{{30, 0}, {31, 40}}, true},
		{"a wide box is clamped to the minimum height", box{-180, -10, 180, 10}, 360, [][2]float64{{-180, -10}, {180, 10}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := fitProjection(tt.b, 900, 360, 640)
			if p.H != tt.wantH {
				t.Errorf("height = %g, want %g", p.H, tt.wantH)
			}
			for _, c := range tt.corners {
				x, y := p.xy(c[0], c[1])
				if x < -1e-6 || x > p.W+1e-6 || y < -1e-6 || y > p.H+1e-6 {
					t.Errorf("%v projects to %.1f,%.1f, outside %gx%g", c, x, y, p.W, p.H)
				}
			}
			// One degree north and one degree east at the middle latitude
			// must differ by cos(φ₀), not by the box's aspect.
			mid := (tt.b.MinLat + tt.b.MaxLat) / 2
			x0, y0 := p.xy(0, mid)
			x1, _ := p.xy(1, mid)
			_, y1 := p.xy(0, mid+1)
			want := math.Cos(mid * math.Pi / 180)
			if got := (x1 - x0) / (y0 - y1); math.Abs(got-want) > 1e-9 {
				t.Errorf("east/north pixels per degree = %g, want cos(%g°) = %g", got, mid, want)
			}
			// The box is centred.
			cx, cy := p.xy((tt.b.MinLon+tt.b.MaxLon)/2, (tt.b.MinLat+tt.b.MaxLat)/2)
			if math.Abs(cx-p.W/2) > 1e-6 || math.Abs(cy-p.H/2) > 1e-6 {
				t.Errorf("box centre at %.2f,%.2f, want %g,%g", cx, cy, p.W/2, p.H/2)
			}
			v := p.view(0)
			if !(v.MinLon <= tt.b.MinLon+1e-9 && v.MaxLon >= tt.b.MaxLon-1e-9 && v.MinLat <= tt.b.MinLat+1e-9 && v.MaxLat >= tt.b.MaxLat-1e-9) {
				t.Errorf("view %v does not hold the box %v", v, tt.b)
			}
		})
	}
}

func TestGraticule(t *testing.T) {
	tests := []struct {
		name string
		b    box
		want string
	}{
		{"a region has a line a degree", box{30, 48, 34, 52}, "28°E 29°E 30°E 31°E 32°E 33°E 34°E 35°E 36°E 48°N 49°N 50°N 51°N 52°N"},
		{"the world has one every 30°", box{-180, -60, 180, 80}, "180° 150°W 120°W 90°W 60°W 30°W 0° 30°E 60°E 90°E 120°E 150°E 180° 60°S 30°S 0° 30°N 60°N"},
		{"past 180° the meridians are named 360° over, every 5°", box{150, -30, 200, 0}, "150°E 155°E 160°E 165°E 170°E 175°E 180° 175°W 170°W 165°W 160°W 30°S 25°S 20°S 15°S 10°S 5°S 0°"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, g := range graticule(fitProjection(tt.b, mapWidth, mapMinHeight, mapMaxHeight)) {
				got = append(got, g.Label)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("graticule of %v:\n got %s\nwant %s", tt.b, strings.Join(got, " "), tt.want)
			}
		})
	}
}

func TestClipPolygon(t *testing.T) {
	rect := [4]float64{0, 0, 10, 10}
	tests := []struct {
		name string
		in   []xy
		want []xy
	}{
		{"inside stays", []xy{{1, 1}, {9, 1}, {9, 9}}, []xy{{1, 1}, {9, 1}, {9, 9}}},
		{"outside goes", []xy{{20, 20}, {30, 20}, {30, 30}}, nil},
		{"a square over the right edge is cut at it", []xy{{5, 2}, {15, 2}, {15, 8}, {5, 8}}, []xy{{5, 2}, {10, 2}, {10, 8}, {5, 8}}},
		{"a ring around the view becomes the view", []xy{{-5, -5}, {15, -5}, {15, 15}, {-5, 15}}, []xy{{0, 10}, {0, 0}, {10, 0}, {10, 10}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := clipPolygon(tt.in, rect)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("clipPolygon(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestClipLine(t *testing.T) {
	rect := [4]float64{0, 0, 10, 10}
	in := []xy{{-20, 5}, {-10, 5}, {-5, 5}, {5, 5}, {15, 5}, {25, 5}, {25, 25}, {5, 25}, {5, 8}, {6, 8}}
	want := [][]xy{{{-5, 5}, {5, 5}, {15, 5}}, {{5, 25}, {5, 8}, {6, 8}}}
	if got := clipLine(in, rect); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("clipLine = %v, want %v", got, want)
	}
}

func TestThin(t *testing.T) {
	tests := []struct {
		name string
		in   []xy
		want []xy
	}{
		{"vertices closer than a pixel go", []xy{{0, 0}, {0.3, 0.2}, {0.6, 0}, {5, 3}}, []xy{{0, 0}, {5, 3}}},
		{"a straight run keeps its ends", []xy{{0, 0}, {2, 0.1}, {4, 0}, {6, 0}}, []xy{{0, 0}, {6, 0}}},
		{"corners stay", []xy{{0, 0}, {10, 0}, {10, 10}}, []xy{{0, 0}, {10, 0}, {10, 10}}},
		{"a closed arc keeps its far side", []xy{{0, 0}, {5, 0.2}, {10, 0}, {5, -0.2}, {0, 0}}, []xy{{0, 0}, {10, 0}, {0, 0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := thin(append([]xy(nil), tt.in...), 1, 0.5)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("thin(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestPathWriter(t *testing.T) {
	var w pathWriter
	w.ring([]xy{{10, 20}, {10.04, 20}, {15.55, 20}, {15.5, 19.25}, {0.5, 0}})
	w.ring([]xy{{1, 1}, {1.2, 1.3}, {1.1, 1.5}}) // under a pixel: left off
	w.line([]xy{{0, 0}, {2, -3}})
	if got, want := w.b.String(), "M10 20l5.6 0-.1-.7-15-19.3zM0 0l2-3"; got != want {
		t.Errorf("path = %q, want %q", got, want)
	}
}

// TestDrawLandTiny draws the tiny land file: the shared border once, the
// countries in view with their rings, the one out of view left off.
func TestDrawLandTiny(t *testing.T) {
	l := parsedTinyLand(t)
	p := projection{Lon0: 10, Lat0: 42, K: 1, S: 100, W: 500, H: 200}
	ld := drawLand(l, p, nil)
	var got []string
	for _, c := range ld.Countries {
		got = append(got, c.Name+": "+c.D)
	}
	want := []string{
		"Aland: M200 200l0-200-200 0 0 200z",
		"Bland: M200 200l200 0 0-200-200 0zM250 150l100 0-50-50z",
		"Cland: M504 198l-4 2 4 0zM504 100l-4 0 4-2z", // clipped at the right margin
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("countries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if want := "M200 200l0-200"; ld.Borders != want {
		t.Errorf("borders = %q, want %q", ld.Borders, want)
	}
	if ld.Coast == "" || strings.Contains(ld.Coast, "M200 200l0-200") {
		t.Errorf("coast = %q, want the rings' outer arcs without the border", ld.Coast)
	}
	if got, want := fmt.Sprint(ld.Labels), "[{100 100 Aland} {300 100 Bland}]"; got != want {
		t.Errorf("labels = %s, want %s", got, want)
	}
	// Past 180°E the land is drawn again, 360° over.
	p.Lon0 = 368
	ld = drawLand(l, p, nil)
	if len(ld.Countries) == 0 || ld.Countries[0].D != "M400 200l0-200-200 0 0 200z" {
		t.Errorf("view of 368°–373°: %v, want Aland at x 200–400", ld.Countries)
	}
}

// mapStore is the part of a Store that the map page reads.
type mapStore struct {
	Store
	events   []muster.Event
	entities map[string]*muster.Entity
}

func (s *mapStore) EventsOf(context.Context, string) ([]muster.Event, error) { return s.events, nil }

func (s *mapStore) Entity(_ context.Context, id string) (*muster.Entity, error) {
	if e := s.entities[id]; e != nil {
		return e, nil
	}
	return nil, muster.Errorf(muster.KindNotFound, "no entity %s", id)
}

func (s *mapStore) State(context.Context) (string, error) { return "fixed", nil }

func (s *mapStore) AllClaims(context.Context, []muster.Predicate, int) ([]muster.Claim, error) {
	return nil, nil
}

func (s *mapStore) EntitiesByID(_ context.Context, ids []string) ([]muster.Entity, error) {
	var out []muster.Entity
	for _, id := range ids {
		if e := s.entities[id]; e != nil {
			out = append(out, *e)
		}
	}
	return out, nil
}

func (s *mapStore) Documents(context.Context, []string) ([]muster.DocumentRef, error) {
	return nil, nil
}

func (s *mapStore) UntitledHeads(context.Context) (map[string]string, error) { return nil, nil }

func placesStore(places map[string][2]float64) *mapStore {
	s := &mapStore{entities: map[string]*muster.Entity{}}
	for name, ll := range places {
		id := "e_" + name
		s.entities[id] = &muster.Entity{ID: id, Name: name, Type: muster.EntityPlace,
			Place: &muster.Place{Lat: ll[0], Lon: ll[1], Precision: muster.PrecisionExact}}
		s.events = append(s.events, muster.Event{ID: "v_" + name, Label: "raid on " + name,
			Places: []muster.Ref{{ID: id, Name: name, Type: "place"}}})
	}
	return s
}

// TestMapPage renders the map page for a view of the Russian–Ukrainian
// border, of the world and of one town, and checks that land and borders
// are drawn under the places, and that the page stays small.
func TestMapPage(t *testing.T) {
	tests := []struct {
		name      string
		places    map[string][2]float64
		countries []string
		maxBytes  int
	}{
		{"ukraine-russia", map[string][2]float64{"Belgorod": {50.6, 36.59}, "Graivoron": {50.48, 35.67}, "Shebekino": {50.41, 36.9},
			"Bryansk": {53.25, 34.37}, "Moscow": {55.75, 37.62}, "Kyiv": {50.45, 30.52}}, []string{"Ukraine", "Russia", "Belarus"}, 150 << 10},
		{"world", map[string][2]float64{"Kyiv": {50.45, 30.52}, "Mogadishu": {2.04, 45.34}, "Bogota": {4.71, -74.07},
			"Manila": {14.6, 120.98}, "Aleppo": {36.2, 37.16}, "Reykjavik": {64.15, -21.94}}, []string{"Colombia", "Somalia", "Philippines", "Russia"}, 300 << 10},
		{"south", map[string][2]float64{"Ushuaia": {-54.8, -68.3}, "Hobart": {-42.88, 147.33}, "Suva": {-18.14, 178.44}, "Cape Town": {-33.92, 18.42}},
			[]string{"Antarctica", "Fiji", "Argentina", "Australia"}, 300 << 10},
		{"aleppo", map[string][2]float64{"Aleppo": {36.2, 37.16}}, []string{"Syria", "Turkey"}, 100 << 10},
		{"nowhere", nil, []string{"Ukraine"}, 150 << 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := New(placesStore(tt.places), nil)
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/map", nil))
			body := rec.Body.String()
			if rec.Code != 200 {
				t.Fatalf("status %d: %s", rec.Code, body)
			}
			t.Logf("%s: %d bytes", tt.name, len(body))
			if len(body) > tt.maxBytes {
				t.Errorf("page is %d bytes, want at most %d", len(body), tt.maxBytes)
			}
			for _, c := range tt.countries {
				if !strings.Contains(body, `<title>`+c+`</title>`) {
					t.Errorf("no land path for %s", c)
				}
			}
			land, border, circle := strings.Index(body, `class="land"`), strings.Index(body, `class="border"`), strings.Index(body, `<circle`)
			if land < 0 || border < land || (circle >= 0 && circle < border) {
				t.Errorf("land at %d, borders at %d, places at %d: want land, then borders, then places", land, border, circle)
			}
			// A place has its label, or is named in the title of the
			// cluster it is drawn in.
			for name := range tt.places {
				if !strings.Contains(body, ">"+name+"</text>") && !regexp.MustCompile(`<title>[^<]*event\(s\): [^<]*\b`+name+`\b`).MatchString(body) {
					t.Errorf("no label for %s", name)
				}
			}
			for _, m := range regexp.MustCompile(` d="([^"]*)"`).FindAllStringSubmatch(body, -1) {
				if i := strings.IndexFunc(m[1], func(r rune) bool { return !strings.ContainsRune("-0123456789. Mlz", r) }); i >= 0 {
					t.Errorf("path data with %q at %d: %.80s", m[1][i], i, m[1])
				}
			}
			if *mapDir != "" {
				if err := os.WriteFile(filepath.Join(*mapDir, tt.name+".html"), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDrawLand(b *testing.B) {
	l, err := parseLand(landFile)
	if err != nil {
		b.Fatal(err)
	}
	for _, bb := range []struct {
		name string
		box  box
	}{
		{"ukraine", box{MinLon: 28, MinLat: 48, MaxLon: 40, MaxLat: 58}},
		{"world", box{MinLon: -180, MinLat: -60, MaxLon: 180, MaxLat: 85}},
	} {
		p := fitProjection(bb.box, mapWidth, mapMinHeight, mapMaxHeight)
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				drawLand(l, p, nil)
			}
		})
	}
}

// TestDrawLandInnerLine checks that an arc two rings of one country share
// (Crimea's isthmus once landgen's deJure moves Crimea to Ukraine) is
// drawn neither as a border nor as a coast, while the same arc between two
// countries is a border.
func TestDrawLandInnerLine(t *testing.T) {
	arcs := [][]lonLat{{{12, 40}, {12, 42}}, {{12, 42}, {10, 42}, {10, 40}, {12, 40}}, {{12, 40}, {14, 40}, {14, 42}, {12, 42}}}
	mk := func(twoCountries bool) *land {
		l := &land{arcs: arcs}
		for _, a := range arcs {
			b := emptyBox()
			for _, p := range a {
				b = b.add(p)
			}
			l.arcBoxes = append(l.arcBoxes, b)
		}
		west := ring{Arcs: []int{0, 1}, Box: box{10, 40, 12, 42}}
		east := ring{Arcs: []int{2, ^0}, Box: box{12, 40, 14, 42}}
		l.arcUses = []int{2, 1, 1}
		if twoCountries {
			l.arcLands = []int{2, 1, 1}
			l.countries = []country{{ID: "1", Name: "West", Box: west.Box, Polygons: [][]ring{{west}}}, {ID: "2", Name: "East", Box: east.Box, Polygons: [][]ring{{east}}}}
		} else {
			l.arcLands = []int{1, 1, 1}
			l.countries = []country{{ID: "1", Name: "One", Box: box{10, 40, 14, 42}, Polygons: [][]ring{{west}, {east}}}}
		}
		return l
	}
	p := projection{Lon0: 10, Lat0: 42, K: 1, S: 100, W: 400, H: 200}
	if ld := drawLand(mk(true), p, nil); ld.Borders != "M200 200l0-200" {
		t.Errorf("two countries: borders = %q, want the shared arc", ld.Borders)
	}
	ld := drawLand(mk(false), p, nil)
	if ld.Borders != "" || strings.Contains(ld.Coast, "M200 200l0-200") || ld.Coast == "" {
		t.Errorf("one country: borders = %q, coast = %q; want no border and the inner line in neither", ld.Borders, ld.Coast)
	}
}

func (s *mapStore) Groups(context.Context, muster.EntityType, int) ([]muster.Entity, error) {
	return nil, nil
}
