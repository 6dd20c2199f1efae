package syntax

import (
	"unicode"
	"unicode/utf8"
)

// The universal part-of-speech tags, in the order of the tagger's classes.
var tagNames = [...]string{"ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

const nTags = len(tagNames)

// tagIndex returns the class of a UPOS tag, or -1.
func tagIndex(t string) int {
	for i, n := range tagNames {
		if n == t {
			return i
		}
	}
	return -1
}

// Hashing: features are 64-bit hashes of a template number and its
// values, folded into a table of 2^bits rows. Strings are hashed with
// FNV-1a (fixed, so a model file means the same thing in every process).
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func mix(a, b uint64) uint64 {
	h := (a ^ 0x9E3779B97F4A7C15) * 0xBF58476D1CE4E5B9
	h ^= b
	h *= 0x94D049BB133111EB
	h ^= h >> 31
	return h
}

func mix3(a, b, c uint64) uint64 { return mix(mix(a, b), c) }

func mix4(a, b, c, d uint64) uint64 { return mix(mix(mix(a, b), c), d) }

// lex is what the tagger and parser know of a token's form: hashes of its
// lower-cased form, suffixes and prefix (case-free), and of its shape.
type lex struct {
	w, s1, s2, s3, s4, p1, p2, shape uint64
	// head is the lower-cased part after the last inner hyphen
	// ("u.s.-backed" → "backed"), the word itself without one: English
	// hyphenated compounds behave like their last part, and segment keeps
	// them whole where the treebank splits them.
	head uint64
	// c1, c2 are the word's clusters at two granularities (id+1; 0 for a
	// word outside the cluster vocabulary).
	c1, c2 uint64
	upper  bool // has a letter and no lower-case one
	lower  bool // has a lower-case letter
	title  bool // upper-case first letter, some lower-case letter
}

// Hashes standing for positions outside the sentence.
var (
	hashNone = hstr("<none>")
	hashRoot = hstr("<root>")
)

func hstr(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// lexOf computes a token's lex with one lower-casing pass into buf.
func lexOf(form string, buf []byte) (lex, []byte) {
	var l lex
	buf = buf[:0]
	nUp, nLow, nRunes := 0, 0, 0
	var shape [8]byte
	ns := 0
	var last byte
	firstUpper := false
	for i := 0; i < len(form); {
		c := form[i]
		var r rune
		w := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, w = utf8.DecodeRuneInString(form[i:])
		}
		var cls byte
		switch {
		case unicode.IsUpper(r):
			cls = 'X'
			nUp++
			if nRunes == 0 {
				firstUpper = true
			}
			r = unicode.ToLower(r)
		case unicode.IsLower(r):
			cls = 'x'
			nLow++
		case unicode.IsLetter(r):
			cls = 'x'
			nLow++
		case unicode.IsDigit(r):
			cls = 'd'
		default:
			cls = c
			if c >= utf8.RuneSelf {
				cls = '*'
			}
		}
		if cls != last && ns < len(shape) {
			shape[ns] = cls
			ns++
			last = cls
		}
		buf = utf8.AppendRune(buf, r)
		nRunes++
		i += w
	}
	l.upper = nUp > 0 && nLow == 0
	l.lower = nLow > 0
	l.title = firstUpper && nLow > 0
	l.w = hashBytes(buf)
	l.head = l.w
	if k := lastInnerHyphen(buf); k > 0 {
		l.head = hashBytes(buf[k+1:])
	}
	l.shape = hashBytes(shape[:ns])
	l.s1 = hashBytes(suffixRunes(buf, 1))
	l.s2 = hashBytes(suffixRunes(buf, 2))
	l.s3 = hashBytes(suffixRunes(buf, 3))
	l.s4 = hashBytes(suffixRunes(buf, 4))
	l.p1 = hashBytes(prefixRunes(buf, 1))
	l.p2 = hashBytes(prefixRunes(buf, 2))
	return l, buf
}

// lastInnerHyphen returns the index of the last hyphen with letters or
// digits on both sides, or -1.
func lastInnerHyphen(b []byte) int {
	for i := len(b) - 2; i > 0; i-- {
		if b[i] == '-' && b[i+1] != '-' && b[i-1] != '-' {
			return i
		}
	}
	return -1
}

func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

func suffixRunes(b []byte, n int) []byte {
	i := len(b)
	for ; n > 0 && i > 0; n-- {
		_, w := utf8.DecodeLastRune(b[:i])
		i -= w
	}
	return b[i:]
}

func prefixRunes(b []byte, n int) []byte {
	i := 0
	for ; n > 0 && i < len(b); n-- {
		_, w := utf8.DecodeRune(b[i:])
		i += w
	}
	return b[:i]
}

// Tagger feature templates.
const (
	tfBias = iota + 1
	tfW
	tfS1
	tfS2
	tfS3
	tfS4
	tfP1
	tfP2
	tfShape
	tfT1
	tfT2
	tfT12
	tfT1W
	tfWm1
	tfS3m1
	tfWm2
	tfWp1
	tfS3p1
	tfWp2
	tfShapeM1
	tfShapeP1
	tfWm1W
	tfWWp1
	tfFirst
	tfT1Wp1
	tfHead
	tfWm1T1
	tfT1S3
	tfS2p1
	tfC1
	tfC2
	tfC2m1
	tfC2p1
	tfT1C2
	tfC1m1C1
	tfC1C1p1
	nTagFeats = iota
)

// tagFeatures fills fs with the hashed features of token i given the
// two previous predicted tags (class+1, 0 for none). caps says the whole
// sentence is in capitals, which makes the shape uninformative.
func tagFeatures(fs []uint64, lx []lex, i int, t1, t2 int, caps bool) []uint64 {
	fs = fs[:0]
	x := &lx[i]
	var c uint64
	if caps {
		c = 1
	}
	wm1, wm2, wp1, wp2 := hashNone, hashNone, hashNone, hashNone
	s3m1, s3p1, shm1, shp1, s2p1 := hashNone, hashNone, hashNone, hashNone, hashNone
	c1m1, c2m1, c1p1, c2p1 := hashNone, hashNone, hashNone, hashNone
	if i > 0 {
		wm1, s3m1, shm1 = lx[i-1].w, lx[i-1].s3, lx[i-1].shape
		c1m1, c2m1 = lx[i-1].c1, lx[i-1].c2
	}
	if i > 1 {
		wm2 = lx[i-2].w
	}
	if i+1 < len(lx) {
		wp1, s3p1, shp1, s2p1 = lx[i+1].w, lx[i+1].s3, lx[i+1].shape, lx[i+1].s2
		c1p1, c2p1 = lx[i+1].c1, lx[i+1].c2
	}
	if i+2 < len(lx) {
		wp2 = lx[i+2].w
	}
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	fs = append(fs,
		mix(tfBias, 0),
		mix(tfW, x.w),
		mix(tfS1, x.s1),
		mix(tfS2, x.s2),
		mix(tfS3, x.s3),
		mix(tfS4, x.s4),
		mix(tfP1, x.p1),
		mix(tfP2, x.p2),
		mix3(tfShape, x.shape, c),
		mix(tfT1, uint64(t1)),
		mix(tfT2, uint64(t2)),
		mix3(tfT12, uint64(t1), uint64(t2)),
		mix3(tfT1W, uint64(t1), x.w),
		mix(tfWm1, wm1),
		mix(tfS3m1, s3m1),
		mix(tfWm2, wm2),
		mix(tfWp1, wp1),
		mix(tfS3p1, s3p1),
		mix(tfWp2, wp2),
		mix3(tfShapeM1, shm1, c),
		mix3(tfShapeP1, shp1, c),
		mix3(tfWm1W, wm1, x.w),
		mix3(tfWWp1, x.w, wp1),
		mix4(tfFirst, first, x.shape, c),
		mix3(tfT1Wp1, uint64(t1), wp1),
		mix(tfHead, x.head),
		mix3(tfWm1T1, wm1, uint64(t1)),
		mix3(tfT1S3, uint64(t1), x.s3),
		mix(tfS2p1, s2p1),
		mix(tfC1, x.c1),
		mix(tfC2, x.c2),
		mix(tfC2m1, c2m1),
		mix(tfC2p1, c2p1),
		mix3(tfT1C2, uint64(t1), x.c2),
		mix3(tfC1m1C1, c1m1, x.c1),
		mix3(tfC1C1p1, x.c1, c1p1),
	)
	return fs
}

// sentenceCaps reports whether a sentence is written in capitals: at
// least three words have no lower-case letter and they outnumber the
// words that have one.
func sentenceCaps(lx []lex) bool {
	up, low := 0, 0
	for i := range lx {
		switch {
		case lx[i].upper:
			up++
		case lx[i].lower:
			low++
		}
	}
	return up >= 3 && up > low
}
