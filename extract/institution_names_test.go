package extract_test

import "testing"

// TestPossessiveInstitution: an institution named in the possessive is one
// name ("King’s College London"), not a king and a "College London"
// (issue 12: the two fragments were two spurious entities of a dev
// article); a place's possessive still ends the place's name ("Russia’s
// Academy of Sciences" names Russia). Sentences of our own.
func TestPossessiveInstitution(t *testing.T) {
	tests := []struct{ text, want, not string }{
		{"Anna Pike, a lecturer at King’s College London, said the strike failed.", "King’s College London", "King"},
		{"Doctors at Guy’s Hospital treated the two wounded journalists.", "Guy’s Hospital", "Guy"},
		{"Russia’s Academy of Sciences said the survey was over.", "Russia", "Russia’s Academy of Sciences"},
	}
	for _, tc := range tests {
		names, got := entityNames(t, tc.text)
		if !names[tc.want] || names[tc.not] {
			t.Errorf("%q: entities %q, want %q and not %q", tc.text, got, tc.want, tc.not)
		}
	}
}

// TestTitleInsideInstitution: a title word inside an institution's name
// ("the UN General Assembly") opens no
// officer's name: the run is one organisation, not "UN" and a person or
// body called "Assembly" (issue 12). A title between a group and a
// person still splits them. Sentences of our own.
func TestTitleInsideInstitution(t *testing.T) {
	tests := []struct{ text, want, not string }{
		{"He spoke on the sidelines of the UN General Assembly in New York on Monday.", "UN General Assembly organization", "Assembly organization"},
		{"Kataib Hezbollah Secretary-General Abu Hussein al-Hamidawi said the attacks would stop.", "Abu Hussein al-Hamidawi person", "Kataib Hezbollah Secretary-General Abu Hussein al-Hamidawi person"},
	}
	for _, tc := range tests {
		typed, got := entityTypes(t, tc.text)
		if !typed[tc.want] || typed[tc.not] {
			t.Errorf("%q: entities %q, want %q and not %q", tc.text, got, tc.want, tc.not)
		}
	}
}
