package extract_test

import (
	"testing"
)

// TestForcePossessorMentionsCountry: "Ukraine’s military" mentions
// Ukraine as well as its forces, as the resolution gold marks it: the
// country gains a mention of the name before the possessive, the force
// keeps its own. A country the text names nowhere else gains no entity
// (issue 12). Sentences of our own.
func TestForcePossessorMentionsCountry(t *testing.T) {
	tests := []struct {
		text, entity, mention string
		want                  int // mentions of entity with that text
	}{
		{"Drones hit a depot in Ukraine overnight. Ukraine’s military said two of them were shot down.", "Ukraine", "Ukraine", 2}, // "in Ukraine" and "Ukraine’s"
		{"Drones hit a depot in Ukraine overnight. Ukraine’s military said two of them were shot down.", "Ukrainian Armed Forces", "Ukraine’s military", 1},
		{"Chad’s army shelled rebel positions near Abeche on Monday.", "Chad", "Chad", 0},
	}
	for _, tt := range tests {
		all := entityMentions(t, tt.text)
		n := 0
		for _, m := range all {
			if m.name == tt.entity && m.text == tt.mention {
				n++
			}
		}
		if n != tt.want {
			t.Errorf("%q: %d mentions %q of %s, want %d; mentions %q", tt.text, n, tt.mention, tt.entity, tt.want, all)
		}
	}
}
