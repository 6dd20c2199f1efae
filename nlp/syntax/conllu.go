package syntax

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one syntactic word of a treebank sentence (a CoNLL-U word line)
// or one token of a sentence to parse.
type Word struct {
	Form  string
	Lemma string
	UPOS  string
	// XPOS is the treebank's own tag (Penn Treebank for EWT: VBN, NNP…).
	XPOS string
	// Head is the index in Sentence.Words of the word's head, -1 for the
	// root.
	Head int
	Rel  string
	// Start and End are the word's byte offsets in Sentence.Text. The words
	// of a multiword token ("don't" = do + n't) get their parts of the
	// token's span when their forms spell it, or else all of it.
	Start, End int
}

// Sentence is one CoNLL-U sentence with its text rebuilt from the tokens
// and their SpaceAfter=No marks (so that offsets are exact).
type Sentence struct {
	ID    string
	Text  string
	Words []Word
}

// ReadCoNLLU reads the sentences of a CoNLL-U file. Multiword-token lines
// (1-2) give their surface form to the text; empty nodes (8.1) are skipped.
// name is used in errors.
func ReadCoNLLU(r io.Reader, name string) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var (
		out     []Sentence
		cur     Sentence
		text    strings.Builder
		mwtEnd  int // last word id covered by the current multiword token
		mwtFrom int // index in cur.Words of its first word
		mwtSpan [2]int
		mwtForm string
		lineNo  int
	)
	flush := func() error {
		if len(cur.Words) == 0 {
			cur = Sentence{}
			return nil
		}
		// Drop the space written after the last token only.
		cur.Text = strings.TrimSuffix(text.String(), " ")
		for i, w := range cur.Words {
			if w.Head < -1 || w.Head >= len(cur.Words) {
				return fmt.Errorf("%s: sentence %q: word %d has head %d outside the sentence", name, cur.ID, i+1, w.Head+1)
			}
		}
		out = append(out, cur)
		cur = Sentence{}
		text.Reset()
		mwtEnd = 0
		return nil
	}
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if line == "" {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		if line[0] == '#' {
			if v, ok := strings.CutPrefix(line, "# sent_id = "); ok {
				cur.ID = v
			}
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 10 {
			return nil, fmt.Errorf("%s:%d: want 10 tab-separated columns, have %d", name, lineNo, len(f))
		}
		id := f[0]
		if strings.Contains(id, ".") {
			continue // empty node
		}
		if f[1] == "" {
			return nil, fmt.Errorf("%s:%d: empty form", name, lineNo)
		}
		spaceAfter := !strings.Contains(f[9], "SpaceAfter=No")
		if lo, hi, ok := strings.Cut(id, "-"); ok {
			a, err1 := strconv.Atoi(lo)
			b, err2 := strconv.Atoi(hi)
			if err1 != nil || err2 != nil || b < a {
				return nil, fmt.Errorf("%s:%d: bad multiword token id %q", name, lineNo, id)
			}
			start := text.Len()
			text.WriteString(f[1])
			mwtSpan = [2]int{start, text.Len()}
			if spaceAfter {
				text.WriteByte(' ')
			}
			mwtEnd, mwtFrom, mwtForm = b, len(cur.Words), f[1]
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n != len(cur.Words)+1 {
			return nil, fmt.Errorf("%s:%d: word id %q out of sequence", name, lineNo, id)
		}
		head := -1
		if f[6] != "_" {
			h, err := strconv.Atoi(f[6])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: bad head %q", name, lineNo, f[6])
			}
			head = h - 1
		}
		w := Word{Form: f[1], Lemma: f[2], UPOS: f[3], XPOS: f[4], Head: head, Rel: f[7]}
		if n <= mwtEnd {
			w.Start, w.End = mwtSpan[0], mwtSpan[1]
			cur.Words = append(cur.Words, w)
			if n == mwtEnd {
				splitMWT(cur.Words[mwtFrom:], mwtForm, mwtSpan[0])
			}
			continue
		}
		w.Start = text.Len()
		text.WriteString(w.Form)
		w.End = text.Len()
		if spaceAfter {
			text.WriteByte(' ')
		}
		cur.Words = append(cur.Words, w)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// splitMWT gives the words of a multiword token their parts of its span
// when their forms spell it (case-insensitively), as "do"+"n't" spell
// "don't"; otherwise they keep the whole span.
func splitMWT(ws []Word, form string, start int) {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.Form)
	}
	if !strings.EqualFold(b.String(), form) || len(b.String()) != len(form) {
		return
	}
	off := start
	for i := range ws {
		ws[i].Start, ws[i].End = off, off+len(ws[i].Form)
		off += len(ws[i].Form)
	}
}

// WriteCoNLLU writes sentences as CoNLL-U, one word per line with its
// form, lemma, tags, head and relation, and SpaceAfter=No where a word
// ends where the next begins; ReadCoNLLU reads back the same sentences.
// It is the bootstrap of the in-domain treebank (treebank/README.md): a
// sentence parsed by the model, written out, then corrected by hand.
func WriteCoNLLU(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	dash := func(s string) string {
		if s == "" {
			return "_"
		}
		return s
	}
	for _, s := range sents {
		if s.ID != "" {
			fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
		}
		fmt.Fprintf(bw, "# text = %s\n", s.Text)
		for i, x := range s.Words {
			if strings.ContainsAny(x.Form, "\t\n") || x.Form == "" {
				return fmt.Errorf("write conllu: sentence %q: word %d has form %q", s.ID, i+1, x.Form)
			}
			misc := "_"
			if i+1 < len(s.Words) && x.End == s.Words[i+1].Start {
				misc = "SpaceAfter=No"
			}
			fmt.Fprintf(bw, "%d\t%s\t%s\t%s\t%s\t_\t%d\t%s\t_\t%s\n", i+1, x.Form, dash(x.Lemma), dash(x.UPOS), dash(x.XPOS), x.Head+1, dash(x.Rel), misc)
		}
		bw.WriteByte('\n')
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write conllu: %w", err)
	}
	return nil
}
