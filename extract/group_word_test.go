package extract_test

import "testing"

// TestGroupWordNoPartOfName: "the Islamic State group" names Islamic
// State; the lower-case "group" taken along to type the name is no part of
// it (issue 12: the party "Islamic State" of a dev article was not found
// because its entity was "Islamic State group"). A head that tells one
// name from another stays: "the Sinaloa cartel" is not the place Sinaloa.
// Sentences of our own.
func TestGroupWordNoPartOfName(t *testing.T) {
	tests := []struct{ text, want, not string }{
		{"Fighters of the Islamic State group killed four soldiers in an ambush near Gao on Sunday.", "Islamic State armed_group", "Islamic State group armed_group"},
		{"Gunmen of the Wagner group seized a checkpoint outside Kidal on Sunday.", "Wagner armed_group", "Wagner group armed_group"},
		{"Gunmen of the Sinaloa cartel seized a ranch outside Culiacan on Sunday.", "Sinaloa cartel armed_group", "Sinaloa armed_group"},
	}
	for _, tc := range tests {
		typed, got := entityTypes(t, tc.text)
		if !typed[tc.want] || typed[tc.not] {
			t.Errorf("%q: entities %q, want %q and not %q", tc.text, got, tc.want, tc.not)
		}
	}
}
