// Package nlp holds a document's linguistic annotations as byte spans over its
// text, and the Annotator interface through which the stages that produce
// them (segment, tagger) are chained.
//
// A Chain checks at construction that every annotator's required layers are
// provided by an earlier one, so a bad order fails when the pipeline is
// built, not halfway through a document (after CoreNLP's Annotator and
// spaCy's pipe analysis).
package nlp

import (
	"context"
	"fmt"
	"strings"

	"github.com/muster-osint/muster"
)

// Layer names one kind of annotation on a Doc.
type Layer string

// The layers annotators provide.
const (
	LayerSentences Layer = "sentences"
	LayerTokens    Layer = "tokens"
	LayerMentions  Layer = "mentions"
	// LayerTags is the universal part-of-speech tag (Token.Tag) and the
	// lemma (Token.Lemma) of every token.
	LayerTags Layer = "tags"
	// LayerParse is the dependency tree: Token.Head and Token.Rel.
	LayerParse Layer = "parse"
)

// Token is a word or punctuation mark: a byte span and its text, and,
// once the syntax layer has run, its tag, lemma and place in the sentence's
// dependency tree. The tree is over these tokens — segment's — so that
// every later stage sees one set of tokens (issue 9).
type Token struct {
	muster.Span
	Text string
	// Tag is the Universal Dependencies v2 part-of-speech tag (UPOS:
	// "NOUN", "PROPN", "VERB", …); empty before LayerTags.
	Tag string
	// Lemma is the dictionary form, lower-cased except for proper nouns
	// ("killed" → "kill", "fighters" → "fighter"); empty before LayerTags.
	Lemma string
	// Head is the index in Doc.Tokens of the token this one depends on,
	// or -1 for the root of its sentence. It means nothing before
	// LayerParse has run (its zero value is token 0).
	Head int
	// Rel is the Universal Dependencies v2 relation to Head ("nsubj",
	// "obl:agent", "appos", "root"…); empty before LayerParse.
	Rel string
}

// Mention is a typed span found by a tagger or a rule. Spans count bytes.
type Mention struct {
	muster.Span
	Text string
	Type muster.MentionType
	// Source names what found it ("tagger", "rule:acronym"), for debugging.
	Source string
}

// Doc is one document under annotation. All spans are byte offsets into Text.
type Doc struct {
	Text      string
	Sentences []muster.Span // ordered, non-overlapping
	Tokens    []Token       // ordered, non-overlapping
	// SentenceTokens[i] is the half-open token-index range of sentence i.
	SentenceTokens [][2]int
	Mentions       []Mention // ordered by start
}

// NewDoc returns an unannotated Doc over text.
func NewDoc(text string) *Doc { return &Doc{Text: text} }

// SentenceOf returns the index of the sentence that contains byte offset
// off, or -1.
func (d *Doc) SentenceOf(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case off < d.Sentences[m].Start:
			hi = m
		case off >= d.Sentences[m].End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// SentenceTokensOf returns the tokens of sentence i.
func (d *Doc) SentenceTokensOf(i int) []Token {
	r := d.SentenceTokens[i]
	return d.Tokens[r[0]:r[1]]
}

// Slice returns the text of a span.
func (d *Doc) Slice(s muster.Span) string { return d.Text[s.Start:s.End] }

// Annotator is one stage over a Doc.
type Annotator interface {
	Name() string
	Requires() []Layer
	Provides() []Layer
	Annotate(ctx context.Context, d *Doc) error
}

// Chain runs annotators in order.
type Chain struct {
	stages []Annotator
}

// NewChain returns a Chain of the annotators, or an error naming the first
// one whose required layer no earlier annotator provides.
func NewChain(stages ...Annotator) (*Chain, error) {
	have := map[Layer]bool{}
	for _, a := range stages {
		var missing []string
		for _, l := range a.Requires() {
			if !have[l] {
				missing = append(missing, string(l))
			}
		}
		if len(missing) > 0 {
			return nil, fmt.Errorf("nlp chain: %s requires %s, which no earlier annotator provides", a.Name(), strings.Join(missing, ", "))
		}
		for _, l := range a.Provides() {
			have[l] = true
		}
	}
	return &Chain{stages: stages}, nil
}

// Annotate runs every stage on d, stopping at the first error.
func (c *Chain) Annotate(ctx context.Context, d *Doc) error {
	for _, a := range c.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := a.Annotate(ctx, d); err != nil {
			return fmt.Errorf("%s: %w", a.Name(), err)
		}
	}
	return nil
}
