package resolve_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster/resolve"
)

// TestDocumentGeocoderSameAnswers checks that the per-document memo gives
// the gazetteer's own answers.
func TestDocumentGeocoderSameAnswers(t *testing.T) {
	g, err := resolve.LoadGazetteer()
	if err != nil {
		t.Fatal(err)
	}
	ctx := resolve.GeoContext{Countries: []string{"RU", "UA"}, Admin1: []string{"Belgorod", "Kharkiv"}, Places: []string{"Belgorod", "Graivoron", "Kharkiv", "Shebekino"}}
	d := g.ForDocument()
	for _, name := range []string{"Graivoron", "Grayvoron", "Shebekino", "Kharkov", "Paris", "Russia", "Ukraine", "Nowhere-in-particular"} {
		want, wok := g.Geocode(name, ctx)
		got, gok := d.Geocode(name, ctx)
		if wok != gok || !cmp.Equal(want, got) {
			t.Errorf("Geocode(%q): document %v %+v, gazetteer %v %+v", name, gok, got, wok, want)
		}
		if a, b := g.CountryCode(name), d.CountryCode(name); a != b {
			t.Errorf("CountryCode(%q): document %q, gazetteer %q", name, b, a)
		}
	}
}
