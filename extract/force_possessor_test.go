package extract_test

import (
	"testing"
	"time"

	"github.com/muster-osint/muster/extract"
)

// TestForcePossessorMentionsCountry: "Ukraine’s military" mentions
// Ukraine as well as its forces, as the resolution gold marks it: the
// country gains a mention of the name before the possessive, the force
// keeps its own. A country the text names nowhere else gains no entity
// (issue 12). Sentences of our own.
func TestForcePossessorMentionsCountry(t *testing.T) {
	tests := []struct {
		text, entity, mention string
		want                  bool
	}{
		{"Drones hit a depot in Ukraine overnight. Ukraine’s military said two of them were shot down.", "Ukraine", "Ukraine", true},
		{"Drones hit a depot in Ukraine overnight. Ukraine’s military said two of them were shot down.", "Ukrainian Armed Forces", "Ukraine’s military", true},
		{"Chad’s army shelled rebel positions near Abeche on Monday.", "Chad", "Chad", false},
	}
	for _, tt := range tests {
		r := extract.Extract(extract.Input{Doc: parse(t, tt.text), DocID: "d_test", Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
		n := 0
		var all []string
		for _, e := range r.Entities {
			for _, m := range e.Mentions {
				all = append(all, m.Text+" → "+e.Name)
				if e.Name == tt.entity && m.Text == tt.mention {
					n++
				}
			}
		}
		want := 0
		if tt.want {
			want = 1
			if tt.entity == "Ukraine" {
				want = 2 // "in Ukraine" and "Ukraine’s"
			}
		}
		if n != want {
			t.Errorf("%q: %d mentions %q of %s, want %d; mentions %q", tt.text, n, tt.mention, tt.entity, want, all)
		}
	}
}
