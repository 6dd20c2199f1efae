package muster

import "unicode/utf8"

// Span is a half-open [Start,End) range into a text. Inside the nlp and
// extract packages spans count bytes (Go slices by bytes); in persisted and
// JSON values they count code points. CharOffsets converts one to the other.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the length of the span.
func (s Span) Len() int { return s.End - s.Start }

// Valid reports whether the span lies inside a text of length n and is ordered.
func (s Span) Valid(n int) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }

// Contains reports whether o lies within s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one position.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// CharOffsets converts a byte span of text into code-point offsets, the unit
// of DESIGN §6. Offsets that fall inside a multi-byte character are rounded
// down to the character's start. It is the one conversion muster uses; its
// fuzz test checks that the quote survives the round trip.
func CharOffsets(text string, s Span) Span {
	start := utf8.RuneCountInString(text[:clamp(s.Start, len(text))])
	end := start + utf8.RuneCountInString(text[clamp(s.Start, len(text)):clamp(s.End, len(text))])
	return Span{Start: start, End: end}
}

// ByteOffsets converts a code-point span of text back into a byte span. A
// span beyond the text is clamped to its end.
func ByteOffsets(text string, s Span) Span {
	var out Span
	i, n := 0, 0
	out.Start, out.End = len(text), len(text)
	for i <= len(text) {
		if n == s.Start {
			out.Start = i
		}
		if n == s.End {
			out.End = i
			break
		}
		if i == len(text) {
			break
		}
		if text[i] < utf8.RuneSelf {
			i++ // ASCII, the common case, without decoding
		} else {
			_, w := utf8.DecodeRuneInString(text[i:])
			i += w
		}
		n++
	}
	if out.End < out.Start {
		out.End = out.Start
	}
	return out
}

func clamp(i, n int) int {
	if i < 0 {
		return 0
	}
	if i > n {
		return n
	}
	return i
}

// Offsets converts spans of one text between bytes and code points, like
// CharOffsets and ByteOffsets, after a single pass over the text: an
// extractor converts every evidence span of a document, and converting
// each by counting from the text's start made that quadratic. For an
// ASCII text both directions are the identity.
//
// It keeps the byte offset of every offsetsBlock-th code point only, and
// counts the rest of the way inside one block: a table of every code
// point took 8 bytes a character, 64 MB for a document of 8 MB, built
// for each piece and for the whole (issue 14).
type Offsets struct {
	text string
	n    int // code points, stepping as ByteOffsets does (one per invalid byte)
	// block[i] is the byte offset of code point i*offsetsBlock; nil when
	// the text is ASCII.
	block []int
}

// offsetsBlock is the code points between two entries of Offsets.block.
const offsetsBlock = 64

// NewOffsets prepares the conversions for text.
func NewOffsets(text string) *Offsets {
	o := &Offsets{text: text, n: len(text)}
	ascii := true
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return o
	}
	o.block = make([]int, 0, len(text)/offsetsBlock+1)
	n := 0
	for i := 0; i < len(text); n++ {
		if n%offsetsBlock == 0 {
			o.block = append(o.block, i)
		}
		i += runeWidth(text, i)
	}
	o.n = n
	return o
}

// runeWidth is the bytes of the character at byte i of text, stepping as
// ByteOffsets does.
func runeWidth(text string, i int) int {
	if text[i] < utf8.RuneSelf {
		return 1
	}
	_, w := utf8.DecodeRuneInString(text[i:])
	return w
}

// Chars is CharOffsets(text, s).
func (o *Offsets) Chars(s Span) Span {
	if o.block == nil {
		a, b := clamp(s.Start, len(o.text)), clamp(s.End, len(o.text))
		return Span{Start: a, End: a + max(b-a, 0)}
	}
	a, okA := o.charAt(s.Start)
	b, okB := o.charAt(s.End)
	if !okA || !okB || b < a {
		return CharOffsets(o.text, s) // inside a character, or reversed
	}
	return Span{Start: a, End: b}
}

// charAt returns the code-point index of byte offset off when a character
// starts there (or off is the end).
func (o *Offsets) charAt(off int) (int, bool) {
	off = clamp(off, len(o.text))
	if off == len(o.text) {
		return o.n, true
	}
	// The last block starting at or before off, then its characters.
	lo, hi := 0, len(o.block)
	for lo < hi {
		m := (lo + hi) / 2
		if o.block[m] <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	c, i := (lo-1)*offsetsBlock, o.block[lo-1]
	for i < off {
		i += runeWidth(o.text, i)
		c++
	}
	return c, i == off
}

// byteAt returns the byte offset of code point c, 0 <= c <= o.n, of a
// text that is not ASCII.
func (o *Offsets) byteAt(c int) int {
	if c == o.n {
		return len(o.text)
	}
	i := o.block[c/offsetsBlock]
	for k := c % offsetsBlock; k > 0; k-- {
		i += runeWidth(o.text, i)
	}
	return i
}

// Bytes is ByteOffsets(text, s).
func (o *Offsets) Bytes(s Span) Span {
	n := o.n
	at := func(c int) int {
		switch {
		case c < 0 || c > n:
			return len(o.text)
		case o.block == nil:
			return c
		}
		return o.byteAt(c)
	}
	if s.Start > s.End && s.End >= 0 && s.End <= n {
		return Span{Start: len(o.text), End: len(o.text)} // as ByteOffsets: its walk stops at End first
	}
	out := Span{Start: at(s.Start), End: at(s.End)}
	if out.End < out.Start {
		out.End = out.Start
	}
	return out
}
