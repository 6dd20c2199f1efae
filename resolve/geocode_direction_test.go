package resolve

import (
	"testing"

	"github.com/muster-osint/muster"
)

// TestLocateEventCountryPart: a text that places its event in a side of
// the one country it names — "the east of Ukraine", "Ukraine's east", or
// "in the east" with no other country named — is put in that side, not
// the country's middle (issue 12: such headlines were 430–510 km from the
// coders' points in Donbas). Sentences of our own.
func TestLocateEventCountryPart(t *testing.T) {
	g := mustGazetteer(t)
	for _, tt := range []struct {
		text     string
		mentions []string // as a tagger gives them; none: Spot finds them
		east     bool     // placed in Ukraine east of 35°E; else at a country's middle
	}{
		{"Ukraine says two soldiers were killed in the east", nil, true},
		{"Ukraine says one soldier killed in clashes in rebel east", nil, true},
		{"Situation update, east of Ukraine, as of Monday morning", nil, true},
		{"Shelling resumed in Ukraine's east overnight", []string{"Ukraine"}, true},
		{"Ukraine hosted talks on grain exports", nil, false},
		// Two countries: which one's east is not said.
		{"Russia and Ukraine traded blame for shelling in the east", nil, false},
	} {
		p, ok := g.LocateEvent(tt.text, tt.mentions)
		switch {
		case !ok:
			t.Errorf("LocateEvent(%q) unplaced", tt.text)
		case tt.east && (p.Country != "UA" || p.Lon <= 35):
			t.Errorf("LocateEvent(%q) = %+v, want Ukraine east of 35°E", tt.text, p)
		case !tt.east && p.Precision != muster.PrecisionCountry:
			t.Errorf("LocateEvent(%q) = %+v, want a country's middle", tt.text, p)
		}
	}
}
