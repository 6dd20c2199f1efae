package extract

import (
	_ "embed"
	"fmt"
	"slices"
	"strings"

	muster "github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp/pattern"
)

// An event's arguments are dependency patterns over the parse
// (patterns/events.patterns), read with the trigger lexicon's words: the
// side that acts is the subject of the event verb, the agent of its
// passive or the possessor of its noun; the side attacked is its object,
// the subject of its passive or the noun after "attack on"; the
// instrument is its "with"/"by" phrase; a claim or denial of
// responsibility names its claimant. The match's trigger token places the
// argument in the event its sentence tells (issue 10 item 2).

//go:embed patterns/events.patterns
var eventPatternsSrc string

// eventArg is one slot's meaning in an event pattern.
type eventArg struct {
	slot, arg string // arg: agent, patient, instrument, claimant, denier
}

type eventRule struct {
	args  []eventArg
	types map[string][]muster.EntityType
}

type eventRuleSet struct {
	set   *pattern.Set
	rules map[*pattern.Pattern]*eventRule
}

var eventRules = mustEventRules()

func mustEventRules() *eventRuleSet {
	rs, err := loadEventRules("patterns/events.patterns", eventPatternsSrc)
	if err != nil {
		panic(err) // the embedded file is tested; this is a build defect
	}
	return rs
}

// EventPatterns returns the compiled event patterns, for the test that runs
// their example sentences.
func EventPatterns() *pattern.Set { return eventRules.set }

// violentTypes are the event types whose words the argument patterns read.
var violentTypes = map[muster.EventType]bool{
	muster.EventAttack: true, muster.EventRaid: true, muster.EventArmedClash: true, muster.EventBombing: true,
	muster.EventShelling: true, muster.EventAirStrike: true, muster.EventDroneStrike: true,
	muster.EventAssassination: true, muster.EventKidnapping: true, muster.EventIncursion: true, muster.EventArson: true,
}

// eventWords are the lemmas and forms of the lexicon's violent rows, with
// or without those of ground crossed (an incursion's object is ground, not
// a side: "entered the villages of …").
func eventWords(incursion bool) []string {
	var out []string
	for _, t := range triggerLex.rows {
		if !violentTypes[t.Type] || !incursion && t.Type == muster.EventIncursion || strings.Contains(t.Lemma, " ") {
			continue
		}
		out = append(out, t.Lemma)
		for _, f := range t.Forms {
			if !strings.Contains(f, " ") {
				out = append(out, f)
			}
		}
	}
	return out
}

func loadEventRules(name, src string) (*eventRuleSet, error) {
	set, err := pattern.ParseFile(name, strings.NewReader(src), map[string][]string{"event_word": eventWords(true), "strike_word": eventWords(false), "cross_word": triggerLex.forms("cross")})
	if err != nil {
		return nil, err
	}
	rs := &eventRuleSet{set: set, rules: map[*pattern.Pattern]*eventRule{}}
	for _, p := range set.Patterns {
		r := &eventRule{types: map[string][]muster.EntityType{}}
		for _, f := range strings.Fields(p.Meta["arg"]) {
			slot, arg, ok := strings.Cut(f, "=")
			if !ok || !slices.Contains(p.Slots, slot) {
				return nil, fmt.Errorf("%s: pattern %s: arg %q names no slot of the pattern", name, p.Name, f)
			}
			switch arg {
			case "agent", "patient", "instrument", "claimant", "denier", "ground", "claimed", "taken", "fire", "claimcue", "denycue", "sided", "doer", "deeds":
			default:
				return nil, fmt.Errorf("%s: pattern %s: unknown argument %q", name, p.Name, arg)
			}
			r.args = append(r.args, eventArg{slot, arg})
		}
		if len(r.args) == 0 {
			return nil, fmt.Errorf("%s: pattern %s has no arg line", name, p.Name)
		}
		for _, f := range strings.Fields(p.Meta["types"]) {
			slot, ts, ok := strings.Cut(f, "=")
			if !ok {
				return nil, fmt.Errorf("%s: pattern %s: want SLOT=type,type in %q", name, p.Name, f)
			}
			for _, t := range strings.Split(ts, ",") {
				et := muster.EntityType(t)
				if !et.Valid() {
					return nil, fmt.Errorf("%s: pattern %s: %q is no entity type", name, p.Name, t)
				}
				r.types[slot] = append(r.types[slot], et)
			}
		}
		rs.rules[p] = r
	}
	return rs, nil
}

// sentenceArgs are the arguments the patterns find in one sentence.
type sentenceArgs struct {
	agents, patients   []int // local entities
	claimants, deniers []int
	// grounds are the places taken ("seized Aden"), groundVerbs the
	// tokens of the verbs that took them.
	grounds, groundVerbs []int
	// takenVerbs take a kind of ground ("captured 14 villages", "took
	// control of the town"), fireVerbs fire heavy weapons ("fired mortar
	// shells at"): the triggers of a fight and of a shelling where the
	// lexicon names no event.
	takenVerbs, fireVerbs []int
	// sided are event words whose two sides the patterns name ("fighting
	// took place between X and Y"): they tell a fight wherever they stand,
	// not only as a clause's subject.
	sided []int
	// deeds are the acts groups are responsible for, told without one
	// incident ("has claimed responsibility for dozens of attacks").
	deeds              []deed
	instruments        []muster.Span
	evidence           map[int]muster.Span // entity -> its match's span
	instrumentEvidence []muster.Span
	// cues are the claims and denials of responsibility, in the order of
	// their verbs.
	cues []respCue
	// claimed are the events a claim names by its "for" phrase ("claimed
	// responsibility for a bombing in Ankara"); claimantOf the claimants
	// by the token of their claim's verb.
	claimed    []claimedEvent
	claimantOf map[int][]int
}

// deed is a group's acts told in general: the groups, the head token of
// the acts' phrase, the match's words and whether the group claims them.
type deed struct {
	doers   []int
	what    int
	span    muster.Span
	claimed bool
}

// respCue is a claim or denial of responsibility: the words from its verb
// to the word that says what it claims ("claimed responsibility").
type respCue struct {
	span muster.Span
	deny bool
}

// claimedEvent is the event word a claim of responsibility names, the
// claim's verb and the words that tell the event.
type claimedEvent struct {
	cue, trig int
	span      muster.Span
}

// eventArgs returns the arguments the patterns find, by sentence.
func (x *doc) eventArgs() map[int]*sentenceArgs {
	out := map[int]*sentenceArgs{}
	if !parsed(x.d) {
		return out
	}
	if x.tokMent == nil {
		x.tokMent = x.tokenMentions()
	}
	{
		for _, m := range eventRules.set.Match(x.d) {
			r := eventRules.rules[m.Pattern]
			s := x.d.SentenceOf(x.d.Tokens[m.Anchor].Start)
			if r == nil || s < 0 {
				continue
			}
			a := out[s]
			if a == nil {
				a = &sentenceArgs{evidence: map[int]muster.Span{}, claimantOf: map[int][]int{}}
				out[s] = a
			}
			for _, g := range r.args {
				t, ok := m.Slot(g.slot)
				if !ok {
					continue
				}
				if g.arg == "claimcue" || g.arg == "denycue" {
					a.cues = append(a.cues, respCue{span: x.matchSpan(m, nil), deny: g.arg == "denycue"})
					continue
				}
				if g.arg == "taken" {
					a.takenVerbs = append(a.takenVerbs, t)
					continue
				}
				if g.arg == "fire" {
					a.fireVerbs = append(a.fireVerbs, t)
					continue
				}
				if g.arg == "sided" {
					a.sided = append(a.sided, t)
					continue
				}
				if g.arg == "doer" {
					continue // with its deeds
				}
				if g.arg == "deeds" {
					doer, _ := m.Slot("doer")
					cue, hasCue := m.Slot("cue")
					if ents := x.subjectsAt(doer, r.types["doer"]); len(ents) > 0 {
						a.deeds = append(a.deeds, deed{doers: ents, what: t, span: x.matchSpan(m, ents),
							claimed: hasCue && x.d.Tokens[cue].Lemma == "claim"})
					}
					continue
				}
				if g.arg == "claimed" {
					// "claimed responsibility for a bombing in Ankara that
					// injured two police officers": the claim's words from
					// the event word to the end of "responsibility"'s phrase.
					cue, _ := m.Slot("cue")
					what, _ := m.Slot("what")
					a.claimed = append(a.claimed, claimedEvent{cue: cue, trig: t,
						span: muster.Span{Start: x.d.Tokens[t].Start, End: max(x.subtreeSpan(t).End, x.subtreeSpan(what).End)}})
					continue
				}
				if g.arg == "instrument" {
					sp := x.weaponPhrase(t)
					if sp.Len() > 0 {
						a.instruments = append(a.instruments, sp)
						a.instrumentEvidence = append(a.instrumentEvidence, x.matchSpan(m, nil))
					}
					continue
				}
				ents := x.entitiesAt(t, r.types[g.slot])
				for _, e := range ents {
					a.evidence[e] = x.matchSpan(m, ents)
					switch g.arg {
					case "agent":
						a.agents = append(a.agents, e)
					case "patient":
						a.patients = append(a.patients, e)
					case "claimant":
						a.claimants = append(a.claimants, e)
						if cue, ok := m.Slot("cue"); ok {
							a.claimantOf[cue] = append(a.claimantOf[cue], e)
						}
					case "denier":
						a.deniers = append(a.deniers, e)
					case "ground":
						if v, ok := m.Slot("trigger"); ok {
							a.grounds = append(a.grounds, e)
							a.groundVerbs = append(a.groundVerbs, v)
						}
					}
				}
			}
		}
	}
	return out
}

// clashTypes are the events between armed sides: their agent is an actor
// and the side they strike a defender when it is a force.
func clashType(t muster.EventType) bool {
	return t == muster.EventArmedClash || t == muster.EventIncursion || t == muster.EventRaid
}

// syntaxRoles sets the roles of the sides the patterns find in the
// sentence that tells ev: the syntax decides who acted and who was struck
// where the entity types alone guessed (a state force that attacks is no
// target).
func (x *doc) syntaxRoles(a *sentenceArgs, ev *localEvent) {
	if a == nil {
		return
	}
	for _, e := range a.patients {
		role := muster.RoleTarget
		if clashType(ev.typ) && x.ents[e].typ == muster.EntityStateForce {
			role = muster.RoleDefender
		}
		ev.participants[e] = role
	}
	for _, e := range a.agents {
		role := muster.RolePerpetrator
		if clashType(ev.typ) {
			role = muster.RoleActor
		}
		ev.participants[e] = role
	}
}

// responsibilityClaims adds the claims and denials of responsibility the
// patterns find in sentence si to event idx: "X claimed responsibility"
// makes X claimed_by and a perpetrator by its own account (modality
// claimed); "X denied any involvement" makes X denied_by.
func (x *doc) responsibilityClaims(idx, si int, a *sentenceArgs) {
	if a == nil {
		return
	}
	for _, e := range a.claimants {
		x.responsibilityClaim(idx, si, e, false, a.evidence[e], 0.8)
	}
	for _, e := range a.deniers {
		x.responsibilityClaim(idx, si, e, true, a.evidence[e], 0.8)
	}
}

// responsibilityClaim adds e's claim (or, deny, its denial) of
// responsibility for event idx, stated by the words sp of sentence si,
// once; a claimant is a perpetrator by its own account.
func (x *doc) responsibilityClaim(idx, si, e int, deny bool, sp muster.Span, conf float64) {
	pred, mod := muster.PredClaimedBy, muster.Claimed
	if deny {
		pred, mod = muster.PredDeniedBy, muster.Denied
	}
	src := x.ents[e]
	attr := muster.Attribution{Name: src.name, Type: muster.AttributionType(src.typ)}
	d := draft{subj: -1, event: idx, pred: pred, objEnt: e, ev: sp, sent: si, attr: attr, mod: mod, conf: conf}
	if x.hasDraft(d) {
		return
	}
	x.add(d)
	if !deny && x.events[idx].participants[e] != muster.RolePerpetrator {
		x.events[idx].participants[e] = muster.RolePerpetrator
		x.add(draft{subj: -1, event: idx, pred: muster.PredParticipant, objEnt: e, role: muster.RolePerpetrator,
			ev: sp, sent: si, attr: attr, mod: mod, conf: conf - 0.05})
	}
}

// currentEvent is the event a sentence that names none continues: the
// one told last before it in its paragraph, else the story's first event
// (the news its lead tells).
func (x *doc) currentEvent(si int) int {
	for back := si - 1; back >= 0; back-- {
		if e := x.eventTold(back); e >= 0 {
			return e
		}
		if strings.Contains(x.d.Text[x.d.Sentences[back].End:x.d.Sentences[back+1].Start], "\n\n") {
			break // the paragraph's start
		}
	}
	first, at := -1, si
	for i, ev := range x.events {
		for _, s := range ev.sents {
			if s < at {
				first, at = i, s
			}
		}
	}
	return first
}

// instrumentClaims adds the weapons or means the patterns find in the
// sentence that tells event idx: "with a car bomb", "by drones".
func (x *doc) instrumentClaims(idx, si int, a *sentenceArgs) {
	if a == nil {
		return
	}
	for i, sp := range a.instruments {
		d := draft{subj: -1, event: idx, pred: muster.PredInstrument, objEnt: -1, obj: muster.TextValue(x.d.Text[sp.Start:sp.End]),
			ev: a.instrumentEvidence[i], sent: si, conf: 0.7}
		if !x.hasDraft(d) {
			x.add(d)
		}
	}
}

// weaponPhrase is a weapon noun with the modifiers before it ("car bomb",
// "suicide vest", "Shahed drones"), not the phrases after it, which the
// parser may hang on it ("a car bomb on Sunday").
func (x *doc) weaponPhrase(t int) muster.Span {
	lo := t
	for c := t - 1; c >= x.sentLo(t); c-- {
		tk := x.d.Tokens[c]
		if c == lo-1 && (tk.Head == t || tk.Head == lo) && (tk.Rel == "compound" || tk.Rel == "amod" || tk.Rel == "nummod") {
			lo = c
			continue
		}
		break
	}
	return muster.Span{Start: x.d.Tokens[lo].Start, End: x.d.Tokens[t].End}
}

// deedClaims adds, for the acts the patterns find told in general in
// sentence si, a responsible_for claim of each group whose text is the
// acts' phrase ("dozens of rocket and drone attacks on army bases in the
// north"); a group that claims them is its own source (modality claimed).
func (x *doc) deedClaims(si int, a *sentenceArgs) {
	if a == nil {
		return
	}
	for _, dd := range a.deeds {
		ph := x.deedPhrase(dd.what)
		if ph.Len() == 0 {
			continue
		}
		for _, e := range dd.doers {
			d := draft{subj: e, event: -1, pred: muster.PredResponsible, obj: muster.TextValue(x.d.Text[ph.Start:ph.End]), objEnt: -1,
				ev: muster.Span{Start: min(dd.span.Start, ph.Start), End: max(dd.span.End, ph.End)}, sent: si, conf: 0.7}
			if dd.claimed {
				d.attr = muster.Attribution{Name: x.ents[e].name, Type: muster.AttributionType(x.ents[e].typ)}
				d.mod = muster.Claimed
			}
			if !x.hasDraft(d) {
				x.add(d)
			}
		}
	}
}

// deedPhrase is the phrase of the acts at token t: t with its modifiers
// and the phrases after it ("several such attacks in recent years"), not
// the clause it heads when the parse makes it a predicate ("The group has
// been behind …": its subject, auxiliaries, copula and case) nor a
// speech verb hung on it ("…, he said").
func (x *doc) deedPhrase(t int) muster.Span {
	return x.phraseSpan(t, func(c int) bool {
		tk := x.d.Tokens[c]
		if tk.Head == t {
			switch tk.Rel {
			case "nsubj", "nsubj:pass", "aux", "aux:pass", "cop", "case", "mark", "punct", "parataxis":
				return true
			}
		}
		return tk.Tag == "VERB" && speechVerbLemma(tk.Lemma)
	})
}

// speechVerbLemma reports a verb of saying, claiming, denying or
// reporting by its lemma (the attribution lexicon's kinds), not
// "continue" (listed as said: "he continued").
func speechVerbLemma(l string) bool {
	switch speechLex[l] {
	case KindSaid, KindClaim, KindDeny, KindReport:
		return l != "continue"
	}
	return false
}
