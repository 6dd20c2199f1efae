package placeword

import "testing"

func TestFacility(t *testing.T) {
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"airport", true},
		{"plant", true},
		{"mosque", true}, // once only resolve's
		{"bridge", true}, // once only extract's
		{"village", false},
		{"Airport", false}, // callers lower-case the word
		{"", false},
	} {
		if got := Facility(tc.word); got != tc.want {
			t.Errorf("Facility(%q) = %v, want %v", tc.word, got, tc.want)
		}
	}
}
