package extract_test

import (
	"slices"
	"testing"
)

// TestCreditDescribesNothing: an agency credit before a dash ("Lagos/XNA
// –") is no apposition's head, so the group the story opens with is the
// one "the group" refers back to, not the credit (issue 12: "dpa/GNA – The
// Islamic State terror group … The group said" gave the group to GNA).
// Sentences of our own.
func TestCreditDescribesNothing(t *testing.T) {
	tests := []struct{ text, group string }{
		{"Mogadishu/XNA – The Al-Shabaab militant group on Friday claimed an attack on a market in Baidoa. The group said on its channel that two of its fighters took part.", "Al-Shabaab"},
		{"Kabul/XNA – The Islamic State terror group on Friday claimed an attack on a mosque in Herat. The group said on its channel that two of its fighters took part.", "Islamic State"},
		{"Mogadishu/XNA – Al-Shabaab fighters on Friday stormed a market in Baidoa. The group said on its channel that two of its fighters took part.", "Al-Shabaab"},
	}
	for _, tt := range tests {
		got := entityMentions(t, tt.text)
		if !slices.ContainsFunc(got, func(m mentionOf) bool { return m.text == "The group" && m.name == tt.group }) {
			t.Errorf("%q: want \"The group\" → %s; mentions %q", tt.text, tt.group, got)
		}
	}
}
