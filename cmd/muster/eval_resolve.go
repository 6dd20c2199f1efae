package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/resolve"
)

const (
	defaultResolveGold = "eval/testdata/resolve_gold.jsonl"
	defaultResolveNews = "../shared/data/news_ukraine_war/news_ukraine_war.jsonl.gz"
)

// runEvalResolve scores muster's resolver on the gold set: the gold
// mention spans are the input (resolution is scored, not detection); each
// document's mentions are clustered by resolve.Document and resolved across
// documents through an in-memory index, one index per split; B-cubed
// precision, recall and F1 are printed for the dev and test halves.
func (m *Main) runEvalResolve(ctx context.Context, args []string) error {
	fs := m.newFlagSet("eval resolve", "[--gold FILE] [--news FILE] [--split dev|test|all] [--json] [--errors N]")
	gold := fs.String("gold", defaultResolveGold, "gold file: document ids, code-point spans, entity keys and types")
	news := fs.String("news", defaultResolveNews, "the news_ukraine_war JSON Lines (gzip) the gold documents come from")
	split := fs.String("split", "all", "dev, test or all (both, one report each)")
	asJSON := fs.Bool("json", false, "print one JSON object per split (DESIGN §7)")
	nErr := fs.Int("errors", 0, "print up to N wrong merges and N missed merges per split")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	var splits []string
	switch *split {
	case "dev", "test":
		splits = []string{*split}
	case "all":
		splits = []string{"dev", "test"}
	default:
		return muster.Errorf(muster.KindInvalid, "eval resolve: --split %q: want dev, test or all", *split)
	}
	f, err := os.Open(*gold)
	if err != nil {
		return muster.Errorf(muster.KindInvalid, "eval resolve: gold file: %v", err)
	}
	docs, err := eval.ReadResolveGold(f, *gold)
	f.Close()
	if err != nil {
		return muster.Errorf(muster.KindInvalid, "eval resolve: %v", err)
	}
	want := map[string]bool{}
	for _, d := range docs {
		want[d.Doc] = true
	}
	texts, err := readNewsTexts(ctx, *news, want)
	if err != nil {
		return err
	}
	r := resolve.Default()
	for _, sp := range splits {
		var part []eval.ResolveGoldDoc
		for _, d := range docs {
			if eval.ResolveSplit(d.Doc) == sp {
				part = append(part, d)
			}
		}
		res, err := resolveGold(ctx, r, part, texts, *nErr)
		if err != nil {
			return err
		}
		if *asJSON {
			out := map[string]any{
				"task": "resolve", "dataset": "news_ukraine_war_gold", "split": sp,
				"n": res.score.N, "docs": len(part), "docs_per_s": res.docsPerS,
				"metrics": map[string]any{"clusters": map[string]any{
					"precision": res.score.Precision, "recall": res.score.Recall, "f1": res.score.F1,
					"n": res.score.N, "gold_clusters": res.score.Clusters, "pred_clusters": res.score.PredClusters,
				}},
			}
			if *nErr > 0 {
				out["errors"] = res.errors
			}
			b, err := json.Marshal(out)
			if err != nil {
				return err
			}
			fmt.Fprintln(m.Stdout, string(b))
			continue
		}
		s := res.score
		fmt.Fprintf(m.Stdout, "resolve %-4s B-cubed P %.4f  R %.4f  F1 %.4f  mentions %d  gold clusters %d  predicted clusters %d  docs %d\n",
			sp, s.Precision, s.Recall, s.F1, s.N, s.Clusters, s.PredClusters, len(part))
		for _, e := range res.errors {
			fmt.Fprintf(m.Stdout, "  %s %s (%d mentions):\n", e.Kind, e.Cluster, e.Size)
			for _, sh := range e.Members {
				fmt.Fprintf(m.Stdout, "    %3d  %s  %q\n", sh.N, sh.Cluster, sh.Texts)
			}
		}
	}
	return nil
}

type resolveEvalResult struct {
	score    eval.BCubedScore
	errors   []eval.ClusterError
	docsPerS float64
}

// resolveGold runs the resolver over gold documents in order and scores
// the clusters it makes.
func resolveGold(ctx context.Context, r *resolve.Resolver, docs []eval.ResolveGoldDoc, texts map[string]string, nErr int) (resolveEvalResult, error) {
	idx := resolve.NewMemIndex(r)
	var gold, pred, surf []string
	names := map[string]string{}
	start := time.Now()
	for _, gd := range docs {
		text, ok := texts[gd.Doc]
		if !ok {
			return resolveEvalResult{}, muster.Errorf(muster.KindNotFound, "eval resolve: document %q of the gold file is not in the news file", gd.Doc)
		}
		d := nlp.NewDoc(text)
		n := utf8.RuneCountInString(text)
		for i, gm := range gd.Mentions {
			if !(muster.Span{Start: gm.Start, End: gm.End}).Valid(n) {
				return resolveEvalResult{}, muster.Errorf(muster.KindInvalid, "eval resolve: %s mention %d [%d,%d) outside the text (%d characters)", gd.Doc, i, gm.Start, gm.End, n)
			}
			bs := muster.ByteOffsets(text, muster.Span{Start: gm.Start, End: gm.End})
			d.Mentions = append(d.Mentions, nlp.Mention{Span: bs, Text: text[bs.Start:bs.End], Type: muster.EntityType(gm.Type).MentionType(), Source: "gold"})
		}
		ents, links := r.Document(d, gd.Doc)
		resolved, err := r.Resolve(ctx, ents, idx)
		if err != nil {
			return resolveEvalResult{}, fmt.Errorf("eval resolve %s: %w", gd.Doc, err)
		}
		idx.Add(resolved...)
		label := make([]string, len(d.Mentions))
		for i := range label {
			label[i] = fmt.Sprintf("unlinked:%s:%d", gd.Doc, i)
		}
		for _, l := range links {
			e := resolved[l.Entity]
			label[l.Mention] = e.ID
			if _, ok := names[e.ID]; !ok {
				names[e.ID] = e.ID + " " + e.Name
			}
		}
		for i, gm := range gd.Mentions {
			gold = append(gold, gm.Cluster())
			pred = append(pred, label[i])
			surf = append(surf, d.Mentions[i].Text)
		}
	}
	el := time.Since(start).Seconds()
	s, err := eval.BCubed(gold, pred)
	if err != nil {
		return resolveEvalResult{}, err
	}
	res := resolveEvalResult{score: s}
	if el > 0 {
		res.docsPerS = float64(len(docs)) / el
	}
	if nErr > 0 {
		named := make([]string, len(pred))
		for i, p := range pred {
			if n, ok := names[p]; ok {
				named[i] = n
			} else {
				named[i] = p
			}
		}
		res.errors = eval.ClusterErrors(gold, named, surf, nErr)
	}
	return res, nil
}

// readNewsTexts reads the texts of the wanted document ids from the
// news_ukraine_war JSON Lines file (gzip or plain).
func readNewsTexts(ctx context.Context, path string, want map[string]bool) (map[string]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, muster.Errorf(muster.KindNotFound, "eval resolve: news file: %v (the gold texts are read from ../shared at run time)", err)
	}
	defer f.Close()
	var r io.Reader = f
	br := bufio.NewReader(f)
	if b, _ := br.Peek(2); len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("eval resolve: news file %s: %w", path, err)
		}
		defer gz.Close()
		r = gz
	} else {
		r = br
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	out := map[string]string{}
	line := 0
	for sc.Scan() {
		line++
		if line%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var d struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("eval resolve: news file %s line %d: %w", path, line, err)
		}
		if want[d.ID] {
			out[d.ID] = d.Text
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval resolve: news file %s line %d: %w", path, line, err)
	}
	return out, nil
}
