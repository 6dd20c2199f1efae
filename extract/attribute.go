package extract

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

// attribute sets who asserts each claim and how: the attribution whose
// content holds the claim's words, else the outlet in its own voice; then
// the outlet's "could not verify" and hedges.
func (x *doc) attribute() {
	disclaimers := x.disclaimers()
	for i := range x.drafts {
		d := &x.drafts[i]
		// A name given in brackets or by "known as" is the outlet's own
		// naming even inside a reported sentence; only the reported
		// predication takes the speaker (news_armed_groups conventions).
		if d.attr.Name == "" && d.pred == muster.PredAlias {
			d.attr, d.mod = x.publisher(), muster.Asserted
		}
		if d.attr.Name == "" {
			// The outright "according to X" and "by some estimates" of a
			// sentence are the surest signs; then the attribution model.
			if src, mod, ok := x.sentenceSource(d.sent, d.ev); ok {
				d.attr, d.mod = src, mod
			} else if a, ok := x.attributionOf(d.ev); ok && !x.sourceless(a) {
				d.attr, d.mod = x.sourceOf(a), modalityOfKind(a.Kind)
			} else {
				d.attr = x.publisher()
				d.mod = muster.Asserted
			}
		}
		if d.mod == "" {
			d.mod = muster.Asserted
		}
		// "Islamic State claimed the bombings": that the claim was made
		// is the outlet's statement, not the claimant's.
		if d.pred == muster.PredClaimedBy && d.objEnt >= 0 && muster.NameKey(d.attr.Name) == muster.NameKey(x.ents[x.live(d.objEnt)].name) {
			d.attr, d.mod = x.publisher(), muster.Asserted
		}
		if (d.mod == muster.Asserted || d.mod == muster.Reported) && hedgeRE.MatchString(x.d.Text[d.ev.Start:d.ev.End]) {
			d.mod = muster.Hedged
		}
		for _, dis := range disclaimers {
			if dis.covers(d, x) {
				d.mod = muster.Unverified
				d.more = append(d.more, dis.span)
			}
		}
	}
}

func (x *doc) publisher() muster.Attribution {
	name := x.in.Publisher
	if name == "" {
		name = "the publisher"
	}
	return muster.Attribution{Name: name, Type: muster.SourcePublisher}
}

// attributionOf returns the attribution with the smallest content that
// holds the evidence span.
func (x *doc) attributionOf(ev muster.Span) (Attribution, bool) {
	best, found := Attribution{}, false
	for _, a := range x.attrs {
		c := a.Content
		if c.Len() == 0 {
			continue
		}
		// The cue may sit inside the evidence ("Russian state media
		// claimed more than 70 …"): the content must cover most of it.
		inter := min(c.End, ev.End) - max(c.Start, ev.Start)
		if inter <= 0 || float64(inter) < 0.6*float64(ev.Len()) {
			continue
		}
		if !x.inScope(a, ev) {
			continue
		}
		if !found || c.Len() < best.Content.Len() {
			best, found = a, true
		}
	}
	return best, found
}

// inScope reports whether a source governs the evidence: a source speaks
// for its own sentence, never for the neighbouring ones, unless its
// quotation runs on into them ("“A. B,” he said") (issue 11: a security
// service's statement about one plot became the source of who attacked a
// concert hall).
func (x *doc) inScope(a Attribution, ev muster.Span) bool {
	cue := a.Cue
	if cue.Len() == 0 {
		cue = a.Source
	}
	if cue.Len() == 0 {
		return true
	}
	sc, se := x.d.SentenceOf(cue.Start), x.d.SentenceOf(ev.Start)
	if sc < 0 || se < 0 || sc == se {
		return true
	}
	if !a.Direct {
		return false
	}
	// Direct speech: the evidence must sit inside the quotation, which is
	// open at its start.
	lo, hi := min(a.Content.Start, ev.Start), ev.Start
	between := x.d.Text[lo:hi]
	return strings.Count(between, "“") > strings.Count(between, "”") || strings.Count(between, `"`)%2 == 1
}

// sentenceSource catches the attributions a sentence states outright
// when the model missed them: "according to X" and "by some estimates".
func (x *doc) sentenceSource(si int, ev muster.Span) (muster.Attribution, muster.Modality, bool) {
	s := x.d.Sentences[si]
	text := x.d.Text[s.Start:s.End]
	// Keyword tests first: this runs for every claim, the regexps below
	// only where their words are.
	lower := x.lowerSent(si)
	if containsAny(lower, unnamedSourceKeys) {
		if loc := unnamedSourceRE.FindStringSubmatchIndex(text); loc != nil {
			name := strings.ToLower(text[loc[2]:loc[5]])
			mod := muster.Reported
			if strings.HasPrefix(text[loc[4]:loc[5]], "estimate") {
				mod = muster.Estimated
			}
			return muster.Attribution{Name: name, Type: muster.SourceUnnamed}, mod, true
		}
	}
	// "the more than 70 dead claimed by Moscow": a passive agent right
	// after the claim's words.
	if ev.End <= s.End && strings.Contains(x.d.Text[ev.End:s.End], " by ") {
		if loc := passiveAgentRE.FindStringSubmatchIndex(x.d.Text[ev.End:s.End]); loc != nil {
			src := muster.Span{Start: ev.End + loc[4], End: ev.End + loc[5]}
			mod := muster.Reported
			if strings.EqualFold(x.d.Text[ev.End+loc[2]:ev.End+loc[3]], "claimed") || strings.EqualFold(x.d.Text[ev.End+loc[2]:ev.End+loc[3]], "alleged") {
				mod = muster.Claimed
			}
			return x.describeSource(src), mod, true
		}
	}
	if strings.Contains(lower, "according to") {
		if loc := accordingToRE.FindStringSubmatchIndex(text); loc != nil {
			src := muster.Span{Start: s.Start + loc[2], End: s.Start + loc[3]}
			return x.describeSource(src), muster.Reported, true
		}
	}
	// "Russia’s defence ministry claimed more than 70 …": a sentence that
	// opens with its speaker and a reporting verb, the claim after it.
	if containsAny(lower, openingVerbKeys) {
		if loc := openingSpeakerRE.FindStringSubmatchIndex(text); loc != nil && s.Start+loc[1] <= ev.Start &&
			!strings.EqualFold(strings.TrimSpace(text[loc[2]:loc[3]]), "it") {
			src := muster.Span{Start: s.Start + loc[2], End: s.Start + loc[3]}
			mod := muster.Reported
			switch strings.ToLower(text[loc[4]:loc[5]]) {
			case "claimed", "claims", "alleged", "alleges", "insisted", "insists":
				mod = muster.Claimed
			case "denied", "denies":
				mod = muster.Denied
			case "estimated", "estimates", "estimate", "believe", "believes":
				mod = muster.Estimated // "Analysts estimate the group has …"
			}
			return x.describeSource(src), mod, true
		}
	}
	// "The raid left Moscow claiming more than 70 fighters killed".
	if !containsAny(lower, participleKeys) {
		return muster.Attribution{}, "", false
	}
	if loc := participleSpeakerRE.FindStringSubmatchIndex(text); loc != nil && s.Start+loc[1] <= ev.Start {
		src := muster.Span{Start: s.Start + loc[2], End: s.Start + loc[3]}
		mod := muster.Reported
		if v := strings.ToLower(text[loc[4]:loc[5]]); v == "claiming" || v == "alleging" || v == "insisting" {
			mod = muster.Claimed
		}
		return x.describeSource(src), mod, true
	}
	return muster.Attribution{}, "", false
}

// unnamedSourceKeys are the words one of which unnamedSourceRE needs.
var unnamedSourceKeys = []string{"estimates", "accounts", "reports", "sources"}

// participleKeys are the words participleSpeakerRE needs.
var participleKeys = []string{"claiming", "saying", "reporting", "alleging", "insisting"}

// participleSpeakerRE is a speaker with a reporting participle inside
// the sentence: "left Moscow claiming …", "with officials saying …".
var participleSpeakerRE = regexp.MustCompile(`\b(?:left|leaving|with)\s+((?:the\s+)?\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){0,3})\s+(claiming|saying|reporting|alleging|insisting)\s+(?:that\s+)?`)

// openingVerbKeys are the words one of which openingSpeakerRE needs.
var openingVerbKeys = []string{"said", "says", "claim", "report", "announced", "alleg", "stated", "insist", "denied", "denies", "told", "estimate", "believe"}

// openingSpeakerRE is a sentence's speaker and reporting verb at its
// start: a capitalised noun phrase of up to six words.
var openingSpeakerRE = regexp.MustCompile(`^((?:The\s+|A\s+|An\s+)?\p{Lu}[\p{L}’'-]*(?:\s+[\p{L}’'-]+){0,5}?)\s+(said|says|claimed|claims|reported|reports|announced|alleged|alleges|stated|insisted|insists|denied|denies|estimated|estimates|estimate|believe|believes|told\s+\w+)\s+(?:that\s+)?`)

// sourceOf names an attribution's source: the entity it mentions, or the
// words themselves classified by kind.
func (x *doc) sourceOf(a Attribution) muster.Attribution {
	if a.Source.Len() == 0 && a.Kind != KindEstimate {
		// "Caesar said … and claimed …": a cue coordinated with an
		// earlier one in the sentence shares its source.
		si := x.d.SentenceOf(a.Cue.Start)
		for i := len(x.attrs) - 1; i >= 0; i-- {
			b := x.attrs[i]
			if b.Cue.Start < a.Cue.Start && b.Source.Len() > 0 && x.d.SentenceOf(b.Cue.Start) == si {
				return x.sourceOf(b)
			}
		}
	}
	if a.Source.Len() == 0 {
		name := "unnamed source"
		if a.Kind == KindEstimate {
			name = "some estimates"
			if cue := strings.ToLower(x.d.Text[a.Cue.Start:a.Cue.End]); strings.Contains(cue, "estimate") {
				name = strings.TrimPrefix(strings.TrimPrefix(cue, "by "), "according to ")
			}
		}
		return muster.Attribution{Name: name, Type: muster.SourceUnnamed}
	}
	src := a.Source
	// The model may stop a source at its first word ("Russian" of
	// "Russian state media claimed"): a source right before its cue runs
	// up to the cue.
	if src.End < a.Cue.Start {
		gap := x.d.Text[src.End:a.Cue.Start]
		if sourceGapRE.MatchString(gap) {
			src.End = a.Cue.Start
			for src.End > src.Start && x.d.Text[src.End-1] == ' ' {
				src.End--
			}
		}
	}
	return x.describeSource(src)
}

// leadingDayRE is a day that opens a sentence before its subject: "On
// Tuesday", "Late on Monday,", "Earlier on Friday".
var leadingDayRE = regexp.MustCompile(`^(?:(?i:late|early|earlier|later)\s+)?(?i:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:night|morning|evening|afternoon))?,?\s+`)

// describeSource turns a source span into an Attribution: the entity named
// there when there is one ("Caesar", "Radio Free Europe"), else the words
// with a type guessed from them ("Russian state media" is media).
func (x *doc) describeSource(src muster.Span) muster.Attribution {
	// "On Tuesday Russia’s defence ministry claimed": the day opens the
	// sentence, not the source's name.
	if loc := leadingDayRE.FindStringIndex(x.d.Text[src.Start:src.End]); loc != nil && loc[1] < src.Len() {
		src.Start += loc[1]
	}
	text := strings.TrimSpace(x.d.Text[src.Start:src.End])
	// "The Syrian Observatory for Human Rights, a Britain-based monitor,":
	// the name before its description.
	if k := appositionCut(x.d.Text[src.Start:src.End]); k > 0 {
		return x.describeSource(muster.Span{Start: src.Start, End: src.Start + k})
	}
	// "CMA, formed by semi-nomadic Tuareg people,": the name before its
	// description.
	for _, m := range x.ments {
		if m.ent < 0 || m.nominal || m.Start < src.Start || m.End >= src.End {
			continue
		}
		lead := strings.ToLower(strings.TrimSpace(x.d.Text[src.Start:m.Start]))
		if (lead == "" || lead == "the") && strings.HasPrefix(x.d.Text[m.End:src.End], ",") && len(x.d.Text[m.End:src.End]) > 3 {
			e := x.ents[x.live(m.ent)]
			return muster.Attribution{Name: e.name, Type: muster.AttributionType(e.typ)}
		}
		break
	}
	// "The Legion’s spokesman, Caesar,": the person in apposition.
	if trimmed := strings.TrimRight(text, " ,"); trimmed != text || strings.Contains(text, ", ") {
		end := src.Start + strings.Index(x.d.Text[src.Start:src.End], trimmed) + len(trimmed)
		for _, m := range x.ments {
			if m.End == end && m.ent >= 0 && !m.nominal && x.ents[m.ent].typ == muster.EntityPerson && m.Start > src.Start {
				return muster.Attribution{Name: x.ents[m.ent].name, Type: muster.AttributionType(muster.EntityPerson)}
			}
		}
	}
	// "He told reporters": the person named last before.
	if low := strings.ToLower(text); low == "he" || low == "she" {
		for i := len(x.ments) - 1; i >= 0; i-- {
			m := x.ments[i]
			if m.End <= src.Start && m.ent >= 0 && !m.nominal && x.ents[m.ent].typ == muster.EntityPerson {
				return muster.Attribution{Name: x.ents[m.ent].name, Type: muster.AttributionType(muster.EntityPerson)}
			}
		}
	}
	for _, m := range x.ments {
		if m.ent < 0 || !src.Contains(m.Span) {
			continue
		}
		e := x.ents[m.ent]
		// Only when the name is the whole source ("Caesar"), not a part
		// of a description ("officials in Kyiv").
		if len(m.text)+4 >= len(text) {
			typ := muster.AttributionType(e.typ)
			if e.typ == muster.EntityPlace {
				// "Moscow says": a capital speaks for its government.
				typ = muster.AttributionType(muster.EntityOrganization)
			}
			return muster.Attribution{Name: e.name, Type: typ}
		}
	}
	low := strings.ToLower(text)
	typ := muster.SourceUnnamed
	switch {
	case mediaSourceRE.MatchString(low):
		typ = muster.AttributionType(muster.EntityMedia)
	case officialSourceRE.MatchString(low):
		typ = muster.AttributionType(muster.EntityOrganization)
	}
	return muster.Attribution{Name: text, Type: typ}
}

// appositionCut returns the offset of ", a|an " that opens a description
// after a capitalised name, or 0.
func appositionCut(text string) int {
	for _, sep := range []string{", a ", ", an "} {
		if k := strings.Index(text, sep); k > 0 {
			r, _ := utf8.DecodeRuneInString(strings.TrimSpace(text))
			if unicode.IsUpper(r) {
				return k
			}
		}
	}
	return 0
}

// modalityOfKind maps an attribution cue's kind to the claim's modality.
func modalityOfKind(kind string) muster.Modality {
	switch kind {
	case KindClaim:
		return muster.Claimed
	case KindEstimate:
		return muster.Estimated
	case KindDeny:
		return muster.Denied
	case KindBelief:
		return muster.Hedged
	}
	return muster.Reported
}

var hedgeRE = regexp.MustCompile(`(?i)\b(reportedly|allegedly|apparently|may have|might have|could have|is believed to|are believed to|hinted|purportedly|unconfirmed)\b`)

// disclaimer is the outlet's own word that it could not verify something.
type disclaimer struct {
	span     muster.Span
	sent     int
	casualty bool // it names casualty figures or estimates
	// claims is true when what it could not verify is "the claims",
	// "either claim", "these accounts": the figures just given too.
	claims bool
	// local is a relative clause on its own sentence's claim ("…, a
	// figure that could not be independently verified"): it covers that
	// sentence alone.
	local bool
}

// localDisclaimerRE ends the words before a disclaimer that make it a
// relative clause: ", a figure that", ", which", "— a claim that".
var localDisclaimerRE = regexp.MustCompile(`(?:,|—|–)\s*(?:(?:a|an|the)\s+)?(?:[a-z]+\s+){0,2}?(?:that|which)\s+$`)

var disclaimerRE = regexp.MustCompile(`(?i)\b(?:has|have|had|could|can|was|were|is|are)\s*(?:not|n't|unable)\s+(?:been\s+able\s+to\s+|to\s+)?(?:independently\s+)?(?:verify|confirm|check|corroborate)\b|\bcould not be (?:independently\s+)?(?:verified|confirmed|checked|corroborated)\b`)

func (x *doc) disclaimers() []disclaimer {
	var out []disclaimer
	for si, s := range x.d.Sentences {
		if !containsAny(x.lowerSent(si), disclaimerKeys) {
			continue
		}
		text := x.d.Text[s.Start:s.End]
		loc := disclaimerRE.FindStringIndex(text)
		if loc == nil {
			continue
		}
		out = append(out, disclaimer{span: s, sent: si,
			casualty: casualtyTopicRE.MatchString(text),
			claims:   claimsObjectRE.MatchString(text[loc[0]:]),
			local:    localDisclaimerRE.MatchString(text[:loc[0]])})
	}
	return out
}

// covers reports whether a disclaimer applies to a claim: a relative
// clause to its own sentence's claims; casualty disclaimers to every
// casualty figure before them in the document, others to the claims of
// the two sentences before them.
func (dis disclaimer) covers(d *draft, x *doc) bool {
	if dis.local {
		return d.sent == dis.sent
	}
	if d.pred == muster.PredKilled || d.pred == muster.PredWounded || d.pred == muster.PredCaptured {
		return dis.casualty && d.sent < dis.sent || dis.claims && d.sent < dis.sent && d.sent >= dis.sent-2
	}
	return !dis.casualty && d.sent < dis.sent && d.sent >= dis.sent-2 && d.attr.Type != muster.SourcePublisher
}

// Patterns used inside the functions above, compiled once.
var (
	unnamedSourceRE  = regexp.MustCompile(`(?i)\b(?:by|according to)\s+(some|many|several|most|other|various)\s+(estimates|accounts|reports|sources)\b`)
	passiveAgentRE   = regexp.MustCompile(`^\s+(claimed|reported|alleged|cited|given)\s+by\s+([^,.;]+)`)
	accordingToRE    = regexp.MustCompile(`(?i),?\s*according to\s+([^,.;]+)`)
	sourceGapRE      = regexp.MustCompile(`^(?:\s+[a-z][a-z-]*){1,3}\s+$`)
	mediaSourceRE    = regexp.MustCompile(`\b(media|newspapers?|outlets?|agency|television|tv|press|broadcaster|reports?)\b`)
	officialSourceRE = regexp.MustCompile(`\b(officials?|ministry|government|kremlin|authorities|governor|spokes(?:man|woman|person)|military|army|command)\b`)
	casualtyTopicRE  = regexp.MustCompile(`(?i)\b(casualt|death|dead|killed|toll|losses|figures|estimates)`)
)

// claimsObjectRE finds a general object of a disclaimer: "either
// claim", "the claims", "these accounts".
var claimsObjectRE = regexp.MustCompile(`(?i)\b(?:either|both|the|these|those|such|any\s+of\s+the)\s+(?:claims?|accounts?|reports?|allegations?|statements?)\b`)

// disclaimerKeys are words one of which a sentence needs for disclaimers to look at it.
var disclaimerKeys = []string{"verif", "confirm", "check", "corroborat"}

// sourceless reports whether an attribution names no source and cannot
// borrow one: a cue the model found with nobody saying it ("is pushing to
// overthrow") is not a report, unless the cue itself speaks of unnamed
// sources ("reportedly", "by some estimates").
func (x *doc) sourceless(a Attribution) bool {
	if a.Source.Len() > 0 || a.Kind == KindEstimate || a.Kind == KindReport {
		return false
	}
	return x.sourceOf(a).Type == muster.SourceUnnamed
}
