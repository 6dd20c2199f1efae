package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/syntax"
)

// defaultEWTTest is the EWT test split relative to the module root.
const defaultEWTTest = "../shared/data/ud_english_ewt/en_ewt-ud-test.conllu"

// parseMetric is one metric of muster eval parse --json.
type parseMetricJSON struct {
	Accuracy  float64  `json:"accuracy"`
	Precision *float64 `json:"precision,omitempty"`
	Recall    *float64 `json:"recall,omitempty"`
	F1        *float64 `json:"f1,omitempty"`
	N         int      `json:"n"`
}

// parseReport is the --json output of muster eval parse (DESIGN §7).
type parseReport struct {
	Task       string                     `json:"task"`
	Dataset    string                     `json:"dataset"`
	Split      string                     `json:"split"`
	N          int                        `json:"n"`
	Words      int                        `json:"words"`
	DocsPerS   float64                    `json:"docs_per_s"`
	TokensPerS float64                    `json:"tokens_per_s"`
	Metrics    map[string]parseMetricJSON `json:"metrics"`
}

// runEvalParse scores the syntax annotator on a CoNLL-U file three ways:
// on the gold words, on segment's own tokens of each sentence's text
// (aligned by byte offsets as the CoNLL 2018 script aligns them), and on
// the gold words upper-cased.
//
//	muster eval parse [--json] [--limit N] [FILE.conllu]
func (m *Main) runEvalParse(ctx context.Context, args []string) error {
	fs := m.newFlagSet("eval parse", "[--json] [--limit N] [--model FILE] [FILE.conllu]")
	asJSON := fs.Bool("json", false, "print one JSON object (DESIGN §7)")
	modelPath := fs.String("model", "", "model `file` (default: the embedded model)")
	limit := fs.Int("limit", 0, "score only the first `N` sentences (0: all)")
	dataset := fs.String("dataset", "ud_english_ewt", "dataset name for the report")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	path := defaultEWTTest
	switch len(files) {
	case 0:
	case 1:
		path = files[0]
	default:
		fs.Usage()
		return muster.Errorf(muster.KindInvalid, "eval parse: want at most one CoNLL-U file, got %d", len(files))
	}
	f, err := os.Open(path)
	if err != nil {
		return muster.Errorf(muster.KindInvalid, "eval parse: %v", err)
	}
	sents, err := syntax.ReadCoNLLU(f, path)
	f.Close()
	if err != nil {
		return muster.Errorf(muster.KindInvalid, "eval parse: %v", err)
	}
	if *limit > 0 && *limit < len(sents) {
		sents = sents[:*limit]
	}
	if len(sents) == 0 {
		return muster.Errorf(muster.KindInvalid, "eval parse: no sentences in %s", path)
	}
	var model *syntax.Model
	if *modelPath != "" {
		mf, err := os.Open(*modelPath)
		if err != nil {
			return muster.Errorf(muster.KindInvalid, "eval parse: %v", err)
		}
		model, err = syntax.ReadModel(mf, *modelPath)
		mf.Close()
		if err != nil {
			return muster.Errorf(muster.KindInvalid, "eval parse: %v", err)
		}
	} else if model, err = syntax.LoadModel(); err != nil {
		return muster.Errorf(muster.KindInternal, "eval parse: %v", err)
	}
	res, err := scoreParse(ctx, model, sents)
	if err != nil {
		return err
	}
	split := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if i := strings.LastIndex(split, "-"); i >= 0 {
		split = split[i+1:]
	}
	if *asJSON {
		rep := parseReport{Task: "parse", Dataset: *dataset, Split: split, N: len(sents), Words: res.gold.GoldWords,
			DocsPerS: res.sentsPerS, TokensPerS: res.wordsPerS, Metrics: map[string]parseMetricJSON{}}
		add := func(name string, m eval.ParseMetric, r eval.ParseResult, prf bool) {
			j := parseMetricJSON{Accuracy: m.F1, N: r.GoldWords}
			if prf {
				p, rc, f1 := m.Precision, m.Recall, m.F1
				j.Precision, j.Recall, j.F1 = &p, &rc, &f1
			}
			rep.Metrics[name] = j
		}
		add("upos", res.gold.UPOS, res.gold, false)
		add("uas", res.gold.UAS, res.gold, false)
		add("las", res.gold.LAS, res.gold, false)
		add("upos_segment", res.segment.UPOS, res.segment, true)
		add("uas_segment", res.segment.UAS, res.segment, true)
		add("las_segment", res.segment.LAS, res.segment, true)
		add("upos_upper", res.upper.UPOS, res.upper, false)
		add("uas_upper", res.upper.UAS, res.upper, false)
		add("las_upper", res.upper.LAS, res.upper, false)
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	w := m.Stdout
	fmt.Fprintf(w, "%s: %d sentences, %d words (F1 in percent; with gold tokens it is the accuracy)\n", path, len(sents), res.gold.GoldWords)
	if err := eval.WriteParseHeader(w); err != nil {
		return err
	}
	res.gold.WriteRow(w, "gold words")
	res.segment.WriteRow(w, "segment's tokens, aligned")
	res.upper.WriteRow(w, "gold words upper-cased")
	_, err = fmt.Fprintf(w, "%.0f sentences/s, %.0f words/s (gold words, tagging and parsing, one goroutine)\n", res.sentsPerS, res.wordsPerS)
	return err
}

type parseScores struct {
	gold, segment, upper eval.ParseResult
	sentsPerS, wordsPerS float64
}

// scoreParse runs the three evaluations of runEvalParse.
func scoreParse(ctx context.Context, model *syntax.Model, sents []syntax.Sentence) (parseScores, error) {
	var r parseScores
	gold := make([][]eval.ParseWord, len(sents))
	for i, s := range sents {
		gold[i] = make([]eval.ParseWord, len(s.Words))
		for j, w := range s.Words {
			gold[i][j] = eval.ParseWord{Start: w.Start, End: w.End, UPOS: w.UPOS, Head: w.Head, Rel: w.Rel}
		}
	}
	// The gold words, as they are and upper-cased.
	run := func(transform func(string) string) ([][]eval.ParseWord, error) {
		out := make([][]eval.ParseWord, len(sents))
		forms := []string{}
		for i, s := range sents {
			if i%256 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			forms = forms[:0]
			for _, w := range s.Words {
				forms = append(forms, transform(w.Form))
			}
			ws := model.ParseWords(forms)
			out[i] = make([]eval.ParseWord, len(ws))
			for j, w := range ws {
				out[i][j] = eval.ParseWord{Start: s.Words[j].Start, End: s.Words[j].End, UPOS: w.UPOS, Head: w.Head, Rel: w.Rel}
			}
		}
		return out, nil
	}
	start := time.Now()
	sys, err := run(func(s string) string { return s })
	if err != nil {
		return r, err
	}
	el := time.Since(start).Seconds()
	if r.gold, err = eval.ScoreParse(gold, sys); err != nil {
		return r, err
	}
	r.sentsPerS = float64(len(sents)) / el
	r.wordsPerS = float64(r.gold.GoldWords) / el
	if sys, err = run(strings.ToUpper); err != nil {
		return r, err
	}
	if r.upper, err = eval.ScoreParse(gold, sys); err != nil {
		return r, err
	}
	// segment's tokens of each sentence's text, the sentence given.
	ann := syntax.NewWithModel(model)
	for i, s := range sents {
		d := nlp.NewDoc(s.Text)
		d.Tokens = segment.Tokens(s.Text)
		d.Sentences = []muster.Span{{Start: 0, End: len(s.Text)}}
		d.SentenceTokens = [][2]int{{0, len(d.Tokens)}}
		if err := ann.Annotate(ctx, d); err != nil {
			return r, err
		}
		sys[i] = make([]eval.ParseWord, len(d.Tokens))
		for j, t := range d.Tokens {
			sys[i][j] = eval.ParseWord{Start: t.Start, End: t.End, UPOS: t.Tag, Head: t.Head, Rel: t.Rel}
		}
	}
	if r.segment, err = eval.ScoreParse(gold, sys); err != nil {
		return r, err
	}
	return r, nil
}
