package syntax

import (
	"strings"
)

// Project re-tokenises a treebank sentence as the byte spans toks over
// s.Text (another tokeniser's tokens, segment's in muster) and carries the
// gold annotation over:
//
//   - a token that covers several words ("don't" = do + n't, "U.S.-backed"
//     = U.S. + - + backed) becomes one word that takes the tag, relation
//     and head of the word in it whose head lies outside it (the first such
//     word that is not punctuation); its lemma is the text before that word,
//     lower-cased, and that word's lemma ("u.s.-back"); a participle so
//     merged that modifies a noun (amod) is tagged ADJ, a compound
//     adjective, since UD tags the bare participle VERB only because the
//     treebank split it off;
//   - a word split into several tokens keeps its annotation on the first,
//     and the others attach to it as goeswith, tagged X (UD's convention
//     for split words);
//   - words attached to a merged word attach to its token.
//
// It reports false when a token and a word cross in a way neither rule
// covers, or when the merge would leave the sentence without a tree.
func Project(s Sentence, toks [][2]int) (Sentence, bool) {
	ws := s.Words
	out := Sentence{ID: s.ID, Text: s.Text}
	wordTok := make([]int, len(ws)) // word → token index of the result
	type group struct{ t0, t1, w0, w1 int }
	var groups []group
	i, j := 0, 0
	for i < len(toks) && j < len(ws) {
		if toks[i][1] <= ws[j].Start {
			return Sentence{}, false // a token over no word
		}
		if ws[j].End <= toks[i][0] {
			return Sentence{}, false // a word under no token
		}
		g := group{t0: i, w0: j}
		end := max(toks[i][1], ws[j].End)
		i++
		j++
		for {
			switch {
			case i < len(toks) && toks[i][0] < end:
				end = max(end, toks[i][1])
				i++
				continue
			case j < len(ws) && ws[j].Start < end:
				end = max(end, ws[j].End)
				j++
				continue
			}
			break
		}
		g.t1, g.w1 = i, j
		groups = append(groups, g)
	}
	if i != len(toks) || j != len(ws) {
		return Sentence{}, false
	}
	// First pass: each group's token indices, and the word that carries
	// each merged group.
	carrier := make([]int, len(groups))
	for gi, g := range groups {
		nt, nw := g.t1-g.t0, g.w1-g.w0
		switch {
		case nt == 1:
			c := -1
			for w := g.w0; w < g.w1; w++ {
				h := ws[w].Head
				inside := h >= g.w0 && h < g.w1
				if !inside && (c < 0 || ws[c].UPOS == "PUNCT" && ws[w].UPOS != "PUNCT") {
					c = w
				}
			}
			if c < 0 {
				return Sentence{}, false
			}
			carrier[gi] = c
			for w := g.w0; w < g.w1; w++ {
				wordTok[w] = len(out.Words)
			}
			out.Words = append(out.Words, Word{})
		case nw == 1:
			carrier[gi] = g.w0
			wordTok[g.w0] = len(out.Words)
			for range nt {
				out.Words = append(out.Words, Word{})
			}
		default:
			return Sentence{}, false
		}
	}
	k := 0
	for gi, g := range groups {
		c := ws[carrier[gi]]
		head := -1
		if c.Head >= 0 {
			head = wordTok[c.Head]
		}
		if g.t1-g.t0 == 1 {
			t := toks[g.t0]
			lemma := c.Lemma
			if c.Start > t[0] && c.Start <= t[1] {
				pre := s.Text[t[0]:c.Start]
				if c.UPOS != "PROPN" {
					pre = strings.ToLower(pre)
				}
				lemma = pre + lemma
			}
			w := Word{Form: s.Text[t[0]:t[1]], Lemma: lemma, UPOS: c.UPOS, XPOS: c.XPOS, Head: head, Rel: c.Rel, Start: t[0], End: t[1]}
			if g.w1-g.w0 > 1 && c.UPOS == "VERB" && c.Rel == "amod" {
				// A hyphenated participle before its noun
				// ("U.S.-backed forces") is a compound adjective.
				w.UPOS, w.XPOS = "ADJ", "JJ"
			}
			out.Words[k] = w
			k++
			continue
		}
		first := k
		for ti := g.t0; ti < g.t1; ti++ {
			t := toks[ti]
			w := Word{Form: s.Text[t[0]:t[1]], Lemma: s.Text[t[0]:t[1]], UPOS: "X", XPOS: "GW", Head: first, Rel: "goeswith", Start: t[0], End: t[1]}
			if ti == g.t0 {
				w.Lemma, w.UPOS, w.XPOS, w.Head, w.Rel = c.Lemma, c.UPOS, c.XPOS, head, c.Rel
			}
			out.Words[k] = w
			k++
		}
	}
	if !isTree(out.Words) {
		return Sentence{}, false
	}
	return out, true
}

// isTree reports whether the heads form one tree with one root.
func isTree(ws []Word) bool {
	roots := 0
	for i, w := range ws {
		if w.Head == -1 {
			roots++
		}
		// Follow heads; a chain longer than the sentence is a cycle.
		h, steps := i, 0
		for h != -1 {
			if h < -1 || h >= len(ws) || steps > len(ws) {
				return false
			}
			h = ws[h].Head
			steps++
		}
	}
	return roots == 1
}
