package placeword

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

//go:embed side_nouns.txt
var sideNounText string

//go:embed place_parts.txt
var placePartText string

var (
	sideNouns  = sideNounSet(sideNounText)
	placeParts = wordSet(placePartText)
)

// sideNounSet reads side_nouns.txt: each noun, with whether it makes a
// side only after a possessive.
func sideNounSet(text string) map[string]bool {
	m := map[string]bool{}
	for _, line := range listLines(text) {
		w, mark, _ := strings.Cut(line, "\t")
		m[w] = strings.TrimSpace(mark) == "possessive"
	}
	return m
}

// Side reports whether the place name at sp of text stands for a side of
// a conflict (its government, forces or fighters) rather than for where
// something is. It is the one reading of this for extract (a side is no
// place of an event: a shelling of Donetsk "by Kiev's forces" placed in
// Kiev lands 600 km off) and resolve (a country named as an actor says
// no more of where than a demonym does); issue 12 joined the two. Cues:
//
//   - a side noun follows the name or its possessive ("Kiev forces",
//     "Russia's army", "Russia's war"), or an event noun its possessive
//     ("Kiev's shelling of Donetsk"; event says which nouns tell of an
//     event, nil for none: the trigger lexicon is extract's);
//   - the name is the possessor of a side noun ("the troops of the
//     Russian Federation", "Armed Forces of Ukraine");
//   - it opens a hyphenated participle ("Russia-backed", "Kiev-led"; not
//     "Kiev-based");
//   - it is the agent after "by" ("seized by Russia"); without nation
//     only at the end of its clause ("shelled by Kiev."), since "by"
//     before a town is as often "near" ("the road by Izium");
//   - with nation: its possessive before any lower-case noun that is no
//     part of the place ("Russia's claims", "Kiev's sniper", but
//     "Ukraine's east", "Kyiv's outskirts", "Kyiv's airport").
//
// nation asks to read the name as a nation's, whose possessive is its
// government's: resolve sets it for countries and capitals. A town's
// possessive is its own ("Mariupol's theatre"), and extract, placing
// events, asks without it (see its namesSide).
func Side(text string, sp muster.Span, nation bool, event func(word string) bool) bool {
	if !sp.Valid(len(text)) || sp.Start == sp.End {
		return false
	}
	name := text[sp.Start:sp.End]
	after := text[sp.End:]
	poss := possessiveSuffix(name)
	if !poss {
		if n := possessiveAfter(after); n > 0 {
			after, poss = after[n:], true
		}
	}
	// Only the next word is read: lexing the rest of the document for
	// each place made extraction quadratic in its length (issue 14).
	w, upper := nextWord(after[:min(len(after), 64)])
	if w != "" && (!upper || poss) {
		lw := strings.ToLower(w)
		if possOnly, ok := sideNouns[lw]; ok && (poss || !possOnly) || poss && event != nil && event(lw) {
			return true
		}
		if poss && nation && !upper && !placeParts[lw] && Direction(lw) == "" && !Facility(lw) {
			return true
		}
	}
	if !poss && strings.HasPrefix(after, "-") {
		// "Kiev-based" says where the analysts are.
		if p, _ := nextWord(after[1:min(len(after), 32)]); len(p) >= 3 && strings.HasSuffix(strings.ToLower(p), "ed") && !strings.EqualFold(p, "based") {
			return true
		}
	}
	before := strings.Fields(strings.ToLower(text[max(0, sp.Start-40):sp.Start]))
	n := len(before)
	if n >= 1 && before[n-1] == "by" && !poss {
		return nation || clauseEnd(after)
	}
	if n >= 2 && before[n-1] == "the" {
		before, n = before[:n-1], n-1
	}
	if n < 2 || before[n-1] != "of" {
		return false
	}
	possOnly, ok := sideNouns[strings.Trim(before[n-2], ",.;:")]
	return ok && !possOnly
}

// possessiveSuffix reports whether a name ends in a possessive: "Russia’s".
func possessiveSuffix(name string) bool {
	return strings.HasSuffix(name, "’s") || strings.HasSuffix(name, "'s")
}

// possessiveAfter returns the length of the possessive that opens after
// ("’s army", "' forces"), or 0.
func possessiveAfter(after string) int {
	r, n := utf8.DecodeRuneInString(after)
	if r != '\'' && r != '’' {
		return 0
	}
	rest := after[n:]
	if strings.HasPrefix(rest, "s") || strings.HasPrefix(rest, "S") {
		r2, _ := utf8.DecodeRuneInString(rest[1:])
		if len(rest) == 1 || !unicode.IsLetter(r2) && !unicode.IsDigit(r2) {
			return n + 1
		}
		return 0
	}
	if strings.HasPrefix(rest, " ") {
		return n // "the Philippines' army"
	}
	return 0
}

// nextWord returns the first word of s after spaces (letters and inner
// hyphens) and whether it is capitalised; "" when punctuation comes first.
func nextWord(s string) (string, bool) {
	s = strings.TrimLeft(s, " ")
	end := 0
	for i, r := range s {
		if unicode.IsLetter(r) || r == '-' && i > 0 {
			end = i + utf8.RuneLen(r)
			continue
		}
		break
	}
	w := strings.TrimRight(s[:end], "-")
	if w == "" {
		return "", false
	}
	r, _ := utf8.DecodeRuneInString(w)
	return w, unicode.IsUpper(r)
}

// clauseEnd reports whether punctuation other than an apostrophe, or the
// end of the text, follows.
func clauseEnd(after string) bool {
	after = strings.TrimLeft(after, " ")
	if after == "" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after)
	return unicode.IsPunct(r) && r != '\'' && r != '’'
}
