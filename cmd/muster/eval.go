package main

import (
	"context"
	"fmt"

	"github.com/muster-osint/muster"
)

const evalUsage = `Usage: muster eval TASK [flags]

Tasks:
  ner FILE                 entity-level P/R/F1 of the tagger on a CoNLL file
  events --dataset D       event slots against GTD, ACLED or UCDP coders
  attribution              source/cue/content against PolNeAR
  geo --dataset D          geocoding error against coders' coordinates
  resolve                  B-cubed scores of entity clusters on the gold set
  claims --gold DIR        claims against hand-annotated gold, per family
  parse [FILE.conllu]      UPOS, UAS, LAS of the syntax layer (default: EWT test)
`

// runEval dispatches to one evaluation. Each task lives in its own file
// (eval_ner.go, eval_events.go, …).
func (m *Main) runEval(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, evalUsage)
		return muster.Errorf(muster.KindInvalid, "eval: no task given")
	}
	tasks := map[string]func(context.Context, []string) error{
		"ner":         m.runEvalNER,
		"events":      m.runEvalEvents,
		"attribution": m.runEvalAttribution,
		"geo":         m.runEvalGeo,
		"resolve":     m.runEvalResolve,
		"claims":      m.runEvalClaims,
		"parse":       m.runEvalParse,
	}
	run, ok := tasks[args[0]]
	if !ok {
		fmt.Fprint(m.Stderr, evalUsage)
		return muster.Errorf(muster.KindInvalid, "eval: unknown task %q", args[0])
	}
	return run(ctx, args[1:])
}
