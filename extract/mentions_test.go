package extract_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/tagger"
)

var (
	chainOnce sync.Once
	chain     *nlp.Chain
	chainErr  error
)

// mentionTexts returns the text of every mention of every entity that
// Extract finds in text, with the tagger run first as ingest runs it.
func mentionTexts(t *testing.T, text string) []string {
	t.Helper()
	chainOnce.Do(func() {
		tg, err := tagger.Load()
		if err != nil {
			chainErr = err
			return
		}
		chain, chainErr = nlp.NewChain(segment.New(), tg)
	})
	if chainErr != nil {
		t.Fatal(chainErr)
	}
	d := nlp.NewDoc(text)
	if err := chain.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	var out []string
	for _, e := range r.Entities {
		for _, m := range e.Mentions {
			out = append(out, m.Text)
		}
	}
	return out
}

// TestMentionBoundaries: a name's span holds the name, not the title, the
// honorific, the adjective or the sentence's first word before it (the
// boundaries `muster eval resolve` scores with predicted mentions).
func TestMentionBoundaries(t *testing.T) {
	tests := []struct {
		name, text string
		want, not  []string
	}{
		{"a title's country is a name of its own", "The talks were held with the President of Kenya Daniel Moi in Nairobi.", []string{"Kenya", "Daniel Moi"}, []string{"of Kenya Daniel Moi", "of Kenya"}},
		{"a country before a title", "The talks were held with Kenya Prime Minister Daniel Moi in Nairobi.", []string{"Kenya", "Daniel Moi"}, []string{"Kenya Prime Minister Daniel Moi"}},
		{"a people's republic is one name", "Shelling hit the self-proclaimed Kharkiv People’s Republic on Monday.", []string{"Kharkiv People’s Republic"}, []string{"Republic", "Kharkiv People"}},
		{"a title of several words and its country", "The Minister of Foreign Affairs of Kenya Daniel Moi arrived in Nairobi.", []string{"Kenya", "Daniel Moi"}, []string{"Affairs of Kenya Daniel Moi"}},
		{"an institution runs on through 'of the'", "The Department of the Interior said on Monday that the bridge was closed.", []string{"Department of the Interior"}, []string{"Department"}},
		{"a lower-case head is no part of the name", "Fighters of the Kraken regiment held the bridge on Monday.", []string{"Kraken"}, []string{"Kraken regiment"}},
		{"a title's country without a person", "He later met the Prime Minister of Kenya in Nairobi.", []string{"Kenya"}, []string{"of Kenya"}},
		{"an honorific without its point", "The bridge was held, Mr Petrov told reporters in Lviv on Monday.", []string{"Petrov"}, []string{"Mr Petrov"}},
		{"an honour", "Sir Edmund Walsh, a historian, said the bridge was held.", []string{"Edmund Walsh"}, []string{"Sir Edmund Walsh"}},
		{"a hyphenated adjective", "Drones struck Ukraine-controlled Kramatorsk overnight. The troops withdrew to Russian-held territory.", []string{"Kramatorsk"}, []string{"Ukraine-controlled Kramatorsk", "Russian-held"}},
		{"a sentence without a space", "Medics treated the wounded in Lviv.In Kharkiv, shelling went on for a day.", []string{"Kharkiv"}, []string{"In Kharkiv"}},
		{"a title inside a run parts a group from its officer", "Kivu Vanguard Secretary-General Omar Diallo said the town was quiet.", []string{"Kivu Vanguard", "Omar Diallo"}, []string{"Kivu Vanguard Secretary-General Omar Diallo"}},
		{"a plural possessive inside a name", "The outlawed Kivu Workers’ Front (KWF) claimed the bombing.", []string{"Kivu Workers’ Front"}, []string{"Front"}},
		{"'and the' inside a name its acronym spells", "The Vanguard is allied with the Islamic Front of Kivu and the Lakes (IFKL) group.", []string{"Islamic Front of Kivu and the Lakes"}, []string{"Lakes"}},
		{"'and' between two names stays a coordination", "The Kivu Front and the Lakes Brigade (LB) attacked the town.", []string{"Kivu Front", "Lakes Brigade"}, []string{"Kivu Front and the Lakes Brigade"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mentionTexts(t, tt.text)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("%q: no mention %q; mentions %q", tt.text, w, got)
				}
			}
			for _, n := range tt.not {
				if slices.Contains(got, n) {
					t.Errorf("%q: mention %q; mentions %q", tt.text, n, got)
				}
			}
		})
	}
}
