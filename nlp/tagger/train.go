package tagger

import (
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)

// Sentence is one training sentence: tokens and their IOB2 labels.
type Sentence struct {
	Tokens []string
	Labels []string
}

// Document is the sentences of one news story, in order. The second stage
// of the tagger looks across a whole document.
type Document []Sentence

// Resources are the lexical lists the features look up. They are built
// from unlabeled text and gazetteers by the trainer and stored in the
// model file.
type Resources struct {
	// Clusters maps a word form to its cluster at three granularities
	// (ids from 1; 0 is unknown, ids below 1024).
	Clusters map[string][3]uint16
	// CaseCounts maps a lower-case word to how often unlabeled text writes
	// it lower, Title, UPPER and MiXed in positions where casing is
	// informative (not sentence-initial, not in a headline).
	CaseCounts map[string][4]int
	// TypeCounts maps a lower-case word to how often a first model,
	// tagging the unlabeled text, put its capitalised occurrences outside
	// any entity and in a PER, LOC, ORG and MISC one (in that order): an
	// automatic gazetteer of what the word usually names.
	TypeCounts map[string][5]int
	// Gazetteer maps a lower-case name, tokens joined by single spaces, to
	// the lists it is in (GazCity, GazCountry, …).
	Gazetteer map[string]uint16
}

// Gazetteer list bits for Resources.Gazetteer.
const (
	GazCity     = gazCity
	GazCountry  = gazCountry
	GazAdmin    = gazAdmin
	GazDemonym  = gazDemonym
	GazGroup    = gazGroup
	GazWikiPER  = gazWikiPER
	GazWikiORG  = gazWikiORG
	GazWikiLOC  = gazWikiLOC
	GazWikiMISC = gazWikiMISC
	GazFirst    = gazFirst
	GazLast     = gazLast
)

// TrainOptions set the training run. The zero value is not useful; start
// from DefaultTrainOptions().
type TrainOptions struct {
	// Epochs of the first (sentence) and second (document) stage.
	Epochs1, Epochs2 int
	// Bits is log2 of the number of hashed feature buckets.
	Bits uint
	// Folds for the jackknifed first-stage labels that train stage 2.
	Folds int
	// Seed fixes the order sentences are visited in, so the same data
	// gives the same model bytes.
	Seed uint64
	// Joint trains one weight table for both passes: every sentence is
	// seen once without and once with its document features, and the
	// second pass at tagging time only adds the document features'
	// weights to the first pass's scores (cheaper than a separate stage-2
	// model).
	Joint bool
	// BILOU trains on BILOU labels (converted from the IOB2 input; the
	// tagger still answers in IOB2), which Ratinov & Roth found better
	// than BIO.
	BILOU bool
	// Stacked makes stage 2 a small model over stage-1 labels, a few
	// lexical features and the document features, with 1<<Bits2 buckets,
	// instead of a second full model: tagging is then nearly as fast as
	// one stage.
	Stacked bool
	Bits2   uint
	// Seeds > 1 trains the final stage 1 that many times in different
	// sentence orders and averages the weights (a free ensemble at tagging
	// time; 3 seeds: stage-1 dev 92.62 against 92.42, but final 92.98
	// against 92.96, a tie, so the shipped model uses 1).
	Seeds int
	// Log, when set, receives progress lines.
	Log io.Writer
	// Epoch, when set, is called after every epoch of the final stage-1
	// and the stage-2 training with a Tagger of the averaged weights so
	// far, so a caller can score it on dev and choose the epoch count.
	Epoch func(stage, epoch int, t *Tagger)
}

// DefaultTrainOptions returns the settings of the shipped model, chosen on
// CoNLL dev only (entity F1 with document context, final model):
//
//   - 2^19 buckets: 92.67, against 92.77 with 2^20 and 92.61 with 2^21
//     (full second stage, before context aggregation) — within noise, and
//     half the memory of 2^20;
//   - BIO labels: BILOU gave 92.76 against 92.67 at twice the scoring cost;
//   - context aggregation and table-row features: 92.81 against 92.67;
//   - a stacked second stage: 92.96 after 5 epochs (92.82 after 12)
//     against 92.81 for a full second model that doubles the cost;
//   - 12 stage-1 epochs: 16 gave 92.65 at best;
//   - rejected: type priors from tagging the unlabeled text (92.50),
//     WordNet 3.0 proper names as a gazetteer (92.41), clusters of the
//     aggregated neighbours (92.74; with 3 seeds 92.61), 5-character
//     prefixes and suffixes of capitalised words (92.65).
//
// Differences under about 0.2 are within run-to-run noise.
func DefaultTrainOptions() TrainOptions {
	return TrainOptions{Epochs1: 12, Epochs2: 5, Bits: 19, Bits2: 18, Stacked: true, Folds: 5, Seed: 1}
}

type trainDoc struct {
	st   *docState
	gold []int8
}

type perceptron struct {
	L      int
	w, t   []float32
	uw, ut []float64
	c      float64
}

func newPerceptron(L int, bits uint) *perceptron {
	n := (1 << bits) * L
	return &perceptron{L: L, w: make([]float32, n), uw: make([]float64, n),
		t: make([]float32, (L+1)*L), ut: make([]float64, (L+1)*L), c: 1}
}

func (p *perceptron) updW(f uint32, y int, d float32) {
	i := int(f)*p.L + y
	p.w[i] += d
	p.uw[i] += p.c * float64(d)
}

func (p *perceptron) updT(prev, y int, d float32) {
	i := prev*p.L + y
	p.t[i] += d
	p.ut[i] += p.c * float64(d)
}

// averaged returns the averaged weights.
func (p *perceptron) averaged() ([]float32, []float32) {
	w := make([]float32, len(p.w))
	for i, v := range p.w {
		if v != 0 || p.uw[i] != 0 {
			w[i] = v - float32(p.uw[i]/p.c)
		}
	}
	t := make([]float32, len(p.t))
	for i, v := range p.t {
		t[i] = v - float32(p.ut[i]/p.c)
	}
	return w, t
}

// Train learns a model from labelled documents and returns its encoded
// bytes (the format Load and New read). Stage 1 is an averaged structured
// perceptron over one sentence at a time; stage 2 adds features from the
// stage-1 labels of the same words elsewhere in the document, trained on
// jackknifed stage-1 labels so that it learns how far to trust them.
func Train(docs []Document, res Resources, opt TrainOptions) ([]byte, error) {
	start := time.Now()
	logf := func(format string, args ...any) {
		if opt.Log != nil {
			fmt.Fprintf(opt.Log, "%6.1fs  "+format+"\n", append([]any{time.Since(start).Seconds()}, args...)...)
		}
	}
	if opt.Bits < 10 || opt.Bits > 24 {
		return nil, fmt.Errorf("train: bits %d out of range 10..24", opt.Bits)
	}
	m := &model{bits: opt.Bits, bits2: opt.Bits, joint: opt.Joint, stacked: opt.Stacked}
	if opt.Stacked {
		if opt.Bits2 < 10 || opt.Bits2 > 24 {
			return nil, fmt.Errorf("train: bits2 %d out of range 10..24", opt.Bits2)
		}
		m.bits2 = opt.Bits2
	}
	labelSet := map[string]bool{}
	if opt.BILOU {
		docs = toBILOU(docs)
	}
	for di, d := range docs {
		for si, s := range d {
			if len(s.Tokens) != len(s.Labels) {
				return nil, fmt.Errorf("train: document %d sentence %d: %d tokens, %d labels", di, si, len(s.Tokens), len(s.Labels))
			}
			for _, l := range s.Labels {
				if l != "O" && (len(l) < 3 || !strings.ContainsRune("BILU", rune(l[0])) || l[1] != '-') {
					return nil, fmt.Errorf("train: document %d sentence %d: label %q is not IOB2", di, si, l)
				}
				labelSet[l] = true
			}
		}
	}
	labels := []string{"O"}
	var rest []string
	for l := range labelSet {
		if l != "O" {
			rest = append(rest, l)
		}
	}
	sort.Slice(rest, func(i, j int) bool {
		if rest[i][2:] != rest[j][2:] {
			return rest[i][2:] < rest[j][2:]
		}
		return rest[i] < rest[j]
	})
	labels = append(labels, rest...)
	if len(labels) > 120 {
		return nil, fmt.Errorf("train: %d labels, at most 120", len(labels))
	}
	m.setLabels(labels)
	m.setResources(res)
	index := map[string]int8{}
	for i, l := range labels {
		index[l] = int8(i)
	}

	td := make([]trainDoc, len(docs))
	for i, d := range docs {
		sents := make([][]string, len(d))
		var gold []int8
		for j, s := range d {
			sents[j] = s.Tokens
			for _, l := range s.Labels {
				gold = append(gold, index[l])
			}
		}
		st := newDocState()
		m.prepare(st, sents)
		td[i] = trainDoc{st: st, gold: gold}
	}
	logf("features of %d documents ready", len(docs))

	all := make([]int, len(td))
	for i := range all {
		all[i] = i
	}
	// Jackknife: stage-1 labels and scores for every training document
	// from a model that did not see it, so stage 2 learns from labels as
	// good (and as bad) as it will get on new text.
	jack := make([][]int8, len(td))
	if opt.Epochs2 > 0 {
		folds := max(opt.Folds, 2)
		for f := 0; f < folds; f++ {
			var in, out []int
			for i := range td {
				if i%folds == f {
					out = append(out, i)
				} else {
					in = append(in, i)
				}
			}
			p := m.trainStage(td, in, modeBase, opt.Epochs1, opt.Seed+uint64(f)*7919, nil)
			fm := *m
			fm.w1.f, fm.t1 = p.averaged()
			for _, i := range out {
				jack[i] = make([]int8, len(td[i].gold))
				fm.decode(td[i].st, jack[i], false)
			}
			logf("jackknife fold %d/%d done", f+1, folds)
		}
	}
	if opt.Joint && opt.Epochs2 > 0 {
		for i := range td {
			m.docFeatures(td[i].st, jack[i])
		}
		pj := m.trainJoint(td, all, opt.Epochs2, opt.Seed, func(ep int, p *perceptron) {
			if opt.Epoch != nil {
				em := *m
				em.w1.f, em.t1 = p.averaged()
				em.w2, em.t2 = em.w1, em.t1
				opt.Epoch(2, ep, newTagger(&em))
			}
			logf("joint epoch %d", ep)
		})
		m.w1.f, m.t1 = pj.averaged()
		m.w2, m.t2 = m.w1, m.t1
		data, err := m.encode()
		if err != nil {
			return nil, fmt.Errorf("train: %w", err)
		}
		logf("model encoded: %d bytes", len(data))
		return data, nil
	}
	p1 := m.trainStage(td, all, modeBase, opt.Epochs1, opt.Seed, func(ep int, p *perceptron) {
		if opt.Epoch != nil {
			em := *m
			em.w1.f, em.t1 = p.averaged()
			opt.Epoch(1, ep, newTagger(&em))
		}
		logf("stage 1 epoch %d", ep)
	})
	m.w1.f, m.t1 = p1.averaged()
	for k := 1; k < opt.Seeds; k++ {
		// More runs in other sentence orders, weights averaged: a cheap
		// ensemble that costs nothing at tagging time.
		pk := m.trainStage(td, all, modeBase, opt.Epochs1, opt.Seed+uint64(k)*104729, nil)
		w, t := pk.averaged()
		addScaled(m.w1.f, w, m.t1, t)
		logf("stage 1 seed %d", k+1)
	}
	if opt.Seeds > 1 {
		scale(m.w1.f, m.t1, 1/float32(opt.Seeds))
		if opt.Epoch != nil {
			opt.Epoch(1, opt.Epochs1, newTagger(m))
		}
	}
	if opt.Epochs2 > 0 {
		for i := range td {
			m.docFeatures(td[i].st, jack[i])
		}
		mode := modeFull
		if opt.Stacked {
			mode = modeStacked
		}
		p2 := m.trainStage(td, all, mode, opt.Epochs2, opt.Seed+1, func(ep int, p *perceptron) {
			if opt.Epoch != nil {
				em := *m
				em.w2.f, em.t2 = p.averaged()
				opt.Epoch(2, ep, newTagger(&em))
			}
			logf("stage 2 epoch %d", ep)
		})
		m.w2.f, m.t2 = p2.averaged()
	}
	data, err := m.encode()
	if err != nil {
		return nil, fmt.Errorf("train: %w", err)
	}
	logf("model encoded: %d bytes", len(data))
	return data, nil
}

func addScaled(w, dw, t, dt []float32) {
	for i, v := range dw {
		w[i] += v
	}
	for i, v := range dt {
		t[i] += v
	}
}

func scale(w, t []float32, f float32) {
	for i := range w {
		w[i] *= f
	}
	for i := range t {
		t[i] *= f
	}
}

// trainStage runs the averaged perceptron over the sentences of the given
// documents, on the base features and, with withDoc, the document
// features too.
func (m *model) trainStage(td []trainDoc, docs []int, mode int, epochs int, seed uint64, after func(int, *perceptron)) *perceptron {
	L := len(m.labels)
	bits := m.bits
	if mode == modeStacked {
		bits = m.bits2
	}
	withBase, withDoc := mode != modeStacked, mode != modeBase
	p := newPerceptron(L, bits)
	w := &table{f: p.w}
	type ref struct{ d, s int }
	var refs []ref
	for _, d := range docs {
		for s := 0; s+1 < len(td[d].st.sent); s++ {
			refs = append(refs, ref{d, s})
		}
	}
	pred := make([]int8, 0, 256)
	for ep := 1; ep <= epochs; ep++ {
		rng := rand.New(rand.NewPCG(seed, uint64(ep)))
		order := rng.Perm(len(refs))
		for _, k := range order {
			r := refs[k]
			st := td[r.d].st
			gold := td[r.d].gold
			a, b := st.sent[r.s], st.sent[r.s+1]
			if withBase {
				m.emit(st, w, a, b)
			} else {
				if cap(st.score) < len(st.toks)*L {
					st.score = make([]float32, len(st.toks)*L)
				}
				st.score = st.score[:len(st.toks)*L]
				clear(st.score[a*L : b*L])
			}
			if withDoc {
				m.emitDoc(st, w, a, b)
			}
			if cap(pred) < len(gold) {
				pred = make([]int8, len(gold))
			}
			pred = pred[:len(gold)]
			m.viterbi(st, p.t, a, b, pred)
			for i := a; i < b; i++ {
				g, y := int(gold[i]), int(pred[i])
				if g != y {
					for _, f := range st.feats[st.fo[i]:st.fo[i+1]] {
						if !withBase {
							break
						}
						p.updW(f, g, 1)
						p.updW(f, y, -1)
					}
					if withDoc {
						for _, f := range st.dfeat[st.dfo[i]:st.dfo[i+1]] {
							p.updW(f, g, 1)
							p.updW(f, y, -1)
						}
					}
				}
				gp, yp := L, L
				if i > a {
					gp, yp = int(gold[i-1]), int(pred[i-1])
				}
				if gp != yp || g != y {
					p.updT(gp, g, 1)
					p.updT(yp, y, -1)
				}
			}
			p.c++
		}
		if after != nil {
			after(ep, p)
		}
	}
	return p
}

// Training modes of trainStage.
const (
	modeBase    = iota // base features: stage 1
	modeFull           // base and document features: a full stage 2
	modeStacked        // stacked stage 2: document features only
)

// trainJoint trains one table on every sentence twice per epoch: once with
// base features only (the first pass) and once with the jackknifed
// document features added (the second pass).
func (m *model) trainJoint(td []trainDoc, docs []int, epochs int, seed uint64, after func(int, *perceptron)) *perceptron {
	L := len(m.labels)
	p := newPerceptron(L, m.bits)
	w := &table{f: p.w}
	type ref struct{ d, s int }
	var refs []ref
	for _, d := range docs {
		for s := 0; s+1 < len(td[d].st.sent); s++ {
			refs = append(refs, ref{d, s})
		}
	}
	pred := make([]int8, 0, 256)
	for ep := 1; ep <= epochs; ep++ {
		rng := rand.New(rand.NewPCG(seed, uint64(ep)))
		order := rng.Perm(len(refs))
		for _, k := range order {
			r := refs[k]
			st := td[r.d].st
			gold := td[r.d].gold
			a, b := st.sent[r.s], st.sent[r.s+1]
			if cap(pred) < len(gold) {
				pred = make([]int8, len(gold))
			}
			pred = pred[:len(gold)]
			for pass := 0; pass < 2; pass++ {
				m.emit(st, w, a, b)
				if pass == 1 {
					m.emitDoc(st, w, a, b)
				}
				m.viterbi(st, p.t, a, b, pred)
				for i := a; i < b; i++ {
					g, y := int(gold[i]), int(pred[i])
					if g != y {
						for _, f := range st.feats[st.fo[i]:st.fo[i+1]] {
							p.updW(f, g, 1)
							p.updW(f, y, -1)
						}
						if pass == 1 {
							for _, f := range st.dfeat[st.dfo[i]:st.dfo[i+1]] {
								p.updW(f, g, 1)
								p.updW(f, y, -1)
							}
						}
					}
					gp, yp := L, L
					if i > a {
						gp, yp = int(gold[i-1]), int(pred[i-1])
					}
					if gp != yp || g != y {
						p.updT(gp, g, 1)
						p.updT(yp, y, -1)
					}
				}
				p.c++
			}
		}
		if after != nil {
			after(ep, p)
		}
	}
	return p
}

// toBILOU rewrites IOB2 labels as BILOU: a one-token entity is U-, the
// last token of a longer one L-.
func toBILOU(docs []Document) []Document {
	out := make([]Document, len(docs))
	for i, d := range docs {
		out[i] = make(Document, len(d))
		for j, s := range d {
			ls := make([]string, len(s.Labels))
			for k, l := range s.Labels {
				ls[k] = l
				if l == "O" || len(l) < 3 {
					continue
				}
				next := "O"
				if k+1 < len(s.Labels) {
					next = s.Labels[k+1]
				}
				ends := !(len(next) > 2 && next[0] == 'I' && next[2:] == l[2:])
				switch {
				case l[0] == 'B' && ends:
					ls[k] = "U" + l[1:]
				case l[0] == 'I' && ends:
					ls[k] = "L" + l[1:]
				}
			}
			out[i][j] = Sentence{Tokens: s.Tokens, Labels: ls}
		}
	}
	return out
}

// setResources turns the trainer's lists into the model's hashed tables.
func (m *model) setResources(res Resources) {
	m.clusters = make(map[uint64]uint32, len(res.Clusters))
	for w, c := range res.Clusters {
		m.clusters[hashString(w)] = uint32(c[0]&1023) | uint32(c[1]&1023)<<10 | uint32(c[2]&1023)<<20
	}
	m.casePrior = make(map[uint64]uint8, len(res.CaseCounts))
	for w, c := range res.CaseCounts {
		best, bc, total := 0, uint8(caseUnknown), 0
		for i, n := range c {
			total += n
			if n > best {
				best, bc = n, uint8(i)+1
			}
		}
		// Trust a prior only with a few observations and a clear winner.
		if total >= 2 && best*3 >= total*2 {
			m.casePrior[hashString(w)] = bc
		}
	}
	for w, c := range res.TypeCounts {
		best, bt, total := 0, 0, 0
		for i, n := range c {
			total += n
			if n > best {
				best, bt = n, i
			}
		}
		if total < 2 {
			continue
		}
		conf := uint8(0)
		switch {
		case best*10 >= total*9:
			conf = 3
		case best*10 >= total*7:
			conf = 2
		case best*2 > total:
			conf = 1
		}
		h := hashString(w)
		m.casePrior[h] = m.casePrior[h]&7 | (uint8(bt+1)<<2|conf)<<3
	}
	m.gaz = make(map[uint64]uint16, len(res.Gazetteer)*2)
	for name, bits := range res.Gazetteer {
		name = string(lower(nil, normalize(nil, strings.Join(strings.Fields(name), " "))))
		if name == "" || bits == 0 {
			continue
		}
		toks := strings.Split(name, " ")
		if len(toks) > gazMaxLen {
			continue
		}
		for k := 1; k < len(toks); k++ {
			m.gaz[hashString(strings.Join(toks[:k], " "))] |= gazPrefix
		}
		m.gaz[hashString(name)] |= bits &^ gazPrefix
	}
}
