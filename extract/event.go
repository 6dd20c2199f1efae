package extract

// Event extraction (DESIGN §2–3, issue 4): from the sentences of a news text
// or a coder's summary to muster.Events with their type, time, places,
// participants and slot claims (killed, wounded, captured, claimed_by,
// denied_by, occurred_at), each claim with the exact words that state it,
// who asserts it and how.
//
// The extractor is a set of general English patterns over words, no model
// of its own (issue 4 tunes them on the dev splits of GTD and ACLED only):
//
//   - an event starts at a sentence with an event word ("detonated",
//     "shelled", "clashed", "abducted") and takes the following sentences'
//     figures and responsibility statements until a sentence that opens
//     with another date and has an event word of its own starts another;
//     scene-setting sentences before it lend it their date, places and
//     parties;
//   - the type is the most specific event word's (air strike over drone
//     strike over shelling over bombing over arson over attack; kidnapping
//     and assassination above all); an attack or bombing aimed at a named
//     person or a leader ("opened fire on Oscar Tamayao in …", "shot and
//     killed a tribal elder") is an assassination;
//   - "intercepted", "shot down", "defused" give an outcome claim: the
//     weapon did not strike;
//   - places are the comma list after a locative ("in Kolofata,
//     Extreme-North, Cameroon"), or any list that ends in a country: the
//     country last, then the province, then the settlement first (parts of
//     a town such as "Police District 8" or "X Road" give way to the next
//     name); a lone name before the country has the open role "place";
//   - figures are the hedged number ranges of number.go next to a casualty
//     word: the subject of a passive ("two soldiers and six assailants were
//     killed" counts both, "including two civilians" counts neither, "in
//     addition to the bomber" adds one), the object of an active form
//     ("…, killing three people", "killed a tribal leader"), a singular
//     subject ("was killed"), named conjuncts ("Kaker and his son"), and
//     plural subjects that refer back to a figure ("The hostages were
//     executed"); a figure stated as a total across several attacks is kept
//     as stated; editors' bracketed notes add nothing;
//   - responsibility comes from "X claimed responsibility", "responsibility
//     was claimed by X", "X denied", and perpetrators also from "sources
//     attributed the attack to X", "carried out by X", "suspected X",
//     "suspected the involvement of X";
//   - state forces and named groups are parties: "Russian forces",
//     "Military Forces of Ukraine", "DPR positions", "Taliban militants";
//     before the event word they act, after it they are the target;
//   - a figure's source is the reported statement that holds it
//     (Attributions and Modality), else "according to X", "X said", else
//     the publisher in its own voice.

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"slices"
	"strings"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// EventExtractor names the extractor in the claims it makes.
const EventExtractor = "extract/event"

// Claim roles for places (Claim.Role on occurred_at claims): how specific
// the place is.
const (
	PlaceLocality = "locality" // a part of a settlement ("Basir Khil area")
	PlaceCity     = "city"     // the settlement: city, town, village
	PlaceAdmin1   = "admin1"   // province, state, oblast, region
	PlaceAdmin2   = "admin2"   // district, county between the settlement and the province
	PlaceCountry  = "country"
	// PlacePlace is a place whose level the text leaves open: the lone
	// name in "in Kunduz, Afghanistan" may be the town or the province.
	PlacePlace = "place"
)

// Events returns the events d's text reports, resolved against the
// publication time, with every slot a claim whose evidence quotes the text.
// Entity ids are left empty for resolution to fill. d needs only Text;
// sentences are used when present.
func Events(d *nlp.Doc, published time.Time, docID string) []muster.Event {
	var attrs []Attribution
	// The attribution model needs tokens; without them the patterns of
	// event_parties.go name the sources alone.
	if len(d.Tokens) > 0 {
		attrs = Attributions(d)
	}
	evs, _ := eventsWith(d, muster.NewOffsets(d.Text), published, docID, attrs, nil)
	return evs
}

// eventsWith is Events with the document's attributions already found, so
// that Extract runs the attribution model once, and, when dates is not
// nil, the dates of d's sentence si (spans relative to it) found once for
// both extractors. It also returns what it read in each sentence (by
// sentence index): the casualty figures, parties and places that
// Extract's narrative events take as well. offs converts d's offsets; a
// caller that has them already passes them, so that a document's are
// built once.
func eventsWith(d *nlp.Doc, offs *muster.Offsets, published time.Time, docID string, attrs []Attribution, dates func(si int) []DateMatch) ([]muster.Event, []reading) {
	x := &eventExtractor{text: d.Text, pub: published, doc: docID, lastFigure: map[string]float64{}, d: d, offs: offs}
	x.attrs = attrs
	if len(d.Sentences) == 0 {
		dates = nil // docSentences splits the text itself
	}
	sents := docSentences(d)
	x.story = len(sents) > reportSentences
	figs := make([]reading, len(sents))
	for si, s := range sents {
		var ds []DateMatch
		if dates != nil {
			ds = dates(si)
		} else if s.Valid(len(d.Text)) {
			ds = FindDates(d.Text[s.Start:s.End], published)
		}
		ds = speechLast(d, s.Start, ds)
		figs[si] = x.sentence(s, ds)
	}
	for _, h := range x.placed {
		if si := d.SentenceOf(h.span.Start); si >= 0 && si < len(figs) {
			figs[si].places = append(figs[si].places, h)
		}
	}
	return x.finish(), figs
}

// docSentences returns d's sentences, or splits the text itself at ". "
// before a capital when no segmenter ran.
func docSentences(d *nlp.Doc) []muster.Span {
	if len(d.Sentences) > 0 {
		return d.Sentences
	}
	var out []muster.Span
	t := d.Text
	start := 0
	for i := 0; i+2 < len(t); i++ {
		if (t[i] == '.' || t[i] == '!' || t[i] == '?') && t[i+1] == ' ' && 'A' <= t[i+2] && t[i+2] <= 'Z' {
			out = append(out, muster.Span{Start: start, End: i + 1})
			start = i + 2
		}
	}
	if start < len(t) {
		out = append(out, muster.Span{Start: start, End: len(t)})
	}
	return out
}

type eventExtractor struct {
	story bool // more sentences than a one-event report (reportSentences)
	d     *nlp.Doc
	offs  *muster.Offsets
	attrs []Attribution // reported statements, from Attributions
	text  string
	pub   time.Time
	doc   string
	evs   []*eventBuild
	cur   *eventBuild
	// Date and places of sentences before the first event.
	pendingDate       *DateMatch
	pendingDateSent   muster.Span
	pendingPlaces     []placeHit
	pendingPlacesSent muster.Span
	placed            []placeHit // the places given to events
	pendingParts      []muster.Participant
	// Figures seen so far, for "The hostages were killed".
	lastFigure   map[string]float64 // by counted noun
	lastCaptured float64
	// The document's UnverifiedScopes, found on first use.
	scopes     []Unverified
	scopesDone bool
}

// eventBuild is an event being assembled.
type eventBuild struct {
	ev       muster.Event
	typ      muster.EventType
	rank     int // specificity of typ
	date     string
	claims   []muster.Claim
	places   bool
	outcome  bool
	spoke    string // the day a source spoke, when that alone dates the event (by its month)
	partKeys map[string]bool
}

// sent is one sentence under analysis.
type sent struct {
	span muster.Span
	toks []wtok // spans are offsets into the whole text

	pl     []placeHit // the sentence's places, found once
	plDone bool
}

// places returns the places x finds in the sentence, looking once.
func (s *sent) places(x *eventExtractor) []placeHit {
	if !s.plDone {
		s.pl, s.plDone = x.places(s), true
	}
	return s.pl
}

// reading is what the sentence readers find in one sentence.
type reading struct {
	figures []muster.Claim // killed, wounded, captured
	// parties are the sides the words name (forces, and who claimed or
	// is blamed) in a sentence with an event word.
	parties []muster.Participant
	// places are those of the sentence that the place reader
	// (event_places.go) gives the event told there: the list that ranks
	// them ("Dikwa, Borno, Nigeria"), first where the event is told.
	places []placeHit
}

// sentence reads one sentence; dates are its dates, spans relative to it.
// It returns the sentence's figures and parties.
func (x *eventExtractor) sentence(sp muster.Span, dates []DateMatch) reading {
	if !sp.Valid(len(x.text)) || sp.Len() == 0 {
		return reading{}
	}
	toks := lexWords(x.text[sp.Start:sp.End])
	for k := range toks {
		toks[k].start += sp.Start
		toks[k].end += sp.Start
	}
	s := &sent{span: sp, toks: toks}
	typ, rank, at := eventTrigger(s.toks)
	var date *DateMatch
	dateSent := sp
	// A dateline's date ("KABUL, May 23 (dpa) –") is the report's, not
	// the event's (issue 10 item 2).
	dl := datelineLen(x.text[sp.Start:sp.End])
	for _, d := range dates {
		if d.Span.Start < dl {
			continue
		}
		d0 := d // a copy: dates may be the caller's
		date = &d0
		date.Span.Start += sp.Start
		date.Span.End += sp.Start
		break // the first: a day a source spoke comes after the others (eventDates)
	}
	cas := x.casualties(s)
	resp := x.responsibility(s)
	if typ == "" && len(cas) == 0 && len(resp) == 0 && x.cur == nil {
		// A scene-setting sentence: keep its date and places for the event
		// that follows.
		if x.pendingDate == nil && date != nil {
			x.pendingDate, x.pendingDateSent = date, sp
		}
		if x.pendingPlaces == nil {
			x.pendingPlaces, x.pendingPlacesSent = s.places(x), sp
		}
		x.pendingParts = append(x.pendingParts, x.forces(s)...)
		return reading{figures: cas}
	}
	// A new event starts at a sentence whose own event word (not just a
	// casualty word) comes with another date.
	// So does one whose event word comes with another date and other
	// places ("Russian missiles hit Odesa on Tuesday" after "Drones
	// struck Sevastopol on Monday"): a brief listing several happenings.
	// In a story longer than one report, so does one whose event word
	// comes with another day near the current event's (nearDay): a wire
	// report telling the incidents of several days.
	if x.cur == nil || rank >= 2 && date != nil && x.cur.date != "" && date.Value.From != x.cur.date && (leadingDate(s.toks, date.Span) || !backReference(s.toks, at) && (x.story && nearDay(date.Value, x.cur.ev.Time) || x.otherPlaces(s.places(x)))) {
		x.cur = &eventBuild{partKeys: map[string]bool{}}
		x.evs = append(x.evs, x.cur)
	} else if x.story && rank >= 2 && date == nil && (otherKind(typ, x.cur.typ) || typ != "" && x.cur.typ != "" && incidentOpening(s.toks)) && !backReference(s.toks, at) && !definiteOpening(s.toks) {
		// A story that goes on to another kind of act, or opens a
		// sentence with "Meanwhile" or "In another incident", not told
		// as the same actors' ("The militants set fire to the base"
		// after their raid), tells another incident on the same day:
		// "Guerrillas dynamited a bus … A grenade wounded two policemen
		// …" (issue 10: MUC-4's wire reports, one event for five
		// incidents).
		prev := x.cur
		x.cur = &eventBuild{partKeys: map[string]bool{}}
		x.evs = append(x.evs, x.cur)
		if prev.ev.Time != nil {
			v := *prev.ev.Time
			x.cur.ev.Time, x.cur.date = &v, prev.date
		}
	}
	b := x.cur
	for _, p := range x.pendingParts {
		x.addParticipant(b, p)
	}
	x.pendingParts = nil
	if typ != "" && rank > b.rank {
		b.typ, b.rank = typ, rank
		// An attack on a named person or a leader is an assassination.
		if (typ == muster.EventAttack || typ == muster.EventBombing) && personTarget(s.toks) {
			b.typ = muster.EventAssassination
		}
	}
	if typ == "" && b.typ == "" && len(cas) > 0 {
		b.typ, b.rank = muster.EventAttack, 1
	}
	if date == nil && b.ev.Time == nil && x.pendingDate != nil {
		date, dateSent = x.pendingDate, x.pendingDateSent
	}
	if date != nil && b.spoke != "" && !date.Said && shortlyBefore(date.Value, b.spoke) {
		// The month a source spoke in gives way to the event's own date
		// ("Monday's attack" after "officials said on Tuesday").
		b.ev.Time, b.spoke = nil, ""
		b.claims = slices.DeleteFunc(b.claims, func(c muster.Claim) bool { return c.Predicate == muster.PredOccurredOn })
	}
	if date != nil && b.ev.Time == nil {
		v := date.Value
		b.ev.Time = &v
		b.date = v.From
		b.spoke = date.Spoke
		b.claims = append(b.claims, x.claim(muster.PredOccurredOn, v, date.Span, dateSent, "", publisher(), muster.Asserted, 0.9))
	}
	if !b.places {
		pl, plSent := s.places(x), sp
		if len(pl) == 0 && len(x.pendingPlaces) > 0 {
			pl, plSent = x.pendingPlaces, x.pendingPlacesSent
		}
		if len(pl) > 0 {
			b.places = true
			x.placed = append(x.placed, pl...)
			for _, p := range pl {
				ref := muster.Ref{Name: p.name, Type: string(muster.EntityPlace)}
				b.ev.Places = append(b.ev.Places, ref)
				b.claims = append(b.claims, x.claim(muster.PredOccurredAt, muster.EntityValue(ref, p.name), p.span, plSent, p.role, publisher(), muster.Asserted, 0.8))
			}
		}
	}
	if typ != "" || len(b.ev.Evidence) == 0 {
		b.ev.Evidence = append(b.ev.Evidence, x.evidence(sp, sp))
	}
	for _, c := range cas {
		b.claims = append(b.claims, c)
		if c.Predicate == muster.PredCaptured && c.Object.Min != nil {
			x.lastCaptured = *c.Object.Min
		}
	}
	var parties []muster.Participant
	for _, r := range resp {
		if r.claim != nil {
			b.claims = append(b.claims, *r.claim)
		}
		if r.evidence != nil {
			b.ev.Evidence = append(b.ev.Evidence, *r.evidence)
		}
		if r.part != nil {
			x.addParticipant(b, *r.part)
			parties = append(parties, *r.part)
		}
	}
	for _, p := range x.forces(s) {
		x.addParticipant(b, p)
		parties = append(parties, p)
	}
	if sp2, ok := disrupted(s.toks); ok && !b.outcome {
		b.outcome = true
		b.claims = append(b.claims, x.claim(muster.PredOutcome, muster.TextValue(x.text[sp2.Start:sp2.End]), sp2, sp, "", publisher(), muster.Asserted, 0.7))
	}
	if typ == "" {
		parties = nil
	}
	return reading{figures: cas, parties: parties}
}

// backReference reports an event word after "the", "that" or "this":
// "claimed responsibility for the attack" tells of an event already told.
func backReference(toks []wtok, at int) bool {
	if at <= 0 {
		return false
	}
	switch toks[at-1].low {
	case "the", "that", "this", "these", "those":
		return true
	}
	return false
}

// otherPlaces reports whether a sentence names places pl and the current
// event's places are none of them.
func (x *eventExtractor) otherPlaces(pl []placeHit) bool {
	if x.cur == nil || len(x.cur.ev.Places) == 0 {
		return false
	}
	if len(pl) == 0 {
		return false
	}
	for _, p := range pl {
		for _, q := range x.cur.ev.Places {
			if strings.EqualFold(p.name, q.Name) {
				return false
			}
		}
	}
	return true
}

// disrupted finds "intercepted", "shot down", "defused": the weapon did
// not strike, an outcome claim whose text is those words.
func disrupted(toks []wtok) (muster.Span, bool) {
	for k, t := range toks {
		switch t.low {
		case "intercepted", "intercept", "intercepting", "interception":
			return muster.Span{Start: t.start, End: t.end}, true
		case "shot", "shooting":
			if k+1 < len(toks) && toks[k+1].low == "down" {
				return muster.Span{Start: t.start, End: toks[k+1].end}, true
			}
		case "defused", "defuse", "defusal", "dismantled", "disarmed", "demined", "demining":
			return muster.Span{Start: t.start, End: t.end}, true
		}
	}
	return muster.Span{}, false
}

func (x *eventExtractor) addParticipant(b *eventBuild, p muster.Participant) {
	k := p.Role + "|" + muster.NameKey(p.Entity.Name)
	if b.partKeys[k] || p.Entity.Name == "" {
		return
	}
	b.partKeys[k] = true
	b.ev.Participants = append(b.ev.Participants, p)
}

func (x *eventExtractor) finish() []muster.Event {
	out := make([]muster.Event, 0, len(x.evs))
	for _, b := range x.evs {
		ev := b.ev
		ev.Type = b.typ
		if ev.Type == "" {
			ev.Type = muster.EventOther
		}
		// Labelled as the narrative events are ("Goma shelling", "Boni
		// attack (2024-03)"): a place and a kind read on a timeline; a
		// relative day ("Wednesday") does not.
		ev.Label = strings.ReplaceAll(string(ev.Type), "_", " ")
		if len(ev.Places) > 0 {
			ev.Label = ev.Places[0].Name + " " + ev.Label
		}
		switch {
		case ev.Time == nil || len(ev.Time.From) < 7:
		case len(ev.Places) == 0:
			ev.Label += " (" + ev.Time.From + ")" // "armed clash (2023-05-22)"
		case ev.Time.Precision != muster.PrecisionDay:
			ev.Label += " (" + ev.Time.From[:7] + ")"
		}
		h := sha256.New()
		h.Write([]byte(x.doc))
		for _, e := range ev.Evidence {
			h.Write([]byte{byte(e.Start), byte(e.Start >> 8), byte(e.Start >> 16), '|'})
		}
		h.Write([]byte(ev.Type))
		ev.ID = "v_" + hex.EncodeToString(h.Sum(nil))[:16]
		for _, c := range b.claims {
			c.Subject = ev.Ref()
			c.SetID()
			ev.Claims = append(ev.Claims, c)
		}
		if ev.Evidence == nil {
			ev.Evidence = []muster.Evidence{}
		}
		out = append(out, ev)
	}
	return out
}

func publisher() muster.Attribution {
	return muster.Attribution{Type: muster.SourcePublisher, Name: "publisher"}
}

// evidence returns the Evidence for a byte span of the text inside sentence
// sp, in code points.
func (x *eventExtractor) evidence(span, sp muster.Span) muster.Evidence {
	c := x.offs.Chars(span)
	s := x.offs.Chars(sp)
	return muster.Evidence{Document: x.doc, Start: c.Start, End: c.End, Quote: x.text[span.Start:span.End], Sentence: &s}
}

func (x *eventExtractor) claim(p muster.Predicate, v muster.Value, span, sp muster.Span, role string, a muster.Attribution, m muster.Modality, conf float64) muster.Claim {
	switch p {
	case muster.PredKilled, muster.PredWounded, muster.PredCaptured:
		// A figure inside a reported statement takes its source and
		// modality from the attribution model.
		if src, ok := x.reportedBy(span); ok {
			if !x.scopesDone {
				x.scopes, x.scopesDone = UnverifiedScopes(x.d), true
			}
			a, m = src, modality(x.d, span, x.attrs, x.scopes)
		}
	}
	return muster.Claim{
		Predicate: p, Object: v, Role: role, AttributedTo: a, Modality: m,
		Evidence: []muster.Evidence{x.evidence(span, sp)}, Extractor: EventExtractor, Confidence: conf,
	}
}

// reportedBy returns the source of the reported statement whose content
// holds span, when Attributions found one with a named source.
func (x *eventExtractor) reportedBy(span muster.Span) (muster.Attribution, bool) {
	for _, a := range x.attrs {
		if a.Content.Contains(span) && a.Source.Len() > 0 && a.Source.Valid(len(x.text)) {
			return sourceOf(x.text[a.Source.Start:a.Source.End]), true
		}
	}
	return muster.Attribution{}, false
}

// ---- event type ----

// eventTrigger returns the most specific event type a sentence's words
// name, its rank and the token index of the word. It reads only the
// lexicon: its report words, its multi-word triggers ("opened fire",
// "set … on fire"), its compounds that are no trigger ("gold mine",
// "burned to death"), its weak words (read only near a strike verb:
// "aircraft") and its lifters ("air forces", "small arms").
func eventTrigger(toks []wtok) (muster.EventType, int, int) {
	var typ muster.EventType
	rank, at := 0, -1
	taken := make([]bool, len(toks))
	for k, t := range toks {
		if t.kind != 'w' || taken[k] {
			continue
		}
		tr := triggerLex.row("report", t.low)
		if p, words, ok := triggerLex.phraseAt(toks, k); ok {
			for _, j := range words {
				taken[j] = true
			}
			tr = p.row
		} else if tr != nil && triggerLex.has("weak", t.low) && !nearUse(toks, k, weakWindow, "strikeverb") {
			continue
		}
		if tr != nil && tr.Rank > rank {
			typ, rank, at = tr.Type, tr.Rank, k
		}
	}
	return triggerLex.lift(toks, typ, rank, at)
}

// weakWindow is how near a weak word's strike verb stands.
const weakWindow = 4

// nearUse reports whether a word the lexicon's use reads stands within n
// tokens of toks[k].
func nearUse(toks []wtok, k, n int, use string) bool {
	for j := max(0, k-n); j < min(len(toks), k+n+1); j++ {
		if triggerLex.has(use, toks[j].low) {
			return true
		}
	}
	return false
}

// leadingDate reports whether a sentence opens with its date ("On 5 May,
// …", "05/05/2021: …"): only such a sentence starts a new event, while a
// date inside one ("fighting lasted until 9 October") belongs to the same.
func leadingDate(toks []wtok, date muster.Span) bool {
	for k := 0; k < len(toks) && k < 4; k++ {
		if toks[k].start == date.Start {
			return true
		}
	}
	return false
}

// personPlaces are a person's things an attack on which targets the
// person: "the residence of", "the vehicle of".
var personPlaces = map[string]bool{
	"residence": true, "vehicle": true, "convoy": true, "home": true, "house": true, "car": true,
	"office": true, "motorcade": true, "bodyguards": true, "compound": true, "farmhouse": true,
}

// targetPreps introduce the target of an attack, as do the lexicon's
// target verbs ("targeting", "shot").
var targetPreps = map[string]bool{"at": true, "against": true, "of": true, "on": true}

// leaderTitles are the people whose killing is an assassination.
var leaderTitles = map[string]bool{
	"governor": true, "mayor": true, "judge": true, "justice": true, "elder": true, "leader": true,
	"chief": true, "commander": true, "councilor": true, "councillor": true, "director": true,
	"journalist": true, "head": true, "legislator": true, "lawmaker": true, "senator": true,
	"minister": true, "chairman": true, "candidate": true, "politician": true, "mp": true,
	"registrar": true, "headman": true, "administrator": true,
}

// personTarget reports whether a sentence's attack targets one person: a
// name ("opened fire on Oscar Tamayao in …", "targeting the convoy of
// Amir Khan Yar, a …") or a leader ("shot and killed a tribal elder").
func personTarget(toks []wtok) bool {
	for k, t := range toks {
		if !(targetPreps[t.low] || triggerLex.has("targetverb", t.low)) || t.kind != 'w' {
			continue
		}
		j := k + 1
		home := j+2 < len(toks) && toks[j].low == "the" && toks[j+2].low == "of" && personPlaces[toks[j+1].low]
		if (t.low == "on" || t.low == "at" || t.low == "against" || t.low == "of") && !home && !(t.low == "on" && k > 0 && (toks[k-1].low == "fire" || toks[k-1].low == "assault")) {
			continue
		}
		// "the residence of", "the vehicle of"
		if home {
			j += 3
		}
		// a leader title within a short noun phrase
		for m := j; m < min(len(toks), j+5) && toks[m].kind == 'w' && !npBoundary(toks[m].low); m++ {
			if leaderTitles[toks[m].low] {
				return true
			}
		}
		// a name of two or more capitalised words, then "in"/"at"/", a"/"."
		m := j
		for m < len(toks) && m-j < 4 && !toks[m].upper && toks[m].kind == 'w' && !npBoundary(toks[m].low) {
			m++
		}
		n := m
		for n < len(toks) && toks[n].upper && toks[n].kind == 'w' {
			n++
		}
		if n-m >= 2 && n < len(toks) {
			switch toks[n].low {
			case "in", "at", ".", "with", "near", "on":
				return true
			case ",":
				if n+1 < len(toks) && (toks[n+1].low == "a" || toks[n+1].low == "an" || toks[n+1].low == "the") {
					return true
				}
			}
		}
	}
	return false
}

// speechLast orders the dates ds of the sentence that starts at byte base
// for dating an event it tells: a date the parse gives to a verb of
// speech ("officials said on Tuesday", "claimed responsibility on Friday",
// "rejected claims on Tuesday": saidOn) is the day a source spoke, so it
// comes last, cut to its month and marked Said: it dates the event only
// when nothing else does, and then only by the month the source spoke in.
func speechLast(d *nlp.Doc, base int, ds []DateMatch) []DateMatch {
	var own, said []DateMatch
	for _, m := range ds {
		if saidOn(d, muster.Span{Start: base + m.Span.Start, End: base + m.Span.End}) {
			m.Said, m.Spoke = true, m.Value.From
			m.Value = monthOf(m.Value)
			said = append(said, m)
			continue
		}
		own = append(own, m)
	}
	if len(said) == 0 {
		return ds
	}
	return append(own, said...)
}

// speechLex is the attribution lexicon, read here for the verbs whose
// date is the day a source spoke (saidOn).
var speechLex = newCueLexicon()

// saidOn reports whether the parse makes the date at span (bytes of d's
// text) a dependent of a verb of saying, claiming, denying or reporting
// ("officials said on Tuesday"), of a noun of what was said ("rejected
// claims on Tuesday"), or of a verb whose object is a statement ("issued a
// statement on Wednesday"):
// the day a source spoke, not the day of the event it told of.
func saidOn(d *nlp.Doc, span muster.Span) bool {
	si := d.SentenceOf(span.Start)
	if si < 0 || si >= len(d.SentenceTokens) || !parsed(d) {
		return false
	}
	lo, hi := d.SentenceTokens[si][0], d.SentenceTokens[si][1]
	inside := func(t int) bool { return d.Tokens[t].Start >= span.Start && d.Tokens[t].End <= span.End }
	for t := lo; t < hi; t++ {
		if !inside(t) || d.Tokens[t].Head >= 0 && inside(d.Tokens[t].Head) {
			continue
		}
		h := d.Tokens[t].Head
		if h >= 0 && d.Tokens[h].Tag == "NOUN" {
			return speechNouns[d.Tokens[h].Lemma] // "rejected claims on Tuesday"
		}
		if h < 0 || d.Tokens[h].Tag != "VERB" {
			return false
		}
		if speechVerbLemma(d.Tokens[h].Lemma) { // not "fighting continued on Monday"
			return true
		}
		for c := lo; c < hi; c++ {
			if d.Tokens[c].Head == h && d.Tokens[c].Rel == "obj" && d.Tokens[c].Lemma == "statement" {
				return true
			}
		}
		return false
	}
	return false
}

//go:embed patterns/incident_openers.txt
var incidentOpenersTxt string

// incidentOpeners are the words that open a sentence telling another
// incident (patterns/incident_openers.txt), as word lists.
var incidentOpeners = func() [][]string {
	var out [][]string
	for _, l := range strings.Split(incidentOpenersTxt, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, strings.Fields(l))
		}
	}
	return out
}()

// incidentOpening reports a sentence that opens with an incident opener
// ("Meanwhile, …", "In another incident, …").
func incidentOpening(toks []wtok) bool {
	var w []string
	for _, t := range toks {
		if t.kind == 'w' {
			w = append(w, t.low)
		}
	}
	return opensWithOpener(w)
}

// opensWithOpener reports whether the lower-case words w open with an
// incident opener.
func opensWithOpener(w []string) bool {
	for _, o := range incidentOpeners {
		if len(w) >= len(o) && slices.Equal(w[:len(o)], o) {
			return true
		}
	}
	return false
}

// definiteOpening reports a sentence that opens with a definite word or
// a pronoun ("The militants …", "They …", "Its fighters …"): it goes on
// telling of those the story has named.
func definiteOpening(toks []wtok) bool {
	for _, t := range toks {
		if t.kind != 'w' {
			continue
		}
		switch t.low {
		case "the", "this", "these", "those", "that", "its", "their", "they", "he", "she", "it", "his", "her":
			return true
		}
		return false
	}
	return false
}

// otherKind reports whether a and b are different kinds of terrorist
// act as the coders tell them apart: the lexicon's MUC-4 incident types
// of their head rows (a bombing, a kidnapping, an arson, an attack; an
// assassination and a raid are attacks). Fights, shelling and the rest
// have none.
func otherKind(a, b muster.EventType) bool {
	kind := func(t muster.EventType) string {
		if h := triggerLex.heads[t]; h != nil {
			return h.MUC4
		}
		return ""
	}
	return kind(a) != "" && kind(b) != "" && kind(a) != kind(b)
}

// nearDay reports whether v and cur are days, not months or years, and
// v is within a month of cur: a wire report that tells of incidents on
// several days ("a bomb destroyed a bus yesterday … guerrillas burned two
// farms on 12 January") tells of several incidents, whereas a day inside
// the month a story dated its incident by ("in October … on Monday")
// dates that incident, and a date further off is background the
// narrative rules date apart.
func nearDay(v muster.Value, cur *muster.Value) bool {
	if v.Precision != muster.PrecisionDay || cur == nil || cur.Precision != muster.PrecisionDay {
		return false
	}
	day, err := time.Parse("2006-01-02", cur.From)
	return err == nil && v.From <= day.AddDate(0, 0, 31).Format("2006-01-02") && v.From >= day.AddDate(0, 0, -31).Format("2006-01-02")
}

// shortlyBefore reports whether day v falls on the day a source spoke
// (spoke) or in the month before it: an event's own day that can replace
// the month the source spoke in ("Monday’s attack" told on Tuesday),
// unlike a later day or the date of something else the story recalls
// ("founded in 2019").
func shortlyBefore(v muster.Value, spoke string) bool {
	if v.Precision != muster.PrecisionDay {
		return false
	}
	day, err := time.Parse("2006-01-02", spoke)
	return err == nil && v.From <= spoke && v.From >= day.AddDate(0, -1, 0).Format("2006-01-02")
}

// speechNouns are the nouns of what a source said whose date is the day
// it spoke ("a statement on Wednesday", "claims on Tuesday").
var speechNouns = map[string]bool{"claim": true, "statement": true, "denial": true, "announcement": true}

// monthOf is date v cut to its month: "on Tuesday" said in May 2023 dates
// what was said to May 2023.
func monthOf(v muster.Value) muster.Value {
	t, err := time.Parse("2006-01-02", v.From)
	if err != nil || v.Precision == muster.PrecisionMonth || v.Precision == muster.PrecisionYear {
		return v
	}
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	v.From, v.To, v.Precision = first.Format("2006-01-02"), first.AddDate(0, 1, -1).Format("2006-01-02"), muster.PrecisionMonth
	return v
}
