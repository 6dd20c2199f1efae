package pipeline

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// knownCasing restores the casing of known multi-word names in a
// document written in capitals. The truecaser (tagger.Truecase) decides
// word by word and reads "FREEDOM OF RUSSIA LEGION" as "freedom of Russia
// Legion", so that the name loses its first words; the alias table knows
// the name as a whole. It is built once from resolve's alias table.
type knownCasing struct {
	// byFirst maps the lower-cased first word of a name to the names
	// that begin with it, longest first.
	byFirst map[string][]string
}

func newKnownCasing(names []string) *knownCasing {
	k := &knownCasing{byFirst: map[string][]string{}}
	for _, n := range names {
		f := strings.ToLower(leadingLetters(n))
		if f == "" || !utf8.ValidString(n) || len(strings.ToLower(n)) != len(n) {
			continue
		}
		k.byFirst[f] = append(k.byFirst[f], n)
	}
	for _, ns := range k.byFirst {
		// Longest first, so that "Freedom of Russia Legion" wins over a
		// shorter name it begins with.
		slices.SortStableFunc(ns, func(a, b string) int { return len(b) - len(a) })
	}
	return k
}

// apply returns cased (the truecaser's copy of caps, of the same length)
// with every known name that caps spells in capitals, at word
// boundaries, written as the table writes it. A name whose lower-case
// form differs in length from its capitals is left alone, so that
// offsets stay the document's own.
func (k *knownCasing) apply(caps, cased string) string {
	if k == nil || len(caps) != len(cased) {
		return cased
	}
	low := strings.ToLower(caps)
	if len(low) != len(caps) {
		return cased
	}
	var out []byte
	for i := 0; i < len(low); {
		r, size := utf8.DecodeRuneInString(low[i:])
		if !unicode.IsLetter(r) || prevWordRune(low, i) {
			i += size
			continue
		}
		end := i
		for end < len(low) {
			r, s := utf8.DecodeRuneInString(low[end:])
			if !unicode.IsLetter(r) {
				break
			}
			end += s
		}
		matched := 0
		for _, n := range k.byFirst[low[i:end]] {
			if strings.HasPrefix(low[i:], strings.ToLower(n)) && !nextWordRune(low, i+len(n)) && strings.ToUpper(caps[i:i+len(n)]) == caps[i:i+len(n)] {
				if out == nil {
					out = []byte(cased)
				}
				copy(out[i:], n)
				matched = len(n)
				break
			}
		}
		if matched > 0 {
			i += matched
		} else {
			i = end
		}
	}
	if out == nil {
		return cased
	}
	return string(out)
}

// leadingLetters returns the letters s begins with: its first word as
// apply reads words ("Lord" of "Lord's Resistance Army").
func leadingLetters(s string) string {
	for i, r := range s {
		if !unicode.IsLetter(r) {
			return s[:i]
		}
	}
	return s
}

// prevWordRune reports whether the rune before byte offset i of s is a
// letter or digit (i is then not a word's start).
func prevWordRune(s string, i int) bool {
	if i <= 0 || i > len(s) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// nextWordRune reports whether the rune at byte offset i of s is a letter
// or digit (i is then not a word's end).
func nextWordRune(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
