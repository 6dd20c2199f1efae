package extract

import (
	"cmp"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/pattern"
)

// local is an entity as it is built up inside one document.
type local struct {
	name     string
	typ      muster.EntityType
	names    []string // every name form seen, in order
	mentions []int    // indexes into doc.ments
	role     string   // a title seen before the name
	aliases  []muster.Alias
	merged   int // when folded into another entity: its index; else -1
}

// doc is the working state of one extraction.
type doc struct {
	in    Input
	d     *nlp.Doc
	lower map[string]bool
	ments []mention
	ents  []*local
	// tokSent is the sentence of each token (see sentOf).
	tokSent []int32
	// sets are plural referents ("both groups") by mention index: the
	// entities each one denotes.
	sets map[int][]int

	attrs     []Attribution
	drafts    []draft
	events    []*localEvent
	described map[int]int // sentence → the person an unnamed description names ("who goes by the call sign Caesar")
	acronyms  []acronymDef
	lowers    []string      // lower-cased sentences, made on first use
	dates     [][]DateMatch // per sentence, made on first use
	datesDone []bool
	sentEvent map[int]int           // sentence → event its casualty figures were attached to
	readings  []reading             // per sentence, the sentence readers' figures and parties (eventsWith)
	sentArgs  map[int]*sentenceArgs // sentence → its event arguments (events.patterns), made on first use
	offs      *muster.Offsets
	tokMent   []int // token → covering mention, for the pattern rules
	// profileMatches are the profile patterns' matches, which the
	// relation scorer reads as features.
	profileMatches []pattern.Match
	// shortMemo caches shortForms by name (shortFormsOf).
	shortMemo map[string]shortFormSet
	// orderedKey and ordered cache mentsOrdered.
	orderedKey mentsKey
	ordered    bool
	// taggerSorted is 1 when the tagger's mentions are in text order
	// without overlaps, -1 when not, 0 before taggerType looks.
	taggerSorted int
	// forcesBefore caches onlyForceBefore, by mention index.
	forcesBefore []int
}

// acronymDef is "Russian Volunteer Corps (RDK)": the entity and the span
// from the name to the closing bracket.
type acronymDef struct {
	ent  int
	name string
	span muster.Span
	sent int
}

// nominalHeads are the nouns of a definite description of one group ("the
// militia unit", "the resistance group", "the faction", "the gang");
// pluralHeads those of several groups or their fighters ("both armed
// resistance groups", "the fighters", "the insurgents"). One list each:
// nominalRE, pluralRE and nominalKeys are made from them.
var (
	nominalHeads = []string{"group", "unit", "militia", "legion", "corps", "regiment", "battalion", "brigade",
		"organisation", "organization", "movement", "cartel", "faction", "gang", "outfit", "alliance", "coalition"}
	pluralHeads = []string{"groups", "units", "militias", "rebels", "fighters", "militants", "insurgents", "jihadists", "guerrillas"}
)

// nominalRE finds definite descriptions of one group: "the militia unit",
// "the paramilitary unit", "the group", "the resistance group".
var nominalRE = regexp.MustCompile(`\b(?i:the|this|that)\s+(?:[a-z-]+\s+){0,2}((?i:` + strings.Join(nominalHeads, "|") + `))\b`)

// pluralRE finds descriptions of several groups or their fighters: "both
// armed resistance groups", "the revolutionary groups", "the fighters".
var pluralRE = regexp.MustCompile(`\b(?i:both|the|these|those|two)\s+(?:[a-z-]+\s+){0,2}?(` + strings.Join(pluralHeads, "|") + `)\b`)

// newDoc finds the mentions of a document and links them into entities.
func newDoc(in Input) *doc {
	x := &doc{in: in, d: in.Doc, lower: lowerWords(in.Doc), sets: map[int][]int{}, described: map[int]int{}, sentEvent: map[int]int{},
		offs: muster.NewOffsets(in.Doc.Text)}
	if in.OracleMentions {
		x.ments = givenNames(x.d)
	} else {
		x.ments = findNames(x.d, x.lower)
		x.typeMentions()
		x.typeFromSyntax()
		x.addStateForces()
		x.addHyphenPatrons()
		x.addLedCoalitions()
	}
	x.addNominals()
	x.ments = dropOverlaps(x.ments)
	x.link()
	return x
}

// ledHeads are the nouns a "Saudi-led" or "US-led" description names a
// body of states' forces by.
var ledHeads = map[string]bool{"coalition": true, "alliance": true}

// addLedCoalitions makes "the Saudi-led military coalition" and "the
// US-led alliance" mentions of a state force (issue 11): news names such a
// coalition by its leader, in lower case, so findNames never saw it, and
// what it includes, backs or fights was lost ("the Saudi-led coalition
// that includes the STC"). Up to two lower-case words may stand between
// the participle and the head.
func (x *doc) addLedCoalitions() {
	for i, tok := range x.d.Tokens {
		if !strings.HasSuffix(tok.Text, "-led") || len(tok.Text) < 6 || !isCap(tok.Text) {
			continue
		}
		si := x.d.SentenceOf(tok.Start)
		for j := i + 1; j < len(x.d.Tokens) && j <= i+3 && x.d.SentenceOf(x.d.Tokens[j].Start) == si; j++ {
			w := x.d.Tokens[j].Text
			if w != strings.ToLower(w) || !isWordToken(w) {
				break
			}
			if ledHeads[w] {
				span := muster.Span{Start: tok.Start, End: x.d.Tokens[j].End}
				x.ments = append(x.ments, mention{Span: span, text: x.d.Text[span.Start:span.End], typ: muster.EntityStateForce, sent: si, ent: -1})
				break
			}
		}
	}
}

// givenNames makes the document's mention layer the names, typed as the
// layer types them (Input.OracleMentions).
func givenNames(d *nlp.Doc) []mention {
	out := make([]mention, 0, len(d.Mentions))
	for _, m := range d.Mentions {
		t := m.Type.EntityType()
		if t == "" || !m.Span.Valid(len(d.Text)) {
			continue
		}
		mt := mention{Span: m.Span, text: d.Text[m.Start:m.End], typ: t, sent: d.SentenceOf(m.Start), ent: -1}
		// A given description ("the group") or pronoun ("He") is linked
		// as the resolver links the ones it finds, not named.
		if pt, ok := subjectPronouns[strings.ToLower(mt.text)]; ok {
			mt.nominal, mt.pronoun, mt.typ = true, true, pt
		} else if givenDescription(mt.text) {
			mt.nominal = true
			if pluralRE.MatchString(mt.text) {
				mt.plural = 2
			}
		}
		out = append(out, mt)
	}
	sortMentions(out)
	return out
}

// givenDescription reports whether a given mention is a description of a
// group ("the group", "The militia unit", "both groups"): nominalRE's or
// pluralRE's words, in lower case after the determiner.
func givenDescription(text string) bool {
	f := strings.Fields(text)
	if len(f) < 2 {
		return false
	}
	for _, w := range f[1:] {
		if w != strings.ToLower(w) {
			return false
		}
	}
	return nominalRE.FindString(text) == text || pluralRE.FindString(text) == text
}

// typeMentions fills each name's type from its words, then from the tagger
// when one ran, then from context.
func (x *doc) typeMentions() {
	for i := range x.ments {
		m := &x.ments[i]
		next := x.nextWord(m.End)
		m.typ = typeName(m.text, next)
		switch {
		case m.typ != "":
		case x.in.Publisher != "" && muster.NameKey(m.text) == muster.NameKey(x.in.Publisher):
			m.typ = muster.EntityMedia // "The Ledger could not verify"
		case placeAppositionRE.MatchString(x.d.Text[m.End:]):
			m.typ = muster.EntityPlace // "Kozinka, a village next to the border"
		case personAppositionRE.MatchString(x.d.Text[m.End:]) && !appositionOfNext(x.d.Text[m.End:]):
			m.typ = muster.EntityPerson // "Iyad Ag Ghaly, a Tuareg leader from Kidal"
		default:
			m.typ = x.taggerType(m.Span)
		}
		if m.typ == "" && m.role != "" {
			m.typ = muster.EntityPerson
		}
		// "Hayat Tahrir al-Sham (HTS)": no person goes by an acronym in
		// brackets; among fighters it is a group.
		if m.typ == muster.EntityPerson && m.role == "" && bracketAcronymRE.MatchString(x.d.Text[m.End:]) {
			m.typ = muster.EntityOrganization
			if si := x.d.SentenceOf(m.Start); si >= 0 && fighterWordRE.MatchString(x.d.Text[x.d.Sentences[si].Start:x.d.Sentences[si].End]) {
				m.typ = muster.EntityArmedGroup
			}
		}
		if m.typ == "" {
			words := strings.Fields(m.text)
			switch {
			case len(words) >= 2 && len(words) <= 3 && allAlpha(words) && !x.afterArticle(m.Start) && len(x.d.Mentions) == 0:
				// Without a tagger, two or three bare capitalised words
				// are most often a person ("Denis Kapustin"); "a Free
				// Russia" is not.
				m.typ = muster.EntityPerson
			case len(words) == 1 && speechVerbs[next]:
				m.typ = muster.EntityPerson
			}
		}
	}
}

func allAlpha(words []string) bool {
	for _, w := range words {
		for _, r := range w {
			if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' && r != '.' {
				return false
			}
		}
	}
	return true
}

// placeAppositionRE follows a place name that the text itself calls a
// place.
var placeAppositionRE = regexp.MustCompile(`^,\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}(?:village|town|city|district|region|settlement|hamlet|province|oblast)\b`)

// bracketAcronymRE follows a name given its acronym in brackets.
var bracketAcronymRE = regexp.MustCompile(`^\s*\(\p{Lu}[\p{Lu}\p{Ll}-]{1,7}\)`)

// fighterWordRE marks a sentence about fighting men.
var fighterWordRE = regexp.MustCompile(`(?i)\b(?:fighters|militants|rebels|insurgents|militia|militiamen|gunmen|jihadists|guerrillas|armed group|offensive|attack|captured|seized)\b`)

// personAppositionRE follows a name that the text itself calls a person,
// whatever the tagger thought of an unfamiliar name.
var personAppositionRE = regexp.MustCompile(`^,\s+(?:a|an|the)\s+(?:[\p{L}-]+\s+){0,3}?(?:leader|commander|officer|cleric|preacher|spokesman|spokeswoman|politician|general|colonel|major|captain|militant|fighter|chief|founder|co-founder|man|woman|veteran|activist|journalist|businessman|warlord|jihadist|emir|deputy|lawmaker|minister|governor|mayor|soldier|citizen|national|son|daughter|brother)\b`)

// nextNameRE follows a role noun that stands in apposition to the name
// after it: "…of Mykolaiv, the regional governor, Vitali Kim, said".
var nextNameRE = regexp.MustCompile(`^(?:\s+[\p{Ll}-]+){0,3},\s+\p{Lu}`)

// appositionOfNext reports whether the person apposition that text (what
// follows a name) starts with belongs to the next name, not to the one
// before it: "Mykolaiv, the regional governor, Vitali Kim, said" makes
// Vitali Kim the governor, not Mykolaiv (issue 12).
func appositionOfNext(text string) bool {
	loc := personAppositionRE.FindStringIndex(text)
	return loc != nil && nextNameRE.MatchString(text[loc[1]:])
}

// afterArticle reports whether an article or possessive comes right
// before byte offset off.
func (x *doc) afterArticle(off int) bool {
	// Only the last few words matter: lower-case the tail, not the whole
	// text before off (issue 14: that made typeMentions quadratic). The
	// tail starts at a rune boundary, so its lower case is the tail of the
	// whole's; 32 bytes are at least 8 runes, more than any suffix below.
	before := strings.TrimRight(x.d.Text[:off], " ")
	if cut := len(before) - 32; cut > 0 {
		for cut < len(before) && !utf8.RuneStart(before[cut]) {
			cut++
		}
		before = "\x00" + before[cut:] // never equal to a bare article
	}
	before = strings.ToLower(before)
	for _, a := range []string{" a", " an", " the", " this", " that", "’s", "'s"} {
		if strings.HasSuffix(before, a) || before == strings.TrimSpace(a) {
			return true
		}
	}
	return false
}

// speechVerbs follow the name of a person who speaks.
var speechVerbs = map[string]bool{
	"said": true, "says": true, "told": true, "claimed": true, "hinted": true, "added": true, "wrote": true,
	"stated": true, "announced": true, "denied": true, "insisted": true, "warned": true, "argued": true,
}

// taggerType returns the type the tagger gave an overlapping mention.
func (x *doc) taggerType(s muster.Span) muster.EntityType {
	ms := x.d.Mentions
	if x.taggerSorted == 0 {
		// The tagger's mentions come in text order without overlaps; then
		// the first that overlaps s is found by binary search (issue 14:
		// a scan per mention was quadratic), else by the scan.
		x.taggerSorted = 1
		for i := 1; i < len(ms); i++ {
			if ms[i].Start < ms[i-1].End {
				x.taggerSorted = -1
				break
			}
		}
	}
	if x.taggerSorted > 0 {
		// The first mention that ends after s starts is the only candidate.
		i, _ := slices.BinarySearchFunc(ms, s.Start, func(m nlp.Mention, start int) int {
			if m.End <= start {
				return -1
			}
			return 1
		})
		for ; i < len(ms) && ms[i].Start < s.End; i++ {
			if ms[i].Overlaps(s) {
				return ms[i].Type.EntityType()
			}
		}
		return ""
	}
	for _, tm := range ms {
		if tm.Overlaps(s) {
			return tm.Type.EntityType()
		}
	}
	return ""
}

// nextWord returns the word token starting after byte offset off.
func (x *doc) nextWord(off int) string {
	rest := strings.TrimLeft(x.d.Text[off:], " \t")
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(rest)
	}
	return strings.ToLower(rest[:end])
}

// addNominals adds "the militia unit" and "both groups" as mentions, so
// coreference can link them and claims can use them as subjects.
func (x *doc) addNominals() {
	for si := range x.d.Sentences {
		if !containsAny(x.lowerSent(si), nominalKeys) {
			continue
		}
		x.addDescribed(si, nominalRE, mention{typ: muster.EntityArmedGroup, nominal: true, ent: -1}, nil)
		x.addDescribed(si, pluralRE, mention{typ: muster.EntityArmedGroup, nominal: true, ent: -1, plural: 2}, nil)
	}
	x.addForceDescriptions()
	x.addPronouns()
	sortMentions(x.ments)
}

// addDescribed adds a mention like proto for each match of re in sentence
// si that lies inside no name and that ok (nil: any) accepts; ok is given
// the match's submatch offsets, relative to the sentence.
func (x *doc) addDescribed(si int, re *regexp.Regexp, proto mention, ok func(s muster.Span, loc []int) bool) {
	s := x.d.Sentences[si]
	for _, loc := range re.FindAllStringSubmatchIndex(x.d.Text[s.Start:s.End], -1) {
		span := muster.Span{Start: s.Start + loc[0], End: s.Start + loc[1]}
		if x.insideName(span) || ok != nil && !ok(s, loc) {
			continue
		}
		m := proto
		m.Span, m.text, m.sent = span, x.d.Text[span.Start:span.End], si
		x.ments = append(x.ments, m)
	}
}

// forceDescriptionRE finds "the army" and "the military": a state's force
// named by its kind alone, which refers back to the one force the text has
// named ("Mali’s army … has been fighting the army since August").
var forceDescriptionRE = regexp.MustCompile(`\b(?i:the)\s+(army|military)\b`)

// addForceDescriptions adds "the army" and "the military" as nominal
// mentions of a state force (issue 12: participants named by description).
// "the army chief" and "the military's" are no description of the force:
// the head must not modify another word.
func (x *doc) addForceDescriptions() {
	toks := x.d.Tokens
	head := func(s muster.Span, loc []int) bool {
		k := x.tokenStartingAt(s.Start + loc[2])
		return k >= 0 && toks[k].Rel != "compound" && toks[k].Rel != "nmod:poss" &&
			!(k+1 < len(toks) && (toks[k+1].Text == "’s" || toks[k+1].Text == "'s"))
	}
	for si := range x.d.Sentences {
		if l := x.lowerSent(si); strings.Contains(l, "the army") || strings.Contains(l, "the military") {
			x.addDescribed(si, forceDescriptionRE, mention{typ: muster.EntityStateForce, nominal: true, ent: -1}, head)
		}
	}
}

// subjectPronouns are the pronouns addPronouns takes at the start of a
// sentence, with the kind of entity each can stand for.
var subjectPronouns = map[string]muster.EntityType{
	"it": muster.EntityArmedGroup, "its": muster.EntityArmedGroup,
	"he": muster.EntityPerson, "she": muster.EntityPerson, "his": muster.EntityPerson, "her": muster.EntityPerson,
}

// addPronouns adds the pronoun that opens a sentence ("It was formed in
// 2022", "His deputy is …") as a mention for linkPronoun. Only there:
// a sentence-initial pronoun is nearly always the subject and nearly
// always continues the previous sentence's subject, which is what makes
// resolving it safe; pronouns inside a sentence are left alone. "They" is
// left alone too: it may mean the group, its fighters or the officials
// just quoted.
func (x *doc) addPronouns() {
	for si := 1; si < len(x.d.Sentences); si++ {
		toks := x.d.SentenceTokensOf(si)
		k := 0
		for k < len(toks) && strings.ContainsAny(toks[k].Text, "\"“‘'(") && len(toks[k].Text) <= 3 {
			k++
		}
		if k >= len(toks) {
			continue
		}
		t := toks[k]
		typ, ok := subjectPronouns[strings.ToLower(t.Text)]
		if !ok {
			continue
		}
		if typ == muster.EntityArmedGroup && expletiveIt(toks[k+1:]) {
			continue
		}
		x.ments = append(x.ments, mention{Span: t.Span, text: t.Text, typ: typ, sent: si, nominal: true, pronoun: true, ent: -1})
	}
}

// expletiveIt reports whether the words after a sentence-initial "It"
// make it a dummy subject: "It is unclear whether …", "It was not
// possible to verify …", "It remains to be seen …".
func expletiveIt(rest []nlp.Token) bool {
	if len(rest) == 0 {
		return true
	}
	switch strings.ToLower(rest[0].Text) {
	case "is", "was", "'s", "’s", "remains", "remained", "seems", "seemed", "appears", "appeared", "became", "has", "had", "will", "would", "could", "may", "might":
	default:
		return false
	}
	for i := 1; i < len(rest) && i <= 5; i++ {
		switch strings.ToLower(rest[i].Text) {
		case "that", "whether", "if", "how", "what", "why", "when", "who", "to", "unclear", "clear", "possible", "impossible", "likely", "unlikely", "known", "unknown", "time", "hard", "difficult", "not":
			return true
		}
	}
	return false
}

func (x *doc) insideName(s muster.Span) bool {
	for _, m := range x.ments {
		if !m.nominal && m.Overlaps(s) {
			return true
		}
	}
	return false
}

func sortMentions(ms []mention) {
	// Stable, as the insertion sort it replaces was: n log n, where that
	// was quadratic on a long document (issue 14).
	slices.SortStableFunc(ms, func(a, b mention) int { return cmp.Compare(a.Start, b.Start) })
}

// link assigns every mention to a local entity: names by key, surnames to
// the person named in full, acronyms to the name they abbreviate, nominals
// to the most recent compatible group.
func (x *doc) link() {
	byKey := map[string]int{}
	for i := range x.ments {
		m := &x.ments[i]
		if m.nominal {
			continue
		}
		key := muster.NameKey(m.text)
		if strings.HasPrefix(m.role, "force:") {
			key = muster.NameKey(strings.TrimPrefix(m.role, "force:"))
		}
		if key == "" {
			continue
		}
		acr, isAcr := x.acronymOf(i)
		if e, ok := byKey[key]; ok {
			if !isAcr || acr == e || x.ents[acr].merged >= 0 || x.ents[e].merged >= 0 {
				x.attach(i, e)
				continue
			}
			// "M23 rebels shelled … The March 23 Movement (M23)": the
			// acronym used first and the name it abbreviates are one.
			x.merge(acr, e)
			for k, v := range byKey {
				if v == e {
					byKey[k] = acr
				}
			}
		}
		// "Russian Volunteer Corps (RDK)": the bracketed acronym.
		if isAcr {
			x.attach(i, acr)
			byKey[key] = acr
			x.ents[acr].aliases = appendAlias(x.ents[acr].aliases, muster.Alias{Name: m.text, Kind: muster.AliasAcronym})
			prev := x.ments[i-1]
			end := m.End
			if end < len(x.d.Text) && x.d.Text[end] == ')' {
				end++
			}
			x.acronyms = append(x.acronyms, acronymDef{ent: acr, name: m.text, span: muster.Span{Start: prev.Start, End: end}, sent: m.sent})
			continue
		}
		if e, ok := x.bracketShortOf(i); ok {
			x.attach(i, e)
			byKey[key] = e
			continue
		}
		if e, ok := x.surnameOf(m); ok {
			x.attach(i, e)
			byKey[key] = e
			continue
		}
		if e, ok := x.initialsOf(m); ok {
			x.attach(i, e)
			byKey[key] = e
			continue
		}
		if e, ok := x.shortFormOf(m, byKey); ok {
			x.attach(i, e)
			byKey[key] = e
			continue
		}
		x.ents = append(x.ents, &local{typ: m.typ, merged: -1})
		e := len(x.ents) - 1
		byKey[key] = e
		x.attach(i, e)
	}
	x.appositions()
	// Nominals second, so that "two groups" in a lead can point forward to
	// the pair named in the next sentence.
	for i := range x.ments {
		if x.ments[i].nominal {
			x.linkNominal(i)
		}
	}
	x.nameEntities()
}

// nameEntities sets every entity's canonical name; state forces found in
// lower case take the name of their country's forces.
func (x *doc) nameEntities() {
	for _, e := range x.ents {
		e.name = canonicalName(e)
		// "the Islamic State group": the lower-case "group" the mention
		// finder took along to type the name is no part of it (the
		// resolver's orgKey already takes one for the other); the name
		// with it stays an alias. Other heads stay: "the Sinaloa cartel"
		// is not Sinaloa.
		if n, ok := strings.CutSuffix(e.name, " group"); ok && isCap(n) {
			e.name = n
		}
		if strings.HasPrefix(e.role, "force:") {
			e.name = strings.TrimPrefix(e.role, "force:")
		}
	}
}

func (x *doc) attach(i, e int) {
	m := &x.ments[i]
	m.ent = e
	ent := x.ents[e]
	ent.mentions = append(ent.mentions, i)
	if !m.nominal {
		ent.names = append(ent.names, m.text)
		// A later mention that acts as an armed group makes an
		// organisation one ("HTS … the militant group HTS"), and a name
		// the tagger took for a person's ("an Abu Sayyaf commander … the
		// Abu Sayyaf fighters", issue 11).
		if ent.typ == "" || (ent.typ == muster.EntityOrganization || ent.typ == muster.EntityPerson && m.role == "") && m.typ == muster.EntityArmedGroup {
			ent.typ = m.typ
		}
		if m.role != "" && ent.role == "" {
			ent.role = m.role
		}
	}
}

// acronymOf links "RDK" in "Russian Volunteer Corps (RDK)" to the name
// before the bracket.
func (x *doc) acronymOf(i int) (int, bool) {
	m := x.ments[i]
	if !isAcronym(m.text) || i == 0 || newsAgencies[m.text] {
		return 0, false // "KYIV, Ukraine (AP)": the agency, not Ukraine's initials
	}
	before := strings.TrimRight(x.d.Text[:m.Start], " ")
	if !strings.HasSuffix(before, "(") {
		return 0, false
	}
	// "The Northern Brigade and the Sich Battalion (NB and SB)": brackets
	// that hold more than the acronym (a list, a phrase) give no name's
	// acronym; a comma or semicolon may follow it ("(RDK, in Russian …)").
	if after := strings.TrimLeft(x.d.Text[m.End:], " "); after == "" || !strings.ContainsRune("),;", rune(after[0])) {
		return 0, false
	}
	before = strings.TrimRight(strings.TrimSuffix(before, "("), " ")
	for j := i - 1; j >= 0; j-- {
		p := x.ments[j]
		if p.nominal || p.ent < 0 {
			continue
		}
		// "the Islamic State in West Africa (ISWAP)": a name whose
		// initials sit inside the acronym but do not open it is the tail
		// of the name the acronym abbreviates, not that name.
		if ini := initials(p.text); p.End == len(before) && !(len(ini) > 1 && strings.Index(m.text, ini) > 0 && m.text[0] != ini[0]) {
			return p.ent, true
		}
		break
	}
	return 0, false
}

// newsAgencies are the wire services whose initials follow a dateline.
var newsAgencies = map[string]bool{"AP": true, "AFP": true, "UPI": true, "DPA": true, "PTI": true, "IANS": true, "ANI": true, "TASS": true, "RIA": true, "EFE": true, "ANSA": true}

// isAcronym reports whether s looks like an acronym: 2–6 capitals or digits.
func isAcronym(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 6 {
		return false
	}
	for _, r := range s {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// surnameOf links a one-word name to the person whose full name ends with it.
func (x *doc) surnameOf(m *mention) (int, bool) {
	if strings.Contains(m.text, " ") {
		return 0, false
	}
	for e := len(x.ents) - 1; e >= 0; e-- {
		ent := x.ents[e]
		if ent.typ != muster.EntityPerson {
			continue
		}
		for _, n := range ent.names {
			f := strings.Fields(n)
			if len(f) > 1 && f[len(f)-1] == m.text {
				return e, true
			}
		}
	}
	return 0, false
}

// shortHeads are the generic last words an organisation's name is often
// used without: "Wagner Group" is "Wagner", "Azov Regiment" "Azov".
// brandHeads are those whose short form may be typed as any name, even a
// person's ("Sever Group" … "Sever said"); without any other head the
// short form must itself be typed a group's: a battalion or a brigade is
// often named after a person or a place, who is then meant by the short
// form ("the Dzhokhar Dudayev Battalion" … "Dzhokhar Dudayev died").
var (
	shortHeads = map[string]bool{"group": true, "battalion": true, "brigade": true, "regiment": true, "legion": true,
		"corps": true, "movement": true, "company": true, "pmc": true, "front": true, "detachment": true}
	brandHeads = map[string]bool{"group": true, "company": true, "pmc": true}
)

// shortForms returns the forms of an organisation's name without its
// generic head ("Wagner Group" → "Wagner", "Wagner PMC" → "Wagner") or
// without an opening acronym ("PMC Wagner" → "Wagner", "PKP Intercity" →
// "Intercity"), each with whether a mention of any type may be it
// (brandHeads, or the acronym dropped) rather than only one typed as an
// armed group's. What is left must be capitalised words.
func shortForms(name string) (forms []string, anyType []bool) {
	w := strings.Fields(name)
	if len(w) > 0 && strings.EqualFold(w[0], "the") {
		w = w[1:]
	}
	if len(w) < 2 {
		return nil, nil
	}
	capitalised := func(ws []string) bool {
		for _, s := range ws {
			if r, _ := utf8.DecodeRuneInString(s); !unicode.IsUpper(r) {
				return false
			}
		}
		return true
	}
	if h := strings.ToLower(w[len(w)-1]); shortHeads[h] && capitalised(w[:len(w)-1]) {
		forms = append(forms, strings.Join(w[:len(w)-1], " "))
		anyType = append(anyType, brandHeads[h])
	}
	if isAcronym(w[0]) && capitalised(w[1:]) && !isAcronym(w[1]) {
		forms = append(forms, strings.Join(w[1:], " "))
		anyType = append(anyType, true)
	}
	return forms, anyType
}

// shortFormSet is shortForms' answer for one name.
type shortFormSet struct {
	forms   []string
	anyType []bool
}

// shortFormsOf is shortForms, remembered per name for the document:
// shortFormOf asks it of every name of every earlier entity for each new
// name, which without the memo split and joined those names again each
// time (quadratic allocation in a long document's entity count).
func (x *doc) shortFormsOf(name string) ([]string, []bool) {
	if s, ok := x.shortMemo[name]; ok {
		return s.forms, s.anyType
	}
	forms, anyType := shortForms(name)
	if x.shortMemo == nil {
		x.shortMemo = map[string]shortFormSet{}
	}
	x.shortMemo[name] = shortFormSet{forms, anyType}
	return forms, anyType
}

// orgLike reports whether entities of type t have names with generic
// heads and short forms: groups, forces, organisations and outlets.
func orgLike(t muster.EntityType) bool {
	return t == muster.EntityArmedGroup || t == muster.EntityOrganization || t == muster.EntityStateForce || t == muster.EntityMedia
}

// shortFormOf links a name to an organisation of the document that it is
// the short form of, or that is its own short form ("Redut denied it …
// PMC Redut fighters"): the same name used with and without its generic
// head or its opening acronym (issue 12). A name the tagger takes for a
// place's is never a short form ("Donetsk" after "the Donetsk
// Battalion"); see shortHeads for the others.
func (x *doc) shortFormOf(m *mention, byKey map[string]int) (int, bool) {
	fits := func(short muster.EntityType, anyType bool) bool {
		return short != muster.EntityPlace && (anyType || short == muster.EntityArmedGroup)
	}
	// The name is the short form of an earlier organisation's name.
	for e := len(x.ents) - 1; e >= 0; e-- {
		ent := x.ents[e]
		if ent.merged >= 0 || !orgLike(ent.typ) {
			continue
		}
		for _, n := range ent.names {
			forms, anyType := x.shortFormsOf(n)
			for k, f := range forms {
				if f == m.text && fits(m.typ, anyType[k]) {
					return e, true
				}
			}
		}
	}
	// The name's short form named an earlier entity, by that form alone:
	// one that has a long form already is not joined by another ("Azov"
	// … "the Azov Movement" … "the Azov Regiment" are two).
	if !orgLike(m.typ) {
		return 0, false
	}
	forms, anyType := shortForms(m.text)
	for k, f := range forms {
		e, ok := byKey[muster.NameKey(f)]
		if !ok || x.ents[e].merged >= 0 || !fits(x.ents[e].typ, anyType[k]) {
			continue
		}
		only := true
		for _, n := range x.ents[e].names {
			only = only && muster.NameKey(n) == muster.NameKey(f)
		}
		if only {
			return e, true
		}
	}
	return 0, false
}

// bracketShortOf links "Success Aviation" in "Success Aviation Services
// FZC (Success Aviation)" to the organisation named before the bracket:
// a short name the text gives in brackets, as it gives an acronym
// (acronymOf), is the name's when its words are a run of the name's
// words and it alone fills the brackets.
func (x *doc) bracketShortOf(i int) (int, bool) {
	m := x.ments[i]
	if i == 0 || m.typ == muster.EntityPlace || !strings.HasPrefix(x.d.Text[m.End:], ")") {
		return 0, false
	}
	before := strings.TrimRight(x.d.Text[:m.Start], " ")
	if !strings.HasSuffix(before, "(") {
		return 0, false
	}
	before = strings.TrimRight(strings.TrimSuffix(before, "("), " ")
	p := x.ments[i-1]
	if p.nominal || p.ent < 0 || p.End != len(before) {
		return 0, false
	}
	if !orgLike(x.ents[p.ent].typ) {
		return 0, false
	}
	short, long := strings.Fields(m.text), strings.Fields(p.text)
	if len(short) >= len(long) {
		return 0, false
	}
	for k := 0; k+len(short) <= len(long); k++ {
		if slices.Equal(long[k:k+len(short)], short) {
			return p.ent, true
		}
	}
	return 0, false
}

// initialsOf links an acronym to a name whose initials it spells: RVC =
// Russian Volunteer Corps. Transliterated acronyms (RDK) come from
// brackets or the alias table, not from guessing.
func (x *doc) initialsOf(m *mention) (int, bool) {
	if !isAcronym(m.text) {
		return 0, false
	}
	for e := len(x.ents) - 1; e >= 0; e-- {
		for _, n := range x.ents[e].names {
			if initials(n) == m.text {
				return e, true
			}
		}
	}
	return 0, false
}

func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if connectors[strings.ToLower(w)] || strings.EqualFold(w, "the") {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		b.WriteRune(unicode.ToUpper(r))
	}
	return b.String()
}

// linkNominal links "the militia unit" to the most recent armed group, and
// "both groups" to the most recent pair of groups named together (or, in a
// lead sentence, the pair named in the next sentence).
func (x *doc) linkNominal(i int) {
	m := &x.ments[i]
	if m.pronoun {
		if e := x.pronounAntecedent(i); e >= 0 {
			x.attach(i, e)
		}
		return
	}
	if m.plural > 0 {
		if set := x.recentSet(i); len(set) > 1 {
			x.sets[i] = set
			return
		}
		head := lastWord(m.text)
		if head != "groups" && head != "units" && head != "militias" { // fighters, not groups
			if e := x.recentGroup(i); e >= 0 {
				x.attach(i, e)
			}
		}
		return
	}
	head := lastWord(m.text)
	if m.typ == muster.EntityStateForce {
		// "the army": a group named Army ("the Arakan Army"), else the
		// one state force named before it; among several it is none.
		if e := x.recentGroupHead(i, head); e >= 0 {
			x.attach(i, e)
		} else if e := x.onlyForceBefore(i); e >= 0 {
			x.attach(i, e)
		}
		return
	}
	if e := x.recentGroupHead(i, head); e >= 0 {
		x.attach(i, e)
	} else if e := x.recentGroup(i); e >= 0 && !namedOnlyHeads[strings.ToLower(head)] {
		x.attach(i, e)
	}
}

// onlyForceBefore returns the state force named before mention i when the
// text has named exactly one, else -1. The names are linked before any
// nominal, so one pass over the mentions answers every i (a scan per "the
// army" was quadratic in a long document).
func (x *doc) onlyForceBefore(i int) int {
	if x.forcesBefore == nil {
		x.forcesBefore = make([]int, len(x.ments)+1)
		only := -1 // -1 none yet, -2 several
		for j, p := range x.ments {
			x.forcesBefore[j] = max(only, -1)
			if p.nominal || p.ent < 0 || x.ents[p.ent].typ != muster.EntityStateForce || only == -2 {
				continue
			}
			e := p.ent
			for x.ents[e].merged >= 0 {
				e = x.ents[e].merged
			}
			if only >= 0 && only != e {
				only = -2
			} else {
				only = e
			}
		}
		x.forcesBefore[len(x.ments)] = max(only, -1)
	}
	return x.forcesBefore[i]
}

// namedOnlyHeads are the heads of descriptions that refer back only to a
// group whose name has the same head ("the alliance": the Eastern
// Alliance): a gang or a coalition the text leaves unnamed ("an armed gang
// … the gang", "the Saudi-led coalition") is no other group just named.
var namedOnlyHeads = map[string]bool{"gang": true, "alliance": true, "coalition": true}

// pronounAntecedent returns the entity a sentence-initial pronoun stands
// for, or -1: the subject of the previous sentence (its first mention)
// when that is of the pronoun's kind, else the only entity of that kind
// the previous sentence names. "It" and "Its" take armed groups and
// organisations; "He", "She", "His" and "Her" take people.
func (x *doc) pronounAntecedent(i int) int {
	m := x.ments[i]
	want := func(e int) bool {
		if e < 0 {
			return false
		}
		t := x.ents[e].typ
		if m.typ == muster.EntityPerson {
			return t == muster.EntityPerson
		}
		return t == muster.EntityArmedGroup || t == muster.EntityOrganization
	}
	first, firstAt, only, n := -1, -1, -1, 0
	for j := i - 1; j >= 0 && x.ments[j].sent >= m.sent-1; j-- {
		p := x.ments[j]
		if p.sent != m.sent-1 {
			continue
		}
		first, firstAt = p.ent, j
		if _, ok := x.sets[j]; ok {
			first = -1 // "both groups": not one antecedent
		}
		if want(p.ent) && p.ent != only {
			if only < 0 {
				only = p.ent
			}
			n++
		}
	}
	// "The brigade and the legion met …": a coordinated subject is two.
	if want(first) && firstAt+1 < len(x.ments) && x.ments[firstAt+1].sent == m.sent-1 {
		gap := strings.TrimSpace(x.d.Text[x.ments[firstAt].End:x.ments[firstAt+1].Start])
		if gap == "and" || gap == "and the" || gap == "," || gap == "or" {
			first = -1
		}
	}
	switch {
	case want(first):
		return first
	case n == 1:
		return only
	}
	return -1
}

// recentGroupHead returns the armed group mentioned last before mention i
// whose name ends with head ("the Legion" → the Free Russia Legion, not a
// Corps named after it), or -1.
func (x *doc) recentGroupHead(i int, head string) int {
	if head == "group" || head == "unit" || head == "militia" || head == "organization" || head == "organisation" || head == "movement" {
		return -1
	}
	for j := i - 1; j >= 0; j-- {
		p := x.ments[j]
		if p.ent < 0 || p.nominal || x.ents[p.ent].typ != muster.EntityArmedGroup {
			continue
		}
		for _, w := range strings.Fields(strings.ToLower(p.text)) {
			if strings.Trim(w, "“”\"") == head {
				return p.ent
			}
		}
	}
	return -1
}

func lastWord(s string) string {
	f := strings.Fields(strings.ToLower(s))
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// recentGroup returns the armed group mentioned last before mention i,
// passing over a name that only describes another ("HTS, the former
// Al-Qaeda branch … The militant group" is HTS).
func (x *doc) recentGroup(i int) int {
	for j := i - 1; j >= 0; j-- {
		p := x.ments[j]
		if p.ent >= 0 && x.ents[p.ent].typ == muster.EntityArmedGroup && !x.describesAnother(p.Span) {
			return p.ent
		}
	}
	return -1
}

// describesAnother reports whether the name at s modifies the head of an
// apposition: "Al-Qaeda" in "HTS, the former Al-Qaeda branch".
func (x *doc) describesAnother(s muster.Span) bool {
	toks := x.d.Tokens
	k := sort.Search(len(toks), func(k int) bool { return toks[k].Start >= s.Start })
	for ; k < len(toks) && toks[k].End <= s.End; k++ {
		h := toks[k].Head
		if h < 0 || (toks[h].Start >= s.Start && toks[h].End <= s.End) {
			continue
		}
		// k is the name's head token. The apposition is one the comma
		// sets off: "dpa/GNA – The Islamic State terror group", a credit
		// the parser hangs the story's subject on, describes nothing.
		if (toks[k].Rel != "compound" && toks[k].Rel != "nmod:poss") || toks[h].Rel != "appos" {
			return false
		}
		g := toks[h].Head
		return g >= 0 && toks[g].End <= s.Start && strings.Contains(x.d.Text[toks[g].End:s.Start], ",")
	}
	return false
}

// recentSet returns the entities of the nearest plural referent: a pair of
// groups joined by "and" in this or the two previous sentences, a plural
// nominal already resolved, or a pair in the next sentence (cataphora in a
// lead). For a head like "fighters", a single group named after the last
// set wins (the fighters of the group just named).
func (x *doc) recentSet(i int) []int {
	m := x.ments[i]
	single := -1
	for j := i - 1; j >= 0 && x.ments[j].sent >= m.sent-2; j-- {
		if set, ok := x.sets[j]; ok {
			if single >= 0 && lastWord(m.text) != "groups" {
				return nil
			}
			return set
		}
		if pair := x.pairAt(j); pair != nil {
			return pair
		}
		if p := x.ments[j]; single < 0 && p.ent >= 0 && x.ents[p.ent].typ == muster.EntityArmedGroup {
			single = p.ent
		}
	}
	if single >= 0 {
		return nil
	}
	for j := i + 1; j < len(x.ments) && x.ments[j].sent <= m.sent+1; j++ {
		if pair := x.pairAt(j); pair != nil {
			return pair
		}
	}
	return nil
}

// pairAt returns the two groups if mention j is the second of "A and B".
func (x *doc) pairAt(j int) []int {
	if j == 0 {
		return nil
	}
	a, b := x.ments[j-1], x.ments[j]
	if a.nominal || b.nominal || a.ent < 0 || b.ent < 0 || a.ent == b.ent || a.sent != b.sent {
		return nil
	}
	if x.ents[a.ent].typ != muster.EntityArmedGroup || x.ents[b.ent].typ != muster.EntityArmedGroup {
		return nil
	}
	if a.End > b.Start {
		return nil
	}
	between := strings.TrimSpace(x.d.Text[a.End:b.Start])
	if between == "and" || between == "and the" || between == ", and the" || between == "," {
		return []int{a.ent, b.ent}
	}
	return nil
}

// canonicalName picks an entity's name: the longest name that is not an
// acronym (for a person, the first full name).
func canonicalName(e *local) string {
	best := ""
	quoted := func(n string) bool { return strings.ContainsAny(n, "“”\"") }
	for _, n := range e.names {
		if isAcronym(n) && best != "" {
			continue
		}
		// News names a group in full first; later names are shorter
		// forms, acronyms or the group's own styling ("Legion “Freedom of
		// Russia”"), which a canonical name avoids.
		if best == "" || isAcronym(best) || quoted(best) && !quoted(n) ||
			(len(strings.Fields(best)) < 2 && len(strings.Fields(n)) >= 2) {
			best = n
		}
	}
	return best
}

// appendAlias adds a to as unless a name with the same key is there.
func appendAlias(as []muster.Alias, a muster.Alias) []muster.Alias {
	k := muster.NameKey(a.Name)
	for i, b := range as {
		if muster.NameKey(b.Name) == k {
			if b.Kind == muster.AliasName && a.Kind != muster.AliasName {
				as[i].Kind = a.Kind
			}
			return as
		}
	}
	return append(as, a)
}

// appositions merges a group named by acronym and full name side by side:
// "members of the RDK, the Russian Volunteer Corps," and "the Russian
// Volunteer Corps, the RDK,".
func (x *doc) appositions() {
	for i := 1; i < len(x.ments); i++ {
		a, b := x.ments[i-1], x.ments[i]
		if a.nominal || b.nominal || a.ent < 0 || b.ent < 0 || a.ent == b.ent || a.sent != b.sent {
			continue
		}
		if a.End > b.Start {
			continue
		}
		between := x.d.Text[a.End:b.Start]
		if between != ", the " && between != ", " {
			continue
		}
		if !strings.HasPrefix(x.d.Text[b.End:], ",") {
			continue
		}
		acr, full := a, b
		if isAcronym(b.text) {
			acr, full = b, a
		}
		if !isAcronym(acr.text) || len(strings.Fields(full.text)) < 2 || x.ents[full.ent].typ != muster.EntityArmedGroup {
			continue
		}
		x.merge(full.ent, acr.ent)
		x.ents[full.ent].aliases = appendAlias(x.ents[full.ent].aliases, muster.Alias{Name: acr.text, Kind: muster.AliasAcronym})
		x.acronyms = append(x.acronyms, acronymDef{ent: full.ent, name: acr.text, span: muster.Span{Start: a.Start, End: b.End}, sent: a.sent})
	}
}

// nominalKeys are words one of which a sentence needs for addNominals to look at it.
var nominalKeys = append(slices.Clone(nominalHeads), pluralHeads...)

// lowerSent returns sentence si in lower case, for the cheap keyword tests
// that spare most regexp runs.
func (x *doc) lowerSent(si int) string {
	if x.lowers == nil {
		x.lowers = make([]string, len(x.d.Sentences))
		for i, s := range x.d.Sentences {
			x.lowers[i] = strings.ToLower(x.d.Text[s.Start:s.End])
		}
	}
	return x.lowers[si]
}

// dropOverlaps keeps mentions that do not overlap an earlier kept one,
// preferring names to nominals and longer spans to shorter: the rules
// below slice the text between neighbouring mentions and need them apart.
func dropOverlaps(ms []mention) []mention {
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	better := func(a, b mention) bool {
		if a.nominal != b.nominal {
			return !a.nominal
		}
		return a.Len() > b.Len()
	}
	// By preference, stable (ties keep document order).
	slices.SortStableFunc(order, func(i, j int) int {
		switch {
		case better(ms[i], ms[j]):
			return -1
		case better(ms[j], ms[i]):
			return 1
		}
		return 0
	})
	// Kept spans never overlap each other, so the bytes they cover say
	// whether a new span overlaps any (issue 14: a scan of all kept spans
	// per mention was quadratic on a long document). An empty span covers
	// no byte but overlaps a span around it, so with one the scan stays.
	end, empty := 0, false
	for _, m := range ms {
		end = max(end, m.End)
		empty = empty || m.Len() <= 0 || m.Start < 0
	}
	var kept []mention
	if empty {
		for _, i := range order {
			ok := true
			for _, k := range kept {
				if k.Overlaps(ms[i].Span) {
					ok = false
					break
				}
			}
			if ok {
				kept = append(kept, ms[i])
			}
		}
		sortMentions(kept)
		return kept
	}
	covered := make([]bool, end)
	for _, i := range order {
		m := ms[i]
		if slices.Contains(covered[m.Start:m.End], true) {
			continue
		}
		for p := m.Start; p < m.End; p++ {
			covered[p] = true
		}
		kept = append(kept, m)
	}
	sortMentions(kept)
	return kept
}

// Entities runs the in-document resolver alone: the document's names (found,
// or given with Input.OracleMentions), descriptions and pronouns linked into
// entities, before any claim rule reads them. Extract runs the same first;
// its alias rules ("Kapustin, who also uses the name Denis Nikitin") may
// then merge further. It is what BenchmarkResolveMillion times.
func Entities(in Input) []Entity {
	x := newDoc(in)
	x.nameEntities()
	return x.entities()
}

// entities returns the document's named entities with their aliases and
// mentions (code-point spans).
func (x *doc) entities() []Entity {
	possessors := x.forcePossessors()
	var out []Entity
	for ei, ent := range x.ents {
		if ent.merged >= 0 || ent.name == "" || ent.typ == "" {
			continue
		}
		e := Entity{Entity: muster.Entity{Type: ent.typ, Name: ent.name}}
		for _, n := range ent.names {
			if muster.NameKey(n) != muster.NameKey(ent.name) {
				kind := muster.AliasName
				if isAcronym(n) {
					kind = muster.AliasAcronym
				} else if ent.typ == muster.EntityPerson && !strings.Contains(n, " ") && strings.HasSuffix(ent.name, " "+n) {
					kind = muster.AliasSurname
				}
				e.Aliases = appendAlias(e.Aliases, muster.Alias{Name: n, Kind: kind})
			}
		}
		for _, a := range ent.aliases {
			if muster.NameKey(a.Name) != muster.NameKey(ent.name) {
				e.Aliases = appendAlias(e.Aliases, a)
			}
		}
		for _, mi := range ent.mentions {
			m := x.ments[mi]
			if m.patron {
				// "Moscow-backed": part of an adjective, no name mention
				// as the resolution gold marks them (eval resolve).
				continue
			}
			span, text := nameSpan(m)
			cs := x.offs.Chars(span)
			e.Mentions = append(e.Mentions, muster.Mention{Document: x.in.DocID, Start: cs.Start, End: cs.End, Text: text, Type: ent.typ.MentionType()})
		}
		for _, span := range possessors[ei] {
			cs := x.offs.Chars(span)
			e.Mentions = append(e.Mentions, muster.Mention{Document: x.in.DocID, Start: cs.Start, End: cs.End, Text: x.d.Text[span.Start:span.End], Type: ent.typ.MentionType()})
		}
		if len(possessors[ei]) > 0 {
			slices.SortStableFunc(e.Mentions, func(a, b muster.Mention) int { return cmp.Compare(a.Start, b.Start) })
		}
		out = append(out, e)
	}
	return out
}

// forcePossessors returns, by place entity, the spans of the country
// names that own a state force's mention: "Ukraine" in "Ukraine’s
// military" mentions the country as well as its forces, as the resolution
// gold marks it (issue 12: those four dev mentions of Ukraine were
// missed). The force's own mention stays; a country the document names
// nowhere else gains no entity from it.
func (x *doc) forcePossessors() map[int][]muster.Span {
	var out map[int][]muster.Span
	places := map[string]int{}
	for ei, ent := range x.ents {
		if ent.merged < 0 && ent.typ == muster.EntityPlace && ent.name != "" {
			places[muster.NameKey(ent.name)] = ei
		}
	}
	for _, m := range x.ments {
		if m.nominal || m.typ != muster.EntityStateForce || m.ent < 0 {
			continue
		}
		i := strings.Index(m.text, "’s")
		if i < 0 {
			i = strings.Index(m.text, "'s")
		}
		if i <= 0 {
			continue
		}
		ei, ok := places[muster.NameKey(m.text[:i])]
		if !ok {
			continue
		}
		if out == nil {
			out = map[int][]muster.Span{}
		}
		out[ei] = append(out[ei], muster.Span{Start: m.Start, End: m.Start + i})
	}
	return out
}

// nameSpan is the span a mention reports: the name without the lower-case
// head the mention finder took along to type it ("the Azov regiment", "the
// Wagner group" name Azov and Wagner, as CoNLL and OntoNotes mark names).
func nameSpan(m mention) (muster.Span, string) {
	i := strings.LastIndexByte(m.text, ' ')
	if m.nominal || i <= 0 || !lowerHeads[m.text[i+1:]] {
		return m.Span, m.text
	}
	return muster.Span{Start: m.Start, End: m.Start + i}, m.text[:i]
}
