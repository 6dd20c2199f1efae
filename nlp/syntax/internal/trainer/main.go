// Command trainer builds the syntax model (nlp/syntax/model.bin.gz) from
// UD English-EWT: it reads the train and dev splits, adds to train each
// sentence re-tokenised by nlp/segment (where segment's tokens differ from
// UD's words), the in-domain treebank of our own news sentences
// (nlp/syntax/treebank/train.conllu, -indomain-weight copies) and an
// upper-cased copy of every sentence, trains the tagger,
// the jackknifed parser and the lemmatiser, prints dev scores after every
// epoch, and writes the model. scripts/model.sh runs it; the same data and
// flags give the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/syntax"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "trainer:", err)
		os.Exit(1)
	}
}

func run() error {
	shared := flag.String("shared", "../shared", "the shared data folder")
	out := flag.String("out", "nlp/syntax/model.bin.gz", "model file to write")
	opt := syntax.DefaultTrainOptions()
	flag.IntVar(&opt.TagEpochs, "tag-epochs", opt.TagEpochs, "tagger epochs")
	flag.IntVar(&opt.ParseEpochs, "parse-epochs", opt.ParseEpochs, "parser epochs")
	flag.IntVar(&opt.Folds, "folds", opt.Folds, "jackknife folds for the parser's tags (1: tag train with the final tagger)")
	flag.UintVar(&opt.TagBits, "tag-bits", opt.TagBits, "log2 of the tagger's rows")
	flag.UintVar(&opt.ParseBits, "parse-bits", opt.ParseBits, "log2 of the transition model's rows")
	flag.UintVar(&opt.LabelBits, "label-bits", opt.LabelBits, "log2 of the label model's rows")
	flag.Uint64Var(&opt.Seed, "seed", opt.Seed, "seed of the sentence order and exploration")
	flag.Float64Var(&opt.Explore, "explore", opt.Explore, "probability of following the model's own action after epoch 1")
	flag.IntVar(&opt.Mix, "mix", opt.Mix, "parsers trained on different orders whose weights are averaged")
	flag.IntVar(&opt.XPOSMin, "xpos-min", opt.XPOSMin, "tag UPOS|XPOS pairs seen this often as classes of their own (0: UPOS only)")
	upper := flag.Bool("upper", true, "add an upper-cased copy of every training sentence")
	upperParser := flag.Bool("upper-parser", false, "let the parser learn from the upper-cased copies too (else only the tagger does)")
	project := flag.Bool("project", true, "add training sentences re-tokenised by segment")
	inDomain := flag.String("indomain", "nlp/syntax/treebank/train.conllu", "in-domain treebank of our own sentences on segment's tokens, added to train (empty: none)")
	inWeight := flag.Int("indomain-weight", 5, "copies of each in-domain sentence in the training data")
	coarse := flag.Int("clusters-coarse", 64, "coarse word clusters (0: no clusters)")
	fine := flag.Int("clusters-fine", 512, "fine word clusters")
	flag.Parse()
	opt.Log = os.Stderr

	dir := filepath.Join(*shared, "data", "ud_english_ewt")
	train, err := read(filepath.Join(dir, "en_ewt-ud-train.conllu"))
	if err != nil {
		return err
	}
	dev, err := read(filepath.Join(dir, "en_ewt-ud-dev.conllu"))
	if err != nil {
		return err
	}
	data := syntax.TrainData{Gold: train}
	nProj, nFail := 0, 0
	if *project {
		for _, s := range train {
			p, changed, ok := Retokenise(s)
			switch {
			case !ok:
				nFail++
			case changed:
				data.Extra = append(data.Extra, p)
				nProj++
			}
		}
	}
	fmt.Fprintf(os.Stderr, "trainer: %d sentences re-tokenised by segment, %d could not be projected\n", nProj, nFail)
	if *inDomain != "" && *inWeight > 0 {
		in, err := read(*inDomain)
		if err != nil {
			return err
		}
		// The copies keep their sentence's ID, so that jackknifing puts
		// them all in one fold and a fold's tags stay unseen.
		for range *inWeight {
			data.Extra = append(data.Extra, in...)
		}
		fmt.Fprintf(os.Stderr, "trainer: %d in-domain sentences from %s, %d copies each\n", len(in), *inDomain, *inWeight)
	}
	if *upper {
		var up []syntax.Sentence
		for _, s := range train {
			up = append(up, Upper(s))
		}
		for _, s := range data.Extra {
			up = append(up, Upper(s))
		}
		if *upperParser {
			data.Extra = append(data.Extra, up...)
		} else {
			data.TaggerOnly = up
		}
	}
	if *coarse > 0 {
		t0 := time.Now()
		corpus, err := clusterCorpus(filepath.Join(*shared, "data"), train)
		if err != nil {
			return err
		}
		data.Clusters = clusters(corpus, [2]int{*coarse, *fine})
		fmt.Fprintf(os.Stderr, "trainer: %d words clustered from %d sentences (%.1fs)\n", len(data.Clusters), len(corpus), time.Since(t0).Seconds())
	}
	m, err := syntax.Train(data, dev, opt)
	if err != nil {
		return err
	}
	f, err := os.Create(*out)
	if err != nil {
		return err
	}
	if err := m.Write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", *out, err)
	}
	return f.Close()
}

func read(path string) ([]syntax.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return syntax.ReadCoNLLU(f, path)
}

// Retokenise projects s onto segment's tokens of its text; changed says
// whether they differ from the treebank's words.
func Retokenise(s syntax.Sentence) (syntax.Sentence, bool, bool) {
	toks := segment.Tokens(s.Text)
	spans := make([][2]int, len(toks))
	same := len(toks) == len(s.Words)
	for i, t := range toks {
		spans[i] = [2]int{t.Start, t.End}
		if same && (s.Words[i].Start != t.Start || s.Words[i].End != t.End) {
			same = false
		}
	}
	if same {
		return s, false, true
	}
	p, ok := syntax.Project(s, spans)
	return p, true, ok
}

// Upper returns s with its forms upper-cased (lemmas and text unchanged:
// only the parser's input is).
func Upper(s syntax.Sentence) syntax.Sentence {
	c := s
	c.Words = append([]syntax.Word(nil), s.Words...)
	for i := range c.Words {
		c.Words[i].Form = strings.ToUpper(c.Words[i].Form)
	}
	return c
}
