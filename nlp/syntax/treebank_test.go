package syntax_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/syntax"
)

func readTreebank(t *testing.T, path string) []syntax.Sentence {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ss, err := syntax.ReadCoNLLU(f, path)
	if err != nil {
		t.Fatal(err)
	}
	return ss
}

// uposTags is UD v2's universal POS tag set.
var uposTags = map[string]bool{"ADJ": true, "ADP": true, "ADV": true, "AUX": true, "CCONJ": true, "DET": true, "INTJ": true, "NOUN": true, "NUM": true, "PART": true, "PRON": true, "PROPN": true, "PUNCT": true, "SCONJ": true, "SYM": true, "VERB": true, "X": true}

// TestTreebank checks the in-domain treebank (treebank/README.md): every
// sentence is one tree with UD tags, its words are exactly segment's
// tokens of its text (what the pipeline parses, so the trainer takes them
// as they are), the labels are EWT's when EWT is beside the repository,
// and no sentence is in two parts (train, held-out, and the pattern
// examples' part, which the trainer never reads).
func TestTreebank(t *testing.T) {
	var ewtRels map[string]bool
	if f, err := os.Open(filepath.Join("..", "..", "..", "shared", "data", "ud_english_ewt", "en_ewt-ud-train.conllu")); err == nil {
		ss, err := syntax.ReadCoNLLU(f, "EWT train")
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		ewtRels = map[string]bool{}
		for _, s := range ss {
			for _, w := range s.Words {
				ewtRels[w.Rel] = true
			}
		}
	}
	seen := map[string]string{}
	for _, part := range []struct {
		name string
		min  int
	}{{"train", 100}, {"heldout", 100}, {"examples", 50}} {
		path := filepath.Join("treebank", part.name+".conllu")
		ss := readTreebank(t, path)
		if len(ss) < part.min {
			t.Errorf("%s: %d sentences", path, len(ss))
		}
		for _, s := range ss {
			if p, ok := seen[s.Text]; ok {
				t.Errorf("%s %s: %q is also in %s", part.name, s.ID, s.Text, p)
			}
			seen[s.Text] = part.name + " " + s.ID
			toks := segment.Tokens(s.Text)
			if len(toks) != len(s.Words) {
				t.Errorf("%s %s: %d words, segment gives %d tokens", part.name, s.ID, len(s.Words), len(toks))
				continue
			}
			roots := 0
			for i, w := range s.Words {
				if toks[i].Start != w.Start || toks[i].End != w.End {
					t.Errorf("%s %s: word %d %q is not segment's token %q", part.name, s.ID, i+1, w.Form, toks[i].Text)
				}
				if !uposTags[w.UPOS] {
					t.Errorf("%s %s: word %d %q has tag %q", part.name, s.ID, i+1, w.Form, w.UPOS)
				}
				if ewtRels != nil && !ewtRels[w.Rel] {
					t.Errorf("%s %s: word %d %q has label %q, not one of EWT's", part.name, s.ID, i+1, w.Form, w.Rel)
				}
				if (w.Head < 0) != (w.Rel == "root") {
					t.Errorf("%s %s: word %d %q: head %d with label %q", part.name, s.ID, i+1, w.Form, w.Head+1, w.Rel)
				}
				if w.Head < 0 {
					roots++
				}
				// Climbing from the word must reach the root within n steps.
				h, n := i, 0
				for h >= 0 && n <= len(s.Words) {
					h, n = s.Words[h].Head, n+1
				}
				if h >= 0 {
					t.Errorf("%s %s: word %d %q is on a cycle", part.name, s.ID, i+1, w.Form)
				}
			}
			if roots != 1 {
				t.Errorf("%s %s: %d roots", part.name, s.ID, roots)
			}
		}
	}
}
