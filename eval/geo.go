package eval

// Geocoding scoring (issue 5): for each event that professional coders
// placed on the map, muster reads the text they coded from, chooses the
// event's place, and is scored by the great-circle distance to the coders'
// coordinates.
//
// Two paths choose the place (issue 12), named in the result's "path":
//
//   - locator: a GeoLocator over the text alone (cmd/muster passes
//     resolve's event locator, which ingest never calls).
//   - ingest: the pipeline ingest runs, over the text with the record's
//     date as publication date and no store; the point is EventPlace of
//     its analysis, the place the web map shows for the document's main
//     event.
//
// How the figures are defined:
//
//   - Records: events with coder coordinates in the chosen split. The text
//     is GTD `summary` (only rows with latitude/longitude, i.e. the 2021
//     subset), ACLED `notes`, UCDP GED `source_headline` (the headlines the
//     event was coded from; UCDP has no longer text), Bellingcat `title`
//     plus `brief description` when the description is not already in the
//     title.
//   - within_10km / within_25km: share of ALL records whose predicted point
//     is within 10 / 25 km of the coders' point; an unlocated record counts
//     as a miss.
//   - median_km: median distance over the located records.
//   - unlocated: share of records for which muster gave no place.
//   - reach: share of records whose text names a place with a gazetteer
//     entry within 25 km of the coders' point; within_25km_of_reach is
//     within_25km over it.
//   - wrong_500km: records placed more than 500 km from the coders' point.
//   - errors[].in_reach: whether that record is within reach.
//   - metrics.country: accuracy of the predicted ISO country against the
//     coders' country, over the records whose country name is known to the
//     CountryCode function; an unlocated record counts as wrong.

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/muster-osint/muster"
)

// Paths eval geo can score (GeoOptions.Path, GeoResult.Path).
const (
	// GeoPathLocator scores a locator over each record's text alone.
	GeoPathLocator = "locator"
	// GeoPathIngest scores the place ingest gives the record's main event.
	GeoPathIngest = "ingest"
)

// GeoDatasets names the data sets Geo can score, with their file under
// ../shared/data.
var GeoDatasets = map[string]string{
	"gtd":        "gtd/gtd_events_with_summary.csv.gz",
	"acled":      "acled/acled_ukraine_sample1000_peacerep.csv",
	"ucdp":       "ucdp_ged_ukraine/ucdp_ged_ukraine.csv.gz",
	"bellingcat": "bellingcat_ukraine_events/bellingcat_cir_ukraine_events_2022.csv.gz",
}

// GeoRecord is one coded event: the text the coders read and the point
// they chose.
type GeoRecord struct {
	ID       string
	Text     string
	Lat, Lon float64
	Country  string // the data set's country name ("Ukraine")
	Place    string // the coders' place name, for error reports only
	Split    string
	// Published is the event's date as the coders give it (zero when
	// they give none): the ingest path reads the text as published then.
	Published time.Time
}

// GeoLocator returns the place muster chooses for a record (its point and
// ISO 3166-1 alpha-2 country); ok is false when it finds no place. eval
// takes it as a function so that it need not import resolve or pipeline.
type GeoLocator func(ctx context.Context, r GeoRecord) (pl muster.Place, ok bool, err error)

// IngestLocator is the ingest path's GeoLocator: it runs ex (the pipeline
// ingest runs) over the record's text, with its date as publication date,
// and takes EventPlace of the analysis.
func IngestLocator(ex Extractor) GeoLocator {
	return func(ctx context.Context, r GeoRecord) (muster.Place, bool, error) {
		a, err := ex(ctx, r.Text, r.Published)
		if err != nil {
			return muster.Place{}, false, fmt.Errorf("record %s: %w", r.ID, err)
		}
		pl, ok := EventPlace(a)
		return pl, ok, nil
	}
}

// EventPlace returns the place an analysis puts its main event at, as the
// web map shows it: the main event is the first event, in the analysis's
// order, that has a geocoded place (the web map draws an event only at its
// geocoded places, so an event with none is not on the map); of that
// event's places (Event.Places, the objects of its occurred_at claims) it
// takes the most specific geocoded one — a settlement before a district, a
// district before a province, a province before a country, as placeRank
// orders them — and, among equally specific ones, the first named. ok is
// false when no event has a geocoded place: the document is not on the map.
func EventPlace(a *muster.Analysis) (muster.Place, bool) {
	if a == nil {
		return muster.Place{}, false
	}
	byID := make(map[string]*muster.Entity, len(a.Entities))
	for i := range a.Entities {
		if e := &a.Entities[i]; e.Place != nil {
			byID[e.ID] = e
		}
	}
	for _, ev := range a.Events {
		var best *muster.Entity
		for _, ref := range ev.Places {
			// placeRank is the order eval muc4 picks a location by.
			if e := byID[ref.ID]; e != nil && (best == nil || placeRank(e, "") < placeRank(best, "")) {
				best = e
			}
		}
		if best != nil {
			return *best.Place, true
		}
	}
	return muster.Place{}, false
}

// geoColumns names, per data set, the id, latitude, longitude, country and
// text columns (texts are joined with ". ").
// The date column is read as eval events reads it (GTD's "iyear" stands
// for iyear, imonth and iday).
var geoColumns = map[string]struct {
	id, lat, lon, country, place, date string
	dayFirst                           bool
	text                               []string
}{
	"gtd":        {"eventid", "latitude", "longitude", "country_txt", "city", "iyear", false, []string{"summary"}},
	"acled":      {"event_id_cnty", "latitude", "longitude", "country", "location", "event_date", true, []string{"notes"}},
	"ucdp":       {"id", "latitude", "longitude", "country", "where_coordinates", "date_start", false, []string{"source_headline"}},
	"bellingcat": {"entry", "lat", "lon", "country", "town/city", "date", false, []string{"title", "brief description"}},
}

// LoadGeoRecords reads the records of dataset (see GeoDatasets) in split
// ("" for all) from the shared data directory.
func LoadGeoRecords(ctx context.Context, sharedData, dataset, split string) ([]GeoRecord, error) {
	rel, ok := GeoDatasets[dataset]
	if !ok {
		return nil, fmt.Errorf("geo: unknown dataset %q (want gtd, acled, ucdp or bellingcat)", dataset)
	}
	path := filepath.Join(sharedData, rel)
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("geo %s: %w", dataset, err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("geo %s: %w", path, err)
		}
		r = zr
	}
	return ReadGeoRecords(ctx, r, dataset, split)
}

// ReadGeoRecords parses a data set's CSV, keeping rows of split ("" for
// all) that have coordinates and text.
func ReadGeoRecords(ctx context.Context, r io.Reader, dataset, split string) ([]GeoRecord, error) {
	cols, ok := geoColumns[dataset]
	if !ok {
		return nil, fmt.Errorf("geo: unknown dataset %q", dataset)
	}
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("geo %s: header: %w", dataset, err)
	}
	idx := make(map[string]int, len(head))
	for i, h := range head {
		idx[strings.TrimPrefix(h, "\ufeff")] = i
	}
	need := append([]string{cols.id, cols.lat, cols.lon, cols.country, cols.place, cols.date, "split"}, cols.text...)
	for _, c := range need {
		if _, ok := idx[c]; !ok {
			return nil, fmt.Errorf("geo %s: no column %q", dataset, c)
		}
	}
	get := func(row []string, c string) string {
		if i := idx[c]; i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	var out []GeoRecord
	for line := 2; ; line++ {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("geo %s line %d: %w", dataset, line, err)
		}
		if split != "" && get(row, "split") != split {
			continue
		}
		lat, err1 := strconv.ParseFloat(get(row, cols.lat), 64)
		lon, err2 := strconv.ParseFloat(get(row, cols.lon), 64)
		if err1 != nil || err2 != nil || (lat == 0 && lon == 0) {
			continue
		}
		var parts []string
		for _, c := range cols.text {
			t := get(row, c)
			if t == "" {
				continue
			}
			dup := false
			for _, p := range parts {
				if strings.Contains(p, t) {
					dup = true
				}
			}
			if !dup {
				parts = append(parts, t)
			}
		}
		text := strings.Join(parts, ". ")
		if text == "" {
			continue
		}
		id := get(row, cols.id)
		if id == "" {
			id = "line" + strconv.Itoa(line)
		}
		// A date that does not parse is unknown, as an undated article is
		// to ingest.
		var pub time.Time
		if cols.date == "iyear" {
			y, err := strconv.Atoi(get(row, "iyear"))
			if err == nil && y > 0 {
				mo, _ := strconv.Atoi(get(row, "imonth"))
				d, _ := strconv.Atoi(get(row, "iday"))
				pub = time.Date(y, time.Month(max(mo, 1)), max(d, 1), 12, 0, 0, 0, time.UTC)
			}
		} else if t, err := parseDate(get(row, cols.date), cols.dayFirst); err == nil {
			pub = t
		}
		out = append(out, GeoRecord{ID: id, Text: text, Lat: lat, Lon: lon, Country: get(row, cols.country), Place: get(row, cols.place), Split: get(row, "split"), Published: pub})
	}
	return out, nil
}

// GeoMetric is one accuracy figure (DESIGN §7 metric shape).
type GeoMetric struct {
	Accuracy float64 `json:"accuracy"`
	N        int     `json:"n"`
}

// GeoError is one record muster placed badly or not at all.
type GeoError struct {
	ID       string  `json:"id"`
	Text     string  `json:"text"`
	GoldLat  float64 `json:"gold_lat"`
	GoldLon  float64 `json:"gold_lon"`
	Lat      float64 `json:"lat,omitempty"`
	Lon      float64 `json:"lon,omitempty"`
	Km       float64 `json:"km"` // -1 when unlocated
	Country  string  `json:"country,omitempty"`
	GoldName string  `json:"gold_country,omitempty"`
	// GoldPlace is the coders' place name.
	GoldPlace string `json:"gold_place,omitempty"`
	// InReach says the text names a place with a gazetteer entry within
	// 25 km of the coders' point (only when TextCandidates is given).
	InReach bool `json:"in_reach,omitempty"`

	rec int // index of the record
}

// GeoResult is the outcome of Geo, in the JSON shape of DESIGN §7.
type GeoResult struct {
	Task    string `json:"task"`
	Dataset string `json:"dataset"`
	Split   string `json:"split"`
	// Path names what chose the places: GeoPathLocator or GeoPathIngest.
	Path       string               `json:"path"`
	N          int                  `json:"n"`
	DocsPerS   float64              `json:"docs_per_s"`
	Within10km float64              `json:"within_10km"`
	Within25km float64              `json:"within_25km"`
	MedianKm   float64              `json:"median_km"`
	Unlocated  float64              `json:"unlocated"`
	Metrics    map[string]GeoMetric `json:"metrics"`
	// Within25kmLocated is the share within 25 km among located records.
	Within25kmLocated float64 `json:"within_25km_located"`
	// GazetteerReach is the share of records whose coders' own place name
	// has a gazetteer entry within 25 km of their point: a ceiling for
	// within_25km set by the gazetteer, not by the text (0 when not asked).
	GazetteerReach float64 `json:"gazetteer_reach,omitempty"`
	// TextReach is the share of records for which some gazetteer entry of
	// some name in the text lies within 25 km of the coders' point: the
	// best any choice among what the text names could do (an oracle
	// ceiling for within_25km; 0 when not asked). DESIGN §7 calls it reach.
	TextReach float64 `json:"reach,omitempty"`
	// Within25kmOfReach is within_25km over reach: how much of what the
	// text makes possible is achieved (0 when reach is not asked).
	Within25kmOfReach float64 `json:"within_25km_of_reach,omitempty"`
	// Wrong500km counts the records placed more than 500 km from the
	// coders' point: placed, and wrongly (a namesake abroad), which is
	// worse than left unplaced.
	Wrong500km int `json:"wrong_500km"`
	// About lists the countries the records were read as about when their
	// text names none (ISO 3166-1 alpha-2; set by the caller, which chose
	// them from the texts alone).
	About  []string   `json:"about,omitempty"`
	Errors []GeoError `json:"errors,omitempty"`
	// Far lists the records placed more than 500 km off, farthest first
	// (only when GeoOptions.Far asks for them).
	Far []GeoError `json:"far,omitempty"`
}

// GeoOptions tunes Geo.
type GeoOptions struct {
	// Path names the locator Geo is given, for the result (GeoPathLocator
	// when empty).
	Path string
	// CountryCode maps a data set's country name to ISO2 ("" when unknown).
	CountryCode func(name string) string
	// Errors is how many of the worst records to keep in the result.
	Errors int
	// Far is how many of the records placed more than 500 km off to keep
	// in the result's Far list, farthest first: the wrongly placed points,
	// which Errors lists only after every unlocated record.
	Far int
	// Candidates, when set, returns the points a place name may refer to;
	// Geo then reports GazetteerReach.
	Candidates func(name string) [][2]float64
	// TextCandidates, when set, returns the points every place name in a
	// text may refer to; Geo then reports TextReach.
	TextCandidates func(text string) [][2]float64
}

// Geo runs locate over recs and scores the points against the coders'.
// An error from locate stops it.
func Geo(ctx context.Context, dataset, split string, recs []GeoRecord, locate GeoLocator, opt GeoOptions) (GeoResult, error) {
	if opt.Path == "" {
		opt.Path = GeoPathLocator
	}
	res := GeoResult{Task: "geo", Dataset: dataset, Split: split, Path: opt.Path, N: len(recs), Metrics: map[string]GeoMetric{}}
	if len(recs) == 0 {
		return res, fmt.Errorf("geo %s: no records in split %q", dataset, split)
	}
	var dists []float64
	var errs []GeoError
	w10, w25, unloc, cOK, cN, reach := 0, 0, 0, 0, 0, 0
	start := time.Now()
	for i, r := range recs {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return res, err
			}
		}
		pl, ok, err := locate(ctx, r)
		if err != nil {
			return res, fmt.Errorf("geo %s: %w", dataset, err)
		}
		lat, lon, cc := pl.Lat, pl.Lon, pl.Country
		gold := ""
		if opt.CountryCode != nil {
			gold = opt.CountryCode(r.Country)
		}
		if gold != "" {
			cN++
			if ok && strings.EqualFold(cc, gold) {
				cOK++
			}
		}
		e := GeoError{ID: r.ID, Text: r.Text, GoldLat: r.Lat, GoldLon: r.Lon, Km: -1, Country: cc, GoldName: r.Country, GoldPlace: r.Place, rec: i}
		if !ok {
			unloc++
			errs = append(errs, e)
			continue
		}
		d := GeoDistanceKm(lat, lon, r.Lat, r.Lon)
		dists = append(dists, d)
		if d > 500 {
			res.Wrong500km++
		}
		if d <= 10 {
			w10++
		}
		if d <= 25 {
			w25++
		} else {
			e.Lat, e.Lon, e.Km = lat, lon, math.Round(d*10)/10
			errs = append(errs, e)
		}
	}
	el := time.Since(start).Seconds()
	if opt.Candidates != nil {
		// Outside the timed loop: a diagnostic, not part of geocoding.
		for _, r := range recs {
			if r.Place == "" {
				continue
			}
			for _, p := range opt.Candidates(r.Place) {
				if GeoDistanceKm(p[0], p[1], r.Lat, r.Lon) <= 25 {
					reach++
					break
				}
			}
		}
		res.GazetteerReach = geoRound4(float64(reach) / float64(len(recs)))
	}
	if opt.TextCandidates != nil {
		textReach := 0
		inReach := make([]bool, len(recs))
		for i, r := range recs {
			for _, p := range opt.TextCandidates(r.Text) {
				if GeoDistanceKm(p[0], p[1], r.Lat, r.Lon) <= 25 {
					textReach++
					inReach[i] = true
					break
				}
			}
		}
		for i := range errs {
			errs[i].InReach = inReach[errs[i].rec]
		}
		res.TextReach = geoRound4(float64(textReach) / float64(len(recs)))
		if textReach > 0 {
			res.Within25kmOfReach = geoRound4(float64(w25) / float64(textReach))
		}
	}
	if el > 0 {
		res.DocsPerS = math.Round(float64(len(recs))/el*10) / 10
	}
	n := float64(len(recs))
	res.Within10km = geoRound4(float64(w10) / n)
	res.Within25km = geoRound4(float64(w25) / n)
	res.Unlocated = geoRound4(float64(unloc) / n)
	if len(dists) > 0 {
		sort.Float64s(dists)
		m := dists[len(dists)/2]
		if len(dists)%2 == 0 {
			m = (dists[len(dists)/2-1] + dists[len(dists)/2]) / 2
		}
		res.MedianKm = math.Round(m*100) / 100
		res.Within25kmLocated = geoRound4(float64(w25) / float64(len(dists)))
	}
	if cN > 0 {
		res.Metrics["country"] = GeoMetric{Accuracy: geoRound4(float64(cOK) / float64(cN)), N: cN}
	}
	if opt.Far > 0 {
		for _, e := range errs {
			if e.Km > 500 {
				res.Far = append(res.Far, e)
			}
		}
		sort.SliceStable(res.Far, func(i, j int) bool { return res.Far[i].Km > res.Far[j].Km })
		if len(res.Far) > opt.Far {
			res.Far = res.Far[:opt.Far]
		}
	}
	if opt.Errors > 0 {
		// Unlocated first, then the farthest.
		sort.SliceStable(errs, func(i, j int) bool {
			a, b := errs[i].Km, errs[j].Km
			if (a < 0) != (b < 0) {
				return a < 0
			}
			return a > b
		})
		if len(errs) > opt.Errors {
			errs = errs[:opt.Errors]
		}
		res.Errors = errs
	}
	return res, nil
}

func geoRound4(x float64) float64 { return math.Round(x*1e4) / 1e4 }

// GeoDistanceKm is the great-circle distance between two points in kilometres.
func GeoDistanceKm(lat1, lon1, lat2, lon2 float64) float64 {
	const r = 6371.0
	rad := math.Pi / 180
	dlat := (lat2 - lat1) * rad
	dlon := (lon2 - lon1) * rad
	a := math.Sin(dlat/2)*math.Sin(dlat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dlon/2)*math.Sin(dlon/2)
	return 2 * r * math.Asin(math.Sqrt(math.Min(1, a)))
}

// WriteText prints the result for people.
func (r GeoResult) WriteText(w io.Writer) error {
	c := r.Metrics["country"]
	_, err := fmt.Fprintf(w, "geo %s/%s (%s path): n=%d  within 10 km %.1f%%  within 25 km %.1f%% (%.1f%% of located)  median %.1f km  unlocated %.1f%%  right country %.1f%% (n=%d)  %.0f docs/s\n",
		r.Dataset, r.Split, r.Path, r.N, 100*r.Within10km, 100*r.Within25km, 100*r.Within25kmLocated, r.MedianKm, 100*r.Unlocated, 100*c.Accuracy, c.N, r.DocsPerS)
	if err != nil {
		return err
	}
	if r.GazetteerReach > 0 {
		if _, err := fmt.Fprintf(w, "  gazetteer reach: %.1f%% of the coders' place names have a gazetteer entry within 25 km\n", 100*r.GazetteerReach); err != nil {
			return err
		}
	}
	if r.TextReach > 0 {
		if _, err := fmt.Fprintf(w, "  reach: %.1f%% of the records name a place with a gazetteer entry within 25 km (the best any choice could do); within 25 km over reach %.1f%%\n", 100*r.TextReach, 100*r.Within25kmOfReach); err != nil {
			return err
		}
	}
	if _, err := fmt.Fprintf(w, "  wrongly placed (more than 500 km off): %d\n", r.Wrong500km); err != nil {
		return err
	}
	if len(r.About) > 0 {
		if _, err := fmt.Fprintf(w, "  texts that name no country read as about: %s\n", strings.Join(r.About, ", ")); err != nil {
			return err
		}
	}
	for _, e := range r.Errors {
		if err := e.writeText(w); err != nil {
			return err
		}
	}
	if len(r.Far) > 0 {
		if _, err := fmt.Fprintf(w, "  farthest of the wrongly placed (%d of %d):\n", len(r.Far), r.Wrong500km); err != nil {
			return err
		}
	}
	for _, e := range r.Far {
		if err := e.writeText(w); err != nil {
			return err
		}
	}
	return nil
}

// writeText prints one record of an error listing: the coders' place, where
// muster put it (and whether the text names a place near the coders' point,
// when reach was measured), and the text.
func (e GeoError) writeText(w io.Writer) error {
	where := "unlocated"
	if e.Km >= 0 {
		where = fmt.Sprintf("%.0f km off (%.4f,%.4f; %s)", e.Km, e.Lat, e.Lon, e.Country)
	}
	if e.InReach {
		where += " in reach"
	}
	t := e.Text
	if len(t) > 300 {
		t = t[:300] + "…"
	}
	_, err := fmt.Fprintf(w, "  %s gold %q (%.4f,%.4f; %s) %s\n    %s\n", e.ID, e.GoldPlace, e.GoldLat, e.GoldLon, e.GoldName, where, t)
	return err
}

// WriteJSON prints the result as one JSON object.
func (r GeoResult) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	return enc.Encode(r)
}
