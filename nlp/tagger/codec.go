package tagger

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/muster-osint/muster/nlp"
)

// The model file: gzip of a little-endian stream that starts with
// modelMagic. Weights are stored as int16 with one float32 scale per
// table; maps are written in key order so the same model gives the same
// bytes.
const modelMagic = "muster-tagger-v2"

func (m *model) encode() ([]byte, error) {
	var raw bytes.Buffer
	w := bufio.NewWriter(&raw)
	put := func(v any) { binary.Write(w, binary.LittleEndian, v) }
	putString := func(s string) {
		put(uint32(len(s)))
		w.WriteString(s)
	}
	w.WriteString(modelMagic)
	put(uint32(len(m.labels)))
	for _, l := range m.labels {
		putString(l)
	}
	put(uint32(m.bits))
	put(uint32(m.bits2))
	stages := uint32(1)
	switch {
	case m.w2.empty():
	case m.joint:
		stages = 3
	case m.stacked:
		stages = 4
	default:
		stages = 2
	}
	put(stages)
	putTable := func(tb table) {
		x := tb.f
		var mx float32
		for _, v := range x {
			mx = max(mx, float32(math.Abs(float64(v))))
		}
		scale := mx / 32767
		if scale == 0 {
			scale = 1
		}
		put(scale)
		put(uint32(len(x)))
		q := make([]int16, len(x))
		for i, v := range x {
			q[i] = int16(math.Round(float64(v / scale)))
		}
		put(q)
	}
	putTable(m.w1)
	putTable(table{f: m.t1})
	if stages == 2 || stages == 4 {
		putTable(m.w2)
		putTable(table{f: m.t2})
	}
	writeMap(put, m.clusters)
	writeMap(put, m.casePrior)
	writeMap(put, m.gaz)
	if err := w.Flush(); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(raw.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// decodeModel reads a model file written by encode.
func decodeModel(data []byte) (*model, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	r := bufio.NewReaderSize(zr, 1<<16)
	var rerr error
	get := func(v any) {
		if rerr == nil {
			rerr = binary.Read(r, binary.LittleEndian, v)
		}
	}
	u32 := func() uint32 {
		var v uint32
		get(&v)
		return v
	}
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(r, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("model: not a muster tagger model")
	}
	m := &model{}
	nl := u32()
	if rerr != nil || nl == 0 || nl > 120 {
		return nil, fmt.Errorf("model: bad label count %d", nl)
	}
	labels := make([]string, nl)
	for i := range labels {
		n := u32()
		if rerr != nil || n > 64 {
			return nil, fmt.Errorf("model: bad label %d", i)
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(r, b); err != nil {
			return nil, fmt.Errorf("model: label %d: %w", i, err)
		}
		labels[i] = string(b)
	}
	if labels[0] != "O" {
		return nil, errors.New("model: first label is not O")
	}
	m.setLabels(labels)
	m.bits = uint(u32())
	if rerr != nil || m.bits < 10 || m.bits > 24 {
		return nil, fmt.Errorf("model: bad bucket bits %d", m.bits)
	}
	m.bits2 = uint(u32())
	if rerr != nil || m.bits2 < 8 || m.bits2 > 24 {
		return nil, fmt.Errorf("model: bad document bucket bits %d", m.bits2)
	}
	stages := u32()
	if rerr != nil || stages < 1 || stages > 4 {
		return nil, fmt.Errorf("model: bad stage count %d", stages)
	}
	L := int(nl)
	getTable := func(want int) table {
		if want > 1<<25 {
			rerr = fmt.Errorf("table of %d weights is too large", want)
			return table{}
		}
		var scale float32
		get(&scale)
		n := u32()
		if rerr != nil {
			return table{}
		}
		if int(n) != want {
			rerr = fmt.Errorf("table of %d weights, want %d", n, want)
			return table{}
		}
		q := make([]int16, n)
		rerr = nlp.ReadWeights(r, q)
		return table{q: q, scale: scale}
	}
	floats := func(tb table) []float32 {
		x := make([]float32, len(tb.q))
		for i, v := range tb.q {
			x[i] = float32(v) * tb.scale
		}
		return x
	}
	m.w1 = getTable((1 << m.bits) * L)
	m.t1 = floats(getTable((L + 1) * L))
	if stages == 2 || stages == 4 {
		m.stacked = stages == 4
		m.w2 = getTable((1 << m.bits2) * L)
		m.t2 = floats(getTable((L + 1) * L))
	}
	if stages == 3 {
		m.joint = true
		m.bits2 = m.bits
		m.w2, m.t2 = m.w1, m.t1
	}
	m.clusters = readMap[uint32](u32, get, &rerr)
	m.casePrior = readMap[uint8](u32, get, &rerr)
	m.gaz = readMap[uint16](u32, get, &rerr)
	if rerr != nil {
		return nil, fmt.Errorf("model: %w", rerr)
	}
	return m, nil
}

// readMap reads a map written as a count and key/value pairs through the
// decoder's u32 and get, stopping at its first error (kept in *rerr).
func readMap[V uint8 | uint16 | uint32](u32 func() uint32, get func(any), rerr *error) map[uint64]V {
	n := u32()
	if *rerr != nil {
		return nil
	}
	if n > 1<<24 {
		*rerr = fmt.Errorf("bad map size %d", n)
		return nil
	}
	mp := make(map[uint64]V, n)
	for i := uint32(0); i < n && *rerr == nil; i++ {
		var k uint64
		var v V
		get(&k)
		get(&v)
		mp[k] = v
	}
	return mp
}

// writeMap writes a map as its count and key/value pairs in key order, so
// that the same model is always the same bytes.
func writeMap[V uint8 | uint16 | uint32](put func(any), mp map[uint64]V) {
	keys := make([]uint64, 0, len(mp))
	for k := range mp {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	put(uint32(len(keys)))
	for _, k := range keys {
		put(k)
		put(mp[k])
	}
}
