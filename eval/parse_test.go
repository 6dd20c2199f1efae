package eval_test

import (
	"testing"

	"github.com/muster-osint/muster/eval"
)

func TestScoreParse(t *testing.T) {
	// "don't go": gold do|n't|go, system don't|go.
	gold := [][]eval.ParseWord{{
		{Start: 0, End: 2, UPOS: "AUX", Head: 2, Rel: "aux"},
		{Start: 2, End: 5, UPOS: "PART", Head: 2, Rel: "advmod"},
		{Start: 6, End: 8, UPOS: "VERB", Head: -1, Rel: "root"},
	}}
	tests := []struct {
		name           string
		sys            []eval.ParseWord
		upos, uas, las int
		p, r           float64
	}{
		{"same tokens, all right", gold[0], 3, 3, 3, 100, 100},
		{"same tokens, subtype ignored, one head wrong", []eval.ParseWord{
			{Start: 0, End: 2, UPOS: "AUX", Head: 2, Rel: "aux:pass"},
			{Start: 2, End: 5, UPOS: "ADV", Head: 0, Rel: "advmod"},
			{Start: 6, End: 8, UPOS: "VERB", Head: -1, Rel: "root"},
		}, 2, 2, 2, 200.0 / 3, 200.0 / 3},
		{"merged token", []eval.ParseWord{
			{Start: 0, End: 5, UPOS: "AUX", Head: 1, Rel: "aux"},
			{Start: 6, End: 8, UPOS: "VERB", Head: -1, Rel: "root"},
		}, 1, 1, 1, 50, 100.0 / 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := eval.ScoreParse(gold, [][]eval.ParseWord{tc.sys})
			if err != nil {
				t.Fatal(err)
			}
			if r.UPOS.Correct != tc.upos || r.UAS.Correct != tc.uas || r.LAS.Correct != tc.las {
				t.Errorf("correct UPOS/UAS/LAS = %d/%d/%d, want %d/%d/%d", r.UPOS.Correct, r.UAS.Correct, r.LAS.Correct, tc.upos, tc.uas, tc.las)
			}
			if d := r.LAS.Precision - tc.p; d > 1e-9 || d < -1e-9 {
				t.Errorf("LAS precision %.4f, want %.4f", r.LAS.Precision, tc.p)
			}
			if d := r.LAS.Recall - tc.r; d > 1e-9 || d < -1e-9 {
				t.Errorf("LAS recall %.4f, want %.4f", r.LAS.Recall, tc.r)
			}
		})
	}
	if _, err := eval.ScoreParse(gold, nil); err == nil {
		t.Error("no error for mismatched sentence counts")
	}
}
