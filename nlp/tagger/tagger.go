package tagger

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

//go:embed model.bin
var embeddedModel []byte

// embeddedCaps is the model for documents written in capitals (issue 10
// item 3): trained as model.bin is, on CoNLL train plus an upper-cased copy
// of every document.
//
//go:embed model_caps.bin
var embeddedCaps []byte

// Tagger finds PER, LOC, ORG and MISC mentions (and the finer ARMED_GROUP,
// STATE_FORCE and MEDIA) in tokenised text. It is safe for concurrent use.
type Tagger struct {
	m *model
	// caps tags documents written in capitals (MUC-4, agency feeds): the
	// mixed-case model, which learned from casing, falls from 87.81 to
	// 72.46 F1 on upper-cased CoNLL test. nil: m tags every document.
	caps *model
	pool sync.Pool // *docState
}

// Load returns a Tagger with the models embedded in the binary.
func Load() (*Tagger, error) {
	if len(embeddedModel) == 0 {
		return nil, errors.New("tagger: no embedded model (run scripts/model.sh)")
	}
	t, err := New(embeddedModel)
	if err != nil {
		return nil, err
	}
	if err := t.SetCapsModel(embeddedCaps); err != nil {
		return nil, err
	}
	return t, nil
}

// SetCapsModel makes the model file data (written by Train) tag the
// documents written in capitals; nil data removes it. Its labels must be
// the main model's.
func (t *Tagger) SetCapsModel(data []byte) error {
	if len(data) == 0 {
		t.caps = nil
		return nil
	}
	c, err := decodeModel(data)
	if err != nil {
		return fmt.Errorf("tagger: caps model: %w", err)
	}
	if !slices.Equal(c.labels, t.m.labels) || !slices.Equal(c.types, t.m.types) {
		return fmt.Errorf("tagger: caps model labels %v differ from the model's %v", c.labels, t.m.labels)
	}
	t.caps = c
	return nil
}

// modelFor returns the model for a document: the caps model when the
// document is written in capitals — every sentence with two or more cased
// words is a sentence in capitals as a headline is (isCapsSentence) — and
// the mixed-case model otherwise, so that a story with a headline in
// capitals keeps the mixed-case model and its casing evidence (on CoNLL
// dev no document goes to the caps model).
func (t *Tagger) modelFor(sents [][]string) *model {
	if t.caps == nil {
		return t.m
	}
	caps := false
	var cases []uint8
	for _, s := range sents {
		cases = cases[:0]
		cased := 0
		for _, w := range s {
			c := caseOf([]byte(w))
			cases = append(cases, c)
			if c != caseUnknown {
				cased++
			}
		}
		if cased < 2 {
			continue
		}
		if !isCapsSentence(cases) {
			return t.m
		}
		caps = true
	}
	if caps {
		return t.caps
	}
	return t.m
}

// New returns a Tagger for a model file written by Train.
func New(data []byte) (*Tagger, error) {
	m, err := decodeModel(data)
	if err != nil {
		return nil, fmt.Errorf("tagger: %w", err)
	}
	return newTagger(m), nil
}

func newTagger(m *model) *Tagger {
	t := &Tagger{m: m}
	t.pool.New = func() any { return newDocState() }
	return t
}

// Labels returns the model's labels ("O" first; IOB2, or BILOU when the
// model was trained so; Tag always answers in IOB2).
func (t *Tagger) Labels() []string { return append([]string(nil), t.m.labels...) }

// Tag returns the IOB2 labels of one sentence's tokens, treating the
// sentence as a document of its own.
func (t *Tagger) Tag(tokens []string) []string {
	return t.TagDocument([][]string{tokens})[0]
}

// TagDocument returns the IOB2 labels of every sentence of one document.
// Knowing the whole document lets the second stage give the same name the
// same type throughout, and lets headline words in capitals borrow their
// casing from the body.
func (t *Tagger) TagDocument(sents [][]string) [][]string {
	st := t.pool.Get().(*docState)
	defer t.pool.Put(st)
	ids := t.tagIDs(st, sents)
	out := make([][]string, len(sents))
	k := 0
	for i, s := range sents {
		out[i] = make([]string, len(s))
		for j := range s {
			out[i][j] = t.m.out[ids[k]]
			k++
		}
	}
	return out
}

func (t *Tagger) tagIDs(st *docState, sents [][]string) []int8 {
	m := t.modelFor(sents)
	m.prepare(st, sents)
	ids := make([]int8, len(st.toks))
	m.decode(st, ids, true)
	return ids
}

// Name implements nlp.Annotator.
func (t *Tagger) Name() string { return "tagger" }

// Requires implements nlp.Annotator: sentences and tokens.
func (t *Tagger) Requires() []nlp.Layer { return []nlp.Layer{nlp.LayerSentences, nlp.LayerTokens} }

// Provides implements nlp.Annotator: mentions.
func (t *Tagger) Provides() []nlp.Layer { return []nlp.Layer{nlp.LayerMentions} }

var _ nlp.Annotator = (*Tagger)(nil)

// Annotate tags every sentence of d as one document and appends a Mention
// (byte span, type, Source "tagger") for each entity found, keeping
// d.Mentions ordered by start. ORG mentions are refined into ARMED_GROUP,
// STATE_FORCE or MEDIA when their words or context say so.
func (t *Tagger) Annotate(ctx context.Context, d *nlp.Doc) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if len(d.SentenceTokens) != len(d.Sentences) {
		return fmt.Errorf("tagger: %d sentences but %d sentence token ranges", len(d.Sentences), len(d.SentenceTokens))
	}
	sents := make([][]string, len(d.SentenceTokens))
	for i, r := range d.SentenceTokens {
		if r[0] < 0 || r[1] > len(d.Tokens) || r[0] > r[1] {
			return fmt.Errorf("tagger: sentence %d token range %v outside %d tokens", i, r, len(d.Tokens))
		}
		s := make([]string, 0, r[1]-r[0])
		for _, tk := range d.Tokens[r[0]:r[1]] {
			s = append(s, tk.Text)
		}
		sents[i] = s
	}
	st := t.pool.Get().(*docState)
	defer t.pool.Put(st)
	ids := t.tagIDs(st, sents)
	var found []nlp.Mention
	k := 0
	for i, r := range d.SentenceTokens {
		toks := d.Tokens[r[0]:r[1]]
		cs := t.m.chunks(ids[k : k+len(toks)])
		cs = t.m.joinUnits(st, sents[i], k, cs) // labels and types are the same in both models
		cs = t.m.dropNonNames(st, sents[i], k, cs)
		for _, c := range cs {
			span := muster.Span{Start: toks[c.start].Start, End: toks[c.end-1].End}
			if !span.Valid(len(d.Text)) {
				return fmt.Errorf("tagger: sentence %d token span %v outside the text", i, span)
			}
			typ := t.fineType(st, sents[i], k, c)
			found = append(found, nlp.Mention{Span: span, Text: d.Text[span.Start:span.End], Type: typ, Source: "tagger"})
		}
		k += len(toks)
	}
	propagateFineTypes(found)
	d.Mentions = mergeMentions(d.Mentions, found)
	return nil
}

// chunk is one tagged entity: a token range of a sentence and a type index.
type chunk struct {
	start, end, typ int
}

// chunks reads entities off one sentence's label ids (IOB2; an I- label
// that does not continue an entity of its type starts one).
func (m *model) chunks(ids []int8) []chunk {
	var out []chunk
	cur := chunk{start: -1}
	for i, y := range ids {
		ty := m.labelType[y]
		if cur.start >= 0 && (ty < 0 || m.labelBegin[y] || ty != cur.typ) {
			cur.end = i
			out = append(out, cur)
			cur = chunk{start: -1}
		}
		if ty >= 0 && cur.start < 0 {
			cur = chunk{start: i, typ: ty}
		}
	}
	if cur.start >= 0 {
		cur.end = len(ids)
		out = append(out, cur)
	}
	return out
}

// mergeMentions merges two start-ordered mention lists.
func mergeMentions(a, b []nlp.Mention) []nlp.Mention {
	if len(a) == 0 {
		return b
	}
	out := make([]nlp.Mention, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		if j >= len(b) || (i < len(a) && a[i].Start <= b[j].Start) {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return out
}
