package extract_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
)

var trainAttribution = flag.Bool("train-attribution", false, "retrain attribution_model.gz on PolNeAR's train split")

const polnearPath = "../../shared/data/polnear/polnear_articles_attributions.jsonl.gz"

// TestTrainAttributionModel rewrites the embedded model when run with
// -train-attribution: go test ./extract -run TrainAttribution -train-attribution
func TestTrainAttributionModel(t *testing.T) {
	if !*trainAttribution {
		t.Skip("run with -train-attribution to retrain the model")
	}
	arts, err := eval.LoadPolNeAR(context.Background(), polnearPath, "train")
	if err != nil {
		t.Fatal(err)
	}
	var docs []extract.TrainingDoc
	for _, a := range arts {
		d := nlp.NewDoc(a.Text)
		segment.Segment(d)
		td := extract.TrainingDoc{Doc: d}
		for _, g := range a.Gold {
			td.Relations = append(td.Relations, extract.TrainingRelation{Source: g.Source, Cue: g.Cue, Content: g.Content})
		}
		docs = append(docs, td)
	}
	t0 := time.Now()
	m := extract.TrainAttributionModel(docs, extract.TrainOptions{})
	t.Logf("trained on %d documents in %s", len(docs), time.Since(t0))
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("attribution_model.gz", b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote attribution_model.gz: %d bytes", len(b))
}

var expAttribution = flag.Bool("exp-attribution", false, "train on train and score on dev without writing the model")

// TestAttributionExperiment trains in memory and scores on dev, for tuning:
// go test ./extract -run AttributionExperiment -exp-attribution -v
func TestAttributionExperiment(t *testing.T) {
	if !*expAttribution {
		t.Skip("run with -exp-attribution")
	}
	ctx := context.Background()
	train, err := eval.LoadPolNeAR(ctx, polnearPath, "train")
	if err != nil {
		t.Fatal(err)
	}
	dev, err := eval.LoadPolNeAR(ctx, polnearPath, "dev")
	if err != nil {
		t.Fatal(err)
	}
	m := extract.TrainAttributionModel(trainingDocs(train), extract.TrainOptions{Bits: uint(*expBits), Epochs: *expEpochs})
	for _, bias := range []float32{0} {
		for _, rb := range []float32{0} {
			m.CueBias, m.RoleBias = bias, rb
			fmt.Printf("cue bias %.1f role bias %.1f\n", bias, rb)
			res, err := eval.ScoreAttribution(ctx, dev, "dev", func(text string) []eval.AttributionSpans {
				d := nlp.NewDoc(text)
				segment.Segment(d)
				var out []eval.AttributionSpans
				for _, a := range m.Attributions(d) {
					out = append(out, eval.AttributionSpans{Source: a.Source, Cue: a.Cue, Content: a.Content})
				}
				return out
			}, 0)
			if err != nil {
				t.Fatal(err)
			}
			res.WriteReport(os.Stdout)
		}
	}
}

var (
	expBits   = flag.Int("exp-bits", extract.DefaultTrainBits, "hash bits for -exp-attribution")
	expEpochs = flag.Int("exp-epochs", extract.DefaultTrainEpochs, "epochs for -exp-attribution")
)

func trainingDocs(arts []eval.PolNeARArticle) []extract.TrainingDoc {
	var docs []extract.TrainingDoc
	for _, a := range arts {
		d := nlp.NewDoc(a.Text)
		segment.Segment(d)
		td := extract.TrainingDoc{Doc: d}
		for _, g := range a.Gold {
			td.Relations = append(td.Relations, extract.TrainingRelation{Source: g.Source, Cue: g.Cue, Content: g.Content})
		}
		docs = append(docs, td)
	}
	return docs
}
