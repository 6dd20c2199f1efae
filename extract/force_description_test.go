package extract_test

import (
	"testing"
)

// TestForceDescription: "the army" and "the military" refer back to the
// one state force the text has named ("Chad’s army … The army said"), or
// to a group named Army; among two forces, or as a modifier ("the army
// chief"), they refer to none (issue 12: participants named by
// description). Sentences of our own.
func TestForceDescription(t *testing.T) {
	tests := []struct {
		text, mention, want string // want "" for no entity
	}{
		{"Chad’s army clashed with rebels near Abeche on Monday. The army said it had repelled the attack.", "The army", "Chadian Armed Forces"},
		{"Chad’s army clashed with rebels near Abeche on Monday. Rebels have fought the military since 2021.", "the military", "Chadian Armed Forces"},
		{"The Arakan Army seized a border post near Maungdaw. The army said it held the town.", "The army", "Arakan Army"},
		{"Russian troops and Ukraine’s army fought near Bakhmut on Monday. The army said two soldiers died.", "The army", ""},
		{"Chad’s army clashed with rebels near Abeche on Monday. The army chief resigned.", "The army", ""},
	}
	for _, tt := range tests {
		all := entityMentions(t, tt.text)
		got := ""
		for _, m := range all {
			if m.text == tt.mention {
				got = m.name
			}
		}
		if got != tt.want {
			t.Errorf("%q: %q is %q, want %q; mentions %q", tt.text, tt.mention, got, tt.want, all)
		}
	}
}
