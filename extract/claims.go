package extract

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/muster-osint/muster"
)

// draft is a claim before its entities get their final names: subjects and
// objects are local entity indexes. Spans count bytes.
type draft struct {
	subj   int // local entity, or -1 when the subject is an event
	event  int // local event, or -1
	pred   muster.Predicate
	obj    muster.Value
	objEnt int // local entity named by the object, or -1
	ev     muster.Span
	sent   int
	role   string
	time   *muster.Value
	place  int
	conf   float64
	// extra evidence, such as the outlet's disclaimer
	more []muster.Span
	attr muster.Attribution
	mod  muster.Modality
}

// Extract finds the entities, claims and events of one document.
func Extract(in Input) *Result {
	x := newDoc(in)
	x.attrs = Attributions(x.d)

	x.aliasPatterns()
	x.narrativeEvents()
	x.sentencePatterns()
	x.profilePatterns()
	x.attribute()
	r := x.result()
	x.mergeReports(r, eventsWith(x.d, x.in.Published, x.in.DocID, x.attrs, x.sentenceDates))
	x.mergeIncidents(r)
	x.dropVagueEvents(r)
	x.learnedParties(r)
	return r
}

// subjectsIn returns the entities denoted by the mentions inside span, in
// order: a plural nominal gives all of its set.
func (x *doc) subjectsIn(s muster.Span, types ...muster.EntityType) []int {
	var out []int
	seen := map[int]bool{}
	add := func(e int) {
		if e >= 0 && !seen[e] && typeIn(x.ents[e].typ, types) {
			seen[e] = true
			out = append(out, e)
		}
	}
	for i, m := range x.ments {
		if m.Start < s.Start || m.End > s.End {
			continue
		}
		if set, ok := x.sets[i]; ok {
			for _, e := range set {
				add(e)
			}
			continue
		}
		add(m.ent)
	}
	return out
}

func typeIn(t muster.EntityType, types []muster.EntityType) bool {
	if len(types) == 0 {
		return true
	}
	for _, u := range types {
		if t == u {
			return true
		}
	}
	return false
}

// lastSubject returns the entities of the last mention (or set) in span
// of one of the types: the nearest antecedent to the left.
func (x *doc) lastSubject(s muster.Span, types ...muster.EntityType) []int {
	return x.subjectIn(s, true, types)
}

// firstSubject returns the entities of the first mention (or set) in span.
func (x *doc) firstSubject(s muster.Span, types ...muster.EntityType) []int {
	return x.subjectIn(s, false, types)
}

// subjectIn returns the entities of the first (or, fromEnd, the last)
// mention in span of one of the types; a plural nominal gives its set.
func (x *doc) subjectIn(s muster.Span, fromEnd bool, types []muster.EntityType) []int {
	for k := range x.ments {
		i := k
		if fromEnd {
			i = len(x.ments) - 1 - k
		}
		m := x.ments[i]
		if m.Start < s.Start || m.End > s.End {
			continue
		}
		if set, ok := x.sets[i]; ok && typeIn(muster.EntityArmedGroup, types) {
			return set
		}
		if m.ent >= 0 && typeIn(x.ents[m.ent].typ, types) {
			return []int{m.ent}
		}
	}
	return nil
}

var groupish = []muster.EntityType{muster.EntityArmedGroup}
var actorish = []muster.EntityType{muster.EntityArmedGroup, muster.EntityStateForce, muster.EntityPerson, muster.EntityOrganization}

func (x *doc) add(d draft) {
	// A rule's span arithmetic must never leave the text: drop the claim
	// rather than quote what is not there.
	if !d.ev.Valid(len(x.d.Text)) || d.ev.Len() == 0 {
		return
	}
	// "It is unclear whether it was formed in 2021" asserts nothing.
	if openQuestion(x.d, d.ev) {
		return
	}
	if d.place == 0 && d.event < 0 {
		d.place = -1
	}
	if d.conf == 0 {
		d.conf = 0.8
	}
	x.drafts = append(x.drafts, d)
}

// sentencePatterns runs the claim patterns of DESIGN §3 over every
// sentence.
func (x *doc) sentencePatterns() {
	for si, s := range x.d.Sentences {
		text := x.d.Text[s.Start:s.End]
		hits := sentencePatternKeys.match(x.lowerSent(si))
		for pi, p := range sentencePatterns {
			if hits&(1<<pi) == 0 {
				continue
			}
			for _, loc := range p.re.FindAllStringSubmatchIndex(text, -1) {
				p.fn(x, si, s.Start, text, loc)
			}
		}
	}
}

// sentencePatternKeys finds which sentence patterns have a keyword in a
// sentence, in one pass.
var sentencePatternKeys = func() *keywordSet {
	keys := make([][]string, len(sentencePatterns))
	for i, p := range sentencePatterns {
		keys[i] = p.keys
	}
	return newKeywordSet(keys)
}()

// span returns the absolute byte span of submatch g of loc.
func sub(base int, loc []int, g int) muster.Span {
	if loc[2*g] < 0 {
		return muster.Span{Start: -1, End: -1}
	}
	return muster.Span{Start: base + loc[2*g], End: base + loc[2*g+1]}
}

type phrasePattern struct {
	name string
	re   *regexp.Regexp
	fn   func(x *doc, si, base int, text string, loc []int)
	// keys are lower-case words one of which the sentence must contain for
	// the pattern to match: a cheap test that spares most regexp runs.
	keys []string
}

// foundWords mark the founding patterns.
var foundWords = []string{"formed", "founded", "established", "created", "set up", "launched"}

// containsAny reports whether s contains one of subs (none: always).
func containsAny(s string, subs []string) bool {
	if len(subs) == 0 {
		return true
	}
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

var sentencePatterns = []phrasePattern{
	// "The Northern Brigade was formed in June 2021"
	// "Set up in May 2014 by Ivan Petrov, the battalion …"
	{"size", regexp.MustCompile(`(?i)\b(?:troops|fighters|members|soldiers|men|militants|volunteers|personnel|combatants|recruits|mercenaries)\b`), (*doc).size, []string{"troops", "fighters", "members", "soldiers", " men", "militants", "volunteers", "personnel", "combatants", "recruits", "mercenaries"}},
	{"size-joined", regexp.MustCompile(`(?i)\b(?:have|has)\s+(?:coalesced|joined|enlisted|signed up|banded together)\s+(?:into|in|with)?\b`), (*doc).sizeJoined, []string{"coalesced", "joined", "enlisted", "signed up", "banded"}},
	{"fights-for", regexp.MustCompile(`(?i)\b(?:fought|fighting|fights|fight|fighting on the side of)\s+for\s+`), (*doc).fightsFor, []string{"fight", "fought"}},
	{"opposes", regexp.MustCompile(`(?i)\b(?:opposed to|in opposition to|against|to overthrow|to topple|to oust|oppose|opposes)\s+`), (*doc).opposes, []string{"oppos", "against", "overthrow", "topple", "oust"}},
	{"founder", regexp.MustCompile(`(?i)\b(founded|formed|created|established|set up)\s+the\s+`), (*doc).personFounded, foundWords},
	{"ties", regexp.MustCompile(`(?i)\b(?:had|has|have|with)\s+(?:close\s+)?(?:ties|links|connections)\s+(?:with|to)\s+`), (*doc).ties, []string{"ties", "links", "connections"}},
	{"citizen", regexp.MustCompile(`(?i)\b(?:is|was)\s+an?\s+([A-Z][a-z]+)\s+(?:citizen|national)\b(?:\s+and\s+([^.;]+))?`), (*doc).citizen, []string{"citizen", "national"}},
	// "The battalion’s commander is Ivan Petrov", "Its leader, Ivan Petrov,",
	// "RDK commander Ivan Petrov", "Ivan Petrov, the commander of the RDK"
	{"outcome", regexp.MustCompile(`(?i)\b(?:claimed|said|insisted|announced)\s+(?:that\s+)?the\s+(?:raid|attack|operation|incursion|assault|offensive)\s+(?:was|had been)\s+((?:a\s+)?(?:successful|success|failure|failed|repelled|repulsed|a victory|over|completed))`), (*doc).outcome, []string{"raid", "attack", "operation", "incursion", "assault", "offensive"}},
}

// entityAfter returns the first entity (or set) mentioned in [from, end of
// sentence si), of the types.
func (x *doc) entityAfter(si, from int, types ...muster.EntityType) []int {
	s := x.d.Sentences[si]
	return x.firstSubject(muster.Span{Start: from, End: s.End}, types...)
}

// dateMatch returns the first date inside span with its absolute span.
func (x *doc) dateMatch(s muster.Span) (muster.Value, muster.Span, bool) {
	// Within one sentence, from the sentence's dates found once.
	if si := x.d.SentenceOf(s.Start); si >= 0 && s.End <= x.d.Sentences[si].End {
		base := x.d.Sentences[si].Start
		for _, d := range x.sentenceDates(si) {
			abs := muster.Span{Start: base + d.Span.Start, End: base + d.Span.End}
			if s.Contains(abs) {
				return d.Value, abs, true
			}
		}
		return muster.Value{}, muster.Span{}, false
	}
	ds := FindDates(x.d.Text[s.Start:s.End], x.in.Published)
	if len(ds) == 0 {
		return muster.Value{}, muster.Span{}, false
	}
	return ds[0].Value, muster.Span{Start: s.Start + ds[0].Span.Start, End: s.Start + ds[0].Span.End}, true
}

// sentenceDates returns the dates of sentence si (spans relative to it),
// found once per sentence.
func (x *doc) sentenceDates(si int) []DateMatch {
	if x.dates == nil {
		x.dates = make([][]DateMatch, len(x.d.Sentences))
		x.datesDone = make([]bool, len(x.d.Sentences))
	}
	if !x.datesDone[si] {
		s := x.d.Sentences[si]
		x.dates[si] = FindDates(x.d.Text[s.Start:s.End], x.in.Published)
		x.datesDone[si] = true
	}
	return x.dates[si]
}

// adjacent reports whether mention m starts at off, or after only its
// own title ("opposed to President Vladimir Putin").
func (x *doc) adjacent(off int, m mention) bool {
	if m.Start <= off+1 {
		return true
	}
	gap := strings.TrimSpace(x.d.Text[off:m.Start])
	switch strings.ToLower(gap) {
	case "the", "a", "an":
		return true
	}
	return m.role != "" && strings.HasSuffix(gap, m.role) && len(gap) == len(m.role)
}

// mentionAt returns the index of the first mention starting at or after off
// in the same sentence, or -1.
func (x *doc) mentionAt(off int) int {
	si := x.d.SentenceOf(off)
	if x.mentsOrdered() {
		// Binary search to the first mention at or after off, then on
		// while the sentence can still be si: the same answer as the scan
		// below, without a pass over all mentions per call (issue 14).
		i, _ := slices.BinarySearchFunc(x.ments, off, func(m mention, off int) int { return cmp.Compare(m.Start, off) })
		for ; i < len(x.ments) && x.ments[i].sent <= si; i++ {
			if x.ments[i].sent == si {
				return i
			}
		}
		return -1
	}
	for i, m := range x.ments {
		if m.Start >= off && m.sent == si {
			return i
		}
	}
	return -1
}

// phraseEnd returns the end of the noun phrase or clause starting at off:
// the next comma, semicolon or sentence end, whichever is first.
func (x *doc) phraseEnd(si, off int) int {
	s := x.d.Sentences[si]
	rest := x.d.Text[off:s.End]
	end := len(rest)
	for _, stop := range []string{",", ";", " — ", " – ", " according to "} {
		if i := strings.Index(rest, stop); i >= 0 && i < end {
			end = i
		}
	}
	end = len(strings.TrimRight(rest[:end], ".!?”\" "))
	return off + end
}

// listGapRE is what may stand between the names of a list: a bracketed
// acronym, a comma or "and", and an article.
var listGapRE = regexp.MustCompile(`^(?:\s*\([^()]{1,40}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+)(?:the\s+)?$|^(?:the\s+)?$`)

// groupList returns the mentions of the armed groups listed from byte
// offset at: "the A, the B and the C".
func (x *doc) groupList(si, at int) []int {
	var out []int
	prev := at
	for i, mm := range x.ments {
		if mm.sent != si || mm.Start < at || mm.ent < 0 {
			continue
		}
		if mm.Start < prev || !listGapRE.MatchString(x.d.Text[prev:mm.Start]) || x.ents[mm.ent].typ != muster.EntityArmedGroup {
			break
		}
		if len(out) == 0 || x.ments[out[len(out)-1]].ent != mm.ent {
			out = append(out, i)
		}
		prev = mm.End
	}
	return out
}

// casualtyWords mark a figure as a count of dead or hurt, not of members.
var casualtyWordRE = regexp.MustCompile(`(?i)\b(killed|died|dead|wounded|injured|captured|taken prisoner|lost|casualties)\b`)

func (x *doc) size(si, base int, text string, loc []int) {
	s := x.d.Sentences[si]
	if casualtyWordRE.MatchString(text) {
		return
	}
	unit := sub(base, loc, 0)
	// The figure right before the unit, allowing an adjective or two.
	var num *NumberMatch
	dates := x.sentenceDates(si)
	for _, n := range FindNumbers(x.d.Text[s.Start:unit.Start]) {
		if inDates(n.Span, dates) {
			continue
		}
		gap := x.d.Text[s.Start+n.Span.End : unit.Start]
		if len(strings.Fields(gap)) <= 2 {
			n := n
			num = &n
		}
	}
	if num == nil {
		return
	}
	// The group they belong to: after "in/of/with/into" within the sentence.
	after := x.d.Text[unit.End:s.End]
	if !sizeGroupRE.MatchString(after) {
		x.sizeHas(si, num, unit)
		return
	}
	g := x.entityAfter(si, unit.End, groupish...)
	if g == nil {
		return
	}
	gm := x.mentionAt(unit.End)
	end := unit.End
	if gm >= 0 {
		end = x.ments[gm].End
	}
	v := num.Value
	v.Unit = strings.ToLower(x.d.Text[unit.Start:unit.End])
	v.Text = x.d.Text[s.Start+num.Span.Start : unit.End]
	for _, e := range g {
		x.add(draft{subj: e, event: -1, pred: muster.PredSize, obj: v, objEnt: -1, ev: muster.Span{Start: s.Start + num.Span.Start, End: end}, sent: si})
	}
}

// sizeHasRE is the verb between a group and the figure of its size:
// "the battalion has about 300 fighters", "the unit now numbers 1,500
// men", "it claims to have 30,000 fighters".
var sizeHasRE = regexp.MustCompile(`^\s+(?:(?:now|still|already|reportedly|currently)\s+)?(?:(?:claims|claimed|says|said)\s+(?:it\s+|to\s+)?)?(?:has|had|have|numbers|numbered|counts|counted|fields|fielded|comprises|comprised|includes|included)\s+$`)

// sizeHas: the group is the subject and the figure the object of its
// verb ("He said the battalion has about 300 fighters").
func (x *doc) sizeHas(si int, num *NumberMatch, unit muster.Span) {
	s := x.d.Sentences[si]
	numStart := s.Start + num.Span.Start
	for i := len(x.ments) - 1; i >= 0; i-- {
		m := x.ments[i]
		if m.sent != si || m.End > numStart {
			continue
		}
		if m.ent < 0 || x.ents[m.ent].typ != muster.EntityArmedGroup || !sizeHasRE.MatchString(x.d.Text[m.End:numStart]) {
			return
		}
		v := num.Value
		v.Unit = strings.ToLower(x.d.Text[unit.Start:unit.End])
		v.Text = x.d.Text[numStart:unit.End]
		x.add(draft{subj: m.ent, event: -1, pred: muster.PredSize, obj: v, objEnt: -1, ev: muster.Span{Start: m.Start, End: unit.End}, sent: si})
		return
	}
}

// sizeJoined: "Several hundred Chechens have joined a unit
// called the Kastus Kalinouski regiment" — the figure counts the group.
func (x *doc) sizeJoined(si, base int, text string, loc []int) {
	m := sub(base, loc, 0)
	s := x.d.Sentences[si]
	nums := FindNumbers(x.d.Text[s.Start:m.Start])
	if len(nums) == 0 || casualtyWordRE.MatchString(text) {
		return
	}
	n := nums[len(nums)-1]
	// Only the figure and its people noun may stand before the verb.
	if len(strings.Fields(x.d.Text[s.Start+n.Span.End:m.Start])) > 2 {
		return
	}
	g := x.entityAfter(si, m.End, groupish...)
	if g == nil {
		return
	}
	var gEnd int
	for _, mm := range x.ments {
		if mm.Start >= m.End && mm.ent == g[0] {
			gEnd = mm.End
			break
		}
	}
	if gEnd == 0 {
		return
	}
	v := n.Value
	v.Text = strings.TrimSpace(x.d.Text[s.Start+n.Span.Start : m.Start])
	x.add(draft{subj: g[0], event: -1, pred: muster.PredSize, obj: v, objEnt: -1, ev: muster.Span{Start: s.Start + n.Span.Start, End: gEnd}, sent: si, conf: 0.7})
}

func (x *doc) fightsFor(si, base int, text string, loc []int) {
	m := sub(base, loc, 0)
	obj := x.entityAfter(si, m.End, muster.EntityPlace, muster.EntityStateForce, muster.EntityOrganization, muster.EntityArmedGroup)
	om := x.mentionAt(m.End)
	if obj == nil || om < 0 || x.ments[om].Start > m.End+2 {
		return
	}
	subj := x.lastSubject(muster.Span{Start: x.d.Sentences[si].Start, End: m.Start}, groupish...)
	if subj == nil {
		subj = x.entityAfter(si, x.ments[om].End, groupish...)
	}
	if subj == nil {
		return
	}
	ev := muster.Span{Start: m.Start, End: x.ments[om].End}
	var t *muster.Value
	if v, ds, ok := x.dateMatch(muster.Span{Start: ev.End, End: x.phraseEnd(si, ev.End)}); ok && strings.HasPrefix(strings.TrimSpace(x.d.Text[ev.End:ds.Start]), "") && ds.Start-ev.End < 4 {
		t = &v
		ev.End = ds.End
	}
	for _, e := range subj {
		x.add(draft{subj: e, event: -1, pred: muster.PredFightsFor, objEnt: obj[0], ev: ev, sent: si, time: t})
	}
}

func (x *doc) opposes(si, base int, text string, loc []int) {
	m := sub(base, loc, 0)
	om := x.mentionAt(m.End)
	if om < 0 || x.ments[om].ent < 0 || !x.adjacent(m.End, x.ments[om]) {
		return
	}
	objEnts := []int{x.ments[om].ent}
	objEnd := x.ments[om].End
	// "overthrow Putin and Russian elites": every entity joined by "and".
	if om+1 < len(x.ments) && x.ments[om+1].sent == si && strings.TrimSpace(x.d.Text[objEnd:x.ments[om+1].Start]) == "and" && x.ments[om+1].ent >= 0 {
		objEnts = append(objEnts, x.ments[om+1].ent)
		objEnd = x.ments[om+1].End
	}
	cue := strings.ToLower(x.d.Text[m.Start:m.End])
	var subj []int
	if strings.HasPrefix(cue, "against") {
		// "fought … against X": the fighting verb must be in the clause.
		pre := x.d.Text[x.d.Sentences[si].Start:m.Start]
		if !fightWordRE.MatchString(pre) {
			return
		}
	}
	subj = x.lastSubject(muster.Span{Start: x.d.Sentences[si].Start, End: m.Start}, groupish...)
	if subj == nil {
		return
	}
	for _, e := range subj {
		for _, o := range objEnts {
			if o == e {
				continue
			}
			x.add(draft{subj: e, event: -1, pred: muster.PredOpposes, objEnt: o, ev: muster.Span{Start: m.Start, End: objEnd}, sent: si})
		}
	}
}

func (x *doc) ties(si, base int, text string, loc []int) {
	m := sub(base, loc, 0)
	subj := x.lastSubject(muster.Span{Start: x.d.Sentences[si].Start, End: m.Start}, actorish...)
	if subj == nil {
		return
	}
	// The object may come after an apposition: "ties with a far-right unit
	// of Ukraine’s military, the Azov regiment".
	s := x.d.Sentences[si]
	var obj []int
	var om int = -1
	for i, mm := range x.ments {
		if mm.sent == si && mm.Start >= m.End && mm.ent >= 0 && !mm.nominal {
			t := x.ents[mm.ent].typ
			if t == muster.EntityArmedGroup || t == muster.EntityPerson || t == muster.EntityOrganization {
				obj, om = []int{mm.ent}, i
				break
			}
		}
	}
	if obj == nil {
		return
	}
	_ = s
	for _, e := range subj {
		x.add(draft{subj: e, event: -1, pred: muster.PredTiesTo, objEnt: obj[0], ev: muster.Span{Start: m.Start, End: x.ments[om].End}, sent: si, time: x.beforeFounding(si)})
	}
}

// beforeFounding gives "before founding X" as a text time qualifier.
func (x *doc) beforeFounding(si int) *muster.Value {
	s := x.d.Sentences[si]
	if loc := beforeRE.FindStringIndex(x.d.Text[s.Start:s.End]); loc != nil {
		v := muster.TextValue(x.d.Text[s.Start+loc[0] : s.Start+loc[1]])
		return &v
	}
	return nil
}

func (x *doc) citizen(si, base int, text string, loc []int) {
	m := sub(base, loc, 0)
	dem := strings.ToLower(x.d.Text[sub(base, loc, 1).Start:sub(base, loc, 1).End])
	country, ok := demonymCountry[dem]
	if !ok {
		return
	}
	subj := x.lastSubject(muster.Span{Start: x.d.Sentences[si].Start, End: m.Start}, muster.EntityPerson)
	if subj == nil {
		return
	}
	v := muster.TextValue(country)
	cit := sub(base, loc, 0)
	citEnd := cit.Start + strings.Index(strings.ToLower(x.d.Text[cit.Start:cit.End]), "citizen") + len("citizen")
	x.add(draft{subj: subj[0], event: -1, pred: muster.PredCitizenship, obj: v, objEnt: -1, ev: muster.Span{Start: m.Start, End: citEnd}, sent: si})
	if r := sub(base, loc, 2); r.Start >= 0 {
		end := r.End
		x.add(draft{subj: subj[0], event: -1, pred: muster.PredRole, obj: muster.TextValue(x.d.Text[r.Start:end]), objEnt: -1, ev: muster.Span{Start: m.Start, End: end}, sent: si, conf: 0.6})
	}
}

// outcome: "claimed the raid was successful" — the outcome of the event the
// sentence refers to, as its speaker tells it.
func (x *doc) outcome(si, base int, text string, loc []int) {
	ev := x.eventOfSentence(si)
	if ev < 0 {
		return
	}
	m := sub(base, loc, 0)
	o := sub(base, loc, 1)
	x.add(draft{subj: -1, event: ev, pred: muster.PredOutcome, obj: muster.TextValue(x.d.Text[o.Start:o.End]), objEnt: -1, ev: muster.Span{Start: m.Start, End: o.End}, sent: si, conf: 0.6})
}

// personFounded: "Denis Kapustin … founded the Russian Volunteer Corps
// (RDK) in August last year".
func (x *doc) personFounded(si, base int, text string, loc []int) {
	m := sub(base, loc, 0)
	if beforeFoundingRE.MatchString(x.d.Text[x.d.Sentences[si].Start:m.Start]) {
		return // "Before founding" is founding()'s
	}
	gm := x.mentionAt(m.End)
	if gm < 0 || x.ments[gm].ent < 0 || x.ents[x.ments[gm].ent].typ != muster.EntityArmedGroup || x.ments[gm].Start > m.End+1 {
		return
	}
	who := x.firstSubject(muster.Span{Start: x.d.Sentences[si].Start, End: m.Start}, muster.EntityPerson)
	if who == nil {
		return
	}
	start := x.d.Sentences[si].Start
	for _, mm := range x.ments {
		if mm.sent == si && mm.ent == who[0] {
			start = mm.Start
			break
		}
	}
	g := x.ments[gm].ent
	end := x.ments[gm].End
	if strings.HasPrefix(x.d.Text[end:], " (") {
		if k := strings.IndexByte(x.d.Text[end:], ')'); k > 0 && k < 12 {
			end += k + 1
		}
	}
	x.add(draft{subj: g, event: -1, pred: muster.PredFoundedBy, objEnt: who[0], ev: muster.Span{Start: start, End: end}, sent: si})
	if v, ds, ok := x.dateMatch(muster.Span{Start: end, End: x.phraseEnd(si, end)}); ok && ds.Start-end <= 5 {
		x.add(draft{subj: g, event: -1, pred: muster.PredFounded, obj: v, objEnt: -1, ev: muster.Span{Start: start, End: ds.End}, sent: si})
	}
}

// founderApposition: "Denis Kapustin, the RDK’s founder," and "X, founder
// of the Y".
func (x *doc) founderApposition(si, base int, text string, loc []int) {
	m := sub(base, loc, 0)
	var g int = -1
	var gStart, gEnd int
	if strings.HasPrefix(strings.ToLower(x.d.Text[m.Start:m.End]), "founder") || strings.HasPrefix(strings.ToLower(x.d.Text[m.Start:m.End]), "co-founder") {
		if gm := x.mentionAt(m.End); gm >= 0 && x.ments[gm].ent >= 0 && x.adjacent(m.End, x.ments[gm]) {
			g, gStart, gEnd = x.ments[gm].ent, m.Start, x.ments[gm].End
		}
	} else {
		for i := len(x.ments) - 1; i >= 0; i-- {
			if x.ments[i].End == m.Start && x.ments[i].ent >= 0 {
				g, gStart, gEnd = x.ments[i].ent, x.ments[i].Start, m.End
				break
			}
		}
	}
	if g < 0 || x.ents[g].typ != muster.EntityArmedGroup {
		return
	}
	// The founder is the person just before the apposition.
	before := strings.TrimRight(x.d.Text[x.d.Sentences[si].Start:gStart], " ")
	before = strings.TrimSuffix(strings.TrimSuffix(before, "the"), "a")
	before = strings.TrimRight(before, " ")
	if !strings.HasSuffix(before, ",") {
		return
	}
	for i := len(x.ments) - 1; i >= 0; i-- {
		p := x.ments[i]
		if p.sent == si && p.End == len(strings.TrimSuffix(before, ","))+x.d.Sentences[si].Start-len(x.d.Text[x.d.Sentences[si].Start:x.d.Sentences[si].Start]) && p.ent >= 0 && x.ents[p.ent].typ == muster.EntityPerson {
			x.add(draft{subj: g, event: -1, pred: muster.PredFoundedBy, objEnt: p.ent, ev: muster.Span{Start: p.Start, End: gEnd}, sent: si})
			return
		}
	}
}

// Patterns used inside the functions above, compiled once.
var (
	sizeGroupRE      = regexp.MustCompile(`^\s*(?:\S+\s+){0,3}?(?:in|of|with|into|joined)\b`)
	fightWordRE      = regexp.MustCompile(`(?i)\b(fought|fight|fighting|fights|battled|war|resistance|action|attacks?|struggle|insurgency|campaign|rebellion|rise up|rising|uprising)\b`)
	beforeRE         = regexp.MustCompile(`^(?i:before|prior to)\s+[^,]+`)
	beforeFoundingRE = regexp.MustCompile(`(?i)\b(?:before|after|since)\s+$`)
)

// ally: "Aleksander Lukashenko, a close ally of Putin", "X is allied with Y".
// mentsOrdered reports whether x.ments is sorted by start with sentence
// numbers that never decrease, which mentionAt's binary search needs. It
// checks once per state of the slice (its first element and length).
func (x *doc) mentsOrdered() bool {
	if len(x.ments) == 0 {
		return false
	}
	key := mentsKey{&x.ments[0], len(x.ments)}
	if x.orderedKey == key {
		return x.ordered
	}
	ok := true
	for i := 1; i < len(x.ments) && ok; i++ {
		ok = x.ments[i].Start >= x.ments[i-1].Start && x.ments[i].sent >= x.ments[i-1].sent
	}
	x.orderedKey, x.ordered = key, ok
	return ok
}

// mentsKey names a state of x.ments for mentsOrdered's cache.
type mentsKey struct {
	first *mention
	n     int
}
