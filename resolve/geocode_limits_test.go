package resolve

import "testing"

// TestLocateEventWeakNamesAbroad: a weak name (one uncued capitalised word
// matching a small place) outside every country the text is about is left
// unplaced rather than put on another continent; at home it stays (issue
// 12). Sentences of our own.
func TestLocateEventWeakNamesAbroad(t *testing.T) {
	g := mustGazetteer(t)
	tests := []struct {
		text    string
		placed  bool
		country string // when placed
	}{
		{"Cargo warhead remnants lay in the school yard.", false, ""},
		{"Cargo warheads were found after the strike, Ukrainian officials said.", false, ""},
		{"Shelling of Kharkiv continued on Monday.", true, "UA"},
		{"Russian artillery shelled the village of Makarove, Ukrainian officials said.", true, "UA"},
	}
	for _, tt := range tests {
		p, ok := g.LocateEvent(tt.text, nil)
		if ok != tt.placed || ok && p.Country != tt.country {
			t.Errorf("LocateEvent(%q) = %v %+v, want placed %v in %q", tt.text, ok, p, tt.placed, tt.country)
		}
	}
}
