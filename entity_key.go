package muster

import (
	"strings"
	"unicode"
)

// NameKey folds a name for matching: lower case, letters and digits only,
// single spaces, a leading "the" dropped, curly quotes and dashes ignored.
// "The Free Russia Legion" and "free-russia legion" have the same key.
// Resolution may add finer keys (transliteration); this is the floor every
// package agrees on.
func NameKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(name) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
		case r == '\'' || r == '’' || r == '‘' || r == '.':
			// "Kastus Kalinouski's" / "U.S." keep their letters together
		default:
			space = true
		}
	}
	k := b.String()
	k = strings.TrimPrefix(k, "the ")
	return k
}
