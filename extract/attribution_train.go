package extract

import (
	"math/rand/v2"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// TrainingRelation is one annotated attribution relation: the byte-span
// fragments of its source, cue and content (nil when absent).
type TrainingRelation struct {
	Source, Cue, Content []muster.Span
}

// TrainingDoc is a segmented document and its annotated relations.
type TrainingDoc struct {
	Doc       *nlp.Doc
	Relations []TrainingRelation
}

// TrainOptions sets the model size and training length.
type TrainOptions struct {
	Bits   uint   // log2 of the number of feature buckets
	Epochs int    // passes over the data
	Seed   uint64 // shuffling
}

// The options the embedded model was trained with, used for zero fields.
const (
	DefaultTrainBits   = 20
	DefaultTrainEpochs = 8
)

// TrainAttributionModel trains the cue and role taggers on docs (PolNeAR's
// train split for the embedded model; see attribution_train_test.go).
func TrainAttributionModel(docs []TrainingDoc, opt TrainOptions) *AttributionModel {
	if opt.Bits == 0 {
		opt.Bits = DefaultTrainBits
	}
	if opt.Epochs == 0 {
		opt.Epochs = DefaultTrainEpochs
	}
	m := &AttributionModel{bits: opt.Bits, lex: newCueLexicon(), TentativeBias: DefaultTentativeBias, cue: newPerceptron(opt.Bits, cueTags), role: newPerceptron(opt.Bits, roleTags)}
	m.cue.startTraining()
	m.role.startTraining()
	type prepared struct {
		d       *nlp.Doc
		info    []tokInfo
		cueGold []int
		isCue   []bool
		rels    []roleExample
	}
	var data []prepared
	for _, td := range docs {
		d := td.Doc
		if d == nil || len(d.Tokens) == 0 {
			continue
		}
		p := prepared{d: d, info: m.infos(d), cueGold: make([]int, len(d.Tokens)), isCue: make([]bool, len(d.Tokens))}
		for _, r := range td.Relations {
			idx := tokensIn(d, r.Cue)
			for k, i := range idx {
				tag := tagI
				if k == 0 || idx[k-1] != i-1 {
					tag = tagB
				}
				if p.cueGold[i] == tagO || tag == tagB {
					p.cueGold[i] = tag
				}
				p.isCue[i] = true
			}
		}
		for _, r := range td.Relations {
			if ex, ok := newRoleExample(d, r); ok {
				p.rels = append(p.rels, ex)
			}
		}
		data = append(data, p)
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	var feats []uint32
	var rf roleFeats
	var ctx roleCtx
	var rs roleScratch
	for epoch := 0; epoch < opt.Epochs; epoch++ {
		rng.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
		for _, p := range data {
			for _, r := range p.d.SentenceTokens {
				// Structured perceptron: decode the sentence, then move
				// the weights of the gold path up and the guessed one down.
				guess := viterbiCue(m.cue, p.info, r[0], r[1], zeroBias[:])
				qin := quoteIn(p.info, r[0], r[1])
				gp, pp := tagO, tagO
				for i := r[0]; i < r[1]; i++ {
					g, q := p.cueGold[i], guess[i-r[0]]
					m.cue.clock++
					if g != q {
						feats = cueStatic(feats[:0], p.info, i, r[0], r[1], qin)
						m.cue.add(feats, g, 1)
						m.cue.add(feats, q, -1)
					}
					if g != q || gp != pp {
						feats = cueDynamic(feats[:0], p.info, i, r[0], r[1], gp)
						m.cue.add(feats, g, 1)
						feats = cueDynamic(feats[:0], p.info, i, r[0], r[1], pp)
						m.cue.add(feats, q, -1)
					}
					gp, pp = g, q
				}
			}
			for _, ex := range p.rels {
				setRoleCtx(&ctx, p.info, p.isCue, ex.a, ex.b, ex.qs, ex.qe)
				guess := viterbiRole(m.role, p.info, &ctx, zeroRoleBias[:], &rs)
				gp, pp := tagO, tagO
				for i := ex.a; i < ex.b; i++ {
					g, q := ex.gold[i-ex.a], guess[i-ex.a]
					if i >= ex.qs && i < ex.qe {
						g = tagO
					} else {
						m.role.clock++
						if g != q || gp != pp {
							roleFeatures(&rf, p.info, &ctx, i)
							feats = rf.withPrev(feats[:0], gp)
							m.role.add(feats, g, 1)
							feats = rf.withPrev(feats[:0], pp)
							m.role.add(feats, q, -1)
						}
					}
					gp, pp = g, q
				}
			}
		}
	}
	m.cue.average()
	m.role.average()
	return m
}

var (
	zeroBias     [cueTags]float32
	zeroRoleBias [roleTags]float32
)

// roleExample is one relation's cue in its sentence with the gold role tags
// of the sentence's tokens.
type roleExample struct {
	a, b, qs, qe int
	gold         []int
}

func newRoleExample(d *nlp.Doc, r TrainingRelation) (roleExample, bool) {
	idx := tokensIn(d, r.Cue)
	if len(idx) == 0 {
		return roleExample{}, false
	}
	si := sentenceOfToken(d, idx[0])
	if si < 0 {
		return roleExample{}, false
	}
	a, b := d.SentenceTokens[si][0], d.SentenceTokens[si][1]
	ex := roleExample{a: a, b: b, qs: idx[0], qe: idx[0] + 1}
	for _, i := range idx {
		if i < b && i+1 > ex.qe {
			ex.qe = i + 1
		}
	}
	ex.gold = make([]int, b-a)
	mark := func(frags []muster.Span, bTag, iTag int, override bool) {
		prevIn := false
		for i := a; i < b; i++ {
			in := tokenInAny(d.Tokens[i].Span, frags)
			if in && (i < ex.qs || i >= ex.qe) && (override || ex.gold[i-a] == tagO) {
				if prevIn {
					ex.gold[i-a] = iTag
				} else {
					ex.gold[i-a] = bTag
				}
			}
			prevIn = in
		}
	}
	mark(r.Content, tagBContent, tagIContent, false)
	mark(r.Source, tagBSource, tagISource, true)
	return ex, true
}

// tokensIn returns the indexes of the tokens that overlap any fragment.
func tokensIn(d *nlp.Doc, frags []muster.Span) []int {
	var out []int
	for _, f := range frags {
		for i, t := range d.Tokens {
			if t.Start >= f.End {
				break
			}
			if t.Overlaps(f) {
				out = append(out, i)
			}
		}
	}
	return out
}

func tokenInAny(t muster.Span, frags []muster.Span) bool {
	for _, f := range frags {
		if t.Overlaps(f) {
			return true
		}
	}
	return false
}

func sentenceOfToken(d *nlp.Doc, i int) int {
	for si, r := range d.SentenceTokens {
		if r[0] <= i && i < r[1] {
			return si
		}
	}
	return -1
}
