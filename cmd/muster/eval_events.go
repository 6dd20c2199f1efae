package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/pipeline"
)

// eventsDataDir is where the coded event sets lie, relative to the module.
const eventsDataDir = "../shared/data"

// eventFiles are the coded event sets under the data dir.
var eventFiles = map[string]string{
	"gtd":   "gtd/gtd_events_with_summary.csv.gz",
	"acled": "acled/acled_ukraine_sample1000_peacerep.csv",
	"ucdp":  "ucdp_ged_ukraine/ucdp_ged_ukraine.csv.gz",
}

// eventMetric is one entry of the "metrics" object of DESIGN §7.
type eventMetric struct {
	Precision *float64 `json:"precision,omitempty"`
	Recall    *float64 `json:"recall,omitempty"`
	F1        *float64 `json:"f1,omitempty"`
	Accuracy  *float64 `json:"accuracy,omitempty"`
	N         int      `json:"n"`
}

// eventsReport is the --json output of muster eval events.
type eventsReport struct {
	Task     string                 `json:"task"`
	Dataset  string                 `json:"dataset"`
	Split    string                 `json:"split"`
	N        int                    `json:"n"`
	DocsPerS float64                `json:"docs_per_s"`
	Metrics  map[string]eventMetric `json:"metrics"`
}

// runEvalEvents scores event extraction against GTD, ACLED or UCDP coders.
func (m *Main) runEvalEvents(ctx context.Context, args []string) error {
	fs := m.newFlagSet("eval events", "--dataset gtd|acled|ucdp [--split dev|dev-train|dev-tune|test] [--errors N] [--json] [--limit N]")
	dataset := fs.String("dataset", "", "gtd, acled or ucdp")
	split := fs.String("split", "dev", "split to score: dev, test or all; dev-train and dev-tune are the halves of dev the role scorer learns from and is tuned on")
	nErr := fs.Int("errors", 0, "print `N` misses per slot")
	asJSON := fs.Bool("json", false, "print one JSON object")
	limit := fs.Int("limit", 0, "score only the first `N` records")
	data := fs.String("data", eventsDataDir, "shared data `dir`")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	rel, ok := eventFiles[*dataset]
	if !ok {
		fs.Usage()
		return muster.Errorf(muster.KindInvalid, "eval events: unknown dataset %q (want gtd, acled or ucdp)", *dataset)
	}
	recs, err := readEventRecords(*dataset, filepath.Join(*data, rel))
	if err != nil {
		return err
	}
	if *split != "all" {
		recs = eval.Split(recs, *split)
	}
	if *limit > 0 && len(recs) > *limit {
		recs = recs[:*limit]
	}
	if len(recs) == 0 {
		return muster.Errorf(muster.KindInvalid, "eval events: no %s records in split %q", *dataset, *split)
	}
	countries, err := readCountries(filepath.Join(*data, "countries/countries_flat.tsv"))
	if err != nil {
		return err
	}
	ex, err := EventExtractor()
	if err != nil {
		return err
	}
	rep, err := eval.ScoreEvents(ctx, *dataset, recs, ex, countries, eventTypes(), *nErr)
	if err != nil {
		return muster.Errorf(muster.KindInternal, "eval events: %v", err)
	}
	if *asJSON {
		out := eventsReport{Task: "events", Dataset: *dataset, Split: *split, N: rep.N, DocsPerS: rep.DocsPerSecond(), Metrics: map[string]eventMetric{}}
		for name, s := range rep.Slots {
			em := eventMetric{N: s.N}
			if s.Set {
				em.Precision, em.Recall, em.F1 = ptr(s.Precision), ptr(s.Recall), ptr(s.F1)
			} else {
				em.Accuracy = ptr(s.Accuracy)
			}
			out.Metrics[name] = em
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "slot\tprecision\trecall\tF1/accuracy\tn\t\n")
	for _, name := range rep.SortedSlots() {
		s := rep.Slots[name]
		if s.Set {
			fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t\n", name, s.Precision, s.Recall, s.F1, s.N)
		} else {
			fmt.Fprintf(tw, "%s\t\t\t%.3f\t%d\t\n", name, s.Accuracy, s.N)
		}
	}
	tw.Flush()
	fmt.Fprintf(m.Stdout, "%s %s: %d documents, %.0f docs/s\n", *dataset, *split, rep.N, rep.DocsPerSecond())
	if *nErr > 0 {
		for _, name := range rep.SortedSlots() {
			for _, ms := range rep.Misses[name] {
				fmt.Fprintf(m.Stdout, "\n[%s] %s\n  gold: %s\n  got:  %s\n  text: %s\n", name, ms.ID, ms.Gold, ms.Got, ms.Text)
			}
		}
	}
	return nil
}

func ptr(f float64) *float64 { return &f }

// EventExtractor returns the extraction used by eval events: the same
// pipeline as ingest (segment, tagger, extract, resolve, geocode; no
// store), over the record's text with its date as publication date. The
// document id is derived from the text as ingest derives it.
func EventExtractor() (eval.Extractor, error) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, text string, published time.Time) (*muster.Analysis, error) {
		doc := muster.Document{Published: published}
		doc.SetText(text)
		return p.Analyze(ctx, doc, nil)
	}, nil
}

func readEventRecords(dataset, path string) ([]eval.EventRecord, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, muster.Errorf(muster.KindNotFound, "eval events: %v (the coded data is read from ../shared at run time)", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, muster.Errorf(muster.KindInvalid, "eval events: %s: %v", path, err)
		}
		defer gz.Close()
		r = gz
	}
	var recs []eval.EventRecord
	switch dataset {
	case "gtd":
		recs, err = eval.ReadGTD(r, path)
	case "acled":
		recs, err = eval.ReadACLED(r, path)
	case "ucdp":
		recs, err = eval.ReadUCDP(r, path)
	}
	if err != nil {
		return nil, muster.Errorf(muster.KindInvalid, "eval events: %v", err)
	}
	return recs, nil
}

func readCountries(path string) (*eval.Countries, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, muster.Errorf(muster.KindNotFound, "eval events: %v", err)
	}
	defer f.Close()
	c, err := eval.ReadCountries(f, path)
	if err != nil {
		return nil, muster.Errorf(muster.KindInvalid, "eval events: %v", err)
	}
	return c, nil
}

// eventTypes is the trigger lexicon's mapping of muster's event types to
// ACLED's, GTD's and MUC-4's, which eval scores by and has no copy of.
func eventTypes() eval.EventTypes {
	m := eval.EventTypes{}
	for t, v := range extract.EventTypeMappings() {
		m[t] = eval.EventTypeMapping(v)
	}
	return m
}
