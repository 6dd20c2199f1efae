package segment_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
)

func tokenTexts(text string) []string {
	var out []string
	for _, t := range segment.Tokens(text) {
		out = append(out, t.Text)
	}
	return out
}

func TestTokens(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"possessive curly", "Ukraine’s army", []string{"Ukraine", "’s", "army"}},
		{"possessive straight", "the group's members", []string{"the", "group", "'s", "members"}},
		{"number with comma", "up to 4,000 troops", []string{"up", "to", "4,000", "troops"}},
		{"decimal", "1.5 million", []string{"1.5", "million"}},
		{"hyphenated", "far-right anti-Putin", []string{"far-right", "anti-Putin"}},
		{"initialism", "from the U.S., Canada", []string{"from", "the", "U.S.", ",", "Canada"}},
		{"small-letter abbreviation", "at 3 p.m. on Monday, e.g. drones", []string{"at", "3", "p.m.", "on", "Monday", ",", "e.g.", "drones"}},
		{"title", "Gen. Valery Gerasimov", []string{"Gen.", "Valery", "Gerasimov"}},
		{"curly quotes", "“We are here,” he said.", []string{"“", "We", "are", "here", ",", "”", "he", "said", "."}},
		{"ellipsis", "wait... now", []string{"wait", "...", "now"}},
		{"cyrillic", "Русский добровольческий корпус (РДК)", []string{"Русский", "добровольческий", "корпус", "(", "РДК", ")"}},
		{"sentence-final period", "in Belgorod.", []string{"in", "Belgorod", "."}},
		{"acronym in brackets", "Corps (RDK) is", []string{"Corps", "(", "RDK", ")", "is"}},
		{"o'clock apostrophe inside", "O'Brien said", []string{"O'Brien", "said"}},
		{"dash", "war -- again", []string{"war", "--", "again"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, tokenTexts(tt.in)); diff != "" {
				t.Errorf("Tokens(%q) mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func sentences(text string) []string {
	d := nlp.NewDoc(text)
	segment.Segment(d)
	var out []string
	for _, s := range d.Sentences {
		out = append(out, d.Slice(s))
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"two plain", "The raid began on Monday. It ended on Tuesday.",
			[]string{"The raid began on Monday.", "It ended on Tuesday."}},
		{"quote closes sentence", "“We will return,” Caesar said. The group agreed.",
			[]string{"“We will return,” Caesar said.", "The group agreed."}},
		{"period inside quote", "He said: “It is over.” Then he left.",
			[]string{"He said: “It is over.”", "Then he left."}},
		{"title does not end", "Gen. Ivanov spoke. Col. Petrov left.",
			[]string{"Gen. Ivanov spoke.", "Col. Petrov left."}},
		{"initial does not end", "John F. Kennedy was shot.",
			[]string{"John F. Kennedy was shot."}},
		{"initialism mid sentence", "Fighters from the U.S. Army and Canada joined.",
			[]string{"Fighters from the U.S. Army and Canada joined."}},
		{"small-letter abbreviation mid sentence", "The raid began at 3 a.m. on Monday and ended at noon.",
			[]string{"The raid began at 3 a.m. on Monday and ended at noon."}},
		{"initialism ends sentence", "They came from the U.S. The rest stayed.",
			[]string{"They came from the U.S.", "The rest stayed."}},
		{"headline line", "Defense\n\nWho are they?\n\nThe groups marched.",
			[]string{"Defense", "Who are they?", "The groups marched."}},
		{"section heading single newline", "Free Russia Legion\nThe legion was formed in 2022.",
			[]string{"Free Russia Legion", "The legion was formed in 2022."}},
		{"hard-wrapped lines join", "THE GUERRILLAS ATTACKED THE POWER STATION EARLY THIS MORNING IN SAN\nSALVADOR, THE CAPITAL, AND THE ARMY SAID THAT TWO GUARDS WERE HURT IN\nTHE ATTACK ON THE STATION, WHICH WAS LEFT WITHOUT POWER FOR HOURS.\nTHE REBELS FLED NORTH TOWARD THE VOLCANO AFTER THE SHORT GUN BATTLE.",
			[]string{"THE GUERRILLAS ATTACKED THE POWER STATION EARLY THIS MORNING IN SAN\nSALVADOR, THE CAPITAL, AND THE ARMY SAID THAT TWO GUARDS WERE HURT IN\nTHE ATTACK ON THE STATION, WHICH WAS LEFT WITHOUT POWER FOR HOURS.", "THE REBELS FLED NORTH TOWARD THE VOLCANO AFTER THE SHORT GUN BATTLE."}},
		{"short line in wrapped text ends", "CITY NEWS DESK\nTHE GUERRILLAS ATTACKED THE POWER STATION EARLY THIS MORNING IN SAN\nSALVADOR, THE CAPITAL, AND THE ARMY SAID THAT TWO GUARDS WERE HURT IN\nTHE ATTACK ON THE STATION, WHICH WAS LEFT WITHOUT POWER FOR HOURS.\nTHE REBELS FLED NORTH TOWARD THE VOLCANO AFTER THE SHORT GUN BATTLE.",
			[]string{"CITY NEWS DESK", "THE GUERRILLAS ATTACKED THE POWER STATION EARLY THIS MORNING IN SAN\nSALVADOR, THE CAPITAL, AND THE ARMY SAID THAT TWO GUARDS WERE HURT IN\nTHE ATTACK ON THE STATION, WHICH WAS LEFT WITHOUT POWER FOR HOURS.", "THE REBELS FLED NORTH TOWARD THE VOLCANO AFTER THE SHORT GUN BATTLE."}},
		{"paragraph per line is not wrapped", "Free Russia Legion\nThe legion was formed in 2022.\nIt fights for Ukraine\nIts men are Russian citizens who crossed the border in the spring of that year and stayed.",
			[]string{"Free Russia Legion", "The legion was formed in 2022.", "It fights for Ukraine", "Its men are Russian citizens who crossed the border in the spring of that year and stayed."}},
		{"lowercase after period stays", "It cost approx. five dollars.",
			[]string{"It cost approx. five dollars."}},
		{"question and exclamation", "Who? Them! Yes.", []string{"Who?", "Them!", "Yes."}},
		{"decimal not a break", "It grew 2.5 times.", []string{"It grew 2.5 times."}},
		{"straight quote opens sentence", `He spoke. "We will return," he said. "Soon."`,
			[]string{"He spoke.", `"We will return," he said.`, `"Soon."`}},
		{"straight quote closes sentence", `He said "It is over." Then he left.`,
			[]string{`He said "It is over."`, "Then he left."}},
		{"doubled apostrophes open sentence", "said Cole, an economist. ''I wouldn't call it reform.'' Next.",
			[]string{"said Cole, an economist.", "''I wouldn't call it reform.''", "Next."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, sentences(tt.in)); diff != "" {
				t.Errorf("sentences of %q mismatch (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestChainOrder(t *testing.T) {
	if _, err := nlp.NewChain(segment.New()); err != nil {
		t.Fatalf("segment alone: %v", err)
	}
}

func FuzzSegment(f *testing.F) {
	for _, s := range []string{"", "U.S.", "“Hi.” he said. Ok", "a\n\nb", "4,000.5", "’s", "Gen.", "...", "-- -"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 1<<14 || !utf8.ValidString(text) {
			return
		}
		d := nlp.NewDoc(text)
		segment.Segment(d)
		prev := 0
		for _, tok := range d.Tokens {
			if tok.Start < prev || tok.End <= tok.Start || tok.End > len(text) {
				t.Fatalf("bad token span %v after %d in %q", tok.Span, prev, text)
			}
			if text[tok.Start:tok.End] != tok.Text {
				t.Fatalf("token text %q != slice %q", tok.Text, text[tok.Start:tok.End])
			}
			if strings.TrimSpace(tok.Text) != tok.Text {
				t.Fatalf("token with space %q", tok.Text)
			}
			prev = tok.End
		}
		n := 0
		for i, r := range d.SentenceTokens {
			if r[0] != n || r[1] <= r[0] {
				t.Fatalf("sentence %d token range %v, want start %d", i, r, n)
			}
			n = r[1]
		}
		if n != len(d.Tokens) {
			t.Fatalf("sentences cover %d of %d tokens", n, len(d.Tokens))
		}
	})
}

// benchText is a paragraph of news prose written for this benchmark.
const benchText = `Russian officials said on Tuesday that more than 70 fighters were killed near Graivoron. The Legion "Freedom of Russia" said two of its men died. Gen. Ivanov, speaking to the U.S. press, called the raid a provocation; the governor, Vyacheslav Gladkov, said 4,000 residents had left. “We will come back,” a spokesman said.
`

func BenchmarkSegment(b *testing.B) {
	text := strings.Repeat(benchText, 50)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	d := nlp.NewDoc(text)
	for b.Loop() {
		segment.Segment(d)
	}
	b.ReportMetric(float64(len(d.Tokens)*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
