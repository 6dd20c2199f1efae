package extract

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/muster-osint/muster/nlp"
)

// The attribution model is two averaged perceptrons over hashed features
// (Collins 2002: structured perceptrons trained and decoded with Viterbi
// over first-order tag transitions):
//
//  1. the cue tagger labels every token of a sentence O, B or I of a cue;
//  2. the role tagger, run once per cue over the cue's sentence, labels each
//     token O, B/I-source or B/I-content of that cue, with features that say
//     where the token lies relative to the cue. Running per cue lets nested
//     attributions ("X said Y claimed Z") give each cue its own source and
//     content.
//
// Features are hashed into 2^bits buckets; weights are stored as int16 with
// one scale per tagger, gzipped (attribution_model.gz, trained on the
// PolNeAR train split by TrainAttributionModel).

const (
	cueTags  = 3 // O, B, I
	roleTags = 5 // O, B-src, I-src, B-content, I-content

	tagO        = 0
	tagB        = 1
	tagI        = 2
	tagBSource  = 1
	tagISource  = 2
	tagBContent = 3
	tagIContent = 4
)

// perceptron is one multiclass averaged perceptron over hashed features.
type perceptron struct {
	nTags int
	mask  uint32
	w     []float32
	// q and scale hold the weights of a loaded attribution model as the
	// file stores them (w is then nil): half the memory of float32 (16
	// of its 32 MB) and half the cache lines the taggers' scoring reads
	// at random, the hottest loop of the model. The sums are exact in
	// int32 and scaled once, where float32 sums of the scaled weights
	// rounded at each step: on PolNeAR dev and news_armed_groups dev no
	// decision changes.
	q     []int16
	scale float32
	// training state; nil once averaged
	acc   []float64
	stamp []int32
	clock int32
}

func newPerceptron(bits uint, nTags int) *perceptron {
	n := (1 << bits) * nTags
	return &perceptron{nTags: nTags, mask: 1<<bits - 1, w: make([]float32, n)}
}

// quantise maps weights onto int16 with one scale, the largest weight at
// ±32767: how the attribution and role models are stored, at half the size
// of float32 and with no loss a perceptron's decisions notice.
func quantise(w []float32) (scale float32, q []int16) {
	var maxAbs float32
	for _, x := range w {
		maxAbs = max(maxAbs, float32(math.Abs(float64(x))))
	}
	scale = maxAbs / 32767
	if scale == 0 {
		scale = 1
	}
	q = make([]int16, len(w))
	for i, x := range w {
		q[i] = int16(math.Round(float64(x / scale)))
	}
	return scale, q
}

// writeWeights writes w quantised: its scale, then the int16 weights.
func writeWeights(wr io.Writer, w []float32) error {
	scale, q := quantise(w)
	if err := binary.Write(wr, binary.LittleEndian, scale); err != nil {
		return err
	}
	return binary.Write(wr, binary.LittleEndian, q)
}

// readWeights fills w with weights written by writeWeights.
func readWeights(r io.Reader, w []float32) error {
	scale, q, err := readQuantised(r, len(w))
	if err != nil {
		return err
	}
	for i, v := range q {
		w[i] = float32(v) * scale
	}
	return nil
}

// readQuantised reads n weights written by writeWeights as they are
// stored: the scale and the int16 weights.
func readQuantised(r io.Reader, n int) (float32, []int16, error) {
	var scale float32
	if err := binary.Read(r, binary.LittleEndian, &scale); err != nil {
		return 0, nil, fmt.Errorf("weight scale: %w", err)
	}
	q := make([]int16, n)
	if err := nlp.ReadWeights(r, q); err != nil {
		return 0, nil, err
	}
	return scale, q, nil
}

// write writes p's weights as writeWeights does; a loaded model's as it
// read them.
func (p *perceptron) write(wr io.Writer) error {
	if p.w == nil && p.q != nil {
		if err := binary.Write(wr, binary.LittleEndian, p.scale); err != nil {
			return err
		}
		return binary.Write(wr, binary.LittleEndian, p.q)
	}
	return writeWeights(wr, p.w)
}

// openModel opens a gzipped model file and checks that it starts with
// magic, the name and version of its kind.
func openModel(b []byte, magic string) (io.Reader, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	got := make([]byte, len(magic))
	if _, err := io.ReadFull(zr, got); err != nil || string(got) != magic {
		return nil, fmt.Errorf("not a %s file", magic)
	}
	return zr, nil
}

func (p *perceptron) startTraining() {
	p.acc = make([]float64, len(p.w))
	p.stamp = make([]int32, len(p.w))
}

func (p *perceptron) bump(i int, d float32) {
	p.acc[i] += float64(p.clock-p.stamp[i]) * float64(p.w[i])
	p.stamp[i] = p.clock
	p.w[i] += d
}

// average replaces the weights by their average over all updates.
func (p *perceptron) average() {
	if p.clock == 0 {
		return
	}
	for i := range p.w {
		total := p.acc[i] + float64(p.clock-p.stamp[i])*float64(p.w[i])
		p.w[i] = float32(total / float64(p.clock))
	}
	p.acc, p.stamp = nil, nil
}

// AttributionModel finds attribution relations: a cue tagger and a role
// tagger (see the comment at the top of attribution_model.go) and the cue
// lexicon. It is read-only after loading and safe for concurrent use.
type AttributionModel struct {
	// CueBias is added to the score of a cue's first token: above zero it
	// trades precision for recall.
	CueBias float32
	// RoleBias is added to the scores of B-source and B-content.
	RoleBias float32
	// TentativeBias, when above zero, decodes each sentence a second time
	// with this much more bias on a cue's first token. A cue found only
	// then is kept when the role tagger finds it both a source and a
	// content: on PolNeAR's dev split this raises cue recall at a smaller
	// cost in precision than CueBias does (cue F1 0.680 → 0.687 at
	// DefaultTentativeBias, where CueBias alone lowers F1). Loaded and
	// trained models start with DefaultTentativeBias.
	TentativeBias float32
	// SkipPlain leaves the sentences without a cue word, verb of a
	// class, quotation mark, colon or clausal complement untagged (see
	// mayHoldCue), which event reports, most of whose sentences are such,
	// run faster through (GTD summaries about 3% through the whole
	// pipeline). Loaded models start with it unset: the model over the
	// parse finds cues there that the word lists do not foresee, and
	// skipping costs it on PolNeAR's dev split exact F1 source 0.731 →
	// 0.727, cue 0.716 → 0.715, content overlap 0.714 → 0.711.
	SkipPlain bool

	bits uint
	cue  *perceptron
	role *perceptron
	lex  cueLexicon
}

// DefaultTentativeBias is the TentativeBias of loaded and trained models,
// chosen on PolNeAR's dev split for the embedded model (10 to 50 tried:
// cue F1 0.684 at 15 and 20, 0.687 at 25, 0.686 at 30).
const DefaultTentativeBias = 25

const modelMagic = "muster-attribution-v1"

// MarshalBinary encodes the model as gzipped int16 weights.
func (m *AttributionModel) MarshalBinary() ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.Write([]byte(modelMagic))
	binary.Write(zw, binary.LittleEndian, uint32(m.bits))
	for _, p := range []*perceptron{m.cue, m.role} {
		binary.Write(zw, binary.LittleEndian, uint32(p.nTags))
		if err := p.write(zw); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// LoadAttributionModel decodes a model written by MarshalBinary.
func LoadAttributionModel(b []byte) (*AttributionModel, error) {
	zr, err := openModel(b, modelMagic)
	if err != nil {
		return nil, fmt.Errorf("attribution model: %w", err)
	}
	var bits uint32
	if err := binary.Read(zr, binary.LittleEndian, &bits); err != nil || bits < 8 || bits > 24 {
		return nil, fmt.Errorf("attribution model: bad hash size %d", bits)
	}
	m := &AttributionModel{bits: uint(bits), lex: newCueLexicon(), TentativeBias: DefaultTentativeBias}
	for i, want := range []int{cueTags, roleTags} {
		var nTags uint32
		if err := binary.Read(zr, binary.LittleEndian, &nTags); err != nil || int(nTags) != want {
			return nil, fmt.Errorf("attribution model: tagger %d: bad tag count", i)
		}
		p := &perceptron{nTags: want, mask: 1<<m.bits - 1}
		if p.scale, p.q, err = readQuantised(zr, (1<<m.bits)*want); err != nil {
			return nil, fmt.Errorf("attribution model: tagger %d: %w", i, err)
		}
		if i == 0 {
			m.cue = p
		} else {
			m.role = p
		}
	}
	return m, nil
}

// scores adds the weights of feats for every tag into out.
func (p *perceptron) scores(feats []uint32, out []float32) {
	if p.q != nil {
		sumRows[int16, int32](p.q, p.mask, p.nTags, feats, out, p.scale)
		return
	}
	sumRows[float32, float32](p.w, p.mask, p.nTags, feats, out, 1)
}

// sumRows sets out[t] to scale times the sum of the weights of feats for
// tag t, from w of nTags weights a row: float32 weights summed in
// float32 (a model in training, or trained in this process) or a loaded
// model's int16 weights summed in int32, exactly, and scaled once (see
// perceptron.q; times 1 the float32 sums are unchanged).
func sumRows[W int16 | float32, A int32 | float32](w []W, mask uint32, nTags int, feats []uint32, out []float32, scale float32) {
	if nTags == 3 && len(out) >= 3 {
		// The cue tagger's three tags, unrolled: this loop is the hottest
		// of the attribution model.
		var a, b, c A
		var buf [64]int
		for _, i := range nlp.RowOffsets(buf[:0], feats, mask, 3) {
			row := w[i : i+3 : i+3]
			a += A(row[0])
			b += A(row[1])
			c += A(row[2])
		}
		out[0], out[1], out[2] = float32(a)*scale, float32(b)*scale, float32(c)*scale
		return
	}
	if nTags == 5 && len(out) >= 5 {
		// The role tagger's five tags, unrolled likewise: it scores
		// every token of a cue's sentence once per previous tag.
		var a, b, c, d, e A
		var buf [64]int
		for _, i := range nlp.RowOffsets(buf[:0], feats, mask, 5) {
			row := w[i : i+5 : i+5]
			a += A(row[0])
			b += A(row[1])
			c += A(row[2])
			d += A(row[3])
			e += A(row[4])
		}
		out[0], out[1], out[2], out[3], out[4] = float32(a)*scale, float32(b)*scale, float32(c)*scale, float32(d)*scale, float32(e)*scale
		return
	}
	var buf [8]A // the event role scorer's six classes fit
	sum := buf[:0]
	if nTags <= len(buf) {
		sum = buf[:nTags]
	} else {
		sum = make([]A, nTags)
	}
	for _, f := range feats {
		row := w[int(f&mask)*nTags:][:nTags]
		for t := range sum {
			sum[t] += A(row[t])
		}
	}
	clear(out)
	for t, v := range sum {
		out[t] = float32(v) * scale
	}
}

// add moves the weights of feats for tag by d (training).
func (p *perceptron) add(feats []uint32, tag int, d float32) {
	for _, f := range feats {
		p.bump(int(f&p.mask)*p.nTags+tag, d)
	}
}

// viterbiCue returns the best O/B/I tag sequence of the sentence [a,b)
// under the cue tagger (an I never follows an O), with bias added to each
// tag's score.
func viterbiCue(p *perceptron, info []tokInfo, a, b int, bias []float32) []int {
	var sc cueScores
	sc.score(p, info, a, b)
	return sc.decode(bias)
}

// cueScores holds the cue tagger's scores of one sentence's tokens, so
// that decoding it under several biases costs the features once. One
// cueScores may score sentence after sentence, reusing its buffers.
type cueScores struct {
	st [][cueTags]float32          // static score of each tag
	dy [][cueTags][cueTags]float32 // dynamic score of each tag by previous tag

	feats []uint32 // scratch
	// decode's buffers, reused: the tags it returns are valid until the
	// next call.
	delta [][cueTags]float32
	back  [][cueTags]int8
	tags  []int
}

func (sc *cueScores) score(p *perceptron, info []tokInfo, a, b int) {
	n := max(b-a, 0)
	if cap(sc.st) < n {
		sc.st = make([][cueTags]float32, n)
		sc.dy = make([][cueTags][cueTags]float32, n)
	}
	sc.st, sc.dy = sc.st[:n], sc.dy[:n]
	feats := sc.feats[:0]
	qin := quoteIn(info, a, b)
	for k := 0; k < n; k++ {
		i := a + k
		feats = cueStatic(feats[:0], info, i, a, b, qin)
		p.scores(feats, sc.st[k][:])
		npv := cueTags
		if k == 0 {
			npv = 1
		}
		for pv := 0; pv < npv; pv++ {
			feats = cueDynamic(feats[:0], info, i, a, b, pv)
			p.scores(feats, sc.dy[k][pv][:])
		}
	}
	sc.feats = feats
}

// decode returns the best tag sequence with bias added to each tag's score.
func (sc *cueScores) decode(bias []float32) []int {
	n := len(sc.st)
	if n == 0 {
		return nil
	}
	const T = cueTags
	if cap(sc.delta) < n {
		sc.delta = make([][T]float32, n)
		sc.back = make([][T]int8, n)
		sc.tags = make([]int, n)
	}
	delta, back := sc.delta[:n], sc.back[:n]
	neg := float32(math.Inf(-1))
	for k := 0; k < n; k++ {
		for t := 0; t < T; t++ {
			delta[k][t] = neg
		}
		npv := T
		if k == 0 {
			npv = 1
		}
		for pv := 0; pv < npv; pv++ {
			base := float32(0)
			if k > 0 {
				if delta[k-1][pv] == neg {
					continue
				}
				base = delta[k-1][pv]
			}
			for t := 0; t < T; t++ {
				if t == tagI && pv == tagO {
					continue
				}
				if v := base + sc.st[k][t] + bias[t] + sc.dy[k][pv][t]; v > delta[k][t] {
					delta[k][t], back[k][t] = v, int8(pv)
				}
			}
		}
	}
	tags := sc.tags[:n]
	best := tagO
	for t := 1; t < T; t++ {
		if delta[n-1][t] > delta[n-1][best] {
			best = t
		}
	}
	for k := n - 1; k >= 0; k-- {
		tags[k] = best
		best = int(back[k][best])
	}
	return tags
}

// roleAllowed reports whether tag t may follow tag prev in the role
// tagger: an I continues its own B or I.
func roleAllowed(prev, t int) bool {
	switch t {
	case tagISource:
		return prev == tagBSource || prev == tagISource
	case tagIContent:
		return prev == tagBContent || prev == tagIContent
	}
	return true
}

// roleScratch holds viterbiRole's buffers, reused from cue to cue: the
// tags it returns are valid until the next call.
type roleScratch struct {
	delta [][roleTags]float32
	back  [][roleTags]int8
	tags  []int
	feats []uint32
	rf    roleFeats
}

// viterbiRole returns the best role tag sequence of the cue's sentence; the
// cue's own tokens are O. Each token's features that do not depend on the
// previous tag are hashed and scored once; those that do are hashed once
// and finished and scored once per reachable previous tag.
func viterbiRole(p *perceptron, info []tokInfo, c *roleCtx, bias []float32, s *roleScratch) []int {
	n := c.b - c.a
	if n <= 0 {
		return nil
	}
	const T = roleTags
	if cap(s.delta) < n {
		s.delta = make([][T]float32, n)
		s.back = make([][T]int8, n)
		s.tags = make([]int, n)
	}
	delta, back := s.delta[:n], s.back[:n]
	feats := s.feats
	rf := &s.rf
	var st, sc [T]float32
	neg := float32(math.Inf(-1))
	for k := 0; k < n; k++ {
		i := c.a + k
		for t := 0; t < T; t++ {
			delta[k][t] = neg
		}
		back[k] = [T]int8{}
		if i >= c.qs && i < c.qe {
			// The cue: O, reached from any state.
			best, bp := neg, 0
			if k == 0 {
				best = 0
			}
			for pv := 0; k > 0 && pv < T; pv++ {
				if delta[k-1][pv] > best {
					best, bp = delta[k-1][pv], pv
				}
			}
			delta[k][tagO], back[k][tagO] = best, int8(bp)
			continue
		}
		roleFeatures(rf, info, c, i)
		p.scores(rf.static, st[:])
		npv := T
		if k == 0 {
			npv = 1
		}
		for pv := 0; pv < npv; pv++ {
			base := float32(0)
			if k > 0 {
				if delta[k-1][pv] == neg {
					continue
				}
				base = delta[k-1][pv]
			}
			feats = rf.dynamic(feats[:0], pv)
			p.scores(feats, sc[:])
			for t := 0; t < T; t++ {
				if !roleAllowed(pv, t) {
					continue
				}
				if v := base + st[t] + sc[t] + bias[t]; v > delta[k][t] {
					delta[k][t], back[k][t] = v, int8(pv)
				}
			}
		}
	}
	s.feats = feats
	tags := s.tags[:n]
	best := tagO
	for t := 1; t < T; t++ {
		if delta[n-1][t] > delta[n-1][best] {
			best = t
		}
	}
	for k := n - 1; k >= 0; k-- {
		tags[k] = best
		best = int(back[k][best])
	}
	return tags
}

// tokInfo is what the features need to know about one token.
type tokInfo struct {
	lower   string
	shape   byte // X capitalised, A all caps, x lower, d digit, p punctuation, q quote
	lex     byte // lexClass of the token, 0 if none
	cls     byte // lex, else the token's verb class (verbClasses), else 0
	inQuote bool // inside quotation marks (the marks themselves are not)
	pron    bool

	// From the parse (attribution_parse.go); zero, and head -1, without one.
	upos  byte   // uposCodes of the tag
	rel   byte   // relCodes of the relation to the head
	head  int    // index of the head token, -1 for a root
	kids  byte   // kid* bits: the relations the token governs
	lo    int    // first token of the token's subtree
	hi    int    // last token of the token's subtree
	lemma string // the lemma
}

var pronouns = map[string]bool{"he": true, "she": true, "they": true, "i": true, "we": true, "you": true, "it": true, "who": true, "which": true, "that": true}

// infos computes tokInfo for every token of d. Quotation state resets at a
// blank line.
func (m *AttributionModel) infos(d *nlp.Doc) []tokInfo {
	out := make([]tokInfo, len(d.Tokens))
	open := false
	prevEnd := 0
	for i, t := range d.Tokens {
		if strings.Count(d.Text[prevEnd:t.Start], "\n") >= 2 {
			open = false
		}
		prevEnd = t.End
		ti := &out[i]
		ti.lower = normWord(t.Text)
		ti.shape = shapeOf(t.Text)
		if k, ok := m.lex[ti.lower]; ok {
			ti.lex = lexClass(k)
		}
		ti.cls = ti.lex
		if ti.cls == 0 {
			ti.cls = verbClasses[ti.lower]
		}
		ti.pron = pronouns[ti.lower]
		switch t.Text {
		case "“":
			open = true
			ti.shape = 'q'
		case "”":
			open = false
			ti.shape = 'q'
		case `"`:
			open = !open
			ti.shape = 'q'
		case "'":
			// "''", a quotation mark in some newspapers' text: the
			// first of the pair toggles the quotation state.
			switch {
			case i+1 < len(d.Tokens) && d.Tokens[i+1].Text == "'" && d.Tokens[i+1].Start == t.End:
				open = !open
				ti.shape = 'q'
			case i > 0 && d.Tokens[i-1].Text == "'" && d.Tokens[i-1].End == t.Start:
				ti.shape = 'q'
			default:
				ti.inQuote = open
			}
		default:
			ti.inQuote = open
		}
	}
	parseInfo(d, out)
	return out
}

// normWord lower-cases a token and straightens its apostrophes.
func normWord(s string) string {
	s = strings.ToLower(s)
	if strings.Contains(s, "’") {
		s = strings.ReplaceAll(s, "’", "'")
	}
	return s
}

func shapeOf(s string) byte {
	if s == "" {
		return 'p'
	}
	c := s[0]
	switch {
	case c >= '0' && c <= '9':
		return 'd'
	case c >= 'A' && c <= 'Z':
		if len(s) > 1 && strings.ToUpper(s) == s {
			return 'A'
		}
		return 'X'
	case c >= 'a' && c <= 'z':
		return 'x'
	case c >= 0x80:
		if strings.ToLower(s) != s {
			return 'X'
		}
		if s == "“" || s == "”" || s == "‘" || s == "’" {
			return 'q'
		}
		return 'x'
	}
	return 'p'
}

// hasher builds FNV-1a hashes of feature templates without allocating.
type hasher uint64

const (
	fnvOffset hasher = 14695981039346656037
	fnvPrime  hasher = 1099511628211
)

func (h hasher) b(c byte) hasher { return (h ^ hasher(c)) * fnvPrime }

func (h hasher) s(s string) hasher {
	for i := 0; i < len(s); i++ {
		h = (h ^ hasher(s[i])) * fnvPrime
	}
	return (h ^ 0xff) * fnvPrime
}

func (h hasher) u() uint32 { return uint32(h ^ h>>32) }

func feat(id byte) hasher { return fnvOffset.b(id) }

// window accessors with sentence-boundary padding.
func word(info []tokInfo, i, a, b int) string {
	if i < a {
		return "<s>"
	}
	if i >= b {
		return "</s>"
	}
	return info[i].lower
}

func shape(info []tokInfo, i, a, b int) byte {
	if i < a || i >= b {
		return '_'
	}
	return info[i].shape
}

func lexAt(info []tokInfo, i, a, b int) byte {
	if i < a || i >= b {
		return 0
	}
	return info[i].lex
}

func clsAt(info []tokInfo, i, a, b int) byte {
	if i < a || i >= b {
		return 0
	}
	return info[i].cls
}

func suffix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

// cueDynamic appends the features that depend on the previous tag.
func cueDynamic(dst []uint32, info []tokInfo, i, a, b, prev int) []uint32 {
	w := info[i].lower
	w1 := word(info, i-1, a, b)
	pt := byte(prev)
	return append(dst,
		feat(13).b(pt).u(),
		feat(14).b(pt).s(w).u(),
		feat(19).b(pt).b(info[i].lex).u(),
		feat(20).b(pt).s(w1).s(w).u(),
	)
}

// quoteIn is 1 if the sentence [a,b) holds a quotation mark, else 0.
func quoteIn(info []tokInfo, a, b int) byte {
	for j := a; j < b; j++ {
		if info[j].shape == 'q' {
			return 1
		}
	}
	return 0
}

// cueStatic appends the features that do not depend on the previous tag;
// quoteInSent is quoteIn of the sentence, found once for all its tokens.
func cueStatic(dst []uint32, info []tokInfo, i, a, b int, quoteInSent byte) []uint32 {
	w := info[i].lower
	w1, w2 := word(info, i-1, a, b), word(info, i-2, a, b)
	n1, n2 := word(info, i+1, a, b), word(info, i+2, a, b)
	lx := info[i].lex
	q := byte(0)
	if info[i].inQuote {
		q = 1
	}
	dst = append(dst,
		feat(0).u(),
		feat(1).s(w).u(),
		feat(2).s(w1).u(),
		feat(3).s(n1).u(),
		feat(4).s(w2).u(),
		feat(5).s(n2).u(),
		feat(6).s(w1).s(w).u(),
		feat(7).s(w).s(n1).u(),
		feat(8).s(suffix(w, 3)).u(),
		feat(9).b(info[i].shape).u(),
		feat(10).b(lx).u(),
		feat(11).b(lexAt(info, i-1, a, b)).b(lx).u(),
		feat(12).b(lx).b(lexAt(info, i+1, a, b)).u(),
		feat(15).b(q).b(lx).u(),
		feat(16).b(shape(info, i-1, a, b)).b(info[i].shape).b(shape(info, i+1, a, b)).u(),
		feat(17).b(lx).s(n1).u(),
		feat(18).s(w1).b(lx).u(),
		feat(21).b(q).s(w).u(),
		feat(22).b(lexAt(info, i+2, a, b)).b(lx).u(),
		feat(23).b(lexAt(info, i-2, a, b)).b(lx).u(),
	)
	if i == a {
		dst = append(dst, feat(24).s(w).u())
	}
	// What follows: a quotation mark, colon or "that" opening the content
	// within three tokens; what precedes: a subject-like word.
	opens := byte(0)
	for j := i + 1; j < b && j <= i+3; j++ {
		if info[j].shape == 'q' || info[j].lower == ":" || info[j].lower == "that" {
			opens = byte(j - i)
			break
		}
	}
	subj := shape(info, i-1, a, b)
	if i-1 >= a && info[i-1].pron {
		subj = 'P'
	}
	dst = append(dst,
		feat(25).b(opens).b(lx).u(),
		feat(26).b(opens).s(w).u(),
		feat(27).b(subj).b(lx).u(),
		feat(28).b(subj).s(w).u(),
		feat(29).b(quoteInSent).b(lx).b(distBucket(b-1-i)).u(),
		feat(30).b(quoteInSent).s(w).u(),
		feat(31).b(distBucket(b-1-i)).s(w).u(),
		feat(32).s(w1).s(w).s(n1).u(),
	)
	// Generalisations over the verb: its stem joins the inflections a
	// rare reporting verb is seen in ("denounce", "denounced",
	// "denouncing"), and what closes before it ("“…,” said X") marks a
	// postposed cue as "opens" marks a preposed one.
	st := stem(w)
	closes := byte(0)
	for j := i - 1; j >= a && j >= i-3; j-- {
		if info[j].shape == 'q' {
			closes = byte(i - j)
			break
		}
	}
	dst = append(dst,
		feat(33).s(st).u(),
		feat(34).s(st).b(opens).u(),
		feat(35).s(st).b(subj).u(),
		feat(36).s(st).b(closes).u(),
		feat(37).b(closes).b(lx).b(info[i].shape).u(),
		feat(38).s(w2).s(w1).u(),
		feat(39).s(n1).s(n2).u(),
		feat(40).s(st).b(q).u(),
		feat(41).b(info[i].cls).u(),
		feat(42).b(info[i].cls).b(opens).b(subj).u(),
		feat(43).b(info[i].cls).b(closes).u(),
		feat(44).b(info[i].cls).b(q).b(quoteInSent).u(),
		feat(45).b(clsAt(info, i-1, a, b)).b(info[i].cls).b(clsAt(info, i+1, a, b)).u(),
	)
	if ti := &info[i]; ti.rel != relNone {
		hl, hr := "<root>", byte(0)
		if ti.head >= 0 {
			hl, hr = info[ti.head].lemma, info[ti.head].rel
		}
		dst = append(dst,
			feat(46).b(ti.upos).b(ti.rel).u(),
			feat(47).s(ti.lemma).u(),
			feat(48).s(ti.lemma).b(ti.kids).u(),
			feat(49).b(ti.rel).b(ti.upos).b(ti.kids).u(),
			feat(50).b(ti.rel).s(hl).u(),
			feat(51).b(uposAt(info, i-1, a, b)).b(ti.upos).b(uposAt(info, i+1, a, b)).u(),
			feat(52).b(ti.cls).b(ti.kids).b(ti.upos).u(),
			feat(53).s(ti.lemma).b(ti.rel).u(),
			feat(54).b(ti.cls).b(ti.rel).b(hr).u(),
		)
	}
	return dst
}

func uposAt(info []tokInfo, i, a, b int) byte {
	if i < a || i >= b {
		return 0
	}
	return info[i].upos
}

// stem strips a regular English inflection (-s, -es, -ed, -ing) so the
// forms of one verb share features; it is crude, for features only.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		return w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ied"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ed"):
		return strings.TrimSuffix(w[:n-2], "e")
	case n > 4 && strings.HasSuffix(w, "es") && strings.ContainsRune("sxhz", rune(w[n-3])):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		return strings.TrimSuffix(w[:n-1], "e")
	}
	return strings.TrimSuffix(w, "e")
}

// distBucket compresses a token distance.
func distBucket(d int) byte {
	switch {
	case d <= 4:
		return byte(d)
	case d <= 6:
		return 5
	case d <= 10:
		return 6
	case d <= 20:
		return 7
	}
	return 8
}

// clauseWords open a new clause after a comma.
var clauseWords = map[string]bool{"and": true, "but": true, "while": true, "although": true, "though": true, "as": true, "so": true, "because": true, "whereas": true, "yet": true}

// roleCtx describes one focal cue in its sentence for the role tagger.
type roleCtx struct {
	a, b   int // sentence token range
	qs, qe int // cue token range
	isCue  []bool
	head   string // the cue's lower-cased first word
	headLx byte
	btw    []between  // what lies between each token of [a,b) and the cue
	paths  []treePath // where each token of [a,b) lies in the tree from the cue
	lemma  string     // the lemma of the cue's root in the tree
}

// between sums up the words between a token and the cue: commas and
// dashes (up to 3), a clause boundary (", and", ", but", "; ") that ends a
// content that runs on ("“…,” she said, and soon …"), a word of another
// cue, a quotation mark, "that".
type between struct {
	commas, brk, otherCue, quoteMark, that byte
}

// add returns the sum with token j.
func (w between) add(info []tokInfo, isCue []bool, j, b int) between {
	switch info[j].lower {
	case ",", ";", "--", "—", "–":
		if w.commas < 3 {
			w.commas++
		}
		if info[j].lower == ";" || info[j].lower == "," && j+1 < b && clauseWords[info[j+1].lower] {
			w.brk = 1
		}
	case "that":
		w.that = 1
	}
	if info[j].shape == 'q' {
		w.quoteMark = 1
	}
	if isCue[j] {
		w.otherCue = 1
	}
	return w
}

// setRoleCtx fills c for the cue [qs,qe) of the sentence [a,b), reusing
// c.btw's storage. What lies between each token and the cue is summed in
// one pass out from the cue each way, not rescanned token by token.
func setRoleCtx(c *roleCtx, info []tokInfo, isCue []bool, a, b, qs, qe int) {
	btw := c.btw[:0]
	if cap(btw) < b-a {
		btw = make([]between, 0, b-a)
	}
	btw = btw[:b-a]
	paths := treePaths(c.paths, info, a, b, qs, qe)
	*c = roleCtx{a: a, b: b, qs: qs, qe: qe, isCue: isCue, head: info[qs].lower, headLx: info[qs].lex, btw: btw,
		paths: paths, lemma: info[cueHead(info, qs, qe)].lemma}
	var w between
	for i := qs - 1; i >= a; i-- {
		// Token i (left of the cue) sees (i, qs).
		btw[i-a] = w
		w = w.add(info, isCue, i, b)
	}
	w = between{}
	for i := qe; i < b; i++ {
		// Token i (right of the cue) sees [qe, i).
		btw[i-a] = w
		w = w.add(info, isCue, i, b)
	}
	for i := qs; i < qe; i++ {
		btw[i-a] = between{}
	}
}

// roleFeats are the role tagger's features of one token: those that do
// not depend on the previous tag, hashed, and those that do, as hashes
// still to be finished with the previous tag (so that Viterbi decoding
// computes the words' hashes once per token, not once per previous tag).
type roleFeats struct {
	static []uint32
	dyn    []hasher
}

// withPrev appends the token's features given the previous tag.
func (rf *roleFeats) withPrev(dst []uint32, prev int) []uint32 {
	dst = append(dst, rf.static...)
	for _, h := range rf.dyn {
		dst = append(dst, h.b(byte(prev)).u())
	}
	return dst
}

// dynamic appends the features that depend on the previous tag.
func (rf *roleFeats) dynamic(dst []uint32, prev int) []uint32 {
	for _, h := range rf.dyn {
		dst = append(dst, h.b(byte(prev)).u())
	}
	return dst
}

// roleFeatures computes the role tagger's features of token i into rf.
func roleFeatures(rf *roleFeats, info []tokInfo, c *roleCtx, i int) {
	a, b := c.a, c.b
	var side byte
	var d int
	switch {
	case i < c.qs:
		side, d = 'L', c.qs-i
	case i >= c.qe:
		side, d = 'R', i-c.qe+1
	default:
		side = 'C'
	}
	db := distBucket(d)
	bt := c.btw[i-a]
	commas, otherCue, quoteMark, that, brk := bt.commas, bt.otherCue, bt.quoteMark, bt.that, bt.brk
	w := info[i].lower
	w1, n1 := word(info, i-1, a, b), word(info, i+1, a, b)
	q := byte(0)
	if info[i].inQuote {
		q = 1
	}
	cue := byte(0)
	if c.isCue[i] {
		cue = 1
	}
	pron := byte(0)
	if info[i].pron {
		pron = 1
	}
	sh := info[i].shape
	rf.static = append(rf.static[:0],
		feat(100).u(),
		feat(101).b(side).b(db).u(),
		feat(102).b(side).s(w).u(),
		feat(103).b(side).s(w1).u(),
		feat(104).b(side).s(n1).u(),
		feat(105).b(side).b(sh).u(),
		feat(117).b(side).b(c.headLx).b(db).u(),
		feat(118).b(cue).b(side).u(),
		feat(119).b(side).b(pron).b(db).u(),
		feat(120).b(side).b(db).s(w).u(),
		feat(123).b(side).b(db).b(commas).b(q).u(),
		feat(124).s(c.head).s(w).b(side).u(),
	)
	if i == a {
		rf.static = append(rf.static, feat(126).b(side).s(w).u())
	}
	rf.static = append(rf.static,
		feat(128).b(side).s(w1).s(w).u(),
		feat(129).b(side).s(w).s(n1).u(),
		feat(130).b(side).b(db).b(distBucket(b-1-i)).u(),
		feat(131).b(side).b(brk).b(db).u(),
		feat(132).b(side).b(info[i].cls).b(db).u(),
		feat(133).s(c.head).b(side).b(db).u(),
	)
	rf.dyn = append(rf.dyn[:0],
		feat(106).b(side),
		feat(107).b(side).b(db),
		feat(108).s(w),
		feat(109).b(sh),
		feat(111).b(side).b(q),
		feat(112).b(side).b(commas),
		feat(113).b(side).b(otherCue),
		feat(114).b(side).b(quoteMark),
		feat(115).b(side).b(that),
		feat(116).b(side).s(c.head),
		feat(121).b(side).b(sh).b(shape(info, i-1, a, b)),
		feat(122).b(side).s(suffix(w, 3)),
		feat(125).b(side).b(lexAt(info, i, a, b)),
	)
	if i == b-1 {
		rf.dyn = append(rf.dyn, feat(127).b(side).s(w))
	}
	if tp := c.paths[i-a]; tp.kind != 0 {
		ti := &info[i]
		rf.static = append(rf.static,
			feat(140).b(tp.kind).b(tp.r1).u(),
			feat(141).b(tp.kind).b(tp.r1).b(tp.r2).u(),
			feat(142).b(tp.kind).b(tp.r1).b(side).b(db).u(),
			feat(143).b(tp.kind).b(tp.r1).b(ti.upos).b(ti.rel).u(),
			feat(144).b(tp.kind).b(tp.r1).s(c.lemma).u(),
			feat(145).b(tp.kind).b(tp.r1).b(tp.r2).b(side).b(q).u(),
			feat(146).b(tp.kind).b(tp.r1).b(c.headLx).b(side).u(),
		)
		rf.dyn = append(rf.dyn,
			feat(147).b(tp.kind).b(tp.r1),
			feat(148).b(tp.kind).b(tp.r1).b(tp.r2).b(side),
		)
		rf.static = append(rf.static, feat(150).b(tp.kind).b(tp.r1).b(tp.edge).u())
		rf.dyn = append(rf.dyn, feat(151).b(tp.kind).b(tp.r1).b(tp.edge))
		if i > a {
			pp := c.paths[i-a-1]
			rf.dyn = append(rf.dyn, feat(149).b(pp.kind).b(pp.r1).b(tp.kind).b(tp.r1))
		}
	}
}
