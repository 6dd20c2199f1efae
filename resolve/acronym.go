package resolve

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Acronyms, both directions (issue 5).
//
// An acronym is linked to a full name in three ways only:
//   - defined in the text: "Russian Volunteer Corps (RDK)" or "RDK (Russian
//     Volunteer Corps)" (DefinedAcronym, used by Document);
//   - its letters are the initials of the full name's significant words
//     (RVC = Russian Volunteer Corps, FRL = Free Russia Legion, NATO = North
//     Atlantic Treaty Organization): Initials;
//   - the alias table lists it (RDK = Russkiy Dobrovolcheskiy Korpus, LSR =
//     Legion Svoboda Rossii).
//
// Transliterated acronyms are never guessed from the English name.

// stopInitials are words skipped when taking initials.
var stopInitials = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "de": true,
	"la": true, "le": true, "du": true, "des": true, "del": true, "al": true, "el": true,
	"to": true, "a": true, "an": true, "&": true, "at": true, "by": true,
}

// IsAcronym reports whether s looks like an acronym: two to eight letters
// or digits, at least two of them upper-case letters and no lower-case
// letter except inside (DoD, ChVK), optionally with periods (U.S.).
func IsAcronym(s string) bool {
	s = strings.ReplaceAll(s, ".", "")
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 8 {
		return false
	}
	upper, lower := 0, 0
	for i, r := range s {
		switch {
		case unicode.IsUpper(r):
			upper++
		case unicode.IsLower(r):
			if i == 0 {
				return false
			}
			lower++
		case unicode.IsDigit(r), r == '-', r == '&':
		default:
			return false
		}
	}
	return upper >= 2 && lower <= upper
}

// AcronymKey returns the key of an acronym: its letters and digits, upper
// case, Cyrillic romanised letter by letter (РДК → RDK). "U.S." → "US".
func AcronymKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '.' || r == '-' || r == ' ':
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToUpper(r))
		default:
			if l, ok := cyrLatin[unicode.ToLower(r)]; ok && l != "" {
				b.WriteString(strings.ToUpper(l[:1]))
			} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(unicode.ToUpper(r))
			}
		}
	}
	return b.String()
}

// Initials returns the upper-case initials of name's significant words
// ("Russian Volunteer Corps" → "RVC", "Institute for the Study of War" →
// "ISW"), or "" when name has fewer than two significant words. Hyphenated
// words give one initial per part (Al-Qaeda → AQ is not produced: "al" is a
// stop word).
func Initials(name string) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.FieldsFunc(name, func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '/' || isQuote(r) && r != '\'' && r != '’'
	}) {
		w = strings.Trim(w, ".,;:()[]'’")
		if w == "" || stopInitials[strings.ToLower(w)] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			continue
		}
		if l, ok := cyrLatin[unicode.ToLower(r)]; ok && l != "" {
			b.WriteString(strings.ToUpper(l[:1]))
		} else {
			b.WriteRune(unicode.ToUpper(r))
		}
		n++
	}
	if n < 2 {
		return ""
	}
	return b.String()
}

// InitialsMatch reports whether acronym acr abbreviates name by initials.
// It also accepts initials that keep stop words (Ministry of Defence → MOD)
// and a trailing "s" for plurals is not accepted.
func InitialsMatch(acr, name string) bool {
	a := AcronymKey(acr)
	if len(a) < 2 {
		return false
	}
	if a == Initials(name) {
		return true
	}
	// With stop words kept: MOD, DoD.
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(name) {
		w = strings.Trim(w, ".,;:()[]\"'’“”")
		if w == "" || w == "the" || w == "The" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
		n++
	}
	return n >= 2 && a == b.String()
}

// DefinedAcronym reports whether the text between a name and a following
// mention defines the second as an acronym of the first: the text between
// is an opening bracket (optionally with "or", "known as", a comma). It is
// used for both orders: "Russian Volunteer Corps (RDK)" and "RDK (Russian
// Volunteer Corps)".
func DefinedAcronym(between, after string) bool {
	b := strings.TrimSpace(between)
	a := strings.TrimSpace(after)
	if !strings.HasPrefix(a, ")") && !strings.HasPrefix(a, "]") {
		return false
	}
	switch strings.ToLower(b) {
	case "(", "[", "(or", "(also", "(known as", "(aka", "(a.k.a.", "(also known as", "(in russian", "(russian":
		return true
	}
	return false
}
