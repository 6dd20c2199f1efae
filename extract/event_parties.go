package extract

import (
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// Parties to an event: who claimed or denied it, whom sources blame, which
// state forces and groups acted and were targeted, and who asserts a
// sentence's figures.

type respResult struct {
	claim    *muster.Claim
	evidence *muster.Evidence // "No group claimed responsibility": evidence without a claim
	part     *muster.Participant
}

// evGroupHeads are lower-case words that end a group description:
// "Houthi extremists", "left-wing militants", "separatists".
var evGroupHeads = map[string]bool{
	"extremists": true, "militants": true, "rebels": true, "separatists": true, "insurgents": true,
	"fighters": true, "members": true, "nationalists": true, "radicals": true, "militia": true,
	"militias": true, "dissidents": true, "jihadists": true, "tribesmen": true, "herdsmen": true,
	"loyalists": true, "supporters": true, "activists": true, "strikers": true, "maoists": true,
	"guerrillas": true, "faction": true, "group": true, "movement": true, "gang": true, "gangs": true,
	"cartel": true, "protesters": true, "rioters": true, "sympathizers": true, "affiliates": true,
	"forces": true, "soldiers": true, "troops": true, "police": true, "army": true, "military": true,
	"students": true, "communists": true, "anarchists": true, "terrorists": true,
}

// genericGroups name no one in particular.
var genericGroups = map[string]bool{
	"militants": true, "assailants": true, "gunmen": true, "attackers": true, "perpetrators": true,
	"insurgents": true, "rebels": true, "terrorists": true, "members": true, "fighters": true,
	"group": true, "groups": true, "forces": true, "the group": true, "unknown": true, "unidentified": true,
	"militia": true, "individuals": true, "men": true, "people": true, "suspects": true, "a group": true,
	"extremists": true, "jihadists": true, "armed men": true,
}

// leadWords before a group name are not part of it.
var leadWords = map[string]bool{
	"the": true, "suspected": true, "alleged": true, "armed": false, "however": true, "reportedly": true,
	"a": true, "an": true, "later": true, "also": true, "subsequently": true,
}

// groupAfter reads the group named from token i: "(the) Islamic State in
// the Greater Sahara (ISGS)", "Houthi extremists (Ansar Allah)",
// "left-wing militants". It returns the span in tokens.
func groupAfter(toks []wtok, i int) (int, int, bool) {
	for i < len(toks) && (leadWords[toks[i].low] || toks[i].low == "members" || toks[i].low == "elements" || toks[i].low == "of") {
		if toks[i].low == "members" || toks[i].low == "elements" {
			if !(i+1 < len(toks) && toks[i+1].low == "of") {
				break
			}
		}
		i++
	}
	start := i
	j := i
	lower := 0
	for j < len(toks) && j-start < 14 {
		t := toks[j]
		switch {
		case t.low == "(":
			k := j + 1
			for k < len(toks) && toks[k].low != ")" && k-j < 10 {
				k++
			}
			if k >= len(toks) || toks[k].low != ")" || j == start {
				goto done
			}
			j = k + 1
		case t.low == "-" && j > start && t.start == toks[j-1].end && j+1 < len(toks) && toks[j+1].start == t.end:
			j += 2
		case t.low == "-" && j > start && j+1 < len(toks) && toks[j+1].upper:
			// "Communist Party of India - Maoist"
			j++
		case t.kind == 'w' && t.upper, t.kind == 'd' && j > start:
			j++
		case t.kind == 'w' && evGroupHeads[t.low]:
			j++
			lower++
		case t.kind == 'w' && nameConnectors[t.low] && j > start && j+1 < len(toks) && (toks[j+1].upper || toks[j+1].low == "the" && j+2 < len(toks) && toks[j+2].upper):
			j++
		case t.kind == 'w' && t.low == "and" && j > start && j+1 < len(toks) && toks[j+1].upper && !(j+2 < len(toks) && casualtyCues[toks[j+2].low] != 0):
			j++
		case t.kind == 'w' && j == start && lower == 0 && j+1 < len(toks) && (evGroupHeads[toks[j+1].low] || toks[j+1].upper && toks[j+1].kind == 'w' && !leadWords[t.low] || toks[j+1].low == "-" && j+3 < len(toks) && evGroupHeads[toks[j+3].low]):
			// "left-wing militants", "white extremists"
			j++
		default:
			goto done
		}
	}
done:
	for j > start && (nameConnectors[toks[j-1].low] || toks[j-1].low == "and" || toks[j-1].low == "-") {
		j--
	}
	if j <= start {
		return 0, 0, false
	}
	return start, j, true
}

// groupBefore reads the group named just before token i ("Houthi extremists
// (Ansar Allah) claimed", "The Khorasan Chapter of the Islamic State
// claimed"), skipping adverbs.
func groupBefore(toks []wtok, i int) (int, int, bool) {
	end := i
	for end > 0 && (casualtyAdverbs[toks[end-1].low] || toks[end-1].low == "has" || toks[end-1].low == "have" || toks[end-1].low == "had" || toks[end-1].low == "officially" || toks[end-1].low == "publicly" || toks[end-1].low == "purportedly" || toks[end-1].low == "quickly" || toks[end-1].low == "reportedly" || toks[end-1].low == "separately" || toks[end-1].low == "jointly") {
		end--
	}
	j := end
	for j > 0 && end-j < 16 {
		t := toks[j-1]
		switch {
		case t.low == ")":
			k := j - 2
			for k >= 0 && toks[k].low != "(" && j-k < 12 {
				k--
			}
			if k < 0 || toks[k].low != "(" {
				goto done
			}
			j = k
		case t.low == "-" && j-1 > 0 && j < end:
			j--
		case t.kind == 'w' && t.upper, t.kind == 'd' && j < end:
			j--
		case t.kind == 'w' && evGroupHeads[t.low]:
			j--
		case t.kind == 'w' && nameConnectors[t.low] && j < end && connectorInside(toks, j-1):
			j--
		case t.kind == 'w' && j < end && t.low != "and" && !t.upper && toks[j].kind == 'w' && evGroupHeads[toks[j].low] && (j-1 == 0 || !toks[j-2].upper):
			// "left-wing militants": one lower-case modifier
			j--
			goto done
		default:
			goto done
		}
	}
done:
	for j < end && (leadWords[toks[j].low] || nameConnectors[toks[j].low] && !toks[j].upper || toks[j].low == "-" || toks[j].low == "(") {
		j++
	}
	if j >= end {
		return 0, 0, false
	}
	return j, end, true
}

// connectorInside reports whether the connector at k stands between
// capitalised words: a capitalised word before it, past other connectors.
func connectorInside(toks []wtok, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if toks[j].upper || toks[j].low == ")" {
			return true
		}
		if !nameConnectors[toks[j].low] {
			return false
		}
	}
	return false
}

// groupRef makes a participant Ref for a group name, or false when the
// name is generic ("militants", "unknown assailants").
func groupRef(name string) (muster.Ref, bool) {
	k := muster.NameKey(name)
	if k == "" || genericGroups[k] {
		return muster.Ref{}, false
	}
	first := k
	if i := strings.IndexByte(k, ' '); i >= 0 {
		first = k[:i]
	}
	switch first {
	case "unknown", "unidentified", "no", "some", "several", "other", "local", "armed", "one", "two", "many",
		"those", "these", "they", "it", "he", "she", "we", "which", "who", "this", "that", "its", "their", "his", "her":
		return muster.Ref{}, false
	}
	typ := muster.EntityArmedGroup
	if stateForceName(name) {
		typ = muster.EntityStateForce
	}
	return muster.Ref{Name: name, Type: string(typ)}, true
}

// stateForceName reports whether a name is a state's force: "Afghan
// National Army", "Russian forces", "Military Forces of Ukraine".
func stateForceName(name string) bool {
	w := strings.Fields(name)
	if len(w) == 0 {
		return false
	}
	if _, ok := demonyms[w[0]]; ok {
		return true
	}
	l := strings.ToLower(name)
	return strings.HasPrefix(l, "military forces of") || strings.HasPrefix(l, "police forces of") || strings.HasPrefix(l, "armed forces of")
}

var responsibilityWords = map[string]bool{"responsibility": true, "credit": true}

// responsibility finds who claimed or denied the event, and whom the text
// blames.
func (x *eventExtractor) responsibility(s *sent) []respResult {
	toks := s.toks
	var out []respResult
	attr, mod := x.attribution(s)
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		if t.kind != 'w' {
			continue
		}
		switch t.low {
		case "claimed", "claim", "claims", "claiming", "took", "accepted", "assumed", "admitted":
			// "X claimed responsibility", "X claimed the attack"
			if t.low != "claimed" && t.low != "claims" && !nextIs(toks, k+1, 3, responsibilityWords) {
				continue
			}
			if !nextIs(toks, k+1, 3, responsibilityWords) && !(k+2 < len(toks) && toks[k+1].low == "the" && (triggerLex.has("report", toks[k+2].low) || toks[k+2].low == "incident" || toks[k+2].low == "incidents")) {
				continue
			}
			if k > 0 && (toks[k-1].low == "not" || toks[k-1].low == "has" && k > 1 && toks[k-2].low == "one") {
				out = append(out, x.noClaim(s, k))
				continue
			}
			if negatedSubject(toks, k) {
				out = append(out, x.noClaim(s, k))
				continue
			}
			a, b, ok := groupBefore(toks, k)
			if !ok {
				continue
			}
			// "The Taliban and the Khorasan Chapter of the Islamic State
			// claimed" names two groups; "the Islamic State of Iraq and the
			// Levant claimed" one, whose first part ends in an "of" phrase.
			and := a - 1
			if and > 0 && toks[and].low == "the" {
				and--
			}
			if and > 0 && toks[and].low == "and" {
				if a2, b2, ok := groupBefore(toks, and); ok {
					if b2-2 >= a2 && (toks[b2-2].low == "of" || b2-3 >= a2 && toks[b2-3].low == "of") {
						a = a2
					} else {
						out = append(out, x.party(s, a2, b2, k, muster.PredClaimedBy, muster.RolePerpetrator, attr, mod)...)
					}
				}
			}
			out = append(out, x.party(s, a, b, k, muster.PredClaimedBy, muster.RolePerpetrator, attr, mod)...)
		case "involvement":
			// "sources suspected the involvement of X"
			if k+1 < len(toks) && toks[k+1].low == "of" {
				if a, b, ok := groupAfter(toks, k+2); ok {
					out = append(out, x.party(s, a, b, k, "", muster.RolePerpetrator, sourcesOr(attr, toks, k), muster.Hedged)...)
				}
			}
		case "by":
			// "responsibility was claimed by X", "carried out by X", "perpetrated by X"
			if k == 0 {
				continue
			}
			prev := toks[k-1].low
			pred := muster.Predicate("")
			m := mod
			switch {
			case prev == "claimed" && prevIs(toks, k-1, 4, responsibilityWords):
				pred = muster.PredClaimedBy
			case prev == "out" && k > 1 && toks[k-2].low == "carried", prev == "perpetrated", prev == "orchestrated", prev == "committed":
				if m == muster.Asserted && strings.Contains(strings.ToLower(x.text[s.span.Start:toks[k].start]), "suspect") {
					m = muster.Hedged
				}
			default:
				continue
			}
			a, b, ok := groupAfter(toks, k+1)
			if !ok {
				continue
			}
			out = append(out, x.party(s, a, b, k, pred, muster.RolePerpetrator, attr, m)...)
		case "attributed", "blamed", "linked":
			// "sources attributed the attack to X", "blamed the attack on X", "blamed X"
			j := k + 1
			for j < len(toks) && j-k < 6 && toks[j].low != "to" && toks[j].low != "on" && toks[j].low != "," && toks[j].low != "." {
				j++
			}
			if j >= len(toks) || toks[j].low != "to" && toks[j].low != "on" {
				if t.low != "blamed" {
					continue
				}
				j = k
			}
			a, b, ok := groupAfter(toks, j+1)
			if !ok || t.low != "attributed" && !toks[a].upper {
				continue
			}
			m := muster.Reported
			if t.low == "linked" {
				m = muster.Hedged
			}
			out = append(out, x.party(s, a, b, k, "", muster.RolePerpetrator, sourcesOr(attr, toks, k), m)...)
		case "suspected":
			// "suspected X militants", "X were suspected", "suspected that
			// the Taliban carried out the attack"
			if k+1 < len(toks) && toks[k+1].low == "that" {
				if a, b, ok := groupAfter(toks, k+2); ok && b < len(toks) && toks[b].kind == 'w' && !toks[b].upper {
					switch toks[b].low {
					case "carried", "was", "were", "had", "conducted", "perpetrated", "orchestrated", "may", "might",
						"bombed", "attacked", "planted", "staged", "committed", "did", "could":
						out = append(out, x.party(s, a, b, k, "", muster.RolePerpetrator, sourcesOr(attr, toks, k), muster.Hedged)...)
					}
				}
				continue
			}
			if k+1 < len(toks) && toks[k+1].low == "the" {
				continue
			}
			if k > 0 && auxiliaries[toks[k-1].low] {
				a, b, ok := groupBefore(toks, k-1)
				if ok {
					out = append(out, x.party(s, a, b, k, "", muster.RolePerpetrator, attr, muster.Hedged)...)
				}
				continue
			}
			if a, b, ok := groupAfter(toks, k+1); ok {
				out = append(out, x.party(s, a, b, k, "", muster.RolePerpetrator, attr, muster.Hedged)...)
			}
		case "identified":
			// "identified the assailants as members of X"
			j := k + 1
			who := false
			for j < len(toks) && j-k < 5 && toks[j].low != "as" {
				switch toks[j].low {
				case "assailants", "assailant", "perpetrators", "perpetrator", "attackers", "attacker", "gunmen", "bomber", "bombers":
					who = true
				}
				j++
			}
			if who && j < len(toks) && toks[j].low == "as" {
				if a, b, ok := groupAfter(toks, j+1); ok && toks[a].upper {
					out = append(out, x.party(s, a, b, k, "", muster.RolePerpetrator, sourcesOr(attr, toks, k), muster.Reported)...)
				}
			}
		case "denied", "denies", "rejected":
			if !nextIs(toks, k+1, 3, map[string]bool{"responsibility": true, "involvement": true, "claims": true, "carrying": true, "any": true, "the": true, "that": true}) {
				continue
			}
			a, b, ok := groupBefore(toks, k)
			if !ok {
				continue
			}
			out = append(out, x.party(s, a, b, k, muster.PredDeniedBy, "", attr, mod)...)
		}
	}
	return out
}

// sourcesOr names "sources" as the source of "sources attributed…" when the
// sentence has no other attribution.
func sourcesOr(a muster.Attribution, toks []wtok, k int) muster.Attribution {
	if a.Type != muster.SourcePublisher {
		return a
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch toks[j].low {
		case "sources", "officials", "authorities", "police", "reports", "witnesses", "residents":
			return muster.Attribution{Name: toks[j].low, Type: muster.SourceUnnamed}
		}
	}
	return a
}

// negatedSubject reports "No group claimed", "no one has claimed".
func negatedSubject(toks []wtok, k int) bool {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		switch toks[j].low {
		case "no", "nobody", "none":
			return true
		case ",", ";", ".":
			return false
		}
	}
	return false
}

func nextIs(toks []wtok, i, n int, set map[string]bool) bool {
	for j := i; j < len(toks) && j < i+n; j++ {
		if set[toks[j].low] {
			return true
		}
	}
	return false
}

func prevIs(toks []wtok, i, n int, set map[string]bool) bool {
	for j := i - 1; j >= 0 && j >= i-n; j-- {
		if set[toks[j].low] {
			return true
		}
	}
	return false
}

// noClaim is the evidence of "No group claimed responsibility".
func (x *eventExtractor) noClaim(s *sent, k int) respResult {
	a := k
	for a > 0 && k-a < 4 && toks0(s.toks, a-1) != "," && toks0(s.toks, a-1) != ";" {
		a--
	}
	b := k
	for b+1 < len(s.toks) && b-k < 4 && !responsibilityWords[s.toks[b].low] {
		b++
	}
	ev := x.evidence(muster.Span{Start: s.toks[a].start, End: s.toks[b].end}, s.span)
	return respResult{evidence: &ev}
}

func toks0(toks []wtok, i int) string {
	if i < 0 || i >= len(toks) {
		return ""
	}
	return toks[i].low
}

// party makes the claim and the participant for a group in tokens [a, b).
func (x *eventExtractor) party(s *sent, a, b, cue int, pred muster.Predicate, role string, attr muster.Attribution, mod muster.Modality) []respResult {
	name := x.text[s.toks[a].start:s.toks[b-1].end]
	ref, ok := groupRef(name)
	if !ok {
		return nil
	}
	var out []respResult
	if role != "" {
		p := muster.Participant{Entity: ref, Role: role}
		out = append(out, respResult{part: &p})
	}
	if pred != "" {
		lo, hi := min(a, cue), max(b-1, cue)
		sp := muster.Span{Start: s.toks[lo].start, End: s.toks[hi].end}
		if pred == muster.PredClaimedBy || pred == muster.PredDeniedBy {
			// the whole statement: "X claimed responsibility"
			for hi+1 < len(s.toks) && hi-cue < 3 && !responsibilityWords[s.toks[hi].low] && s.toks[hi+1].kind == 'w' && s.toks[hi].low != "by" {
				hi++
			}
			sp.End = s.toks[hi].end
		}
		c := x.claim(pred, muster.EntityValue(ref, name), sp, s.span, "", attr, mod, 0.85)
		out = append(out, respResult{claim: &c})
	}
	return out
}

// forceHeads end a state-force phrase: "Russian forces", "Ukrainian
// positions", "Afghan National Army".
var forceHeads = map[string]bool{
	"forces": true, "force": true, "military": true, "troops": true, "army": true, "soldiers": true,
	"servicemen": true, "positions": true, "units": true, "unit": true, "aviation": true, "artillery": true,
	"navy": true, "marines": true, "paratroopers": true, "police": true, "guards": true, "guard": true,
	"sappers": true, "defense": true, "defence": true, "drones": true, "jets": true, "helicopters": true,
	"warplanes": true, "personnel": true, "military's": true, "armed": false, "air": false, "border": false,
	"policemen": true, "gendarmerie": true, "service": true, "aircraft": true, "side": true, "officials": false,
	"soldier": true, "serviceman": true, "position": true, "militia": true, "battalion": true, "brigade": true,
	"militiaman": true, "militiamen": true,
}

// forceHeadAt reports a force head at toks[j] that no organisation word
// follows: "Russian Defense Ministry" is a ministry, not a force.
func forceHeadAt(toks []wtok, j int) bool {
	return forceHeads[possessive(toks[j].low)] && !(j+1 < len(toks) && orgWords[toks[j+1].low])
}

// forceModifiers may stand between a demonym and the head.
var forceModifiers = map[string]bool{
	"armed": true, "air": true, "border": true, "security": true, "special": true, "naval": true,
	"national": true, "state": true, "military": true, "government": true, "regular": true, "ground": true,
	"emergency": true, "defense": true, "defence": true, "anti-aircraft": true, "and": true, "rebel": true,
	"separatist": true, "occupying": true, "occupation": true, "federal": true, "army": true, "guard": true,
}

// forces finds state forces and named armed groups acting in a sentence,
// and civilians as targets: "Russian forces shelled Ukrainian positions".
// A party before the event word acts; one after it is the target.
func (x *eventExtractor) forces(s *sent) []muster.Participant {
	toks := s.toks
	_, _, at := eventTrigger(toks)
	var out []muster.Participant
	role := func(k int) string {
		if at >= 0 && k > at {
			return muster.RoleTarget
		}
		return muster.RoleActor
	}
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		if t.kind != 'w' {
			continue
		}
		// "Military Forces of Ukraine", "Armed Forces of Ukraine"
		if (t.low == "military" || t.low == "armed" || t.low == "police") && t.upper && k+3 < len(toks) && toks[k+1].low == "forces" && toks[k+2].low == "of" && toks[k+3].upper {
			name := x.text[t.start:toks[k+3].end]
			out = append(out, muster.Participant{Entity: muster.Ref{Name: name, Type: string(muster.EntityStateForce)}, Role: role(k)})
			k += 3
			continue
		}
		// "pro-Russian separatists", "Moscow-backed rebels": a described
		// side, named by its alignment.
		if a, b, ok := alignedFighters(toks, k); ok {
			out = append(out, muster.Participant{Entity: muster.Ref{Name: x.text[toks[a].start:toks[b-1].end], Type: string(muster.EntityArmedGroup)}, Role: role(k)})
			k = b - 1
			continue
		}
		// "Ukraine battles rebels": a country acting in war is its forces.
		if _, ok := countryNames[x.text[t.start:t.end]]; ok && t.upper && k+1 < len(toks) && triggerLex.has("country", toks[k+1].low) {
			out = append(out, muster.Participant{Entity: muster.Ref{Name: x.text[t.start:t.end], Type: string(muster.EntityStateForce)}, Role: muster.RoleActor})
			continue
		}
		// "Ukraine troops", "Russia's army": a country name before a force head.
		if _, ok := countryNames[possessive(x.text[t.start:t.end])]; ok && t.upper && k+1 < len(toks) && forceHeadAt(toks, k+1) && toks[k+1].low != "side" {
			out = append(out, muster.Participant{Entity: muster.Ref{Name: x.text[t.start:toks[k+1].end], Type: string(muster.EntityStateForce)}, Role: role(k)})
			k++
			continue
		}
		if _, ok := demonyms[x.text[t.start:t.end]]; ok && t.upper {
			// Collect "Russian and Ukrainian military": demonyms joined by "and".
			dems := []int{k}
			j := k + 1
			for j+1 < len(toks) && toks[j].low == "and" {
				if _, ok := demonyms[x.text[toks[j+1].start:toks[j+1].end]]; ok {
					dems = append(dems, j+1)
					j += 2
					continue
				}
				break
			}
			// The last force head in a run of modifiers and heads:
			// "Ukrainian military", "Russian air forces", "Afghan National Army".
			head := -1
			for j < len(toks) && j-k < 6 && (forceModifiers[toks[j].low] || forceHeads[possessive(toks[j].low)] || toks[j].upper && toks[j].kind == 'w' && toks[j].low != "and") {
				if _, ok := demonyms[x.text[toks[j].start:toks[j].end]]; ok {
					break
				}
				if orgWords[toks[j].low] {
					head = -1 // "Russian Defense Ministry" is a ministry
					break
				}
				if forceHeadAt(toks, j) {
					head = j
				}
				if possessive(toks[j].low) != toks[j].low {
					j++ // "the Ukrainian military's shelling": the possessive ends the name
					break
				}
				j++
			}
			// "Russian shelling", "a Ukrainian drone strike", "Ukrainian
			// military's shelling": the side that fired, named as its forces.
			if head < 0 && len(dems) == 1 && attackNounAt(toks, j) {
				out = append(out, muster.Participant{Entity: muster.Ref{Name: x.text[t.start:t.end] + " forces", Type: string(muster.EntityStateForce)}, Role: muster.RoleActor})
				k = j
				continue
			}
			if head >= 0 {
				j = head
				for _, d := range dems {
					name := x.text[toks[d].start:toks[j].end]
					if len(dems) > 1 {
						name = x.text[toks[d].start:toks[d].end] + " " + x.text[toks[dems[len(dems)-1]+1].start:toks[j].end]
						if dems[len(dems)-1]+1 > j {
							name = x.text[toks[d].start:toks[d].end] + " " + toks[j].low
						}
					}
					name = possessive(name)
					out = append(out, muster.Participant{Entity: muster.Ref{Name: name, Type: string(muster.EntityStateForce)}, Role: role(k)})
				}
				k = j
				continue
			}
		}
		// "the Russians shelled …": a nation's plural as the subject of an
		// act of war is its forces. "Russians killed in …" (passive) is not.
		if k > 0 && toks[k-1].low == "the" && t.upper && strings.HasSuffix(t.low, "s") && k+1 < len(toks) && triggerLex.has("nation", toks[k+1].low) && !(k+2 < len(toks) && passiveAfter[toks[k+2].low]) {
			if _, ok := demonyms[x.text[t.start:t.end-1]]; ok {
				out = append(out, muster.Participant{Entity: muster.Ref{Name: x.text[t.start:t.end-1] + " forces", Type: string(muster.EntityStateForce)}, Role: muster.RoleActor})
				continue
			}
		}
		// "the People's Militia of the LPR", "forces of the DPR".
		if k >= 2 && toks[k-1].low == "the" && toks[k-2].low == "of" && k >= 3 && forceHeads[possessive(toks[k-3].low)] && allCapsWord(x.text[t.start:t.end]) {
			if ref, ok := groupRef(x.text[t.start:t.end]); ok {
				out = append(out, muster.Participant{Entity: ref, Role: role(k - 3)})
				continue
			}
		}
		// An acronym with a force head, or struck itself: "DPR positions",
		// "DPR's forces", "shelled DPR in Makiivka".
		acr := possessive(x.text[t.start:t.end])
		if allCapsWord(acr) && (k+1 < len(toks) && (forceHeads[toks[k+1].low] || toks[k+1].low == "rebel" || toks[k+1].low == "separatist") || k > 0 && k-1 == at && triggerLex.has("object", toks[k-1].low)) {
			if ref, ok := groupRef(acr); ok {
				out = append(out, muster.Participant{Entity: ref, Role: role(k)})
				k++
				continue
			}
		}
		// A named group acting: "NAF rebel forces", "Taliban militants".
		if t.upper && k+1 < len(toks) {
			j := k + 1
			for j < len(toks) && j-k < 4 && (toks[j].upper && toks[j].kind == 'w' || toks[j].low == "-") {
				j++
			}
			h := j
			if h < len(toks) && (toks[h].low == "rebel" || toks[h].low == "separatist" || toks[h].low == "militant") {
				h++
			}
			if h < len(toks) && (toks[h].low == "militants" || toks[h].low == "fighters" || toks[h].low == "rebels" || toks[h].low == "insurgents" || h > j && toks[h].low == "forces") && (k == 0 || !toks[k-1].upper) {
				name := x.text[t.start:toks[j-1].end]
				if ref, ok := groupRef(name); ok && !notPlaceStarts[t.low] {
					r := role(k)
					if r == muster.RoleActor {
						r = muster.RolePerpetrator
					}
					out = append(out, muster.Participant{Entity: ref, Role: r})
				}
				k = h
				continue
			}
		}
		// Civilians harmed or targeted.
		switch t.low {
		case "civilians", "civilian", "residents", "resident", "villagers", "villager", "passers-by":
			if k+1 < len(toks) && civilianThings[toks[k+1].low] {
				continue // "civilian infrastructure" is no person
			}
			if at >= 0 && k > at || nearCasualty(toks, k) {
				out = append(out, muster.Participant{Entity: muster.Ref{Name: "civilians", Type: string(muster.EntityPerson)}, Role: muster.RoleTarget})
			}
		case "protesters", "demonstrators", "protested", "rallied":
			out = append(out, muster.Participant{Entity: muster.Ref{Name: "protesters", Type: string(muster.EntityPerson)}, Role: muster.RoleActor})
		case "unidentified", "unknown":
			if k+1 < len(toks) && (toks[k+1].low == "gunmen" || toks[k+1].low == "assailants" || toks[k+1].low == "attackers" || toks[k+1].low == "armed" || toks[k+1].low == "perpetrators" || toks[k+1].low == "militants") {
				end := k + 1
				if toks[end].low == "armed" && end+1 < len(toks) {
					end++
				}
				out = append(out, muster.Participant{Entity: muster.Ref{Name: x.text[t.start:toks[end].end], Type: string(muster.EntityArmedGroup)}, Role: muster.RolePerpetrator})
			}
		}
	}
	return out
}

// alignedHeads end an aligned description: "pro-Russian separatists".
var alignedHeads = map[string]bool{
	"separatists": true, "separatist": true, "rebels": true, "rebel": true, "militants": true, "gunmen": true,
	"fighters": true, "forces": true, "militias": true, "militia": true, "militiamen": true, "insurgents": true,
	"paramilitaries": true, "partisans": true, "guerrillas": true,
}

// alignedFighters reads "pro-Russian separatists", "pro-government
// militias" or "Russian-backed rebels" from toks[k], returning the tokens
// [a, b) of the whole description. A description qualified by whom its
// fighters side with names one side of one conflict, unlike a bare
// "rebels", so it is kept as a participant.
func alignedFighters(toks []wtok, k int) (int, int, bool) {
	glued := func(i int) bool { return i > 0 && i < len(toks) && toks[i].start == toks[i-1].end }
	var j int
	switch {
	case toks[k].low == "pro" && k+2 < len(toks) && toks[k+1].low == "-" && glued(k+1) && glued(k+2) && (toks[k+2].upper || toks[k+2].low == "government"):
		j = k + 3
	case toks[k].upper && toks[k].kind == 'w' && k+2 < len(toks) && toks[k+1].low == "-" && glued(k+1) && glued(k+2) && (toks[k+2].low == "backed" || toks[k+2].low == "aligned"):
		j = k + 3
	default:
		return 0, 0, false
	}
	// "pro-Russian armed separatists", "Russian-backed rebel fighters"
	for n := 0; j < len(toks) && n < 3; n++ {
		if alignedHeads[toks[j].low] && !(j+1 < len(toks) && alignedHeads[toks[j+1].low]) {
			return k, j + 1, true
		}
		if toks[j].low != "armed" && toks[j].low != "rebel" && toks[j].low != "separatist" && toks[j].low != "militia" {
			return 0, 0, false
		}
		j++
	}
	return 0, 0, false
}

// attackNounAt reports an attack noun at toks[j], perhaps after the
// possessive of a force head ("military's shelling"), and followed by no
// word that makes it a thing ("Russian missile maker").
func attackNounAt(toks []wtok, j int) bool {
	if j >= len(toks) || toks[j].kind != 'w' {
		return false
	}
	w := toks[j].low
	if w == "air" || w == "artillery" || w == "fire" {
		// "Russian air strike", "Russian artillery fire", not "Russian Air Force" (a force head).
		return j+1 < len(toks) && (toks[j+1].low == "strike" || toks[j+1].low == "strikes" || toks[j+1].low == "raid" || toks[j+1].low == "fire" || toks[j+1].low == "attack")
	}
	return triggerLex.has("demonym", w)
}

// passiveAfter after "the Russians killed" reads as a passive headline.
var passiveAfter = map[string]bool{"in": true, "by": true, "as": true, "when": true, "while": true, "during": true, "at": true}

// possessive strips "'s" or "’s" from a word.
func possessive(w string) string {
	w = strings.TrimSuffix(w, "'s")
	return strings.TrimSuffix(w, "’s")
}

// allCapsWord reports an all-capital word of two to five letters: "DPR", "NAF".
func allCapsWord(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'A' || w[i] > 'Z' {
			return false
		}
	}
	return true
}

// civilianThings follow "civilian" as an adjective of things.
var civilianThings = map[string]bool{
	"infrastructure": true, "buildings": true, "building": true, "houses": true, "house": true,
	"objects": true, "object": true, "car": true, "cars": true, "vehicle": true, "vehicles": true,
	"areas": true, "area": true, "facilities": true, "facility": true, "targets": true, "target": true,
	"homes": true, "home": true, "property": true, "enterprise": true, "enterprises": true,
	"settlement": true, "settlements": true, "aircraft": true, "airport": true, "structures": true,
}

func nearCasualty(toks []wtok, k int) bool {
	for j := max(0, k-6); j < min(len(toks), k+6); j++ {
		if casualtyCues[toks[j].low] != 0 {
			return true
		}
	}
	return false
}

// reportVerbs introduce the source of a statement.
var reportVerbs = map[string]muster.Modality{
	"said": muster.Reported, "says": muster.Reported, "reported": muster.Reported, "stated": muster.Reported,
	"told": muster.Reported, "announced": muster.Reported, "confirmed": muster.Reported, "added": muster.Reported,
	"noted": muster.Reported, "indicated": muster.Reported, "claimed": muster.Claimed, "claims": muster.Claimed,
	"alleged": muster.Claimed, "estimated": muster.Estimated,
}

// attribution returns who asserts a sentence's figures and how: "according
// to X", "X said", or the publisher in its own voice.
func (x *eventExtractor) attribution(s *sent) (muster.Attribution, muster.Modality) {
	toks := s.toks
	a, m := publisher(), muster.Asserted
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		if t.low == "according" && k+1 < len(toks) && toks[k+1].low == "to" {
			j := k + 2
			for j < len(toks) && j-k < 10 && toks[j].low != "," && toks[j].low != "." && toks[j].low != ";" && toks[j].low != "[" && toks[j].low != ")" {
				j++
			}
			if j > k+2 {
				a, m = sourceOf(x.text[toks[k+2].start:toks[j-1].end]), muster.Reported
			}
			break
		}
		if mm, ok := reportVerbs[t.low]; ok && k > 0 {
			if (t.low == "claimed" || t.low == "claims") && nextIs(toks, k+1, 3, responsibilityWords) {
				continue
			}
			if auxiliaries[toks[k-1].low] || toks[k-1].low == "," && t.low == "reported" {
				continue
			}
			j := k
			for j > 0 && k-j < 6 && toks[j-1].kind == 'w' && toks[j-1].low != "and" && toks[j-1].low != "that" && toks[j-1].low != "which" && toks[j-1].low != "who" {
				j--
			}
			j = afterTimePhrase(toks, j, k)
			if j < k && !casualtyWordIn(toks, j, k) {
				name := x.text[toks[j].start:toks[k-1].end]
				a, m = sourceOf(name), mm
				break
			}
		}
	}
	low := strings.ToLower(x.text[s.span.Start:s.span.End])
	switch {
	case strings.Contains(low, "could not be verified") || strings.Contains(low, "not independently verif") || strings.Contains(low, "could not verify") || strings.Contains(low, "unverified"):
		m = muster.Unverified
	case strings.Contains(low, "reportedly") || strings.Contains(low, "allegedly") || strings.Contains(low, "possibly") || strings.Contains(low, "unconfirmed"):
		m = muster.Hedged
	case strings.Contains(low, "estimated") || strings.Contains(low, "estimates"):
		m = muster.Estimated
	}
	return a, m
}

// timeWords follow "on", "late" or "earlier" in a time phrase before a
// source: "On Tuesday Russia's defence ministry claimed".
var timeWords = map[string]bool{
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true,
	"sunday": true, "today": true, "yesterday": true, "morning": true, "evening": true, "night": true,
	"afternoon": true, "overnight": true, "week": true, "month": true, "day": true,
}

// afterTimePhrase returns the first token of [j, k) past a leading time
// phrase ("On Tuesday", "Late on Monday", "Earlier", "Overnight").
func afterTimePhrase(toks []wtok, j, k int) int {
	for j < k {
		switch w := toks[j].low; {
		case timeWords[w] || w == "on" || w == "late" || w == "early" || w == "earlier" || w == "later" || w == "last" || w == "this":
			j++
		default:
			return j
		}
	}
	return j
}

func casualtyWordIn(toks []wtok, a, b int) bool {
	for j := a; j < b; j++ {
		if casualtyCues[toks[j].low] != 0 {
			return true
		}
	}
	return false
}

// sourceOf names a source: an unnamed description ("officials", "the
// governor", "Russian sources") or a named one.
func sourceOf(name string) muster.Attribution {
	name = strings.TrimSpace(name)
	ws := strings.Fields(name)
	named := false
	for i, w := range ws {
		if w == "the" || w == "The" {
			continue
		}
		r := w[0]
		if 'A' <= r && r <= 'Z' && !(i == 0 && len(ws) > 1 && isDemonymWord(w)) {
			named = true
		}
	}
	if !named {
		return muster.Attribution{Name: name, Type: muster.SourceUnnamed}
	}
	l := " " + strings.ToLower(name) + " "
	for _, w := range sourceOrgWords {
		if strings.Contains(l, " "+w+" ") {
			return muster.Attribution{Name: name, Type: muster.AttributionType(muster.EntityOrganization)}
		}
	}
	if len(ws) <= 3 {
		// "Caesar", "Pavlo Kyrylenko": a name without an organisation's
		// word is a person's.
		return muster.Attribution{Name: name, Type: muster.AttributionType(muster.EntityPerson)}
	}
	return muster.Attribution{Name: name, Type: muster.AttributionType(muster.EntityOrganization)}
}

// sourceOrgWords mark a source's name as an organisation's.
var sourceOrgWords = []string{
	"ministry", "media", "army", "forces", "force", "service", "office", "agency", "committee", "council",
	"government", "police", "command", "news", "times", "post", "reuters", "tass", "ria", "interfax",
	"group", "legion", "corps", "brigade", "battalion", "front", "movement", "party", "administration",
	"department", "un", "ocha", "osce", "smm", "mission", "authorities", "military", "staff", "guard",
	"sources", "officials", "press", "channel", "telegram", "radio", "tv", "television", "bbc", "cnn",
}

func isDemonymWord(w string) bool { _, ok := demonyms[w]; return ok }

// learnedParties lets the role scorer (event_roles.go) name an event's
// perpetrators and targets from the noun phrases of the sentences
// that tell it (of the whole document when it tells one event: a wire
// story's later paragraphs name the victims and the group blamed). A
// phrase the scorer puts in one of those slots fills it, except that:
//   - in a coder's summary (reportSentences or fewer) the hand rules
//     keep the perpetrator: the scorer names one only when they named
//     none, and only with a margin of perpetratorMargin; any fill
//     needs a margin above summaryMargin; and a
//     description ("gunmen", "the farm", "two soldiers") is no
//     participant: only names are. Coders record an unnamed perpetrator
//     as unknown, a counted victim is the side of a casualty claim, and a
//     physical target is no ACLED actor;
//   - in a longer story, a wire report like the MUC-4 texts the scorer
//     was trained on, it names perpetrators beside the hand rules', and
//     descriptions fill every slot but a human target's name: described
//     perpetrators ("urban commandos", a described side typed armed
//     group) where the hand rules named none (a headline's "Gunmen"
//     beside the brigade they named is no group), described human
//     targets ("a soldier guarding the substation") and physical targets
//     ("an electric power substation", a place), as DESIGN §3's
//     participant roles have them.
//
// Each slot was measured on MUC-4 TST1/TST2, GTD dev and ACLED dev (issue
// 10 item 2), and the hand rules keep the slots where they win:
//   - physical targets and described human targets in summaries: with
//     them ACLED's actors fall from F1 .950 to .933 (precision .972 →
//     .938: "Private houses", "1 civilian", "28-year-old woman"), under
//     the .95 floor; in long stories alone they lift MUC-4 TST1/TST2 from
//     F 22.0/27.2 to 23.5/30.9 (phys-tgt-id R 0/1 → 15/25, hum-tgt-desc
//     R 1/3 → 8/17) and leave ACLED, GTD and news_armed_groups dev as
//     they were;
//   - perpetrators beside the hand rules' own in summaries: GTD's
//     perpetrator precision falls from .959 to .928 (with the model
//     trained on GTD dev-train too, on GTD dev-tune from .955 to .831,
//     F1 .928 → .868, so the hand rules still win); in long stories
//     alone, with described ones where the hand rules named none, they
//     lift TST1/TST2 to F 25.3/31.5 (perp-ind-id and perp-org-id recall
//     up) and leave ACLED, news dev and the seed gold as they were.
func (x *doc) learnedParties(r *Result) {
	m := roleModel()
	if m == nil || x.d == nil || len(x.d.SentenceTokens) != len(x.d.Sentences) {
		return
	}
	known := map[string]bool{}
	for _, e := range r.Entities {
		known[entityKey(e.Type, e.Name)] = true
	}
	long := len(x.d.Sentences) > reportSentences
	for i := range r.Events {
		ev := &r.Events[i]
		hasPerp := false
		have := map[string]bool{}
		for _, p := range ev.Participants {
			hasPerp = hasPerp || p.Role == muster.RolePerpetrator || p.Role == muster.RoleActor
			have[muster.NameKey(p.Entity.Name)] = true
		}
		var sents []int
		if len(r.Events) == 1 {
			for si := range x.d.Sentences {
				sents = append(sents, si)
			}
		} else {
			seen := map[int]bool{}
			for _, e := range ev.Evidence {
				b := x.offs.Bytes(muster.Span{Start: e.Start, End: e.End})
				if si := x.d.SentenceOf(b.Start); si >= 0 && !seen[si] {
					seen[si] = true
					sents = append(sents, si)
				}
			}
		}
		for _, si := range sents {
			for _, c := range RoleCandidates(x.d, si) {
				k, margin := m.Best(x.d, si, c)
				if k == SlotNone || placeCandidate(x.d, c) {
					continue
				}
				desc := described(x.d, c)
				if desc && (!long || k == SlotHumName || hasPerp && (k == SlotPerpInd || k == SlotPerpOrg)) {
					continue
				}
				if !long && margin <= summaryMargin {
					continue
				}
				span := muster.Span{Start: x.d.Tokens[c.Lo].Start, End: x.d.Tokens[c.Hi-1].End}
				name := x.d.Text[span.Start:span.End]
				role, typ := muster.RoleTarget, muster.EntityPerson
				switch k {
				case SlotPerpOrg, SlotPerpInd:
					if !long && (hasPerp || margin < perpetratorMargin) {
						continue
					}
					role, typ = muster.RolePerpetrator, muster.EntityArmedGroup // a described side is an armed group
					if k == SlotPerpInd && !desc {
						typ = muster.EntityPerson
					}
				case SlotPhysTarget:
					if !long {
						continue
					}
					typ = muster.EntityPlace
				}
				if have[muster.NameKey(name)] || otherwiseNamed(x.d, span, typ) {
					continue
				}
				have[muster.NameKey(name)] = true
				ref := muster.Ref{Name: name, Type: string(typ)}
				ev.Participants = append(ev.Participants, muster.Participant{Entity: ref, Role: role})
				cl := muster.Claim{Subject: ev.Ref(), Predicate: muster.PredParticipant, Object: muster.EntityValue(ref, name), Role: role,
					AttributedTo: x.publisher(), Modality: muster.Asserted, Evidence: []muster.Evidence{x.evidence(span)}, Extractor: EventExtractor, Confidence: 0.6}
				cl.SetID()
				ev.Claims = append(ev.Claims, cl)
				if !known[entityKey(typ, name)] {
					known[entityKey(typ, name)] = true
					r.Entities = append(r.Entities, Entity{Entity: muster.Entity{Type: typ, Name: name}})
				}
			}
		}
	}
}

// otherwiseNamed reports whether the scorer would make a person (typ) of
// a name the tagger found in span with another type: "RDK", an armed
// group, is no person because it scored as a human target's name.
func otherwiseNamed(d *nlp.Doc, span muster.Span, typ muster.EntityType) bool {
	if typ != muster.EntityPerson {
		return false
	}
	for _, m := range d.Mentions {
		if m.Start >= span.End {
			break
		}
		if m.End > span.Start {
			if et := m.Type.EntityType(); et != "" && et != typ {
				return true
			}
		}
	}
	return false
}

// perpetratorMargin is how far above none the scorer must put a
// perpetrator in a summary, chosen on GTD dev-tune (the half of GTD dev
// the model never saw) with the model of `make model-roles`: perpetrator
// F1 .928 at 0 and 2, .927 at 5 and 8; ACLED dev actors .950 at each.
const perpetratorMargin = 2

// summaryMargin is how far above none the scorer must put any fill in a
// summary, where the model's own Margin (DefaultRoleMargin) is chosen for
// wire stories: chosen on ACLED dev and GTD dev-tune with Margin -10,
// ACLED dev actors F1 .949 (P .971) at -5, .950 (P .972) at -2 and .950
// (P .973) at 0 and 3; GTD dev-tune perpetrator .927 at each.
const summaryMargin = 0
