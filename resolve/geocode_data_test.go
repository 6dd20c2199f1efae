package resolve

import (
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// geoSample describes 100 dev rows of a data set in ../shared/data
// with coder coordinates, and the floors the geocoder must keep on them.
// The floors sit a few points under what LocateEvent scored when they were
// set (issue 5), so that a regression fails CI. `muster eval geo` gives the
// full figures.
type geoSample struct {
	file                   string
	lat, lon, country      string
	text                   []string
	within25, rightCountry float64 // floors: share within 25 km, right country
	// stride takes every stride-th dev row (the first Bellingcat rows are
	// January 2022 troop movements that name no place).
	stride int
}

var geoSamples = map[string]geoSample{
	"gtd":        {"gtd/gtd_events_with_summary.csv.gz", "latitude", "longitude", "country_txt", []string{"summary"}, 0.72, 0.95, 1},
	"acled":      {"acled/acled_ukraine_sample1000_peacerep.csv", "latitude", "longitude", "country", []string{"notes"}, 0.60, 0.95, 1},
	"bellingcat": {"bellingcat_ukraine_events/bellingcat_cir_ukraine_events_2022.csv.gz", "lat", "lon", "country", []string{"title", "brief description"}, 0.25, 0.27, 20},
	"ucdp":       {"ucdp_ged_ukraine/ucdp_ged_ukraine.csv.gz", "latitude", "longitude", "country", []string{"source_headline"}, 0.32, 0.85, 1},
}

const geoSampleSize = 100

func TestLocateEventSamples(t *testing.T) {
	g := mustGazetteer(t)
	for name, s := range geoSamples {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("..", "..", "shared", "data", s.file)
			recs := readGeoSample(t, path, s)
			if len(recs) < geoSampleSize {
				t.Fatalf("%s: %d dev rows with coordinates, want %d", path, len(recs), geoSampleSize)
			}
			near, right := 0, 0
			for _, r := range recs {
				p, ok := g.LocateEvent(r.text, nil)
				if !ok {
					continue
				}
				if haversineKm(p.Lat, p.Lon, r.lat, r.lon) <= 25 {
					near++
				}
				if p.Country == g.CountryCode(r.country) {
					right++
				}
			}
			n := float64(len(recs))
			t.Logf("%s: %d dev rows: %.0f%% within 25 km, %.0f%% right country", name, len(recs), 100*float64(near)/n, 100*float64(right)/n)
			if got := float64(near) / n; got < s.within25 {
				t.Errorf("%s: %.2f within 25 km, floor %.2f", name, got, s.within25)
			}
			if got := float64(right) / n; got < s.rightCountry {
				t.Errorf("%s: %.2f right country, floor %.2f", name, got, s.rightCountry)
			}
		})
	}
}

type geoSampleRec struct {
	text     string
	lat, lon float64
	country  string
}

func readGeoSample(t *testing.T, path string, s geoSample) []geoSampleRec {
	t.Helper()
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("geo sample: %s not found", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		r = zr
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	head, err := cr.Read()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	col := make(map[string]int)
	for i, h := range head {
		col[h] = i
	}
	get := func(row []string, c string) string {
		i, ok := col[c]
		if !ok || i >= len(row) {
			return ""
		}
		return strings.TrimSpace(row[i])
	}
	var out []geoSampleRec
	dev := 0
	for len(out) < geoSampleSize {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if get(row, "split") != "dev" {
			continue
		}
		dev++
		if s.stride > 1 && dev%s.stride != 1 {
			continue
		}
		lat, err1 := strconv.ParseFloat(get(row, s.lat), 64)
		lon, err2 := strconv.ParseFloat(get(row, s.lon), 64)
		if err1 != nil || err2 != nil {
			continue
		}
		var parts []string
		for _, c := range s.text {
			if v := get(row, c); v != "" && (len(parts) == 0 || !strings.Contains(parts[0], v)) {
				parts = append(parts, v)
			}
		}
		if len(parts) == 0 {
			continue
		}
		out = append(out, geoSampleRec{strings.Join(parts, ". "), lat, lon, get(row, s.country)})
	}
	return out
}
