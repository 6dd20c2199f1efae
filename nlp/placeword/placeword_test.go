package placeword

import (
	"strings"
	"testing"
)

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

// TestFacilityFile checks the data file's form: lower-case single words,
// each once.
func TestFacilityFile(t *testing.T) {
	seen := map[string]bool{}
	for n, line := range strings.Split(facilityText, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		w := strings.TrimSpace(line)
		if w == "" {
			continue
		}
		if w != strings.ToLower(w) || strings.ContainsAny(w, " \t") {
			t.Errorf("facility.txt line %d: %q is not one lower-case word", n+1, w)
		}
		if seen[w] {
			t.Errorf("facility.txt line %d: %q listed twice", n+1, w)
		}
		seen[w] = true
	}
	if len(seen) < 20 {
		t.Errorf("facility.txt has %d words; want the whole list", len(seen))
	}
}
