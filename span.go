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
