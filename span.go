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
type Offsets struct {
	text string
	// byteAt[i] is the byte offset of code point i (stepping as
	// ByteOffsets does, one per invalid byte), byteAt[n] = len(text);
	// nil when the text is ASCII.
	byteAt []int
}

// NewOffsets prepares the conversions for text.
func NewOffsets(text string) *Offsets {
	o := &Offsets{text: text}
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
	o.byteAt = make([]int, 0, len(text)+1)
	for i := 0; i < len(text); {
		o.byteAt = append(o.byteAt, i)
		if text[i] < utf8.RuneSelf {
			i++
		} else {
			_, w := utf8.DecodeRuneInString(text[i:])
			i += w
		}
	}
	o.byteAt = append(o.byteAt, len(text))
	return o
}

// Chars is CharOffsets(text, s).
func (o *Offsets) Chars(s Span) Span {
	if o.byteAt == nil {
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
	lo, hi := 0, len(o.byteAt)
	for lo < hi {
		m := (lo + hi) / 2
		if o.byteAt[m] < off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(o.byteAt) && o.byteAt[lo] == off
}

// Bytes is ByteOffsets(text, s).
func (o *Offsets) Bytes(s Span) Span {
	n := len(o.text) // code points of an ASCII text
	if o.byteAt != nil {
		n = len(o.byteAt) - 1
	}
	at := func(c int) int {
		switch {
		case c < 0 || c > n:
			return len(o.text)
		case o.byteAt == nil:
			return c
		}
		return o.byteAt[c]
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
