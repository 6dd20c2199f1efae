package extract

import (
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// Modality says how the document holds the claim whose words are the byte
// span claim, given the document's attributions (from Attributions). The
// first test that holds wins:
//
//   - denied: the claim is the content of a denial ("denied that …"), or it
//     is modNegated ("did not", "never", "not", "denied" in the claim or in the
//     four words before it);
//   - unverified: the claim lies in the scope of the outlet's disclaimer
//     (UnverifiedScopes) and the disclaimer covers everything or names the
//     claim's topic;
//   - estimated: the content of an estimate ("by some estimates", "an
//     estimated", "estimated that");
//   - claimed: the content of a claim ("claimed", "alleged", "insisted",
//     "took responsibility");
//   - hedged: a hedge in or just before the claim (may, might, reportedly,
//     allegedly, apparently, believed to, …) or a belief cue ("officials
//     believe");
//   - reported: the content of any other attribution ("said", "according
//     to");
//   - asserted: the outlet's own voice.
func Modality(d *nlp.Doc, claim muster.Span, attrs []Attribution) muster.Modality {
	if d == nil || !claim.Valid(len(d.Text)) {
		return muster.Asserted
	}
	return modality(d, claim, attrs, UnverifiedScopes(d))
}

// modality is Modality with the document's UnverifiedScopes given, so that
// a caller judging many claims of one document finds them once: they take
// a pass over the whole document (issue 14: once per claim, that pass made
// analysis quadratic in the document's size).
func modality(d *nlp.Doc, claim muster.Span, attrs []Attribution, scopes []Unverified) muster.Modality {
	if d == nil || !claim.Valid(len(d.Text)) {
		return muster.Asserted
	}
	a, attributed := attributionFor(claim, attrs)
	before := leadIn(d, claim, a, attributed)
	words := modWords(d.Text[claim.Start:claim.End])
	lead := modWords(before)
	switch {
	case attributed && a.Kind == KindDeny, modNegated(words, lead):
		return muster.Denied
	case unverifiedClaim(d, claim, scopes):
		return muster.Unverified
	case attributed && a.Kind == KindEstimate, modHasAny(words, "estimated") || modHasAny(lead, "estimated", "estimates") || modHasSeq(words, "an", "estimated"):
		return muster.Estimated
	case attributed && a.Kind == KindClaim:
		return muster.Claimed
	case attributed && a.Kind == KindBelief, modHedged(words, lead):
		return muster.Hedged
	case attributed:
		return muster.Reported
	}
	return muster.Asserted
}

// attributionFor returns the attribution with the smallest content that
// holds most of claim: the cue may sit inside the claim's words ("Russian
// state media claimed more than 70 fighters were killed").
func attributionFor(claim muster.Span, attrs []Attribution) (Attribution, bool) {
	best, found := Attribution{}, false
	for _, a := range attrs {
		c := a.Content
		if c.Len() == 0 || !c.Overlaps(claim) {
			continue
		}
		in := min(c.End, claim.End) - max(c.Start, claim.Start)
		if !c.Contains(claim) && 2*in < claim.Len() {
			continue
		}
		if !found || c.Len() < best.Content.Len() {
			best, found = a, true
		}
	}
	return best, found
}

// leadIn is the text of the claim's clause before the claim: from the
// attribution's content start (or the sentence start) to the claim, at most
// 60 bytes back.
func leadIn(d *nlp.Doc, claim muster.Span, a Attribution, attributed bool) string {
	start := claim.Start
	if si := d.SentenceOf(claim.Start); si >= 0 {
		start = d.Sentences[si].Start
	}
	if attributed && a.Content.Start <= claim.Start && a.Content.Start > start {
		start = a.Content.Start
	}
	if claim.Start-start > 60 {
		start = claim.Start - 60
	}
	return d.Text[start:claim.Start]
}

// modWords splits s into lower-cased words with straight apostrophes.
func modWords(s string) []string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '\'' || r == '’' || r > 0x7f && r != '“' && r != '”')
	})
	for i, w := range f {
		f[i] = strings.ReplaceAll(w, "’", "'")
	}
	return f
}

func modHasAny(words []string, want ...string) bool {
	for _, w := range words {
		for _, x := range want {
			if w == x {
				return true
			}
		}
	}
	return false
}

func modHasSeq(words []string, a, b string) bool {
	for i := 0; i+1 < len(words); i++ {
		if words[i] == a && words[i+1] == b {
			return true
		}
	}
	return false
}

// negWord reports a word that negates its clause: "not", "never" or a
// contraction in "n't".
func negWord(w string) bool {
	return w == "not" || w == "never" || strings.HasSuffix(w, "n't")
}

// modNegated reports a negation in the claim or in the last four words before
// it.
func modNegated(words, lead []string) bool {
	neg := func(w string) bool {
		switch w {
		case "denied", "denies", "deny", "rejected", "dismissed":
			return true
		}
		return negWord(w)
	}
	for _, w := range words {
		if neg(w) {
			return true
		}
	}
	for _, w := range lead[max(0, len(lead)-4):] {
		if neg(w) {
			return true
		}
	}
	return false
}

// hedged reports a hedge in the claim or the last six words before it.
func modHedged(words, lead []string) bool {
	check := func(ws []string) bool {
		for i, w := range ws {
			switch w {
			case "may", "might", "reportedly", "allegedly", "apparently", "purportedly", "possibly", "perhaps", "probably", "likely", "unconfirmed", "supposedly", "seemingly":
				return true
			case "believed", "thought", "said", "understood", "presumed", "suspected", "rumored", "rumoured":
				if i+1 < len(ws) && ws[i+1] == "to" && i > 0 && (ws[i-1] == "is" || ws[i-1] == "are" || ws[i-1] == "was" || ws[i-1] == "were" || ws[i-1] == "be") {
					return true
				}
			case "appears", "appeared", "seems", "seemed":
				if i+1 < len(ws) && ws[i+1] == "to" {
					return true
				}
			case "could":
				if i+1 < len(ws) && ws[i+1] == "have" {
					return true
				}
			}
		}
		return false
	}
	return check(words) || check(lead[max(0, len(lead)-6):])
}

// openQuestion reports whether the claim whose words are the byte span
// claim lies in a clause the writer leaves open: the clause after
// "whether" or "if" under a cue of not knowing ("it is unclear whether it
// was formed in 2021", "it was not immediately known if", "officials would
// not say whether"). Such a clause asserts nothing, so it gives no claim;
// DESIGN's modalities (hedged: "may", "reportedly") all lean towards the
// claim, and an open question does not. The cue may lie inside the claim's
// words (a rule's evidence is often the whole clause, "It is unclear
// whether it was formed in 2021"); the open clause ends at a "but" or a
// semicolon, so the words are read back from the claim's end. An
// alternative question ("whether … or …", not "or not") presupposes what
// its alternatives share, so it is left alone.
func openQuestion(d *nlp.Doc, claim muster.Span) bool {
	si := d.SentenceOf(claim.Start)
	if si < 0 {
		return false
	}
	words := modWords(strings.ReplaceAll(d.Text[d.Sentences[si].Start:claim.End], ";", " but "))
	for i := len(words) - 1; i >= 0; i-- {
		switch w := words[i]; {
		case w == "but" || w == "yet":
			return false
		case (w == "whether" || w == "if") && unknowingCue(words[max(0, i-4):i]):
			// "whether he was killed in the crossfire or shot by the
			// rebels" asks how, not whether: the alternatives share what
			// they presuppose.
			rest := modWords(strings.ReplaceAll(d.Text[claim.Start:d.Sentences[si].End], ";", " but "))
			for j, r := range rest {
				if r == "but" {
					break
				}
				if r == "or" && (j+1 == len(rest) || rest[j+1] != "not") {
					return false
				}
			}
			return true
		}
	}
	return false
}

// unknowingCue reports whether the words just before "whether" or "if" say
// that it is not known: "unclear", "unknown", "uncertain", or "clear",
// "known", "certain", "sure", "say", "confirm" after a negation ("not
// immediately clear", "would not say", "could not confirm").
func unknowingCue(ws []string) bool {
	negated := false
	for _, w := range ws {
		switch {
		case negWord(w) || w == "no":
			negated = true
		case w == "unclear" || w == "unknown" || w == "uncertain" || w == "unsure":
			return true
		case negated && (w == "clear" || w == "known" || w == "certain" || w == "sure" || w == "say" || w == "confirm" || w == "verify" || w == "determine" || w == "determined"):
			return true
		}
	}
	return false
}
