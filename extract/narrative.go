package extract

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp/placeword"
)

// localEvent is an event as one document tells it: it may be told over
// several sentences ("marched into several regional towns on Monday …
// defeated in the Belgorod region on Tuesday").
type localEvent struct {
	typ          muster.EventType
	places       []int // local entities
	participants map[int]string
	from, to     string // ISO days
	precision    muster.Precision
	timeText     string
	evidence     []muster.Span
	sents        []int
	merged       int
	// phrase is the words inside one sentence that tell the event when
	// it is a second event of that sentence ("claimed responsibility for
	// a bombing in Ankara that injured two police officers"); its figures
	// and places are its own, not the sentence's main event's.
	phrase muster.Span
}

var (
	negatedRE = regexp.MustCompile(`(?i)\b(?:did not|didn't|never|not)\s+(?:\w+\s+)?$`)
	// irrealisRE ends the words before a trigger that make the event one
	// that has not happened: planned, feared, threatened, hypothetical or
	// merely possible ("Russia may be preparing a new offensive", "to
	// attack military targets", "a staged attack", "any attack").
	irrealisRE = regexp.MustCompile(`(?i)(?:\b(?:will|would|could|may|might|can|cannot|should|must|if|whether|unless)\s+(?:[\w’'-]+\s+){0,3}|\bto\s+|\b(?:possible|potential|imminent|future|fake|staged|feared|threatened|planned|hypothetical|any|prevent|preventing|deter|deterring|avoid|avoiding|provoke)\s+(?:[\w-]+\s+)?)$`)
)

// eventTriggerRE finds the words that tell of an event of armed conflict:
// the trigger lexicon's verbs that cross into ground ("marched … into",
// "entered the village"), its narrative event words and its verbs of
// fighting.
var eventTriggerRE = regexp.MustCompile(`\b(?:((?:` + alternation(triggerLex.forms("cross")) + `)\s+(?:the\s+border\s+)?into|(?:` +
	alternation(triggerLex.forms("enter")) + `)\s+(?:the\s+)?(?:villages?|towns?|district|region|city|territory)\b)|(` +
	alternation(triggerLex.forms("narrative")) + `)\b|(` + alternation(triggerLex.forms("fight")) + `)\b)`)

// eventTriggerFoldRE is eventTriggerRE for the rare sentence whose lower
// case has another length in bytes, where offsets would not carry over.
var eventTriggerFoldRE = regexp.MustCompile(`(?i)` + eventTriggerRE.String())

// allegianceRE follows "fought" in "fought for Ukraine".
var allegianceRE = regexp.MustCompile(`^\s+for\s+\p{Lu}`)

// datelineRE matches a wire story's dateline: the place it was filed
// from in capitals or followed by the agency, perhaps with its country or
// state or the day, then a dash: "BAMAKO — ", "KYIV, Ukraine (AP) — ",
// "BEIRUT, Dec 1 — ", "GAO, Mali, May 23 (AP) — ", "Goma (Reuters) - ",
// "Kabul, Mar 3, (dpa) – ". A capitalised name before a
// dash is not enough: "Kherson — a city of …" opens a sentence about
// Kherson.
var datelineRE = regexp.MustCompile(`^(?:(?:dpa|AFP|AP|Reuters|Xinhua|Interfax|Anadolu|UPI)/\p{L}{2,10}|\p{Lu}{3,}(?:[\s-]\p{Lu}{2,}){0,3}(?:,\s\p{Lu}[\p{L}.]*(?:\s(?:of\s|the\s)?\p{Lu}[\p{L}.]*){0,3}(?:\s\d{1,2})?){0,2},?(?:\s\([\p{L} .]{2,30}\))?|\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}[\p{L}'’.-]*){0,3}(?:,\s\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*){0,2}(?:\s\d{1,2})?)?,?\s\((?:AP|AFP|Reuters|dpa|Xinhua|Interfax|Anadolu|UPI)(?:/\p{L}{2,10})?\))\s*(?:—|–|--|-)\s+\p{Lu}`)

// datelineLen returns the length in bytes of the dateline that opens a
// sentence, or 0.
func datelineLen(text string) int {
	loc := datelineRE.FindStringIndex(text)
	if loc == nil {
		return 0
	}
	return loc[1] - 1 // up to the capital that opens the story
}

// triggers returns the event words of sentence si (text), matching the
// lower-cased sentence with a case-sensitive pattern: the same offsets,
// several times faster than a case-folding one.
func (x *doc) triggers(si int, text string) [][]int {
	if low := x.lowerSent(si); len(low) == len(text) {
		return scanTriggers(low)
	}
	return eventTriggerFoldRE.FindAllStringSubmatchIndex(text, -1)
}

// eventTypeOf is the event type of a narrative event word.
func eventTypeOf(w string) muster.EventType {
	if t := triggerLex.row("narrative", w); t != nil {
		return t.Type
	}
	return ""
}

// narrativeEvents finds events told in the text, merges the sentences that
// tell one event (same kind of fighting, same place, days apart at most),
// and attaches casualty figures to the event they count.
func (x *doc) narrativeEvents() {
	args := x.args
	for si, s := range x.d.Sentences {
		if !containsAny(x.lowerSent(si), triggerKeys) {
			continue
		}
		text := x.d.Text[s.Start:s.End]
		var loc []int
		fallback := false
		trigs := x.triggers(si, text)
		// "has been fighting for Ukraine", "after weeks of fighting": a
		// word the lexicon reads only as a subject tells of a fight only
		// there ("fresh fighting broke out").
		// So does one whose sides the patterns name ("fighting took place
		// between X and Y": events.patterns agent/between).
		trigs = slices.DeleteFunc(trigs, func(l []int) bool {
			return l[4] >= 0 && triggerLex.has("subject", strings.ToLower(text[l[4]:l[5]])) && !x.subjectAt(s.Start+l[4]) && !x.sidedAt(si, s.Start+l[4])
		})
		if len(trigs) == 0 {
			fallback = true
			// "captured at least 14 villages north of Hama": taking ground
			// is fighting, when the rules find no other event word
			// (events.patterns taken/*).
			a := args(si)
			at := func(t int) []int {
				v := x.d.Tokens[t]
				return []int{v.Start - s.Start, v.End - s.Start}
			}
			if a != nil && len(a.takenVerbs) > 0 {
				l := at(a.takenVerbs[0])
				trigs = [][]int{{l[0], l[1], -1, -1, -1, -1, l[0], l[1]}}
			} else if a != nil && len(a.fireVerbs) > 0 {
				// "fired mortar shells at two camps": shelling (fire/heavy).
				l := at(a.fireVerbs[0])
				trigs = [][]int{{l[0], l[1], -1, -1, l[0], l[1], -1, -1}}
			} else if a != nil && len(a.groundVerbs) > 0 {
				// "turned on the government and seized Aden": a place
				// taken, by the parse (events.patterns ground/object).
				// "pushed convoys into Afrin": ground entered, an incursion.
				v := x.d.Tokens[a.groundVerbs[0]]
				if l := []int{v.Start - s.Start, v.End - s.Start}; triggerLex.has("cross", strings.ToLower(v.Text)) {
					trigs = [][]int{{l[0], l[1], l[0], l[1], -1, -1, -1, -1}}
				} else {
					trigs = [][]int{{l[0], l[1], -1, -1, -1, -1, l[0], l[1]}}
				}
			}
		}
		for _, l := range trigs {
			// The words right before the trigger: the patterns below look
			// at three or four of them, and a regexp ending in $ tries
			// every start, so they get only the last few dozen bytes.
			before := text[max(0, l[0]-48):l[0]]
			switch {
			case negatedRE.MatchString(before): // "did not march"
			case irrealisRE.MatchString(before): // "plans to attack", "a possible offensive"
			case l[4] >= 0 && !x.verbAt(s.Start+l[4]) && x.definiteAt(s.Start+l[4]) && len(x.events) > 0: // "the raid" refers back; "the fighters attacked" does not; before any event is told, "this week's raid" is the story's own
			case l[6] >= 0 && allegianceRE.MatchString(text[l[1]:]): // "fought for Ukraine" is allegiance
			default:
				loc = l
			}
			if loc != nil {
				break
			}
		}
		if loc == nil {
			continue
		}
		var typ muster.EventType
		switch {
		case loc[2] >= 0:
			typ = muster.EventIncursion
		case loc[4] >= 0:
			typ = eventTypeOf(strings.ToLower(text[loc[4]:loc[5]]))
			if typ == "" {
				typ = muster.EventShelling // fire/heavy's "fired mortar shells at"
			}
		default:
			typ = muster.EventArmedClash
		}
		trig := muster.Span{Start: s.Start + loc[0], End: s.Start + loc[1]}
		subs := x.claimedEvents(si, args(si), trig)
		subs = append(subs, x.datedEvents(si, trig, subs)...)
		subs = append(subs, x.whenClauses(si, typ, trig, subs)...)
		ev := &localEvent{typ: typ, participants: map[int]string{}, merged: -1}
		ev.sents = []int{si}
		// Places: the most specific places named in the sentence, not its
		// dateline ("BAMAKO — Gunmen ambushed …" was not in Bamako).
		dl := datelineLen(text)
		told := muster.Span{Start: s.Start + dl, End: s.End} // the sentence without its dateline
		body := told
		if fallback {
			// "struck Kharkiv and had taken control of the village of
			// Ivanivka": the ground taken is the places after the verb.
			body.Start = max(body.Start, s.Start+loc[0])
		}
		for _, e := range x.subjectsIn(body, muster.EntityPlace) {
			if !x.inPhrasesOf(subs, e) && !x.referencePlace(e, body) && !x.sidePlace(e, body) {
				ev.places = append(ev.places, x.regionOf(e, body))
			}
		}
		dateAt := -1
		if v, ds, ok := x.eventDate(si, told, trig, subs...); ok {
			ev.from, ev.to, ev.precision, ev.timeText = v.From, v.To, v.Precision, x.d.Text[ds.Start:ds.End]
			dateAt = ds.Start - s.Start
		}
		// "Two soldiers were killed in an ambush a month earlier, in the
		// first attack since May 2017": a date counted back from the event
		// told before, unless another date comes first.
		prior := x.lastEventTold(si)
		if prior >= 0 {
			x.dateBack(text, dl, dateAt, ev, x.events[prior])
		}
		// "It came as fighting took place between …": an event told as
		// happening at the time of the one told before it takes its date.
		if ev.from == "" && cameAsRE.MatchString(text[dl:]) {
			if prior >= 0 && x.events[prior].from != "" {
				old := x.events[prior]
				ev.from, ev.to, ev.precision, ev.timeText = old.from, old.to, old.precision, old.timeText
			}
		}
		// Participants: the groups that act, the forces that fight them.
		// Not the agencies of a dateline ("dpa/GNA – The Islamic State …").
		actors := x.subjectsIn(told, muster.EntityArmedGroup)
		actors = append(actors, x.listMates(told, actors)...)
		for _, e := range actors {
			if !claimantOf(subs, e) {
				ev.participants[e] = muster.RoleActor
			}
		}
		for _, e := range x.subjectsIn(told, muster.EntityStateForce) {
			if typ == muster.EventIncursion || typ == muster.EventArmedClash || typ == muster.EventRaid {
				ev.participants[e] = muster.RoleDefender
			} else {
				ev.participants[e] = muster.RoleTarget
			}
		}
		x.syntaxRoles(args(si), ev)
		ev.evidence = []muster.Span{s}
		for _, sub := range subs {
			x.addClaimedEvent(si, sub, args(si))
		}
		var set []settingPlace
		if len(ev.places) == 0 {
			if prior < 0 || !datedBefore(ev, x.events[prior]) {
				// No place named and not a background event: the place
				// the story has established, if any (event_setting.go).
				if set = x.storySetting(si, body, trig, ev); len(set) == 0 {
					continue
				}
				for _, sp := range set {
					ev.places = append(ev.places, sp.ent)
				}
			}
			// A background event: the sentence dates it before the event
			// told last, so it is an event of its own even where it names
			// no place (issue 10), at that event's places when it happened
			// "in the same area". Only an event told before has an area:
			// a story's first event, placed by the dateline, has none.
			if prior >= 0 && sameAreaRE.MatchString(text) {
				ev.places = slices.Clone(x.events[prior].places)
			}
		}
		idx := x.mergeEvent(ev)
		if len(subs) == 0 && !x.eventClaims(idx, si) {
			x.responsibilityClaims(idx, si, args(si))
		}
		x.slotClaims(idx, si, ev)
		x.settleClaims(idx, si, set)
		x.instrumentClaims(idx, si, args(si))
	}
	// Responsibility claimed for an event told earlier: "Both groups say
	// they carried out the raid."
	for si := range x.d.Sentences {
		if len(x.events) == 0 {
			break
		}
		if x.eventIn(si) || x.phraseEventIn(si) {
			continue
		}
		a := args(si)
		byPattern := a != nil && len(a.claimants)+len(a.deniers) > 0
		byCue := a != nil && len(a.cues) > 0
		if !byCue && !byPattern {
			continue
		}
		idx := x.eventOfSentence(si)
		if idx < 0 && byPattern {
			idx = x.currentEvent(si)
		}
		if idx < 0 {
			continue
		}
		if !(byCue && x.eventClaims(idx, si)) {
			x.responsibilityClaims(idx, si, a)
		}
		x.sentEvent[si] = idx
	}
	for si := range x.d.Sentences {
		x.deedClaims(si, args(si))
	}
	x.insurgencies()
	x.casualties()
	sided := make([]bool, len(x.events))
	for k, ev := range x.events {
		sided[k] = len(ev.participants) > 0
	}
	x.contextDates()
	x.readParties(sided)
	x.readPlaces()
}

// readPlaces gives the event whose telling a sentence continues the
// places the place reader gave the event told there, with their rank
// ("Dikwa, Borno, Nigeria": city, admin1, country): a place the event
// has takes the rank, another is claimed for it. A name the document
// knows as a group is no place ("killed in Boko Haram attack").
func (x *doc) readPlaces() {
	for si := range x.d.Sentences {
		if si >= len(x.readings) {
			break
		}
		for _, h := range x.readings[si].places {
			k := x.continuedEvent(si, h.span)
			if k < 0 || x.namesGroup(h.name) || x.landmark(h.span, x.d.Sentences[si]) {
				continue
			}
			// The place the document names in the same words ("Belgorod"
			// of "Belgorod region", not "East Syria" of "Autonomous
			// Administration of North and East Syria"), else one made for
			// the name.
			e := -1
			for _, p := range x.subjectsIn(h.span, muster.EntityPlace) {
				if slices.ContainsFunc(x.ents[p].names, func(n string) bool { return strings.HasPrefix(muster.NameKey(h.name), muster.NameKey(n)) }) {
					e = p
					break
				}
			}
			if e < 0 {
				e = x.placeNamed(h.name)
			}
			have := false
			for i := range x.drafts {
				if d := &x.drafts[i]; d.event == k && d.pred == muster.PredOccurredAt && d.objEnt == e {
					have = true
					if d.role == "" {
						d.role = h.role
					}
				}
			}
			if !have {
				x.add(draft{subj: -1, event: k, pred: muster.PredOccurredAt, objEnt: e, ev: h.span, sent: si, role: h.role, conf: 0.8})
			}
		}
	}
}

// regionOf returns, for place e named inside span s right after a
// lower-case direction (placeword.Direction: "in northeastern Nigeria"),
// the place that part names ("northeastern Nigeria"), made when the
// document has none; else e. The part is the place the text gives, at its
// level; "central Baghdad" is Baghdad.
func (x *doc) regionOf(e int, s muster.Span) int {
	for _, m := range x.mentionsIn(e, s) {
		before := strings.TrimRight(x.d.Text[s.Start:m.Start], " ")
		w := before[strings.LastIndexAny(before, " \n(")+1:]
		if placeword.Direction(w) != "" {
			return x.placeNamed(w + " " + x.d.Text[m.Start:m.End])
		}
	}
	return e
}

// referenceRE ends the words before a place named only to say where
// something else is: "1,000km south of Manila", "100 kilometres from".
var referenceRE = regexp.MustCompile(`(?i)\d[\d,.]*\s*(?:km|kilometres|kilometers|miles)\s+(?:(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:-?(?:east|west))?\s+of|from)\s+$`)

// referencePlace reports whether every mention of place e inside span s
// names it only as a landmark: the country of a border ("near the Niger
// border", "on the Chad border"), or the point a distance is measured
// from ("1,000km south of Manila"). The event is near the border or at
// the distance, not in the country or the city.
func (x *doc) referencePlace(e int, s muster.Span) bool {
	return x.everyMention(e, s, func(m mention) bool { return x.landmark(m.Span, s) })
}

// sidePlace reports whether every mention of place e inside span s names
// a side ("Kiev’s forces", "an attack by Ukraine"; namesSide), not where
// the event happened.
func (x *doc) sidePlace(e int, s muster.Span) bool {
	return x.everyMention(e, s, func(m mention) bool { return namesSide(x.d.Text, m.Span) })
}

// mentionsIn returns the mentions of local entity e inside span s.
func (x *doc) mentionsIn(e int, s muster.Span) []mention {
	var out []mention
	for _, m := range x.ments {
		if m.ent == e && m.Start >= s.Start && m.End <= s.End {
			out = append(out, m)
		}
	}
	return out
}

// everyMention reports whether e has mentions inside span s and f holds
// for each.
func (x *doc) everyMention(e int, s muster.Span, f func(m mention) bool) bool {
	ms := x.mentionsIn(e, s)
	for _, m := range ms {
		if !f(m) {
			return false
		}
	}
	return len(ms) > 0
}

// landmark reports whether the place named at span, inside span s, is a
// landmark (referencePlace).
func (x *doc) landmark(span, s muster.Span) bool {
	after := strings.ToLower(strings.TrimLeft(x.d.Text[span.End:s.End], " "))
	return strings.HasPrefix(after, "border") || referenceRE.MatchString(x.d.Text[s.Start:span.Start])
}

// namesGroup reports whether the document knows name as an armed group's
// and not as a place's.
func (x *doc) namesGroup(name string) bool {
	e := x.entityNamed(name)
	return e >= 0 && x.ents[e].typ == muster.EntityArmedGroup
}

// placeNamed returns the place of the document with name, made when
// there is none.
func (x *doc) placeNamed(name string) int {
	k := muster.NameKey(name)
	for i, e := range x.ents {
		if e.merged < 0 && e.typ == muster.EntityPlace && slices.ContainsFunc(e.names, func(n string) bool { return muster.NameKey(n) == k }) {
			return i
		}
	}
	x.ents = append(x.ents, &local{name: name, typ: muster.EntityPlace, names: []string{name}, merged: -1})
	return len(x.ents) - 1
}

// continuedEvent returns the event whose telling sentence si continues,
// for words at span in it: the second event whose words hold them, the
// event the sentence tells, the one its figures went to, the one event at
// a place it names, the event told within two sentences before, the
// lede's event for the headline and lede; or -1.
func (x *doc) continuedEvent(si int, span muster.Span) int {
	k := x.phraseEvent(span)
	if k < 0 {
		k = x.eventTold(si)
	}
	if e, ok := x.sentEvent[si]; k < 0 && ok {
		k = e
	}
	if k < 0 {
		k = x.eventAtPlace(si)
	}
	if k < 0 {
		k = x.lastEventBefore(si)
	}
	if k < 0 {
		k = x.ledeEvent(si)
	}
	return k
}

// readParties gives an event whose sides the parse did not find (sided
// false) the acting sides the party reader (event_parties.go) reads off
// the words of a sentence with an event word that continues its telling:
// an armed group or a state force the document names, acting or to
// blame ("Mexican troops shot dead 19 …").
func (x *doc) readParties(sided []bool) {
	for si, s := range x.d.Sentences {
		if si >= len(x.readings) {
			break
		}
		text := x.d.Text[s.Start:s.End]
		for _, p := range x.readings[si].parties {
			if t := muster.EntityType(p.Entity.Type); t != muster.EntityArmedGroup && t != muster.EntityStateForce ||
				p.Role != muster.RoleActor && p.Role != muster.RolePerpetrator {
				continue
			}
			i := strings.Index(text, p.Entity.Name)
			e := x.entityNamed(p.Entity.Name)
			if i < 0 || e < 0 {
				continue
			}
			span := muster.Span{Start: s.Start + i, End: s.Start + i + len(p.Entity.Name)}
			k := x.continuedEvent(si, span)
			if k < 0 || k >= len(sided) || sided[k] {
				continue
			}
			if _, ok := x.events[k].participants[e]; ok {
				continue
			}
			x.events[k].participants[e] = p.Role
			x.add(draft{subj: -1, event: k, pred: muster.PredParticipant, objEnt: e, role: p.Role, ev: span, sent: si, conf: 0.7})
		}
	}
}

// entityNamed returns the document's entity with name among its names,
// or -1.
func (x *doc) entityNamed(name string) int {
	k := muster.NameKey(name)
	for i, e := range x.ents {
		if e.merged < 0 && e.typ != "" && slices.ContainsFunc(e.names, func(n string) bool { return muster.NameKey(n) == k }) {
			return i
		}
	}
	return -1
}

// contextDates dates an event its own sentences leave undated by the
// first date of a sentence that continues its telling: a sentence that
// tells no event of its own, the figures of which went to it, or which
// follows it within two sentences ("… crossed into the Belgorod region.
// The fighting began on Monday"), or the headline and the lede before
// the lede's event. A dateline's date is the report's, not the event's.
func (x *doc) contextDates() {
	for si, s := range x.d.Sentences {
		dl := datelineLen(x.d.Text[s.Start:s.End])
		for _, d := range x.sentenceDates(si) {
			if d.Span.Start < dl {
				continue
			}
			if d.Value.Precision != muster.PrecisionDay {
				break // "since 2009", "in 2016": background, not the day of the event told
			}
			abs := muster.Span{Start: s.Start + d.Span.Start, End: s.Start + d.Span.End}
			if saidOn(x.d, abs) {
				continue // the day a source spoke (eventDates)
			}
			k := x.continuedEvent(si, abs)
			if spoke := x.spokeDay(k); k >= 0 && spoke != "" && shortlyBefore(d.Value, spoke) {
				// "Some 221 were wounded in Monday's attack" after "officials
				// said on Tuesday": the event's own day replaces the month.
				x.events[k].from = ""
				x.drafts = slices.DeleteFunc(x.drafts, func(d draft) bool { return d.event == k && d.pred == muster.PredOccurredOn })
			}
			if k >= 0 && x.events[k].from == "" {
				ev := x.events[k]
				ev.from, ev.to, ev.precision, ev.timeText = d.Value.From, d.Value.To, d.Value.Precision, x.d.Text[abs.Start:abs.End]
				v := muster.Value{Kind: muster.ValueDate, Text: ev.timeText, From: ev.from, To: ev.to, Precision: ev.precision}
				x.add(draft{subj: -1, event: k, pred: muster.PredOccurredOn, obj: v, objEnt: -1, ev: abs, sent: si, conf: 0.75})
			}
			break // the sentence's first date
		}
	}
}

// eventDate returns the date of the event sentence si tells with the
// trigger at trig: the first date after the trigger, else the first
// before it, never the dateline's (the day of the report, not of the
// event). A "since" date after the trigger gives way to a date before
// it: "In December 2017, Iraq declared victory …, having retaken the
// land held since 2014" tells the victory's month, and "since 2014" the
// start of what ended then; alone, it dates the event ("fighters
// battling troops in the city since May 23").
func (x *doc) eventDate(si int, body, trig muster.Span, others ...claimedPhrase) (muster.Value, muster.Span, bool) {
	base := x.d.Sentences[si].Start
	ds := x.eventDates(si)
	usable := func(d DateMatch, pass int) (muster.Span, bool) {
		abs := muster.Span{Start: base + d.Span.Start, End: base + d.Span.End}
		if !body.Contains(abs) || (pass%2 == 0) != (abs.Start >= trig.Start) || d.Said != (pass >= 2) ||
			slices.ContainsFunc(others, func(p claimedPhrase) bool { return p.span.Contains(abs) }) {
			return abs, false // the date of a second event told inside the sentence
		}
		return abs, true
	}
	before := slices.ContainsFunc(ds, func(d DateMatch) bool { _, ok := usable(d, 1); return ok && !sinceDate(d) })
	for pass := 0; pass < 4; pass++ {
		for _, d := range ds {
			abs, ok := usable(d, pass)
			if !ok || pass == 0 && before && sinceDate(d) {
				continue
			}
			return d.Value, abs, true
		}
	}
	return muster.Value{}, muster.Span{}, false
}

// sinceDate reports whether d is a start told with "since" ("since
// 2014"): the date.go resolver keeps the word in its text.
func sinceDate(d DateMatch) bool {
	return strings.HasPrefix(strings.ToLower(d.Value.Text), "since ")
}

// eventDates are the dates of sentence si that can date an event it
// tells (speechLast).
func (x *doc) eventDates(si int) []DateMatch {
	return speechLast(x.d, x.d.Sentences[si].Start, x.sentenceDates(si))
}

// spokeDay returns the day a source spoke when that alone dates event k
// (by its month: speechLast), else "".
func (x *doc) spokeDay(k int) string {
	if k < 0 {
		return ""
	}
	return x.spokeOf(x.events[k])
}

// spokenOf reports whether event a is dated only by the month a source
// spoke in and event b by a day shortly before the source spoke: one
// incident, told again with its own day ("said on Monday that they had
// crossed", then "had entered … on Monday").
func (x *doc) spokenOf(a, b *localEvent) bool {
	spoke := x.spokeOf(a)
	return spoke != "" && b.from != "" && b.from == b.to && shortlyBefore(muster.Value{From: b.from, To: b.to, Precision: b.precision}, spoke)
}

// spokeOf is spokeDay for an event, told or being told.
func (x *doc) spokeOf(ev *localEvent) string {
	if ev.from == "" || ev.precision != muster.PrecisionMonth {
		return ""
	}
	for _, si := range ev.sents {
		for _, d := range x.eventDates(si) {
			if d.Said && d.Value.From == ev.from && d.Value.To == ev.to {
				return d.Spoke
			}
		}
	}
	return ""
}

// subjectAt reports whether the parse makes the word at byte offset off
// the subject of its clause, unless the clause tells the people the
// fighting drove from their homes ("the fighting has forced 135,000 people
// to flee", "has displaced thousands"): that is the war's toll over
// weeks, not an incident.
func (x *doc) subjectAt(off int) bool {
	t := x.tokenAt(off)
	if t < 0 || !strings.HasPrefix(x.d.Tokens[t].Rel, "nsubj") {
		return false
	}
	h := x.d.Tokens[t].Head
	if h < 0 {
		return true
	}
	switch x.d.Tokens[h].Lemma {
	case "displace", "uproot":
		return false
	case "force", "drive", "push":
		for c := x.sentLo(h); c < x.sentHi(h); c++ {
			if d := x.d.Tokens[c]; d.Head >= 0 && (d.Head == h || x.d.Tokens[d.Head].Head == h) && (d.Lemma == "flee" || d.Lemma == "home") {
				return false
			}
		}
	}
	return true
}

// cameAsRE opens a sentence that tells an event as happening at the time
// of the one told before it: "It came as …", "This comes amid …".
var cameAsRE = regexp.MustCompile(`^\s*(?:It|This|That)\s+(?:came|comes|come)\s+(?:as|amid|while)\s`)

// earlierRE finds a date counted back from the event told before: "a
// month earlier", "two weeks before." ("before" only where nothing
// follows it, as in "two days before the election" something does).
var earlierRE = regexp.MustCompile(`(?i)\b((?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:day|week|month|year)s?)\s+(?:earlier\b|before\s*(?:[,.;]|$))`)

// sameAreaRE tells that a background event happened where the event told
// before it did: "in the same area", "at the same base".
var sameAreaRE = regexp.MustCompile(`(?i)\b(?:in|at|near|on|around)\s+the\s+same\s+(?:area|place|region|town|village|district|province|base|camp|spot|location|site)\b`)

// dateBack dates ev by a span of time counted back from the event told
// before it (prior), when its sentence (text) names one (earlierRE) after
// byte from and before the date found there, if any (at ≥ 0).
func (x *doc) dateBack(text string, from, at int, ev, prior *localEvent) {
	loc := earlierRE.FindStringSubmatchIndex(text[from:])
	if loc == nil || prior.from == "" || at >= 0 && from+loc[0] > at {
		return
	}
	m := []string{text[from+loc[0] : from+loc[1]], text[from+loc[2] : from+loc[3]]}
	anchor, err := time.Parse("2006-01-02", prior.from)
	if err != nil {
		return
	}
	if v, ok := ResolveDate(m[1]+" ago", anchor); ok {
		ev.from, ev.to, ev.precision, ev.timeText = v.From, v.To, v.Precision, m[0]
	}
}

// datedBefore reports whether ev is dated, and wholly before the time of
// prior, a dated event: a background event, not a further telling of
// prior.
func datedBefore(ev, prior *localEvent) bool {
	return ev.from != "" && prior.from != "" && ev.to < prior.from
}

// lastEventTold returns the event told last before sentence si, or -1.
func (x *doc) lastEventTold(si int) int {
	for back := si - 1; back >= 0; back-- {
		if e := x.eventTold(back); e >= 0 {
			return e
		}
	}
	return -1
}

// sidedAt reports whether the event word at byte offset off of sentence
// si has both its sides named by the patterns (sentenceArgs.sided).
func (x *doc) sidedAt(si, off int) bool {
	a := x.args(si)
	return a != nil && slices.Contains(a.sided, x.tokenAt(off))
}

// tokenAt returns the token that starts at byte offset off, or -1.
func (x *doc) tokenAt(off int) int {
	si := x.d.SentenceOf(off)
	if si < 0 || si >= len(x.d.SentenceTokens) {
		return -1
	}
	for t := x.d.SentenceTokens[si][0]; t < x.d.SentenceTokens[si][1]; t++ {
		if x.d.Tokens[t].Start == off {
			return t
		}
	}
	return -1
}

// definiteAt reports whether the event word at byte offset off refers
// back to an event already told ("the raid", "last week’s raid"; see
// definite). "The largest incursion began on May 22" does too, but it
// names its date, which decides in mergeEvent.
func (x *doc) definiteAt(off int) bool {
	t := x.tokenAt(off)
	return t >= 0 && x.definite(t)
}

// verbAt reports whether the parse makes the word at byte offset off a
// verb.
func (x *doc) verbAt(off int) bool {
	t := x.tokenAt(off)
	return t >= 0 && x.d.Tokens[t].Tag == "VERB"
}

// eventIn reports whether sentence si tells (part of) an event.
func (x *doc) eventIn(si int) bool { return x.eventTold(si) >= 0 }

// eventTold returns the event whose telling includes sentence si, or -1.
func (x *doc) eventTold(si int) int {
	for i, ev := range x.events {
		for _, s := range ev.sents {
			if s == si {
				return i
			}
		}
	}
	return -1
}

// slotClaims records, as claims with the sentence as evidence, who took
// part in the event told in sentence si and in what role, where and when
// it happened, once per event.
func (x *doc) slotClaims(idx, si int, ev *localEvent) {
	s := x.d.Sentences[si]
	seen := func(pred muster.Predicate, obj int, text string) bool {
		for _, d := range x.drafts {
			if d.event == idx && d.pred == pred && d.objEnt == obj && d.obj.Text == text {
				return true
			}
		}
		return false
	}
	roles := x.events[idx].participants
	var parts []int
	for e := range ev.participants {
		parts = append(parts, e)
	}
	sortInts(parts)
	for _, e := range parts {
		if !seen(muster.PredParticipant, e, "") {
			x.add(draft{subj: -1, event: idx, pred: muster.PredParticipant, objEnt: e, role: roles[e], ev: s, sent: si, conf: 0.75})
		}
	}
	for _, p := range ev.places {
		if !seen(muster.PredOccurredAt, p, "") {
			x.add(draft{subj: -1, event: idx, pred: muster.PredOccurredAt, objEnt: p, ev: s, sent: si, conf: 0.75})
		}
	}
	if ev.from != "" {
		v := muster.Value{Kind: muster.ValueDate, Text: ev.timeText, From: ev.from, To: ev.to, Precision: ev.precision}
		if !seen(muster.PredOccurredOn, -1, v.Text) {
			x.add(draft{subj: -1, event: idx, pred: muster.PredOccurredOn, obj: v, objEnt: -1, ev: s, sent: si, conf: 0.75})
		}
	}
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// mergeEvent adds ev or folds it into an earlier event of the same place
// and a compatible kind within three days; it returns the event's index.
func (x *doc) mergeEvent(ev *localEvent) int {
	for i, old := range x.events {
		if x.headlineOnly(old) && len(x.events) == 1 && old.from == "" && (compatibleTypes(old.typ, ev.typ) || old.typ == muster.EventAttack || ev.typ == muster.EventAttack) {
			// "Al-Shabaab claims deadly attack on army base in southern
			// Somalia": a headline tells the story's first event, which
			// the body places and dates more closely.
			old.places = append([]int(nil), ev.places...)
			if ev.typ != muster.EventAttack || old.typ == "" {
				old.typ = ev.typ
			}
			// The headline's places ("… as Moscow says attack repelled")
			// give way to the body's.
			kept := x.drafts[:0]
			for _, d := range x.drafts {
				if d.event == i && d.pred == muster.PredOccurredAt && d.sent == 0 {
					continue
				}
				kept = append(kept, d)
			}
			x.drafts = kept
		} else if !samePlaces(old.places, ev.places) || !compatibleTypes(old.typ, ev.typ) && !x.reportedAttack(old, ev) || !closeDays(old, ev) && !x.spokenOf(old, ev) && !x.spokenOf(ev, old) {
			continue
		}
		if x.spokenOf(old, ev) {
			// The month a source spoke in gives way to the event's own day.
			old.from, old.to, old.precision, old.timeText = ev.from, ev.to, ev.precision, ev.timeText
			x.drafts = slices.DeleteFunc(x.drafts, func(d draft) bool { return d.event == i && d.pred == muster.PredOccurredOn })
		}
		if ev.typ == muster.EventIncursion {
			old.typ = muster.EventIncursion
		}
		for e, r := range ev.participants {
			if _, ok := old.participants[e]; !ok {
				old.participants[e] = r
			}
		}
		old.evidence = append(old.evidence, ev.evidence...)
		old.sents = append(old.sents, ev.sents...)
		if ev.from != "" && (old.from == "" || ev.from < old.from) {
			old.from = ev.from
		}
		if ev.to != "" && ev.to > old.to {
			old.to = ev.to
		}
		if old.precision == "" {
			old.precision = ev.precision
		}
		return i
	}
	x.events = append(x.events, ev)
	return len(x.events) - 1
}

// reportedAttack reports whether one of two events at the same places is
// an attack dated only by the day a source spoke, shortly after the
// other's day: "the army said late on Sunday that an attack had taken
// place in Lere" after "fighting broke out … on Sunday … in Lere" tells
// the fight again, whatever its word (issue 10).
func (x *doc) reportedAttack(a, b *localEvent) bool {
	return a.typ == muster.EventAttack && x.spokenOf(a, b) || b.typ == muster.EventAttack && x.spokenOf(b, a)
}

// headlineOnly reports whether an event is told only in the document's
// headline: a first sentence without a full stop, a blank line after it.
func (x *doc) headlineOnly(ev *localEvent) bool {
	if len(ev.sents) != 1 || ev.sents[0] != 0 || len(x.d.Sentences) < 2 {
		return false
	}
	s := x.d.Sentences[0]
	text := strings.TrimSpace(x.d.Text[s.Start:s.End])
	return !strings.HasSuffix(text, ".") && strings.Contains(x.d.Text[s.End:x.d.Sentences[1].Start], "\n")
}

func samePlaces(a, b []int) bool {
	if len(a) == 0 || len(b) == 0 {
		return len(a) == len(b)
	}
	for _, p := range a {
		for _, q := range b {
			if p == q {
				return true
			}
		}
	}
	return false
}

func compatibleTypes(a, b muster.EventType) bool {
	fight := func(t muster.EventType) bool {
		return t == muster.EventIncursion || t == muster.EventArmedClash || t == muster.EventRaid
	}
	return a == b || fight(a) && fight(b)
}

// closeDays reports whether two events' dates are at most three days apart
// (or either is undated).
func closeDays(a, b *localEvent) bool {
	if a.from == "" || b.from == "" {
		return a.from == b.from
	}
	if a.precision != muster.PrecisionDay || b.precision != muster.PrecisionDay {
		return a.from == b.from && a.to == b.to
	}
	return dayDiff(a.from, b.from) <= 3 && dayDiff(a.to, b.to) <= 3
}

// noClaimantRE ends the words before a responsibility cue whose subject
// is no one: "No group claimed responsibility", "none of the groups has
// claimed".
var noClaimantRE = regexp.MustCompile(`(?i)(?:^|\s)(?:no|nobody|none)(?:\s+[\w'-]+){0,4}\s*$`)

// claimantsBefore returns the groups that claim or deny by the cue at
// byte offset cue of sentence si: the groups named last before it, none
// when its subject is no one (noClaimantRE).
func (x *doc) claimantsBefore(si, cue int) []int {
	if noClaimantRE.MatchString(x.d.Text[x.d.Sentences[si].Start:cue]) {
		return nil
	}
	return x.subjectsBefore(si, cue)
}

// eventClaims adds the claims that tie a sentence to its event: who took
// responsibility or denied it, by the first cue of responsibility the
// patterns find in sentence si (events.patterns cue/*), its claimant the
// group named last before the cue. It reports whether it found a
// claimant.
func (x *doc) eventClaims(idx, si int) bool {
	a := x.args(si)
	if a == nil || len(a.cues) == 0 {
		return false
	}
	s := x.d.Sentences[si]
	cue := a.cues[0]
	for _, c := range a.cues[1:] {
		if c.span.Start < cue.span.Start {
			cue = c
		}
	}
	g := x.claimantsBefore(si, cue.span.Start)
	for _, e := range g {
		x.responsibilityClaim(idx, si, e, cue.deny, muster.Span{Start: s.Start, End: x.phraseEnd(si, cue.span.End)}, 0.85)
	}
	return len(g) > 0
}

// args returns the arguments the event patterns find in sentence si; the
// patterns run over the document once, when first asked.
func (x *doc) args(si int) *sentenceArgs {
	if x.sentArgs == nil {
		x.sentArgs = x.eventArgs()
	}
	return x.sentArgs[si]
}

// eventAtPlace returns the one event whose places include a place named
// in sentence si, or -1.
func (x *doc) eventAtPlace(si int) int {
	found := -1
	for _, p := range x.subjectsIn(x.d.Sentences[si], muster.EntityPlace) {
		for i, ev := range x.events {
			if slices.Contains(ev.places, p) && found != i {
				if found >= 0 {
					return -1 // two events there: leave it to the order of telling
				}
				found = i
			}
		}
	}
	return found
}

// casualties attaches the figures of killed, wounded and captured that
// the one casualty reader (event_casualty.go) found in each sentence
// (x.readings) to the event of their sentence, a figure inside the words of
// a second event to that one; a figure of a sentence that tells no event
// to the event at a place it names, else to the last event told before it
// ("died in the fighting"). Who states a figure is left to attribute.
func (x *doc) casualties() {
	for si := range x.d.Sentences {
		if si >= len(x.readings) || len(x.readings[si].figures) == 0 {
			continue
		}
		main := x.eventOfSentence(si)
		if x.eventTold(si) < 0 {
			// "2,000 soldiers had surrendered in Laukkaing": the event at
			// the place the figure's sentence names.
			if k := x.eventAtPlace(si); k >= 0 {
				main = k
			}
		}
		if main < 0 && !x.phraseEventIn(si) {
			// The event told just before ("Gunmen ambushed a convoy … The
			// group said its fighters had killed 30 soldiers"), or, for
			// the headline and the lede, the event the lede tells.
			if main = x.lastEventBefore(si); main < 0 {
				main = x.ledeEvent(si)
			}
		}
		if main < 0 && !x.phraseEventIn(si) {
			continue
		}
		if main >= 0 && x.eventTold(si) < 0 {
			main = x.backgroundFigures(si, main)
		}
		for _, c := range x.readings[si].figures {
			span := x.offs.Bytes(muster.Span{Start: c.Evidence[0].Start, End: c.Evidence[0].End})
			ev := main
			if k := x.phraseEvent(span); k >= 0 {
				ev = k
			}
			if ev < 0 {
				continue
			}
			x.add(draft{subj: -1, event: ev, pred: c.Predicate, obj: c.Object, objEnt: -1, ev: span, sent: si, role: c.Role, conf: c.Confidence})
			x.sentEvent[si] = ev
		}
	}
}

// listSepRE is what stands between two names of one list: "X, Y and Z",
// "X, the Y, and the Z", "X or Y".
var listSepRE = regexp.MustCompile(`^(?:\s*,)?\s*(?:(?:and|or)\s+)?(?:the\s+)?$`)

// listMates returns the entities named in a list with one of ents in
// sentence s ("allied with the Hamzah Division, Sultan Suleiman Shah
// Division and Ahrar al-Sham"), whatever type the tagger gave them: the
// members of a list of sides are sides too (issue 10: lists of
// participants were only partly kept). Places, outlets, dates and
// institutions (a ministry, a council) are never sides by a list.
func (x *doc) listMates(s muster.Span, ents []int) []int {
	in := map[int]bool{}
	for _, e := range ents {
		in[e] = true
	}
	var list []int // mentions of s, in order
	for i, m := range x.ments {
		if m.Start >= s.Start && m.End <= s.End && !m.patron && !m.pronoun && !m.nominal && m.ent >= 0 {
			list = append(list, i)
		}
	}
	mate := func(e int) bool {
		switch x.ents[e].typ {
		case muster.EntityOrganization, muster.EntityPerson, "":
		default:
			return false
		}
		for _, w := range strings.Fields(strings.ToLower(x.ents[e].name)) {
			if orgWords[w] {
				return false
			}
		}
		return true
	}
	var out []int
	for changed := true; changed; {
		changed = false
		for k := 0; k+1 < len(list); k++ {
			a, b := x.ments[list[k]], x.ments[list[k+1]]
			if a.End > b.Start || !listSepRE.MatchString(x.d.Text[a.End:b.Start]) || in[a.ent] == in[b.ent] {
				continue
			}
			n := b.ent
			if in[b.ent] {
				n = a.ent
			}
			if mate(n) {
				in[n], changed = true, true
				out = append(out, n)
			}
		}
	}
	return out
}

// backgroundFigures returns the event the figures of sentence si, which
// tells no event of its own, count for: main, the event they would join,
// unless the sentence dates them before it ("Two years ago, the rebels
// killed seven soldiers in the region"); then a background event of
// their own, at the places the sentence names, or at main's when it
// happened "in the same area" (issue 10).
func (x *doc) backgroundFigures(si, main int) int {
	var d *DateMatch
	for _, m := range x.eventDates(si) {
		if !m.Said {
			d = &m
			break
		}
	}
	old := x.events[main]
	if d == nil || old.from == "" || d.Value.To >= old.from {
		return main
	}
	s := x.d.Sentences[si]
	text := x.d.Text[s.Start:s.End]
	typ := muster.EventAttack
	if t, _ := firstTriggerType(text); t != "" {
		typ = t
	}
	ev := &localEvent{typ: typ, participants: map[int]string{}, merged: -1, sents: []int{si}, evidence: []muster.Span{s},
		from: d.Value.From, to: d.Value.To, precision: d.Value.Precision, timeText: text[d.Span.Start:d.Span.End]}
	body := muster.Span{Start: s.Start + datelineLen(text), End: s.End}
	for _, e := range x.subjectsIn(body, muster.EntityPlace) {
		if !x.referencePlace(e, body) && !x.sidePlace(e, body) {
			ev.places = append(ev.places, x.regionOf(e, body))
		}
	}
	if len(ev.places) == 0 && sameAreaRE.MatchString(text) {
		ev.places = slices.Clone(old.places)
	}
	idx := x.mergeEvent(ev)
	x.slotClaims(idx, si, ev)
	return idx
}

// eventOfSentence returns the event told in sentence si, or the last one
// told before it when the sentence refers back to "the fighting", "the
// raid" and the like.
func (x *doc) eventOfSentence(si int) int {
	if e := x.eventTold(si); e >= 0 {
		return e
	}
	if e, ok := x.sentEvent[si]; ok {
		return e
	}
	e := x.referredEvent(si)
	// A back-reference whose sentence (or the one before) dates itself
	// apart from the event is about another event ("in March … in that
	// raid" after a May incursion).
	if e >= 0 && (x.datedApart(si, e) || si > 0 && x.datedApart(si-1, e) && !x.eventIn(si-1)) {
		x.sentEvent[si] = -1 // and the sentences that continue it
		return -1
	}
	return e
}

// datedApart reports whether sentence si names a date that does not
// overlap event e's time.
func (x *doc) datedApart(si, e int) bool {
	ev := x.events[e]
	text := x.d.Text[x.d.Sentences[si].Start:x.d.Sentences[si].End]
	// "last week’s raid": a possessive date names the event's time.
	for _, m := range possessiveDateRE.FindAllString(text, -1) {
		if v, ok := ResolveDate(strings.TrimSuffix(strings.TrimSuffix(m, "’s"), "'s"), x.in.Published); ok {
			if ev.from == "" || v.To < ev.from || v.From > ev.to {
				return true
			}
		}
	}
	for _, d := range x.sentenceDates(si) {
		// An undated event cannot be matched to a dated reference.
		if ev.from == "" || d.Value.To < ev.from {
			return true
		}
		// "claimed responsibility for the attack in a message on Monday":
		// a claim of responsibility is dated by its own day, which may
		// come a week after the event's.
		if a := x.args(si); d.Value.From > ev.to && (dayDiff(d.Value.From, ev.to) > claimLag || a == nil || len(a.cues) == 0) {
			return true
		}
	}
	return false
}

// claimLag is how many days after an event a claim of responsibility may
// be dated and still be read as about it.
const claimLag = 7

// referredEvent returns the event sentence si refers back to, or -1.
func (x *doc) referredEvent(si int) int {
	s := x.d.Sentences[si]
	if !containsAny(x.lowerSent(si), triggerKeys) && !containsAny(x.lowerSent(si), []string{"fighting", "battle", "operation"}) || !eventBackRefRE.MatchString(x.d.Text[s.Start:s.End]) {
		// A sentence right after one that tells an event, in the same
		// paragraph, continues it ("Moscow claimed 70 killed. The groups
		// said two had died.").
		for back := 1; back <= 2 && si-back >= 0; back++ {
			prev := si - back
			if strings.Contains(x.d.Text[x.d.Sentences[prev].End:x.d.Sentences[prev+1].Start], "\n\n") {
				break // a new paragraph
			}
			if e := x.eventTold(prev); e >= 0 {
				return e
			}
			if e, ok := x.sentEvent[prev]; ok {
				return e
			}
		}
		return -1
	}
	best := -1
	for i, ev := range x.events {
		for _, s := range ev.sents {
			if s < si {
				best = i
			}
		}
	}
	return best
}

// inDates reports whether a number's span lies inside a date ("March 2").
func inDates(s muster.Span, dates []DateMatch) bool {
	for _, d := range dates {
		if d.Span.Overlaps(s) {
			return true
		}
	}
	return false
}

// subjectsBefore returns the group (or the pair of groups joined by "and")
// named last before offset at in sentence si.
func (x *doc) subjectsBefore(si, at int) []int {
	for j := len(x.ments) - 1; j >= 0; j-- {
		m := x.ments[j]
		if m.sent != si || m.End > at {
			continue
		}
		if pair := x.pairAt(j); pair != nil {
			return pair
		}
		break
	}
	// "the Legion, and the Russian Volunteer Corps, or RVC, both say":
	// skip an acronym alias between the pair.
	var groups []int
	for j := len(x.ments) - 1; j >= 0 && len(groups) < 2; j-- {
		m := x.ments[j]
		if m.sent != si || m.End > at || m.ent < 0 || x.ents[m.ent].typ != muster.EntityArmedGroup {
			continue
		}
		if len(groups) == 1 && groups[0] == m.ent {
			continue
		}
		groups = append(groups, m.ent)
	}
	if len(groups) == 2 && bothRE.MatchString(x.d.Text[x.d.Sentences[si].Start:at]) {
		return []int{groups[1], groups[0]}
	}
	start := x.d.Sentences[si].Start
	// "JNIM, al-Qaeda's affiliate in the Sahel, claimed": the subject
	// stands before its appositive.
	if k := appositiveStart(x.d.Text[start:at]); k > 0 {
		if g := x.lastSubject(muster.Span{Start: start, End: start + k}, groupish...); g != nil {
			return g
		}
	}
	return x.lastSubject(muster.Span{Start: start, End: at}, groupish...)
}

// appositiveStart returns the offset of the comma that opens an
// appositive ending text (", al-Qaeda's affiliate in the Sahel, ", ", a
// militant group, "), or 0: one that starts in lower case or holds a
// possessive describes the name before it.
func appositiveStart(text string) int {
	t := strings.TrimRight(text, " ")
	if !strings.HasSuffix(t, ",") {
		return 0
	}
	k := strings.LastIndexByte(t[:len(t)-1], ',')
	if k <= 0 {
		return 0
	}
	app := strings.TrimSpace(t[k+1 : len(t)-1])
	if app == "" {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(app)
	if unicode.IsLower(r) || strings.Contains(app, "’s ") || strings.Contains(app, "'s ") {
		return k
	}
	return 0
}

// Patterns used inside the functions above, compiled once.
var (
	possessiveDateRE = regexp.MustCompile(`(?i)\b(?:last|this|next)\s+(?:week|month|year)(?:’s|'s)`)
	eventBackRefRE   = regexp.MustCompile(`(?i)\b(?:the|that|this|last week’s|last week's)\s+(?:fighting|raid|incursion|attack|assault|clash(?:es)?|battle|operation|offensive|ambush|shelling|bombing|airstrike|strike)\b`)
	bothRE           = regexp.MustCompile(`(?i)\bboth\b|\bthey\b`)
)

// triggerKeys are words one of which a sentence needs for narrativeEvents
// to look at it (the lexicon's keys).
var triggerKeys = triggerLex.keys()

// claimedPhrase is a second event a sentence tells inside its own words
// (the claim of responsibility for it, or a background event's phrase),
// before it joins the document's events.
type claimedPhrase struct {
	typ       muster.EventType
	span      muster.Span // the event word's phrase
	claimants []int
}

// claimedEvents returns the events of sentence si that a claim of
// responsibility names by an event word other than the sentence's trigger
// trig (issue 10): "Turkey launched a bombing campaign after the PKK
// claimed responsibility for a bombing near government buildings in
// Ankara that injured two police officers" tells of the Ankara bombing
// too. An event word after "the", "this" or "that" refers back to an
// event already told, and one that names no place is left to the
// sentence's event.
func (x *doc) claimedEvents(si int, a *sentenceArgs, trig muster.Span) []claimedPhrase {
	if a == nil || len(a.claimed) == 0 {
		return nil
	}
	var out []claimedPhrase
	for _, c := range a.claimed {
		tk := x.d.Tokens[c.trig]
		if trig.Contains(muster.Span{Start: tk.Start, End: tk.End}) || x.definite(c.trig) || x.possessed(c.trig) {
			continue
		}
		typ := lexiconType(strings.ToLower(tk.Text))
		if typ == "" || len(x.subjectsIn(c.span, muster.EntityPlace)) == 0 {
			continue
		}
		// The claimant: the subject of the claim's verb, else the group
		// named last before it (the parser may miss a long subject).
		who := a.claimantOf[c.cue]
		if len(who) == 0 {
			who = x.claimantsBefore(si, x.d.Tokens[c.cue].Start)
		}
		if len(who) == 0 {
			continue
		}
		out = append(out, claimedPhrase{typ: typ, span: c.span, claimants: who})
	}
	return out
}

// datedEvents returns the background events of sentence si: an event
// noun other than the sentence's trigger trig whose own words carry a
// date and a place ("last year’s attack on a camp in Kidal", "the 2019
// siege of Menaka", "an ambush in the same area a month earlier") is an
// event of its own with its own date, never folded into the one the
// sentence tells (issue 10 item 2). Words inside a claimed event's phrase
// (claimed) are left to it.
func (x *doc) datedEvents(si int, trig muster.Span, claimed []claimedPhrase) []claimedPhrase {
	ds := x.sentenceDates(si)
	if len(ds) == 0 || !parsed(x.d) {
		return nil
	}
	s := x.d.Sentences[si]
	body := muster.Span{Start: s.Start + datelineLen(x.d.Text[s.Start:s.End]), End: s.End}
	var out []claimedPhrase
	inside := func(ps []claimedPhrase, sp muster.Span) bool {
		return slices.ContainsFunc(ps, func(p claimedPhrase) bool { return p.span.Overlaps(sp) })
	}
	for t := x.d.SentenceTokens[si][0]; t < x.d.SentenceTokens[si][1]; t++ {
		tk := x.d.Tokens[t]
		ts := muster.Span{Start: tk.Start, End: tk.End}
		if tk.Tag != "NOUN" || trig.Overlaps(ts) || x.definite(t) || x.possessed(t) || inside(claimed, ts) || inside(out, ts) {
			continue
		}
		typ := lexiconType(strings.ToLower(tk.Text))
		if typ == "" {
			continue
		}
		span := x.subtreeSpan(t)
		if x.temporalCase(t) {
			// "a year after an ambush near Kidal in March 2022 that
			// killed 20 soldiers": the parser may hang the date and the
			// relative clause on the main verb; the phrase after "after"
			// runs to the clause's end.
			span.End = max(span.End, x.clauseEnd(t))
		}
		if span.Contains(trig) || len(x.subjectsIn(span, muster.EntityPlace)) == 0 {
			continue
		}
		if !slices.ContainsFunc(ds, func(d DateMatch) bool {
			abs := muster.Span{Start: s.Start + d.Span.Start, End: s.Start + d.Span.End}
			return span.Contains(abs) && body.Contains(abs)
		}) {
			continue
		}
		out = append(out, claimedPhrase{typ: typ, span: span})
	}
	return out
}

// whenClauseRE opens the clause after a date that tells what happened
// then: "since May 2017, in which nine soldiers died", "in March 2021,
// when 33 soldiers were killed".
var whenClauseRE = regexp.MustCompile(`^\s*,?\s*(?:in which|during which|when)\s`)

// whenClauses returns the background events of sentence si told by a
// clause hung on a date of their own ("the first attack since May 2017,
// in which nine soldiers died"): the date and its clause, to the end of
// the sentence, are an event's phrase, of the type of the clause's own
// event word or else typ, the sentence's event's. The date must not be
// the day a source spoke, nor inside the trigger's or an earlier
// phrase (claimed).
func (x *doc) whenClauses(si int, typ muster.EventType, trig muster.Span, claimed []claimedPhrase) []claimedPhrase {
	s := x.d.Sentences[si]
	text := x.d.Text[s.Start:s.End]
	var out []claimedPhrase
	for _, d := range x.eventDates(si) {
		if d.Said || !whenClauseRE.MatchString(text[d.Span.End:]) {
			continue
		}
		span := muster.Span{Start: s.Start + d.Span.Start, End: s.End}
		if span.Overlaps(trig) || slices.ContainsFunc(claimed, func(p claimedPhrase) bool { return p.span.Overlaps(span) }) {
			continue
		}
		t := typ
		w, found := firstTriggerType(text[d.Span.End:])
		if !found && !tellsCasualties(text[d.Span.End:]) {
			continue // "a truce signed in 2015, when talks began": no event
		}
		if w != "" {
			t = w
		}
		out = append(out, claimedPhrase{typ: t, span: span})
	}
	return out
}

// firstTriggerType returns the lexicon's violent type (lexiconType) of
// the first event word in text, "" when it has none, and whether text
// has an event word at all.
func firstTriggerType(text string) (muster.EventType, bool) {
	loc := eventTriggerFoldRE.FindStringIndex(text)
	if loc == nil {
		return "", false
	}
	return lexiconType(strings.ToLower(text[loc[0]:loc[1]])), true
}

// tellsCasualties reports whether text holds a casualty word of the
// casualty reader (casualtyCues): "in which nine soldiers died".
func tellsCasualties(text string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if casualtyCues[w] != 0 {
			return true
		}
	}
	return false
}

// addClaimedEvent adds a claimed second event of sentence si with its
// places, date, claimants and their claims.
func (x *doc) addClaimedEvent(si int, p claimedPhrase, a *sentenceArgs) {
	ev := &localEvent{typ: p.typ, participants: map[int]string{}, merged: -1, phrase: p.span, evidence: []muster.Span{p.span}}
	ev.places = x.subjectsIn(p.span, muster.EntityPlace)
	if v, ds, ok := x.eventDate(si, p.span, muster.Span{Start: p.span.Start, End: p.span.Start}); ok {
		ev.from, ev.to, ev.precision, ev.timeText = v.From, v.To, v.Precision, x.d.Text[ds.Start:ds.End]
	}
	idx := x.mergeEvent(ev)
	x.events[idx].phrase = p.span
	for _, e := range p.claimants {
		sp := a.evidence[e]
		if sp.Len() == 0 { // a claimant the parse missed
			sp = muster.Span{Start: x.d.Sentences[si].Start, End: p.span.End}
		}
		x.responsibilityClaim(idx, si, e, false, sp, 0.8)
	}
	x.slotClaims(idx, si, ev)
}

// lexiconType is the event type of the lexicon's most specific violent
// row with the form w, or "".
func lexiconType(w string) muster.EventType {
	var best *Trigger
	for _, t := range triggerLex.byForm[w] {
		if violentTypes[t.Type] && (best == nil || t.Rank > best.Rank) {
			best = t
		}
	}
	if best == nil {
		return ""
	}
	return best.Type
}

// definite reports whether event word t refers back to an event already
// told: by the parse, it has "the", "this", "that", "these" or "those"
// as its determiner ("the raid", "that raid") or a date as its possessor
// ("last week’s raid"), and no year of its own ("the 2019 siege" is
// another event).
func (x *doc) definite(t int) bool {
	def := false
	for c := x.sentLo(t); c < x.sentHi(t); c++ {
		tk := x.d.Tokens[c]
		if tk.Head != t {
			continue
		}
		switch {
		case tk.Rel == "det" && slices.Contains(definiteDets, strings.ToLower(tk.Text)) && c >= t-2:
			// One modifier at most between them: "the deadly raid";
			// "this heinous terrorist attack" is the outlet's (or a
			// speaker's) description, which may name a new incident.
			def = true
		case tk.Rel == "nmod:poss" && possessiveDates[strings.ToLower(tk.Lemma)]:
			def = true
		case yearRE.MatchString(tk.Text):
			return false
		}
	}
	return def
}

// possessed reports whether event word t has a possessor ("its
// offensive", "Russia’s attack"): a second event of a sentence so named
// is most often the sentence's own, told again.
func (x *doc) possessed(t int) bool {
	for c := x.sentLo(t); c < x.sentHi(t); c++ {
		if tk := x.d.Tokens[c]; tk.Head == t && tk.Rel == "nmod:poss" {
			return true
		}
	}
	return false
}

// possessiveDates are the possessors that date an event word: "last
// week’s raid".
var possessiveDates = map[string]bool{"week": true, "weekend": true, "night": true, "day": true}

// yearRE is a year written in figures.
var yearRE = regexp.MustCompile(`^(?:1[89]|20)\d\d$`)

// subtreeSpan returns the byte span from the first to the last token of
// t's subtree.
func (x *doc) subtreeSpan(t int) muster.Span { return x.phraseSpan(t, nil) }

// phraseSpan is the span of t's subtree without the dependents for which
// skip (when not nil) reports true, and theirs, and without trailing
// punctuation.
func (x *doc) phraseSpan(t int, skip func(c int) bool) muster.Span {
	lo, hi := x.sentLo(t), x.sentHi(t)
	in := map[int]bool{t: true}
	first, last := t, t
	for changed := true; changed; {
		changed = false
		for c := lo; c < hi; c++ {
			if h := x.d.Tokens[c].Head; !in[c] && h >= 0 && in[h] && (skip == nil || !skip(c)) {
				in[c], changed = true, true
				first, last = min(first, c), max(last, c)
			}
		}
	}
	for last > first && x.d.Tokens[last].Rel == "punct" {
		last--
	}
	return muster.Span{Start: x.d.Tokens[first].Start, End: x.d.Tokens[last].End}
}

// phraseEvent returns the second event whose phrase holds span, or -1.
func (x *doc) phraseEvent(span muster.Span) int {
	for i, ev := range x.events {
		if ev.phrase.Len() > 0 && ev.phrase.Contains(span) {
			return i
		}
	}
	return -1
}

// phraseEventIn reports whether sentence si tells a second event.
func (x *doc) phraseEventIn(si int) bool {
	s := x.d.Sentences[si]
	for _, ev := range x.events {
		if ev.phrase.Len() > 0 && s.Contains(ev.phrase) {
			return true
		}
	}
	return false
}

// inPhrasesOf reports whether place e is named inside a second event's
// phrase.
func (x *doc) inPhrasesOf(subs []claimedPhrase, e int) bool {
	for _, p := range subs {
		if slices.Contains(x.subjectsIn(p.span, muster.EntityPlace), e) {
			return true
		}
	}
	return false
}

// claimantOf reports whether e claims one of the second events.
func claimantOf(subs []claimedPhrase, e int) bool {
	for _, p := range subs {
		if slices.Contains(p.claimants, e) {
			return true
		}
	}
	return false
}

// temporalCase reports whether event noun t is the object of a
// preposition that places another event in time: "after", "before",
// "since", "following".
func (x *doc) temporalCase(t int) bool {
	for c := x.sentLo(t); c < t; c++ {
		if tk := x.d.Tokens[c]; tk.Head == t && tk.Rel == "case" {
			switch strings.ToLower(tk.Text) {
			case "after", "before", "since", "following":
				return true
			}
		}
	}
	return false
}

// clauseEnd returns the byte offset where the words after token t end at
// a comma, semicolon, dash or the sentence's end.
func (x *doc) clauseEnd(t int) int {
	end := x.d.Tokens[t].End
	for c := t + 1; c < x.sentHi(t); c++ {
		switch x.d.Tokens[c].Text {
		case ",", ";", "—", "–", ".", "!", "?", ":":
			return end
		}
		end = x.d.Tokens[c].End
	}
	return end
}

// insurgencies tells, as events of their own, the long-running conflicts
// whose toll a story states, keyed by where and when they began: "The
// Sahel Vanguard has caused the deaths of at least 8,000 people since it
// took up arms in Mali in 2012"; "Since 2015, central Mali has been
// ravaged by groups such as … More than 10,000 people have died in the
// conflict." The sentence names its start ("since" before a year), an
// armed group and a place; the toll is its own killed figure, or that of
// the next sentence when that one names "the conflict", "the insurgency",
// "the violence" or "the war". Such a toll is never the figure of the
// incident the story tells.
func (x *doc) insurgencies() {
	for si, s := range x.d.Sentences {
		if si >= len(x.readings) || x.eventTold(si) >= 0 {
			continue
		}
		text := x.d.Text[s.Start:s.End]
		var start *DateMatch
		for _, d := range x.sentenceDates(si) {
			if d.Value.Precision == muster.PrecisionYear && sinceRE.MatchString(text[:d.Span.End]) {
				start = &d
				break
			}
		}
		if start == nil {
			continue
		}
		groups := x.subjectsIn(s, muster.EntityArmedGroup)
		if len(groups) == 0 {
			continue
		}
		figSent := si
		figs := killedFigures(x.readings[si].figures)
		if next := si + 1; len(figs) == 0 && next < len(x.d.Sentences) && next < len(x.readings) && x.eventTold(next) < 0 &&
			conflictRefRE.MatchString(x.d.Text[x.d.Sentences[next].Start:x.d.Sentences[next].End]) {
			figSent, figs = next, killedFigures(x.readings[next].figures)
		}
		if len(figs) == 0 {
			continue
		}
		body := muster.Span{Start: s.Start + datelineLen(text), End: s.End}
		ev := &localEvent{typ: muster.EventArmedClash, participants: map[int]string{}, merged: -1, sents: []int{si}, evidence: []muster.Span{s}}
		for _, e := range x.subjectsIn(body, muster.EntityPlace) {
			if !x.inGroupName(e, body) && !x.sidePlace(e, body) {
				ev.places = append(ev.places, x.regionOf(e, body))
			}
		}
		if len(ev.places) == 0 {
			continue
		}
		for _, e := range groups {
			ev.participants[e] = muster.RoleActor
		}
		// "since 2012": it began then and goes on to the story's day.
		ev.from, ev.to, ev.precision, ev.timeText = start.Value.From, start.Value.To, muster.PrecisionYear, text[start.Span.Start:start.Span.End]
		if !x.in.Published.IsZero() {
			ev.to = max(ev.to, x.in.Published.Format("2006-01-02"))
		}
		x.events = append(x.events, ev)
		idx := len(x.events) - 1
		x.slotClaims(idx, si, ev)
		for _, c := range figs {
			span := x.offs.Bytes(muster.Span{Start: c.Evidence[0].Start, End: c.Evidence[0].End})
			x.add(draft{subj: -1, event: idx, pred: c.Predicate, obj: c.Object, objEnt: -1, ev: span, sent: figSent, role: c.Role, conf: c.Confidence})
		}
		x.readings[figSent].figures = slices.DeleteFunc(slices.Clone(x.readings[figSent].figures), func(c muster.Claim) bool { return c.Predicate == muster.PredKilled })
		x.sentEvent[figSent] = idx
	}
}

var (
	// sinceRE ends the words of a sentence up to a year that the conflict
	// it tells began in: "Since 2009", "since it took up arms in 2009".
	sinceRE = regexp.MustCompile(`(?i)\bsince\b[^.;]*$`)
	// conflictRefRE names a long-running conflict told before.
	conflictRefRE = regexp.MustCompile(`(?i)\bthe (?:conflict|insurgency|violence|war)\b`)
)

// inGroupName reports whether every mention of place e inside span s
// ends a group's name after "in" or "of": "the Islamic State in West
// Africa" names no place the conflict is in.
func (x *doc) inGroupName(e int, s muster.Span) bool {
	return x.everyMention(e, s, func(m mention) bool {
		before := strings.TrimRight(x.d.Text[s.Start:m.Start], " ")
		prep := before[strings.LastIndexByte(before, ' ')+1:]
		if prep != "in" && prep != "of" {
			return false
		}
		end := s.Start + len(strings.TrimRight(before[:len(before)-len(prep)], " "))
		return slices.ContainsFunc(x.ments, func(g mention) bool {
			return g.End == end && g.ent >= 0 && x.ents[x.live(g.ent)].typ == muster.EntityArmedGroup
		})
	})
}

// killedFigures are the killed figures among a sentence's figures.
func killedFigures(figs []muster.Claim) []muster.Claim {
	var out []muster.Claim
	for _, c := range figs {
		if c.Predicate == muster.PredKilled && len(c.Evidence) > 0 {
			out = append(out, c)
		}
	}
	return out
}
