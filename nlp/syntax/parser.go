package syntax

// The parser is arc-hybrid (Kuhlmann et al. 2011) with the root at the end
// of the buffer (Ballesteros & Nivre 2013): SHIFT pushes the buffer's
// front b0 on the stack, LEFT makes b0 the head of the stack's top s0 and
// pops it, RIGHT makes s1 the head of s0 and pops it. LEFT onto the root
// is allowed only when s0 is alone on the stack, so every sentence gets
// exactly one root.

const (
	actShift = iota
	actLeft
	actRight
	nActs
)

// state is a parser configuration over n tokens; index n is the root.
type state struct {
	n     int
	stack []int32
	b     int
	head  []int32 // -1 until attached; n for the root
	rel   []uint8 // label class+1, 0 until attached
	lc1   []int32 // leftmost child
	lc2   []int32 // second leftmost
	rc1   []int32 // rightmost child
	rc2   []int32
	nl    []uint8 // number of left children
	nr    []uint8
	words []uint64 // lower-cased form hash per token; hashRoot at n
	tags  []uint8  // tag class+1 per token; the number of classes+1 at n
	clus  []uint32 // coarse cluster << 16 | fine cluster per token
	hy    []uint8  // 1 for a hyphenated token ("Iran-aligned")
}

func (s *state) reset(n, nClasses int) {
	s.n = n
	s.stack = s.stack[:0]
	s.b = 0
	s.head = grow32(s.head, n+1)
	s.lc1 = grow32(s.lc1, n+1)
	s.lc2 = grow32(s.lc2, n+1)
	s.rc1 = grow32(s.rc1, n+1)
	s.rc2 = grow32(s.rc2, n+1)
	s.rel = grow8(s.rel, n+1)
	s.nl = grow8(s.nl, n+1)
	s.nr = grow8(s.nr, n+1)
	for i := 0; i <= n; i++ {
		s.head[i], s.lc1[i], s.lc2[i], s.rc1[i], s.rc2[i] = -1, -1, -1, -1, -1
		s.rel[i], s.nl[i], s.nr[i] = 0, 0, 0
	}
	if cap(s.words) < n+1 {
		s.words = make([]uint64, n+1)
		s.tags = make([]uint8, n+1)
		s.clus = make([]uint32, n+1)
		s.hy = make([]uint8, n+1)
	}
	s.words, s.tags, s.clus, s.hy = s.words[:n+1], s.tags[:n+1], s.clus[:n+1], s.hy[:n+1]
	s.hy[n] = 0
	s.words[n], s.tags[n], s.clus[n] = hashRoot, uint8(nClasses+1), 0xFFFFFFFF
}

func grow32(a []int32, n int) []int32 {
	if cap(a) < n {
		return make([]int32, n)
	}
	return a[:n]
}

func grow8(a []uint8, n int) []uint8 {
	if cap(a) < n {
		return make([]uint8, n)
	}
	return a[:n]
}

func (s *state) terminal() bool { return s.b == s.n && len(s.stack) == 0 }

func (s *state) valid(a int) bool {
	switch a {
	case actShift:
		return s.b < s.n
	case actLeft:
		return len(s.stack) >= 1 && (s.b < s.n || len(s.stack) == 1)
	case actRight:
		return len(s.stack) >= 2
	}
	return false
}

// arc returns the dependent and head an arc action would join.
func (s *state) arc(a int) (dep, head int) {
	dep = int(s.stack[len(s.stack)-1])
	if a == actLeft {
		return dep, s.b
	}
	return dep, int(s.stack[len(s.stack)-2])
}

// apply performs action a with label class l (ignored for SHIFT).
func (s *state) apply(a int, l int) {
	switch a {
	case actShift:
		s.stack = append(s.stack, int32(s.b))
		s.b++
		return
	}
	d, h := s.arc(a)
	s.stack = s.stack[:len(s.stack)-1]
	s.head[d] = int32(h)
	s.rel[d] = uint8(l + 1)
	if d < h {
		s.lc2[h] = s.lc1[h]
		s.lc1[h] = int32(d)
		if s.nl[h] < 255 {
			s.nl[h]++
		}
	} else {
		s.rc2[h] = s.rc1[h]
		s.rc1[h] = int32(d)
		if s.nr[h] < 255 {
			s.nr[h]++
		}
	}
}

// Parser feature templates (after Zhang & Nivre 2011, with b0 as their N0).
const (
	pfS0w = iota + 1
	pfS0t
	pfS0wt
	pfS1w
	pfS1t
	pfS1wt
	pfB0w
	pfB0t
	pfB0wt
	pfB1w
	pfB1t
	pfB1wt
	pfB2w
	pfB2t
	pfS2t
	pfS0wtB0wt
	pfS0wtB0w
	pfS0wB0wt
	pfS0wtB0t
	pfS0tB0wt
	pfS0wB0w
	pfS0tB0t
	pfB0tB1t
	pfB0tB1tB2t
	pfS0tB0tB1t
	pfS1tS0tB0t
	pfS0tS0ltB0t
	pfS0tS0rtB0t
	pfS0tB0tB0lt
	pfS0tS0ltS0l2t
	pfS0tS0rtS0r2t
	pfB0tB0ltB0l2t
	pfS1tS0tS0lt
	pfS1tS1rtS0t
	pfS0wD
	pfS0tD
	pfB0wD
	pfB0tD
	pfS0tB0tD
	pfS1tS0tD2
	pfS1wS0w
	pfS1wS0t
	pfS1tS0w
	pfS1wtS0wt
	pfS0wVr
	pfS0tVr
	pfS0wVl
	pfS0tVl
	pfB0wVl
	pfB0tVl
	pfS1tVr
	pfS0lw
	pfS0lt
	pfS0ll
	pfS0rw
	pfS0rt
	pfS0rl
	pfB0lw
	pfB0lt
	pfB0ll
	pfS0l2t
	pfS0l2l
	pfS0r2t
	pfS0r2l
	pfB0l2t
	pfB0l2l
	pfS0tS0llS0l2l
	pfS0tS0rlS0r2l
	pfB0tB0llB0l2l
	pfS1tS1lt
	pfS1tS1rl
	pfS1tS0tB0tB1t
	pfS0wB0wB1t
	pfB0wB1w
	pfS2tS1tS0t
	pfS0c2
	pfB0c2
	pfB1c2
	pfS1c2
	pfS0c1B0c1
	pfS0c2B0t
	pfS0tB0c2
	pfS1c1S0c1
	pfS0c1B0c1B1c1
	pfS0tHy
	pfB0tHy
	pfS0tHyB0t
	pfB0tHyB1t
	nParseFeats = iota
)

func dist(d int) uint64 {
	switch {
	case d < 0:
		return 0
	case d <= 5:
		return uint64(d)
	case d <= 9:
		return 6
	}
	return 7
}

func val(v uint8) uint64 {
	if v > 4 {
		return 4
	}
	return uint64(v)
}

// features fills fs with the hashed features of the configuration.
func (s *state) features(fs []uint64) []uint64 {
	fs = fs[:0]
	w := func(i int32) uint64 {
		if i < 0 {
			return hashNone
		}
		return s.words[i]
	}
	t := func(i int32) uint64 {
		if i < 0 {
			return 0
		}
		return uint64(s.tags[i])
	}
	c1 := func(i int32) uint64 {
		if i < 0 {
			return 0x10000
		}
		return uint64(s.clus[i] >> 16)
	}
	c2 := func(i int32) uint64 {
		if i < 0 {
			return 0x10000
		}
		return uint64(s.clus[i] & 0xFFFF)
	}
	hy := func(i int32) uint64 {
		if i < 0 {
			return 2
		}
		return uint64(s.hy[i])
	}
	l := func(i int32) uint64 {
		if i < 0 {
			return 0
		}
		return uint64(s.rel[i])
	}
	lc := func(i int32, a []int32) int32 {
		if i < 0 {
			return -1
		}
		return a[i]
	}
	ns := len(s.stack)
	s0, s1, s2 := int32(-1), int32(-1), int32(-1)
	if ns > 0 {
		s0 = s.stack[ns-1]
	}
	if ns > 1 {
		s1 = s.stack[ns-2]
	}
	if ns > 2 {
		s2 = s.stack[ns-3]
	}
	b0, b1, b2 := int32(s.b), int32(-1), int32(-1)
	if s.b+1 <= s.n {
		b1 = int32(s.b + 1)
	}
	if s.b+2 <= s.n {
		b2 = int32(s.b + 2)
	}
	if b0 > int32(s.n) {
		b0 = -1
	}
	s0l, s0r, s0l2, s0r2 := lc(s0, s.lc1), lc(s0, s.rc1), lc(s0, s.lc2), lc(s0, s.rc2)
	b0l, b0l2 := lc(b0, s.lc1), lc(b0, s.lc2)
	s1l, s1r := lc(s1, s.lc1), lc(s1, s.rc1)

	s0w, s0t, s1w, s1t, b0w, b0t := w(s0), t(s0), w(s1), t(s1), w(b0), t(b0)
	b1w, b1t, b2w, b2t, s2t := w(b1), t(b1), w(b2), t(b2), t(s2)
	s0wt, s1wt, b0wt, b1wt := mix(s0w, s0t), mix(s1w, s1t), mix(b0w, b0t), mix(b1w, b1t)
	s0lt, s0rt, s0l2t, s0r2t, b0lt, b0l2t := t(s0l), t(s0r), t(s0l2), t(s0r2), t(b0l), t(b0l2)
	s0c1, s0c2, s1c1, s1c2 := c1(s0), c2(s0), c1(s1), c2(s1)
	b0c1, b0c2, b1c1, b1c2 := c1(b0), c2(b0), c1(b1), c2(b1)
	d, d2 := uint64(0), uint64(0)
	if s0 >= 0 {
		d = dist(int(b0 - s0))
		if s1 >= 0 {
			d2 = dist(int(s0 - s1))
		}
	}
	var s0vl, s0vr, b0vl, s1vr uint64
	if s0 >= 0 {
		s0vl, s0vr = val(s.nl[s0]), val(s.nr[s0])
	}
	if b0 >= 0 {
		b0vl = val(s.nl[b0])
	}
	if s1 >= 0 {
		s1vr = val(s.nr[s1])
	}
	fs = append(fs,
		mix(pfS0w, s0w), mix(pfS0t, s0t), mix(pfS0wt, s0wt),
		mix(pfS1w, s1w), mix(pfS1t, s1t), mix(pfS1wt, s1wt),
		mix(pfB0w, b0w), mix(pfB0t, b0t), mix(pfB0wt, b0wt),
		mix(pfB1w, b1w), mix(pfB1t, b1t), mix(pfB1wt, b1wt),
		mix(pfB2w, b2w), mix(pfB2t, b2t), mix(pfS2t, s2t),
		mix3(pfS0wtB0wt, s0wt, b0wt),
		mix3(pfS0wtB0w, s0wt, b0w),
		mix3(pfS0wB0wt, s0w, b0wt),
		mix3(pfS0wtB0t, s0wt, b0t),
		mix3(pfS0tB0wt, s0t, b0wt),
		mix3(pfS0wB0w, s0w, b0w),
		mix3(pfS0tB0t, s0t, b0t),
		mix3(pfB0tB1t, b0t, b1t),
		mix4(pfB0tB1tB2t, b0t, b1t, b2t),
		mix4(pfS0tB0tB1t, s0t, b0t, b1t),
		mix4(pfS1tS0tB0t, s1t, s0t, b0t),
		mix4(pfS0tS0ltB0t, s0t, s0lt, b0t),
		mix4(pfS0tS0rtB0t, s0t, s0rt, b0t),
		mix4(pfS0tB0tB0lt, s0t, b0t, b0lt),
		mix4(pfS0tS0ltS0l2t, s0t, s0lt, s0l2t),
		mix4(pfS0tS0rtS0r2t, s0t, s0rt, s0r2t),
		mix4(pfB0tB0ltB0l2t, b0t, b0lt, b0l2t),
		mix4(pfS1tS0tS0lt, s1t, s0t, s0lt),
		mix4(pfS1tS1rtS0t, s1t, t(s1r), s0t),
		mix3(pfS0wD, s0w, d),
		mix3(pfS0tD, s0t, d),
		mix3(pfB0wD, b0w, d),
		mix3(pfB0tD, b0t, d),
		mix4(pfS0tB0tD, s0t, b0t, d),
		mix4(pfS1tS0tD2, s1t, s0t, d2),
		mix3(pfS1wS0w, s1w, s0w),
		mix3(pfS1wS0t, s1w, s0t),
		mix3(pfS1tS0w, s1t, s0w),
		mix3(pfS1wtS0wt, s1wt, s0wt),
		mix3(pfS0wVr, s0w, s0vr),
		mix3(pfS0tVr, s0t, s0vr),
		mix3(pfS0wVl, s0w, s0vl),
		mix3(pfS0tVl, s0t, s0vl),
		mix3(pfB0wVl, b0w, b0vl),
		mix3(pfB0tVl, b0t, b0vl),
		mix3(pfS1tVr, s1t, s1vr),
		mix(pfS0lw, w(s0l)), mix(pfS0lt, s0lt), mix(pfS0ll, l(s0l)),
		mix(pfS0rw, w(s0r)), mix(pfS0rt, s0rt), mix(pfS0rl, l(s0r)),
		mix(pfB0lw, w(b0l)), mix(pfB0lt, b0lt), mix(pfB0ll, l(b0l)),
		mix(pfS0l2t, s0l2t), mix(pfS0l2l, l(s0l2)),
		mix(pfS0r2t, s0r2t), mix(pfS0r2l, l(s0r2)),
		mix(pfB0l2t, b0l2t), mix(pfB0l2l, l(b0l2)),
		mix4(pfS0tS0llS0l2l, s0t, l(s0l), l(s0l2)),
		mix4(pfS0tS0rlS0r2l, s0t, l(s0r), l(s0r2)),
		mix4(pfB0tB0llB0l2l, b0t, l(b0l), l(b0l2)),
		mix3(pfS1tS1lt, s1t, t(s1l)),
		mix3(pfS1tS1rl, s1t, l(s1r)),
		mix(mix4(pfS1tS0tB0tB1t, s1t, s0t, b0t), b1t),
		mix4(pfS0wB0wB1t, s0w, b0w, b1t),
		mix3(pfB0wB1w, b0w, b1w),
		mix4(pfS2tS1tS0t, s2t, s1t, s0t),
		mix(pfS0c2, s0c2), mix(pfB0c2, b0c2), mix(pfB1c2, b1c2), mix(pfS1c2, s1c2),
		mix3(pfS0c1B0c1, s0c1, b0c1),
		mix3(pfS0c2B0t, s0c2, b0t),
		mix3(pfS0tB0c2, s0t, b0c2),
		mix3(pfS1c1S0c1, s1c1, s0c1),
		mix4(pfS0c1B0c1B1c1, s0c1, b0c1, b1c1),
		mix3(pfS0tHy, s0t, hy(s0)),
		mix3(pfB0tHy, b0t, hy(b0)),
		mix4(pfS0tHyB0t, s0t, hy(s0), b0t),
		mix4(pfB0tHyB1t, b0t, hy(b0), b1t),
	)
	return fs
}

// costs returns the dynamic-oracle cost of each action (Goldberg & Nivre
// 2013, arc-hybrid): the number of gold arcs it makes unreachable. gold
// holds each token's gold head (n for the root); inStack marks the
// stack. Invalid actions get a negative cost.
func (s *state) costs(gold []int32, kids [][]int32, inStack []bool) [nActs]int {
	var c [nActs]int
	for a := range c {
		if !s.valid(a) {
			c[a] = -1
		}
	}
	if c[actShift] == 0 {
		b := s.b
		if h := int(gold[b]); h < s.n && inStack[h] && (len(s.stack) == 0 || int(s.stack[len(s.stack)-1]) != h) {
			c[actShift]++
		}
		for _, k := range kids[b] {
			if inStack[k] {
				c[actShift]++
			}
		}
	}
	if len(s.stack) > 0 {
		s0 := int(s.stack[len(s.stack)-1])
		deps := 0
		for _, k := range kids[s0] {
			if int(k) >= s.b {
				deps++
			}
		}
		h := int(gold[s0])
		if c[actLeft] == 0 {
			c[actLeft] = deps
			if h != s.b && (h > s.b || len(s.stack) > 1 && int(s.stack[len(s.stack)-2]) == h) {
				c[actLeft]++
			}
		}
		if c[actRight] == 0 {
			c[actRight] = deps
			if h >= s.b {
				c[actRight]++
			}
		}
	}
	return c
}
