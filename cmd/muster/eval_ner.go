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
	"github.com/muster-osint/muster/nlp/tagger"
)

// nerMetric is one entry of the "metrics" object of DESIGN §7.
type nerMetric struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	N         int     `json:"n"`
}

// nerReport is the --json output of muster eval ner.
type nerReport struct {
	Task       string               `json:"task"`
	Dataset    string               `json:"dataset"`
	Split      string               `json:"split"`
	N          int                  `json:"n"`
	Sentences  int                  `json:"sentences"`
	Tokens     int                  `json:"tokens"`
	DocsPerS   float64              `json:"docs_per_s"`
	TokensPerS float64              `json:"tokens_per_s"`
	Accuracy   float64              `json:"accuracy"`
	Metrics    map[string]nerMetric `json:"metrics"`
}

// runEvalNER tags a CoNLL file with the tagger (document by document, or
// sentence by sentence with --sentences) and prints conlleval's report, or
// the DESIGN §7 JSON object with --json. Tagging time excludes model load.
func (m *Main) runEvalNER(ctx context.Context, args []string) error {
	fs := m.newFlagSet("eval ner", "FILE [--json] [--model FILE] [--sentences]")
	asJSON := fs.Bool("json", false, "print one JSON object")
	modelPath := fs.String("model", "", "model file (default: the embedded model)")
	sentences := fs.Bool("sentences", false, "tag each sentence alone, without document context")
	dataset := fs.String("dataset", "conll2003", "dataset name for the report")
	files, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		fs.Usage()
		return muster.Errorf(muster.KindInvalid, "eval ner: want one CoNLL file, got %d", len(files))
	}
	path := files[0]
	f, err := os.Open(path)
	if err != nil {
		return muster.Errorf(muster.KindInvalid, "eval ner: %v", err)
	}
	docs, err := eval.ReadCoNLL(f, path)
	f.Close()
	if err != nil {
		return muster.Errorf(muster.KindInvalid, "eval ner: %v", err)
	}
	var tg *tagger.Tagger
	if *modelPath != "" {
		data, err := os.ReadFile(*modelPath)
		if err != nil {
			return muster.Errorf(muster.KindInvalid, "eval ner: %v", err)
		}
		tg, err = tagger.New(data)
		if err != nil {
			return muster.Errorf(muster.KindInvalid, "eval ner: model %s: %v", *modelPath, err)
		}
	} else if tg, err = tagger.Load(); err != nil {
		return muster.Errorf(muster.KindInternal, "eval ner: %v", err)
	}

	var gold, pred [][]string
	tokens := 0
	start := time.Now()
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Tokens
			gold = append(gold, s.Labels)
			tokens += len(s.Tokens)
		}
		if *sentences {
			for _, s := range sents {
				pred = append(pred, tg.Tag(s))
			}
		} else {
			pred = append(pred, tg.TagDocument(sents)...)
		}
	}
	elapsed := time.Since(start).Seconds()
	res, err := eval.ScoreNER(gold, pred)
	if err != nil {
		return muster.Errorf(muster.KindInternal, "eval ner: %v", err)
	}
	if !*asJSON {
		if err := res.WriteReport(m.Stdout); err != nil {
			return err
		}
		_, err := fmt.Fprintf(m.Stdout, "%d documents, %d sentences, %d tokens in %.3f s: %.0f tokens/s\n",
			len(docs), len(gold), tokens, elapsed, float64(tokens)/elapsed)
		return err
	}
	rep := nerReport{
		Task: "ner", Dataset: *dataset,
		Split:      strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)),
		N:          len(docs),
		Sentences:  len(gold),
		Tokens:     tokens,
		DocsPerS:   float64(len(docs)) / elapsed,
		TokensPerS: float64(tokens) / elapsed,
		Accuracy:   res.Accuracy,
		Metrics:    map[string]nerMetric{},
	}
	rep.Metrics["overall"] = nerMetric{res.Overall.Precision, res.Overall.Recall, res.Overall.F1, res.Overall.N}
	for t, s := range res.Types {
		rep.Metrics[t] = nerMetric{s.Precision, s.Recall, s.F1, s.N}
	}
	enc := json.NewEncoder(m.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
