package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/pipeline"
)

// runEvalClaims scores predicted claims against hand-annotated gold
// (issue 10 item 5): a folder of ID.txt + ID.gold.json, or one gold file
// with its text (the seed: --gold pipeline/testdata/seed.gold.json --text
// ../shared/seed/000_b79f6ff36cfcd08c.txt).
func (m *Main) runEvalClaims(ctx context.Context, args []string) error {
	fs := m.newFlagSet("eval claims", "--gold DIR|FILE.gold.json [--text FILE.txt] [--entities] [-v] [--json]")
	gold := fs.String("gold", "", "gold `DIR` of ID.txt + ID.gold.json, or one FILE.gold.json")
	text := fs.String("text", "", "the text a single gold `FILE` annotates (default: FILE.txt beside it)")
	verbose := fs.Bool("v", false, "list misses and extras per document")
	asJSON := fs.Bool("json", false, "print one JSON object")
	learned := fs.Bool("learned-relations", false, "add the learned relation scorer's claims (off by default; see extract.Input.LearnedRelations)")
	entities := fs.Bool("entities", false, "also score whether each entity the gold names is found and typed (with -v: list the misses; with --json: an entities object)")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	if *gold == "" {
		fs.Usage()
		return muster.Errorf(muster.KindInvalid, "eval claims: want --gold DIR or --gold FILE.gold.json")
	}
	docs, err := readClaimGold(*gold, *text)
	if err != nil {
		return err
	}
	analyze, err := ClaimAnalyzer(pipeline.Options{LearnedRelations: *learned})
	if err != nil {
		return err
	}
	rep, err := eval.ScoreClaims(ctx, docs, analyze)
	if err != nil {
		return muster.Errorf(muster.KindInternal, "eval claims: %v", err)
	}
	if *asJSON {
		out := claimsReport{eventsReport: eventsReport{Task: "claims", Dataset: claimDataset(*gold), Split: claimSplit(*gold), N: len(rep.Docs), DocsPerS: rep.DocsPerSecond(), Metrics: map[string]eventMetric{}}}
		if *entities {
			out.Entities = entityMetrics(rep.Entities)
		}
		put := func(name string, c eval.Count) {
			out.Metrics[name] = eventMetric{Precision: ptr(c.Precision()), Recall: ptr(c.Recall()), F1: ptr(c.F1()), N: c.Gold}
		}
		put("overall", rep.Overall)
		put("sourced", rep.Sourced)
		for _, f := range eval.Families {
			put(f, rep.Families[f])
		}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if *verbose {
		for _, d := range rep.Docs {
			fmt.Fprintf(m.Stdout, "%s: precision %.3f, recall %.3f (%d gold claims)\n", d.ID, d.Overall.Precision(), d.Overall.Recall(), d.Overall.Gold)
			for _, e := range d.Extra {
				fmt.Fprintf(m.Stdout, "  not in gold: %s\n", e)
			}
			for _, s := range d.Missed {
				fmt.Fprintf(m.Stdout, "  missed: %s\n", s)
			}
			for _, s := range d.WrongSource {
				fmt.Fprintf(m.Stdout, "  wrong source: %s\n", s)
			}
			if *entities {
				for _, e := range d.Entities.Misses {
					fmt.Fprintf(m.Stdout, "  entity: %s\n", e)
				}
			}
		}
		fmt.Fprintln(m.Stdout)
	}
	tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "family\tprecision\trecall\tF1\tright/predicted\tfound/gold\t\n")
	row := func(name string, c eval.Count) {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d/%d\t%d/%d\t\n", name, c.Precision(), c.Recall(), c.F1(), c.TP, c.Pred, c.Found, c.Gold)
	}
	for _, f := range eval.Families {
		row(f, rep.Families[f])
	}
	row("overall", rep.Overall)
	row("with its source", rep.Sourced)
	tw.Flush()
	if *entities {
		printEntityTable(m.Stdout, rep.Entities)
	}
	fmt.Fprintf(m.Stdout, "%s: %d documents, %.1f docs/s\n", *gold, len(rep.Docs), rep.DocsPerSecond())
	return nil
}

// claimsReport is the --json output of muster eval claims: the metrics of
// eval events' shape, and with --entities the entity diagnostic.
type claimsReport struct {
	eventsReport
	Entities map[string]entityMetric `json:"entities,omitempty"`
}

// entityMetric is one entity class of the --entities diagnostic: how many
// gold entities there are, how many were found and how many typed right,
// and those two as shares.
type entityMetric struct {
	Gold      int     `json:"gold"`
	Found     int     `json:"found"`
	Typed     int     `json:"typed"`
	FoundRate float64 `json:"found_rate"`
	TypedRate float64 `json:"typed_rate"`
}

// allEntities names the row of every class together.
const allEntities = "all"

// entityRows lists the classes in report order with every class together
// last.
func entityRows(counts map[string]eval.EntityCount) ([]string, map[string]eval.EntityCount) {
	rows := map[string]eval.EntityCount{}
	var all eval.EntityCount
	for _, cl := range eval.EntityClasses {
		c := counts[cl]
		rows[cl] = c
		all.Gold += c.Gold
		all.Found += c.Found
		all.Typed += c.Typed
	}
	rows[allEntities] = all
	return append(slices.Clone(eval.EntityClasses), allEntities), rows
}

func entityMetrics(counts map[string]eval.EntityCount) map[string]entityMetric {
	names, rows := entityRows(counts)
	out := map[string]entityMetric{}
	for _, n := range names {
		c := rows[n]
		out[n] = entityMetric{Gold: c.Gold, Found: c.Found, Typed: c.Typed, FoundRate: ratioOf(c.Found, c.Gold), TypedRate: ratioOf(c.Typed, c.Gold)}
	}
	return out
}

func printEntityTable(w io.Writer, counts map[string]eval.EntityCount) {
	names, rows := entityRows(counts)
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "entities\tfound\ttyped right\tfound/gold\ttyped/gold\t\n")
	for _, n := range names {
		c := rows[n]
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%d/%d\t%d/%d\t\n", n, ratioOf(c.Found, c.Gold), ratioOf(c.Typed, c.Gold), c.Found, c.Gold, c.Typed, c.Gold)
	}
	tw.Flush()
}

// readClaimGold reads a gold folder, or one gold file and its text.
func readClaimGold(gold, text string) ([]eval.ClaimDoc, error) {
	st, err := os.Stat(gold)
	if err != nil {
		return nil, muster.Errorf(muster.KindNotFound, "eval claims: %v", err)
	}
	if st.IsDir() {
		if text != "" {
			return nil, muster.Errorf(muster.KindInvalid, "eval claims: --text goes with one gold file, not a folder")
		}
		docs, err := eval.ReadClaimDocs(os.DirFS(gold), ".")
		if err != nil {
			return nil, muster.Errorf(muster.KindInvalid, "eval claims: %s: %v", gold, err)
		}
		for i := range docs {
			docs[i].Name = filepath.Join(gold, docs[i].Name)
		}
		return docs, nil
	}
	if text == "" {
		text = strings.TrimSuffix(strings.TrimSuffix(gold, ".json"), ".gold") + ".txt"
	}
	ga, err := filepath.Abs(gold)
	if err != nil {
		return nil, muster.Errorf(muster.KindInvalid, "eval claims: %v", err)
	}
	ta, err := filepath.Abs(text)
	if err != nil {
		return nil, muster.Errorf(muster.KindInvalid, "eval claims: %v", err)
	}
	d, err := eval.ReadClaimDoc(os.DirFS("/"), strings.TrimPrefix(filepath.ToSlash(ga), "/"), strings.TrimPrefix(filepath.ToSlash(ta), "/"))
	if err != nil {
		return nil, muster.Errorf(muster.KindInvalid, "eval claims: %v", err)
	}
	d.Name = text
	return []eval.ClaimDoc{d}, nil
}

// claimDataset and claimSplit name a gold path for the JSON report:
// ../shared/data/news_armed_groups/dev → news_armed_groups, dev.
func claimDataset(gold string) string {
	gold = filepath.Clean(gold)
	if st, err := os.Stat(gold); err == nil && st.IsDir() {
		return filepath.Base(filepath.Dir(gold))
	}
	return strings.TrimSuffix(filepath.Base(gold), ".gold.json")
}

func claimSplit(gold string) string {
	gold = filepath.Clean(gold)
	if st, err := os.Stat(gold); err == nil && st.IsDir() {
		return filepath.Base(gold)
	}
	return "all"
}

// ClaimAnalyzer returns the analysis eval claims scores: ingest reads the
// text as `muster ingest` does (format detection, normalisation, headline),
// with the gold file's publication date and publisher, and the pipeline
// ingest runs analyses it (no store), with opt.
func ClaimAnalyzer(opt pipeline.Options) (eval.Analyzer, error) {
	p, err := pipeline.New(opt)
	if err != nil {
		return nil, err
	}
	return PipelineAnalyzer(p), nil
}

// PipelineAnalyzer wraps p as an eval.Analyzer that reads through ingest.
func PipelineAnalyzer(p *pipeline.Pipeline) eval.Analyzer {
	return func(ctx context.Context, name string, text []byte, published time.Time, publisher string) (*muster.Analysis, error) {
		var a *muster.Analysis
		err := ingest.Read(ctx, name, bytes.NewReader(text), ingest.Options{Publisher: publisher, Published: published}, func(it ingest.Item) error {
			if it.Err != nil {
				return it.Err
			}
			if a != nil {
				return fmt.Errorf("%s: more than one document", name)
			}
			var err error
			a, err = p.Analyze(ctx, it.Doc, nil)
			return err
		})
		if err == nil && a == nil {
			err = fmt.Errorf("%s: no document", name)
		}
		return a, err
	}
}
