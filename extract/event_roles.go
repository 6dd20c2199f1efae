package extract

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// The role scorer (issue 10 item 2) is a multiclass averaged perceptron
// over hashed features of a candidate filler of an event's argument slot:
// a noun phrase of the event's sentences, read from the dependency parse.
// Its classes are MUC-4's slots (perpetrator individual and organisation,
// physical target, human target name and description) and none. It is
// trained on MUC-4's dev texts and keys by TrainRoleModel
// (pipeline/roles_train_test.go, `make model-roles`) and embedded as
// event_roles_model.gz.

// The role scorer's classes.
const (
	SlotNone = iota
	SlotPerpInd
	SlotPerpOrg
	SlotPhysTarget
	SlotHumName
	SlotHumDesc
	roleClasses
)

// RoleSlots names each class by its MUC-4 slot.
var RoleSlots = [roleClasses]string{"none", "perp-ind-id", "perp-org-id", "phys-tgt-id", "hum-tgt-name", "hum-tgt-desc"}

// RoleModel scores candidate fillers of an event's argument slots. It is
// read-only after loading and safe for concurrent use.
type RoleModel struct {
	// Margin is how far a slot's score must stand above none's for the
	// candidate to fill it.
	Margin float32
	bits   uint
	p      *perceptron
}

// DefaultRoleMargin is the Margin of loaded and trained models, chosen on
// MUC-4 TST1 and TST2 with GTD and ACLED dev held at their figures: the
// model, trained on far more phrases that fill no slot, is shy of
// filling one. F on TST1/TST2 at 0: 13.7/22.0; at -5: 13.6/23.1; at -10:
// 13.4/23.4, with ACLED's actors down to .949.
const DefaultRoleMargin = -5

// RoleCandidate is a noun phrase that may fill a slot: its head token and
// its token span [Lo, Hi) in the Doc.
type RoleCandidate struct {
	Head, Lo, Hi int
}

// roleCandidates returns the noun phrases of sentence si: each noun or
// proper noun that heads its phrase, with the compounds, flat names and
// adjectives next to it.
func roleCandidates(d *nlp.Doc, si int) []RoleCandidate {
	if si < 0 || si >= len(d.SentenceTokens) {
		return nil
	}
	r := d.SentenceTokens[si]
	var out []RoleCandidate
	for h := r[0]; h < r[1]; h++ {
		t := d.Tokens[h]
		if t.Tag != "NOUN" && t.Tag != "PROPN" {
			continue
		}
		switch t.Rel {
		case "compound", "flat", "flat:name", "fixed", "goeswith":
			if t.Head >= r[0] && t.Head < r[1] && (d.Tokens[t.Head].Tag == "NOUN" || d.Tokens[t.Head].Tag == "PROPN") {
				continue
			}
		}
		lo, hi := h, h+1
		for lo-1 >= r[0] && modifierOf(d, lo-1, h) {
			lo--
		}
		for hi < r[1] && modifierOf(d, hi, h) && d.Tokens[hi].Rel != "amod" {
			hi++
		}
		// A name the tagger found is one candidate, whatever the parse
		// made of it ("Islamic State of Iraq and the Levant"): its
		// syntactic head stands for it.
		if m, ok := mentionAt(d, t.Span); ok {
			for lo > r[0] && d.Tokens[lo-1].Start >= m.Start {
				lo--
			}
			for hi < r[1] && d.Tokens[hi].End <= m.End {
				hi++
			}
			if g := t.Head; g >= lo && g < hi && g != h {
				continue
			}
			if len(out) > 0 && out[len(out)-1].Lo == lo && out[len(out)-1].Hi == hi {
				continue
			}
		}
		out = append(out, RoleCandidate{Head: h, Lo: lo, Hi: hi})
	}
	return out
}

// mentionAt returns the mention of a name (not a date or a number) that
// holds span s.
func mentionAt(d *nlp.Doc, s muster.Span) (nlp.Mention, bool) {
	for _, m := range d.Mentions {
		if m.Start > s.Start {
			break
		}
		if s.End <= m.End && m.Type != muster.MentionDATE && m.Type != muster.MentionNUM {
			return m, true
		}
	}
	return nlp.Mention{}, false
}

// described reports whether a candidate is a description ("gunmen",
// "two soldiers", "the farm") rather than a name: its head is a common
// noun outside any name the tagger found, or a word that names no one
// (genericGroups) however it is written ("Gunmen kidnapped…").
func described(d *nlp.Doc, c RoleCandidate) bool {
	h := d.Tokens[c.Head]
	_, named := mentionAt(d, h.Span)
	return h.Tag == "NOUN" && !named || genericGroups[strings.ToLower(h.Text)]
}

// placeCandidate reports a candidate the tagger found to be a place: no
// perpetrator or human target.
func placeCandidate(d *nlp.Doc, c RoleCandidate) bool {
	m, ok := mentionAt(d, d.Tokens[c.Head].Span)
	return ok && (m.Type == muster.MentionLOC || m.Type == muster.MentionGPE)
}

// modifierOf reports whether token i is part of the phrase headed by h:
// a compound, flat name part or adjective hanging on h or on another such
// part.
func modifierOf(d *nlp.Doc, i, h int) bool {
	for k := 0; k < 4; k++ {
		t := d.Tokens[i]
		switch t.Rel {
		case "compound", "flat", "flat:name", "amod", "nummod":
		default:
			return false
		}
		if t.Head == h {
			return true
		}
		if t.Head < 0 || t.Head >= len(d.Tokens) {
			return false
		}
		i = t.Head
	}
	return false
}

// eventWord returns the lemma of the trigger lexicon's event row for the
// token, or "".
func eventWord(t nlp.Token) string {
	for _, w := range []string{strings.ToLower(t.Text), strings.ToLower(t.Lemma)} {
		for _, r := range triggerLex.byForm[w] {
			if r.Type != "" {
				return r.Lemma
			}
		}
	}
	return ""
}

// slotFeatures appends the hashed features of candidate c of sentence si.
func slotFeatures(dst []uint32, d *nlp.Doc, si int, c RoleCandidate, ments []nlp.Mention) []uint32 {
	r := d.SentenceTokens[si]
	h := d.Tokens[c.Head]
	lem := strings.ToLower(h.Lemma)
	if lem == "" {
		lem = strings.ToLower(h.Text)
	}
	add := func(x hasher) { dst = append(dst, x.u()) }
	add(feat(0))
	add(feat(1).s(lem))
	add(feat(2).s(h.Tag))
	add(feat(3).s(h.Rel))
	capital := byte('l')
	if w := d.Text[h.Start:h.End]; w != "" && strings.ToLower(w) != w {
		capital = 'c'
	}
	add(feat(4).b(capital))
	add(feat(5).b(capital).s(h.Rel))
	mt := "O"
	for _, m := range ments {
		if m.Start <= h.Start && h.End <= m.End {
			mt = string(m.Type)
			break
		}
	}
	add(feat(6).s(mt))
	add(feat(7).s(mt).s(h.Rel))
	var gov nlp.Token
	govLem := "<root>"
	if h.Head >= r[0] && h.Head < r[1] && h.Head != c.Head {
		gov = d.Tokens[h.Head]
		govLem = strings.ToLower(gov.Lemma)
	}
	add(feat(8).s(govLem))
	add(feat(9).s(h.Rel).s(govLem))
	add(feat(10).s(h.Rel).s(gov.Tag))
	// The preposition of the phrase and whether its verb is passive.
	prep, passive := "", false
	for i := r[0]; i < r[1]; i++ {
		t := d.Tokens[i]
		if t.Head == c.Head && (t.Rel == "case") {
			prep = strings.ToLower(t.Text)
		}
		if h.Head >= 0 && t.Head == h.Head && (t.Rel == "aux:pass" || t.Rel == "nsubj:pass") {
			passive = true
		}
	}
	add(feat(11).s(prep))
	add(feat(12).s(prep).s(govLem))
	add(feat(13).s(h.Rel).b(boolByte(passive)))
	add(feat(14).s(lem).s(h.Rel))
	// The path up to the nearest event word.
	path, trig := "", ""
	for k, i := 0, c.Head; k < 4; k++ {
		if w := eventWord(d.Tokens[i]); w != "" && i != c.Head {
			trig = w
			break
		}
		t := d.Tokens[i]
		path += t.Rel + "/"
		if t.Head < r[0] || t.Head >= r[1] || t.Head == i {
			path = ""
			break
		}
		i = t.Head
	}
	if trig != "" {
		add(feat(15).s(path))
		add(feat(16).s(path).s(trig))
		add(feat(17).s(trig).s(prep))
		add(feat(18).s(path).b(boolByte(passive)))
	} else {
		add(feat(19))
	}
	// Is the candidate itself an event word, and does the sentence have one?
	self := eventWord(h)
	add(feat(20).b(boolByte(self != "")))
	inSent := ""
	before := false
	for i := r[0]; i < r[1]; i++ {
		if i == c.Head {
			continue
		}
		if w := eventWord(d.Tokens[i]); w != "" {
			inSent = w
			before = i > c.Head
			break
		}
	}
	add(feat(21).s(inSent))
	add(feat(22).b(boolByte(before)).b(boolByte(inSent != "")))
	// Sentence position and phrase shape.
	pos := si
	if pos > 4 {
		pos = 4
	}
	add(feat(23).b(byte(pos)))
	add(feat(24).b(byte(min(c.Hi-c.Lo, 5))).b(capital))
	add(feat(25).b(boolByte(genericGroups[lem] || evGroupHeads[lem])))
	if c.Lo > r[0] {
		add(feat(26).s(strings.ToLower(d.Tokens[c.Lo-1].Text)))
	}
	if c.Lo < c.Head {
		add(feat(27).s(strings.ToLower(d.Tokens[c.Lo].Lemma)))
	}
	return dst
}

func boolByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// Score returns the scores of each class for candidate c of sentence si.
func (m *RoleModel) Score(d *nlp.Doc, si int, c RoleCandidate) [roleClasses]float32 {
	feats := slotFeatures(nil, d, si, c, d.Mentions)
	var out [roleClasses]float32
	m.p.scores(feats, out[:])
	return out
}

// Best returns the best slot for the candidate and its margin over none,
// or SlotNone.
func (m *RoleModel) Best(d *nlp.Doc, si int, c RoleCandidate) (int, float32) {
	s := m.Score(d, si, c)
	best := 1
	for k := 2; k < roleClasses; k++ {
		if s[k] > s[best] {
			best = k
		}
	}
	if s[best]-s[SlotNone] <= m.Margin {
		return SlotNone, 0
	}
	return best, s[best] - s[SlotNone]
}

// RoleTrainingDoc is an annotated Doc and the fills its key gives each
// slot (upper case alternatives).
type RoleTrainingDoc struct {
	Doc   *nlp.Doc
	Fills [roleClasses][][]string // per class: fills, each its alternatives
}

// RoleTrainOptions sets the role model's size, training length and seed.
type RoleTrainOptions struct {
	Bits   uint
	Epochs int
	Seed   uint64
}

// roleLabel is the class whose fill the candidate matches: its head word
// (or lemma) is the last word of one of the fill's alternatives, or its
// words are all of them.
func roleLabel(d *nlp.Doc, c RoleCandidate, fills *[roleClasses][][]string) int {
	head := strings.ToUpper(d.Tokens[c.Head].Text)
	lemma := strings.ToUpper(d.Tokens[c.Head].Lemma)
	phrase := strings.ToUpper(d.Text[d.Tokens[c.Lo].Start:d.Tokens[c.Hi-1].End])
	for _, k := range []int{SlotPerpOrg, SlotHumName, SlotPerpInd, SlotHumDesc, SlotPhysTarget} {
		for _, f := range fills[k] {
			for _, alt := range f {
				if alt == phrase {
					return k
				}
				if i := strings.IndexAny(alt, "[("); i > 0 {
					alt = strings.TrimSpace(alt[:i])
				}
				w := strings.Fields(alt)
				if len(w) == 0 {
					continue
				}
				last := strings.Trim(w[len(w)-1], `"'.,`)
				if last == head || last == lemma {
					return k
				}
			}
		}
	}
	return SlotNone
}

// TrainRoleModel trains the role scorer on docs; the same docs and options
// give the same model.
func TrainRoleModel(docs []RoleTrainingDoc, opt RoleTrainOptions) *RoleModel {
	if opt.Bits == 0 {
		opt.Bits = 16
	}
	if opt.Epochs == 0 {
		opt.Epochs = 10
	}
	type example struct {
		feats []uint32
		label int
	}
	var data []example
	for _, td := range docs {
		d := td.Doc
		for si := range d.SentenceTokens {
			for _, c := range roleCandidates(d, si) {
				data = append(data, example{feats: slotFeatures(nil, d, si, c, d.Mentions), label: roleLabel(d, c, &td.Fills)})
			}
		}
	}
	m := &RoleModel{Margin: DefaultRoleMargin, bits: opt.Bits, p: newPerceptron(opt.Bits, roleClasses)}
	trainPerceptron(m.p, len(data), opt.Epochs, newSplitMix(opt.Seed),
		func(i int) ([]uint32, int) { return data[i].feats, data[i].label }, nil)
	return m
}

// trainPerceptron trains p for epochs over n examples, shuffled afresh
// each epoch by rng, and averages it: an example whose best class (among
// those allowed, all when allowed is nil) is not its label moves the
// weights toward the label. The role and relation scorers share it.
func trainPerceptron(p *perceptron, n, epochs int, rng *splitMix, example func(i int) ([]uint32, int), allowed func(i, c int) bool) {
	p.startTraining()
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	sc := make([]float32, p.nTags)
	for ep := 0; ep < epochs; ep++ {
		for i := len(order) - 1; i > 0; i-- {
			j := int(rng.next() % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
		for _, i := range order {
			feats, label := example(i)
			p.clock++
			p.scores(feats, sc)
			best := 0
			for k := 1; k < p.nTags; k++ {
				if (allowed == nil || allowed(i, k)) && sc[k] > sc[best] {
					best = k
				}
			}
			if best != label {
				p.add(feats, label, 1)
				p.add(feats, best, -1)
			}
		}
	}
	p.average()
}

// splitMix is a small fixed-seed generator for shuffling.
type splitMix struct{ s uint64 }

func newSplitMix(seed uint64) *splitMix { return &splitMix{s: seed} }

func (r *splitMix) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

const roleModelMagic = "muster-roles-v1"

// MarshalBinary encodes the model as gzipped int16 weights.
func (m *RoleModel) MarshalBinary() ([]byte, error) {
	return marshalModel(roleModelMagic, []uint32{uint32(m.bits)}, m.p.w)
}

// marshalModel writes a gzipped model file: magic, the header's numbers
// and the weights quantised (writeWeights).
func marshalModel(magic string, header []uint32, w []float32) ([]byte, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	zw.Write([]byte(magic))
	for _, h := range header {
		binary.Write(zw, binary.LittleEndian, h)
	}
	if err := writeWeights(zw, w); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// LoadRoleModel decodes a model written by MarshalBinary.
func LoadRoleModel(b []byte) (*RoleModel, error) {
	zr, err := openModel(b, roleModelMagic)
	if err != nil {
		return nil, fmt.Errorf("role model: %w", err)
	}
	var bits uint32
	if err := binary.Read(zr, binary.LittleEndian, &bits); err != nil || bits < 8 || bits > 22 {
		return nil, fmt.Errorf("role model: bad hash size %d", bits)
	}
	m := &RoleModel{Margin: DefaultRoleMargin, bits: uint(bits), p: newPerceptron(uint(bits), roleClasses)}
	if err := readWeights(zr, m.p.w); err != nil {
		return nil, fmt.Errorf("role model: %w", err)
	}
	return m, nil
}

//go:embed event_roles_model.gz
var roleModelGz []byte

// roleModel is the embedded model, loaded on first use (nil when the file
// is empty, before the first training).
var roleModel = sync.OnceValue(func() *RoleModel {
	if len(roleModelGz) == 0 {
		return nil
	}
	m, err := LoadRoleModel(roleModelGz)
	if err != nil {
		panic(err) // the embedded file is tested; this is a build defect
	}
	return m
})

// learnedFill is one slot the role scorer fills for an event.
type learnedFill struct {
	class     int
	margin    float32
	span      muster.Span // bytes
	described bool
}
