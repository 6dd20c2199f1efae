package pipeline

import "testing"

// TestKnownCasing: a known multi-word name spelled in capitals gets the
// alias table's casing in the truecased copy, at word boundaries only,
// longest name first, and the copy keeps the document's length.
func TestKnownCasing(t *testing.T) {
	k := newKnownCasing([]string{"Freedom of Russia Legion", "Freedom of Russia", "Lord's Resistance Army"})
	for _, tt := range []struct{ caps, cased, want string }{
		{"THE FREEDOM OF RUSSIA LEGION SAID", "The freedom of Russia Legion said", "The Freedom of Russia Legion said"},
		{"FREEDOM OF RUSSIA MARCHED", "Freedom of Russia marched", "Freedom of Russia marched"},
		{"THE LORD'S RESISTANCE ARMY", "The lord's resistance army", "The Lord's Resistance Army"},
		// Not at a word boundary: no name.
		{"UNFREEDOM OF RUSSIA LEGIONS", "Unfreedom of Russia legions", "Unfreedom of Russia legions"},
		// A word written in lower case in the document is not recased.
		{"freedom of russia legion", "freedom of russia legion", "freedom of russia legion"},
	} {
		got := k.apply(tt.caps, tt.cased)
		if got != tt.want {
			t.Errorf("apply(%q) = %q, want %q", tt.caps, got, tt.want)
		}
		if len(got) != len(tt.caps) {
			t.Errorf("apply(%q) changed the length", tt.caps)
		}
	}
}
