package tagger

import (
	"unicode"
	"unicode/utf8"
)

// Feature templates. Each feature is a (template, value) pair hashed into a
// bucket of the weight table; the value is itself a 64-bit hash, so no
// feature string is ever built.
const (
	tBias uint64 = iota + 1
	tLower
	tForm
	tShape
	tShort
	tPre1
	tPre2
	tPre3
	tPre4
	tSuf1
	tSuf2
	tSuf3
	tSuf4
	tC1
	tC2
	tC3
	tCase
	tFlags
	tFirst
	tCapsSent
	tGaz
	tLowPrev
	tLowNext
	tLowPrev2
	tLowNext2
	tShortPrev
	tShortNext
	tShortBiL
	tShortBiR
	tC2Prev
	tC2Next
	tC3Prev
	tC3Next
	tBiL
	tBiR
	tDocCase
	tDocMaj
	tDocHas
	tDocMajPrev
	tDocMajNext
	tDocFirst
	tSuf3Prev
	tCaseNext
	tCasePrev
	tGazPrev
	tGazNext
	tAggPrev
	tAggNext
	tSentDigits
	tS1
	tS1Prev
	tS1Next
	tS1Tri
	tS1Low
	tTypePrior
	tTypePriorPrev
	tTypePriorNext
)

// Case classes of a word: how it is usually written (from unlabeled text)
// or how it is written elsewhere in the same document.
const (
	caseUnknown uint8 = iota
	caseLower
	caseTitle
	caseUpper
	caseMixed
)

// Gazetteer bits: a token sequence may be in several lists.
const (
	gazCity     uint16 = 1 << iota // GeoNames populated place
	gazCountry                     // country name or alternative spelling
	gazAdmin                       // first-level administrative division
	gazDemonym                     // nationality adjective (Russian, Ukrainian)
	gazGroup                       // UCDP armed group name
	gazWikiPER                     // Wikipedia person (Re-DocRED dev)
	gazWikiORG                     // Wikipedia organisation
	gazWikiLOC                     // Wikipedia location
	gazWikiMISC                    // Wikipedia other name
	gazFirst                       // first word of a Wikipedia person's name
	gazLast                        // last word of a Wikipedia person's name
	gazLists           = iota      // number of lists
	gazPrefix   uint16 = 1 << 15   // a proper prefix of some entry
)

const gazMaxLen = 6

const (
	fnvOffset uint64 = 14695981039346656037
	fnvPrime  uint64 = 1099511628211
)

// mix is a 64-bit finaliser (from splitmix64) that spreads template and
// value hashes over the weight table.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

func feat(t, v uint64) uint64 { return mix(v ^ (t * 0x9e3779b97f4a7c15)) }

func pair(a, b uint64) uint64 { return mix(a*0x9e3779b97f4a7c15 + b) }

func hashString(s string) uint64 {
	h := fnvOffset
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func hashBytes(s []byte) uint64 {
	h := fnvOffset
	for _, c := range s {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// normalize writes the tagger's form of a token into buf and returns it:
// curly quotes become straight ones and long dashes become hyphens, so
// “Kyiv” and "Kyiv" look the same to the model.
func normalize(buf []byte, s string) []byte {
	buf = buf[:0]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '\u00b4', '`':
			buf = append(buf, '\'')
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
			buf = append(buf, '"')
		case '\u2013', '\u2014', '\u2012', '\u2212', '\u2010', '\u2011':
			buf = append(buf, '-')
		case '\u00a0':
			buf = append(buf, ' ')
		case '\u2026':
			buf = append(buf, '.', '.', '.')
		default:
			buf = utf8.AppendRune(buf, r)
		}
	}
	return buf
}

// lower appends the lower-case form of s to buf.
func lower(buf, s []byte) []byte {
	buf = buf[:0]
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			buf = append(buf, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		i += n
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return buf
}

// caseOf classifies how a token is written.
func caseOf(s []byte) uint8 {
	up, lo, first := 0, 0, -1
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(s[i:])
		}
		switch {
		case unicode.IsUpper(r):
			if first < 0 {
				first = 1
			}
			up++
		case unicode.IsLower(r):
			if first < 0 {
				first = 0
			}
			lo++
		}
		i += n
	}
	switch {
	case up == 0 && lo == 0:
		return caseUnknown
	case up == 0:
		return caseLower
	case lo == 0:
		return caseUpper
	case first == 1 && up == 1:
		return caseTitle
	}
	return caseMixed
}

// applyCase writes low in the case class c.
func applyCase(buf, low []byte, c uint8) []byte {
	buf = buf[:0]
	first := true
	for i := 0; i < len(low); {
		r, n := rune(low[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(low[i:])
		}
		i += n
		switch {
		case c == caseUpper, c == caseTitle && first:
			r = unicode.ToUpper(r)
		}
		if unicode.IsLetter(r) {
			first = false
		}
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

// shapes appends the long shape (X, x, d per character, other characters
// kept, at most 12) to long and the short shape (runs collapsed) to short.
func shapes(long, short, s []byte) ([]byte, []byte) {
	long, short = long[:0], short[:0]
	var last byte
	for i := 0; i < len(s); {
		r, n := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRune(s[i:])
		}
		i += n
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '*'
		}
		if len(long) < 12 {
			long = append(long, c)
		}
		if c != last {
			short = append(short, c)
			last = c
		}
	}
	return long, short
}

// flagsOf packs a few orthographic facts into one feature value.
func flagsOf(s []byte) uint64 {
	var f uint64
	n := utf8.RuneCount(s)
	switch {
	case n == 1:
		f |= 1
	case n <= 3:
		f |= 2
	case n <= 6:
		f |= 3
	default:
		f |= 4
	}
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			f |= 8
		case c == '-':
			f |= 16
		case c == '.':
			f |= 32
		case c == '\'':
			f |= 64
		case c == '&' || c == '/':
			f |= 128
		}
	}
	return f
}

// runePrefix returns the byte length of the first k runes of s (or len(s)).
func runePrefix(s []byte, k int) (int, bool) {
	i := 0
	for j := 0; j < k; j++ {
		if i >= len(s) {
			return i, false
		}
		_, n := utf8.DecodeRune(s[i:])
		i += n
	}
	return i, true
}

// runeSuffix returns the byte offset where the last k runes of s begin.
func runeSuffix(s []byte, k int) (int, bool) {
	i := len(s)
	for j := 0; j < k; j++ {
		if i <= 0 {
			return 0, false
		}
		_, n := utf8.DecodeLastRune(s[:i])
		i -= n
	}
	return i, true
}

// isCapsSentence reports whether a sentence is a headline in capitals: at
// least two words with letters, and no word with a lower-case letter
// except short function words.
func isCapsSentence(cases []uint8) bool {
	up, lo := 0, 0
	for _, c := range cases {
		switch c {
		case caseUpper:
			up++
		case caseLower, caseTitle, caseMixed:
			lo++
		}
	}
	return up >= 2 && lo*5 <= up
}
