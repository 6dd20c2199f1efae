package extract_test

import (
	"testing"

	"github.com/muster-osint/muster"
)

// TestAppositionOfNext: a role in apposition between two names belongs to
// the second ("the city of Nikopol, the regional governor, Oleh Marchenko,
// said": Marchenko is the governor, Nikopol stays a place), while a role
// right after one name is that name's ("Oleh Marchenko, the regional
// governor, said") (issue 12: the governor's city was typed a person and
// split from the place). Sentences of our own.
func TestAppositionOfNext(t *testing.T) {
	tests := []struct {
		text, name string
		want       muster.EntityType
	}{
		{"Shells hit a hospital in the city of Nikopol, the regional governor, Oleh Marchenko, said.", "Nikopol", muster.EntityPlace},
		{"Shells hit a hospital in the city of Nikopol, the regional governor, Oleh Marchenko, said.", "Oleh Marchenko", muster.EntityPerson},
		{"Oleh Marchenko, the regional governor, said drones struck a depot.", "Oleh Marchenko", muster.EntityPerson},
	}
	for _, tt := range tests {
		typed, got := entityTypes(t, tt.text)
		if !typed[tt.name+" "+string(tt.want)] || tt.want == muster.EntityPlace && typed[tt.name+" "+string(muster.EntityPerson)] {
			t.Errorf("%q: want %s typed %s; entities %v", tt.text, tt.name, tt.want, got)
		}
	}
}
