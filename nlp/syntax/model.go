package syntax

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/muster-osint/muster/nlp"
)

// table is a hashed linear model: 2^bits rows of n class weights. Training
// keeps float32 weights and the sums for averaging; a loaded model keeps
// the averaged weights quantised to int16 (half the memory and cache).
type table struct {
	bits  uint
	n     int
	mask  uint64
	q     []int16
	scale float32 // q * scale = weight
	// training only
	w []float32
	u []float64 // Σ t·Δ, for the average w - u/t (Daumé 2006)
}

func newTable(bits uint, n int) *table {
	size := (1 << bits) * n
	return &table{bits: bits, n: n, mask: 1<<bits - 1, w: make([]float32, size), u: make([]float64, size)}
}

// scoreQ adds the quantised weights of features fs to scores.
func (t *table) scoreQ(fs []uint64, scores []int32) {
	n := t.n
	if n == nActs {
		// The transition model: three classes, unrolled.
		var a, b, c int32
		q, mask := t.q, t.mask
		var buf [128]int
		for _, r := range nlp.RowOffsets(buf[:0], fs, mask, 3) {
			row := q[r : r+3 : r+3]
			a += int32(row[0])
			b += int32(row[1])
			c += int32(row[2])
		}
		scores[0], scores[1], scores[2] = scores[0]+a, scores[1]+b, scores[2]+c
		return
	}
	// Class by class over all the features' rows, not row by row: the
	// first class's loads are independent and short, so the processor
	// fetches every row's cache line at once; row by row, a row of the
	// tagger's fifty classes fills its window, and the misses come one
	// after another. Integer sums, so the order changes no score.
	var buf [64]int
	rows := buf[:0]
	if len(fs) > len(buf) {
		rows = make([]int, 0, len(fs))
	}
	t.sumCols(nlp.RowOffsets(rows, fs, t.mask, n), scores[:n], nil)
}

// sumCols adds to scores[c], for each class c of cols (every class when
// cols is nil), the weights of class c in the rows starting at rows.
func (t *table) sumCols(rows []int, scores []int32, cols []uint8) {
	q := t.q
	if cols == nil {
		for c := range scores {
			var acc int32
			for _, r := range rows {
				acc += int32(q[r+c])
			}
			scores[c] += acc
		}
		return
	}
	for _, c := range cols {
		var acc int32
		for _, r := range rows {
			acc += int32(q[r+int(c)])
		}
		scores[c] += acc
	}
}

// scoreF adds the training weights of features fs to scores.
func (t *table) scoreF(fs []uint64, scores []float32) {
	n := t.n
	scores = scores[:n]
	for _, h := range fs {
		r := int(h&t.mask) * n
		row := t.w[r : r+n : r+n]
		for c, v := range row {
			scores[c] += v
		}
	}
}

func (t *table) update(fs []uint64, c int, delta float32, now float64) {
	for _, h := range fs {
		i := int(h&t.mask)*t.n + c
		t.w[i] += delta
		t.u[i] += now * float64(delta)
	}
}

// finish averages and quantises the weights and drops the training state.
func (t *table) finish(now float64) {
	maxAbs := float32(0)
	avg := make([]float32, len(t.w))
	for i, w := range t.w {
		a := w - float32(t.u[i]/now)
		avg[i] = a
		if a < 0 {
			a = -a
		}
		maxAbs = max(maxAbs, a)
	}
	t.scale = maxAbs / 32767
	if t.scale == 0 {
		t.scale = 1
	}
	t.q = make([]int16, len(avg))
	for i, a := range avg {
		t.q[i] = int16(math.Round(float64(a / t.scale)))
	}
	t.w, t.u = nil, nil
}

// Model is the trained tagger, parser and lemmatiser.
type Model struct {
	tagger *table   // rows of len(tags)
	parser *table   // rows of nActs
	labels *table   // rows of len(rels)
	rels   []string // dependency labels, sorted
	// tags are the tagger's classes, "UPOS|XPOS" pairs ("VERB|VBN"),
	// sorted: the finer treebank tag tells the parser a participle from a
	// past tense. upos maps each to its UPOS (an index into tagNames).
	tags []string
	upos []uint8
	lem  lemmatizer
	// clusters maps the hash of a lower-cased word to its coarse
	// cluster << 16 | its fine cluster (ids from 1).
	clusters map[uint64]uint32
	// allowed[dir][dep UPOS][head UPOS] lists the labels seen in training
	// for an arc in that direction between those tags (head nTags: the
	// root); the label model chooses among them only.
	allowed [2][nTags][nTags + 1][]uint8
	// tagdict maps the hash of a lower-cased frequent word that the
	// training data tags one way (at least 99% of 20 or more times) to
	// that class: the tagger skips scoring it (Honnibal's tag dictionary).
	tagdict map[uint64]uint8
	// pool holds ParseWords's workspaces.
	pool sync.Pool
}

const magic = "muster-syntax-1\n"

// Write writes the model gzip-compressed. The same model gives the same
// bytes.
func (m *Model) Write(w io.Writer) error { return m.writeLevel(w, gzip.BestCompression) }

func (m *Model) writeLevel(w io.Writer, level int) error {
	zw, err := gzip.NewWriterLevel(w, level)
	if err != nil {
		return err
	}
	if err := m.writeRaw(zw); err != nil {
		return err
	}
	return zw.Close()
}

// writeRaw writes the model uncompressed.
func (m *Model) writeRaw(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(magic)
	writeStrings(bw, m.rels)
	writeStrings(bw, m.tags)
	for _, t := range []*table{m.tagger, m.parser, m.labels} {
		writeUvarint(bw, uint64(t.bits))
		writeUvarint(bw, uint64(t.n))
		binary.Write(bw, binary.LittleEndian, math.Float32bits(t.scale))
		var b [2]byte
		for _, v := range t.q {
			binary.LittleEndian.PutUint16(b[:], uint16(v))
			bw.Write(b[:])
		}
	}
	m.lem.write(bw)
	keys := make([]uint64, 0, len(m.clusters))
	for k := range m.clusters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	writeUvarint(bw, uint64(len(keys)))
	for _, k := range keys {
		binary.Write(bw, binary.LittleEndian, k)
		binary.Write(bw, binary.LittleEndian, m.clusters[k])
	}
	for dir := range m.allowed {
		for d := range m.allowed[dir] {
			for _, ls := range m.allowed[dir][d] {
				writeUvarint(bw, uint64(len(ls)))
				bw.Write(ls)
			}
		}
	}
	keys = keys[:0]
	for k := range m.tagdict {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	writeUvarint(bw, uint64(len(keys)))
	for _, k := range keys {
		binary.Write(bw, binary.LittleEndian, k)
		bw.WriteByte(m.tagdict[k])
	}
	return bw.Flush()
}

// ReadModel reads a model written by WriteTo; name is used in errors.
func ReadModel(r io.Reader, name string) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("syntax model %s: %w", name, err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	m, err := readModel(br)
	if err != nil {
		return nil, fmt.Errorf("syntax model %s: %w", name, err)
	}
	return m, nil
}

func readModel(br *bufio.Reader) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("not a syntax model (bad header)")
	}
	m := &Model{}
	var err error
	if m.rels, err = readStrings(br); err != nil {
		return nil, err
	}
	if len(m.rels) == 0 || len(m.rels) > 254 {
		return nil, fmt.Errorf("%d dependency labels", len(m.rels))
	}
	if m.tags, err = readStrings(br); err != nil {
		return nil, err
	}
	if err := m.setTags(m.tags); err != nil {
		return nil, err
	}
	want := []int{len(m.tags), nActs, len(m.rels)}
	for k, dst := range []**table{&m.tagger, &m.parser, &m.labels} {
		bits, err1 := binary.ReadUvarint(br)
		n, err2 := binary.ReadUvarint(br)
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		if bits > 24 || int(n) != want[k] {
			return nil, fmt.Errorf("table %d: %d bits, %d classes (want %d)", k, bits, n, want[k])
		}
		var sb uint32
		if err := binary.Read(br, binary.LittleEndian, &sb); err != nil {
			return nil, err
		}
		t := &table{bits: uint(bits), n: int(n), mask: 1<<bits - 1, scale: math.Float32frombits(sb)}
		// Grow with the data read, doubling up to exactly size, so a
		// corrupt header cannot make it allocate more than twice what
		// the input holds, and the table keeps no unused capacity.
		size := (1 << bits) * int(n)
		t.q = make([]int16, min(size, 1<<16))
		for done := 0; ; {
			if err := nlp.DecodeWeights(br, t.q[done:]); err != nil {
				return nil, fmt.Errorf("table %d: %w", k, err)
			}
			if done = len(t.q); done == size {
				break
			}
			grown := make([]int16, min(size, 2*done))
			copy(grown, t.q)
			t.q = grown
		}
		nlp.HugePages(t.q)
		*dst = t
	}
	if err := m.lem.read(br); err != nil {
		return nil, fmt.Errorf("lemmas: %w", err)
	}
	n, err := binary.ReadUvarint(br)
	if err != nil || n > 1<<24 {
		return nil, fmt.Errorf("clusters: bad count %d: %v", n, err)
	}
	m.clusters = make(map[uint64]uint32, min(n, 1<<12))
	var kv [12]byte
	for range n {
		if _, err := io.ReadFull(br, kv[:]); err != nil {
			return nil, fmt.Errorf("clusters: %w", err)
		}
		m.clusters[binary.LittleEndian.Uint64(kv[:8])] = binary.LittleEndian.Uint32(kv[8:])
	}
	m.lem.known = m.clusters
	for dir := range m.allowed {
		for d := range m.allowed[dir] {
			for h := range m.allowed[dir][d] {
				n, err := binary.ReadUvarint(br)
				if err != nil || n > uint64(len(m.rels)) {
					return nil, fmt.Errorf("allowed labels: bad count %d: %v", n, err)
				}
				if n == 0 {
					continue
				}
				ls := make([]uint8, n)
				if _, err := io.ReadFull(br, ls); err != nil {
					return nil, fmt.Errorf("allowed labels: %w", err)
				}
				for _, c := range ls {
					if int(c) >= len(m.rels) {
						return nil, fmt.Errorf("allowed labels: label %d of %d", c, len(m.rels))
					}
				}
				m.allowed[dir][d][h] = ls
			}
		}
	}
	n, err = binary.ReadUvarint(br)
	if err != nil || n > 1<<22 {
		return nil, fmt.Errorf("tag dictionary: bad count %d: %v", n, err)
	}
	m.tagdict = make(map[uint64]uint8, min(n, 1<<12))
	var kc [9]byte
	for range n {
		if _, err := io.ReadFull(br, kc[:]); err != nil {
			return nil, fmt.Errorf("tag dictionary: %w", err)
		}
		if int(kc[8]) >= len(m.tags) {
			return nil, fmt.Errorf("tag dictionary: class %d of %d", kc[8], len(m.tags))
		}
		m.tagdict[binary.LittleEndian.Uint64(kc[:8])] = kc[8]
	}
	return m, nil
}

func writeUvarint(w *bufio.Writer, v uint64) {
	var b [binary.MaxVarintLen64]byte
	w.Write(b[:binary.PutUvarint(b[:], v)])
}

func writeStrings(w *bufio.Writer, ss []string) {
	writeUvarint(w, uint64(len(ss)))
	for _, s := range ss {
		writeUvarint(w, uint64(len(s)))
		w.WriteString(s)
	}
}

func readStrings(r *bufio.Reader) ([]string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > 1<<24 {
		return nil, fmt.Errorf("%d strings", n)
	}
	out := make([]string, 0, min(n, 1<<10))
	for range n {
		l, err := binary.ReadUvarint(r)
		if err != nil {
			return nil, err
		}
		if l > 1<<16 {
			return nil, fmt.Errorf("string of %d bytes", l)
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, err
		}
		out = append(out, string(b))
	}
	return out, nil
}

// workspace holds one sentence's buffers, reused through a sync.Pool.
type workspace struct {
	lx     []lex
	lower  []byte
	fs     []uint64
	lfs    []uint64
	tags   []int
	scores []int32
	st     state
}

// tag fills ws.tags with the tag classes of the sentence's tokens.
func (m *Model) tag(ws *workspace, forms []string) {
	n := len(forms)
	ws.lx, ws.lower = m.lexes(ws.lx, ws.lower, forms)
	caps := sentenceCaps(ws.lx)
	ws.tags = ws.tags[:0]
	if cap(ws.scores) < 256 {
		ws.scores = make([]int32, 256)
	}
	sc := ws.scores[:len(m.tags)]
	for i := 0; i < n; i++ {
		t1, t2 := 0, 0
		if i > 0 {
			t1 = ws.tags[i-1] + 1
		}
		if i > 1 {
			t2 = ws.tags[i-2] + 1
		}
		if c, ok := m.tagdict[ws.lx[i].w]; ok {
			ws.tags = append(ws.tags, int(c))
			continue
		}
		ws.fs = tagFeatures(ws.fs, ws.lx, i, t1, t2, caps)
		clear(sc)
		m.tagger.scoreQ(ws.fs, sc)
		ws.tags = append(ws.tags, argmax32(sc))
	}
}

// lexes computes the lex of every form, clusters included.
func (m *Model) lexes(lx []lex, buf []byte, forms []string) ([]lex, []byte) {
	lx = lx[:0]
	for _, f := range forms {
		var l lex
		l, buf = lexOf(f, buf)
		if c, ok := m.clusters[l.w]; ok {
			l.c1, l.c2 = uint64(c>>16), uint64(c&0xFFFF)
		}
		lx = append(lx, l)
	}
	return lx, buf
}

// setTags sets the tag classes and their UPOS.
func (m *Model) setTags(tags []string) error {
	if len(tags) == 0 || len(tags) > 250 {
		return fmt.Errorf("%d tag classes", len(tags))
	}
	m.tags = tags
	m.upos = make([]uint8, len(tags))
	for i, t := range tags {
		u, _, _ := strings.Cut(t, "|")
		k := tagIndex(u)
		if k < 0 {
			return fmt.Errorf("tag class %q: unknown UPOS", t)
		}
		m.upos[i] = uint8(k)
	}
	return nil
}

// hyphenated is 1 for a token with an inner hyphen.
func hyphenated(l *lex) uint8 {
	if l.head != l.w {
		return 1
	}
	return 0
}

func argmax32(s []int32) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}

// parse fills ws.st with the tree of the tagged sentence.
func (m *Model) parse(ws *workspace) {
	st := &ws.st
	n := len(ws.lx)
	st.reset(n, len(m.tags))
	for i := 0; i < n; i++ {
		st.words[i] = ws.lx[i].head
		st.clus[i] = uint32(ws.lx[i].c1)<<16 | uint32(ws.lx[i].c2)
		st.hy[i] = hyphenated(&ws.lx[i])
		st.tags[i] = uint8(ws.tags[i] + 1)
	}
	nl := len(m.rels)
	if cap(ws.scores) < nl+nActs {
		ws.scores = make([]int32, nl+nActs)
	}
	for !st.terminal() {
		if len(st.stack) == 0 {
			// SHIFT is the only valid action (the stack is empty, the
			// buffer not): scoring it would pick it whatever the
			// weights, so the features are not computed (a fifth of
			// a sentence's transitions or so).
			st.apply(actShift, 0)
			continue
		}
		ws.fs = st.features(ws.fs)
		sc := ws.scores[:nActs]
		clear(sc)
		m.parser.scoreQ(ws.fs, sc)
		best := -1
		for a := 0; a < nActs; a++ {
			if st.valid(a) && (best < 0 || sc[a] > sc[best]) {
				best = a
			}
		}
		l := 0
		if best != actShift {
			l = m.label(ws, best)
		}
		st.apply(best, l)
	}
}

// label picks the label of the arc action a from a subset of the
// configuration's features (those of the two words the arc joins and
// their children), hashed again with the arc's direction: scoring every
// label is the parser's dearest step, so it reads fewer features.
func (m *Model) label(ws *workspace, a int) int {
	nl := len(m.rels)
	sc := ws.scores[nActs : nActs+nl]
	ws.lfs = labelFeatures(ws.lfs, ws.fs, a)
	dep, head := ws.st.arc(a)
	hu := nTags // the root
	if head < ws.st.n {
		hu = int(m.upos[ws.tags[head]])
	}
	allowed := m.allowed[arcDir(a)][m.upos[ws.tags[dep]]][hu]
	if len(allowed) == 0 {
		clear(sc)
		m.labels.scoreQ(ws.lfs, sc)
		best := argmax32(sc)
		if m.rels[best] == "obl:agent" && !ws.hasBy(dep) {
			sc[best] = math.MinInt32
			best = argmax32(sc)
		}
		return best
	}
	// Only the labels the treebank shows between these two tags in this
	// direction: a third of the work or less.
	for _, c := range allowed {
		sc[c] = 0
	}
	var buf [64]int
	m.labels.sumCols(nlp.RowOffsets(buf[:0], ws.lfs, m.labels.mask, nl), sc, allowed)
	// A passive agent has its "by" (UD: obl:agent); one without is
	// another relation, never the agent: "X founded the Corps (RDK)"
	// read with "Corps" as the agent made founded_by claims backwards
	// (issue 9). Its children are all attached when a word gets its head,
	// so the check is exact.
	agentOK := ws.hasBy(dep)
	best := -1
	for _, c := range allowed {
		if !agentOK && m.rels[c] == "obl:agent" {
			continue
		}
		if best < 0 || sc[c] > sc[best] {
			best = int(c)
		}
	}
	if best < 0 {
		best = int(allowed[0])
	}
	return best
}

// hashBy is the form hash of "by".
var hashBy = hstr("by")

// hasBy reports whether token t has "by" among its two leftmost children
// (where a case marker sits).
func (ws *workspace) hasBy(t int) bool {
	for _, c := range [2]int32{ws.st.lc1[t], ws.st.lc2[t]} {
		if c >= 0 && ws.lx[c].w == hashBy {
			return true
		}
	}
	return false
}

// arcDir is 0 for a LEFT arc (the head to the right) and 1 for a RIGHT
// one.
func arcDir(a int) int {
	if a == actLeft {
		return 0
	}
	return 1
}

// learnTagDict finds the frequent words the sentences tag one way: seen
// at least 20 times (lower-cased), with one class at least 99% of them.
func (m *Model) learnTagDict(sents []Sentence) {
	class := map[string]int{}
	for i, c := range m.tags {
		class[c] = i
	}
	counts := map[uint64][]int{}
	var buf []byte
	for _, s := range sents {
		for _, w := range s.Words {
			var l lex
			l, buf = lexOf(w.Form, buf)
			c, ok := class[w.UPOS+"|"+w.XPOS]
			if !ok {
				c = class[w.UPOS+"|"]
			}
			if counts[l.w] == nil {
				counts[l.w] = make([]int, len(m.tags))
			}
			counts[l.w][c]++
		}
	}
	m.tagdict = map[uint64]uint8{}
	for h, cs := range counts {
		total, best := 0, 0
		for c, n := range cs {
			total += n
			if n > cs[best] {
				best = c
			}
		}
		if total >= 20 && cs[best]*100 >= total*99 {
			m.tagdict[h] = uint8(best)
		}
	}
}

// learnAllowed collects, for each direction, dependent UPOS and head UPOS
// (nTags for the root), the labels the training sentences show.
func learnAllowed(sents []Sentence, nRels int, relIdx map[string]int) (out [2][nTags][nTags + 1][]uint8) {
	var seen [2][nTags][nTags + 1][]bool
	for _, s := range sents {
		for i, w := range s.Words {
			d, dir, hu := tagIndex(w.UPOS), 1, nTags
			if w.Head < 0 || w.Head > i {
				dir = 0
			}
			if w.Head >= 0 {
				hu = tagIndex(s.Words[w.Head].UPOS)
			}
			if seen[dir][d][hu] == nil {
				seen[dir][d][hu] = make([]bool, nRels)
			}
			seen[dir][d][hu][relIdx[w.Rel]] = true
		}
	}
	for dir := range seen {
		for d := range seen[dir] {
			for h, ls := range seen[dir][d] {
				for c, ok := range ls {
					if ok {
						out[dir][d][h] = append(out[dir][d][h], uint8(c))
					}
				}
			}
		}
	}
	return out
}

// labelTemplates are the parser templates the label model reads.
var labelTemplates = [...]int{
	pfS0w, pfS0t, pfS0wt, pfS1w, pfS1t, pfS1wt, pfB0w, pfB0t, pfB0wt, pfB1t,
	pfS0wtB0wt, pfS0tB0t, pfS0wB0w, pfS1tS0tB0t, pfS0tB0tB1t,
	pfS0tB0tD, pfS1tS0tD2, pfS1wS0w, pfS1wtS0wt, pfS0tVl, pfS0tVr,
	pfS0ll, pfS0rl, pfS0tS0llS0l2l, pfS0tS0rlS0r2l, pfB0ll, pfS0lw, pfS0rw,
	pfS0c2, pfB0c2, pfS1c2, pfS0tHy,
}

// labelFeatures returns the label model's features for arc action a:
// the chosen templates of the configuration's features fs, rehashed with
// the arc's direction.
func labelFeatures(dst, fs []uint64, a int) []uint64 {
	dst = dst[:0]
	dir := uint64(a)
	for _, t := range labelTemplates {
		dst = append(dst, mix(fs[t-1], dir))
	}
	return dst
}

// relsFromData checks and sorts a label set.
func sortedRels(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for r := range set {
		out = append(out, r)
	}
	slices.Sort(out)
	return out
}

// lowerUnlessProper lower-cases a lemma unless the tag is PROPN.
func lowerUnlessProper(lemma string, tag int) string {
	if tagNames[tag] == "PROPN" {
		return lemma
	}
	return strings.ToLower(lemma)
}
