package resolve

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

// Name normalisation beyond muster.NameKey (issue 5).
//
// CleanName turns a mention's surface text into the name it stands for:
//
//   - quotes are removed: “Freedom of Russia” Legion → Freedom of Russia Legion;
//   - a leading article is dropped (the, a, an);
//   - a possessive ending is dropped: Russia's → Russia, Kalinouski’s → Kalinouski;
//   - for people (and names of unknown type), leading honorifics and titles
//     are dropped: President, Gen., Col., Mr, Defence Minister, …;
//   - a unit word followed by a quoted name is turned round: the Legion
//     "Freedom of Russia" → Freedom of Russia Legion, Special Forces
//     Detachment "Azov" → Azov Special Forces Detachment;
//   - "HEAD of X" for a few head nouns of institutions is written "X HEAD"
//     (Ministry of Defence → Defence Ministry) in the key only (OrderKey),
//     so both forms meet without changing the displayed name.
//
// Synonyms (Free/Freedom/Liberty of Russia Legion) are never produced by a
// rule: they come from the alias table, so that Islamic State and Islamic
// State Khorasan Province, or a legion and the brigade it belongs to, keep
// different keys.

// titles are honorifics and titles dropped from the front of a person's
// name. Multi-word titles are listed as word sequences; matching is on
// lower-case words with periods removed.
var titles = [][]string{
	{"president"}, {"vice", "president"}, {"prime", "minister"}, {"pm"}, {"minister"},
	{"defence", "minister"}, {"defense", "minister"}, {"foreign", "minister"},
	{"deputy", "minister"}, {"deputy", "prime", "minister"}, {"deputy", "defence", "minister"},
	{"deputy", "defense", "minister"}, {"interior", "minister"}, {"finance", "minister"},
	{"secretary"}, {"secretary", "of", "state"}, {"defense", "secretary"}, {"defence", "secretary"},
	{"foreign", "secretary"}, {"home", "secretary"}, {"press", "secretary"}, {"chancellor"},
	{"governor"}, {"gov"}, {"mayor"}, {"senator"}, {"sen"}, {"rep"}, {"representative"},
	{"ambassador"}, {"spokesman"}, {"spokeswoman"}, {"spokesperson"}, {"commander"},
	{"general"}, {"gen"}, {"lt", "gen"}, {"lieutenant", "general"}, {"maj", "gen"},
	{"major", "general"}, {"brig", "gen"}, {"colonel"}, {"col"}, {"lt", "col"},
	{"lieutenant", "colonel"}, {"lieutenant"}, {"lt"}, {"major"}, {"maj"}, {"captain"},
	{"capt"}, {"cpt"}, {"sergeant"}, {"sgt"}, {"private"}, {"pvt"}, {"admiral"}, {"adm"},
	{"marshal"}, {"field", "marshal"}, {"mr"}, {"mrs"}, {"ms"}, {"miss"}, {"dr"}, {"prof"},
	{"professor"}, {"sir"}, {"dame"}, {"lord"}, {"lady"}, {"king"}, {"queen"}, {"prince"},
	{"princess"}, {"pope"}, {"patriarch"}, {"metropolitan"}, {"rev"}, {"reverend"},
	{"father"}, {"saint"}, {"st"}, {"judge"}, {"justice"}, {"speaker"}, {"chairman"},
	{"chairwoman"}, {"chair"}, {"ceo"}, {"director"}, {"head"}, {"leader"}, {"chief"},
	{"commissioner"}, {"envoy"}, {"sheikh"}, {"emir"}, {"ayatollah"}, {"comrade"},
	{"us", "president"}, {"russian", "president"}, {"ukrainian", "president"},
	{"french", "president"}, {"german", "chancellor"}, {"british", "prime", "minister"},
	{"uk", "prime", "minister"}, {"kremlin", "spokesman"}, {"white", "house", "press", "secretary"},
}

// unitWords are the head nouns of armed units that may precede a quoted
// name ("the Legion 'Freedom of Russia'") and are moved after it.
var unitWords = map[string]bool{
	"legion": true, "regiment": true, "battalion": true, "brigade": true, "corps": true,
	"detachment": true, "division": true, "army": true, "group": true, "unit": true,
	"company": true, "militia": true, "movement": true, "squad": true, "force": true,
	"forces": true, "pmc": true, "chvk": true, "volunteer": true, "special": true,
	"operations": true, "center": true, "centre": true,
}

// orderHeads are institution head nouns for which "HEAD of X" and "X HEAD"
// name the same thing (Ministry of Defence / Defence Ministry).
var orderHeads = map[string]bool{
	"ministry": true, "department": true, "minister": true, "secretary": true,
	"office": true, "service": true, "committee": true,
}

// spellingVariants are British/American spellings folded in keys.
var spellingVariants = map[string]string{
	"defence": "defense", "organisation": "organization", "programme": "program",
	"centre": "center", "armour": "armor", "armoured": "armored",
}

// isQuote reports whether r is a quotation mark of any kind.
func isQuote(r rune) bool {
	switch r {
	case '"', '\'', '“', '”', '„', '‟', '«', '»', '‘', '’', '‚', '‹', '›', '「', '」':
		return true
	}
	return false
}

// CleanName returns the name a mention's text stands for (see above). t may
// be empty when the type is unknown; titles are dropped only for people and
// unknown types.
func CleanName(text string, t muster.EntityType) string {
	s := strings.Join(strings.Fields(text), " ")
	// Possessive ending.
	for _, p := range []string{"'s", "’s", "s'", "s’"} {
		if strings.HasSuffix(s, p) && utf8.RuneCountInString(s) > len(p)+1 {
			if p[0] == 's' {
				s = strings.TrimSuffix(s, p[1:])
			} else {
				s = strings.TrimSuffix(s, p)
			}
			break
		}
	}
	words := strings.Fields(s)
	// Possessives inside the name: Russia's military → Russia military.
	for i, w := range words {
		for _, p := range []string{"'s", "’s"} {
			if strings.HasSuffix(w, p) && len(w) > len(p)+1 {
				words[i] = strings.TrimSuffix(w, p)
			}
		}
	}
	// Leading article.
	if len(words) > 1 {
		switch strings.ToLower(words[0]) {
		case "the", "a", "an":
			words = words[1:]
		}
	}
	// A leading "X-based" describes where the named thing is, not its
	// name: Washington-based Institute for the Study of War.
	if len(words) > 1 && strings.HasSuffix(strings.ToLower(words[0]), "-based") {
		words = words[1:]
	}
	// Unit word + quoted name: Legion "Freedom of Russia".
	if q := quotedTail(words); q > 0 {
		head := words[:q]
		allUnit := true
		for _, w := range head {
			if !unitWords[strings.ToLower(strings.Trim(w, ".,"))] {
				allUnit = false
				break
			}
		}
		if allUnit {
			words = append(append([]string{}, words[q:]...), head...)
		}
	}
	s = strings.Join(words, " ")
	s = strings.Map(func(r rune) rune {
		if isQuote(r) && r != '\'' && r != '’' {
			return -1
		}
		return r
	}, s)
	// Straight and curly apostrophes used as quotes: 'Freedom of Russia'.
	s = trimQuoteApostrophes(s)
	if t == muster.EntityPerson || t == "" {
		s = dropTitles(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// quotedTail returns the index of the first word of a quoted final part of
// words ("Legion", "“Freedom", "of", "Russia”" → 1), or -1.
func quotedTail(words []string) int {
	if len(words) < 2 {
		return -1
	}
	last := words[len(words)-1]
	r, _ := utf8.DecodeLastRuneInString(last)
	if !isQuote(r) {
		return -1
	}
	for i := len(words) - 1; i >= 1; i-- {
		f, _ := utf8.DecodeRuneInString(words[i])
		if isQuote(f) {
			return i
		}
	}
	return -1
}

// trimQuoteApostrophes removes apostrophes used as quotation marks: at the
// start of a word, or at the end of a word not preceded by s (a possessive
// plural).
func trimQuoteApostrophes(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		w = strings.TrimLeft(w, "'’‘")
		if strings.HasSuffix(w, "'") || strings.HasSuffix(w, "’") {
			w = strings.TrimRight(w, "'’")
		}
		words[i] = w
	}
	return strings.Join(words, " ")
}

// dropTitles removes leading titles while at least one word remains.
func dropTitles(s string) string {
	words := strings.Fields(s)
	for {
		n := titleLen(words)
		if n == 0 || n >= len(words) {
			break
		}
		words = words[n:]
	}
	return strings.Join(words, " ")
}

// titlesByFirst indexes titles by their first word.
var titlesByFirst = func() map[string][][]string {
	m := map[string][][]string{}
	for _, t := range titles {
		m[t[0]] = append(m[t[0]], t)
	}
	return m
}()

// titleLen returns the number of leading words of words that form the
// longest title, or 0.
func titleLen(words []string) int {
	if len(words) == 0 {
		return 0
	}
	best := 0
	for _, t := range titlesByFirst[strings.ToLower(strings.Trim(words[0], ".,"))] {
		if len(t) > len(words) || len(t) <= best {
			continue
		}
		ok := true
		for i, tw := range t {
			w := strings.ToLower(strings.Trim(words[i], ".,"))
			if w != tw {
				ok = false
				break
			}
		}
		if ok {
			best = len(t)
		}
	}
	return best
}

// OrderKey returns muster.NameKey of name with spelling variants folded
// (defence/defense) and "HEAD of X" rewritten as "X HEAD" for institution
// heads (Ministry of Defence → defense ministry), so the two word orders
// share a key. Only a final "of X" of at most three words is moved, and
// never when X itself contains "of".
func OrderKey(name string) string {
	k := muster.NameKey(name)
	if k == "" {
		return k
	}
	ws := strings.Fields(k)
	for i, w := range ws {
		if v, ok := spellingVariants[w]; ok {
			ws[i] = v
		}
	}
	for i := 0; i+2 < len(ws); i++ {
		if orderHeads[ws[i]] && ws[i+1] == "of" {
			tail := ws[i+2:]
			if len(tail) > 3 {
				break
			}
			bad := false
			for _, w := range tail {
				if w == "of" || w == "the" {
					bad = true
				}
			}
			if bad {
				break
			}
			out := append([]string{}, ws[:i]...)
			out = append(out, tail...)
			out = append(out, ws[i])
			ws = out
			break
		}
	}
	return strings.Join(ws, " ")
}

// Surname returns the last word of a person's cleaned name ("Denis
// Kapustin" → "Kapustin"), or "" for a one-word name. Particles such as
// "bin" or "de" are kept with the surname.
func Surname(name string) string {
	ws := strings.Fields(name)
	if len(ws) < 2 {
		return ""
	}
	last := ws[len(ws)-1]
	// Suffixes: Jr., Sr., II.
	switch strings.ToLower(strings.Trim(last, ".,")) {
	case "jr", "sr", "ii", "iii":
		if len(ws) < 3 {
			return ""
		}
		last = ws[len(ws)-2]
	}
	return last
}

// isCapitalised reports whether w starts with an upper-case letter.
func isCapitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}
