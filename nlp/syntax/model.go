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
	scores = scores[:n]
	for _, h := range fs {
		r := int(h&t.mask) * n
		row := t.q[r : r+n : r+n]
		for c, v := range row {
			scores[c] += int32(v)
		}
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
	tagger *table   // rows of nTags
	parser *table   // rows of nActs
	labels *table   // rows of len(rels)
	rels   []string // dependency labels, sorted
	lem    lemmatizer
}

const magic = "muster-syntax-1\n"

// Write writes the model gzip-compressed. The same model gives the same
// bytes.
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(magic)
	writeStrings(bw, m.rels)
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
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
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
	want := []int{nTags, nActs, len(m.rels)}
	for k, dst := range []**table{&m.tagger, &m.parser, &m.labels} {
		bits, err1 := binary.ReadUvarint(br)
		n, err2 := binary.ReadUvarint(br)
		if err := errors.Join(err1, err2); err != nil {
			return nil, err
		}
		if bits > 26 || int(n) != want[k] {
			return nil, fmt.Errorf("table %d: %d bits, %d classes (want %d)", k, bits, n, want[k])
		}
		var sb uint32
		if err := binary.Read(br, binary.LittleEndian, &sb); err != nil {
			return nil, err
		}
		t := &table{bits: uint(bits), n: int(n), mask: 1<<bits - 1, scale: math.Float32frombits(sb)}
		t.q = make([]int16, (1<<bits)*int(n))
		buf := make([]byte, 1<<16)
		for i := 0; i < len(t.q); {
			k := min(len(buf)/2, len(t.q)-i)
			if _, err := io.ReadFull(br, buf[:2*k]); err != nil {
				return nil, fmt.Errorf("table %d: %w", k, err)
			}
			for j := 0; j < k; j++ {
				t.q[i+j] = int16(binary.LittleEndian.Uint16(buf[2*j:]))
			}
			i += k
		}
		*dst = t
	}
	if err := m.lem.read(br); err != nil {
		return nil, fmt.Errorf("lemmas: %w", err)
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
	out := make([]string, 0, n)
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
	tags   []int
	scores []int32
	st     state
}

// tag fills ws.tags with the tag classes of the sentence's tokens.
func (m *Model) tag(ws *workspace, forms []string) {
	n := len(forms)
	ws.lx = ws.lx[:0]
	for _, f := range forms {
		var l lex
		l, ws.lower = lexOf(f, ws.lower)
		ws.lx = append(ws.lx, l)
	}
	caps := sentenceCaps(ws.lx)
	ws.tags = ws.tags[:0]
	if cap(ws.scores) < 256 {
		ws.scores = make([]int32, 256)
	}
	sc := ws.scores[:nTags]
	for i := 0; i < n; i++ {
		t1, t2 := 0, 0
		if i > 0 {
			t1 = ws.tags[i-1] + 1
		}
		if i > 1 {
			t2 = ws.tags[i-2] + 1
		}
		ws.fs = tagFeatures(ws.fs, ws.lx, i, t1, t2, caps)
		clear(sc)
		m.tagger.scoreQ(ws.fs, sc)
		ws.tags = append(ws.tags, argmax32(sc))
	}
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
	st.reset(n)
	for i := 0; i < n; i++ {
		st.words[i] = ws.lx[i].w
		st.tags[i] = uint8(ws.tags[i] + 1)
	}
	nl := len(m.rels)
	if cap(ws.scores) < nl+nActs {
		ws.scores = make([]int32, nl+nActs)
	}
	for !st.terminal() {
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

// label picks the label of the arc action a: the label model's features
// are the configuration's, hashed again with the arc's direction.
func (m *Model) label(ws *workspace, a int) int {
	nl := len(m.rels)
	sc := ws.scores[nActs : nActs+nl]
	clear(sc)
	labelFeatures(ws.fs, a)
	m.labels.scoreQ(ws.fs, sc)
	return argmax32(sc)
}

// labelFeatures rehashes the configuration's features in place with the
// direction of arc action a.
func labelFeatures(fs []uint64, a int) {
	dir := uint64(a)
	for i, h := range fs {
		fs[i] = mix(h, dir)
	}
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
