package extract

import "testing"

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
