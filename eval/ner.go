// Package eval scores muster's stages against annotated data: entity-level
// precision, recall and F1 of mentions on CoNLL-format files (this file),
// and later event fields and geocoding error.
package eval

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Sentence is one CoNLL sentence: its tokens and their labels (the last
// column of the file, IOB1 or IOB2).
type Sentence struct {
	Tokens []string
	Labels []string
}

// Document is a run of sentences between two -DOCSTART- lines. A file
// without -DOCSTART- lines is one document.
type Document struct {
	Sentences []Sentence
}

// ReadCoNLL reads a CoNLL-2003 style file: one token a line, whitespace
// separated columns with the token first and the label last, a blank line
// between sentences, and "-DOCSTART-" lines opening documents. Lines with a
// single column are taken as a token labelled O. name is used in errors.
func ReadCoNLL(r io.Reader, name string) ([]Document, error) {
	var (
		docs []Document
		doc  Document
		sent Sentence
	)
	flushSent := func() {
		if len(sent.Tokens) > 0 {
			doc.Sentences = append(doc.Sentences, sent)
		}
		sent = Sentence{}
	}
	flushDoc := func() {
		flushSent()
		if len(doc.Sentences) > 0 {
			docs = append(docs, doc)
		}
		doc = Document{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		switch {
		case len(f) == 0:
			flushSent()
		case f[0] == "-DOCSTART-":
			flushDoc()
		default:
			label := "O"
			if len(f) > 1 {
				label = f[len(f)-1]
			}
			if label != "O" && (len(label) < 3 || (label[0] != 'B' && label[0] != 'I' && label[0] != 'E' && label[0] != 'S') || label[1] != '-') {
				return nil, fmt.Errorf("conll %s line %d: bad label %q", name, line, label)
			}
			sent.Tokens = append(sent.Tokens, f[0])
			sent.Labels = append(sent.Labels, label)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conll %s line %d: %w", name, line, err)
	}
	flushDoc()
	return docs, nil
}

// Chunk is one entity: a type and a half-open token range.
type Chunk struct {
	Type       string
	Start, End int
}

// splitLabel returns the prefix (B, I, E, S or O) and type of a label.
func splitLabel(l string) (byte, string) {
	if l == "" || l == "O" || len(l) < 2 || l[1] != '-' {
		return 'O', ""
	}
	return l[0], l[2:]
}

// chunkEnd and chunkStart follow conlleval's endOfChunk and startOfChunk, so
// IOB1, IOB2 and IOBES labels, and ill-formed sequences (I- after O), are
// read exactly as conlleval reads them.
func chunkEnd(prevTag byte, prevType string, tag byte, typ string) bool {
	switch {
	case prevTag == 'E', prevTag == 'S':
		return true
	case prevTag == 'B' && (tag == 'B' || tag == 'S' || tag == 'O'):
		return true
	case prevTag == 'I' && (tag == 'B' || tag == 'S' || tag == 'O'):
		return true
	case prevTag != 'O' && prevType != typ:
		return true
	}
	return false
}

func chunkStart(prevTag byte, prevType string, tag byte, typ string) bool {
	switch {
	case tag == 'B', tag == 'S':
		return true
	case prevTag == 'E' && (tag == 'E' || tag == 'I'):
		return true
	case prevTag == 'S' && (tag == 'E' || tag == 'I'):
		return true
	case prevTag == 'O' && (tag == 'E' || tag == 'I'):
		return true
	case tag != 'O' && prevType != typ:
		return true
	}
	return false
}

// Chunks returns the entities of one sentence's labels, read as conlleval
// reads them.
func Chunks(labels []string) []Chunk {
	var out []Chunk
	prevTag, prevType := byte('O'), ""
	start := -1
	for i, l := range labels {
		tag, typ := splitLabel(l)
		if start >= 0 && chunkEnd(prevTag, prevType, tag, typ) {
			out = append(out, Chunk{Type: prevType, Start: start, End: i})
			start = -1
		}
		if chunkStart(prevTag, prevType, tag, typ) {
			start = i
		}
		prevTag, prevType = tag, typ
	}
	if start >= 0 {
		out = append(out, Chunk{Type: prevType, Start: start, End: len(labels)})
	}
	return out
}

// Score is precision, recall and F1 (as percentages, like conlleval) of one
// entity type or of all of them.
type Score struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// N is the number of gold entities.
	N       int `json:"n"`
	Found   int `json:"found"`
	Correct int `json:"correct"`
}

func newScore(gold, found, correct int) Score {
	s := Score{N: gold, Found: found, Correct: correct}
	if found > 0 {
		s.Precision = 100 * float64(correct) / float64(found)
	}
	if gold > 0 {
		s.Recall = 100 * float64(correct) / float64(gold)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// NERResult is the outcome of scoring predicted labels against gold ones.
type NERResult struct {
	Overall Score
	// Types holds one Score per entity type seen in gold or predictions.
	Types map[string]Score
	// Tokens counts scored tokens; Accuracy is the share (percent) whose
	// label matches exactly.
	Tokens   int
	Accuracy float64
}

// TypeNames returns the entity types of r in sorted order.
func (r NERResult) TypeNames() []string {
	names := make([]string, 0, len(r.Types))
	for t := range r.Types {
		names = append(names, t)
	}
	sort.Strings(names)
	return names
}

// ScoreNER compares predicted with gold labels sentence by sentence at the
// entity level: an entity counts as correct only when its type and both
// boundaries match (conlleval's exact match). It returns an error when the
// two do not have the same shape.
func ScoreNER(gold, pred [][]string) (NERResult, error) {
	if len(gold) != len(pred) {
		return NERResult{}, fmt.Errorf("score ner: %d gold sentences, %d predicted", len(gold), len(pred))
	}
	type counts struct{ gold, found, correct int }
	per := map[string]*counts{}
	get := func(t string) *counts {
		c := per[t]
		if c == nil {
			c = &counts{}
			per[t] = c
		}
		return c
	}
	var all counts
	var r NERResult
	okTokens := 0
	for i := range gold {
		if len(gold[i]) != len(pred[i]) {
			return NERResult{}, fmt.Errorf("score ner: sentence %d has %d gold labels, %d predicted", i, len(gold[i]), len(pred[i]))
		}
		for j := range gold[i] {
			r.Tokens++
			if gold[i][j] == pred[i][j] {
				okTokens++
			}
		}
		g, p := Chunks(gold[i]), Chunks(pred[i])
		gs := make(map[Chunk]bool, len(g))
		for _, c := range g {
			gs[c] = true
			get(c.Type).gold++
			all.gold++
		}
		for _, c := range p {
			get(c.Type).found++
			all.found++
			if gs[c] {
				get(c.Type).correct++
				all.correct++
			}
		}
	}
	r.Overall = newScore(all.gold, all.found, all.correct)
	r.Types = make(map[string]Score, len(per))
	for t, c := range per {
		r.Types[t] = newScore(c.gold, c.found, c.correct)
	}
	if r.Tokens > 0 {
		r.Accuracy = 100 * float64(okTokens) / float64(r.Tokens)
	}
	return r, nil
}

// WriteReport writes r in conlleval's layout.
func (r NERResult) WriteReport(w io.Writer) error {
	o := r.Overall
	_, err := fmt.Fprintf(w, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n", r.Tokens, o.N, o.Found, o.Correct)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", r.Accuracy, o.Precision, o.Recall, o.F1)
	for _, t := range r.TypeNames() {
		s := r.Types[t]
		if _, err := fmt.Fprintf(w, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n", t, s.Precision, s.Recall, s.F1, s.Found); err != nil {
			return err
		}
	}
	return nil
}
