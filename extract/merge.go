package extract

import (
	"slices"
	"strings"

	"github.com/muster-osint/muster"
)

// mergeReports folds in the events of Events (event.go), the extractor
// tuned on coders' one-event summaries (GTD, ACLED), into the narrative
// events of this file's rules. Figures, dates and sides the narrative
// pass reads with the same sentence readers (casualties, contextDates,
// readParties); what is left to reconcile here: a report event told in
// the same sentences as a narrative event (or in the headline and lede
// before it) lends it the places it lacks and the rank of those it has;
// a one-event report is the report event with the narrative one's
// additions (reportBase); any other report event is added whole, and the
// entities it names join the document's. Extract then makes one event of
// each incident (mergeIncidents, incident.go).
func (x *doc) mergeReports(r *Result, reports []muster.Event) {
	pub := x.publisher()
	known := map[string]bool{}
	// byName finds the entity a source's words name, by any of its names
	// (the first entity so named wins).
	byName := map[string]Entity{}
	name := func(e Entity, n string) {
		known[entityKey(e.Type, n)] = true
		if k := muster.NameKey(n); k != "" {
			if _, ok := byName[k]; !ok {
				byName[k] = e
			}
		}
	}
	for _, e := range r.Entities {
		name(e, e.Name)
		for _, a := range e.Aliases {
			name(e, a.Name)
		}
	}
	addEntity := func(ref muster.Ref) {
		t := muster.EntityType(ref.Type)
		if ref.Name == "" || !t.Valid() || known[entityKey(t, ref.Name)] {
			return
		}
		e := Entity{Entity: muster.Entity{Type: t, Name: ref.Name}}
		name(e, ref.Name)
		r.Entities = append(r.Entities, e)
	}
	disclaimers := x.disclaimers()
	narrative := len(r.Events) // the narrative rules' events
	for _, rev := range reports {
		rev.Claims = append(rev.Claims, x.participantClaims(rev, func(n string) bool { _, ok := byName[muster.NameKey(n)]; return ok })...)
		// "killed in Boko Haram attack": a name the document knows as a
		// group, a force or another organisation is no place, whatever
		// word came before it. (A person may be the tagger's mistake for
		// a place: "Wharf Jérémie".)
		notPlace := func(n string) bool {
			e, ok := byName[muster.NameKey(n)]
			return ok && !known[entityKey(muster.EntityPlace, n)] && e.Type == muster.EntityArmedGroup
		}
		rev.Claims = slices.DeleteFunc(rev.Claims, func(c muster.Claim) bool {
			return c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil && notPlace(c.Object.Entity.Name)
		})
		rev.Places = slices.DeleteFunc(rev.Places, func(p muster.Ref) bool { return notPlace(p.Name) })
		for i := range rev.Claims {
			c := &rev.Claims[i]
			if c.AttributedTo.Type == muster.SourcePublisher {
				c.AttributedTo = pub
				// The sentence's own marks of a source, as for the
				// narrative claims ("left Moscow claiming more than 70").
				if len(c.Evidence) > 0 {
					b := x.offs.Bytes(muster.Span{Start: c.Evidence[0].Start, End: c.Evidence[0].End})
					if si := x.d.SentenceOf(b.Start); si >= 0 {
						if src, mod, ok := x.sentenceSource(si, b); ok {
							c.AttributedTo, c.Modality = src, mod
						}
					}
				}
				// "X claimed responsibility": the claim is X's own.
				if (c.Predicate == muster.PredClaimedBy || c.Predicate == muster.PredDeniedBy) && c.Object.Entity != nil {
					c.AttributedTo = muster.Attribution{Name: c.Object.Entity.Name, Type: muster.AttributionType(c.Object.Entity.Type)}
				}
			} else if e, ok := byName[muster.NameKey(strings.TrimPrefix(strings.TrimPrefix(c.AttributedTo.Name, "The "), "the "))]; ok {
				// "The MNDAA said …": the source is the entity it names.
				c.AttributedTo = muster.Attribution{Name: e.Name, Type: muster.AttributionType(e.Type)}
			} else if len(c.Evidence) > 0 && nominalSource(c.AttributedTo.Name) {
				// "The group said its fighters had killed 30": the
				// document's coreference knows which group.
				b := x.offs.Bytes(muster.Span{Start: c.Evidence[0].Start, End: c.Evidence[0].End})
				if si := x.d.SentenceOf(b.Start); si >= 0 {
					if src, _, ok := x.sentenceSource(si, b); ok && src.Type != muster.SourceUnnamed && !nominalSource(src.Name) {
						c.AttributedTo = src
					}
				}
			}
			x.disclaim(c, disclaimers)
		}
		// A one-event report (a coder's summary, a wire brief): the report
		// extractor's event is the base, and the narrative one lends it
		// what it alone found (participants, a date).
		if len(reports) == 1 && len(x.events) == 1 && len(x.d.Sentences) <= reportSentences && x.overlappingEvent(r, rev) == 0 {
			x.reportBase(r, rev, addEntity)
			continue
		}
		if x.overlappingEvent(r, rev) >= 0 {
			// Told in a narrative event's sentences: its figures, date,
			// sides and places are that event's already, read there by
			// the same sentence readers.
			continue
		}
		if !tellsEvent(rev) || len(x.d.Sentences) > reportSentences && !countsOrClaims(rev) && !(narrative == 0 && x.untoldIncident(rev)) {
			continue
		}
		for _, p := range rev.Places {
			addEntity(p)
		}
		for _, p := range rev.Participants {
			addEntity(p.Entity)
		}
		for _, c := range rev.Claims {
			if c.Object.Entity != nil {
				addEntity(*c.Object.Entity)
			}
		}
		r.Events = append(r.Events, rev)
		r.Claims = append(r.Claims, rev.Claims...)
	}
}

// nominalSource reports a source named by a description that refers back
// to a group: "The group", "the brigade", "the militants", "the Front"
// (coref.go's nominalHeads and pluralHeads, and "front", which names a
// group only capitalised or as a source).
func nominalSource(name string) bool {
	w := strings.Fields(strings.ToLower(name))
	return len(w) == 2 && (w[0] == "the" || w[0] == "this") &&
		(slices.Contains(nominalHeads, w[1]) || slices.Contains(pluralHeads, w[1]) || w[1] == "front")
}

// tellsEvent reports whether a report event stands on its own: it has a
// kind the text names ("shelled", "clashes") or a casualty figure or a
// party. A date, a place and a denial alone ("Petrov denied the report"
// in a profile of his unit) are not an event.
func tellsEvent(ev muster.Event) bool {
	if ev.Type != muster.EventOther {
		return true
	}
	for _, c := range ev.Claims {
		switch c.Predicate {
		case muster.PredKilled, muster.PredWounded, muster.PredCaptured, muster.PredParticipant, muster.PredClaimedBy:
			return true
		}
	}
	return false
}

// dropVagueEvents removes, from a long story, the events that ended more
// than historyYears before it was published and those that have neither
// a date nor a casualty figure nor a claim of responsibility:
// commentary names "the attack on Ukraine", "a new offensive" or
// "Iran's attack on Israel" far more often than it tells of one
// happening, and such an event, with only a country for its place,
// tells an analyst nothing. Short reports keep theirs: a wire brief is
// about its one event.
func (x *doc) dropVagueEvents(r *Result) {
	if len(x.d.Sentences) <= reportSentences {
		return
	}
	// History a story recalls ("Napoleon's raid in 1812", "the 1945
	// offensive") is background, not an event to put on the map.
	historic := ""
	if !x.in.Published.IsZero() {
		historic = x.in.Published.AddDate(-historyYears, 0, 0).Format("2006-01-02")
	}
	drop := map[string]bool{}
	events := r.Events[:0]
	for _, ev := range r.Events {
		old := ev.Time != nil && ev.Time.To != "" && ev.Time.To < historic
		if (ev.Time != nil || countsOrClaims(ev)) && !old {
			events = append(events, ev)
			continue
		}
		drop[ev.ID] = true
	}
	r.Events = events
	if len(drop) == 0 {
		return
	}
	claims := r.Claims[:0]
	for _, c := range r.Claims {
		if !drop[c.Subject.ID] {
			claims = append(claims, c)
		}
	}
	r.Claims = claims
}

// historyYears is how long before its publication a long story's event
// must have ended to count as history the story recalls.
const historyYears = 10

// countsOrClaims reports whether a report event carries a casualty
// figure or a claim of responsibility. In a long story the narrative
// rules tell the events; the report extractor, made for one-event
// summaries, adds one of its own only with such a figure or claim, not
// for every "attack" a commentary mentions.
func countsOrClaims(ev muster.Event) bool {
	for _, c := range ev.Claims {
		switch c.Predicate {
		case muster.PredKilled, muster.PredWounded, muster.PredCaptured, muster.PredClaimedBy:
			return true
		}
	}
	return false
}

// reportSentences is the length, in sentences, up to which a text reads
// as one report (GTD and ACLED summaries run two to five); longer texts
// are stories whose events the narrative rules keep apart.
const reportSentences = 6

func entityKey(t muster.EntityType, name string) string {
	return string(t) + "|" + muster.NameKey(name)
}

// overlappingEvent returns the narrative event whose evidence shares a
// sentence with the report event, or -1.
func (x *doc) overlappingEvent(r *Result, rev muster.Event) int {
	for i := range r.Events {
		if sharesText(r.Events[i], rev) {
			return i
		}
	}
	return -1
}

// sharesText reports whether the evidence of two events (theirs and their
// claims') overlaps.
func sharesText(a, b muster.Event) bool {
	spans := func(ev muster.Event) []muster.Evidence {
		out := append([]muster.Evidence(nil), ev.Evidence...)
		for _, c := range ev.Claims {
			out = append(out, c.Evidence...)
		}
		return out
	}
	bs := spans(b)
	for _, p := range spans(a) {
		for _, q := range bs {
			if p.Start < q.End && q.Start < p.End {
				return true
			}
		}
	}
	return false
}

// hasClaimAt reports whether claims hold one with c's predicate whose
// evidence overlaps c's (the same figure found by both extractors).
func hasClaimAt(claims []muster.Claim, c muster.Claim) bool {
	for _, o := range claims {
		if o.Predicate != c.Predicate {
			continue
		}
		if c.Predicate == muster.PredOccurredAt && o.Object.Entity != nil && c.Object.Entity != nil &&
			strings.EqualFold(o.Object.Entity.Name, c.Object.Entity.Name) {
			return true
		}
		// The first evidence is the words that state the claim; later
		// ones (a disclaimer) may be shared by many claims.
		if len(o.Evidence) > 0 && len(c.Evidence) > 0 {
			a, b := o.Evidence[0], c.Evidence[0]
			if a.Start < b.End && b.Start < a.End {
				return true
			}
		}
	}
	return false
}

// participantClaims states the acting sides of a report event that the
// document's entities know (known) as participant claims (the side
// struck the report rules guess from word order alone), each with its
// name where the event's sentences first name it as evidence. ("Chechen"
// or "powerful Sinaloa cartel", which the report rules read off the
// words, name no side.)
func (x *doc) participantClaims(rev muster.Event, known func(string) bool) []muster.Claim {
	var out []muster.Claim
	for _, p := range rev.Participants {
		if t := muster.EntityType(p.Entity.Type); t != muster.EntityArmedGroup && t != muster.EntityStateForce || !known(p.Entity.Name) ||
			p.Role != muster.RoleActor && p.Role != muster.RolePerpetrator ||
			hasParticipant(rev.Claims, p.Entity) || hasParticipant(out, p.Entity) {
			continue
		}
		for _, e := range rev.Evidence {
			b := x.offs.Bytes(muster.Span{Start: e.Start, End: e.End})
			if !b.Valid(len(x.d.Text)) {
				continue
			}
			i := strings.Index(x.d.Text[b.Start:b.End], p.Entity.Name)
			if i < 0 {
				continue
			}
			span := muster.Span{Start: b.Start + i, End: b.Start + i + len(p.Entity.Name)}
			c := muster.Claim{Subject: rev.Ref(), Predicate: muster.PredParticipant, Object: muster.EntityValue(p.Entity, p.Entity.Name), Role: p.Role,
				AttributedTo: publisher(), Modality: muster.Asserted, Evidence: []muster.Evidence{x.evidence(span)}, Extractor: EventExtractor, Confidence: 0.7}
			c.SetID()
			out = append(out, c)
			break
		}
	}
	return out
}

// ledeEvent returns, for a sentence of the headline or the lede told
// before any narrative event, the first narrative event when the lede
// tells it, or -1.
func (x *doc) ledeEvent(si int) int {
	if si < 0 || si >= leadSentences {
		return -1
	}
	first, at := -1, len(x.d.Sentences)
	for i, ev := range x.events {
		for _, s := range ev.sents {
			if s < at {
				first, at = i, s
			}
		}
	}
	if first < 0 || at <= si || at > leadSentences {
		return -1
	}
	return first
}

// hasParticipant reports whether claims make e a participant, by any of
// its names.
func hasParticipant(claims []muster.Claim, e muster.Ref) bool {
	return slices.ContainsFunc(claims, func(c muster.Claim) bool {
		return c.Predicate == muster.PredParticipant && c.Object.Entity != nil && muster.NameKey(c.Object.Entity.Name) == muster.NameKey(e.Name)
	})
}

// lastEventBefore returns the narrative event told last in the two
// sentences before si, or -1. Further back, "two civilians were killed in
// that raid" may count a raid the rules did not make an event of.
func (x *doc) lastEventBefore(si int) int {
	if si < 0 {
		return -1
	}
	best, bestSent := -1, -1
	for i, ev := range x.events {
		for _, s := range ev.sents {
			if s < si && s > bestSent {
				best, bestSent = i, s
			}
		}
	}
	// Sentences whose figures went to an event continue its telling.
	for s, i := range x.sentEvent {
		if s < si && s > bestSent {
			best, bestSent = i, s
		}
	}
	if si-bestSent > 2 {
		return -1
	}
	return best
}

// reportBase replaces the document's one narrative event with the report
// event rev, carrying over the narrative claims rev lacks.
func (x *doc) reportBase(r *Result, rev muster.Event, addEntity func(muster.Ref)) {
	old := r.Events[0]
	for _, p := range rev.Places {
		addEntity(p)
	}
	for _, p := range rev.Participants {
		addEntity(p.Entity)
	}
	for _, c := range rev.Claims {
		if c.Object.Entity != nil {
			addEntity(*c.Object.Entity)
		}
	}
	have := func(c muster.Claim) bool {
		for _, o := range rev.Claims {
			if o.Predicate != c.Predicate {
				continue
			}
			if c.Object.Entity != nil && o.Object.Entity != nil {
				if muster.NameKey(o.Object.Entity.Name) == muster.NameKey(c.Object.Entity.Name) {
					return true
				}
				continue
			}
			if hasClaimAt([]muster.Claim{o}, c) {
				return true
			}
		}
		return false
	}
	// The narrative rules' sides fill in only when the report rules found
	// no acting side: in a coder's summary that names who claimed or is
	// blamed, the narrative rules' actors are parts of names ("Saudi-led"
	// of "Saudi-led coalition forces", "Levant") or sides merely blamed.
	sided := slices.ContainsFunc(rev.Participants, func(p muster.Participant) bool {
		return p.Role == muster.RoleActor || p.Role == muster.RolePerpetrator
	})
	var kept []muster.Claim
	for _, c := range r.Claims {
		if c.Subject.ID != old.ID {
			kept = append(kept, c)
			continue
		}
		if have(c) {
			continue
		}
		switch c.Predicate {
		case muster.PredOccurredOn:
			if rev.Time != nil {
				continue
			}
		case muster.PredParticipant:
			if sided {
				continue
			}
		}
		c.Subject = rev.Ref()
		c.SetID()
		rev.Claims = append(rev.Claims, c)
		// An event's places are the objects of its occurred_at claims: a
		// place only the narrative rules read ("shelling of Donetsk") is
		// the event's place too, else the map leaves the event out.
		if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil && !slices.ContainsFunc(rev.Places, func(p muster.Ref) bool {
			return muster.NameKey(p.Name) == muster.NameKey(c.Object.Entity.Name)
		}) {
			rev.Places = append(rev.Places, *c.Object.Entity)
		}
	}
	for _, p := range old.Participants {
		if sided {
			break
		}
		dup := false
		for _, q := range rev.Participants {
			if muster.NameKey(p.Entity.Name) == muster.NameKey(q.Entity.Name) {
				dup = true
			}
		}
		if !dup {
			rev.Participants = append(rev.Participants, p)
		}
	}
	if rev.Time == nil {
		rev.Time = old.Time
	}
	// The narrative label reads better ("Belgorod incursion"), and an
	// incursion is a kind the report extractor does not know.
	rev.Label = old.Label
	if old.Type == muster.EventIncursion {
		rev.Type = old.Type
	}
	for i := range rev.Claims {
		rev.Claims[i].Subject = rev.Ref()
		rev.Claims[i].SetID()
	}
	r.Events[0] = rev
	r.Claims = append(kept, rev.Claims...)
}

// disclaim marks a report event's casualty figure unverified when the
// outlet says, after it, that it could not verify casualty figures — as
// attribute does for the narrative claims.
func (x *doc) disclaim(c *muster.Claim, ds []disclaimer) {
	if len(c.Evidence) == 0 {
		return
	}
	b := x.offs.Bytes(muster.Span{Start: c.Evidence[0].Start, End: c.Evidence[0].End})
	d := draft{pred: c.Predicate, sent: x.d.SentenceOf(b.Start), attr: c.AttributedTo}
	for _, dis := range ds {
		if dis.covers(&d, x) {
			c.Modality = muster.Unverified
			c.Evidence = append(c.Evidence, x.evidence(dis.span))
			return
		}
	}
}
