package extract_test

import (
	"testing"

	"github.com/muster-osint/muster"
)

// TestClauseStartsOpenNoName: a conjunction or preposition that opens a
// sentence opens no name ("Although Russian forces were pushed back" names
// Russian forces, a state force, not "Although Russian"), nor does
// "Former" ("Former British army chief"), and a city's
// Russian spelling is a place as its Ukrainian one is ("Kharkov" as
// "Kharkiv"), whatever the tagger thought (issue 12: both were missed
// mentions of the resolve dev set). Sentences of our own.
func TestClauseStartsOpenNoName(t *testing.T) {
	tests := []struct {
		text, mention string
		want          muster.EntityType
	}{
		{"Although Russian forces were pushed back last month, shelling went on.", "Russian forces", muster.EntityStateForce},
		{"Amid Russian shelling, Ukrainian troops held the bridge near Izium.", "Ukrainian troops", muster.EntityStateForce},
		{"A soldier died during a night patrol in the area of Kharkov.He was shot by a sniper.", "Kharkov", muster.EntityPlace},
		{"Former British army chief Lord Brent said the front would hold.", "British army", muster.EntityStateForce},
	}
	for _, tt := range tests {
		all := entityMentions(t, tt.text)
		var got muster.EntityType
		for _, m := range all {
			if m.text == tt.mention {
				got = m.typ
			}
		}
		if got != tt.want {
			t.Errorf("%q: mention %q typed %q, want %s; mentions %q", tt.text, tt.mention, got, tt.want, all)
		}
	}
}
