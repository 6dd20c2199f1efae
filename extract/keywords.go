package extract

// keywordSet answers, in one pass over a lower-cased sentence, which of
// a list of rules have one of their keywords in it. The sentence
// patterns each have a few keywords that a sentence must contain before
// their regexp is worth running; testing them one strings.Contains at a
// time cost more than the regexps they saved. An Aho–Corasick automaton
// over all keywords reads each byte once and ORs together the rules
// whose keywords end there.
//
// Rules are numbered 0..63 (a uint64 bitmask); a rule with no keywords
// matches every sentence.
type keywordSet struct {
	// next[state*classes+class] is the state after reading a byte of
	// that class (the goto function completed with failure links).
	next    []int32
	out     []uint64 // rules whose keywords end at each state
	class   [256]uint8
	classes int
	always  uint64 // rules without keywords
}

// newKeywordSet builds the automaton; keys[r] are rule r's keywords.
func newKeywordSet(keys [][]string) *keywordSet {
	if len(keys) > 64 {
		panic("extract: keywordSet holds at most 64 rules")
	}
	ks := &keywordSet{}
	// Byte classes: every byte that occurs in a keyword gets its own
	// class; all others share class 0, which leads back to the root.
	for _, ws := range keys {
		for _, w := range ws {
			for i := 0; i < len(w); i++ {
				if ks.class[w[i]] == 0 {
					ks.classes++
					ks.class[w[i]] = uint8(ks.classes)
				}
			}
		}
	}
	ks.classes++
	// The trie, with -1 for a missing edge.
	trie := [][]int32{make([]int32, ks.classes)}
	for c := range trie[0] {
		trie[0][c] = -1
	}
	out := []uint64{0}
	for r, ws := range keys {
		if len(ws) == 0 {
			ks.always |= 1 << r
		}
		for _, w := range ws {
			s := int32(0)
			for i := 0; i < len(w); i++ {
				c := ks.class[w[i]]
				if trie[s][c] < 0 {
					row := make([]int32, ks.classes)
					for k := range row {
						row[k] = -1
					}
					trie = append(trie, row)
					out = append(out, 0)
					trie[s][c] = int32(len(trie) - 1)
				}
				s = trie[s][c]
			}
			out[s] |= 1 << r
		}
	}
	// Breadth-first: failure links, and missing edges filled from them.
	fail := make([]int32, len(trie))
	queue := make([]int32, 0, len(trie))
	for c := 0; c < ks.classes; c++ {
		if t := trie[0][c]; t < 0 {
			trie[0][c] = 0
		} else {
			fail[t] = 0
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		out[s] |= out[fail[s]]
		for c := 0; c < ks.classes; c++ {
			t := trie[s][c]
			if t < 0 {
				trie[s][c] = trie[fail[s]][c]
				continue
			}
			fail[t] = trie[fail[s]][c]
			queue = append(queue, t)
		}
	}
	ks.next = make([]int32, len(trie)*ks.classes)
	for s, row := range trie {
		copy(ks.next[s*ks.classes:], row)
	}
	ks.out = out
	return ks
}

// match returns the bitmask of rules with a keyword in s.
func (ks *keywordSet) match(s string) uint64 {
	m := ks.always
	st := int32(0)
	for i := 0; i < len(s); i++ {
		st = ks.next[int(st)*ks.classes+int(ks.class[s[i]])]
		m |= ks.out[st]
	}
	return m
}
