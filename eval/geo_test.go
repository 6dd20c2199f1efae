package eval

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
)

const geoCSV = `entry,date,title,brief description,lat,lon,country,town/city,split
UW1,2022-03-01,01/03/2022 Strike in Kharkiv,Strike in Kharkiv,49.99,36.23,Ukraine,Kharkiv,dev
UW2,2022-03-02,02/03/2022 Shelling,Damage near Izium,49.21,37.25,Ukraine,Izium,dev
UW3,2022-03-03,03/03/2022 Convoy,Convoy,54.0,27.0,Belarus,,test
UW4,2022-03-04,no coordinates,nothing,,,Ukraine,,dev
UW5,2022-03-05,Far away,Far away,50.0,30.0,Ukraine,,dev
`

func TestReadGeoRecords(t *testing.T) {
	recs, err := ReadGeoRecords(context.Background(), strings.NewReader(geoCSV), "bellingcat", "dev")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range recs {
		got = append(got, r.ID+"|"+r.Text+"|"+r.Place)
	}
	want := []string{
		"UW1|01/03/2022 Strike in Kharkiv|Kharkiv", // description inside the title: not repeated
		"UW2|02/03/2022 Shelling. Damage near Izium|Izium",
		"UW5|Far away|",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadGeoRecords (-want +got):\n%s", diff)
	}
	if len(recs) > 1 && !recs[1].Published.Equal(time.Date(2022, 3, 2, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("ReadGeoRecords: %s published %v, want the row's date, 2022-03-02", recs[1].ID, recs[1].Published)
	}
	if _, err := ReadGeoRecords(context.Background(), strings.NewReader("a,b\n1,2\n"), "bellingcat", ""); err == nil {
		t.Error("ReadGeoRecords accepted a file without the needed columns")
	}
	if _, err := ReadGeoRecords(context.Background(), strings.NewReader(geoCSV), "nosuch", ""); err == nil {
		t.Error("ReadGeoRecords accepted an unknown dataset")
	}
}

func TestGeo(t *testing.T) {
	recs := []GeoRecord{
		{ID: "a", Text: "exact", Lat: 50, Lon: 30, Country: "Ukraine", Place: "Here"},
		{ID: "b", Text: "20km", Lat: 50, Lon: 30, Country: "Ukraine"},
		{ID: "c", Text: "far", Lat: 50, Lon: 30, Country: "Ukraine"},
		{ID: "d", Text: "none", Lat: 50, Lon: 30, Country: "Ukraine"},
	}
	// 0.18 degrees of latitude is about 20 km; 1 degree about 111 km.
	locate := textLocator(func(text string) (float64, float64, string, bool) {
		switch text {
		case "exact":
			return 50, 30, "UA", true
		case "20km":
			return 50.18, 30, "UA", true
		case "far":
			return 51, 30, "RU", true
		}
		return 0, 0, "", false
	})
	cc := func(name string) string {
		if name == "Ukraine" {
			return "UA"
		}
		return ""
	}
	cands := func(name string) [][2]float64 {
		if name == "Here" {
			return [][2]float64{{10, 10}, {50.1, 30}}
		}
		return nil
	}
	// The oracle: "far" names a place with an entry within 25 km that
	// locate did not choose; "none" names nothing.
	textCands := func(text string) [][2]float64 {
		switch text {
		case "exact", "far":
			return [][2]float64{{40, 20}, {50.05, 30}}
		}
		return nil
	}
	res, err := Geo(context.Background(), "test", "dev", recs, locate, GeoOptions{CountryCode: cc, Errors: 10, Candidates: cands, TextCandidates: textCands})
	if err != nil {
		t.Fatal(err)
	}
	if res.N != 4 || res.Within10km != 0.25 || res.Within25km != 0.5 || res.Unlocated != 0.25 {
		t.Errorf("Geo: n=%d within10=%v within25=%v unlocated=%v; want 4, 0.25, 0.5, 0.25", res.N, res.Within10km, res.Within25km, res.Unlocated)
	}
	if res.GazetteerReach != 0.25 {
		t.Errorf("Geo: gazetteer reach %v, want 0.25", res.GazetteerReach)
	}
	if res.TextReach != 0.5 {
		t.Errorf("Geo: text reach %v, want 0.5", res.TextReach)
	}
	if res.Within25kmOfReach != 1 || res.Wrong500km != 0 {
		t.Errorf("Geo: within 25 km of reach %v, wrong over 500 km %d; want 1, 0", res.Within25kmOfReach, res.Wrong500km)
	}
	if math.Abs(res.MedianKm-20.0) > 0.5 {
		t.Errorf("Geo: median %v km, want about 20", res.MedianKm)
	}
	if c := res.Metrics["country"]; c.N != 4 || c.Accuracy != 0.5 {
		t.Errorf("Geo: country %+v, want accuracy 0.5 over 4", c)
	}
	if len(res.Errors) != 2 || res.Errors[0].ID != "d" || res.Errors[1].ID != "c" {
		t.Errorf("Geo: errors %+v, want d (unlocated) then c", res.Errors)
	} else if res.Errors[0].InReach || !res.Errors[1].InReach {
		t.Errorf("Geo: errors in reach %v, %v; want false (d names nothing), true (c names a place near)", res.Errors[0].InReach, res.Errors[1].InReach)
	}
	var buf bytes.Buffer
	if err := res.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"task":"geo"`, `"within_25km":0.5`, `"median_km"`, `"unlocated":0.25`, `"country":{"accuracy":0.5,"n":4}`, `"reach":0.5`, `"within_25km_of_reach":1`, `"wrong_500km":0`} {
		if !strings.Contains(buf.String(), k) {
			t.Errorf("JSON %s lacks %s", buf.String(), k)
		}
	}
	if _, err := Geo(context.Background(), "test", "dev", nil, locate, GeoOptions{}); err == nil {
		t.Error("Geo accepted no records")
	}
}

func TestGeoDistanceKm(t *testing.T) {
	// Kyiv to Kharkiv is about 410 km.
	if d := GeoDistanceKm(50.4547, 30.5238, 49.9808, 36.2527); math.Abs(d-410) > 10 {
		t.Errorf("GeoDistanceKm(Kyiv, Kharkiv) = %.0f, want about 410", d)
	}
	if d := GeoDistanceKm(10, 10, 10, 10); d != 0 {
		t.Errorf("GeoDistanceKm of a point to itself = %v", d)
	}
}

func TestLoadGeoRecordsShared(t *testing.T) {
	for ds := range GeoDatasets {
		recs, err := LoadGeoRecords(context.Background(), "../../shared/data", ds, "dev")
		if err != nil {
			if strings.Contains(err.Error(), "no such file") {
				t.Skipf("geo: ../shared/data/%s not found", GeoDatasets[ds])
			}
			t.Fatalf("%s: %v", ds, err)
		}
		if len(recs) < 500 {
			t.Errorf("%s: %d dev records with coordinates, want at least 500", ds, len(recs))
		}
	}
}

// TestGeoWrongPlaced: a record placed more than 500 km from the coders'
// point counts as wrongly placed; an unlocated one does not.
func TestGeoWrongPlaced(t *testing.T) {
	recs := []GeoRecord{
		{ID: "abroad", Text: "abroad", Lat: 50, Lon: 30},
		{ID: "near", Text: "near", Lat: 50, Lon: 30},
		{ID: "none", Text: "none", Lat: 50, Lon: 30},
	}
	locate := textLocator(func(text string) (float64, float64, string, bool) {
		switch text {
		case "abroad":
			return 36, -120, "US", true // California
		case "near":
			return 50.5, 30, "UA", true
		}
		return 0, 0, "", false
	})
	res, err := Geo(context.Background(), "test", "dev", recs, locate, GeoOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Wrong500km != 1 {
		t.Errorf("Geo: %d wrongly placed, want 1", res.Wrong500km)
	}
}

// TestGeoFar: Far lists only the records placed more than 500 km off,
// farthest first, however many unlocated records Errors would list before
// them.
func TestGeoFar(t *testing.T) {
	recs := []GeoRecord{
		{ID: "none", Text: "none", Lat: 50, Lon: 30},
		{ID: "moscow", Text: "moscow", Lat: 48, Lon: 38},
		{ID: "near", Text: "near", Lat: 50, Lon: 30},
		{ID: "california", Text: "california", Lat: 48, Lon: 38},
	}
	locate := textLocator(func(text string) (float64, float64, string, bool) {
		switch text {
		case "moscow":
			return 55.75, 37.62, "RU", true
		case "california":
			return 36, -120, "US", true
		case "near":
			return 50.5, 30, "UA", true
		}
		return 0, 0, "", false
	})
	res, err := Geo(context.Background(), "test", "dev", recs, locate, GeoOptions{Errors: 1, Far: 5})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range res.Far {
		got = append(got, e.ID)
	}
	if want := []string{"california", "moscow"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Geo Far = %v, want %v", got, want)
	}
	if len(res.Errors) != 1 || res.Errors[0].ID != "none" {
		t.Errorf("Geo Errors = %+v, want the unlocated record only", res.Errors)
	}
	var b strings.Builder
	if err := res.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "farthest of the wrongly placed (2 of 2)") {
		t.Errorf("WriteText lacks the far listing:\n%s", b.String())
	}
}

// textLocator makes a GeoLocator of a function of the text alone.
func textLocator(f func(text string) (float64, float64, string, bool)) GeoLocator {
	return func(_ context.Context, r GeoRecord) (muster.Place, bool, error) {
		lat, lon, cc, ok := f(r.Text)
		return muster.Place{Lat: lat, Lon: lon, Country: cc}, ok, nil
	}
}

// TestEventPlace: the ingest path's point is the most specific geocoded
// place of the first event that has one (issue 12).
func TestEventPlace(t *testing.T) {
	town := muster.Entity{ID: "e_town", Name: "Aldmoor", Type: muster.EntityPlace, Place: &muster.Place{Lat: 48.1, Lon: 35.1, Country: "UA", Feature: "PPL", Precision: muster.PrecisionExact}}
	other := muster.Entity{ID: "e_other", Name: "Brenfield", Type: muster.EntityPlace, Place: &muster.Place{Lat: 47.2, Lon: 36.2, Country: "UA", Feature: "PPLA3", Precision: muster.PrecisionExact}}
	district := muster.Entity{ID: "e_district", Name: "Corwen district", Type: muster.EntityPlace, Place: &muster.Place{Lat: 48.3, Lon: 35.3, Country: "UA", Feature: "ADM2", Precision: muster.PrecisionRegion}}
	province := muster.Entity{ID: "e_province", Name: "Dunmore region", Type: muster.EntityPlace, Place: &muster.Place{Lat: 48.5, Lon: 35.5, Country: "UA", Feature: "ADM1", Precision: muster.PrecisionRegion}}
	country := muster.Entity{ID: "e_country", Name: "Ukraine", Type: muster.EntityPlace, Place: &muster.Place{Lat: 49, Lon: 32, Country: "UA", Feature: "PCLI", Precision: muster.PrecisionCountry}}
	unplaced := muster.Entity{ID: "e_unplaced", Name: "Eskerby", Type: muster.EntityPlace}
	ents := []muster.Entity{town, other, district, province, country, unplaced}
	ref := func(e muster.Entity) muster.Ref { return muster.Ref{ID: e.ID, Name: e.Name, Type: string(e.Type)} }
	event := func(places ...muster.Entity) muster.Event {
		ev := muster.Event{ID: "v_" + places[0].ID, Type: muster.EventShelling}
		for _, p := range places {
			ev.Places = append(ev.Places, ref(p))
		}
		return ev
	}
	tests := []struct {
		name   string
		events []muster.Event
		want   string // the place's entity id; "" for none
	}{
		{"the town before its province and country", []muster.Event{event(country, province, town)}, "e_town"},
		{"a district before its province", []muster.Event{event(province, district)}, "e_district"},
		{"a province before its country", []muster.Event{event(country, province)}, "e_province"},
		{"the country when the text names no more", []muster.Event{event(country)}, "e_country"},
		{"the first of two towns", []muster.Event{event(other, town)}, "e_other"},
		{"the first event's place, not a later event's", []muster.Event{event(province), event(town)}, "e_province"},
		{"an event with no geocoded place is not on the map", []muster.Event{event(unplaced), event(district)}, "e_district"},
		{"no geocoded place: unplaced", []muster.Event{event(unplaced)}, ""},
		{"a geocoded place but no event: unplaced", nil, ""},
	}
	byPlace := map[muster.Place]string{}
	for _, e := range ents {
		if e.Place != nil {
			byPlace[*e.Place] = e.ID
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &muster.Analysis{Entities: ents, Events: tt.events}
			pl, ok := EventPlace(a)
			got := ""
			if ok {
				got = byPlace[pl]
			}
			if got != tt.want {
				t.Errorf("EventPlace = %q (ok %v), want %q", got, ok, tt.want)
			}
		})
	}
	if _, ok := EventPlace(nil); ok {
		t.Error("EventPlace(nil) found a place")
	}
}

// TestGeoIngestPath: the ingest path runs the extractor over each record's
// text with the record's date, scores EventPlace of its analysis as the
// locator path is scored, and names its path in the result.
func TestGeoIngestPath(t *testing.T) {
	day := time.Date(2023, 5, 4, 12, 0, 0, 0, time.UTC)
	recs := []GeoRecord{
		{ID: "near", Text: "Shells hit Aldmoor.", Lat: 48.1, Lon: 35.1, Country: "Ukraine", Published: day},
		{ID: "far", Text: "Shells hit Brenfield.", Lat: 48.1, Lon: 35.1, Country: "Ukraine", Published: day},
		{ID: "none", Text: "Shells hit somewhere.", Lat: 48.1, Lon: 35.1, Country: "Ukraine", Published: day},
	}
	places := map[string]muster.Entity{
		"Aldmoor":   {ID: "e_a", Name: "Aldmoor", Type: muster.EntityPlace, Place: &muster.Place{Lat: 48.15, Lon: 35.1, Country: "UA", Precision: muster.PrecisionExact}},
		"Brenfield": {ID: "e_b", Name: "Brenfield", Type: muster.EntityPlace, Place: &muster.Place{Lat: 55.7, Lon: 37.6, Country: "RU", Precision: muster.PrecisionExact}},
	}
	ex := func(_ context.Context, text string, published time.Time) (*muster.Analysis, error) {
		if !published.Equal(day) {
			t.Errorf("extractor got published %v for %q, want the record's date %v", published, text, day)
		}
		a := &muster.Analysis{}
		for name, e := range places {
			if strings.Contains(text, name) {
				a.Entities = append(a.Entities, e)
				a.Events = append(a.Events, muster.Event{ID: "v_1", Type: muster.EventShelling, Places: []muster.Ref{{ID: e.ID, Name: e.Name, Type: "place"}}})
			}
		}
		return a, nil
	}
	cc := func(name string) string {
		if name == "Ukraine" {
			return "UA"
		}
		return ""
	}
	res, err := Geo(context.Background(), "test", "dev", recs, IngestLocator(ex), GeoOptions{Path: GeoPathIngest, CountryCode: cc, Far: 5})
	if err != nil {
		t.Fatal(err)
	}
	if res.Path != GeoPathIngest || res.Within25km != geoRound4(1.0/3) || res.Unlocated != geoRound4(1.0/3) || res.Wrong500km != 1 {
		t.Errorf("Geo ingest: path %q within 25 km %v unlocated %v wrong %d; want ingest, 0.3333, 0.3333, 1", res.Path, res.Within25km, res.Unlocated, res.Wrong500km)
	}
	if c := res.Metrics["country"]; c.N != 3 || c.Accuracy != geoRound4(1.0/3) {
		t.Errorf("Geo ingest: country %+v, want accuracy 0.3333 over 3", c)
	}
	if len(res.Far) != 1 || res.Far[0].ID != "far" {
		t.Errorf("Geo ingest: far %+v, want the record placed at Brenfield", res.Far)
	}
	var buf bytes.Buffer
	if err := res.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"path":"ingest"`) {
		t.Errorf("JSON %s lacks the path", buf.String())
	}
	buf.Reset()
	if err := res.WriteText(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "(ingest path)") {
		t.Errorf("text %q does not name the path", buf.String())
	}
	failing := func(context.Context, string, time.Time) (*muster.Analysis, error) { return nil, errors.New("broken") }
	if _, err := Geo(context.Background(), "test", "dev", recs, IngestLocator(failing), GeoOptions{Path: GeoPathIngest}); err == nil || !strings.Contains(err.Error(), "record near") {
		t.Errorf("Geo with a failing extractor: err %v, want one naming the record", err)
	}
	// The locator path stays the default name.
	if res, err := Geo(context.Background(), "test", "dev", recs, IngestLocator(ex), GeoOptions{}); err != nil || res.Path != GeoPathLocator {
		t.Errorf("Geo without a path: path %q (err %v), want locator", res.Path, err)
	}
}
