package extract_test

import (
	"slices"
	"testing"
	"time"

	"github.com/muster-osint/muster/extract"
)

// TestPersonOfName checks that "of" does not join a person's name to the
// name after it when the tagger found the two apart: "Andrew Hill of
// Plymouth" is a man and his town (issue 12: the joined span was a
// spurious mention and both names were missed). A name the tagger reads
// whole through "of" stays one.
func TestPersonOfName(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string // entity names that must be found
		not  []string // and must not
	}{
		{"Two men, Andrew Hill of Plymouth and Dylan Healy of Huntingdon, were charged in Donetsk.", []string{"Andrew Hill", "Plymouth", "Dylan Healy", "Huntingdon"}, []string{"Andrew Hill of Plymouth", "Dylan Healy of Huntingdon"}},
		{"The Institute for the Study of War said Russian forces had advanced near Bakhmut.", []string{"Institute for the Study of War"}, nil},
	} {
		d := parse(t, tt.text)
		r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
		var got []string
		for _, e := range r.Entities {
			got = append(got, e.Name)
		}
		for _, w := range tt.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: no entity %q; entities %q", tt.text, w, got)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(got, w) {
				t.Errorf("%q: entity %q; want it split", tt.text, w)
			}
		}
	}
}
