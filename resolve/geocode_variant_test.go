package resolve

import "testing"

// TestUkrainianVariant: Ukrainian writes і where Russian writes е ("Піски",
// "Пески"): a Russian form the gazetteer lacks finds the Ukrainian place by
// it, and only a Ukrainian one (issue 12). Sentences of our own.
func TestUkrainianVariant(t *testing.T) {
	for k, want := range map[string]string{
		"peski":          foldPlaceNormed("pisky"),
		"tsvetnye peski": foldPlaceNormed("tsvitni pisky"),
		"pisky":          "", // no e: nothing to vary
		"kharkiv":        "",
	} {
		if got := ukrainianVariant(k); got != want {
			t.Errorf("ukrainianVariant(%q) = %q, want %q", k, got, want)
		}
	}
	g := mustGazetteer(t)
	for _, tt := range []struct {
		text             string
		placed           bool
		country          string
		lat, lon, withKm float64 // when placed
	}{
		// Tsvitni Pisky, Luhansk oblast, by its Russian name.
		{"Shelling was reported in Tsvetnye Peski on Tuesday.", true, "UA", 48.666, 39.273, 10},
		{"Tsvetnye Peski", true, "UA", 48.666, 39.273, 10},
		// A name that matches nothing as written is not made a Russian
		// town by the variant ("Sejm" is not Sim, Chelyabinsk oblast).
		{"The bridge across the Sejm was destroyed.", false, "", 0, 0, 0},
	} {
		p, ok := g.LocateEvent(tt.text, nil)
		if ok != tt.placed || ok && (p.Country != tt.country || haversineKm(p.Lat, p.Lon, tt.lat, tt.lon) > tt.withKm) {
			t.Errorf("LocateEvent(%q) = %v %+v, want placed %v in %s near %.3f,%.3f", tt.text, ok, p, tt.placed, tt.country, tt.lat, tt.lon)
		}
	}
}
