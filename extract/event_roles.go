package extract

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"fmt"
	"slices"
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
// trained by TrainRoleModel (pipeline/roles_train_test.go, `make
// model-roles`) on MUC-4's dev texts and keys and on the GTD summaries of
// the dev-train half of GTD's dev split with their coded perpetrator
// groups, as the mean of several runs over shuffled orders, and embedded
// as event_roles_model.gz.

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

// DefaultRoleMargin is the Margin of loaded and trained models, chosen
// with the model of `make model-roles` (MUC-4 dev and GTD dev-train, the
// mean of 20 shuffled runs) on MUC-4 TST1/TST2, GTD dev-tune and ACLED
// dev together: the model, trained on far more phrases that fill no slot,
// is shy of filling one. TST1/TST2 F by margin: -3: 28.7/34.7; -5:
// 28.6/34.8; -7: 28.6/34.6; -10: 29.0/35.3; -15: 29.1/34.8. Below -5
// ACLED's actors fall under .95 (-10: .947, -15: .932) through the
// targets the scorer names in coders' notes, so summaries take their own
// margin (summaryMargin, event_parties.go), and with it -10 leaves ACLED
// dev actors at .950 and GTD dev-tune perpetrator at .928.
const DefaultRoleMargin = -10

// RoleCandidate is a noun phrase that may fill a slot: its head token and
// its token span [Lo, Hi) in the Doc.
type RoleCandidate struct {
	Head, Lo, Hi int
}

// RoleCandidates returns the noun phrases of sentence si, the phrases the
// role scorer labels: each noun or proper noun that heads its phrase,
// with the compounds, flat names and adjectives next to it.
func RoleCandidates(d *nlp.Doc, si int) []RoleCandidate {
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
	// Partial marks a document whose key names only its perpetrator
	// group (a GTD record: the coders' gname, nil when they coded none
	// known). Its phrases are labelled as roleLabelPartial says, and a
	// phrase no fill matches is known only to be no perpetrator.
	Partial bool
}

// RoleTrainOptions sets the role model's size, training length and seed.
type RoleTrainOptions struct {
	Bits   uint
	Epochs int
	// Runs is how many perceptrons are trained, each over its own
	// shuffled orders of the data; the model is the mean of their
	// averaged weights. One run's weights hang on the order it saw, so
	// that a small change to the data (a trigger row that changes the
	// features of a few phrases) reorders every update after the first
	// it touches and flips fillers near the margin by luck; the mean of
	// several orders keeps what they agree on.
	Runs int
	Seed uint64
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

// notPerpetrator is the label of a phrase of a Partial document that is
// known only to be no perpetrator.
const notPerpetrator = -1

// roleLabelPartial labels candidate c of a Partial document: the class of
// the fill whose alternative is its whole phrase (a leading "the"
// aside), for a head-word match would make "Pakistan" of "Tehrik-i-
// Taliban Pakistan"; notPerpetrator for another name, which the coders
// would have named had it done the deed; and ok false for a description
// ("assailants", "a suicide bomber"): coders name groups, and an unnamed
// attacker is a perpetrator the key leaves out. A document whose coded
// group no phrase matches teaches nothing (ok false throughout): its
// summary names the group otherwise, and the group's own phrase would be
// taught as no perpetrator.
func roleLabelPartial(d *nlp.Doc, c RoleCandidate, fills *[roleClasses][][]string, matched bool) (label int, ok bool) {
	phrase := strings.ToUpper(d.Text[d.Tokens[c.Lo].Start:d.Tokens[c.Hi-1].End])
	phrase = strings.TrimPrefix(phrase, "THE ")
	for k := range fills {
		for _, f := range fills[k] {
			if slices.Contains(f, phrase) {
				return k, true
			}
		}
	}
	if !matched || described(d, c) {
		return SlotNone, false
	}
	return notPerpetrator, true
}

// slotExample is one candidate's features and label.
type slotExample struct {
	feats []uint32
	label int
}

// slotExamples returns the labelled candidates of the training docs.
func slotExamples(docs []RoleTrainingDoc) []slotExample {
	var data []slotExample
	for _, td := range docs {
		d := td.Doc
		if !td.Partial {
			for si := range d.SentenceTokens {
				for _, c := range RoleCandidates(d, si) {
					data = append(data, slotExample{feats: slotFeatures(nil, d, si, c, d.Mentions), label: roleLabel(d, c, &td.Fills)})
				}
			}
			continue
		}
		// A Partial document's group must be found among its phrases.
		matched, coded := false, false
		for k := range td.Fills {
			coded = coded || len(td.Fills[k]) > 0
		}
		for si := range d.SentenceTokens {
			for _, c := range RoleCandidates(d, si) {
				if l, ok := roleLabelPartial(d, c, &td.Fills, true); ok && l != notPerpetrator {
					matched = true
				}
			}
		}
		for si := range d.SentenceTokens {
			for _, c := range RoleCandidates(d, si) {
				if l, ok := roleLabelPartial(d, c, &td.Fills, matched || !coded); ok {
					data = append(data, slotExample{feats: slotFeatures(nil, d, si, c, d.Mentions), label: l})
				}
			}
		}
	}
	return data
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
	if opt.Runs == 0 {
		opt.Runs = 1
	}
	data := slotExamples(docs)
	m := &RoleModel{Margin: DefaultRoleMargin, bits: opt.Bits, p: newPerceptron(opt.Bits, roleClasses)}
	sum := make([]float64, len(m.p.w))
	var sc [roleClasses]float32
	for run := 0; run < opt.Runs; run++ {
		p := newPerceptron(opt.Bits, roleClasses)
		trainPerceptron(p, len(data), opt.Epochs, newSplitMix(opt.Seed+uint64(run)*0x9e3779b97f4a7c15), func(i int) ([]uint32, int) {
			ex := data[i]
			if ex.label != notPerpetrator {
				return ex.feats, ex.label
			}
			// The best class, or when that is a perpetrator the best
			// that is none: as right as the key can say.
			p.scores(ex.feats, sc[:])
			best, want := 0, SlotNone
			for k := 1; k < roleClasses; k++ {
				if sc[k] > sc[best] {
					best = k
				}
				if k != SlotPerpOrg && k != SlotPerpInd && sc[k] > sc[want] {
					want = k
				}
			}
			if best != SlotPerpOrg && best != SlotPerpInd {
				return ex.feats, best
			}
			return ex.feats, want
		}, nil)
		for i, w := range p.w {
			sum[i] += float64(w)
		}
	}
	for i := range sum {
		m.p.w[i] = float32(sum[i] / float64(opt.Runs))
	}
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
var roleModel = embeddedModel(roleModelGz, LoadRoleModel)

// embeddedModel returns a function that loads the embedded model file b
// with load on first use: nil (M's zero) when b is empty, before the
// first training. The role and relation scorers share it.
func embeddedModel[M any](b []byte, load func([]byte) (M, error)) func() M {
	return sync.OnceValue(func() M {
		var m M
		if len(b) == 0 {
			return m
		}
		m, err := load(b)
		if err != nil {
			panic(err) // the embedded file is tested; this is a build defect
		}
		return m
	})
}

// learnedFill is one slot the role scorer fills for an event.
type learnedFill struct {
	class     int
	margin    float32
	span      muster.Span // bytes
	described bool
}
