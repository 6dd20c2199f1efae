package extract_test

import (
	"strings"
	"testing"
)

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
		_, got := entityTypes(t, tc.text)
		var names []string
		for _, g := range got {
			names = append(names, g[:strings.LastIndex(g, " (")])
		}
		has := func(n string) bool {
			for _, x := range names {
				if x == n {
					return true
				}
			}
			return false
		}
		if !has(tc.want) || has(tc.not) {
			t.Errorf("%q: entities %q, want %q and not %q", tc.text, got, tc.want, tc.not)
		}
	}
}
