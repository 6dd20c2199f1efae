package resolve

import "testing"

// TestLocateEventWeaponNames: a place name before a weapon's noun names
// the weapon ("Iskander missile systems" are no place in Uzbekistan), while
// a town before a strike is still the place (issue 12). Sentences of our
// own.
func TestLocateEventWeaponNames(t *testing.T) {
	g := mustGazetteer(t)
	for _, tt := range []struct {
		text    string
		country string // "" for unplaced
	}{
		{"Iskander missile systems were seen at a training ground", ""},
		{"Iskander missiles were moved towards the border overnight", ""},
		{"Tornado rockets were fired at the frontline overnight", ""},
		{"A Kyiv missile strike damaged a residential block", "UA"},
	} {
		p, ok := g.LocateEvent(tt.text, nil)
		if got := map[bool]string{true: p.Country}[ok]; got != tt.country {
			t.Errorf("LocateEvent(%q) = %v %+v, want country %q", tt.text, ok, p, tt.country)
		}
	}
}
