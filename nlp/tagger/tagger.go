package tagger

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"sync"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

//go:embed model.bin
var embeddedModel []byte

// Tagger finds PER, LOC, ORG and MISC mentions (and the finer ARMED_GROUP,
// STATE_FORCE and MEDIA) in tokenised text. It is safe for concurrent use.
type Tagger struct {
	m    *model
	pool sync.Pool // *docState
}

// Load returns a Tagger with the model embedded in the binary.
func Load() (*Tagger, error) {
	if len(embeddedModel) == 0 {
		return nil, errors.New("tagger: no embedded model (run scripts/model.sh)")
	}
	return New(embeddedModel)
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
	t.m.prepare(st, sents)
	ids := make([]int8, len(st.toks))
	t.m.decode(st, ids, true)
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
		cs = t.m.joinUnits(st, sents[i], k, cs)
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
