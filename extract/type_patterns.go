package extract

import (
	_ "embed"
	"slices"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp/pattern"
)

//go:embed patterns/types.patterns
var typePatternsSrc string

// typeRules are the patterns of patterns/types.patterns: names that act as
// armed groups (issue 11: "the Houthis" were an organisation, so their
// article gave nothing).
var typeRules = func() *pattern.Set {
	s, err := pattern.ParseFile("patterns/types.patterns", strings.NewReader(typePatternsSrc), nil)
	if err != nil {
		panic(err) // the embedded file is tested; this is a build defect
	}
	return s
}()

// TypePatterns returns the compiled type patterns, for the test that runs
// their example sentences.
func TypePatterns() *pattern.Set { return typeRules }

// typeFromSyntax makes a name the tagger calls an organisation, or leaves
// untyped, an armed group when the parse shows it acting as one; so too a
// place name with an article that no known place bears (articledStranger).
func (x *doc) typeFromSyntax() {
	if !parsed(x.d) {
		return
	}
	tm := x.tokenMentions()
	named := map[string]bool{} // places a "retype place" pattern made groups
	for _, m := range typeRules.Match(x.d) {
		t, ok := m.Slot("actor")
		if !ok {
			continue
		}
		// "retype person": the text's own description of a name as an
		// armed group outweighs the tagger's guess at an unfamiliar name.
		// "retype place" goes further for a pattern where the text names
		// the group ("units known as Storm-K"): a place muster does not
		// know, or a name the tagger left untyped whatever its tag, is
		// the group's name.
		retype := strings.Fields(m.Pattern.Meta["retype"])
		person, place := slices.Contains(retype, "person"), slices.Contains(retype, "place")
		for _, c := range pattern.Conjuncts(x.d, t) {
			mi := tm[c]
			if mi < 0 {
				continue
			}
			if m.Pattern.Meta["as"] == "organization" {
				// "The Sahel Vanguard, founded in 2009", "Vanguard leader
				// X": what is founded or led is no person, whatever the
				// tagger guessed at an unfamiliar name.
				if typ := x.ments[mi].typ; typ == muster.EntityPerson && x.ments[mi].role == "" || typ == "" && x.d.Tokens[c].Tag == "PROPN" {
					x.ments[mi].typ = muster.EntityOrganization
				}
				continue
			}
			// An untyped capitalised common noun ("Gunmen ambushed …" at
			// the start of a sentence) names no group.
			switch typ := x.ments[mi].typ; {
			case typ == muster.EntityOrganization, typ == "" && (x.d.Tokens[c].Tag == "PROPN" || place),
				(person || x.afterThe(x.ments[mi].Span)) && typ == muster.EntityPerson && x.ments[mi].role == "",
				typ == muster.EntityPlace && x.articledStranger(x.ments[mi]):
				x.ments[mi].typ = muster.EntityArmedGroup
			case place && typ == muster.EntityPlace && unknownPlace(x.ments[mi]):
				x.ments[mi].typ = muster.EntityArmedGroup
				named[x.ments[mi].text] = true
			}
		}
	}
	// The group a text names is the group at every mention of its name,
	// though the tagger took the other mentions for a place too.
	for i := range x.ments {
		if m := &x.ments[i]; m.typ == muster.EntityPlace && named[m.text] {
			m.typ = muster.EntityArmedGroup
		}
	}
	// A name the tagger calls a person that the text twice puts after a
	// preposition of place ("withdrew from Afrin … in Afrin … into Afrin")
	// is a place, at every mention.
	placed := map[string]int{}
	for _, m := range x.ments {
		if m.typ == muster.EntityPerson && m.role == "" && x.placedAt(m.Span) {
			placed[m.text]++
		}
	}
	for i := range x.ments {
		if m := &x.ments[i]; m.typ == muster.EntityPerson && m.role == "" && placed[m.text] >= 2 {
			m.typ = muster.EntityPlace
		}
	}
	x.placeLists(tm)
}

// placeLists makes a place of every name listed with a place after a
// preposition of place: "their bases in Al-Qaim and Jurf al-Sakhar", "in
// Tal Afar, Sinjar and Rabia". The tagger takes an unfamiliar Arabic
// place name for a person or an organisation; a list after "in" holds
// names of one kind. tm maps tokens to mentions (tokenMentions).
func (x *doc) placeLists(tm []int) {
	for t, tk := range x.d.Tokens {
		if tk.Rel == "conj" || !x.caseOf(t, placeCases) {
			continue
		}
		cs := pattern.Conjuncts(x.d, t)
		if len(cs) < 2 {
			continue
		}
		place := false
		for _, c := range cs {
			if mi := tm[c]; mi >= 0 && x.ments[mi].typ == muster.EntityPlace {
				place = true
			}
		}
		if !place {
			continue
		}
		for _, c := range cs {
			if mi := tm[c]; mi >= 0 {
				if m := &x.ments[mi]; m.typ == muster.EntityPerson && m.role == "" || m.typ == muster.EntityOrganization {
					m.typ = muster.EntityPlace
				}
			}
		}
	}
	// The list read off the words too, as the parse often hangs its later
	// names elsewhere ("… of the Sahel Vanguard in Wadi Tessa, Kora, and
	// Abu Zeid" makes Kora a conjunct of the Vanguard): names joined by
	// ",", "and" or ", and" right after the preposition.
	for si := range x.d.SentenceTokens {
		lo, hi := x.d.SentenceTokens[si][0], x.d.SentenceTokens[si][1]
		for p := lo; p < hi; p++ {
			if !slices.Contains(placeCases, strings.ToLower(x.d.Tokens[p].Text)) {
				continue
			}
			var names []int // mentions listed
			for k := p + 1; k < hi; {
				mi := tm[k]
				if mi < 0 || x.d.Tokens[k].Tag != "PROPN" || x.ments[mi].Start != x.d.Tokens[k].Start {
					break
				}
				names = append(names, mi)
				for k < hi && tm[k] == mi {
					k++
				}
				if k+1 < hi && x.d.Tokens[k].Text == "," && strings.EqualFold(x.d.Tokens[k+1].Text, "and") {
					k += 2
				} else if k < hi && (x.d.Tokens[k].Text == "," || strings.EqualFold(x.d.Tokens[k].Text, "and")) {
					k++
				} else {
					break
				}
			}
			if len(names) < 2 || !slices.ContainsFunc(names, func(mi int) bool { return x.ments[mi].typ == muster.EntityPlace }) {
				continue
			}
			for _, mi := range names {
				if m := &x.ments[mi]; m.typ == muster.EntityPerson && m.role == "" || m.typ == muster.EntityOrganization {
					m.typ = muster.EntityPlace
				}
			}
		}
	}
}

// caseOf reports whether token t has a case marker among cases ("in").
func (x *doc) caseOf(t int, cases []string) bool {
	for c := x.sentLo(t); c < x.sentHi(t); c++ {
		if d := x.d.Tokens[c]; d.Head == t && d.Rel == "case" && slices.Contains(cases, strings.ToLower(d.Text)) {
			return true
		}
	}
	return false
}

// articledStranger reports whether m, which the tagger calls a place,
// is a name with an article ("the Shabab", "al-Shabab") that names no
// country or place extract knows: the tagger reads an unfamiliar Arabic
// name as a place, but a place that attacks or has fighters is a
// country's or city's name standing for its state ("Russia attacked"),
// and those are known; an articled stranger that acts so is a group.
func (x *doc) articledStranger(m mention) bool {
	if !unknownPlace(m) {
		return false
	}
	l := strings.ToLower(m.text)
	if x.afterThe(m.Span) {
		return true
	}
	i := strings.IndexAny(l, "- ")
	return i > 0 && arabicArticles[l[:i]]
}

// unknownPlace reports whether m, which the tagger calls a place, is
// neither a country nor one of the places extract knows (knownPlaces).
func unknownPlace(m mention) bool {
	l := strings.ToLower(m.text)
	return !knownPlaces[l] && countryIndex[l] == ""
}

// placeCases are the prepositions after which a name is a place.
var placeCases = []string{"in", "into", "near", "outside", "around", "across", "throughout"}

// placedAt reports whether the parse puts the name at span after a
// preposition of place.
func (x *doc) placedAt(span muster.Span) bool {
	for t, tk := range x.d.Tokens {
		if tk.Start < span.Start || tk.End > span.End {
			continue
		}
		if h := tk.Head; h >= 0 && x.d.Tokens[h].Start >= span.Start && x.d.Tokens[h].End <= span.End {
			continue // not the name's head
		}
		return x.caseOf(t, placeCases)
	}
	return false
}

// afterThe reports whether the name at span follows "the": a person's
// name takes no article, so "the Mbandis" the tagger took for a person is
// a collective the patterns may retype.
func (x *doc) afterThe(span muster.Span) bool {
	for t, tk := range x.d.Tokens {
		if tk.Start == span.Start {
			return t > 0 && strings.EqualFold(x.d.Tokens[t-1].Text, "the")
		}
	}
	return false
}
