package extract

import (
	"testing"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
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
