package ingest

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the canonical form of an article's text, the one every
// format produces and every offset indexes into:
//
//   - the text must be valid UTF-8 (an error says where it is not; nothing is
//     silently replaced);
//   - byte-order marks are dropped, CRLF and CR become LF, and so do NEL,
//     LINE SEPARATOR and PARAGRAPH SEPARATOR;
//   - control characters other than newline are dropped, as are the invisible
//     ZERO WIDTH SPACE, WORD JOINER and SOFT HYPHEN;
//   - Unicode is in NFC form;
//   - within a line, each run of spaces, tabs and other space separators
//     (NO-BREAK SPACE, THIN SPACE…) becomes one ASCII space, and lines are
//     trimmed at both ends;
//   - paragraph breaks survive as one blank line, never more;
//   - the whole text is trimmed.
//
// Curly quotes, dashes and ellipses are kept as they are: the extractor reads
// them and offsets must point at the characters the source printed.
// Normalize is idempotent.
func Normalize(s string) (string, error) {
	if !utf8.ValidString(s) {
		return "", fmt.Errorf("%w %s", ErrInvalidUTF8, invalidAt(s))
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f { // printable ASCII: most of any text
			b.WriteByte(c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\r':
			b.WriteByte('\n')
			if i < len(s) && s[i] == '\n' {
				i++
			}
		case r == '\n' || r == '\u0085' || r == '\u2028' || r == '\u2029':
			b.WriteByte('\n')
		case r == '\t' || r == ' ':
			b.WriteByte(' ')
		case r == '\uFEFF' || r == '\u200B' || r == '\u2060' || r == '\u00AD':
			// invisible: drop
		case unicode.IsControl(r):
			// drop
		case unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	t := norm.NFC.String(b.String())

	b.Reset()
	b.Grow(len(t))
	blank := 0 // blank lines seen since the last text line
	wrote := false
	for line := range strings.SplitSeq(t, "\n") {
		line = collapseSpaces(line)
		if line == "" {
			blank++
			continue
		}
		if wrote {
			b.WriteByte('\n')
			if blank > 0 {
				b.WriteByte('\n')
			}
		}
		b.WriteString(line)
		wrote = true
		blank = 0
	}
	return b.String(), nil
}

// collapseSpaces trims a line and turns each run of ASCII spaces in it into
// one space (Normalize has already mapped tabs and Unicode spaces to ' ').
func collapseSpaces(line string) string {
	line = strings.Trim(line, " ")
	if !strings.Contains(line, "  ") {
		return line
	}
	var b strings.Builder
	b.Grow(len(line))
	space := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

// invalidAt describes where the first invalid UTF-8 byte of s is: its line
// and byte offset.
func invalidAt(s string) string {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			line := 1 + strings.Count(s[:i], "\n")
			return fmt.Sprintf("at line %d, byte offset %d (byte 0x%02x)", line, i, s[i])
		}
		i += n
	}
	return ""
}
