package eval

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestChunks(t *testing.T) {
	tests := []struct {
		name   string
		labels []string
		want   []Chunk
	}{
		{"empty", nil, nil},
		{"IOB2 two entities", []string{"B-PER", "I-PER", "O", "B-LOC"}, []Chunk{{"PER", 0, 2}, {"LOC", 3, 4}}},
		{"adjacent B starts a new entity", []string{"B-LOC", "B-LOC"}, []Chunk{{"LOC", 0, 1}, {"LOC", 1, 2}}},
		{"IOB1 I after O starts an entity", []string{"O", "I-ORG", "I-ORG"}, []Chunk{{"ORG", 1, 3}}},
		{"type change ends an entity", []string{"B-ORG", "I-LOC"}, []Chunk{{"ORG", 0, 1}, {"LOC", 1, 2}}},
		{"IOBES", []string{"S-PER", "B-ORG", "E-ORG", "O"}, []Chunk{{"PER", 0, 1}, {"ORG", 1, 3}}},
		{"entity at end", []string{"O", "B-MISC", "I-MISC"}, []Chunk{{"MISC", 1, 3}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, Chunks(tc.labels)); diff != "" {
				t.Errorf("Chunks(%v) (-want +got):\n%s", tc.labels, diff)
			}
		})
	}
}

func TestScoreNER(t *testing.T) {
	gold := [][]string{
		{"B-PER", "I-PER", "O", "B-LOC"},
		{"B-ORG", "O", "B-MISC"},
	}
	pred := [][]string{
		{"B-PER", "I-PER", "O", "B-ORG"}, // PER right, LOC typed wrong
		{"B-ORG", "O", "O"},              // ORG right, MISC missed
	}
	r, err := ScoreNER(gold, pred)
	if err != nil {
		t.Fatal(err)
	}
	// 4 gold, 3 found, 2 correct.
	o := r.Overall
	if o.N != 4 || o.Found != 3 || o.Correct != 2 || math.Abs(o.Precision-200.0/3) > 1e-9 || o.Recall != 50 || math.Abs(o.F1-400.0/7) > 1e-9 {
		t.Errorf("overall = %+v, want n 4, found 3, correct 2, P 66.67, R 50, F1 57.14", o)
	}
	org := r.Types["ORG"]
	if org.N != 1 || org.Found != 2 || org.Correct != 1 || math.Abs(org.F1-66.6667) > 0.001 {
		t.Errorf("ORG = %+v, want n 1, found 2, correct 1, F1 66.67", org)
	}
	if r.Tokens != 7 || math.Abs(r.Accuracy-100*5.0/7) > 1e-9 {
		t.Errorf("tokens %d accuracy %.2f, want 7 and 71.43", r.Tokens, r.Accuracy)
	}
	if _, err := ScoreNER(gold, pred[:1]); err == nil {
		t.Error("ScoreNER with a missing sentence: no error")
	}
	if _, err := ScoreNER([][]string{{"O"}}, [][]string{{"O", "O"}}); err == nil {
		t.Error("ScoreNER with a longer sentence: no error")
	}
}

func TestReadCoNLL(t *testing.T) {
	in := "-DOCSTART- -X- -X- O\n\nEU NNP I-NP B-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP B-PER\n\n-DOCSTART- -X- -X- O\n\nBonn NNP I-NP B-LOC\n"
	docs, err := ReadCoNLL(strings.NewReader(in), "sample")
	if err != nil {
		t.Fatal(err)
	}
	want := []Document{
		{Sentences: []Sentence{
			{Tokens: []string{"EU", "rejects"}, Labels: []string{"B-ORG", "O"}},
			{Tokens: []string{"Peter"}, Labels: []string{"B-PER"}},
		}},
		{Sentences: []Sentence{{Tokens: []string{"Bonn"}, Labels: []string{"B-LOC"}}}},
	}
	if diff := cmp.Diff(want, docs); diff != "" {
		t.Errorf("ReadCoNLL (-want +got):\n%s", diff)
	}
	if _, err := ReadCoNLL(strings.NewReader("EU NNP XX\n"), "bad"); err == nil || !strings.Contains(err.Error(), "bad line 1") {
		t.Errorf("bad label: err = %v, want one naming bad line 1", err)
	}
}

// TestScoreNERGoldAgainstItself reads the real dev split, when present, and
// checks that gold scored against itself is perfect and that the entity
// counts are the published ones.
func TestScoreNERGoldAgainstItself(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "conll2003", "dev.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Skip("eval: ../shared/data/conll2003/dev.txt not found")
	}
	defer f.Close()
	docs, err := ReadCoNLL(f, path)
	if err != nil {
		t.Fatal(err)
	}
	var gold [][]string
	for _, d := range docs {
		for _, s := range d.Sentences {
			gold = append(gold, s.Labels)
		}
	}
	r, err := ScoreNER(gold, gold)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 216 || len(gold) != 3250 || r.Tokens != 51362 || r.Overall.N != 5942 || r.Overall.F1 != 100 {
		t.Errorf("dev: %d docs, %d sentences, %d tokens, %d entities, F1 %.2f; want 216, 3250, 51362, 5942, 100",
			len(docs), len(gold), r.Tokens, r.Overall.N, r.Overall.F1)
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("-DOCSTART- -X- -X- O\n\nEU NNP I-NP B-ORG\n\n")
	f.Add("a O\nb I-PER\n\nc B-\n")
	f.Fuzz(func(t *testing.T, in string) {
		if len(in) > 1<<16 {
			return
		}
		docs, err := ReadCoNLL(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				if len(s.Tokens) != len(s.Labels) || len(s.Tokens) == 0 {
					t.Fatalf("sentence with %d tokens, %d labels", len(s.Tokens), len(s.Labels))
				}
				for _, c := range Chunks(s.Labels) {
					if c.Start < 0 || c.End > len(s.Labels) || c.Start >= c.End {
						t.Fatalf("chunk %+v out of range", c)
					}
				}
			}
		}
	})
}
