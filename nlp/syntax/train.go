package syntax

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

// TrainOptions are the trainer's settings; DefaultTrainOptions gives the
// ones the embedded model was trained with.
type TrainOptions struct {
	TagEpochs   int
	ParseEpochs int
	// Folds is the number of jackknife folds for the parser's input tags.
	Folds                         int
	TagBits, ParseBits, LabelBits uint
	Seed                          uint64
	// Explore is the probability, after the first epoch, of following the
	// model's own action instead of the oracle's best one (dynamic oracle).
	Explore float64
	// XPOSMin is how often a UPOS|XPOS pair must occur in the training
	// data (copies included) to be a tag class of its own; 0 tags UPOS
	// only. (Dev, 3 parser epochs: UPOS only 94.86/84.00 UPOS/UAS, pairs
	// seen 400 times 94.77/83.47.)
	XPOSMin int
	// Mix is the number of parsers trained on differently shuffled
	// orders (and exploration draws) whose averaged weights are averaged
	// into the one model: an ensemble that costs nothing at run time,
	// since the models are linear and share their features.
	Mix int
	Log io.Writer
}

// DefaultTrainOptions returns the settings of the embedded model.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{TagEpochs: 8, ParseEpochs: 10, Folds: 4, TagBits: 18, ParseBits: 20, LabelBits: 17, Seed: 1, Explore: 0.9, Mix: 1, Log: io.Discard}
}

// TrainData is what a model learns from: Gold is the treebank's training
// split as released (the lemmas and the label set come from it); Extra
// holds derived copies of its sentences (re-tokenised, upper-cased) that
// share their original's ID, so that jackknifing keeps them in its fold.
type TrainData struct {
	Gold, Extra []Sentence
	// TaggerOnly holds copies only the tagger learns from (the
	// upper-cased ones, when the parser is to read case only through the
	// tags).
	TaggerOnly []Sentence
	// Clusters maps lower-cased words to their cluster ids (from 1) at a
	// coarse and a fine granularity, learned from unlabeled text.
	Clusters map[string][2]uint16
}

// Train trains a model and prints dev scores (gold tokens) after every
// parser epoch to opt.Log.
func Train(data TrainData, dev []Sentence, opt TrainOptions) (*Model, error) {
	start := time.Now()
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	logf := func(format string, a ...any) {
		fmt.Fprintf(opt.Log, "%6.1fs  ", time.Since(start).Seconds())
		fmt.Fprintf(opt.Log, format+"\n", a...)
	}
	all := append(append([]Sentence(nil), data.Gold...), data.Extra...)
	nParse := len(all) // the parser learns from Gold and Extra only
	all = append(all, data.TaggerOnly...)
	relSet, tagSet, pairs := map[string]bool{}, map[string]bool{}, map[string]int{}
	var words []Word
	for _, s := range all {
		for _, w := range s.Words {
			if tagIndex(w.UPOS) < 0 {
				return nil, fmt.Errorf("train: sentence %s: unknown UPOS %q", s.ID, w.UPOS)
			}
			if w.Rel == "" || w.Rel == "_" {
				return nil, fmt.Errorf("train: sentence %s: word %q has no relation", s.ID, w.Form)
			}
			relSet[w.Rel] = true
			pairs[w.UPOS+"|"+w.XPOS]++
		}
	}
	for _, s := range all {
		words = append(words, s.Words...)
	}
	// A pair seen fewer than opt.XPOSMin times falls back to "UPOS|".
	for _, u := range tagNames {
		tagSet[u+"|"] = true
	}
	for p, n := range pairs {
		if opt.XPOSMin > 0 && n >= opt.XPOSMin {
			tagSet[p] = true
		}
	}
	m := &Model{rels: sortedRels(relSet), clusters: map[uint64]uint32{}}
	if err := m.setTags(sortedRels(tagSet)); err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	var buf []byte
	for w, c := range data.Clusters {
		var l lex
		l, buf = lexOf(w, buf)
		m.clusters[l.w] = uint32(c[0])<<16 | uint32(c[1])
	}
	m.lem = learnLemmas(words, m.clusters)
	logf("%d sentences (%d gold), %d tag classes, %d labels, %d lemma exceptions, %d suffix rules", len(all), len(data.Gold), len(m.tags), len(m.rels), len(m.lem.exceptions), len(m.lem.rules))

	// Jackknifed tags for the parser: each fold tagged by a tagger that
	// never saw it.
	pred := make([][]int, len(all))
	if opt.Folds > 1 {
		for k := 0; k < opt.Folds; k++ {
			var in, out []int
			for i, s := range all {
				if int(hstr(s.ID)%uint64(opt.Folds)) == k {
					out = append(out, i)
				} else {
					in = append(in, i)
				}
			}
			tm := &Model{tagger: trainTagger(m, all, in, opt), clusters: m.clusters, tags: m.tags, upos: m.upos}
			ws := &workspace{}
			for _, i := range out {
				tm.tag(ws, forms(all[i]))
				pred[i] = append([]int(nil), ws.tags...)
			}
			logf("jackknife fold %d/%d tagged %d sentences", k+1, opt.Folds, len(out))
		}
	}
	idx := make([]int, len(all))
	for i := range idx {
		idx[i] = i
	}
	m.tagger = trainTagger(m, all, idx, opt)
	m.learnTagDict(all)
	logf("tag dictionary: %d words", len(m.tagdict))
	if opt.Folds <= 1 {
		ws := &workspace{}
		for i := range all {
			m.tag(ws, forms(all[i]))
			pred[i] = append([]int(nil), ws.tags...)
		}
	}
	if len(dev) > 0 {
		sc := Evaluate(m, dev, nil)
		logf("tagger: dev UPOS %.2f", sc.UPOS())
	}
	if err := trainParser(m, all[:nParse], pred[:nParse], dev, opt, logf); err != nil {
		return nil, err
	}
	return m, nil
}

func forms(s Sentence) []string {
	out := make([]string, len(s.Words))
	for i, w := range s.Words {
		out[i] = w.Form
	}
	return out
}

// trainTagger trains the averaged perceptron tagger on the sentences
// sents[i] for i in idx, greedy left to right on its own predicted
// history.
func trainTagger(m *Model, sents []Sentence, idx []int, opt TrainOptions) *table {
	t := newTable(opt.TagBits, len(m.tags))
	class := map[string]int{}
	for i, c := range m.tags {
		class[c] = i
	}
	order := append([]int(nil), idx...)
	rng := rand.New(rand.NewPCG(opt.Seed, 1))
	now := 1.0
	var (
		lx    []lex
		buf   []byte
		fs    []uint64
		tags  []int
		fms   []string
		score = make([]float32, len(m.tags))
	)
	for range opt.TagEpochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := sents[si]
			fms = fms[:0]
			for _, w := range s.Words {
				fms = append(fms, w.Form)
			}
			lx, buf = m.lexes(lx, buf, fms)
			caps := sentenceCaps(lx)
			tags = tags[:0]
			for i, w := range s.Words {
				t1, t2 := 0, 0
				if i > 0 {
					t1 = tags[i-1] + 1
				}
				if i > 1 {
					t2 = tags[i-2] + 1
				}
				fs = tagFeatures(fs, lx, i, t1, t2, caps)
				clear(score)
				t.scoreF(fs, score)
				p := argmaxF(score)
				g, ok := class[w.UPOS+"|"+w.XPOS]
				if !ok {
					g = class[w.UPOS+"|"]
				}
				if p != g {
					t.update(fs, g, 1, now)
					t.update(fs, p, -1, now)
				}
				now++
				tags = append(tags, p)
			}
		}
	}
	t.finish(now)
	return t
}

func argmaxF(s []float32) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}

// trainParser trains the transition and label models with the dynamic
// oracle on the predicted tags pred.
func trainParser(m *Model, sents []Sentence, pred [][]int, dev []Sentence, opt TrainOptions, logf func(string, ...any)) error {
	relIdx := map[string]int{}
	for i, r := range m.rels {
		relIdx[r] = i
	}
	nl := len(m.rels)
	m.allowed = learnAllowed(sents, nl, relIdx)
	mix := max(opt.Mix, 1)
	var pt0, lt0 *table
	now0 := 0.0
	for r := range mix {
		pt, lt, now := trainParserOnce(m, sents, pred, dev, opt, relIdx, uint64(r), logf)
		if r == 0 {
			pt0, lt0, now0 = pt, lt, now
			continue
		}
		pt0.fold(now0, pt, now)
		lt0.fold(now0, lt, now)
	}
	pt0.finishMix(now0, mix)
	lt0.finishMix(now0, mix)
	m.parser, m.labels = pt0, lt0
	if len(dev) > 0 && mix > 1 {
		sc := Evaluate(m, dev, nil)
		logf("parser mix of %d: dev UPOS %.2f UAS %.2f LAS %.2f", mix, sc.UPOS(), sc.UAS(), sc.LAS())
	}
	return nil
}

// trainParserOnce trains the transition and label models on the r-th
// shuffled order of sents, returning their training state and step count.
func trainParserOnce(m *Model, sents []Sentence, pred [][]int, dev []Sentence, opt TrainOptions, relIdx map[string]int, r uint64, logf func(string, ...any)) (pt, lt *table, now float64) {
	nl := len(m.rels)
	pt = newTable(opt.ParseBits, nActs)
	lt = newTable(opt.LabelBits, nl)
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 2+r*1000))
	now = 1.0
	var (
		st      state
		buf     []byte
		lx      []lex
		fms     []string
		fs, lfs []uint64
		gold    []int32
		grel    []int
		kids    [][]int32
		inStack []bool
		score   = make([]float32, nActs)
		lscore  = make([]float32, nl)
	)
	for epoch := range opt.ParseEpochs {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, si := range order {
			s := sents[si]
			n := len(s.Words)
			st.reset(n, len(m.tags))
			gold, grel = gold[:0], grel[:0]
			for len(kids) < n+1 {
				kids = append(kids, nil)
			}
			for i := 0; i <= n; i++ {
				kids[i] = kids[i][:0]
			}
			inStack = append(inStack[:0], make([]bool, n+1)...)
			fms = fms[:0]
			for _, w := range s.Words {
				fms = append(fms, w.Form)
			}
			lx, buf = m.lexes(lx, buf, fms)
			for i, w := range s.Words {
				l := lx[i]
				st.words[i] = l.head
				st.clus[i] = uint32(l.c1)<<16 | uint32(l.c2)
				st.hy[i] = hyphenated(&l)
				st.tags[i] = uint8(pred[si][i] + 1)
				h := w.Head
				if h < 0 {
					h = n
				}
				gold = append(gold, int32(h))
				kids[h] = append(kids[h], int32(i))
				grel = append(grel, relIdx[w.Rel])
			}
			gold = append(gold, -1)
			for !st.terminal() {
				fs = st.features(fs)
				clear(score)
				pt.scoreF(fs, score)
				c := st.costs(gold, kids, inStack)
				minCost := -1
				for a := range nActs {
					if c[a] >= 0 && (minCost < 0 || c[a] < minCost) {
						minCost = c[a]
					}
				}
				p, g := -1, -1
				for a := range nActs {
					if c[a] < 0 {
						continue
					}
					if p < 0 || score[a] > score[p] {
						p = a
					}
					if c[a] == minCost && (g < 0 || score[a] > score[g]) {
						g = a
					}
				}
				if c[p] > minCost {
					pt.update(fs, g, 1, now)
					pt.update(fs, p, -1, now)
				}
				follow := g
				if epoch > 0 && rng.Float64() < opt.Explore {
					follow = p
				}
				l := 0
				if follow != actShift {
					dep, head := st.arc(follow)
					lfs = labelFeatures(lfs, fs, follow)
					clear(lscore)
					lt.scoreF(lfs, lscore)
					lp := argmaxF(lscore)
					l = lp
					if int(gold[dep]) == head {
						gl := grel[dep]
						if lp != gl {
							lt.update(lfs, gl, 1, now)
							lt.update(lfs, lp, -1, now)
						}
						l = gl
					}
					inStack[dep] = false
				} else {
					inStack[st.b] = true
				}
				now++
				st.apply(follow, l)
			}
		}
		if len(dev) > 0 {
			m.parser, m.labels = pt.snapshot(now), lt.snapshot(now)
			sc := Evaluate(m, dev, nil)
			logf("parser %d epoch %d: dev UPOS %.2f UAS %.2f LAS %.2f", r+1, epoch+1, sc.UPOS(), sc.UAS(), sc.LAS())
		}
	}
	return pt, lt, now
}

// fold adds the averaged weights of src (trained apart, its final step
// count snow) to t's training state at t's step count now: t.w - t.u/now
// grows by src.w - src.u/snow.
func (t *table) fold(now float64, src *table, snow float64) {
	for j, w := range src.w {
		t.w[j] += w
		t.u[j] += src.u[j] * now / snow
	}
}

// finishMix divides the sum of k folded tables by k, then averages and
// quantises it as finish does.
func (t *table) finishMix(now float64, k int) {
	if k > 1 {
		for j := range t.w {
			t.w[j] /= float32(k)
			t.u[j] /= float64(k)
		}
	}
	t.finish(now)
}

// snapshot returns a quantised copy of the averaged weights, leaving the
// training state as it is.
func (t *table) snapshot(now float64) *table {
	c := &table{bits: t.bits, n: t.n, mask: t.mask, w: append([]float32(nil), t.w...), u: t.u}
	c.finish(now)
	return c
}

// Score counts a parse's agreement with the gold words.
type Score struct {
	Words, Tags, Heads, Labels int
}

func (s Score) UPOS() float64 { return pct(s.Tags, s.Words) }
func (s Score) UAS() float64  { return pct(s.Heads, s.Words) }
func (s Score) LAS() float64  { return pct(s.Labels, s.Words) }

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

// Evaluate parses the sentences' gold words (upper-cased first when
// transform is strings.ToUpper, say) and counts the agreement, labels
// compared without subtypes as in CoNLL 2018.
func Evaluate(m *Model, sents []Sentence, transform func(string) string) Score {
	var sc Score
	ws := &workspace{}
	var fs []string
	for _, s := range sents {
		fs = fs[:0]
		for _, w := range s.Words {
			f := w.Form
			if transform != nil {
				f = transform(f)
			}
			fs = append(fs, f)
		}
		if m.parser == nil {
			m.tag(ws, fs)
		} else {
			m.run(ws, fs)
		}
		for i, w := range s.Words {
			sc.Words++
			if tagNames[m.upos[ws.tags[i]]] == w.UPOS {
				sc.Tags++
			}
			if m.parser == nil {
				continue
			}
			h := int(ws.st.head[i])
			if h == len(s.Words) {
				h = -1
			}
			if h == w.Head {
				sc.Heads++
				if universal(m.rels[ws.st.rel[i]-1]) == universal(w.Rel) {
					sc.Labels++
				}
			}
		}
	}
	return sc
}

func universal(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}
