package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/syntax"
)

// defaultPolNeAR is where PolNeAR lies relative to the module root.
const defaultPolNeAR = "../shared/data/polnear/polnear_articles_attributions.jsonl.gz"

// runEvalAttribution scores extract.Attributions against PolNeAR's
// source/cue/content spans:
//
//	muster eval attribution [--split dev|test] [--errors N] [--json] [--data FILE] [--agreement]
func (m *Main) runEvalAttribution(ctx context.Context, args []string) error {
	fs := m.newFlagSet("eval attribution", "[--split train|dev|test] [--errors N] [--json] [--agreement]")
	split := fs.String("split", "dev", "PolNeAR split: train, dev or test")
	nErrors := fs.Int("errors", 0, "print `N` misses per slot (gold span, best prediction, context)")
	asJSON := fs.Bool("json", false, "print the result as JSON (DESIGN §7)")
	data := fs.String("data", defaultPolNeAR, "PolNeAR JSONL.gz `file`")
	agreement := fs.Bool("agreement", false, "score the annotators against each other, every pair, instead of muster (articles with several annotators; every split but test when --split is not given)")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	switch *split {
	case "train", "dev", "test":
	default:
		return muster.Errorf(muster.KindInvalid, "eval attribution: unknown split %q (want train, dev or test)", *split)
	}
	if *agreement && !splitSet(fs) {
		*split = ""
	}
	arts, err := eval.LoadPolNeAR(ctx, *data, *split)
	if err != nil {
		return muster.Errorf(muster.KindInvalid, "eval attribution: %v", err)
	}
	if len(arts) == 0 {
		return muster.Errorf(muster.KindInvalid, "eval attribution: no %s articles in %s", *split, *data)
	}
	if *agreement {
		label := *split
		if label == "" {
			// Test stays unseen unless asked for by name.
			keep := arts[:0]
			for _, a := range arts {
				if a.Split != "test" {
					keep = append(keep, a)
				}
			}
			arts, label = keep, "train+dev+annotator-training"
		}
		res := eval.AttributionAgreement(arts, label)
		if *asJSON {
			enc := json.NewEncoder(m.Stdout)
			enc.SetIndent("", "  ")
			return enc.Encode(res)
		}
		return res.WriteReport(m.Stdout)
	}
	// The text is segmented and parsed as the pipeline does before
	// extract reads it: the attribution model's features read the parse.
	sx, err := syntax.New()
	if err != nil {
		return fmt.Errorf("eval attribution: %w", err)
	}
	var parseErr error
	attribute := func(text string) []eval.AttributionSpans {
		d := nlp.NewDoc(text)
		segment.Segment(d)
		if err := sx.Annotate(ctx, d); err != nil {
			parseErr = err
			return nil
		}
		var out []eval.AttributionSpans
		for _, a := range extract.Attributions(d) {
			out = append(out, eval.AttributionSpans{Source: a.Source, Cue: a.Cue, Content: a.Content})
		}
		return out
	}
	res, err := eval.ScoreAttribution(ctx, arts, *split, attribute, *nErrors)
	if err == nil {
		err = parseErr
	}
	if err != nil {
		return fmt.Errorf("eval attribution: %w", err)
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return res.WriteReport(m.Stdout)
}

// splitSet reports whether --split was given.
func splitSet(fs *flag.FlagSet) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == "split" })
	return set
}
