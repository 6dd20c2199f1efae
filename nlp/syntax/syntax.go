package syntax

import (
	"bytes"
	"context"
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/muster-osint/muster/nlp"
)

//go:embed model.bin.gz
var modelData []byte

var (
	loadOnce  sync.Once
	loadModel *Model
	loadErr   error
)

// LoadModel returns the embedded model, decoded once per process.
func LoadModel() (*Model, error) {
	loadOnce.Do(func() {
		loadModel, loadErr = ReadModel(bytes.NewReader(modelData), "embedded model.bin.gz")
	})
	return loadModel, loadErr
}

// Annotator is the nlp.Annotator that tags, lemmatises and parses every
// sentence of a Doc over segment's tokens. It is safe for concurrent use.
type Annotator struct {
	m    *Model
	pool sync.Pool
}

// New returns an Annotator with the embedded model.
func New() (*Annotator, error) {
	m, err := LoadModel()
	if err != nil {
		return nil, fmt.Errorf("syntax: %w", err)
	}
	return NewWithModel(m), nil
}

// NewWithModel returns an Annotator with model m.
func NewWithModel(m *Model) *Annotator {
	a := &Annotator{m: m}
	a.pool.New = func() any { return &workspace{} }
	return a
}

// Name implements nlp.Annotator.
func (*Annotator) Name() string { return "syntax" }

// Requires implements nlp.Annotator.
func (*Annotator) Requires() []nlp.Layer {
	return []nlp.Layer{nlp.LayerSentences, nlp.LayerTokens}
}

// Provides implements nlp.Annotator.
func (*Annotator) Provides() []nlp.Layer { return []nlp.Layer{nlp.LayerTags, nlp.LayerParse} }

// Annotate sets Tag, Lemma, Head and Rel of every token of every sentence.
func (a *Annotator) Annotate(ctx context.Context, d *nlp.Doc) error {
	ws := a.pool.Get().(*workspace)
	defer a.pool.Put(ws)
	var forms []string
	for si, r := range d.SentenceTokens {
		if si%64 == 63 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if r[0] < 0 || r[1] > len(d.Tokens) || r[0] > r[1] {
			return fmt.Errorf("syntax: sentence %d has token range %v outside the document's %d tokens", si, r, len(d.Tokens))
		}
		toks := d.Tokens[r[0]:r[1]]
		if len(toks) == 0 {
			continue
		}
		forms = forms[:0]
		for _, t := range toks {
			forms = append(forms, t.Text)
		}
		a.m.run(ws, forms)
		n := len(toks)
		for i := range toks {
			t := &toks[i]
			tag := int(a.m.upos[ws.tags[i]])
			t.Tag = tagNames[tag]
			t.Lemma = a.m.lem.lemma(t.Text, tag)
			h := int(ws.st.head[i])
			if h == n || h < 0 {
				t.Head = -1
			} else {
				t.Head = r[0] + h
			}
			t.Rel = a.m.rels[ws.st.rel[i]-1]
		}
	}
	return nil
}

// run tags and parses one sentence into ws.
func (m *Model) run(ws *workspace, forms []string) {
	m.tag(ws, forms)
	m.parse(ws)
}

// ParseWords tags, lemmatises and parses one sentence given as its word
// forms, returning the words with Form, UPOS, Lemma, Head (-1 for the
// root) and Rel set; offsets are zero.
func (m *Model) ParseWords(forms []string) []Word {
	ws, _ := m.pool.Get().(*workspace)
	if ws == nil {
		ws = &workspace{}
	}
	defer m.pool.Put(ws)
	m.run(ws, forms)
	out := make([]Word, len(forms))
	for i, f := range forms {
		h := int(ws.st.head[i])
		if h == len(forms) {
			h = -1
		}
		u := int(m.upos[ws.tags[i]])
		out[i] = Word{Form: f, UPOS: tagNames[u], XPOS: strings.SplitN(m.tags[ws.tags[i]], "|", 2)[1], Lemma: m.lem.lemma(f, u), Head: h, Rel: m.rels[ws.st.rel[i]-1]}
	}
	return out
}
