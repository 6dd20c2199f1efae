package extract

import (
	"strings"
	"testing"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
)

// TestEmbeddedAttributionModel checks that the shipped model loads, so that
// Attributions never falls back to rules alone in a release.
func TestEmbeddedAttributionModel(t *testing.T) {
	m, err := defaultAttributionModel()
	if err != nil {
		t.Fatalf("embedded attribution model: %v", err)
	}
	if m.cue == nil || m.role == nil || m.bits != DefaultTrainBits {
		t.Errorf("embedded model: cue %v role %v bits %d, want both taggers and %d bits", m.cue != nil, m.role != nil, m.bits, DefaultTrainBits)
	}
}

func TestRegularForms(t *testing.T) {
	for v, want := range map[string][3]string{
		"claim":  {"claims", "claimed", "claiming"},
		"deny":   {"denies", "denied", "denying"},
		"note":   {"notes", "noted", "noting"},
		"stress": {"stresses", "stressed", "stressing"},
	} {
		got := regularForms(v)
		if [3]string(got) != want {
			t.Errorf("regularForms(%q) = %v, want %v", v, got, want)
		}
	}
	lex := newCueLexicon()
	for w, kind := range map[string]string{"said": KindSaid, "insisted": KindClaim, "denied": KindDeny, "according": KindAccordingTo, "estimated": KindEstimate, "believes": KindBelief, "reportedly": KindReport} {
		if lex[w] != kind {
			t.Errorf("lexicon[%q] = %q, want %q", w, lex[w], kind)
		}
	}
}

func TestWholeMentions(t *testing.T) {
	text := "Free Russia Legion fighters said so."
	d := nlp.NewDoc(text)
	d.Mentions = []nlp.Mention{{Span: muster.Span{Start: 0, End: 18}, Text: "Free Russia Legion"}}
	src := muster.Span{Start: 12, End: 26} // "Legion fighters"
	cue := muster.Span{Start: 27, End: 31}
	if got := wholeMentions(d, src, cue); got != (muster.Span{Start: 0, End: 26}) {
		t.Errorf("wholeMentions = %q, want %q", d.Slice(got), "Free Russia Legion fighters")
	}
	d.Mentions[0].Span = muster.Span{Start: 19, End: 31} // reaches into the cue
	if got := wholeMentions(d, src, cue); got != src {
		t.Errorf("wholeMentions over the cue = %q, want the source unchanged", d.Slice(got))
	}
}

// TestSetRoleCtxBetween checks the one-pass sums of what lies between each
// token and the cue against a rescan of those words for every token, for
// every cue position of a sentence, reusing one roleCtx as Attributions
// does.
func TestSetRoleCtxBetween(t *testing.T) {
	words := strings.Fields(`the minister , who “ spoke ” , said ; that the army , and police , -- and — troops – that “ had left , but ” he added that`)
	info := make([]tokInfo, len(words))
	isCue := make([]bool, len(words))
	for i, w := range words {
		info[i].lower = w
		if w == "“" || w == "”" {
			info[i].shape = 'q'
		}
		isCue[i] = w == "said" || w == "added"
	}
	rescan := func(a, b, qs, qe, i int) between {
		var w between
		lo, hi := i+1, qs
		if i >= qe {
			lo, hi = qe, i
		} else if i >= qs {
			return w
		}
		for j := lo; j < hi; j++ {
			switch info[j].lower {
			case ",", ";", "--", "—", "–":
				if w.commas < 3 {
					w.commas++
				}
				if info[j].lower == ";" || info[j].lower == "," && j+1 < b && clauseWords[info[j+1].lower] {
					w.brk = 1
				}
			case "that":
				w.that = 1
			}
			if info[j].shape == 'q' {
				w.quoteMark = 1
			}
			if isCue[j] {
				w.otherCue = 1
			}
		}
		return w
	}
	var c roleCtx
	for _, ab := range [][2]int{{0, len(words)}, {3, len(words) - 2}} {
		a, b := ab[0], ab[1]
		for qs := a; qs < b; qs++ {
			for qe := qs + 1; qe <= b && qe <= qs+2; qe++ {
				setRoleCtx(&c, info, isCue, a, b, qs, qe)
				for i := a; i < b; i++ {
					if got, want := c.btw[i-a], rescan(a, b, qs, qe, i); got != want {
						t.Errorf("sentence [%d,%d) cue [%d,%d) token %d %q: %+v, want %+v", a, b, qs, qe, i, words[i], got, want)
					}
				}
			}
		}
	}
}

// TestDropLeadingTime: a source the model began at a time phrase starts
// after the phrase's comma; other sources stay as they are.
func TestDropLeadingTime(t *testing.T) {
	tests := []struct{ text, source, want string }{
		{"Last week, NDF, founded by Dinka herders, said it had ambushed a convoy.", "week, NDF, founded by Dinka herders,", "NDF, founded by Dinka herders,"},
		{"On Monday, the governor said two drones were shot down.", "Monday, the governor", "Monday, the governor"},
		{"The governor said two drones were shot down.", "The governor", "The governor"},
	}
	m, err := defaultAttributionModel()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		d := nlp.NewDoc(tt.text)
		segment.Segment(d)
		info := m.infos(d)
		s := strings.Index(tt.text, tt.source)
		r := [2]int{tokenAt(d, s), tokenAt(d, s+len(tt.source)-1) + 1}
		r = dropLeadingTime(info, r)
		if got := d.Slice(tokenSpan(d, r)); got != tt.want {
			t.Errorf("dropLeadingTime(%q) = %q, want %q", tt.source, got, tt.want)
		}
	}
}

// TestSubjectSourcePunctuation checks that the subject subtree the parse
// gives a cue loses the punctuation a parser may attach at either end
// (a comma after a sentence-initial time phrase, hung on the subject,
// gave PolNeAR sources such as ", Gov. X").
func TestSubjectSourcePunctuation(t *testing.T) {
	d := nlp.NewDoc("On Tuesday , Gov. Brown , endorsed")
	for _, tk := range []struct {
		text, tag, rel string
		head           int
	}{
		{"On", "ADP", "case", 1}, {"Tuesday", "PROPN", "obl", 6}, {",", "PUNCT", "punct", 4},
		{"Gov.", "PROPN", "compound", 4}, {"Brown", "PROPN", "nsubj", 6}, {",", "PUNCT", "punct", 4},
		{"endorsed", "VERB", "root", -1},
	} {
		start := len(d.Tokens) // offsets do not matter here
		d.Tokens = append(d.Tokens, nlp.Token{Span: muster.Span{Start: start, End: start + 1}, Text: tk.text, Tag: tk.tag, Rel: tk.rel, Head: tk.head})
	}
	m := &AttributionModel{lex: newCueLexicon()}
	info := m.infos(d)
	r, ok := subjectSource(info, 6, 7)
	if !ok || r != [2]int{3, 5} {
		t.Errorf("subjectSource = %v, %v; want [3 5] (Gov. Brown), true", r, ok)
	}
}

// TestClauseAsSource checks the split of a source the model ran over the
// reported clause before a postposed cue, which left the cue no content.
func TestClauseAsSource(t *testing.T) {
	for _, tc := range []struct{ text, source, wantSource, wantContent string }{
		{"The talks with the rebels have failed again, the envoy said.", "The talks with the rebels have failed again, the envoy", "the envoy", "The talks with the rebels have failed again"},
		{"The talks with the rebels have failed again, said Ann Lee, the envoy.", "The talks with the rebels have failed again,", "Ann Lee, the envoy", "The talks with the rebels have failed again"},
		{"Officials close to the talks said nothing.", "Officials close to the talks", "Officials close to the talks", ""},
	} {
		d := nlp.NewDoc(tc.text)
		segment.Segment(d)
		m := &AttributionModel{lex: newCueLexicon()}
		info := m.infos(d)
		c := strings.Index(tc.text, "said")
		qs := tokenAt(d, c)
		s := strings.Index(tc.text, tc.source)
		at := Attribution{Cue: muster.Span{Start: c, End: c + len("said")}, Source: muster.Span{Start: s, End: s + len(tc.source)}}
		clauseAsSource(d, info, &at, 0, len(d.Tokens), qs, qs+1)
		if got := d.Slice(at.Source); got != tc.wantSource {
			t.Errorf("%q: source %q, want %q", tc.text, got, tc.wantSource)
		}
		if got := d.Slice(at.Content); got != tc.wantContent {
			t.Errorf("%q: content %q, want %q", tc.text, got, tc.wantContent)
		}
	}
}
