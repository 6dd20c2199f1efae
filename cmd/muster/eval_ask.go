package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/pipeline"
	"github.com/muster-osint/muster/query"
)

// runEvalAsk ingests a folder of gold-annotated articles into a fresh
// SQLite store, through the pipeline and store ingest uses, and asks
// muster the questions of a question file (issue 11 item 4): how many it
// answers rightly, and which.
func (m *Main) runEvalAsk(ctx context.Context, args []string) error {
	fs := m.newFlagSet("eval ask", "[--gold DIR] [--questions FILE] [-v] [--json]")
	gold := fs.String("gold", "../shared/data/news_armed_groups/dev", "`DIR` of ID.txt + ID.gold.json articles to ingest")
	questions := fs.String("questions", "eval/testdata/ask_news_armed_groups_dev.tsv", "question `FILE` (question<TAB>answer|answer, or -)")
	verbose := fs.Bool("v", false, "print each question with muster's answer")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parseFlagsOnly(fs, args); err != nil {
		return err
	}
	qf, err := os.Open(*questions)
	if err != nil {
		return muster.Errorf(muster.KindInvalid, "eval ask: %v", err)
	}
	qs, err := eval.ReadQuestions(*questions, qf)
	qf.Close()
	if err != nil {
		return muster.Errorf(muster.KindInvalid, "eval ask: %v", err)
	}
	docs, err := readClaimGold(*gold, "")
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "muster-eval-ask-")
	if err != nil {
		return fmt.Errorf("eval ask: %w", err)
	}
	defer os.RemoveAll(dir)
	saved := m.Config.DB
	m.Config.DB = filepath.Join(dir, "ask.db")
	db, err := m.openStore(ctx)
	m.Config.DB = saved
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := newPipeline(ctx, db, pipeline.Options{})
	if err != nil {
		return err
	}
	for _, d := range docs {
		opt := ingest.Options{Publisher: d.Gold.Publisher, Published: d.Published}
		err := ingest.Read(ctx, d.Name, bytes.NewReader(d.Text), opt, func(it ingest.Item) error {
			if it.Err != nil {
				return it.Err
			}
			a, err := p.Analyze(ctx, it.Doc, db)
			if err != nil {
				return err
			}
			_, err = db.Save(ctx, a)
			return err
		})
		if err != nil {
			return fmt.Errorf("eval ask: %w", err)
		}
	}
	type result struct {
		Question string   `json:"question"`
		Right    bool     `json:"right"`
		Want     []string `json:"want"`
		Got      []string `json:"got"`
	}
	var results []result
	right := 0
	r := storeReader{db}
	for _, q := range qs {
		ans, err := query.Ask(ctx, r, q.Text)
		if err != nil {
			return fmt.Errorf("eval ask: %q: %w", q.Text, err)
		}
		var rep eval.Reply
		var got []string
		for _, e := range ans.Answers {
			names := []string{e.Entity.Name}
			if ent, err := db.Entity(ctx, e.Entity.ID); err == nil && ent != nil {
				for _, al := range ent.Aliases {
					names = append(names, al.Name)
				}
			}
			rep.Names = append(rep.Names, names)
			vals := []string{}
			for _, c := range e.Why {
				rep.Values = append(rep.Values, c.Object.Text, c.Object.String())
				vals = append(vals, c.Object.Text)
			}
			got = append(got, e.Entity.Name+" ("+strings.Join(vals, "; ")+")")
		}
		ok := eval.Judge(q, rep)
		if ok {
			right++
		}
		results = append(results, result{Question: q.Text, Right: ok, Want: q.Answers, Got: got})
	}
	if *asJSON {
		out := map[string]any{"task": "ask", "dataset": claimDataset(*gold), "split": claimSplit(*gold), "n": len(qs),
			"metrics": map[string]any{"overall": map[string]any{"accuracy": ratioOf(right, len(qs)), "n": len(qs)}}, "questions": results}
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	if *verbose {
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		for _, r := range results {
			mark := "wrong"
			if r.Right {
				mark = "right"
			}
			want := strings.Join(r.Want, " | ")
			if want == "" {
				want = "(not known)"
			}
			gotS := strings.Join(r.Got, "; ")
			if gotS == "" {
				gotS = "(no answer)"
			}
			fmt.Fprintf(tw, "%s\t%s\twant %s\tgot %s\n", mark, r.Question, want, gotS)
		}
		tw.Flush()
	}
	fmt.Fprintf(m.Stdout, "%s: %d of %d questions answered rightly (%d documents ingested)\n", *questions, right, len(qs), len(docs))
	return nil
}

func ratioOf(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
