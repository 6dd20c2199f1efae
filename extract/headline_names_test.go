package extract

import (
	"context"
	"slices"
	"testing"

	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/tagger"
)

// TestHeadlineCommonNouns: a title-case headline capitalises its common
// nouns too, so a name the tagger found there ends before the words the
// body writes in lower case ("Kora Military Base" names Kora), while a
// head that makes a name what it is stays ("Sahel Vanguard Group", a
// country's "Nigerian Military"). Our own stories (issue 11 item 2:
// headings are never entities of their own). It reads findNames, the
// mention finder, since the event places read a headline on their own.
func TestHeadlineCommonNouns(t *testing.T) {
	tg, err := tagger.Load()
	if err != nil {
		t.Fatal(err)
	}
	chain, err := nlp.NewChain(segment.New(), tg)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, text, want, not string }{
		{
			name: "common nouns after a place",
			text: "Militants Raid Army Post at Kora Military Base\n\nMilitants attacked a military base in Kora on Monday. The base was shelled for hours.",
			want: "Kora", not: "Kora Military Base",
		},
		{
			name: "a group's head stays",
			text: "Sahel Vanguard Group Fighters Seize Town of Kora\n\nThe Sahel Vanguard Group took the town of Kora on Monday. Its fighters often seize towns in the region.",
			want: "Sahel Vanguard Group", not: "Sahel Vanguard",
		},
	}
	for _, tc := range tests {
		d := nlp.NewDoc(tc.text)
		if err := chain.Annotate(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range findNames(d, lowerWords(d)) {
			if m.sent == 0 {
				got = append(got, m.text)
			}
		}
		if !slices.Contains(got, tc.want) || slices.Contains(got, tc.not) {
			t.Errorf("%s: headline names %q, want %q and not %q", tc.name, got, tc.want, tc.not)
		}
	}
}
