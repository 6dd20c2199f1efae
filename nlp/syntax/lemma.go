package syntax

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// lemmatizer maps a (lower-cased form, tag) to a lemma: first through the
// exceptions learned from the treebank (forms whose lemma the suffix rules
// get wrong), then through the longest matching suffix rule for the tag
// ("-ies" NOUN → "-y"), learned from the treebank's word types.
type lemmatizer struct {
	exceptions map[lemKey]string
	rules      map[lemKey]rule // key form is the suffix
	// known holds the hashes of the words the model knows (its cluster
	// vocabulary: news and treebank words, lower-cased). A candidate lemma
	// that is no known word gives way to a shorter rule's that is:
	// "raided" is not "raide" (the rule of "decided") but "raid",
	// "shelled" not "shel" (the rule of "cancelled") but "shell".
	known map[uint64]uint32
}

type lemKey struct {
	form string
	tag  uint8
}

// rule strips strip bytes and appends add.
type rule struct {
	strip int
	add   string
}

const maxSuffix = 5

// lemma returns the lemma of a form (any case) tagged tag.
func (l *lemmatizer) lemma(form string, tag int) string {
	if tagNames[tag] == "PROPN" {
		return form
	}
	low := strings.ToLower(form)
	if x, ok := l.exceptions[lemKey{low, uint8(tag)}]; ok {
		return x
	}
	return l.apply(low, tag)
}

// apply applies the longest suffix rule for the tag whose lemma is a
// known word, or the longest rule's when none is: a rule learned from a
// few word types ("-elled" → "-el", from "cancelled") then does not
// override the general one ("-ed" → "") on words it does not fit.
func (l *lemmatizer) apply(low string, tag int) string {
	first := ""
	found := false
	for k := min(maxSuffix, len(low)); k >= 0; k-- {
		if k > 0 && !utf8.RuneStart(low[len(low)-k]) {
			continue
		}
		r, ok := l.rules[lemKey{low[len(low)-k:], uint8(tag)}]
		if !ok || r.strip > len(low) {
			continue
		}
		c := low
		if r.strip != 0 || r.add != "" {
			c = low[:len(low)-r.strip] + r.add
		}
		if !found {
			first, found = c, true
			if l.known == nil || c == low || l.isKnown(c) {
				return c
			}
			continue
		}
		if c != low && c != first && l.isKnown(c) {
			return c
		}
	}
	if found {
		return first
	}
	return low
}

func (l *lemmatizer) isKnown(w string) bool {
	_, ok := l.known[hstr(w)]
	return ok
}

// learnLemmas builds the lemmatiser from gold (form, tag, lemma) triples;
// known is the model's word vocabulary (see lemmatizer.known).
func learnLemmas(words []Word, known map[uint64]uint32) lemmatizer {
	type triple struct {
		form, lemma string
		tag         uint8
	}
	counts := map[lemKey]map[string]int{}
	for _, w := range words {
		t := tagIndex(w.UPOS)
		if t < 0 || w.UPOS == "PROPN" || w.Lemma == "_" || w.Lemma == "" {
			continue
		}
		k := lemKey{strings.ToLower(w.Form), uint8(t)}
		if counts[k] == nil {
			counts[k] = map[string]int{}
		}
		counts[k][strings.ToLower(w.Lemma)]++
	}
	// The most frequent lemma of each (form, tag), ties to the smaller.
	keys := make([]lemKey, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b lemKey) int {
		if c := strings.Compare(a.form, b.form); c != 0 {
			return c
		}
		return int(a.tag) - int(b.tag)
	})
	types := make([]triple, 0, len(keys))
	for _, k := range keys {
		best, bn := "", -1
		for lem, n := range counts[k] {
			if n > bn || n == bn && lem < best {
				best, bn = lem, n
			}
		}
		types = append(types, triple{k.form, best, k.tag})
	}
	// Suffix rules: for every suffix length, the commonest transformation
	// among the types that end so.
	rc := map[lemKey]map[rule]int{}
	for _, t := range types {
		p := commonPrefix(t.form, t.lemma)
		r := rule{strip: len(t.form) - p, add: t.lemma[p:]}
		for k := 0; k <= min(maxSuffix, len(t.form)); k++ {
			if k > 0 && !utf8.RuneStart(t.form[len(t.form)-k]) {
				continue
			}
			key := lemKey{t.form[len(t.form)-k:], t.tag}
			if rc[key] == nil {
				rc[key] = map[rule]int{}
			}
			rc[key][r]++
		}
	}
	l := lemmatizer{exceptions: map[lemKey]string{}, rules: map[lemKey]rule{}, known: known}
	for key, m := range rc {
		best, bn, total := rule{}, -1, 0
		for r, n := range m {
			total += n
			if n > bn || n == bn && (r.strip < best.strip || r.strip == best.strip && r.add < best.add) {
				best, bn = r, n
			}
		}
		// A long suffix must be seen on a few types to be trusted.
		if len(key.form) > 0 && total < 3 {
			continue
		}
		l.rules[key] = best
	}
	for _, t := range types {
		if l.apply(t.form, int(t.tag)) != t.lemma {
			l.exceptions[lemKey{t.form, t.tag}] = t.lemma
		}
	}
	return l
}

func commonPrefix(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	for i > 0 && i < len(a) && !utf8.RuneStart(a[i]) {
		i--
	}
	return i
}

func (l *lemmatizer) write(w *bufio.Writer) {
	ek := make([]lemKey, 0, len(l.exceptions))
	for k := range l.exceptions {
		ek = append(ek, k)
	}
	sortKeys(ek)
	writeUvarint(w, uint64(len(ek)))
	for _, k := range ek {
		writeStrings(w, []string{k.form, l.exceptions[k]})
		w.WriteByte(k.tag)
	}
	rk := make([]lemKey, 0, len(l.rules))
	for k := range l.rules {
		rk = append(rk, k)
	}
	sortKeys(rk)
	writeUvarint(w, uint64(len(rk)))
	for _, k := range rk {
		r := l.rules[k]
		writeStrings(w, []string{k.form, r.add})
		w.WriteByte(k.tag)
		writeUvarint(w, uint64(r.strip))
	}
}

func sortKeys(ks []lemKey) {
	slices.SortFunc(ks, func(a, b lemKey) int {
		if c := strings.Compare(a.form, b.form); c != 0 {
			return c
		}
		return int(a.tag) - int(b.tag)
	})
}

func (l *lemmatizer) read(r *bufio.Reader) error {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return err
	}
	if n > 1<<22 {
		return fmt.Errorf("%d exceptions", n)
	}
	l.exceptions = make(map[lemKey]string, min(n, 1<<12))
	for range n {
		ss, err := readStrings(r)
		if err != nil || len(ss) != 2 {
			return fmt.Errorf("bad exception: %v", err)
		}
		t, err := r.ReadByte()
		if err != nil || int(t) >= nTags {
			return fmt.Errorf("bad exception tag: %v", err)
		}
		l.exceptions[lemKey{ss[0], t}] = ss[1]
	}
	if n, err = binary.ReadUvarint(r); err != nil {
		return err
	}
	if n > 1<<22 {
		return fmt.Errorf("%d rules", n)
	}
	l.rules = make(map[lemKey]rule, min(n, 1<<12))
	for range n {
		ss, err := readStrings(r)
		if err != nil || len(ss) != 2 {
			return fmt.Errorf("bad rule: %v", err)
		}
		t, err := r.ReadByte()
		if err != nil || int(t) >= nTags {
			return fmt.Errorf("bad rule tag: %v", err)
		}
		strip, err := binary.ReadUvarint(r)
		if err != nil || strip > 64 {
			return fmt.Errorf("bad rule strip: %v", err)
		}
		l.rules[lemKey{ss[0], t}] = rule{strip: int(strip), add: ss[1]}
	}
	return nil
}
