package extract

import (
	_ "embed"
	"encoding/binary"
	"fmt"
	"strings"
	"sync"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/pattern"
)

// The relation scorer (issue 11, "where learning beats patterns, learn")
// is a multiclass averaged perceptron over hashed features of an ordered
// pair of names in one sentence: the dependency path between their heads
// (relations and lemmas), the words between them, their kinds and order,
// and the profile patterns that bind both. Its classes are the predicates
// of patterns/relations.tsv (leader, founded_by, member_of, part_of,
// founded, based_in) and none. It is trained on Wikipedia's labelled
// relations (Re-DocRED dev, FewRel val; pipeline/relations_train_test.go,
// `make model-relations`), read through muster's own segmenter, parser
// and mention finder, so that the features at training are the ones
// ingest sees.

//go:embed patterns/relations.tsv
var relationsSrc string

// Argument kinds of the relation scorer.
const (
	kindNone = iota
	kindGroup
	kindPerson
	kindPlace
	kindDate
	kinds
)

var kindNames = [kinds]string{"", "group", "person", "place", "date"}

// relationTable is patterns/relations.tsv: the classes (class 0 is none)
// with their kinds, and the Wikidata properties that label them.
type relationTable struct {
	preds      []muster.Predicate // by class; preds[0] is ""
	subj, obj  []int              // kinds by class
	properties map[string]RelationProperty
}

// RelationProperty is what a Wikidata property labels: a class's
// predicate, with its subject the property's head (or, Inverse, its tail).
type RelationProperty struct {
	Pred    muster.Predicate
	Inverse bool
}

var relations = sync.OnceValue(func() *relationTable {
	t, err := parseRelations(relationsSrc)
	if err != nil {
		panic(err) // the embedded file is tested; this is a build defect
	}
	return t
})

func parseRelations(src string) (*relationTable, error) {
	t := &relationTable{preds: []muster.Predicate{""}, subj: []int{0}, obj: []int{0}, properties: map[string]RelationProperty{}}
	for i, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case f[0] == "class" && len(f) == 4:
			p := muster.Predicate(f[1])
			s, o := kindNamed(&kindNames, f[2]), kindNamed(&kindNames, f[3])
			if !p.Valid() || s == kindNone || o == kindNone {
				return nil, fmt.Errorf("relations.tsv:%d: want class PREDICATE KIND KIND, got %q", i+1, line)
			}
			t.preds, t.subj, t.obj = append(t.preds, p), append(t.subj, s), append(t.obj, o)
		case f[0] == "property" && len(f) == 4 && (f[3] == "h" || f[3] == "t"):
			if t.class(muster.Predicate(f[2])) <= 0 {
				return nil, fmt.Errorf("relations.tsv:%d: %q is no class given above", i+1, f[2])
			}
			if _, dup := t.properties[f[1]]; dup {
				return nil, fmt.Errorf("relations.tsv:%d: %s given twice", i+1, f[1])
			}
			t.properties[f[1]] = RelationProperty{Pred: muster.Predicate(f[2]), Inverse: f[3] == "t"}
		default:
			return nil, fmt.Errorf("relations.tsv:%d: want class or property row, got %q", i+1, line)
		}
	}
	return t, nil
}

func (t *relationTable) class(p muster.Predicate) int {
	for c, q := range t.preds {
		if c > 0 && q == p {
			return c
		}
	}
	return -1
}

// allowed reports whether class c takes a subject of kind s and an
// object of kind o; none is always allowed.
func (t *relationTable) allowed(c, s, o int) bool {
	return c == 0 || t.subj[c] == s && t.obj[c] == o
}

// maxPairGap is the most tokens apart the two names of a pair extraction
// scores may lie: names farther apart are seldom related in one clause,
// and a sentence-long list of names must not cost a square of pairs.
// Training reads every pair.
const maxPairGap = 60

// candidatePair reports whether extraction scores the pair (s, o): some
// class takes their kinds and they lie within maxPairGap tokens.
func candidatePair(s, o relArg) bool {
	return relations().paired(s.kind, o.kind) && o.lo-s.hi <= maxPairGap && s.lo-o.hi <= maxPairGap
}

// paired reports whether some class takes kinds s and o.
func (t *relationTable) paired(s, o int) bool {
	for c := 1; c < len(t.preds); c++ {
		if t.allowed(c, s, o) {
			return true
		}
	}
	return false
}

// RelationPropertyOf maps a Wikidata property to the class it labels.
func RelationPropertyOf(pid string) (RelationProperty, bool) {
	p, ok := relations().properties[pid]
	return p, ok
}

// RelationPredicate reports whether p is a class of the scorer.
func RelationPredicate(p muster.Predicate) bool { return relations().class(p) > 0 }

// RelationTypes are the data set types (as datasetKind reads them) of
// the subject and object of class p: how our own example sentences type
// the names they give.
func RelationTypes(p muster.Predicate) (subj, obj string) {
	t := relations()
	c := t.class(p)
	if c <= 0 {
		return "", ""
	}
	return kindTypes[t.subj[c]], kindTypes[t.obj[c]]
}

var kindTypes = [kinds]string{"", "ORG", "PER", "LOC", "TIME"}

// relArg is one argument of a candidate pair: a name or a date of the
// sentence, its tokens [lo, hi), its head token and kind.
type relArg struct {
	muster.Span
	lo, hi, head int
	kind         int
	date         muster.Value // for kindDate
}

// spanArg makes the argument of span sp in sentence si: its tokens and
// head (the first token whose head lies outside the span), or false
// when it covers no token.
func spanArg(d *nlp.Doc, si int, sp muster.Span, kind int) (relArg, bool) {
	r := d.SentenceTokens[si]
	a := relArg{Span: sp, lo: -1, head: -1, kind: kind}
	for i := r[0]; i < r[1]; i++ {
		t := d.Tokens[i]
		if t.End <= sp.Start || t.Start >= sp.End {
			continue
		}
		if a.lo < 0 {
			a.lo = i
		}
		a.hi = i + 1
	}
	if a.lo < 0 {
		return a, false
	}
	for i := a.lo; i < a.hi && a.head < 0; i++ {
		if h := d.Tokens[i].Head; h < a.lo || h >= a.hi || h == i {
			a.head = i
		}
	}
	if a.head < 0 {
		a.head = a.hi - 1
	}
	return a, true
}

// namesYear reports whether a date's text writes its year in figures.
func namesYear(s string) bool {
	for _, w := range strings.Fields(s) {
		if yearRE.MatchString(strings.Trim(w, ",.;:()'’")) {
			return true
		}
	}
	return false
}

// relPatterns are the profile patterns that bind two tokens of a
// sentence: per sentence, each match's name and bound tokens.
type relPatterns map[int][]patternBinding

type patternBinding struct {
	name string
	toks []int
}

// profileBindings groups the profile patterns' matches of d by sentence.
func profileBindings(d *nlp.Doc, matches []pattern.Match) relPatterns {
	out := relPatterns{}
	for _, m := range matches {
		si := d.SentenceOf(d.Tokens[m.Anchor].Start)
		b := patternBinding{name: m.Pattern.Name}
		for _, t := range m.Slots {
			b.toks = append(b.toks, t)
		}
		out[si] = append(out[si], b)
	}
	return out
}

func (a relArg) holds(t int) bool { return t >= a.lo && t < a.hi }

// ancestors lists t and its heads up to the sentence's root.
func ancestors(d *nlp.Doc, lo, hi, t int) []int {
	out := []int{t}
	for k := 0; k < hi-lo; k++ {
		h := d.Tokens[t].Head
		if h < lo || h >= hi || h == t {
			break
		}
		out = append(out, h)
		t = h
	}
	return out
}

func lemmaOf(t nlp.Token) string {
	if t.Lemma != "" {
		return strings.ToLower(t.Lemma)
	}
	return strings.ToLower(t.Text)
}

// relFeatures appends the hashed features of the pair (s, o) of sentence
// si.
func relFeatures(dst []uint32, d *nlp.Doc, si int, s, o relArg, pats []patternBinding) []uint32 {
	r := d.SentenceTokens[si]
	lo, hi := r[0], r[1]
	kp := byte(s.kind*kinds + o.kind)
	order := boolByte(s.lo < o.lo)
	add := func(x hasher) { dst = append(dst, x.u()) }
	add(feat(0).b(kp))
	add(feat(1).b(kp).b(order))
	// Distance in tokens between the two spans.
	gapLo, gapHi := s.hi, o.lo
	if o.lo < s.lo {
		gapLo, gapHi = o.hi, s.lo
	}
	gap := gapHi - gapLo
	add(feat(2).b(kp).b(order).b(byte(min(max(gap, -1)+1, 12))))
	// The words between, when few.
	if gap >= 0 && gap <= 10 {
		prev := "<"
		for i := gapLo; i < gapHi; i++ {
			l := lemmaOf(d.Tokens[i])
			add(feat(3).b(kp).b(order).s(l))
			add(feat(4).b(kp).b(order).s(prev).s(l))
			prev = l
		}
		add(feat(4).b(kp).b(order).s(prev).s(">"))
		if gap <= 4 {
			var all strings.Builder
			for i := gapLo; i < gapHi; i++ {
				all.WriteString(lemmaOf(d.Tokens[i]))
				all.WriteByte(' ')
			}
			add(feat(5).b(kp).b(order).s(all.String()))
		}
	}
	// The words just outside the pair.
	first, last := s, o
	if o.lo < s.lo {
		first, last = o, s
	}
	if first.lo > lo {
		add(feat(6).b(kp).b(order).s(lemmaOf(d.Tokens[first.lo-1])))
	}
	if last.hi < hi {
		add(feat(7).b(kp).b(order).s(lemmaOf(d.Tokens[last.hi])))
	}
	// The dependency path between the heads: up from the subject to the
	// lowest common head, down to the object.
	as, ao := ancestors(d, lo, hi, s.head), ancestors(d, lo, hi, o.head)
	lca, is, io := -1, -1, -1
	for i, a := range as {
		for j, b := range ao {
			if a == b {
				lca, is, io = a, i, j
				break
			}
		}
		if lca >= 0 {
			break
		}
	}
	if lca < 0 {
		add(feat(8).b(kp))
	} else {
		var rels, lex strings.Builder
		for _, t := range as[:is] {
			rels.WriteString(d.Tokens[t].Rel)
			rels.WriteByte('^')
			if t != s.head {
				lex.WriteString(lemmaOf(d.Tokens[t]))
			}
			lex.WriteString(d.Tokens[t].Rel)
			lex.WriteByte('^')
		}
		mid := lemmaOf(d.Tokens[lca])
		if lca == s.head || lca == o.head {
			mid = "="
		}
		rels.WriteByte('|')
		lex.WriteString("|" + mid + "|")
		for k := io - 1; k >= 0; k-- {
			t := ao[k]
			rels.WriteString(d.Tokens[t].Rel)
			rels.WriteByte('v')
			lex.WriteString(d.Tokens[t].Rel)
			if t != o.head {
				lex.WriteString(lemmaOf(d.Tokens[t]))
			}
			lex.WriteByte('v')
		}
		n := is + io
		add(feat(9).b(kp).b(byte(min(n, 8))))
		add(feat(10).b(kp).s(rels.String()))
		add(feat(11).b(kp).s(rels.String()).s(mid))
		add(feat(12).b(kp).s(mid))
		if n <= 5 {
			add(feat(13).b(kp).s(lex.String()))
		}
		// The case word of each head ("by", "in", "of") with the path's
		// top: "founded ... by Y", "based in Z".
		add(feat(14).b(kp).s(caseOf(d, lo, hi, o.head)).s(mid))
		add(feat(15).b(kp).s(caseOf(d, lo, hi, s.head)).s(mid))
		// Passive voice of the top word.
		if lca != s.head && lca != o.head {
			pass := false
			for i := lo; i < hi; i++ {
				if d.Tokens[i].Head == lca && (d.Tokens[i].Rel == "aux:pass" || d.Tokens[i].Rel == "nsubj:pass") {
					pass = true
				}
			}
			add(feat(16).b(kp).s(mid).b(boolByte(pass)).s(rels.String()))
		}
	}
	// The heads themselves and what governs them.
	// The heads' own words, unless names: "Wardi" tells nothing of
	// another sentence.
	for k, a := range []relArg{s, o} {
		if h := d.Tokens[a.head]; h.Tag != "PROPN" {
			add(feat(17).b(kp).b(byte(k)).s(lemmaOf(h)))
		}
	}
	for k, a := range []relArg{s, o} {
		h := d.Tokens[a.head]
		gov := "<root>"
		if h.Head >= lo && h.Head < hi && h.Head != a.head {
			gov = lemmaOf(d.Tokens[h.Head])
		}
		add(feat(18).b(kp).b(byte(k)).s(h.Rel).s(gov))
	}
	// The profile patterns that bind a token of each.
	for _, p := range pats {
		inS, inO := false, false
		for _, t := range p.toks {
			inS = inS || s.holds(t)
			inO = inO || o.holds(t)
		}
		if inS && inO {
			add(feat(19).b(kp).s(p.name))
			add(feat(20).b(kp))
		}
	}
	return dst
}

// caseOf is the case word ("by", "in") attached to token t, or "".
func caseOf(d *nlp.Doc, lo, hi, t int) string {
	for i := lo; i < hi; i++ {
		if d.Tokens[i].Head == t && d.Tokens[i].Rel == "case" {
			return strings.ToLower(d.Tokens[i].Text)
		}
	}
	return ""
}

// RelationModel scores ordered pairs of names in a sentence. It is
// read-only after loading and safe for concurrent use.
type RelationModel struct {
	// Margin is how far a class's score must stand above none's for the
	// pair to hold it.
	Margin float32
	bits   uint
	p      *perceptron
}

// DefaultRelationMargin is the Margin of loaded and trained models,
// chosen on news_armed_groups dev and our own sentences with the scorer
// on: from 0 to 5 dev gains one right membership and nothing wrong, at
// 8 nothing; our own negatives (profile_sentences.txt, which the scorer
// never trains on) give two wrong claims at 3, one from 5 up.
const DefaultRelationMargin = 5

// best is the allowed class of the pair with the highest score, and its
// margin over none; class 0 when none wins.
func (m *RelationModel) best(feats []uint32, s, o relArg) (int, float32) {
	t := relations()
	sc := make([]float32, len(t.preds))
	m.p.scores(feats, sc)
	best := 0
	for c := 1; c < len(sc); c++ {
		if t.allowed(c, s.kind, o.kind) && (best == 0 || sc[c] > sc[best]) {
			best = c
		}
	}
	if best == 0 {
		return 0, 0
	}
	return best, sc[best] - sc[0]
}

// RelationTrainingDoc is an annotated Doc with its labelled entities and
// the facts among them. Partial marks a document whose unlabelled pairs
// are unknown, not negatives (FewRel labels one pair per sentence): only
// pairs between its entities are examples.
type RelationTrainingDoc struct {
	Doc      *nlp.Doc
	Entities []RelationEntity
	Facts    []RelationFact
	Partial  bool
	// Negative: no pair of the kinds this predicate takes holds any
	// class, and only such pairs are examples.
	Negative muster.Predicate
}

// RelationEntity is one labelled entity: the byte spans of its mentions
// and its kind as the data set types it (PER, ORG, LOC, TIME, …).
type RelationEntity struct {
	Spans []muster.Span
	Type  string
}

// RelationFact says that entity Subj holds Pred of entity Obj.
type RelationFact struct {
	Subj, Obj int
	Pred      muster.Predicate
}

// RelationTrainOptions sets the scorer's size, training length, seed and
// how many of the negative pairs it keeps (one in NegEvery).
type RelationTrainOptions struct {
	Bits     uint
	Epochs   int
	Seed     uint64
	NegEvery int
}

// relExample is one candidate pair: features, gold class, and the
// arguments whose kinds bound the classes it may take.
type relExample struct {
	feats []uint32
	label int
	s, o  relArg
}

// datasetKind is the kind of a data set's entity type (kindTypes).
func datasetKind(typ string) int { return kindNamed(&kindTypes, typ) }

// kindNamed is the kind whose name in names is s, kindNone for none.
func kindNamed(names *[kinds]string, s string) int {
	for k := kindNone + 1; k < kinds; k++ {
		if names[k] == s {
			return k
		}
	}
	return kindNone
}

// relationExamples makes the candidate pairs of one training document:
// the names and dates extraction itself would pair (doc.relationArgs),
// and each labelled mention they do not cover (with the data set's kind), each pair labelled by the facts. A pair
// whose fact's predicate does not take its kinds is left out.
func relationExamples(td RelationTrainingDoc) []relExample {
	t := relations()
	d := td.Doc
	x := newDoc(Input{Doc: d})
	var pats relPatterns
	if parsed(d) {
		pats = profileBindings(d, profileRules.set.Match(d))
	}
	var out []relExample
	for si := range d.Sentences {
		args, xents := x.relationArgs(si)
		ents := make([]int, len(args)) // labelled entity of each arg, or -1
		for i, a := range args {
			ents[i] = -1
			for e, le := range td.Entities {
				for _, sp := range le.Spans {
					if sp.Start < a.End && a.Start < sp.End && d.Tokens[a.head].Start >= sp.Start && d.Tokens[a.head].End <= sp.End {
						ents[i] = e
					}
				}
			}
		}
		sent := d.Sentences[si]
		for e, le := range td.Entities {
			k := datasetKind(le.Type)
			if k == kindNone {
				continue
			}
			for _, sp := range le.Spans {
				if sp.Start < sent.Start || sp.End > sent.End {
					continue
				}
				covered := false
				for i, a := range args {
					covered = covered || ents[i] == e && a.Start < sp.End && sp.Start < a.End
				}
				if covered {
					continue
				}
				if a, ok := spanArg(d, si, sp, k); ok {
					args, ents, xents = append(args, a), append(ents, e), append(xents, -1)
				}
			}
		}
		for i, s := range args {
			for j, o := range args {
				if i == j || !t.paired(s.kind, o.kind) || s.Span == o.Span {
					continue
				}
				if td.Partial && (ents[i] < 0 || ents[j] < 0) {
					continue
				}
				if c := t.class(td.Negative); td.Negative != "" && (c < 0 || !t.allowed(c, s.kind, o.kind)) {
					continue
				}
				if ents[i] >= 0 && ents[i] == ents[j] || xents[i] >= 0 && xents[i] == xents[j] {
					continue
				}
				label, skip := 0, false
				for _, f := range td.Facts {
					if f.Subj != ents[i] || f.Obj != ents[j] || ents[i] < 0 {
						continue
					}
					c := t.class(f.Pred)
					if t.allowed(c, s.kind, o.kind) {
						label = c
					} else {
						skip = true
					}
				}
				if skip && label == 0 {
					continue
				}
				out = append(out, relExample{feats: relFeatures(nil, d, si, s, o, pats[si]), label: label, s: s, o: o})
			}
		}
	}
	return out
}

// TrainRelationModel trains the relation scorer on docs; the same docs
// and options give the same model.
func TrainRelationModel(docs []RelationTrainingDoc, opt RelationTrainOptions) *RelationModel {
	if opt.Bits == 0 {
		opt.Bits = 16
	}
	if opt.Epochs == 0 {
		opt.Epochs = 10
	}
	if opt.NegEvery == 0 {
		opt.NegEvery = 1
	}
	t := relations()
	rng := newSplitMix(opt.Seed)
	var data []relExample
	for _, td := range docs {
		for _, ex := range relationExamples(td) {
			if ex.label == 0 && rng.next()%uint64(opt.NegEvery) != 0 {
				continue
			}
			data = append(data, ex)
		}
	}
	m := &RelationModel{Margin: DefaultRelationMargin, bits: opt.Bits, p: newPerceptron(opt.Bits, len(t.preds))}
	trainPerceptron(m.p, len(data), opt.Epochs, rng,
		func(i int) ([]uint32, int) { return data[i].feats, data[i].label },
		func(i, c int) bool { return t.allowed(c, data[i].s.kind, data[i].o.kind) })
	return m
}

// RelationScore counts one class's pairs in an evaluation.
type RelationScore struct {
	Pred                      muster.Predicate
	Right, Predicted, Gold    int
	Precision, Recall, FScore float64
}

// EvalRelationModel scores m on docs' candidate pairs (every pair, no
// sampling), per class and (last) over all classes.
func EvalRelationModel(m *RelationModel, docs []RelationTrainingDoc) []RelationScore {
	t := relations()
	out := make([]RelationScore, len(t.preds))
	for c := range out {
		out[c].Pred = t.preds[c]
	}
	out[0].Pred = "all"
	for _, td := range docs {
		for _, ex := range relationExamples(td) {
			c, margin := m.best(ex.feats, ex.s, ex.o)
			if margin <= m.Margin {
				c = 0
			}
			if c > 0 {
				out[c].Predicted++
				out[0].Predicted++
			}
			if ex.label > 0 {
				out[ex.label].Gold++
				out[0].Gold++
			}
			if c > 0 && c == ex.label {
				out[c].Right++
				out[0].Right++
			}
		}
	}
	for i := range out {
		s := &out[i]
		if s.Predicted > 0 {
			s.Precision = float64(s.Right) / float64(s.Predicted)
		}
		if s.Gold > 0 {
			s.Recall = float64(s.Right) / float64(s.Gold)
		}
		if s.Precision+s.Recall > 0 {
			s.FScore = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
	}
	return append(out[1:], out[0])
}

const relationModelMagic = "muster-relations-v1"

// MarshalBinary encodes the model as gzipped int16 weights.
func (m *RelationModel) MarshalBinary() ([]byte, error) {
	return marshalModel(relationModelMagic, []uint32{uint32(m.bits), uint32(m.p.nTags)}, m.p.w)
}

// LoadRelationModel decodes a model written by MarshalBinary; its classes
// must be those of patterns/relations.tsv.
func LoadRelationModel(b []byte) (*RelationModel, error) {
	zr, err := openModel(b, relationModelMagic)
	if err != nil {
		return nil, fmt.Errorf("relation model: %w", err)
	}
	var bits, classes uint32
	if err := binary.Read(zr, binary.LittleEndian, &bits); err != nil || bits < 8 || bits > 22 {
		return nil, fmt.Errorf("relation model: bad hash size %d", bits)
	}
	if err := binary.Read(zr, binary.LittleEndian, &classes); err != nil || int(classes) != len(relations().preds) {
		return nil, fmt.Errorf("relation model: %d classes, patterns/relations.tsv has %d (retrain with make model-relations)", classes, len(relations().preds))
	}
	m := &RelationModel{Margin: DefaultRelationMargin, bits: uint(bits), p: newPerceptron(uint(bits), int(classes))}
	if err := readWeights(zr, m.p.w); err != nil {
		return nil, fmt.Errorf("relation model: %w", err)
	}
	return m, nil
}

//go:embed relation_model.gz
var relationModelGz []byte

// relationModel is the embedded model, loaded on first use (nil when the
// file is empty, before the first training).
var relationModel = embeddedModel(relationModelGz, LoadRelationModel)
