// Package segment finds sentence and token boundaries in news text with
// rules, no model: it is the first annotator of every muster pipeline and
// runs on every byte, so it is written as one pass over the text with an
// ASCII fast path.
//
// Tokens follow the Penn Treebank habits that taggers trained on CoNLL
// expect: punctuation is its own token, a possessive ’s or 's is split
// off, numbers keep their separators ("4,000", "1.5"), hyphenated words and
// abbreviations with internal periods ("U.S.", "Gen.") stay whole. Curly
// quotes and apostrophes are treated like straight ones.
//
// Sentences end at . ! ? … (after any closing quotes or brackets) when the
// next token could start a sentence, never after a known abbreviation or a
// single initial; a blank line always ends one, and so does a line break
// after a headline-like line, except in hard-wrapped text, where a line
// break inside a paragraph is a space.
package segment

import (
	"context"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// Segmenter is the nlp.Annotator that provides sentences and tokens.
type Segmenter struct{}

// New returns a Segmenter.
func New() *Segmenter { return &Segmenter{} }

// Name implements nlp.Annotator.
func (*Segmenter) Name() string { return "segment" }

// Requires implements nlp.Annotator: nothing.
func (*Segmenter) Requires() []nlp.Layer { return nil }

// Provides implements nlp.Annotator.
func (*Segmenter) Provides() []nlp.Layer {
	return []nlp.Layer{nlp.LayerSentences, nlp.LayerTokens}
}

// Annotate sets d.Tokens, d.Sentences and d.SentenceTokens.
func (*Segmenter) Annotate(ctx context.Context, d *nlp.Doc) error {
	Segment(d)
	return nil
}

// Segment sets d.Tokens, d.Sentences and d.SentenceTokens from d.Text.
func Segment(d *nlp.Doc) {
	d.Tokens = Tokens(d.Text)
	d.Sentences = d.Sentences[:0]
	d.SentenceTokens = d.SentenceTokens[:0]
	start := 0
	wrap := wrapWidth(d.Text)
	for i := range d.Tokens {
		if i+1 == len(d.Tokens) || endsSentence(d.Text, d.Tokens, i, wrap) {
			d.SentenceTokens = append(d.SentenceTokens, [2]int{start, i + 1})
			d.Sentences = append(d.Sentences, muster.Span{Start: d.Tokens[start].Start, End: d.Tokens[i].End})
			start = i + 1
		}
	}
}

// Tokens splits text into tokens.
func Tokens(text string) []nlp.Token {
	toks := make([]nlp.Token, 0, len(text)/5+1)
	i := 0
	for i < len(text) {
		c := text[i]
		if c == ' ' || ('\t' <= c && c <= '\r') {
			i++
			continue
		}
		var r rune
		w := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, w = utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				i += w
				continue
			}
		}
		end := i + w
		switch {
		case isWordRune(r):
			end = scanWord(text, i)
		case r == '.' && strings.HasPrefix(text[i:], "..."):
			end = i + 3
		case r == '-' && strings.HasPrefix(text[i:], "--"):
			end = i + 2
		}
		// Split a possessive 's / ’s off the word it closes.
		if end-i > 2 && isWordRune(r) {
			if p := possessive(text[i:end]); p > 0 {
				toks = append(toks, nlp.Token{Span: muster.Span{Start: i, End: end - p}, Text: text[i : end-p]})
				toks = append(toks, nlp.Token{Span: muster.Span{Start: end - p, End: end}, Text: text[end-p : end]})
				i = end
				continue
			}
		}
		toks = append(toks, nlp.Token{Span: muster.Span{Start: i, End: end}, Text: text[i:end]})
		i = end
	}
	return toks
}

// possessive returns the byte length of a trailing 's or ’s, or 0.
func possessive(w string) int {
	switch {
	case strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "'S"):
		return 2
	case strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "’S"):
		return len("’s")
	}
	return 0
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// runeAt decodes the rune at byte i, or 0 at the end.
func runeAt(text string, i int) (rune, int) {
	if i >= len(text) {
		return 0, 0
	}
	if c := text[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(text[i:])
}

// scanWord returns the end of the word starting at i: letters and digits,
// joined by an inner hyphen, apostrophe, or (between digits) a comma or
// period; and abbreviations with periods such as "U.S." and "Gen.".
func scanWord(text string, i int) int {
	j := i
	letters, dots, allUpperOrDot := 0, 0, true
	for j < len(text) {
		r, w := runeAt(text, j)
		if isWordRune(r) {
			if unicode.IsLetter(r) {
				letters++
				if !unicode.IsUpper(r) {
					allUpperOrDot = false
				}
			}
			j += w
			continue
		}
		// A joiner counts only when a word rune follows it.
		next, nw := runeAt(text, j+w)
		prev, _ := utf8.DecodeLastRuneInString(text[i:j])
		switch {
		case (r == '-' || r == '\'' || r == '’' || r == '‐') && isWordRune(next) && nw > 0:
			j += w
			continue
		case (r == ',' || r == '.') && unicode.IsDigit(prev) && unicode.IsDigit(next):
			j += w
			continue
		case r == '.' && isInitialism(text[i:j]) && isLetterRune(next) && unicode.IsUpper(next) == unicode.IsUpper(prev) && followedByDot(text, j+w+nw):
			// "U.S." — a single capital then a period, repeated; or
			// single small letters ("p.m.", "e.g."), which take their
			// last period only when they are a known abbreviation.
			j += w
			dots++
			continue
		}
		break
	}
	// Take the final period of an initialism ("U.S.") or a known
	// abbreviation ("Gen.", "Mr.").
	if j < len(text) && text[j] == '.' {
		word := text[i:j]
		if (dots > 0 && allUpperOrDot) || isAbbrev(word) {
			j++
		}
	}
	_ = letters
	return j
}

func isLetterRune(r rune) bool { return unicode.IsLetter(r) }

func followedByDot(text string, i int) bool { return i < len(text) && text[i] == '.' }

// isInitialism reports whether w so far is like "U" or "U.S" (single
// capitals separated by periods) or "p" or "p.m" (single small letters).
func isInitialism(w string) bool {
	for part := range strings.SplitSeq(w, ".") {
		r, n := utf8.DecodeRuneInString(part)
		if n != len(part) || !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// abbreviations that take a period and do not end a sentence.
var abbrevs = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true, "lt": true,
	"maj": true, "capt": true, "cpt": true, "sgt": true, "cpl": true, "adm": true, "cmdr": true, "brig": true,
	"sen": true, "rep": true, "gov": true, "pres": true, "rev": true, "hon": true, "st": true, "mt": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true, "sep": true,
	"sept": true, "oct": true, "nov": true, "dec": true, "no": true, "nos": true, "vs": true, "etc": true,
	"inc": true, "corp": true, "ltd": true, "co": true, "jr": true, "sr": true, "approx": true, "est": true,
	"dept": true, "univ": true, "fig": true, "e.g": true, "i.e": true, "u.s": true, "u.k": true, "u.n": true,
	"a.m": true, "p.m": true,
}

// titles are abbreviations that are always followed by a name, so a period
// after them never ends a sentence.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "col": true, "lt": true,
	"maj": true, "capt": true, "cpt": true, "sgt": true, "cpl": true, "adm": true, "cmdr": true, "brig": true,
	"sen": true, "rep": true, "gov": true, "pres": true, "rev": true, "hon": true, "st": true, "mt": true, "no": true,
}

func isAbbrev(w string) bool {
	if len(w) > 6 {
		return false
	}
	// Single capital initial: "J." in "John F. Kennedy".
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsUpper(r) {
		return true
	}
	return abbrevs[strings.ToLower(w)]
}

func isTitle(w string) bool {
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsUpper(r) {
		return true // an initial
	}
	return titles[strings.ToLower(strings.TrimSuffix(w, "."))]
}

func isCloser(s string) bool {
	switch s {
	case "\"", "'", "”", "’", ")", "]", "»", "›":
		return true
	}
	return false
}

func isOpener(s string) bool {
	switch s {
	case "\"", "'", "“", "‘", "(", "[", "«", "‹", "—", "-":
		return true
	}
	return false
}

// endsSentence reports whether a sentence ends after token i; wrap is
// the text's line width when it is hard-wrapped (wrapWidth), else 0.
func endsSentence(text string, toks []nlp.Token, i, wrap int) bool {
	t := toks[i].Text
	next := toks[i+1]
	gap := text[toks[i].End:next.Start]
	if strings.Count(gap, "\n") >= 2 {
		return true // paragraph break
	}
	if strings.Contains(gap, "\n") && !wrappedLine(text, toks[i].End, wrap) && lineBreakEnds(text, toks, i) {
		return true
	}
	// Closing quotes and brackets stay with the sentence they close.
	if isCloser(t) {
		j := i
		for j > 0 && isCloser(toks[j].Text) {
			j--
		}
		if !isTerminal(toks[j].Text) && !abbrevEnds(toks[j].Text) {
			return false
		}
		if isCloser(next.Text) && !opensQuote(text, toks, i+1) || gap == "" {
			return false
		}
		return startsSentence(next.Text)
	}
	if !isTerminal(t) && !abbrevEnds(t) {
		return false
	}
	if gap == "" && !isOpener(next.Text) {
		return false // "5.1", "…said.It" — no space, no break
	}
	if isCloser(next.Text) && !opensQuote(text, toks, i+1) {
		return false
	}
	if abbrevEnds(t) && !isTerminal(t) {
		// "Gen. Ivanov": a title never ends a sentence; another
		// abbreviation ("U.S.", "Inc.") does when a capitalised word that
		// is not a name-like continuation follows — we split only on a
		// new line of thought, signalled by a following sentence opener
		// after a lower-case next word being impossible to judge; keep it
		// conservative.
		if isTitle(t) {
			return false
		}
		return startsSentence(next.Text) && commonSentenceStart(next.Text)
	}
	return startsSentence(next.Text)
}

// opensQuote reports whether the straight quotation mark toks[k] (or the
// pair of apostrophes some newspapers print for one) opens a quotation rather than
// closes one: a space before it, a word right after it. `said. "This`
// then starts a sentence as `said. “This` does.
func opensQuote(text string, toks []nlp.Token, k int) bool {
	t := toks[k].Text
	if t != "\"" && t != "'" || k == 0 || toks[k-1].End == toks[k].Start {
		return false
	}
	if t == "'" && k+1 < len(toks) && toks[k+1].Text == "'" && toks[k+1].Start == toks[k].End {
		k++ // "''"
	}
	if k+1 >= len(toks) || toks[k+1].Start != toks[k].End {
		return false
	}
	r, _ := utf8.DecodeRuneInString(toks[k+1].Text)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

func isTerminal(t string) bool {
	switch t {
	case ".", "!", "?", "…", "...", "?!", "!?":
		return true
	}
	return false
}

// abbrevEnds reports whether token t is an abbreviation that took a period.
func abbrevEnds(t string) bool { return len(t) > 1 && strings.HasSuffix(t, ".") }

func startsSentence(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || isOpener(t) || unicode.Is(unicode.Han, r)
}

// commonSentenceStart is a small list of words that usually open a new
// sentence, used to decide whether "U.S." ends one.
func commonSentenceStart(t string) bool {
	switch t {
	case "The", "A", "An", "He", "She", "It", "They", "We", "I", "In", "On", "But", "And", "This", "That",
		"These", "Those", "There", "His", "Her", "Its", "Their", "Our", "As", "At", "After", "Before", "When",
		"While", "If", "Some", "Many", "Most", "Other", "One", "Two", "According", "Officials", "Meanwhile":
		return true
	}
	return false
}

// Hard-wrapped text (wire copy, e-mail, the MUC-4 reports) breaks its
// lines at a fixed width inside sentences: "KILLED THIS MORNING IN SAN" /
// "SALVADOR". Such a line break is a space, or the line-per-sentence rule
// of lineBreakEnds cuts names and sentences in two.
const (
	// wrapMinLines is how many lines a text needs before its line
	// lengths say anything about wrapping.
	wrapMinLines = 4
	// wrapMaxWidth is the widest line a wrapped text has: a text with
	// longer lines writes a paragraph per line.
	wrapMaxWidth = 100
)

// wrapWidth returns the width at which text is hard-wrapped, or 0 when it
// is not: when it has at least wrapMinLines non-blank lines, none longer
// than wrapMaxWidth bytes, and at least half of them within a fifth of the
// longest (lines of a paragraph written one per line vary in length;
// wrapped lines fill the width).
func wrapWidth(text string) int {
	var lens []int
	longest := 0
	for line := range strings.SplitSeq(text, "\n") {
		n := len(strings.TrimSpace(line))
		if n == 0 {
			continue
		}
		if n > wrapMaxWidth {
			return 0
		}
		lens = append(lens, n)
		longest = max(longest, n)
	}
	if len(lens) < wrapMinLines {
		return 0
	}
	full := 0
	for _, n := range lens {
		if n*5 >= longest*4 {
			full++
		}
	}
	if full*2 < len(lens) {
		return 0
	}
	return longest
}

// wrappedLine reports whether the line that ends at byte end was broken
// by the wrap (it fills at least three fifths of the width wrap) rather
// than ended by its writer (a heading, a dateline, a signature).
func wrappedLine(text string, end, wrap int) bool {
	if wrap == 0 {
		return false
	}
	lineStart := strings.LastIndexByte(text[:end], '\n') + 1
	return len(strings.TrimSpace(text[lineStart:end]))*5 >= wrap*3
}

// lineBreakEnds decides whether a single line break after token i ends a
// sentence: it does after terminal punctuation, and after a line that looks
// like a headline or section name (short, no terminal punctuation) when the
// next line starts like a sentence.
func lineBreakEnds(text string, toks []nlp.Token, i int) bool {
	if isTerminal(toks[i].Text) || isCloser(toks[i].Text) || abbrevEnds(toks[i].Text) {
		return true
	}
	lineStart := strings.LastIndexByte(text[:toks[i].End], '\n') + 1
	if toks[i].End-lineStart <= 100 {
		return true
	}
	return startsSentence(toks[i+1].Text) && !startsLower(toks[i+1].Text)
}

func startsLower(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLower(r)
}
