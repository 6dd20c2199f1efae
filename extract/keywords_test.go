package extract

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestKeywordSet(t *testing.T) {
	keys := [][]string{
		{"formed", "founded", "set up"},
		{"’s", "'s"},
		{},
		{"oppos", "against"},
		{"led by", "led"},
		{"he", "she", "hers"},
	}
	ks := newKeywordSet(keys)
	tests := []struct {
		s    string
		want uint64
	}{
		{"", 1 << 2},
		{"the brigade was formed in 2021", 1<<0 | 1<<2 | 1<<5},
		{"petrov’s unit", 1<<1 | 1<<2},
		{"opposes the war", 1<<2 | 1<<3 | 1<<5},
		{"she was led by ushers", 1<<2 | 1<<4 | 1<<5},
		{"no keyword", 1 << 2},
		{"set u", 1 << 2},
	}
	for _, tt := range tests {
		if got := ks.match(tt.s); got != tt.want {
			t.Errorf("match(%q) = %b, want %b", tt.s, got, tt.want)
		}
	}
}

// TestKeywordSetAgreesWithContains checks the automaton against the
// obvious implementation on the sentence patterns' own keywords.
func TestKeywordSetAgreesWithContains(t *testing.T) {
	var vocab []string
	for _, p := range sentencePatterns {
		vocab = append(vocab, p.keys...)
	}
	vocab = append(vocab, "the", "group", "x", " ", "’", "s", "of", "led", "form", "ed")
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 2000; n++ {
		var b strings.Builder
		for k := r.IntN(8); k >= 0; k-- {
			b.WriteString(vocab[r.IntN(len(vocab))])
			if r.IntN(2) == 0 {
				b.WriteByte(' ')
			}
		}
		s := b.String()
		got := sentencePatternKeys.match(s)
		for i, p := range sentencePatterns {
			if want := containsAny(s, p.keys); want != (got&(1<<i) != 0) {
				t.Fatalf("pattern %s on %q: automaton %v, containsAny %v", p.name, s, !want, want)
			}
		}
	}
}

func FuzzKeywordSet(f *testing.F) {
	f.Add("the brigade was formed in 2021, petrov’s unit")
	f.Add("\xff\xfe’")
	f.Fuzz(func(t *testing.T, s string) {
		got := sentencePatternKeys.match(s)
		for i, p := range sentencePatterns {
			if want := containsAny(s, p.keys); want != (got&(1<<i) != 0) {
				t.Fatalf("pattern %s on %q: containsAny %v", p.name, s, want)
			}
		}
	})
}
