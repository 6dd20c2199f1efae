// Command landgen derives muster's embedded land file (web/land.bin.gz)
// from a TopoJSON topology of the world's countries: world-atlas's
// countries-50m.json (ISC; data from Natural Earth, public domain). It is
// run by scripts/landgen.sh, which fetches the pinned npm package and
// checks its integrity, from `go generate ./web/`.
//
// landgen decodes the topology itself (quantized, delta-encoded arcs;
// polygons as rings of arc references, ~i for arc i reversed), simplifies
// each arc with Douglas–Peucker, keeping its ends so that neighbouring
// countries still share their border exactly, quantizes positions to a
// fixed step and writes the arcs and the countries' rings in the binary
// form that Land.MarshalBinary describes, gzip'd without a name or time
// so that the same input gives the same bytes.
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"os"
)

func main() {
	in := flag.String("in", "countries-50m.json", "TopoJSON topology")
	object := flag.String("object", "countries", "the topology's object that holds the countries")
	out := flag.String("o", "land.bin.gz", "output file")
	tol := flag.Float64("tolerance", 0.01, "Douglas–Peucker tolerance in degrees")
	unit := flag.Int("unit", 1000, "quantization steps per degree")
	flag.Parse()
	if err := run(*in, *object, *out, *tol, *unit); err != nil {
		fmt.Fprintln(os.Stderr, "landgen:", err)
		os.Exit(1)
	}
}

func run(in, object, out string, tol float64, unit int) error {
	data, err := os.ReadFile(in)
	if err != nil {
		return err
	}
	t, err := Parse(data)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	l, err := Build(t, object, tol, unit)
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	b, err := Compress(l)
	if err != nil {
		return err
	}
	n := 0
	for _, a := range l.Arcs {
		n += len(a)
	}
	fmt.Fprintf(os.Stderr, "landgen: %d countries, %d arcs, %d positions, %d bytes\n", len(l.Countries), len(l.Arcs), n, len(b))
	return os.WriteFile(out, b, 0o644)
}

// Compress returns the land file gzip'd at the best compression, with an
// empty header so that it depends on nothing but the land.
func Compress(l *Land) ([]byte, error) {
	raw, err := l.MarshalBinary()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	zw, err := gzip.NewWriterLevel(&b, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
