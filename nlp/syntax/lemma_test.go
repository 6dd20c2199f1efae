package syntax

import "testing"

// TestLemmaKnownWords: a suffix rule learned from a few word types gives
// way to a shorter one when its lemma is no known word, and not when it
// is.
func TestLemmaKnownWords(t *testing.T) {
	m, err := LoadModel()
	if err != nil {
		t.Fatal(err)
	}
	verb := tagIndex("VERB")
	for form, want := range map[string]string{
		// the longest rules would give "raide" ("decided") and "shel"
		// ("cancelled")
		"raided": "raid", "shelled": "shell", "stormed": "storm",
		// the longest rule is right
		"decided": "decide", "provided": "provide", "compelled": "compel",
		"bombed": "bomb", "captured": "capture", "shelling": "shell",
	} {
		if got := m.lem.lemma(form, verb); got != want {
			t.Errorf("lemma(%q, VERB) = %q, want %q", form, got, want)
		}
	}
}
