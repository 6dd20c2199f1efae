// Command nerbench times the tagger the way ../shared/bench/peers times
// its peers: each line of -in is one sentence (CoNLL tokens joined by
// spaces); the line is tokenised by nlp/segment and tagged, one call per
// sentence, after a one-sentence warm-up, with model load not timed. It
// writes "sentence<TAB>start<TAB>end<TAB>label" byte spans to the output
// path (the last argument) and prints ELAPSED_NS and CPU_NS on stderr, so
// the peers' scorer reads it like any peer.
//
// With -docs CONLL the sentences are grouped into the documents of that
// file and each document is tagged at once (document context on).
// With -conll FILE it instead scores the tagger on a CoNLL file's own
// tokens and prints conlleval's report (handy when cmd/muster does not
// build).
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/tagger"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "nerbench:", err)
		os.Exit(1)
	}
}

func run() error {
	in := flag.String("in", "", "sentences, one a line")
	docsPath := flag.String("docs", "", "CoNLL file whose documents group the -in sentences (document context on)")
	conll := flag.String("conll", "", "score on this CoNLL file's own tokens instead")
	modelPath := flag.String("model", "", "model file (default: embedded)")
	sentMode := flag.Bool("sentences", false, "with -conll: tag sentence by sentence")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the timed part here")
	fineGold := flag.String("finetypes", "", "score the finer types on this gold file (nlp/tagger/testdata/finetypes.gold.json), with nlp/segment tokenising")
	writePath := flag.String("write", "", "with -conll: also write token gold predicted lines here")
	transform := flag.String("transform", "", "with -conll: rewrite the tokens first: upper (every token in capitals), curly (straight quotes to curly ones)")
	repeat := flag.Int("repeat", 1, "tag the input this many times (for profiling; spans of the last pass are written)")
	flag.Parse()
	tg, err := loadTagger(*modelPath)
	if err != nil {
		return err
	}
	if *fineGold != "" {
		return fineTypes(tg, *fineGold)
	}
	if *conll != "" {
		return score(tg, *conll, *sentMode, *transform, *writePath)
	}
	if *in == "" || flag.NArg() != 1 {
		return fmt.Errorf("usage: nerbench -in SENTENCES [-docs CONLL] OUT")
	}
	data, err := os.ReadFile(*in)
	if err != nil {
		return err
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	groups := make([]int, 0) // sentences per document
	if *docsPath != "" {
		docs, err := readCoNLL(*docsPath)
		if err != nil {
			return err
		}
		total := 0
		for _, d := range docs {
			groups = append(groups, len(d.Sentences))
			total += len(d.Sentences)
		}
		if total != len(lines) {
			return fmt.Errorf("%s has %d sentences, %s has %d lines", *docsPath, total, *in, len(lines))
		}
	} else {
		for range lines {
			groups = append(groups, 1)
		}
	}
	// Warm-up.
	tg.Tag(tokenTexts(segment.Tokens("Warm up .")))

	type span struct{ start, end int }
	toks := make([][]nlp.Token, len(lines))
	labels := make([][]string, len(lines))
	if *cpuProfile != "" {
		pf, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		if err := pprof.StartCPUProfile(pf); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	cpu0 := cpuTime()
	start := time.Now()
	sents := make([][]string, 0, 64)
	for rep := 0; rep < max(*repeat, 1); rep++ {
		k := 0
		for _, n := range groups {
			sents = sents[:0]
			for i := k; i < k+n; i++ {
				toks[i] = segment.Tokens(lines[i])
				sents = append(sents, tokenTexts(toks[i]))
			}
			if n == 1 {
				labels[k] = tg.Tag(sents[0])
			} else {
				copy(labels[k:k+n], tg.TagDocument(sents))
			}
			k += n
		}
	}
	elapsed := time.Since(start)
	cpu := cpuTime() - cpu0
	fmt.Fprintf(os.Stderr, "ELAPSED_NS %d\nCPU_NS %d\n", elapsed.Nanoseconds(), cpu.Nanoseconds())

	f, err := os.Create(flag.Arg(0))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i := range lines {
		for _, c := range eval.Chunks(labels[i]) {
			fmt.Fprintf(w, "%d\t%d\t%d\t%s\n", i, toks[i][c.Start].Start, toks[i][c.End-1].End, c.Type)
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func tokenTexts(toks []nlp.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func loadTagger(path string) (*tagger.Tagger, error) {
	if path == "" {
		return tagger.Load()
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return tagger.New(data)
}

func readCoNLL(path string) ([]eval.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return eval.ReadCoNLL(f, path)
}

func score(tg *tagger.Tagger, path string, sentMode bool, transform, writePath string) error {
	docs, err := readCoNLL(path)
	if err != nil {
		return err
	}
	for _, d := range docs {
		for _, s := range d.Sentences {
			open := true
			for i, w := range s.Tokens {
				switch transform {
				case "upper":
					s.Tokens[i] = strings.ToUpper(w)
				case "curly":
					switch w {
					case "\"":
						s.Tokens[i] = map[bool]string{true: "\u201c", false: "\u201d"}[open]
						open = !open
					case "'s":
						s.Tokens[i] = "\u2019s"
					case "'":
						s.Tokens[i] = "\u2019"
					}
				case "":
				default:
					return fmt.Errorf("unknown -transform %q", transform)
				}
			}
		}
	}
	var gold, pred [][]string
	ntok := 0
	cpu0 := cpuTime()
	start := time.Now()
	for _, d := range docs {
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Tokens
			gold = append(gold, s.Labels)
			ntok += len(s.Tokens)
		}
		if sentMode {
			for _, s := range sents {
				pred = append(pred, tg.Tag(s))
			}
		} else {
			pred = append(pred, tg.TagDocument(sents)...)
		}
	}
	el := time.Since(start)
	cpu := cpuTime() - cpu0
	r, err := eval.ScoreNER(gold, pred)
	if err != nil {
		return err
	}
	if writePath != "" {
		f, err := os.Create(writePath)
		if err != nil {
			return err
		}
		w := bufio.NewWriter(f)
		k := 0
		for _, d := range docs {
			for _, s := range d.Sentences {
				for j, tok := range s.Tokens {
					fmt.Fprintf(w, "%s %s %s\n", tok, s.Labels[j], pred[k][j])
				}
				fmt.Fprintln(w)
				k++
			}
		}
		if err := w.Flush(); err != nil {
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
	}
	if err := r.WriteReport(os.Stdout); err != nil {
		return err
	}
	fmt.Printf("%d tokens in %s (CPU %s): %.0f tokens/s wall, %.0f tokens/s CPU (tagging only)\n",
		ntok, el.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(ntok)/el.Seconds(), float64(ntok)/cpu.Seconds())
	return nil
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// fineTypes runs segment and the tagger over the gold file's articles
// (paths relative to the gold file's package folder) and prints P/R/F1 per
// type for the articles the rules were written on and the held-out ones.
func fineTypes(tg *tagger.Tagger, goldPath string) error {
	raw, err := os.ReadFile(goldPath)
	if err != nil {
		return err
	}
	var gold []struct {
		Name     string
		Path     string
		Mentions [][]any
		Heldout  bool
	}
	if err := json.Unmarshal(raw, &gold); err != nil {
		return fmt.Errorf("%s: %w", goldPath, err)
	}
	base := filepath.Dir(filepath.Dir(goldPath)) // the package folder
	type span struct {
		s, e int
		t    string
	}
	type counts struct{ g, f, c int }
	per := map[bool]map[string]*counts{false: {}, true: {}}
	get := func(h bool, k string) *counts {
		if per[h][k] == nil {
			per[h][k] = &counts{}
		}
		return per[h][k]
	}
	seg := segment.New()
	for _, a := range gold {
		text, err := os.ReadFile(filepath.Join(base, a.Path))
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v (skipped)\n", a.Name, err)
			continue
		}
		d := nlp.NewDoc(string(text))
		if err := seg.Annotate(context.Background(), d); err != nil {
			return err
		}
		if err := tg.Annotate(context.Background(), d); err != nil {
			return err
		}
		want := map[span]bool{}
		for _, m := range a.Mentions {
			sp := span{int(m[0].(float64)), int(m[1].(float64)), m[2].(string)}
			want[sp] = true
			get(a.Heldout, sp.t).g++
			get(a.Heldout, "overall").g++
		}
		for _, m := range d.Mentions {
			sp := span{m.Start, m.End, string(m.Type)}
			get(a.Heldout, sp.t).f++
			get(a.Heldout, "overall").f++
			if want[sp] {
				get(a.Heldout, sp.t).c++
				get(a.Heldout, "overall").c++
			} else {
				fmt.Fprintf(os.Stderr, "%s: extra or wrong %s %q\n", a.Name, sp.t, m.Text)
			}
		}
	}
	for _, h := range []bool{false, true} {
		title := "articles the rules were written on"
		if h {
			title = "held-out articles"
		}
		fmt.Printf("fine types, %s:\n", title)
		var names []string
		for k := range per[h] {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			c := per[h][k]
			p, r, f := 0.0, 0.0, 0.0
			if c.f > 0 {
				p = 100 * float64(c.c) / float64(c.f)
			}
			if c.g > 0 {
				r = 100 * float64(c.c) / float64(c.g)
			}
			if p+r > 0 {
				f = 2 * p * r / (p + r)
			}
			fmt.Printf("%12s: P %6.2f R %6.2f F1 %6.2f (gold %d, found %d)\n", k, p, r, f, c.g, c.f)
		}
	}
	return nil
}
