package tagger

import (
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster/nlp"
)

// Truecase returns d's text with the words of a document written in
// capitals (MUC-4's texts, many agency feeds) re-cased as mixed-case news
// writes them, and true; it returns d.Text and false for any other
// document, or when the tagger has no caps model. d needs its sentences
// and tokens.
//
// Why: the stages after the tagger read capitals as names, so an all-caps
// wire story gives a name of every phrase (issue 10 item 3). Re-casing
// a copy of the text lets them read it as they read any story, while the
// document keeps its own text: only the case of letters changes, and only
// where a letter keeps its UTF-8 length, so every byte and character
// offset into the copy is the same offset into d.Text, and evidence quoted
// from the copy can be quoted again from the original.
//
// A word inside a name the caps model finds is written as the unlabeled
// news writes it when that is in capitals (FMLN), in lower case when it
// is a short function word inside the name (de, la, of), and in title
// case otherwise; any other word as the unlabeled news usually writes it,
// and in lower case when the news does not know it. The first word of a
// sentence starts with a capital.
func (t *Tagger) Truecase(d *nlp.Doc) (string, bool) {
	if t.caps == nil || len(d.SentenceTokens) != len(d.Sentences) {
		return d.Text, false
	}
	sents := make([][]string, len(d.SentenceTokens))
	for i, r := range d.SentenceTokens {
		if r[0] < 0 || r[1] > len(d.Tokens) || r[0] > r[1] {
			return d.Text, false
		}
		s := make([]string, 0, r[1]-r[0])
		for _, tk := range d.Tokens[r[0]:r[1]] {
			s = append(s, tk.Text)
		}
		sents[i] = s
	}
	if t.modelFor(sents) != t.caps {
		return d.Text, false
	}
	st := t.pool.Get().(*docState)
	defer t.pool.Put(st)
	ids := t.tagIDs(st, sents)
	out := []byte(d.Text)
	var lowBuf []byte
	k := 0
	for _, r := range d.SentenceTokens {
		toks := d.Tokens[r[0]:r[1]]
		inName := make([]int, len(toks)) // 0 outside, 1 first word of a name, 2 later words
		for _, c := range t.caps.chunks(ids[k : k+len(toks)]) {
			for j := c.start; j < c.end; j++ {
				inName[j] = 2
			}
			inName[c.start] = 1
		}
		for j, tk := range toks {
			if tk.Start < 0 || tk.End > len(out) || tk.Start > tk.End {
				continue
			}
			w := d.Text[tk.Start:tk.End]
			if caseOf([]byte(w)) == caseUnknown {
				continue
			}
			lowBuf = lower(lowBuf, []byte(w))
			prior := t.caps.casePrior[hashBytes(lowBuf)] & 7
			var c uint8
			switch {
			case bracketed(toks, j) && utf8.RuneCount(lowBuf) <= 5:
				c = caseUpper // an acronym after its name: (URNG), [FMLN]
			case inName[j] > 0 && prior == caseUpper:
				c = caseUpper
			case inName[j] == 2 && prior == caseLower && utf8.RuneCount(lowBuf) <= 3:
				c = caseLower
			case inName[j] > 0:
				c = caseTitle
			case prior == caseUpper, prior == caseTitle:
				c = prior
			case prior == caseMixed:
				c = caseTitle
			default:
				c = caseLower
			}
			if c == caseLower && sentenceStart(d.Text, tk.Start) {
				c = caseTitle
			}
			recase(out[tk.Start:tk.End], c)
		}
		k += len(toks)
	}
	return string(out), true
}

// bracketed reports whether token j stands alone in brackets.
func bracketed(toks []nlp.Token, j int) bool {
	if j == 0 || j+1 >= len(toks) {
		return false
	}
	a, b := toks[j-1].Text, toks[j+1].Text
	return (a == "(" && b == ")") || (a == "[" && b == "]")
}

// sentenceStart reports whether a word at byte off starts a sentence: it
// opens the text or a paragraph, or follows a full stop, question or
// exclamation mark (through closing quotes and brackets). The segmenter's
// sentences are not used: in capitals every line looks like a new one.
func sentenceStart(text string, off int) bool {
	newlines := 0
	for i := off - 1; i >= 0; i-- {
		switch c := text[i]; c {
		case ' ', '\t', '\r':
		case '\n':
			newlines++
			if newlines == 2 {
				return true
			}
		case '"', '\'', ')', ']':
		case '.', '!', '?':
			return true
		default:
			return false
		}
	}
	return true
}

// recase rewrites the letters of w in place in the case class c, leaving a
// letter as it is where the new case would change its UTF-8 length.
func recase(w []byte, c uint8) {
	firstLetter := true
	for i := 0; i < len(w); {
		r, n := utf8.DecodeRune(w[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		nr := unicode.ToLower(r)
		if c == caseUpper || c == caseTitle && firstLetter {
			nr = unicode.ToUpper(r)
		}
		firstLetter = false
		if nr != r && utf8.RuneLen(nr) == n {
			utf8.EncodeRune(w[i:], nr)
		}
		i += n
	}
}
