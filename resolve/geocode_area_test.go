package resolve

import "testing"

// TestLocateEventInDonbas: "in Donbas" names the document's regions,
// Donetsk and Luhansk oblasts, so a village named beside it is the one in
// them, not a namesake elsewhere in Ukraine (issue 12: "near Pivdenne in
// Donbas" was put in Odesa oblast, "near Shumy in Donbas" in Sumy).
// Sentences of our own.
func TestLocateEventInDonbas(t *testing.T) {
	g := mustGazetteer(t)
	for _, text := range []string{
		"A medic was wounded near Shumy in Donbas on Tuesday",
		"Two sappers died clearing mines near Pivdenne in the Donbass",
		"Shelling near Shumy, Donbas, damaged a school",
	} {
		p, ok := g.LocateEvent(text, nil)
		if !ok || p.Country != "UA" || (p.Admin1 != "Donetsk" && p.Admin1 != "Luhansk") {
			t.Errorf("LocateEvent(%q) = %+v, %v; want a place in Donetsk or Luhansk oblast", text, p, ok)
		}
	}
	// The Donbas as a document's region in Geocode too, given as the
	// pipeline gives a place name: both a region and a place.
	p, ok := g.Geocode("Shumy", GeoContext{Countries: []string{"UA"}, Admin1: []string{"Donbas"}, Places: []string{"Donbas"}})
	if !ok || (p.Admin1 != "Donetsk" && p.Admin1 != "Luhansk") {
		t.Errorf("Geocode(Shumy, in Donbas) = %+v, %v; want Donetsk or Luhansk oblast", p, ok)
	}
}

// TestLocateEventNAF: the republics' armed forces ("NAF rebel forces",
// ACLED's name for them) fight in the Donbas only, so a village named
// beside them is the Donbas one, not a namesake in Odesa or Vinnytsia
// oblast (issue 12). Sentences of our own.
func TestLocateEventNAF(t *testing.T) {
	g := mustGazetteer(t)
	for _, text := range []string{
		"NAF rebel forces shelled Stepanivka overnight",
		"NAF rebels fired on positions near Kalynivka",
	} {
		p, ok := g.LocateEvent(text, nil)
		if !ok || p.Country != "UA" || (p.Admin1 != "Donetsk" && p.Admin1 != "Luhansk") {
			t.Errorf("LocateEvent(%q) = %+v, %v; want a place in Donetsk or Luhansk oblast", text, p, ok)
		}
	}
}
