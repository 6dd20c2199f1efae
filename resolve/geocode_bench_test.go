package resolve

import (
	"sync"
	"testing"
)

// testGazetteer loads the embedded gazetteer once per test binary.
var testGazetteer = sync.OnceValues(LoadGazetteer)

func mustGazetteer(tb testing.TB) *Gazetteer {
	tb.Helper()
	g, err := testGazetteer()
	if err != nil {
		tb.Fatalf("LoadGazetteer: %v", err)
	}
	return g
}

func BenchmarkLoadGazetteer(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadGazetteer(); err != nil {
			b.Fatal(err)
		}
	}
}

var benchNames = []string{"Kharkiv", "Graivoron", "Hraivoron", "Paris", "Kharkiv Oblast", "Beir al-Abd", "Sudzha", "Springfield", "Al Hudaydah", "Novomykhaylivka"}

func BenchmarkLookup(b *testing.B) {
	g := mustGazetteer(b)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.Lookup(benchNames[i%len(benchNames)])
	}
}

func BenchmarkGeocode(b *testing.B) {
	g := mustGazetteer(b)
	ctx := GeoContext{Countries: []string{"UA", "RU"}, Admin1: []string{"Belgorod Oblast"}, Places: []string{"Shebekino", "Belgorod"}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		g.Geocode(benchNames[i%len(benchNames)], ctx)
	}
}

const benchText = `On 22 May 2023, fighters of the Freedom of Russia Legion and the Russian Volunteer Corps crossed the border from Ukraine into the Graivoron district of Belgorod Oblast, Russia, and attacked Kozinka and Glotovo. Governor Vyacheslav Gladkov said shelling hit Grayvoron and the village of Zamostye near Shebekino.`

func BenchmarkSpot(b *testing.B) {
	g := mustGazetteer(b)
	b.ReportAllocs()
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		g.Spot(benchText)
	}
}

func BenchmarkLocateEvent(b *testing.B) {
	g := mustGazetteer(b)
	b.ReportAllocs()
	for b.Loop() {
		g.LocateEvent(benchText, nil)
	}
}
