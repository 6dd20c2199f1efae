package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/pipeline"
	"github.com/muster-osint/muster/resolve"
)

const (
	defaultResolveGold = "eval/testdata/resolve_gold.jsonl"
	defaultResolveNews = "../shared/data/news_ukraine_war/news_ukraine_war.jsonl.gz"
)

// runEvalResolve scores muster's resolution on the gold set, through the
// pipeline ingest runs (the in-document resolver, resolution across
// documents against an in-memory index, one per split, and geocoding): with
// the mentions the pipeline finds itself (--mentions predicted, the
// default: mention detection errors count) or with the gold mentions given
// as the names (--mentions gold: an oracle figure, labelled as such). It
// prints mention detection and the MUC, B-cubed and CEAF-e scores
// (CoNLL-2012 style) for the dev and test halves.
func (m *Main) runEvalResolve(ctx context.Context, args []string) error {
	fs := m.newFlagSet("eval resolve", "[--mentions predicted|gold] [--gold FILE] [--news FILE] [--split dev|test|all] [--json] [--errors N]")
	gold := fs.String("gold", defaultResolveGold, "gold file: document ids, code-point spans, entity keys and types")
	news := fs.String("news", defaultResolveNews, "the news_ukraine_war JSON Lines (gzip) the gold documents come from")
	split := fs.String("split", "all", "dev, test or all (both, one report each)")
	mentions := fs.String("mentions", "predicted", "predicted (the pipeline finds the names) or gold (oracle: the gold names are given)")
	asJSON := fs.Bool("json", false, "print one JSON object per split (DESIGN §7)")
	nErr := fs.Int("errors", 0, "print up to N wrong merges, N missed merges, N spurious and N missed mentions per split")
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
	if *mentions != "predicted" && *mentions != "gold" {
		return muster.Errorf(muster.KindInvalid, "eval resolve: --mentions %q: want predicted or gold", *mentions)
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
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		return fmt.Errorf("eval resolve: %w", err)
	}
	label := "predicted mentions"
	if *mentions == "gold" {
		label = "gold mentions (oracle)"
	}
	for _, sp := range splits {
		var part []eval.ResolveGoldDoc
		for _, d := range docs {
			if eval.ResolveSplit(d.Doc) == sp {
				part = append(part, d)
			}
		}
		res, err := resolveGold(ctx, p, part, texts, *mentions == "gold", *nErr)
		if err != nil {
			return err
		}
		s := res.score
		if *asJSON {
			metric := func(x eval.PRF, n int) map[string]any {
				return map[string]any{"precision": x.Precision, "recall": x.Recall, "f1": x.F1, "n": n}
			}
			out := map[string]any{
				"task": "resolve", "dataset": "news_ukraine_war_gold", "split": sp, "mentions": *mentions,
				"n": s.KeyMentions, "docs": len(part), "docs_per_s": res.docsPerS,
				"metrics": map[string]any{
					"mentions": metric(s.Mentions, s.KeyMentions),
					"muc":      metric(s.MUC, s.KeyMentions),
					"b3":       metric(s.B3, s.KeyMentions),
					"ceafe":    metric(s.CEAFe, s.KeyClusters),
					"conll":    map[string]any{"f1": s.CoNLL},
				},
				"response_mentions": s.RespMentions, "gold_clusters": s.KeyClusters, "response_clusters": s.RespClusters,
			}
			if *nErr > 0 {
				out["errors"] = res.errors
				out["mention_errors"] = res.mentionErrors
			}
			b, err := json.Marshal(out)
			if err != nil {
				return err
			}
			fmt.Fprintln(m.Stdout, string(b))
			continue
		}
		fmt.Fprintf(m.Stdout, "resolve %s, %s: %d docs, %d gold mentions in %d clusters, %d response mentions in %d clusters\n",
			sp, label, len(part), s.KeyMentions, s.KeyClusters, s.RespMentions, s.RespClusters)
		for _, row := range []struct {
			name string
			x    eval.PRF
		}{{"mentions", s.Mentions}, {"MUC", s.MUC}, {"B-cubed", s.B3}, {"CEAF-e", s.CEAFe}} {
			fmt.Fprintf(m.Stdout, "  %-8s P %.4f  R %.4f  F1 %.4f\n", row.name, row.x.Precision, row.x.Recall, row.x.F1)
		}
		fmt.Fprintf(m.Stdout, "  CoNLL F1 %.4f\n", s.CoNLL)
		for _, e := range res.errors {
			fmt.Fprintf(m.Stdout, "  %s %s (%d mentions):\n", e.Kind, e.Cluster, e.Size)
			for _, sh := range e.Members {
				fmt.Fprintf(m.Stdout, "    %3d  %s  %q\n", sh.N, sh.Cluster, sh.Texts)
			}
		}
		for _, e := range res.mentionErrors {
			fmt.Fprintf(m.Stdout, "  %s mention %s %q (%s) in %q\n", e.Kind, e.ID, e.Text, e.Label, e.Context)
		}
	}
	return nil
}

type resolveEvalResult struct {
	score         eval.CorefScores
	errors        []eval.ClusterError
	mentionErrors []mentionError
	docsPerS      float64
}

// mentionError is a mention the pipeline found that the gold lacks
// ("spurious") or a gold mention it did not find ("missed"), with the
// words around it: mention detection errors cost CEAF-e most, each a
// cluster of its own.
type mentionError struct {
	Kind    string `json:"kind"`
	ID      string `json:"id"`
	Text    string `json:"text"`
	Label   string `json:"label"` // the response entity, or the gold cluster
	Context string `json:"context"`
}

// resolveGold runs the pipeline over gold documents in order, each
// resolved against the entities of those before it, and scores the
// clusters of the names it finds (or, with oracle, is given).
func resolveGold(ctx context.Context, p *pipeline.Pipeline, docs []eval.ResolveGoldDoc, texts map[string]string, oracle bool, nErr int) (resolveEvalResult, error) {
	idx := resolve.NewMemIndex(resolve.Default())
	key, resp := map[string]string{}, map[string]string{}
	surf := map[string]string{}
	names := map[string]string{}
	ctxt := map[string]string{}
	start := time.Now()
	for _, gd := range docs {
		text, ok := texts[gd.Doc]
		if !ok {
			return resolveEvalResult{}, muster.Errorf(muster.KindNotFound, "eval resolve: document %q of the gold file is not in the news file", gd.Doc)
		}
		n := utf8.RuneCountInString(text)
		var given []muster.Mention
		for i, gm := range gd.Mentions {
			if !(muster.Span{Start: gm.Start, End: gm.End}).Valid(n) {
				return resolveEvalResult{}, muster.Errorf(muster.KindInvalid, "eval resolve: %s mention %d [%d,%d) outside the text (%d characters)", gd.Doc, i, gm.Start, gm.End, n)
			}
			id := mentionID(gd.Doc, gm.Start, gm.End)
			key[id] = gm.Cluster()
			bs := muster.ByteOffsets(text, muster.Span{Start: gm.Start, End: gm.End})
			surf[id] = text[bs.Start:bs.End]
			ctxt[id] = around(text, bs)
			given = append(given, muster.Mention{Start: gm.Start, End: gm.End, Type: muster.EntityType(gm.Type).MentionType()})
		}
		doc := muster.Document{Text: text}
		doc.SetText(text)
		var a *muster.Analysis
		var err error
		if oracle {
			a, err = p.AnalyzeMentions(ctx, doc, idx, given)
		} else {
			a, err = p.Analyze(ctx, doc, idx)
		}
		if err != nil {
			return resolveEvalResult{}, fmt.Errorf("eval resolve %s: %w", gd.Doc, err)
		}
		idx.Add(a.Entities...)
		for _, e := range a.Entities {
			if _, ok := names[e.ID]; !ok {
				names[e.ID] = e.ID + " " + e.Name + " (" + string(e.Type) + ")"
			}
		}
		for _, mn := range a.Mentions {
			if mn.Entity == "" || !isNameMention(mn.Text) {
				continue // the gold set annotates names, not "the group" or "he"
			}
			id := mentionID(gd.Doc, mn.Start, mn.End)
			if oracle {
				if _, ok := key[id]; !ok {
					continue
				}
			}
			resp[id] = mn.Entity
			if _, ok := surf[id]; !ok {
				surf[id] = mn.Text
				ctxt[id] = around(text, muster.ByteOffsets(text, muster.Span{Start: mn.Start, End: mn.End}))
			}
		}
	}
	el := time.Since(start).Seconds()
	res := resolveEvalResult{score: eval.Coref(key, resp)}
	if el > 0 {
		res.docsPerS = float64(len(docs)) / el
	}
	if nErr > 0 {
		// One row per mention of either side: a gold mention the
		// pipeline missed is its own response cluster, a response
		// mention the gold lacks its own gold cluster.
		var gold, pred, texts []string
		for id, g := range key {
			gold = append(gold, g)
			if r, ok := resp[id]; ok {
				pred = append(pred, names[r])
			} else {
				pred = append(pred, "missed:"+id)
			}
			texts = append(texts, surf[id])
		}
		for id, r := range resp {
			if _, ok := key[id]; ok {
				continue
			}
			gold = append(gold, "spurious:"+id)
			pred = append(pred, names[r])
			texts = append(texts, surf[id])
		}
		res.errors = eval.ClusterErrors(gold, pred, texts, nErr)
		res.mentionErrors = mentionErrors(key, resp, surf, ctxt, names, nErr)
	}
	return res, nil
}

// mentionErrors lists up to max spurious and max missed mentions, in
// document and offset order.
func mentionErrors(key, resp, surf, ctxt, names map[string]string, max int) []mentionError {
	var spur, miss []mentionError
	for id, r := range resp {
		if _, ok := key[id]; !ok {
			spur = append(spur, mentionError{Kind: "spurious", ID: id, Text: surf[id], Label: names[r], Context: ctxt[id]})
		}
	}
	for id, g := range key {
		if _, ok := resp[id]; !ok {
			miss = append(miss, mentionError{Kind: "missed", ID: id, Text: surf[id], Label: g, Context: ctxt[id]})
		}
	}
	var out []mentionError
	for _, l := range [][]mentionError{spur, miss} {
		sort.Slice(l, func(i, j int) bool { return mentionIDLess(l[i].ID, l[j].ID) })
		if len(l) > max {
			l = l[:max]
		}
		out = append(out, l...)
	}
	return out
}

// mentionIDLess orders mention ids by document, then start offset.
func mentionIDLess(a, b string) bool {
	da, sa := splitMentionID(a)
	db, sb := splitMentionID(b)
	if da != db {
		return da < db
	}
	return sa < sb
}

func splitMentionID(id string) (string, int) {
	i := strings.LastIndexByte(id, ':')
	if i < 0 {
		return id, 0
	}
	se, _, _ := strings.Cut(id[i+1:], "-")
	n, _ := strconv.Atoi(se)
	return id[:i], n
}

// around returns span bs of text with up to 40 bytes either side, on one
// line, the span in brackets.
func around(text string, bs muster.Span) string { return eval.SpanContext(text, bs, 40) }

func mentionID(doc string, start, end int) string {
	return doc + ":" + strconv.Itoa(start) + "-" + strconv.Itoa(end)
}

// isNameMention reports whether a mention's words are a name rather than a
// definite description ("the group") or a pronoun ("It", "His"): after a
// leading determiner, some word is capitalised or a number.
func isNameMention(text string) bool {
	words := strings.Fields(text)
	if len(words) == 1 {
		switch strings.ToLower(words[0]) {
		case "it", "its", "he", "she", "his", "her", "him", "they", "their", "them":
			return false
		}
	}
	for i, w := range words {
		if i == 0 && len(words) > 1 {
			switch strings.ToLower(w) {
			case "the", "this", "that", "these", "those", "both", "two":
				continue
			}
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
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
