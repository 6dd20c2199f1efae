package extract

import (
	"slices"
	"strings"

	muster "github.com/muster-osint/muster"
)

// tiePredicates are the predicates a hyphened participle of roles.tsv
// asserts when the word before its hyphen names who backs, aligns with or
// is linked to the name it modifies ("Iran-aligned", "al-Qaeda-linked").
var tiePredicates = map[muster.Predicate]bool{
	muster.PredBackedBy: true, muster.PredAlliedWith: true, muster.PredTiesTo: true,
}

// addHyphenPatrons makes the name before the hyphen of "Iran-aligned
// Houthis", "al-Qaeda-linked al-Shabab", "Russian-backed separatists" or
// "ISIS-affiliated militants" a mention of its own (issue 11 item 2):
// findNames trims such a word off the name it modifies, so the patron was
// found only when a relation pattern fired on it, and typed an
// organisation whatever it was. The participles are roles.tsv's, the
// one list of them. A country, by name or demonym, is the state (a
// place); a name typeName knows keeps that type; a short all-capitals
// name ("UN", "EU") and a patron that backs or funds ("Pentagon-funded")
// are organisations; one a group is linked, affiliated or aligned to
// ("ISIS-affiliated", "Wagner-linked") is, in the news we read, an armed
// group. A mention of the whole adjective is dropped. The mention is marked a
// patron: the one who backs is no place or party of its sentence's event
// (subjectsIn skips it), as "Turkish-backed SNA" had made Turkey the place
// of a clash in Syria.
func (x *doc) addHyphenPatrons() {
	added := false
	for _, tok := range x.d.Tokens {
		if !isTieAdjective(tok.Text) {
			continue
		}
		head := hyphenHead(tok.Text)
		name, typ := head, typeName(head, "")
		switch country := patronCountry(head); {
		case country != "":
			name, typ = country, muster.EntityPlace
		case typ != "":
		case len(head) <= 3 && strings.ToUpper(head) == head,
			profileRules.roles[strings.ToLower(tok.Text[len(head)+1:])] == muster.PredBackedBy:
			typ = muster.EntityOrganization
		default:
			typ = muster.EntityArmedGroup
		}
		span := muster.Span{Start: tok.Start, End: tok.Start + len(head)}
		x.ments = append(x.ments, mention{Span: span, text: name, typ: typ, sent: x.d.SentenceOf(tok.Start), ent: -1, patron: true})
		added = true
	}
	if added {
		// "Wagner-linked" itself is no name: a mention of the whole
		// adjective (an untyped capitalised run) would outrank the
		// patron's shorter one in dropOverlaps.
		x.ments = slices.DeleteFunc(x.ments, func(m mention) bool {
			return !m.patron && strings.EqualFold(m.text, x.d.Text[m.Start:m.End]) && isTieAdjective(m.text)
		})
		sortMentions(x.ments)
	}
}

// isTieAdjective reports whether word is a capitalised name hyphened to a
// tie participle of roles.tsv: "Iran-aligned", "al-Qaeda-linked".
func isTieAdjective(word string) bool {
	head := hyphenHead(word)
	return head != "" && isCap(head) && tiePredicates[profileRules.roles[strings.ToLower(word[len(head)+1:])]]
}
