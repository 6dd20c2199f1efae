package extract

import (
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// Unverified is the outlet's own disclaimer that it could not verify
// something: "The Times could not independently confirm the casualty
// estimates", "The claims could not be independently confirmed".
type Unverified struct {
	// Span is the disclaimer's sentence.
	Span muster.Span
	// Object is what could not be verified ("casualty estimates", "the
	// claims"), the zero Span when the text does not say.
	Object muster.Span
	// Topic holds the object's content words, lower-cased ("casualty",
	// "estimates"), for the caller to decide which claims it covers.
	Topic []string
	// General is true when the object is a general word ("the claims",
	// "these reports", "it", or none), which covers every claim in Scope.
	General bool
	// Scope is the text the disclaimer applies to: its paragraph, and the
	// paragraph before when the disclaimer stands alone in its own; only
	// its sentence when it is a relative clause on that sentence's claim
	// ("…, a figure that could not be independently verified").
	Scope muster.Span
}

// verifyVerbs are the verbs an outlet uses to say it could not check.
var verifyVerbs = map[string]bool{"verify": true, "confirm": true, "corroborate": true, "substantiate": true, "authenticate": true}

// verifiedParticiples are their passive forms.
var verifiedParticiples = map[string]bool{"verified": true, "confirmed": true, "corroborated": true, "substantiated": true, "authenticated": true}

// generalObjects cover any claim in the scope.
var generalObjects = map[string]bool{"claim": true, "claims": true, "report": true, "reports": true, "it": true, "this": true,
	"them": true, "these": true, "those": true, "that": true, "account": true, "accounts": true, "information": true,
	"details": true, "statement": true, "statements": true, "assertion": true, "assertions": true, "allegations": true, "allegation": true}

// UnverifiedScopes finds the outlet's "could not (independently) verify X",
// "has not been able to verify X", "was unable to confirm X" and "X could
// not be independently verified", with the object X and the paragraph the
// disclaimer applies to. d needs sentences and tokens.
func UnverifiedScopes(d *nlp.Doc) []Unverified {
	if d == nil {
		return nil
	}
	var out []Unverified
	for si, r := range d.SentenceTokens {
		if r[0] < 0 || r[1] > len(d.Tokens) || r[0] >= r[1] {
			continue
		}
		toks := d.Tokens[r[0]:r[1]]
		lw := make([]string, len(toks))
		for i, t := range toks {
			lw[i] = normWord(t.Text)
		}
		for i, w := range lw {
			var obj [2]int
			local := false
			if !disclaimerVerb(lw, i) {
				continue
			}
			switch {
			case verifyVerbs[w]:
				// Object: the words after the verb up to punctuation or a
				// clause word.
				j := i + 1
				for j < len(lw) && isObjectWord(lw[j]) {
					j++
				}
				obj = [2]int{i + 1, j}
			case verifiedParticiples[w]:
				// Object: the subject, the words before "could not be".
				k := i - 1
				for k >= 0 && lw[k] != "not" && lw[k] != "cannot" && !strings.HasSuffix(lw[k], "n't") {
					k--
				}
				for k > 0 && auxWords[lw[k-1]] && lw[k-1] != "that" {
					k--
				}
				// "…, a figure that could not be verified": a relative
				// clause on the sentence's own claim, which alone it covers.
				if k > 0 && (lw[k-1] == "that" || lw[k-1] == "which") {
					local = true
				}
				j := k
				for j > 0 && isObjectWord(lw[j-1]) {
					j--
				}
				obj = [2]int{j, k}
			default:
				continue
			}
			u := Unverified{Span: d.Sentences[si], General: true}
			if obj[0] < obj[1] {
				u.Object = muster.Span{Start: toks[obj[0]].Start, End: toks[obj[1]-1].End}
				for _, x := range lw[obj[0]:obj[1]] {
					if determiners[x] || nonNounWords[x] || x == "these" || x == "those" || x == "any" || x == "such" || x == "independently" {
						continue
					}
					u.Topic = append(u.Topic, x)
					if !generalObjects[x] {
						u.General = false
					}
				}
			}
			u.Scope = disclaimerScope(d.Text, u.Span)
			if local {
				u.Scope = u.Span
			}
			out = append(out, u)
			break
		}
	}
	return out
}

// disclaimerVerb reports whether the word i of a sentence's lower-cased
// words lw is the verb of an outlet's disclaimer: "could not verify",
// "could not be independently confirmed".
func disclaimerVerb(lw []string, i int) bool {
	return verifyVerbs[lw[i]] && negatedAbility(lw[:i]) || verifiedParticiples[lw[i]] && passiveNegation(lw[:i])
}

// negatedAbility reports "could not", "has not been able to", "was unable
// to", "cannot" (optionally with "independently") right before the verb.
func negatedAbility(before []string) bool {
	n := len(before)
	for n > 0 && (before[n-1] == "independently" || before[n-1] == "immediately" || before[n-1] == "yet" || before[n-1] == "to" || before[n-1] == "able" || before[n-1] == "been" || before[n-1] == "be") {
		n--
	}
	if n == 0 {
		return false
	}
	w := before[n-1]
	if w == "not" || w == "cannot" || w == "unable" || w == "never" || strings.HasSuffix(w, "n't") {
		return true
	}
	return false
}

// passiveNegation reports "could not be (independently) verified", "has not
// been confirmed", "cannot be verified".
func passiveNegation(before []string) bool {
	n := len(before)
	for n > 0 && (before[n-1] == "independently" || before[n-1] == "immediately" || before[n-1] == "yet") {
		n--
	}
	if n < 2 || (before[n-1] != "be" && before[n-1] != "been") {
		return false
	}
	w := before[n-2]
	return w == "not" || w == "cannot" || w == "never" || strings.HasSuffix(w, "n't")
}

// isObjectWord is a word of a short noun phrase: letters, not a clause
// word, not punctuation.
func isObjectWord(w string) bool {
	if w == "" || w == "," || w == "." || w == ";" || w == ":" || w == "or" || w == "and" || w == "because" || w == "but" || w == "from" || w == "with" {
		return false
	}
	c := w[0]
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 0x80 && w != "“" && w != "”" && w != "—" && w != "–"
}

// disclaimerScope returns the paragraph around s (blank lines separate
// paragraphs); when s is all of its paragraph, the paragraph before is
// included.
func disclaimerScope(text string, s muster.Span) muster.Span {
	start := strings.LastIndex(text[:s.Start], "\n\n")
	if start < 0 {
		start = 0
	} else {
		start += 2
	}
	end := strings.Index(text[s.End:], "\n\n")
	if end < 0 {
		end = len(text)
	} else {
		end += s.End
	}
	if strings.TrimSpace(text[start:s.Start]) == "" && start > 0 {
		prev := strings.LastIndex(text[:start-2], "\n\n")
		if prev < 0 {
			start = 0
		} else {
			start = prev + 2
		}
	}
	return muster.Span{Start: start, End: end}
}

// modTopicWords widen a disclaimer's topic to the words claims use.
var modTopicWords = map[string][]string{
	"casualty":   {"killed", "dead", "died", "deaths", "wounded", "injured", "casualties", "toll", "killing"},
	"casualties": {"killed", "dead", "died", "deaths", "wounded", "injured", "casualties", "toll", "killing"},
	"death":      {"killed", "dead", "died", "deaths", "toll"},
	"deaths":     {"killed", "dead", "died", "deaths", "toll"},
	"toll":       {"killed", "dead", "died", "deaths", "toll"},
	"losses":     {"killed", "dead", "died", "deaths", "wounded", "losses", "destroyed"},
	"figures":    {},
	"numbers":    {},
	"estimates":  {},
}

// unverifiedClaim reports whether claim is in a disclaimer's scope
// and the disclaimer covers it: a general object, or
// a topic word (or a word it stands for) in the claim's sentence.
func unverifiedClaim(d *nlp.Doc, claim muster.Span, scopes []Unverified) bool {
	for _, u := range scopes {
		if !u.Scope.Contains(claim) {
			continue
		}
		if u.General {
			return true
		}
		ctx := claim
		if si := d.SentenceOf(claim.Start); si >= 0 {
			ctx = d.Sentences[si]
			ctx.End = max(ctx.End, claim.End)
		}
		words := modWords(d.Text[ctx.Start:ctx.End])
		numeric := true // the topic is only "figures", "estimates", "numbers"
		for _, t := range u.Topic {
			syn, ok := modTopicWords[t]
			if !ok || len(syn) > 0 {
				numeric = false
			}
			if modHasAny(words, t) || modHasAny(words, syn...) {
				return true
			}
		}
		if numeric {
			for _, w := range words {
				if modNumberWords[w] || isQuantity(w) {
					return true
				}
			}
		}
	}
	return false
}

// isQuantity reports a number that is not a year.
func isQuantity(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	if len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
		return false
	}
	return true
}

// modNumberWords are spelled-out quantities that make a claim a figure.
var modNumberWords = map[string]bool{"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true,
	"nine": true, "ten": true, "dozens": true, "hundreds": true, "thousands": true, "dozen": true, "hundred": true, "thousand": true}
