package eval

import (
	"fmt"
	"io"
	"strings"
)

// ParseWord is one word of a dependency-parsed sentence: its byte span in
// the sentence's text, its universal POS tag, its head (an index into the
// sentence's words, -1 for the root) and its relation.
type ParseWord struct {
	Start, End int
	UPOS       string
	Head       int
	Rel        string
}

// ParseMetric is one parse metric as the CoNLL 2018 shared task's script
// reports it: correct words over system words (precision) and over gold
// words (recall), their F1, all in percent. With gold tokenisation the
// three are equal and are the accuracy.
type ParseMetric struct {
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// ParseResult scores system parses of a set of sentences against gold.
type ParseResult struct {
	Sentences      int
	GoldWords      int
	SystemWords    int
	AlignedWords   int
	UPOS, UAS, LAS ParseMetric
}

// ScoreParse compares system with gold parses sentence by sentence. Words
// are aligned when their byte spans are equal (the CoNLL 2018 evaluation
// aligns words by character offsets); a word is UPOS-correct when aligned
// with the same tag, UAS-correct when its head is aligned with the gold
// head (or both are roots), LAS-correct when also its relation matches
// without subtypes ("obl:agent" counts as "obl"), as in CoNLL 2018.
// Punctuation is scored like any word. It returns an error when the two
// do not hold the same number of sentences.
func ScoreParse(gold, system [][]ParseWord) (ParseResult, error) {
	if len(gold) != len(system) {
		return ParseResult{}, fmt.Errorf("score parse: %d gold sentences, %d system sentences", len(gold), len(system))
	}
	var r ParseResult
	var upos, uas, las int
	for si, g := range gold {
		s := system[si]
		r.Sentences++
		r.GoldWords += len(g)
		r.SystemWords += len(s)
		// gold word index by span; system word → aligned gold word.
		bySpan := make(map[[2]int]int, len(g))
		for i, w := range g {
			k := [2]int{w.Start, w.End}
			if _, dup := bySpan[k]; !dup {
				bySpan[k] = i
			}
		}
		align := make([]int, len(s))
		used := make([]bool, len(g))
		for i, w := range s {
			align[i] = -1
			if gi, ok := bySpan[[2]int{w.Start, w.End}]; ok && !used[gi] {
				align[i], used[gi] = gi, true
				r.AlignedWords++
			}
		}
		for i, w := range s {
			gi := align[i]
			if gi < 0 {
				continue
			}
			gw := g[gi]
			if w.UPOS == gw.UPOS {
				upos++
			}
			headOK := w.Head == -1 && gw.Head == -1 ||
				w.Head >= 0 && w.Head < len(s) && gw.Head >= 0 && align[w.Head] == gw.Head
			if headOK {
				uas++
				if universalRel(w.Rel) == universalRel(gw.Rel) {
					las++
				}
			}
		}
	}
	r.UPOS = parseMetric(upos, r.SystemWords, r.GoldWords)
	r.UAS = parseMetric(uas, r.SystemWords, r.GoldWords)
	r.LAS = parseMetric(las, r.SystemWords, r.GoldWords)
	return r, nil
}

func universalRel(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}

func parseMetric(correct, system, gold int) ParseMetric {
	m := ParseMetric{Correct: correct}
	if system > 0 {
		m.Precision = 100 * float64(correct) / float64(system)
	}
	if gold > 0 {
		m.Recall = 100 * float64(correct) / float64(gold)
	}
	if m.Precision+m.Recall > 0 {
		m.F1 = 2 * m.Precision * m.Recall / (m.Precision + m.Recall)
	}
	return m
}

// WriteRow prints one line of the parse report: a label, the word
// counts and the F1 of UPOS, UAS and LAS.
func (r ParseResult) WriteRow(w io.Writer, label string) error {
	_, err := fmt.Fprintf(w, "%-28s %7d %7d %7d  %6.2f %6.2f %6.2f\n", label, r.GoldWords, r.SystemWords, r.AlignedWords, r.UPOS.F1, r.UAS.F1, r.LAS.F1)
	return err
}

// WriteParseHeader prints the header of the rows WriteRow prints.
func WriteParseHeader(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%-28s %7s %7s %7s  %6s %6s %6s\n", "tokenisation", "gold", "system", "aligned", "UPOS", "UAS", "LAS")
	return err
}
