package extract

import (
	"regexp"
	"strings"

	"github.com/muster-osint/muster"
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
}

// eventTriggerRE finds the words that tell of an event of armed conflict.
var eventTriggerRE = regexp.MustCompile(`(?i)\b(?:(marched|crossed|pushed|advanced|stormed|broke)\s+into|(raid|incursion|attack|assault|offensive|ambush|shelling|drone strike|airstrike|air strike|bombing|clash(?:es)?)\b|(fought|clashed|battled)\b(?:\s+for\s+(?-i:\p{Lu}))?)`)

var eventTypeOf = map[string]muster.EventType{
	"raid": muster.EventRaid, "incursion": muster.EventIncursion, "attack": muster.EventAttack,
	"assault": muster.EventAttack, "offensive": muster.EventArmedClash, "ambush": muster.EventAttack,
	"shelling": muster.EventShelling, "drone strike": muster.EventDroneStrike, "airstrike": muster.EventAirStrike,
	"air strike": muster.EventAirStrike, "bombing": muster.EventBombing, "clash": muster.EventArmedClash,
	"clashes": muster.EventArmedClash,
}

// responsibilityRE: "took responsibility for", "claimed to have launched".
var responsibilityRE = regexp.MustCompile(`(?i)\b(?:took|claimed|accepted|assumed)\s+(?:the\s+)?responsibility\s+for\b|\bclaimed\s+to\s+have\s+(?:launched|carried out|conducted|staged)\b|\bdenied\s+(?:any\s+)?(?:responsibility|involvement)\b`)

// narrativeEvents finds events told in the text, merges the sentences that
// tell one event (same kind of fighting, same place, days apart at most),
// and attaches casualty figures to the event they count.
func (x *doc) narrativeEvents() {
	for si, s := range x.d.Sentences {
		text := x.d.Text[s.Start:s.End]
		loc := eventTriggerRE.FindStringSubmatchIndex(text)
		if loc == nil {
			continue
		}
		// A negated event ("did not march") is not an event.
		if regexp.MustCompile(`(?i)\b(?:did not|didn't|never|not)\s+(?:\w+\s+)?$`).MatchString(text[:loc[0]]) {
			continue
		}
		// "the raid", "the fighting" refer back to an event already told.
		if regexp.MustCompile(`(?i)\bthe\s+(?:\w+\s+)?$`).MatchString(text[:loc[0]]) {
			continue
		}
		// "fought for Ukraine" is allegiance, not an event.
		if strings.Contains(strings.ToLower(text[loc[0]:loc[1]]), " for ") {
			continue
		}
		var typ muster.EventType
		switch {
		case loc[2] >= 0:
			typ = muster.EventIncursion
		case loc[4] >= 0:
			typ = eventTypeOf[strings.ToLower(text[loc[4]:loc[5]])]
		default:
			typ = muster.EventArmedClash
		}
		trig := muster.Span{Start: s.Start + loc[0], End: s.Start + loc[1]}
		ev := &localEvent{typ: typ, participants: map[int]string{}, merged: -1}
		ev.sents = []int{si}
		// Places: the most specific places named in the sentence.
		for _, e := range x.subjectsIn(s, muster.EntityPlace) {
			ev.places = append(ev.places, e)
		}
		if v, ds, ok := x.dateMatch(muster.Span{Start: trig.Start, End: s.End}); ok {
			ev.from, ev.to, ev.precision, ev.timeText = v.From, v.To, v.Precision, x.d.Text[ds.Start:ds.End]
		} else if v, ds, ok := x.dateMatch(s); ok {
			ev.from, ev.to, ev.precision, ev.timeText = v.From, v.To, v.Precision, x.d.Text[ds.Start:ds.End]
		}
		// Participants: the groups that act, the forces that fight them.
		actors := x.subjectsIn(s, muster.EntityArmedGroup)
		for _, e := range actors {
			ev.participants[e] = muster.RoleActor
		}
		for _, e := range x.subjectsIn(s, muster.EntityStateForce) {
			if typ == muster.EventIncursion || typ == muster.EventArmedClash || typ == muster.EventRaid {
				ev.participants[e] = muster.RoleDefender
			} else {
				ev.participants[e] = muster.RoleTarget
			}
		}
		ev.evidence = []muster.Span{s}
		if len(ev.places) == 0 {
			continue
		}
		idx := x.mergeEvent(ev)
		x.eventClaims(idx, si, ev)
		x.slotClaims(idx, si, ev)
	}
	x.casualties()
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
		if !samePlaces(old.places, ev.places) || !compatibleTypes(old.typ, ev.typ) || !closeDays(old, ev) {
			continue
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

// eventClaims adds the claims that tie a sentence to its event: who took
// responsibility, the place and the date.
func (x *doc) eventClaims(idx, si int, ev *localEvent) {
	s := x.d.Sentences[si]
	text := x.d.Text[s.Start:s.End]
	if loc := responsibilityRE.FindStringIndex(text); loc != nil {
		cue := muster.Span{Start: s.Start + loc[0], End: s.Start + loc[1]}
		pred, mod := muster.PredClaimedBy, muster.Claimed
		if strings.HasPrefix(strings.ToLower(x.d.Text[cue.Start:cue.End]), "denied") {
			pred, mod = muster.PredDeniedBy, muster.Denied
		}
		if g := x.lastSubject(muster.Span{Start: s.Start, End: cue.Start}, groupish...); g != nil {
			end := x.phraseEnd(si, cue.End)
			start := s.Start
			for _, e := range g {
				x.events[idx].participants[e] = muster.RolePerpetrator
				src := x.ents[e]
				x.add(draft{subj: -1, event: idx, pred: pred, objEnt: e, ev: muster.Span{Start: start, End: end}, sent: si,
					attr: muster.Attribution{Name: src.name, Type: muster.AttributionType(src.typ)}, mod: mod, conf: 0.85})
			}
		}
	}
}

// casualtyRE finds a figure of dead, hurt or captured after its number.
var casualtyVerbRE = regexp.MustCompile(`(?i)\b(killed|died|dead|wounded|injured|hurt|captured|taken prisoner)\b`)

// casualties attaches figures of killed, wounded and captured to the
// event of their sentence, or to the last event told before it ("died in
// the fighting").
func (x *doc) casualties() {
	for si, s := range x.d.Sentences {
		text := x.d.Text[s.Start:s.End]
		if !casualtyVerbRE.MatchString(text) {
			continue
		}
		ev := x.eventOfSentence(si)
		if ev < 0 {
			continue
		}
		for _, n := range FindNumbers(text) {
			numSpan := muster.Span{Start: s.Start + n.Span.Start, End: s.Start + n.Span.End}
			rest := x.d.Text[numSpan.End:s.End]
			vloc := casualtyVerbRE.FindStringIndex(rest)
			if vloc == nil || len(strings.Fields(rest[:vloc[0]])) > 14 || strings.ContainsAny(rest[:vloc[0]], ";") {
				continue
			}
			verb := strings.ToLower(rest[vloc[0]:vloc[1]])
			pred := muster.PredKilled
			switch verb {
			case "wounded", "injured", "hurt":
				pred = muster.PredWounded
			case "captured", "taken prisoner":
				pred = muster.PredCaptured
			}
			side := strings.TrimSpace(rest[:vloc[0]])
			side = regexp.MustCompile(`(?i)\s*(?:were|was|have been|had been|who|that|are|is|left)\b.*$`).ReplaceAllString(side, "")
			v := n.Value
			// Keep the quote readable: from the figure to the verb.
			evSpan := muster.Span{Start: numSpan.Start, End: numSpan.End + vloc[1]}
			x.add(draft{subj: -1, event: ev, pred: pred, obj: v, objEnt: -1, ev: evSpan, sent: si, role: side, conf: 0.8})
		}
	}
}

// eventOfSentence returns the event told in sentence si, or the last one
// told before it when the sentence refers back to "the fighting", "the
// raid" and the like.
func (x *doc) eventOfSentence(si int) int {
	for i, ev := range x.events {
		for _, s := range ev.sents {
			if s == si {
				return i
			}
		}
	}
	s := x.d.Sentences[si]
	if !regexp.MustCompile(`(?i)\bthe\s+(?:fighting|raid|incursion|attack|assault|clash(?:es)?|battle|operation)\b`).MatchString(x.d.Text[s.Start:s.End]) {
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
