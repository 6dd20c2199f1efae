package extract_test

import (
	"slices"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// TestEventPlacesShortTexts: on a headline or a wire brief of one event,
// the event's places (what the map draws it at) are the objects of its
// occurred_at claims, so a place only the narrative rules read ("shelling
// of Avdiivka") is on the map; a place named as a side ("Kiev troops",
// "Russia’s war", "an attack by Ukraine") is no place of the event; a
// note of damage or destruction tells an event, placed "in central X" at
// X; "the Y district of X" is placed at X. The sentences are our own.
func TestEventPlacesShortTexts(t *testing.T) {
	tests := []struct {
		text string
		want []string // the places the event must have
		not  []string // names that must not be its places (a side, a name with its possessive)
	}{
		{"Three civilians killed in army shelling of Avdiivka", []string{"Avdiivka"}, nil},
		{"Two soldiers killed in shelling by Kiev troops near Horlivka", []string{"Horlivka"}, []string{"Kiev"}},
		{"Five soldiers killed in Russia’s war this week", nil, []string{"Russia"}},
		{"One officer killed in attack by Ukraine, says militia", nil, []string{"Ukraine"}},
		{"Kiev forces’ shelling kills four in Donetsk", []string{"Donetsk"}, []string{"Kiev"}},
		// A note of harm done is an event at its place; the middle of a
		// town is the town.
		{"Damage to a clinic in central Kharkiv", []string{"Kharkiv"}, nil},
		{"Destruction of homes in downtown Izium", []string{"Izium"}, nil},
		// "The shelling of X": the place hit, unless X opens a longer name.
		{"Morning shelling of Nikolaev: one dead, four hurt", []string{"Nikolaev"}, nil},
		{"Shelling of Aurora shopping centre injures two", nil, []string{"Aurora"}},
		// A facility named before "in" is in the town named after it.
		{"Rockets hit Zorya plant in Mykolaiv", []string{"Mykolaiv"}, nil},
		// "areas of X", "X’s hospital": X.
		{"Damage to residential areas of Kupiansk", []string{"Kupiansk"}, nil},
		{"Artillery struck Kupiansk’s hospital", []string{"Kupiansk"}, []string{"Kupiansk’s"}},
		// A district of a town is placed by the town.
		{"Two civilians were killed in shelling in the Kyivskyi district of Donetsk", []string{"Donetsk"}, []string{"Kyivskyi district"}},
	}
	for _, tt := range tests {
		r := extract.Extract(extract.Input{Doc: parse(t, tt.text), DocID: "d_test", Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
		var places, claimed []string
		for _, ev := range r.Events {
			for _, p := range ev.Places {
				places = append(places, p.Name)
			}
		}
		for _, c := range r.Claims {
			if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil {
				claimed = append(claimed, c.Object.Entity.Name)
			}
		}
		for _, w := range tt.want {
			if !slices.Contains(places, w) {
				t.Errorf("%q: event places %v, want %s among them (occurred_at %v)", tt.text, places, w, claimed)
			}
		}
		for _, n := range tt.not {
			if slices.Contains(places, n) || slices.Contains(claimed, n) {
				t.Errorf("%q: %s is a place of the event (places %v, occurred_at %v); want it not to be", tt.text, n, places, claimed)
			}
		}
		for _, c := range claimed {
			if !slices.Contains(places, c) {
				t.Errorf("%q: occurred_at %s, but the event's places are %v", tt.text, c, places)
			}
		}
	}
}
