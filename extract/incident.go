package extract

import (
	"slices"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// One incident, one event (issue 10 item 1): a news story tells its
// incident over several sentences — the headline, the lede that dates it,
// the paragraphs that add a figure, a side or a claim of responsibility —
// and each may have become an event of its own. An event told without a
// date of its own is a mention of the incident the story is telling at
// that point: the dated event told last before it, or, for a mention in
// the headline or the lede, the first dated event. An event with a date of
// its own ("in November", "since 2009", "last month's attack") is another
// incident and stays apart.

// leadSentences is how many sentences from the top (the headline and the
// lede) tell the story's main incident before it is dated.
const leadSentences = 3

// mergeIncidents folds every undated event of r into the dated event
// whose telling it continues, moving its participants, evidence and
// claims there: a mention in the headline or the lede into the lede's
// dated event; a later one into the dated event told last before it,
// unless it locates itself elsewhere without referring back ("killed in
// clashes near Morek" after a raid north of Hama is a fight of its own;
// "the overnight killings occurred in Gabalami" places the raid told).
func (x *doc) mergeIncidents(r *Result) {
	if len(r.Events) < 2 {
		return
	}
	first := make([]int, len(r.Events)) // the sentence each event is first told in
	where := make([]map[string]bool, len(r.Events))
	for i, ev := range r.Events {
		first[i] = x.firstSentence(ev)
		where[i] = x.locatedAt(ev)
	}
	moved := map[string]int{} // event id → the event it merged into
	for i, ev := range r.Events {
		if ev.Time != nil || first[i] < 0 {
			continue
		}
		prev, next := -1, -1
		for j, o := range r.Events {
			if o.Time == nil || first[j] < 0 {
				continue
			}
			if first[j] <= first[i] && (prev < 0 || first[j] > first[prev]) {
				prev = j
			}
			if first[j] > first[i] && (next < 0 || first[j] < first[next]) {
				next = j
			}
		}
		switch {
		case prev < 0 && first[i] < leadSentences && next >= 0 && first[next] <= leadSentences:
			moved[ev.ID] = next // a headline or lede mention: the lede's dated event
		case prev >= 0 && (!elsewhere(where[i], r.Events[prev]) || x.refersBack(first[i])):
			moved[ev.ID] = prev
		}
	}
	if len(moved) == 0 {
		return
	}
	for i, ev := range r.Events {
		if j, ok := moved[ev.ID]; ok {
			foldEvent(&r.Events[j], ev, where[i])
		}
	}
	// The claims in the order told, those of a merged event now the
	// incident's, once each.
	claims := r.Claims[:0]
	took := map[string]*muster.Event{}
	for _, c := range r.Claims {
		if j, ok := moved[c.Subject.ID]; ok {
			if c.Predicate == muster.PredOccurredOn {
				continue // the incident's date is its dated event's
			}
			if c.Predicate == muster.PredOccurredAt && (c.Object.Entity == nil || !where[indexOf(r.Events, c.Subject.ID)][muster.NameKey(c.Object.Entity.Name)]) {
				continue // a place named in passing
			}
			to := &r.Events[j]
			took[to.ID] = to
			c.Subject = to.Ref()
			c.SetID()
		}
		if took[c.Subject.ID] != nil && slices.ContainsFunc(claims, func(o muster.Claim) bool { return o.Subject.ID == c.Subject.ID && sameClaim(o, c) }) {
			continue
		}
		claims = append(claims, c)
	}
	r.Claims = claims
	for _, to := range took {
		to.Claims = to.Claims[:0]
		for _, c := range r.Claims {
			if c.Subject.ID == to.ID {
				to.Claims = append(to.Claims, c)
			}
		}
	}
	events := r.Events[:0]
	for _, ev := range r.Events {
		if _, ok := moved[ev.ID]; !ok {
			events = append(events, ev)
		}
	}
	r.Events = events
}

// refersBack reports whether sentence si names an incident with a
// definite event noun ("the overnight killings", "this attack"): by the
// parse, a noun of the trigger lexicon with "the", "this", "that",
// "these" or "those" as its determiner.
func (x *doc) refersBack(si int) bool {
	if si < 0 || si >= len(x.d.SentenceTokens) {
		return false
	}
	lo, hi := x.d.SentenceTokens[si][0], x.d.SentenceTokens[si][1]
	for t := lo; t < hi; t++ {
		tk := x.d.Tokens[t]
		low := strings.ToLower(tk.Text)
		if tk.Tag != "NOUN" || !eventNouns[low] {
			continue
		}
		if x.definite(t) {
			return true
		}
	}
	return false
}

var definiteDets = []string{"the", "this", "that", "these", "those"}

// eventNouns are the words of the lexicon's violent rows and cues
// ("launched", "killings") of one word ("opened" alone is no "open
// fire").
var eventNouns = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range triggerLex.rows {
		if t.Type != "" && !violentTypes[t.Type] || strings.Contains(t.Lemma, " ") {
			continue
		}
		m[t.Lemma] = true
		for _, f := range t.Forms {
			m[f] = true
		}
	}
	return m
}()

// underEventWord reports whether the phrase headed by token t says
// where an event word's incident happened: up through the nouns that
// hold it to its clause, whose verb is an event word or a cue of one
// ("attacked a post in Gabalami", "launched … at the camp") or has one as
// its subject or object ("fighting took place … in Arge"); "shelters
// were opened in Belgorod" says where something else happened.
func (x *doc) underEventWord(t int) bool {
	isEvent := func(t int) bool {
		tk := x.d.Tokens[t]
		return eventNouns[strings.ToLower(tk.Text)] || eventNouns[tk.Lemma]
	}
	for step := 0; step < 6; step++ {
		t = x.d.Tokens[t].Head
		if t < 0 {
			return false
		}
		if isEvent(t) {
			return true
		}
		if tk := x.d.Tokens[t]; tk.Tag == "VERB" || tk.Rel == "root" {
			// "as fighting took place … in Arge", when the parse makes the
			// verb the event word's xcomp rather than its head.
			if tk.Rel == "xcomp" && tk.Head >= 0 && isEvent(tk.Head) {
				return true
			}
			for c := x.sentLo(t); c < x.sentHi(t); c++ {
				if d := x.d.Tokens[c]; d.Head == t && (d.Rel == "nsubj" || d.Rel == "nsubj:pass" || d.Rel == "obj") && isEvent(c) {
					return true
				}
			}
			return false
		}
	}
	return false
}

func indexOf(evs []muster.Event, id string) int {
	return slices.IndexFunc(evs, func(ev muster.Event) bool { return ev.ID == id })
}

// elsewhere reports whether a mention located at places where names a
// place the event does not.
func elsewhere(where map[string]bool, ev muster.Event) bool {
	for p := range where {
		if !slices.ContainsFunc(ev.Places, func(q muster.Ref) bool { return muster.NameKey(q.Name) == p }) {
			return true
		}
	}
	return false
}

// locatedAt returns the places an event's telling locates it at: those of
// its occurred_at claims that its sentence names after a preposition of
// place ("in Gabalami"), not in passing ("Turkey condemned this attack",
// "jets flying from Maiduguri").
func (x *doc) locatedAt(ev muster.Event) map[string]bool {
	out := map[string]bool{}
	for _, c := range ev.Claims {
		if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil && len(c.Evidence) > 0 && x.locative(c.Object.Entity.Name, c.Evidence[0]) {
			out[muster.NameKey(c.Object.Entity.Name)] = true
		}
	}
	return out
}

// foldEvent adds ev's located places, participants and evidence to into.
func foldEvent(into *muster.Event, ev muster.Event, where map[string]bool) {
	for _, p := range ev.Places {
		if where[muster.NameKey(p.Name)] && !slices.ContainsFunc(into.Places, func(q muster.Ref) bool { return muster.NameKey(q.Name) == muster.NameKey(p.Name) }) {
			into.Places = append(into.Places, p)
		}
	}
	for _, p := range ev.Participants {
		if !slices.ContainsFunc(into.Participants, func(q muster.Participant) bool {
			return muster.NameKey(q.Entity.Name) == muster.NameKey(p.Entity.Name)
		}) {
			into.Participants = append(into.Participants, p)
		}
	}
	into.Evidence = append(into.Evidence, ev.Evidence...)
}

// sameClaim reports whether two claims of one event state the same thing
// in the same words, from the same source.
func sameClaim(a, b muster.Claim) bool {
	if a.Predicate != b.Predicate || a.Object.String() != b.Object.String() || a.AttributedTo.Name != b.AttributedTo.Name {
		return false
	}
	if len(a.Evidence) == 0 || len(b.Evidence) == 0 {
		return len(a.Evidence) == len(b.Evidence)
	}
	return a.Evidence[0].Start == b.Evidence[0].Start && a.Evidence[0].End == b.Evidence[0].End
}

// firstSentence is the sentence an event is first told in: that of its
// earliest evidence or claim, or -1.
func (x *doc) firstSentence(ev muster.Event) int {
	best := -1
	see := func(es []muster.Evidence) {
		for _, e := range es {
			b := x.offs.Bytes(muster.Span{Start: e.Start, End: e.End})
			if si := x.d.SentenceOf(b.Start); si >= 0 && (best < 0 || si < best) {
				best = si
			}
		}
	}
	see(ev.Evidence)
	for _, c := range ev.Claims {
		if len(c.Evidence) > 0 {
			see(c.Evidence[:1])
		}
	}
	return best
}

// locativeCases are the prepositions that say where something happened.
var locativeCases = []string{"in", "at", "near", "around", "off", "outside", "inside", "across", "along", "into", "throughout", "within"}

// locative reports whether the sentence of evidence e names place as the
// object of a preposition of place, or inside such a phrase ("in Borno
// State's Damboa area", "in the town of Lere"), by the parse.
func (x *doc) locative(place string, e muster.Evidence) bool {
	b := x.offs.Bytes(muster.Span{Start: e.Start, End: e.End})
	si := x.d.SentenceOf(b.Start)
	if si < 0 || si >= len(x.d.SentenceTokens) || place == "" {
		return false
	}
	s := x.d.Sentences[si]
	lo, hi := x.d.SentenceTokens[si][0], x.d.SentenceTokens[si][1]
	text := x.d.Text[s.Start:s.End]
	for off := 0; ; {
		i := strings.Index(text[off:], place)
		if i < 0 {
			return false
		}
		start, end := s.Start+off+i, s.Start+off+i+len(place)
		off += i + len(place)
		// The name's head: its token whose head lies outside it.
		h := -1
		for t := lo; t < hi; t++ {
			tk := x.d.Tokens[t]
			if tk.Start < start || tk.End > end {
				continue
			}
			if hd := tk.Head; hd < 0 || x.d.Tokens[hd].Start < start || x.d.Tokens[hd].End > end {
				h = t
				break
			}
		}
		// Up through the phrases that hold it ("Damboa area", "the town
		// of Lere") to its preposition, which must say where an event
		// word's incident happened ("attacked a post in Gabalami", not
		// "shelters were opened in Belgorod").
		for step := 0; h >= 0 && step < 4; step++ {
			for t := lo; t < hi; t++ {
				if tk := x.d.Tokens[t]; tk.Head == h && tk.Rel == "case" && slices.Contains(locativeCases, strings.ToLower(tk.Text)) && x.underEventWord(h) {
					return true
				}
			}
			switch x.d.Tokens[h].Rel {
			case "compound", "nmod:poss", "nmod", "appos", "conj", "flat":
				h = x.d.Tokens[h].Head
			default:
				h = -1
			}
		}
	}
}

// untoldIncident reports whether a report event of a long story, in which
// the narrative rules found no event, tells the story's incident: it is
// dated and one of its sentences tells it as one happening, its event word
// a verb ("were abducted and killed in January") or a singular noun ("a
// bomb exploded"), not a plural count of attacks ("has claimed dozens of
// missile and drone attacks", "would resume attacks"); and it is no
// clash between forces, which a story names in passing as the war's
// course ("the fighting near Ostriv has forced 20,000 to flee since
// March 3"). Wire stories (MUC-4's) tell their incident in words the
// narrative rules do not read, and without a casualty figure the report
// event was dropped with the commentary's (issue 10: 46 of TST1's 85
// incidents had no event).
func (x *doc) untoldIncident(ev muster.Event) bool {
	if ev.Time == nil || ev.Type == muster.EventArmedClash {
		return false
	}
	for _, e := range ev.Evidence {
		si := x.d.SentenceOf(x.offs.Bytes(muster.Span{Start: e.Start, End: e.End}).Start)
		if si < 0 || si >= len(x.d.Sentences) || si >= len(x.d.SentenceTokens) {
			continue
		}
		sp := x.d.Sentences[si]
		toks := lexWords(x.d.Text[sp.Start:sp.End])
		_, _, at := eventTrigger(toks)
		if at < 0 {
			continue
		}
		r := x.d.SentenceTokens[si]
		for i := r[0]; i < r[1]; i++ {
			if x.d.Tokens[i].Start == sp.Start+toks[at].start {
				if !pluralEventNoun(x.d, i) {
					return true
				}
				break
			}
		}
	}
	return false
}

// pluralEventNoun reports whether token i is, or modifies, a plural noun
// ("attacks"; "missile" in "missile and drone attacks").
func pluralEventNoun(d *nlp.Doc, i int) bool {
	for k := 0; k < 3; k++ {
		t := d.Tokens[i]
		switch t.Rel {
		case "compound", "conj", "amod", "nmod":
			if t.Head >= 0 && t.Head < len(d.Tokens) && t.Head != i {
				i = t.Head
				continue
			}
		}
		break
	}
	t := d.Tokens[i]
	w := strings.ToLower(t.Text)
	return t.Tag == "NOUN" && w != strings.ToLower(t.Lemma) && strings.HasSuffix(w, "s")
}
