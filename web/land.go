package web

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"io"
	"math"
)

//go:generate bash ../scripts/landgen.sh

// landFile holds the world's countries for the map, derived by
// internal/landgen from world-atlas's countries-50m (ISC; Natural Earth,
// public domain); see that command's doc comment for the format.
//
//go:embed land.bin.gz
var landFile []byte

// landMagic opens a land file; the digit is the format's version.
const landMagic = "muster-land 1\n"

// maxLandSize bounds the uncompressed land file, so that a corrupt file
// cannot make the loader allocate without limit.
const maxLandSize = 16 << 20

// land is the decoded land file: arcs of longitudes and latitudes, shared
// by the countries whose rings reference them.
type land struct {
	arcs      [][]lonLat
	arcBoxes  []box
	arcUses   []int // rings referencing each arc: one is a coast
	arcLands  []int // countries referencing each arc: 2 or more is a border
	countries []country
}

type lonLat struct{ Lon, Lat float64 }

// box is a longitude and latitude bounding box.
type box struct{ MinLon, MinLat, MaxLon, MaxLat float64 }

func emptyBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b box) add(p lonLat) box {
	return box{min(b.MinLon, p.Lon), min(b.MinLat, p.Lat), max(b.MaxLon, p.Lon), max(b.MaxLat, p.Lat)}
}

func (b box) union(c box) box {
	return box{min(b.MinLon, c.MinLon), min(b.MinLat, c.MinLat), max(b.MaxLon, c.MaxLon), max(b.MaxLat, c.MaxLat)}
}

func (b box) intersects(c box) bool {
	return b.MinLon <= c.MaxLon && c.MinLon <= b.MaxLon && b.MinLat <= c.MaxLat && c.MinLat <= b.MaxLat
}

// country is one area of the land file with its polygons, each a list of
// rings (outer first, then holes).
type country struct {
	ID, Name string
	Box      box
	Polygons [][]ring
}

// ring is a closed ring as arc references: r >= 0 is arc r, r < 0 arc ^r
// read backwards.
type ring struct {
	Arcs []int
	Box  box
}

// parseLand decompresses and decodes a land file.
func parseLand(gz []byte) (*land, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("land file: %w", err)
	}
	raw, err := io.ReadAll(io.LimitReader(zr, maxLandSize+1))
	if err != nil {
		return nil, fmt.Errorf("land file: %w", err)
	}
	if len(raw) > maxLandSize {
		return nil, fmt.Errorf("land file: more than %d bytes uncompressed", maxLandSize)
	}
	return decodeLand(raw)
}

// landReader reads varints from a land file, keeping the first error.
type landReader struct {
	b   []byte
	off int
	err error
}

func (r *landReader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("land file: offset %d: %s", r.off, fmt.Sprintf(format, args...))
	}
}

func (r *landReader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad or truncated uvarint")
		return 0
	}
	r.off += n
	return v
}

func (r *landReader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.off:])
	if n <= 0 {
		r.fail("bad or truncated varint")
		return 0
	}
	r.off += n
	return v
}

// count reads a count of items each at least size bytes long, refusing
// one the rest of the file cannot hold.
func (r *landReader) count(what string, size int) int {
	v := r.uvarint()
	if r.err == nil && v > uint64((len(r.b)-r.off)/size) {
		r.fail("%d %s do not fit in the %d bytes left", v, what, len(r.b)-r.off)
		return 0
	}
	return int(v)
}

func (r *landReader) string(what string) string {
	n := r.count(what+" bytes", 1)
	if r.err != nil {
		return ""
	}
	s := string(r.b[r.off : r.off+n])
	r.off += n
	return s
}

// decodeLand decodes an uncompressed land file, checking every count,
// coordinate and arc reference.
func decodeLand(raw []byte) (*land, error) {
	if !bytes.HasPrefix(raw, []byte(landMagic)) {
		return nil, fmt.Errorf("land file: does not start with %q", landMagic)
	}
	r := &landReader{b: raw, off: len(landMagic)}
	unit := r.uvarint()
	if r.err == nil && (unit == 0 || unit > 100000) {
		r.fail("unit %d out of range 1..100000", unit)
	}
	l := &land{}
	narcs := r.count("arcs", 1)
	for i := 0; i < narcs && r.err == nil; i++ {
		n := r.count("positions", 2)
		if r.err == nil && n == 0 {
			r.fail("arc %d is empty", i)
		}
		arc := make([]lonLat, 0, n)
		b := emptyBox()
		var x, y int64
		for j := 0; j < n && r.err == nil; j++ {
			x += r.varint()
			y += r.varint()
			p := lonLat{float64(x) / float64(unit), float64(y) / float64(unit)}
			if r.err == nil && (math.Abs(p.Lon) > 360 || math.Abs(p.Lat) > 90.5) {
				r.fail("arc %d position %d: %g,%g is not a longitude and latitude", i, j, p.Lon, p.Lat)
			}
			arc = append(arc, p)
			b = b.add(p)
		}
		l.arcs = append(l.arcs, arc)
		l.arcBoxes = append(l.arcBoxes, b)
	}
	l.arcUses = make([]int, len(l.arcs))
	l.arcLands = make([]int, len(l.arcs))
	lastLand := make([]int, len(l.arcs)) // 1 + the last country that used the arc
	ncountries := r.count("countries", 3)
	for i := 0; i < ncountries && r.err == nil; i++ {
		c := country{ID: r.string("id"), Name: r.string("name"), Box: emptyBox()}
		npolys := r.count("polygons", 1)
		for j := 0; j < npolys && r.err == nil; j++ {
			nrings := r.count("rings", 1)
			var poly []ring
			for k := 0; k < nrings && r.err == nil; k++ {
				nrefs := r.count("arc references", 1)
				rg := ring{Box: emptyBox()}
				for m := 0; m < nrefs && r.err == nil; m++ {
					a := r.varint()
					idx := a
					if idx < 0 {
						idx = ^idx
					}
					if r.err != nil || idx >= int64(len(l.arcs)) {
						r.fail("country %q: arc %d out of range (%d arcs)", c.Name, a, len(l.arcs))
						break
					}
					rg.Arcs = append(rg.Arcs, int(a))
					rg.Box = rg.Box.union(l.arcBoxes[idx])
					l.arcUses[idx]++
					if lastLand[idx] != len(l.countries)+1 {
						lastLand[idx] = len(l.countries) + 1
						l.arcLands[idx]++
					}
				}
				poly = append(poly, rg)
				c.Box = c.Box.union(rg.Box)
			}
			c.Polygons = append(c.Polygons, poly)
		}
		l.countries = append(l.countries, c)
	}
	if r.err == nil && r.off != len(raw) {
		r.fail("%d bytes after the last country", len(raw)-r.off)
	}
	if r.err != nil {
		return nil, r.err
	}
	return l, nil
}
