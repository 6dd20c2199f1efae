// Command treebank bootstraps in-domain treebank sentences
// (nlp/syntax/treebank): it reads one text per line from standard input,
// splits it into sentences and tokens with nlp/segment (the tokens the
// pipeline parses), tags, lemmatises and parses each sentence with the
// embedded model (or -model), and writes CoNLL-U to standard output. The
// output is a draft: every tree is then corrected by hand to UD v2, as the
// treebank's README says.
//
//	go run ./nlp/syntax/internal/treebank -prefix pat < sentences.txt > draft.conllu
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/syntax"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "treebank:", err)
		os.Exit(1)
	}
}

func run() error {
	prefix := flag.String("prefix", "s", "sent_id prefix: sentences are numbered prefix-1, prefix-2…")
	modelPath := flag.String("model", "", "model file (default: the embedded model)")
	flag.Parse()
	m, err := syntax.LoadModel()
	if *modelPath != "" {
		f, ferr := os.Open(*modelPath)
		if ferr != nil {
			return ferr
		}
		m, err = syntax.ReadModel(f, *modelPath)
		f.Close()
	}
	if err != nil {
		return err
	}
	var out []syntax.Sentence
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		line := strings.Join(strings.Fields(sc.Text()), " ")
		if line == "" {
			continue
		}
		d := &nlp.Doc{Text: line}
		segment.Segment(d)
		for si, r := range d.SentenceTokens {
			span := d.Sentences[si]
			toks := d.Tokens[r[0]:r[1]]
			forms := make([]string, len(toks))
			for i, t := range toks {
				forms[i] = t.Text
			}
			ws := m.ParseWords(forms)
			for i, t := range toks {
				ws[i].Start, ws[i].End = t.Start-span.Start, t.End-span.Start
			}
			out = append(out, syntax.Sentence{ID: fmt.Sprintf("%s-%d", *prefix, len(out)+1), Text: line[span.Start:span.End], Words: ws})
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read: %w", err)
	}
	return syntax.WriteCoNLLU(os.Stdout, out)
}
