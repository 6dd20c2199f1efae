package extract_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/pattern"
	"github.com/muster-osint/muster/nlp/syntax"
)

// goldTreebank is the in-domain treebank (nlp/syntax/treebank) by sentence
// text: the train part, the held-out part and the pattern examples' part,
// all corrected by hand.
func goldTreebank(t *testing.T) map[string]syntax.Sentence {
	t.Helper()
	out := map[string]syntax.Sentence{}
	for _, name := range []string{"train.conllu", "heldout.conllu", "examples.conllu"} {
		path := filepath.Join("..", "nlp", "syntax", "treebank", name)
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		ss, err := syntax.ReadCoNLLU(f, path)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range ss {
			out[s.Text] = s
		}
	}
	return out
}

// withGoldTrees parses text with the shipped pipeline (for its tokens,
// sentences and mentions) and then replaces every sentence's tags, lemmas
// and tree by the treebank's gold ones. It reports false when a sentence
// of text has no gold tree, or one whose words are not the pipeline's
// tokens.
func withGoldTrees(t *testing.T, gold map[string]syntax.Sentence, text string) (*nlp.Doc, bool) {
	d := parse(t, text)
	for si, sp := range d.Sentences {
		g, ok := gold[d.Text[sp.Start:sp.End]]
		if !ok {
			return d, false
		}
		lo, hi := d.SentenceTokens[si][0], d.SentenceTokens[si][1]
		if hi-lo != len(g.Words) {
			return d, false
		}
		for i, w := range g.Words {
			tk := &d.Tokens[lo+i]
			if tk.Text != w.Form {
				return d, false
			}
			tk.Tag, tk.Lemma, tk.Rel = w.UPOS, w.Lemma, w.Rel
			tk.Head = -1
			if w.Head >= 0 {
				tk.Head = lo + w.Head
			}
		}
	}
	return d, true
}

// TestPatternExamplesOnGold runs every pattern's example sentences on the
// gold trees of the in-domain treebank where it holds them, so that each
// pattern is checked against the syntax it is written for (UD v2 as EWT
// applies it) and not only against the embedded parser's reading, which
// changes with every retraining (issue 9). A "yes" sentence must match and
// bind its slots as in TestPatternExamples, a "no" sentence must not.
// Every "yes" sentence must have a gold tree (a new positive example
// gets one in nlp/syntax/treebank/examples.conllu, see its README); the
// "no" sentences without one are counted.
func TestPatternExamplesOnGold(t *testing.T) {
	gold := goldTreebank(t)
	sets := map[string]*pattern.Set{"profile": extract.ProfilePatterns(), "types": extract.TypePatterns(), "events": extract.EventPatterns()}
	files := make([]string, 0, len(sets))
	for f := range sets {
		files = append(files, f)
	}
	sort.Strings(files)
	var checked, missing, missingNo int
	for _, file := range files {
		set := sets[file]
		for _, p := range set.Patterns {
			for _, ex := range p.Yes {
				d, ok := withGoldTrees(t, gold, ex.Text)
				if !ok {
					missing++
					t.Errorf("no gold tree: %s %s yes %q (add it to nlp/syntax/treebank/examples.conllu)", file, p.Name, ex.Text)
					continue
				}
				checked++
				checkExample(t, set, file, p, ex, true, d, "gold tree")
			}
			for _, ex := range p.No {
				d, ok := withGoldTrees(t, gold, ex.Text)
				if !ok {
					missingNo++
					continue
				}
				checked++
				checkExample(t, set, file, p, ex, false, d, "gold tree")
			}
		}
	}
	t.Logf("%d examples checked on gold trees; without one: %d positive, %d negative", checked, missing, missingNo)
	if checked == 0 {
		t.Error("no pattern example has a gold tree: is nlp/syntax/treebank where it was?")
	}
}
