package muster_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

func TestCharOffsets(t *testing.T) {
	text := "Russia’s Graivoron — Грайворон"
	tests := []struct {
		name      string
		byteSpan  muster.Span
		charSpan  muster.Span
		wantQuote string
	}{
		{"ascii prefix", muster.Span{Start: 0, End: 6}, muster.Span{Start: 0, End: 6}, "Russia"},
		{"after a curly apostrophe", muster.Span{Start: 11, End: 20}, muster.Span{Start: 9, End: 18}, "Graivoron"},
		{"cyrillic", muster.Span{Start: 25, End: len(text)}, muster.Span{Start: 21, End: 30}, "Грайворон"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if q := text[tt.byteSpan.Start:tt.byteSpan.End]; q != tt.wantQuote {
				t.Fatalf("test table: byte span gives %q", q)
			}
			if got := muster.CharOffsets(text, tt.byteSpan); got != tt.charSpan {
				t.Errorf("CharOffsets(%v) = %v, want %v", tt.byteSpan, got, tt.charSpan)
			}
			if got := muster.ByteOffsets(text, tt.charSpan); got != tt.byteSpan {
				t.Errorf("ByteOffsets(%v) = %v, want %v", tt.charSpan, got, tt.byteSpan)
			}
		})
	}
}

// FuzzOffsets checks that a quote survives the round trip bytes → code
// points → bytes, the one conversion every evidence span goes through.
func FuzzOffsets(f *testing.F) {
	f.Add("Russia’s Graivoron — Грайворон", 3, 17)
	f.Add("", 0, 0)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		if !utf8.ValidString(text) || a < 0 || b < a || b > len(text) {
			return
		}
		if a < len(text) && !utf8.RuneStart(text[a]) {
			return // a byte span must start on a character
		}
		if b < len(text) && !utf8.RuneStart(text[b]) {
			return
		}
		s := muster.Span{Start: a, End: b}
		c := muster.CharOffsets(text, s)
		if c.Start < 0 || c.End < c.Start || c.End > utf8.RuneCountInString(text) {
			t.Fatalf("CharOffsets(%v) = %v out of range", s, c)
		}
		back := muster.ByteOffsets(text, c)
		if text[back.Start:back.End] != text[a:b] {
			t.Fatalf("round trip of %v: %q, want %q", s, text[back.Start:back.End], text[a:b])
		}
	})
}

// FuzzOffsetsTable checks Offsets against CharOffsets and ByteOffsets,
// on any text and any spans, valid or not.
func FuzzOffsetsTable(f *testing.F) {
	f.Add("Russia’s Graivoron — Грайворон", 3, 17)
	f.Add("plain ASCII", 2, 40)
	f.Add("\xff\xfe bad", -1, 3)
	f.Fuzz(func(t *testing.T, text string, a, b int) {
		o := muster.NewOffsets(text)
		s := muster.Span{Start: a, End: b}
		if got, want := o.Bytes(s), muster.ByteOffsets(text, s); got != want {
			t.Fatalf("Bytes(%q, %v) = %v, ByteOffsets %v", text, s, got, want)
		}
		ca, cb := min(max(a, 0), len(text)), min(max(b, 0), len(text))
		if cb < ca {
			return // CharOffsets needs an ordered span
		}
		if got, want := o.Chars(s), muster.CharOffsets(text, s); got != want {
			t.Fatalf("Chars(%q, %v) = %v, CharOffsets %v", text, s, got, want)
		}
	})
}

// TestOffsetsLongText checks Offsets against CharOffsets and ByteOffsets
// at every offset of a text long enough to span many of Offsets' blocks,
// mixing ASCII, multi-byte characters and invalid bytes.
func TestOffsetsLongText(t *testing.T) {
	var sb strings.Builder
	for i := 0; sb.Len() < 3000; i++ {
		switch i % 7 {
		case 0:
			sb.WriteString("Грайворон ")
		case 3:
			sb.WriteString("\xff")
		case 5:
			sb.WriteString("’s — ")
		default:
			sb.WriteString("the shelling of ")
		}
	}
	text := sb.String()
	o := muster.NewOffsets(text)
	n := utf8.RuneCountInString(text)
	for c := -1; c <= n+1; c++ {
		s := muster.Span{Start: c, End: min(c+70, n+2)}
		if got, want := o.Bytes(s), muster.ByteOffsets(text, s); got != want {
			t.Fatalf("Bytes(%v) = %v, ByteOffsets %v", s, got, want)
		}
	}
	for b := 0; b <= len(text); b++ {
		s := muster.Span{Start: b, End: min(b+150, len(text))}
		if got, want := o.Chars(s), muster.CharOffsets(text, s); got != want {
			t.Fatalf("Chars(%v) = %v, CharOffsets %v", s, got, want)
		}
	}
}
