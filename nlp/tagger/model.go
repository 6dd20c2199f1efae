package tagger

import (
	"math"
	"slices"

	"github.com/muster-osint/muster/nlp"
)

// model is the tagger's whole state: labels, two hashed weight tables (the
// sentence-level first stage and the document-aware second stage), first
// order transition weights, and the lexical resources that features look
// up (word clusters, casing priors, gazetteer).
type model struct {
	labels []string // labels[0] == "O"; IOB2 or BILOU
	// out[y] is label y written in IOB2 (L- becomes I-, U- becomes B-).
	out []string
	// allowedEnd[y]: label y may end a sentence (not B- or I- in BILOU).
	allowedEnd []bool
	types      []string // entity types; labelType[y] indexes it, -1 for O
	// labelType[y] is the index in types of label y's type, or -1 for O;
	// labelBegin[y] says whether y is a B- label.
	labelType  []int
	labelBegin []bool
	bits       uint
	// bits2 is log2 of the buckets of the document features (== bits).
	bits2 uint
	// joint: one table serves both passes (w2 is w1, t2 is t1).
	joint bool
	// stacked: the second stage scores only its own small feature set
	// (stage-1 labels around the token, a few lexical features and the
	// document features) instead of all the base features again.
	stacked bool
	w1, w2  table // 1<<bits (1<<bits2) buckets × len(labels)
	// t1, t2 are (len(labels)+1) × len(labels): row len(labels) is the
	// sentence start.
	t1, t2 []float32
	// allowed[p*L+y] is false for IOB2-invalid transitions (I-X after
	// anything but B-X or I-X); row L is the start.
	allowed []bool
	// preds[y] lists the labels p (not the start) with allowed[p*L+y].
	preds [][]int8

	clusters map[uint64]uint32 // hash(form) → c1 | c2<<10 | c3<<20, ids from 1
	// casePrior maps hash(lower form) to its usual case class (low 3
	// bits) and, from the unlabeled text tagged by a first model, the type
	// it is usually given and how sure (high 5 bits; see TypeCounts).
	casePrior map[uint64]uint8
	gaz       map[uint64]uint16 // hash(lower tokens joined by ' ') → gazetteer bits
}

func (m *model) setLabels(labels []string) {
	m.labels = labels
	L := len(labels)
	m.labelType = make([]int, L)
	m.labelBegin = make([]bool, L)
	m.out = make([]string, L)
	m.allowedEnd = make([]bool, L)
	bilou := false
	for _, l := range labels {
		if len(l) > 2 && (l[0] == 'L' || l[0] == 'U') {
			bilou = true
		}
	}
	m.types = m.types[:0]
	index := map[string]int{}
	for y, l := range labels {
		m.labelType[y] = -1
		m.out[y] = l
		m.allowedEnd[y] = true
		if l == "O" || len(l) < 3 {
			continue
		}
		switch l[0] {
		case 'L':
			m.out[y] = "I" + l[1:]
		case 'U':
			m.out[y] = "B" + l[1:]
		case 'B', 'I':
			m.allowedEnd[y] = !bilou
		}
		t := l[2:]
		i, ok := index[t]
		if !ok {
			i = len(m.types)
			index[t] = i
			m.types = append(m.types, t)
		}
		m.labelType[y] = i
		m.labelBegin[y] = l[0] == 'B' || l[0] == 'U'
	}
	// continues reports whether label y continues an entity (I- or L-);
	// open whether label p leaves one open (B- or I- in BILOU).
	continues := func(y int) bool { return m.labelType[y] >= 0 && !m.labelBegin[y] }
	open := func(p int) bool {
		return bilou && p < L && m.labelType[p] >= 0 && labels[p][0] != 'L' && labels[p][0] != 'U'
	}
	defer func() {
		m.preds = make([][]int8, L)
		for y := 0; y < L; y++ {
			for p := 0; p < L; p++ {
				if m.allowed[p*L+y] {
					m.preds[y] = append(m.preds[y], int8(p))
				}
			}
		}
	}()
	m.allowed = make([]bool, (L+1)*L)
	for p := 0; p <= L; p++ {
		for y := 0; y < L; y++ {
			ok := true
			switch {
			case continues(y):
				ok = p < L && m.labelType[p] == m.labelType[y] && (!bilou || open(p))
			case open(p):
				ok = false // B- and I- must be followed by I- or L- of their type
			}
			m.allowed[p*L+y] = ok
		}
	}
}

// tok is what the feature extractor knows about one token.
type tok struct {
	low, form, long, short uint64 // hashes
	pre, suf               [4]uint64
	clus                   uint32
	cas, prior, docCase    uint8
	tprior                 uint8
	gazB, gazI             uint16
	flags                  uint64
	first, caps, letter    bool
	// gs:ge is the range of st.capIdx holding every capitalised token of
	// the document with the same lower-case form (gs == ge: none).
	gs, ge int32
}

// docState holds reusable buffers for one document's features, so tagging
// allocates little per document and nothing per token.
type docState struct {
	toks                          []tok
	sent                          []int // sentence start offsets into toks, plus len(toks)
	lowb                          []byte
	lowo                          []int32
	normb                         []byte
	normo                         []int32
	feats                         []uint32 // base features, flattened
	fo                            []int32  // fo[i]:fo[i+1] are token i's base features
	dfeat                         []uint32 // document features (stage 2), flattened
	dfo                           []int32
	score                         []float32
	back                          []int8
	delta                         []float32
	capIdx                        []int32
	caseC                         map[uint64][4]uint16
	major                         map[uint64][8]uint16
	first                         map[uint64]int8
	nbuf, lbuf, tbuf, sbuf, shbuf []byte
}

func newDocState() *docState {
	return &docState{
		caseC: map[uint64][4]uint16{},
		major: map[uint64][8]uint16{},
		first: map[uint64]int8{},
	}
}

// prepare computes the per-token facts and the base (stage-1) features of
// a document given as sentences of token strings.
func (m *model) prepare(st *docState, sents [][]string) {
	st.toks = st.toks[:0]
	st.sent = st.sent[:0]
	st.lowb = st.lowb[:0]
	st.lowo = st.lowo[:0]
	st.normb = st.normb[:0]
	st.normo = st.normo[:0]
	clear(st.caseC)
	// Pass 1: normalised, lower-cased forms and case classes.
	for _, s := range sents {
		st.sent = append(st.sent, len(st.toks))
		start := len(st.toks)
		for _, w := range s {
			st.nbuf = normalize(st.nbuf, w)
			st.lbuf = lower(st.lbuf, st.nbuf)
			t := tok{cas: caseOf(st.nbuf), low: hashBytes(st.lbuf)}
			st.lowo = append(st.lowo, int32(len(st.lowb)))
			st.lowb = append(st.lowb, st.lbuf...)
			st.normo = append(st.normo, int32(len(st.normb)))
			st.normb = append(st.normb, st.nbuf...)
			t.letter = t.cas != caseUnknown
			t.flags = flagsOf(st.nbuf)
			t.form = hashBytes(st.nbuf)
			st.toks = append(st.toks, t)
		}
		if len(st.toks) > start {
			st.toks[start].first = true
		}
	}
	st.sent = append(st.sent, len(st.toks))
	st.lowo = append(st.lowo, int32(len(st.lowb)))
	st.normo = append(st.normo, int32(len(st.normb)))
	cases := st.sbuf[:0]
	for si := 0; si+1 < len(st.sent); si++ {
		a, b := st.sent[si], st.sent[si+1]
		cases = cases[:0]
		for i := a; i < b; i++ {
			cases = append(cases, st.toks[i].cas)
		}
		caps := isCapsSentence(cases)
		for i := a; i < b; i++ {
			st.toks[i].caps = caps
			// A reliable casing: not sentence-initial, not in a headline,
			// not right after an opening quote.
			if caps || i == a || !st.toks[i].letter {
				continue
			}
			if q := st.lowb[st.lowo[i-1]:st.lowo[i]]; len(q) == 1 && (q[0] == '"' || q[0] == '\'' || q[0] == '(' || q[0] == ':') {
				continue
			}
			c := st.toks[i].cas - 1
			if c < 4 {
				v := st.caseC[st.toks[i].low]
				if v[c] < math.MaxUint16 {
					v[c]++
				}
				st.caseC[st.toks[i].low] = v
			}
		}
	}
	st.sbuf = cases
	// Pass 2: casing priors, true-casing of headline words, shapes,
	// affixes, clusters.
	for i := range st.toks {
		t := &st.toks[i]
		low := st.lowb[st.lowo[i]:st.lowo[i+1]]
		cp := m.casePrior[t.low]
		t.prior = cp & 7
		t.tprior = cp >> 3
		if v, ok := st.caseC[t.low]; ok {
			best, bc := uint16(0), uint8(caseUnknown)
			for c, n := range v {
				if n > best {
					best, bc = n, uint8(c)+1
				}
			}
			t.docCase = bc
		}
		form := st.tbuf[:0]
		if t.caps && t.letter {
			// Headline in capitals: write the word as the document, or
			// else the unlabeled corpus, usually writes it.
			cas := t.docCase
			if cas == caseUnknown || cas == caseMixed {
				cas = t.prior
			}
			if cas == caseUnknown || cas == caseMixed {
				cas = caseTitle
			}
			form = applyCase(form, low, cas)
			t.form = hashBytes(form)
		} else {
			form = append(form, st.normb[st.normo[i]:st.normo[i+1]]...)
		}
		st.tbuf = form
		long, short := shapes(st.shbuf[:0], st.sbuf[:0], form)
		t.long = hashBytes(long)
		t.short = hashBytes(short)
		st.shbuf, st.sbuf = long, short
		for k := 1; k <= 4; k++ {
			if n, ok := runePrefix(low, k); ok {
				t.pre[k-1] = hashBytes(low[:n])
			} else {
				t.pre[k-1] = 0
			}
			if n, ok := runeSuffix(low, k); ok {
				t.suf[k-1] = hashBytes(low[n:])
			} else {
				t.suf[k-1] = 0
			}
		}
		c, ok := m.clusters[t.form]
		if !ok && t.form != t.low {
			c = m.clusters[t.low]
		}
		t.clus = c
	}
	m.groupCapitalised(st)
	m.matchGazetteer(st)
	m.baseFeatures(st)
}

// groupCapitalised indexes the capitalised tokens of the document by their
// lower-case form, for the context-aggregation features.
func (m *model) groupCapitalised(st *docState) {
	st.capIdx = st.capIdx[:0]
	for i := range st.toks {
		t := &st.toks[i]
		t.gs, t.ge = 0, 0
		if t.letter && t.cas != caseLower {
			st.capIdx = append(st.capIdx, int32(i))
		}
	}
	slices.SortFunc(st.capIdx, func(a, b int32) int {
		ha, hb := st.toks[a].low, st.toks[b].low
		switch {
		case ha < hb:
			return -1
		case ha > hb:
			return 1
		}
		return int(a - b)
	})
	for g := 0; g < len(st.capIdx); {
		h := st.toks[st.capIdx[g]].low
		e := g + 1
		for e < len(st.capIdx) && st.toks[st.capIdx[e]].low == h {
			e++
		}
		if e-g > 1 {
			for _, i := range st.capIdx[g:e] {
				st.toks[i].gs, st.toks[i].ge = int32(g), int32(e)
			}
		}
		g = e
	}
}

// matchGazetteer marks tokens covered by the longest gazetteer entry that
// starts at each capitalised token.
func (m *model) matchGazetteer(st *docState) {
	if len(m.gaz) == 0 {
		return
	}
	for si := 0; si+1 < len(st.sent); si++ {
		a, b := st.sent[si], st.sent[si+1]
		for i := a; i < b; i++ {
			t := &st.toks[i]
			if !t.letter || (t.cas == caseLower && !t.caps) {
				continue
			}
			h := fnvOffset
			bestEnd, bestBits := -1, uint16(0)
			for j := i; j < b && j < i+gazMaxLen; j++ {
				if j > i {
					h ^= ' '
					h *= fnvPrime
				}
				for _, c := range st.lowb[st.lowo[j]:st.lowo[j+1]] {
					h ^= uint64(c)
					h *= fnvPrime
				}
				bits, ok := m.gaz[h]
				if !ok {
					break
				}
				if bits&^gazPrefix != 0 {
					bestEnd, bestBits = j, bits&^gazPrefix
				}
				if bits&gazPrefix == 0 {
					break
				}
			}
			if bestEnd >= 0 {
				st.toks[i].gazB |= bestBits
				for j := i + 1; j <= bestEnd; j++ {
					st.toks[j].gazI |= bestBits
				}
			}
		}
	}
}

func (m *model) baseFeatures(st *docState) {
	st.feats = st.feats[:0]
	st.fo = st.fo[:0]
	mask := uint64(1)<<m.bits - 1
	add := func(t, v uint64) {
		st.feats = append(st.feats, uint32(feat(t, v)&mask))
	}
	var none tok
	for si := 0; si+1 < len(st.sent); si++ {
		a, b := st.sent[si], st.sent[si+1]
		digits := 0
		for i := a; i < b; i++ {
			if st.toks[i].flags&8 != 0 {
				digits++
			}
		}
		digBucket := uint64(0)
		switch {
		case digits*5 >= b-a:
			digBucket = 2
		case digits > 0:
			digBucket = 1
		}
		for i := a; i < b; i++ {
			st.fo = append(st.fo, int32(len(st.feats)))
			t := &st.toks[i]
			p, n, p2, n2 := &none, &none, &none, &none
			if i > a {
				p = &st.toks[i-1]
			}
			if i+1 < b {
				n = &st.toks[i+1]
			}
			if i > a+1 {
				p2 = &st.toks[i-2]
			}
			if i+2 < b {
				n2 = &st.toks[i+2]
			}
			add(tBias, 0)
			add(tLower, t.low)
			add(tForm, t.form)
			add(tShape, t.long)
			add(tShort, t.short)
			for k := 0; k < 4; k++ {
				if t.pre[k] != 0 {
					add(tPre1+uint64(k), t.pre[k])
				}
				if t.suf[k] != 0 {
					add(tSuf1+uint64(k), t.suf[k])
				}
			}
			add(tC1, uint64(t.clus&1023))
			add(tC2, uint64(t.clus>>10&1023))
			add(tC3, uint64(t.clus>>20&1023))
			add(tCase, uint64(t.prior)<<8|uint64(t.cas))
			add(tFlags, t.flags)
			if t.first {
				add(tFirst, uint64(t.prior)<<8|t.short)
			}
			if t.caps {
				add(tCapsSent, uint64(t.prior))
			}
			add(tDocCase, uint64(t.docCase)<<8|uint64(t.cas)<<4|boolBit(t.first))
			for bit := uint64(0); bit < gazLists; bit++ {
				if t.gazB&(1<<bit) != 0 {
					add(tGaz, bit*2)
				}
				if t.gazI&(1<<bit) != 0 {
					add(tGaz, bit*2+1)
				}
			}
			add(tGazPrev, uint64(p.gazB|p.gazI))
			add(tGazNext, uint64(n.gazB|n.gazI))
			add(tLowPrev, p.low)
			add(tLowNext, n.low)
			add(tLowPrev2, p2.low)
			add(tLowNext2, n2.low)
			add(tShortPrev, p.short)
			add(tShortNext, n.short)
			add(tShortBiL, pair(p.short, t.short))
			add(tShortBiR, pair(t.short, n.short))
			add(tC2Prev, uint64(p.clus>>10&1023))
			add(tC2Next, uint64(n.clus>>10&1023))
			add(tC3Prev, uint64(p.clus>>20&1023))
			add(tC3Next, uint64(n.clus>>20&1023))
			add(tBiL, pair(p.low, t.low))
			add(tBiR, pair(t.low, n.low))
			add(tSuf3Prev, p.suf[2])
			add(tCasePrev, uint64(p.prior)<<8|uint64(p.cas))
			add(tCaseNext, uint64(n.prior)<<8|uint64(n.cas))
			add(tSentDigits, digBucket<<8|uint64(t.cas)<<1|boolBit(t.first))
			if t.tprior != 0 {
				add(tTypePrior, uint64(t.tprior)<<4|uint64(t.cas))
			}
			if p.tprior != 0 {
				add(tTypePriorPrev, uint64(p.tprior))
			}
			if n.tprior != 0 {
				add(tTypePriorNext, uint64(n.tprior))
			}
			if t.ge > t.gs {
				// Context aggregation (Ratinov & Roth 2009): the words
				// around the other occurrences of this word.
				var seenP, seenN [3]uint64
				np, nn := 0, 0
				for _, j := range st.capIdx[t.gs:t.ge] {
					if int(j) == i {
						continue
					}
					pv, nx := uint64(1), uint64(2)
					if !st.toks[j].first {
						pv = st.toks[j-1].low
					}
					if int(j)+1 < len(st.toks) && !st.toks[j+1].first {
						nx = st.toks[j+1].low
					}
					if np < 3 && pv != p.low && !slices.Contains(seenP[:np], pv) {
						seenP[np] = pv
						np++
						add(tAggPrev, pv)
					}
					if nn < 3 && nx != n.low && !slices.Contains(seenN[:nn], nx) {
						seenN[nn] = nx
						nn++
						add(tAggNext, nx)
					}
					if np == 3 && nn == 3 {
						break
					}
				}
			}
		}
	}
	st.fo = append(st.fo, int32(len(st.feats)))
}

func boolBit(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// docFeatures computes the stage-2 features of a document from stage-1
// labels (flattened): for every word, which types the other occurrences
// of the same word in the document were given, after Krishnan & Manning
// (2006) and Ratinov & Roth (2009).
func (m *model) docFeatures(st *docState, pred []int8) {
	clear(st.major)
	clear(st.first)
	nt := len(m.types)
	for i, y := range pred {
		t := &st.toks[i]
		if !t.letter {
			continue
		}
		v := st.major[t.low]
		k := nt // O
		if ty := m.labelType[y]; ty >= 0 {
			k = ty
		}
		if k < 8 && v[k] < math.MaxUint16 {
			v[k]++
		}
		st.major[t.low] = v
		if _, ok := st.first[t.low]; !ok {
			st.first[t.low] = int8(k)
		}
	}
	st.dfeat = st.dfeat[:0]
	st.dfo = st.dfo[:0]
	mask := uint64(1)<<m.bits2 - 1
	add := func(t, v uint64) {
		st.dfeat = append(st.dfeat, uint32(feat(t, v)&mask))
	}
	majOf := func(i int) uint64 {
		t := &st.toks[i]
		v := st.major[t.low]
		k := nt
		if ty := m.labelType[pred[i]]; ty >= 0 {
			k = ty
		}
		if k < 8 {
			v[k]-- // others only
		}
		best, bk, total := uint16(0), -1, 0
		for c := 0; c <= nt && c < 8; c++ {
			total += int(v[c])
			if v[c] > best {
				best, bk = v[c], c
			}
		}
		if bk < 0 {
			return 0
		}
		return uint64(bk+1)<<4 | uint64(min(total, 3))
	}
	L := uint64(len(m.labels))
	for si := 0; si+1 < len(st.sent); si++ {
		a, b := st.sent[si], st.sent[si+1]
		for i := a; i < b; i++ {
			st.dfo = append(st.dfo, int32(len(st.dfeat)))
			t := &st.toks[i]
			if m.stacked {
				cur, prev, next := uint64(pred[i]), L, L
				if i > a {
					prev = uint64(pred[i-1])
				}
				if i+1 < b {
					next = uint64(pred[i+1])
				}
				add(tBias, 0)
				add(tS1, cur)
				add(tS1Prev, prev)
				add(tS1Next, next)
				add(tS1Tri, (prev*(L+1)+cur)*(L+1)+next)
				add(tS1Low, pair(t.low, cur))
				add(tShort, t.short)
				add(tC3, uint64(t.clus>>20&1023))
			}
			if !t.letter || (t.cas == caseLower && !t.caps) {
				continue
			}
			mj := majOf(i)
			_ = mj
			add(tDocMaj, mj)
			if mj != 0 {
				add(tDocMaj, mj>>4<<8|uint64(t.cas)<<1|boolBit(t.caps))
			}
			v := st.major[t.low]
			k := nt
			if ty := m.labelType[pred[i]]; ty >= 0 {
				k = ty
			}
			for c := 0; c < nt && c < 8; c++ {
				n := v[c]
				if c == k {
					n--
				}
				if n > 0 {
					add(tDocHas, uint64(c))
				}
			}
			if f, ok := st.first[t.low]; ok {
				add(tDocFirst, uint64(f))
			}
			if i > a {
				add(tDocMajPrev, majOf(i-1)>>4)
			}
			if i+1 < b {
				add(tDocMajNext, majOf(i+1)>>4)
			}
		}
	}
	st.dfo = append(st.dfo, int32(len(st.dfeat)))
}

// table is a weight table: float32 while training, int16 times a scale
// once loaded from a model file (half the memory, so more of it stays in
// cache while tagging).
type table struct {
	f     []float32
	q     []int16
	scale float32
}

func (tb *table) empty() bool { return tb.f == nil && tb.q == nil }

// addRows adds the rows of features fs to the label scores s.
func (tb *table) addRows(s []float32, fs []uint32) {
	L := len(s)
	if tb.q != nil && L == 9 {
		// The shipped model's 9 IOB2 labels: sums kept in registers.
		var a0, a1, a2, a3, a4, a5, a6, a7, a8 int32
		q := tb.q
		// Every row's offset first, then the sums (nlp.RowOffsets).
		var buf [128]int
		for _, r := range nlp.RowOffsets(buf[:0], fs, ^uint32(0), 9) {
			row := q[r : r+9 : r+9]
			a0 += int32(row[0])
			a1 += int32(row[1])
			a2 += int32(row[2])
			a3 += int32(row[3])
			a4 += int32(row[4])
			a5 += int32(row[5])
			a6 += int32(row[6])
			a7 += int32(row[7])
			a8 += int32(row[8])
		}
		sc := tb.scale
		s = s[:9:9]
		s[0] += float32(a0) * sc
		s[1] += float32(a1) * sc
		s[2] += float32(a2) * sc
		s[3] += float32(a3) * sc
		s[4] += float32(a4) * sc
		s[5] += float32(a5) * sc
		s[6] += float32(a6) * sc
		s[7] += float32(a7) * sc
		s[8] += float32(a8) * sc
		return
	}
	if tb.q != nil {
		var acc [128]int32
		a := acc[:L:L]
		for _, f := range fs {
			row := tb.q[int(f)*L : int(f)*L+L : int(f)*L+L]
			for y := range a {
				a[y] += int32(row[y])
			}
		}
		for y := range s {
			s[y] += float32(a[y]) * tb.scale
		}
		return
	}
	for _, f := range fs {
		row := tb.f[int(f)*L : int(f)*L+L : int(f)*L+L]
		for y := range s {
			s[y] += row[y]
		}
	}
}

// emit sets st.score of tokens [a,b) to their first-stage label scores.
func (m *model) emit(st *docState, w *table, a, b int) {
	L := len(m.labels)
	n := len(st.toks)
	if cap(st.score) < n*L {
		st.score = make([]float32, n*L)
	}
	st.score = st.score[:n*L]
	for i := a; i < b; i++ {
		s := st.score[i*L : i*L+L : i*L+L]
		clear(s)
		w.addRows(s, st.feats[st.fo[i]:st.fo[i+1]])
	}
}

// emitDoc adds the second stage's document-feature weights to st.score of
// tokens [a,b).
func (m *model) emitDoc(st *docState, w *table, a, b int) {
	L := len(m.labels)
	for i := a; i < b; i++ {
		w.addRows(st.score[i*L:i*L+L:i*L+L], st.dfeat[st.dfo[i]:st.dfo[i+1]])
	}
}

// viterbi writes the best label sequence of tokens [a,b) into out, from
// st.score and the transition table t.
func (m *model) viterbi(st *docState, t []float32, a, b int, out []int8) {
	L := len(m.labels)
	n := b - a
	if n == 0 {
		return
	}
	if cap(st.back) < n*L {
		st.back = make([]int8, n*L)
	}
	back := st.back[:n*L]
	if cap(st.delta) < 2*L {
		st.delta = make([]float32, 2*L)
	}
	cur, nxt := st.delta[:L], st.delta[L:2*L]
	neg := float32(math.Inf(-1))
	for y := 0; y < L; y++ {
		if m.allowed[L*L+y] {
			cur[y] = t[L*L+y] + st.score[a*L+y]
		} else {
			cur[y] = neg
		}
	}
	for i := 1; i < n; i++ {
		em := st.score[(a+i)*L : (a+i)*L+L]
		bk := back[i*L : i*L+L]
		for y := 0; y < L; y++ {
			// Only the allowed predecessors of y (precomputed: all for O
			// and B-, B-X and I-X for I-X), so no test in the loop.
			best, bp := neg, 0
			for _, p := range m.preds[y] {
				if v := cur[p] + t[int(p)*L+y]; v > best {
					best, bp = v, int(p)
				}
			}
			nxt[y] = best + em[y]
			bk[y] = int8(bp)
		}
		cur, nxt = nxt, cur
	}
	best, by := neg, 0
	for y := 0; y < L; y++ {
		if m.allowedEnd[y] && cur[y] > best {
			best, by = cur[y], y
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[a+i] = int8(by)
		by = int(back[i*L+by])
	}
}

// decode tags a prepared document with stage 1 (and stage 2 when the
// model has one), writing flattened label indices into out.
func (m *model) decode(st *docState, out []int8, stage2 bool) {
	m.emit(st, &m.w1, 0, len(st.toks))
	for si := 0; si+1 < len(st.sent); si++ {
		m.viterbi(st, m.t1, st.sent[si], st.sent[si+1], out)
	}
	if !stage2 || m.w2.empty() {
		return
	}
	m.docFeatures(st, out)
	if m.stacked {
		clear(st.score)
	} else if !m.joint {
		// A separate stage-2 model scores the base features again.
		m.emit(st, &m.w2, 0, len(st.toks))
	}
	m.emitDoc(st, &m.w2, 0, len(st.toks))
	for si := 0; si+1 < len(st.sent); si++ {
		m.viterbi(st, m.t2, st.sent[si], st.sent[si+1], out)
	}
}
