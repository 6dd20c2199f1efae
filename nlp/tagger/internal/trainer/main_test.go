package main

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"possessive split as CoNLL does", "Russia's army", []string{"Russia", "'s", "army"}},
		{"curly possessive", "Ukraine’s military", []string{"Ukraine", "'s", "military"}},
		{"abbreviation keeps its period", "the U.S. and Mr. Smith.", []string{"the", "U.S.", "and", "Mr.", "Smith", "."}},
		{"hyphenated word and number", "far-right 4,000 troops", []string{"far-right", "4,000", "troops"}},
		{"quotes and brackets", `"We (RDK)"`, []string{`"`, "We", "(", "RDK", ")", `"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, tokenize(tc.in)); diff != "" {
				t.Errorf("tokenize(%q) (-want +got):\n%s", tc.in, diff)
			}
		})
	}
}

func TestSplitSentences(t *testing.T) {
	got := splitSentences(tokenize("Kyiv was shelled. Officials said so. 3 p.m. talks"))
	want := [][]string{{"Kyiv", "was", "shelled", "."}, {"Officials", "said", "so", ".", "3", "p.m.", "talks"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("splitSentences (-want +got):\n%s", diff)
	}
}

func FuzzTokenize(f *testing.F) {
	f.Add("Russia’s “armed forces” fought in U.S.-backed 4,000-strong units.")
	f.Add("\xff'a'")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<12 || !utf8.ValidString(s) {
			return
		}
		for _, tok := range tokenize(s) {
			if tok == "" || strings.ContainsAny(tok, " \t\n") {
				t.Fatalf("bad token %q from %q", tok, s)
			}
		}
	})
}
