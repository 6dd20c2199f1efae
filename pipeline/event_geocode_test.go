package pipeline_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/pipeline"
)

// TestEventListCountry: a settlement in an event's place list lies in the
// region or country the list names after it. A namesake elsewhere — even a
// seat that news may name from abroad, Palma of the Balearic Islands — is
// no point for it: it is placed in that country or not at all. So is one
// the list names as an alias of its entity ("Chora district" of Chora). A
// settlement followed by its region ("Hlyboke, Kharkiv") is the one in
// that region, and none when the gazetteer has none there (issue 12: ACLED
// events were placed at namesakes 500–1,800 km away). The sentences are
// our own. In a text that names no country, a village abroad, outside
// the countries of the text's nationalities, is left unlocated ("Riviera"
// in a caption about Ukraine was put in California).
func TestEventListCountry(t *testing.T) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text, place string
		country     string // "" when it must stay unlocated
		admin1      string // when set, the first-order region it must lie in
		orNone      bool   // it may also stay unlocated
	}{
		{"Gunmen raided Palma, Cabo Delgado, Mozambique, on Sunday, killing two fishermen.", "Palma", "", "", false},
		{"On 3 May 2023, Russian forces shelled near Lozova, Kharkiv. Casualties unknown.", "Lozova", "UA", "", false},
		{"Gunmen attacked a police post in Chora district, Uruzgan, Afghanistan, killing three officers.", "Chora", "AF", "", true},
		{"On 9 March 2023, Russian forces shelled near Hlyboke, Kharkiv. No casualties.", "Hlyboke", "UA", "Kharkiv", true},
		{"On 9 March 2023, Russian forces shelled Orlivka, Donetsk region, with artillery.", "Orlivka", "UA", "Donetsk", true},
		// A text that names no country: a village abroad, outside the
		// countries of its nationalities, is no answer; one named with
		// its country in a run-on name is.
		{"Damage to a roof, reportedly at the Riviera shopping mall", "Riviera", "", "", false},
		{"Gunmen bombed a bank in East Lansing, Michigan United States.", "East Lansing", "US", "", false},
	}
	for _, tt := range tests {
		doc := muster.Document{Published: time.Date(2023, 5, 4, 0, 0, 0, 0, time.UTC)}
		doc.SetText(tt.text)
		a, err := p.Analyze(context.Background(), doc, nil)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range a.Entities {
			if e.Type != muster.EntityPlace || e.Name != tt.place && !slices.ContainsFunc(e.Aliases, func(al muster.Alias) bool { return al.Name == tt.place }) {
				continue
			}
			found = true
			switch {
			case tt.orNone && e.Place == nil:
			case tt.country == "" && e.Place != nil:
				t.Errorf("%q: %s placed at %+v, want it unlocated", tt.text, tt.place, *e.Place)
			case tt.country != "" && (e.Place == nil || e.Place.Country != tt.country):
				t.Errorf("%q: %s placed at %+v, want it in %s", tt.text, tt.place, e.Place, tt.country)
			case tt.admin1 != "" && e.Place.Admin1 != tt.admin1:
				t.Errorf("%q: %s placed at %+v, want it in %s", tt.text, tt.place, *e.Place, tt.admin1)
			}
		}
		if !found {
			t.Errorf("%q: no place %s among the entities", tt.text, tt.place)
		}
	}
}
