package pattern

import (
	"strings"
	"sync"

	"github.com/muster-osint/muster/nlp"
)

// Match is one way a pattern fits a document.
type Match struct {
	Pattern *Pattern
	// Anchor is the token the pattern's first node matched.
	Anchor int
	// Slots maps each bound name to its index in Doc.Tokens. An optional
	// relation that did not match leaves its names unbound.
	Slots map[string]int
}

// Slot returns the token a name is bound to, and whether it is bound.
func (m Match) Slot(name string) (int, bool) {
	t, ok := m.Slots[name]
	return t, ok
}

// maxPerAnchor bounds the matches one pattern yields at one token, so that
// a pathological sentence (a long list under ">>") cannot blow up.
const maxPerAnchor = 32

// Match returns every match of the set's patterns in d, ordered by anchor
// token and then by the patterns' order in the set. d must carry the tags
// and parse layers.
func (s *Set) Match(d *nlp.Doc) []Match {
	if s == nil || len(d.Tokens) == 0 {
		return nil
	}
	m := newMatcher(d)
	defer m.release()
	var out []Match
	for t := range d.Tokens {
		byLemma, byTag := s.byLemma[m.lemma[t]], s.byTag[d.Tokens[t].Tag]
		if len(byLemma) == 0 && len(byTag) == 0 && len(s.anyTok) == 0 {
			continue
		}
		// The candidates are the patterns indexed under the token's lemma
		// or tag and those that anchor anywhere, taken in the set's order
		// by merging the three ascending lists (a scan of every pattern of
		// the set at every token was most of the matching); most fail on
		// the anchor's own constraints, tested before collect sets up its
		// search.
		anywhere := s.anyTok
		for {
			i := -1
			for _, l := range [3][]int{byLemma, byTag, anywhere} {
				if len(l) > 0 && (i < 0 || l[0] < i) {
					i = l[0]
				}
			}
			if i < 0 {
				break
			}
			switch {
			case len(byLemma) > 0 && byLemma[0] == i:
				byLemma = byLemma[1:]
			case len(byTag) > 0 && byTag[0] == i:
				byTag = byTag[1:]
			default:
				anywhere = anywhere[1:]
			}
			if p := s.Patterns[i]; m.fits(p.root, t) {
				out = m.collect(out, p, t)
			}
		}
	}
	return out
}

// MatchPattern returns the matches of one pattern of the set, by name.
func (s *Set) MatchPattern(d *nlp.Doc, name string) []Match {
	var out []Match
	for _, mt := range s.Match(d) {
		if mt.Pattern.Name == name {
			out = append(out, mt)
		}
	}
	return out
}

type bind struct {
	name string
	tok  int
}

// matcher holds what one document's matching needs, computed once. Its
// buffers are reused from document to document (matchers): a long
// document is matched piece by piece, three pattern sets a piece, and
// allocating them afresh each time was the largest share of the memory an
// 8 MB document churned through (issue 14).
type matcher struct {
	d        *nlp.Doc
	lemma    []string
	word     []string
	ent      []string
	kids     [][]int // children of each token, in order (slices of all)
	all      []int
	count    []int
	sentLo   []int // first token of each token's sentence
	sentHi   []int // one past its last
	maxDepth int
	// collect's state, reused from anchor to anchor: the bindings
	// buffer, the keys of the matches found at this anchor, the matches
	// so far, the pattern and anchor, how many it found, the pending
	// continuations (frames) and the queue of the descendant search.
	binds  []bind
	seen   []string
	out    []Match
	pat    *Pattern
	anchor int
	found  int
	frames []frame
	queue  []int
}

// matchers holds idle matchers; see matcher.
var matchers = sync.Pool{New: func() any { return &matcher{binds: make([]bind, 0, 16)} }}

// resize returns s with length n and every element zero, reusing its
// array when it is large enough.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

func newMatcher(d *nlp.Doc) *matcher {
	n := len(d.Tokens)
	m := matchers.Get().(*matcher)
	m.d, m.maxDepth = d, n
	m.lemma, m.word, m.ent = resize(m.lemma, n), resize(m.word, n), resize(m.ent, n)
	m.kids, m.sentLo, m.sentHi = resize(m.kids, n), resize(m.sentLo, n), resize(m.sentHi, n)
	m.count = resize(m.count, n+1)
	count := m.count
	for i, t := range d.Tokens {
		m.lemma[i] = lower(t.Lemma)
		m.word[i] = lower(t.Text)
		if h := t.Head; h >= 0 && h < n && h != i {
			count[h+1]++
		}
	}
	for i := 1; i <= n; i++ {
		count[i] += count[i-1]
	}
	m.all = resize(m.all, count[n])
	all := m.all
	// fill[h] is where h's next child goes: count[h], advanced.
	fill := m.sentLo // borrowed: sentLo is set below
	copy(fill, count[:n])
	for i, t := range d.Tokens {
		if h := t.Head; h >= 0 && h < n && h != i {
			all[fill[h]] = i
			fill[h]++
		}
	}
	for i := range m.kids {
		m.kids[i] = all[count[i]:count[i+1]:count[i+1]]
	}
	clear(m.sentLo)
	for _, r := range d.SentenceTokens {
		for i := r[0]; i < r[1] && i < n; i++ {
			m.sentLo[i], m.sentHi[i] = r[0], r[1]
		}
	}
	if len(d.SentenceTokens) == 0 {
		for i := range m.sentHi {
			m.sentHi[i] = n
		}
	}
	// Mention types by token: mentions and tokens are both ordered.
	j := 0
	for _, mt := range d.Mentions {
		for j < n && d.Tokens[j].End <= mt.Start {
			j++
		}
		for k := j; k < n && d.Tokens[k].Start < mt.End; k++ {
			if m.ent[k] == "" {
				m.ent[k] = string(mt.Type)
			}
		}
	}
	return m
}

// release returns m to matchers, dropping what refers to its document so
// that an idle matcher keeps no document alive.
func (m *matcher) release() {
	clear(m.lemma)
	clear(m.word)
	clear(m.ent)
	clear(m.kids)
	clear(m.seen)
	m.d, m.pat, m.out, m.seen = nil, nil, nil, m.seen[:0]
	m.frames, m.queue = m.frames[:0], m.queue[:0]
	matchers.Put(m)
}

func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// collect appends p's distinct matches anchored at t. Its state lives in
// the matcher and its continuations are frames on the matcher's stack
// (see frame), so that the many anchors that match nothing cost no
// allocation.
func (m *matcher) collect(out []Match, p *Pattern, t int) []Match {
	m.out, m.pat, m.anchor, m.found = out, p, t, 0
	m.seen = m.seen[:0]
	m.node(p.root, t, m.binds[:0], kEmit)
	out = m.out
	m.out = nil
	return out
}

// The continuations that are not frames: record the match (emit), and
// stop at the first fit (the test of a negated relation).
const (
	kEmit = -1
	kTrue = -2
)

// frame is a pending continuation of the search: match gs from token t,
// then continue with next (a frame's index, kEmit or kTrue). A search is
// depth-first, so frames live on a stack: each is pushed before the call
// it is passed to and popped after it. They replace the closures the
// search made at every relation, which escaped to the heap (an 8 MB
// document allocated 376 MB of them, issue 14). fits records that the
// frame was reached: an optional relation's target fitted.
type frame struct {
	gs   []group
	t    int
	next int
	fits bool
}

// push adds a frame and returns its index.
func (m *matcher) push(gs []group, t, next int) int {
	m.frames = append(m.frames, frame{gs: gs, t: t, next: next})
	return len(m.frames) - 1
}

// cont calls continuation k with bindings b.
func (m *matcher) cont(k int, b []bind) bool {
	switch k {
	case kEmit:
		return m.emit(b)
	case kTrue:
		return true
	}
	m.frames[k].fits = true
	f := m.frames[k]
	return m.parts(f.gs, f.t, b, f.next)
}

// emit records one way the current pattern fits, unless the same
// bindings were already recorded; it returns true to stop the search.
func (m *matcher) emit(b []bind) bool {
	key := bindKey(b)
	for _, s := range m.seen {
		if s == key {
			return false
		}
	}
	m.seen = append(m.seen, key)
	slots := make(map[string]int, len(b))
	for _, x := range b {
		slots[x.name] = x.tok
	}
	m.out = append(m.out, Match{Pattern: m.pat, Anchor: m.anchor, Slots: slots})
	m.found++
	return m.found >= maxPerAnchor
}

func bindKey(b []bind) string {
	var sb strings.Builder
	for _, x := range b {
		sb.WriteString(x.name)
		sb.WriteByte('=')
		sb.WriteString(itoa(x.tok))
		sb.WriteByte(' ')
	}
	return sb.String()
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var buf [20]byte
	p := len(buf)
	for i > 0 {
		p--
		buf[p] = byte('0' + i%10)
		i /= 10
	}
	return string(buf[p:])
}

// node matches n at token t under bindings b and calls continuation k
// for each way it fits; it returns true as soon as k does (k returning
// true means stop).
func (m *matcher) node(n *node, t int, b []bind, k int) bool {
	if !m.fits(n, t) {
		return false
	}
	if n.name != "" {
		bound := false
		for _, x := range b {
			if x.name == n.name {
				if x.tok != t {
					return false
				}
				bound = true
			} else if x.tok == t {
				return false // two names never bind one token
			}
		}
		if !bound {
			// Appending in place is safe: the search is depth-first, every
			// live caller holds a prefix of b, and no one keeps b after
			// its continuation returns (collect copies what it keeps).
			b = append(b, bind{n.name, t})
		}
	}
	return m.parts(n.parts, t, b, k)
}

// parts matches a sequence of groups from token t, then continues with k.
func (m *matcher) parts(gs []group, t int, b []bind, k int) bool {
	if len(gs) == 0 {
		return m.cont(k, b)
	}
	g, rest := gs[0], gs[1:]
	if g.alts != nil {
		f := m.push(rest, t, k)
		stop := false
		for _, alt := range g.alts {
			if m.parts(alt, t, b, f) {
				stop = true
				break
			}
		}
		m.frames = m.frames[:f]
		return stop
	}
	r := g.rels[0]
	if r.negated {
		if m.related(r, t, func(c int) bool {
			return m.node(r.target, c, b, kTrue)
		}) {
			return false
		}
		return m.parts(rest, t, b, k)
	}
	f := m.push(rest, t, k)
	stop := m.related(r, t, func(c int) bool {
		return m.node(r.target, c, b, f)
	})
	targetFits := m.frames[f].fits
	m.frames = m.frames[:f]
	if stop {
		return true
	}
	if r.optional && !targetFits {
		return m.parts(rest, t, b, k)
	}
	return false
}

// related calls fn for each token that r leads to from t, until fn
// returns true; it reports whether fn did.
func (m *matcher) related(r relation, t int, fn func(int) bool) bool {
	toks := m.d.Tokens
	switch r.op {
	case opChild:
		for _, c := range m.kids[t] {
			if labelFits(r.labels, toks[c].Rel) && fn(c) {
				return true
			}
		}
	case opHead:
		if h := toks[t].Head; h >= 0 && h < len(toks) && h != t && labelFits(r.labels, toks[t].Rel) {
			return fn(h)
		}
	case opDesc:
		// Breadth first, in the matcher's queue: a search nested in fn
		// queues after this one's tokens and leaves them as it found them.
		base := len(m.queue)
		m.queue = append(m.queue, m.kids[t]...)
		stop := false
		for i := base; i < len(m.queue) && i-base < len(toks); i++ {
			c := m.queue[i]
			if fn(c) {
				stop = true
				break
			}
			m.queue = append(m.queue, m.kids[c]...)
		}
		m.queue = m.queue[:base]
		return stop
	case opAnc:
		h := toks[t].Head
		for steps := 0; h >= 0 && h < len(toks) && steps < m.maxDepth; steps++ {
			if fn(h) {
				return true
			}
			h = toks[h].Head
		}
	case opAfter:
		for c := t + 1; c < m.sentHi[t]; c++ {
			if fn(c) {
				return true
			}
		}
	case opBefore:
		for c := t - 1; c >= m.sentLo[t]; c-- {
			if fn(c) {
				return true
			}
		}
	case opNext:
		if t+1 < m.sentHi[t] {
			return fn(t + 1)
		}
	case opPrev:
		if t-1 >= m.sentLo[t] {
			return fn(t - 1)
		}
	}
	return false
}

// labelFits reports whether a relation rel is one of labels; a label
// without a subtype also takes its subtypes (obl takes obl:agent).
func labelFits(labels []string, rel string) bool {
	if len(labels) == 0 {
		return true
	}
	for _, l := range labels {
		if rel == l || len(rel) > len(l) && rel[len(l)] == ':' && rel[:len(l)] == l && !strings.Contains(l, ":") {
			return true
		}
	}
	return false
}

// fits checks n's token constraints at t.
func (m *matcher) fits(n *node, t int) bool {
	tok := &m.d.Tokens[t]
	for i := range n.cons {
		c := &n.cons[i]
		var v string
		switch c.field {
		case fLemma:
			v = m.lemma[t]
		case fWord:
			v = m.word[t]
		case fTag:
			v = tok.Tag
		case fRel:
			v = tok.Rel
		case fEnt:
			v = m.ent[t]
		}
		ok := false
		switch {
		case c.re != nil:
			ok = c.re.MatchString(v)
		case c.field == fRel:
			ok = c.set[v]
			if !ok {
				if base, _, sub := strings.Cut(v, ":"); sub {
					for _, p := range c.prefix {
						if p == base {
							ok = true
							break
						}
					}
				}
			}
		default:
			ok = c.set[v]
		}
		if ok == c.negate {
			return false
		}
	}
	return true
}

// Conjuncts returns t and the tokens coordinated with it ("founded by A, B
// and C" gives A, B and C for A), in the order the tree gives them. It
// looks only inside t's sentence.
func Conjuncts(d *nlp.Doc, t int) []int {
	lo, hi := 0, len(d.Tokens)
	if si := d.SentenceOf(d.Tokens[t].Start); si >= 0 && si < len(d.SentenceTokens) {
		lo, hi = d.SentenceTokens[si][0], d.SentenceTokens[si][1]
	}
	out := []int{t}
	for i := 0; i < len(out) && len(out) < 64; i++ {
		for c := lo; c < hi; c++ {
			if c != out[i] && d.Tokens[c].Head == out[i] && d.Tokens[c].Rel == "conj" {
				out = append(out, c)
			}
		}
	}
	return out
}
