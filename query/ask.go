package query

import (
	"context"
	"regexp"
	"sort"
	"strings"

	"github.com/muster-osint/muster"
)

// Answer is muster's answer to a question: the entities that satisfy it,
// each with the claims that justify it (DESIGN §6), or none, with a note
// that says plainly what muster does not know.
type Answer struct {
	Question string        `json:"question"`
	Answers  []AnswerEntry `json:"answers"`
	// Note explains an empty answer or how the question was read.
	Note string `json:"note,omitempty"`
}

// AnswerEntry is one entity of an answer with the claims behind it.
type AnswerEntry struct {
	Entity muster.Ref     `json:"entity"`
	Why    []muster.Claim `json:"why"`
}

// constraint is one condition a question puts on the entities it asks
// about: a predicate and its object, or taking part in an event at a place.
type constraint struct {
	pred    muster.Predicate
	object  string // the words of the object
	inverse bool   // the asked-for entity is the claim's object ("who founded X")
	event   bool   // participation in an event at object (a place)
	text    bool   // match the object as words of a text value (ideology)
	// alts are further predicates that satisfy the constraint as pred does
	// ("active in" is also "based in").
	alts []muster.Predicate
	// orEvent: taking part in any event at the object (a place) also
	// satisfies it ("active in Z" is also "attacked in Z").
	orEvent bool
}

// entityWords name the kind of entity a question asks for.
var entityWords = map[string]muster.EntityType{
	"group": muster.EntityArmedGroup, "groups": muster.EntityArmedGroup, "militia": muster.EntityArmedGroup,
	"militias": muster.EntityArmedGroup, "units": muster.EntityArmedGroup, "unit": muster.EntityArmedGroup,
	"factions": muster.EntityArmedGroup, "organizations": muster.EntityArmedGroup, "organisations": muster.EntityArmedGroup,
	"legions": muster.EntityArmedGroup, "battalions": muster.EntityArmedGroup, "regiments": muster.EntityArmedGroup,
	"gangs": muster.EntityArmedGroup, "cartels": muster.EntityArmedGroup, "rebels": muster.EntityArmedGroup,
	"people": muster.EntityPerson, "persons": muster.EntityPerson, "leaders": muster.EntityPerson, "commanders": muster.EntityPerson,
}

var (
	antiRE     = regexp.MustCompile(`(?i)\banti-([\p{L}\s.'’-]+?)(?:\s+(?:groups?|militias?|units?|factions?|forces|fighters|organi[sz]ations?)\b|$)`)
	opposeRE   = regexp.MustCompile(`(?i)\b(?:oppos(?:e|es|ed to|ing)|(?:fight|fights|fighting|fought)\s+against|against)\s+([^?,]+)`)
	fightForRE = regexp.MustCompile(`(?i)\b(?:fight|fights|fighting|fought|fighting on the side of)\s+for\s+([^?,]+)`)
	enteredRE  = regexp.MustCompile(`(?i)\b(?:marched|crossed|pushed|advanced|broke)\s+into\s+([^?,]+)|\b(?:entered|invaded|raided|attacked|struck)\s+([^?,]+)`)
	foundedRE  = regexp.MustCompile(`(?i)^\s*who\s+(founded|formed|created|established|leads|led|heads|commands|is the leader of|is the commander of|is the spokes(?:man|woman|person) (?:for|of))\s+([^?]+)`)
	whenRE     = regexp.MustCompile(`(?i)^\s*when\s+(?:was|were)\s+(?:the\s+)?(.+?)\s+(?:founded|formed|created|established)\s*\??$`)
	sizeRE     = regexp.MustCompile(`(?i)^\s*how\s+(?:big|large|strong)\s+is\s+(?:the\s+)?(.+?)\s*\??$|^\s*how\s+many\s+(?:fighters|troops|members|men|soldiers)\s+(?:does|do)\s+(?:the\s+)?(.+?)\s+have\s*\??$`)
	byRE       = regexp.MustCompile(`(?i)\b(founded|formed|led|commanded|backed)\s+by\s+([^?,]+)`)
	// aboutRE reads questions about one named actor's other predicates.
	aboutRE = []struct {
		re   *regexp.Regexp
		pred muster.Predicate
	}{
		{regexp.MustCompile(`(?i)^\s*who\s+speaks\s+for\s+(?:the\s+)?(.+?)\s*\??$`), muster.PredSpokesperson},
		{regexp.MustCompile(`(?i)^\s*what\s+(?:does|do)\s+(?:the\s+)?(.+?)\s+(?:want|seek|aim for|fight for)\s*\??$`), muster.PredGoal},
		{regexp.MustCompile(`(?i)^\s*what\s+(?:does|do)\s+(?:the\s+)?(.+?)\s+believe(?:\s+in)?\s*\??$|^\s*what\s+is\s+the\s+ideology\s+of\s+(?:the\s+)?(.+?)\s*\??$`), muster.PredIdeology},
		{regexp.MustCompile(`(?i)^\s*who\s+(?:fights|serves|are\s+the\s+fighters)\s+(?:in|with|of)\s+(?:the\s+)?(.+?)\s*\??$|^\s*who\s+(?:is|are)\s+(?:the\s+)?(.+?)\s+made\s+up\s+of\s*\??$`), muster.PredComposedOf},
		{regexp.MustCompile(`(?i)^\s*(?:who|whom|what)\s+(?:does|do)\s+(?:the\s+)?(.+?)\s+(?:oppose|fight against)\s*\??$`), muster.PredOpposes},
	}
	// relationRE reads questions about how one named actor stands to
	// others: the predicates to look in, in order (the first that gives an
	// answer wins), and whether the actor may stand on either side of the
	// claim ("who opposes X" is also whom X opposes).
	relationRE = []struct {
		re        *regexp.Regexp
		preds     []muster.Predicate
		symmetric bool
	}{
		{regexp.MustCompile(`(?i)^\s*who\s+(?:backs|supports|arms|funds|finances|sponsors|is\s+behind)\s+(?:the\s+)?(.+?)\s*\??$|^\s*who\s+(?:is|are)\s+(?:the\s+)?(.+?)\s+backed\s+by\s*\??$`),
			[]muster.Predicate{muster.PredBackedBy, muster.PredAlliedWith, muster.PredTiesTo}, false},
		{regexp.MustCompile(`(?i)^\s*(?:who|what)\s+(?:is|are)\s+(?:the\s+)?(.+?)\s+(?:allied|aligned)\s+with\s*\??$|^\s*who\s+are\s+(?:the\s+)?allies\s+of\s+(?:the\s+)?(.+?)\s*\??$`),
			[]muster.Predicate{muster.PredAlliedWith}, true},
		{regexp.MustCompile(`(?i)^\s*who\s+(?:opposes|fights|is\s+fighting|are\s+fighting|fought|battles)\s+(?:against\s+)?(?:the\s+)?(.+?)\s*\??$`),
			[]muster.Predicate{muster.PredOpposes}, true},
		{regexp.MustCompile(`(?i)^\s*what\s+(?:is|are)\s+(?:the\s+)?(.+?)\s+(?:a\s+)?part\s+of\s*\??$|^\s*what\s+(?:does|do)\s+(?:the\s+)?(.+?)\s+belong\s+to\s*\??$`),
			[]muster.Predicate{muster.PredPartOf}, false},
		{regexp.MustCompile(`(?i)^\s*where\s+(?:is|are)\s+(?:the\s+)?(.+?)\s+based\s*\??$`),
			[]muster.Predicate{muster.PredBasedIn}, false},
		{regexp.MustCompile(`(?i)^\s*where\s+(?:is|are)\s+(?:the\s+)?(.+?)\s+active\s*\??$|^\s*where\s+(?:does|do)\s+(?:the\s+)?(.+?)\s+(?:operate|fight)\s*\??$`),
			[]muster.Predicate{muster.PredActiveIn, muster.PredBasedIn}, false},
	}
	// ideologyRE reads "what is X's ideology?".
	ideologyRE = regexp.MustCompile(`(?i)^\s*what\s+is\s+(?:the\s+)?(.+?)(?:'s|’s|')\s+ideology\s*\??$`)
	// claimedRE reads "who claimed the attack in Y?".
	claimedRE = regexp.MustCompile(`(?i)^\s*who\s+(?:has\s+)?claimed\s+(?:responsibility\s+for\s+)?(?:the\s+|an?\s+)?(?:[\p{L}-]+\s+){0,2}?(?:attacks?|bombings?|blasts?|raids?|ambush(?:es)?|killings?|massacres?|assaults?|strikes?|kidnappings?|explosions?)\s+(?:in|on|at|near)\s+(?:the\s+)?(.+?)\s*\??$`)
	// activeRE reads the place of "which groups are active in Z?".
	activeRE = regexp.MustCompile(`(?i)\b(?:active|operating|operate|based)\s+in\s+(?:the\s+)?([^?,]+)`)
	// didRE reads "what did X do?": the events an actor took part in.
	didRE   = regexp.MustCompile(`(?i)^\s*what\s+(?:did|has|have)\s+(?:the\s+)?(.+?)\s+(?:do|done)\s*\??$|^\s*(?:which|what)\s+(?:events|attacks|raids|operations)\s+(?:involve|involved)\s+(?:the\s+)?(.+?)\s*\??$`)
	whoIsRE = regexp.MustCompile(`(?i)^\s*(?:who|what)\s+(?:is|are|was|were)\s+(?:the\s+)?([^?]+?)\s*\??$`)
)

// Ask answers a question. It understands questions that name a kind of
// actor and relations to people, places or events ("Which groups fight
// for Ukraine?", "Who are the anti-Putin groups that marched into Russian
// territory?"), who founded, leads or speaks for a group, when a group was
// founded and how big it is; for anything else it says so.
func Ask(ctx context.Context, r Reader, question string) (*Answer, error) {
	q := strings.TrimSpace(question)
	a := &Answer{Question: q, Answers: []AnswerEntry{}}
	if q == "" {
		return nil, muster.Errorf(muster.KindInvalid, "ask: empty question")
	}
	if m := foundedRE.FindStringSubmatch(q); m != nil {
		p := verbPredicate(m[1])
		switch p {
		case muster.PredLeader:
			return askRelation(ctx, r, a, m[2], []muster.Predicate{muster.PredLeader, muster.PredCommander}, false)
		case muster.PredCommander:
			return askRelation(ctx, r, a, m[2], []muster.Predicate{muster.PredCommander, muster.PredLeader}, false)
		}
		return askAbout(ctx, r, a, strings.TrimSpace(m[2]), p, true)
	}
	if m := whenRE.FindStringSubmatch(q); m != nil {
		return askAbout(ctx, r, a, m[1], muster.PredFounded, false)
	}
	if m := sizeRE.FindStringSubmatch(q); m != nil {
		name := m[1]
		if name == "" {
			name = m[2]
		}
		return askAbout(ctx, r, a, name, muster.PredSize, false)
	}
	if m := ideologyRE.FindStringSubmatch(q); m != nil {
		return askAbout(ctx, r, a, m[1], muster.PredIdeology, false)
	}
	if m := claimedRE.FindStringSubmatch(q); m != nil {
		return askClaimed(ctx, r, a, m[1])
	}
	for _, rq := range relationRE {
		if m := rq.re.FindStringSubmatch(q); m != nil {
			name := m[1]
			if name == "" && len(m) > 2 {
				name = m[2]
			}
			return askRelation(ctx, r, a, name, rq.preds, rq.symmetric)
		}
	}
	for _, a2 := range aboutRE {
		if m := a2.re.FindStringSubmatch(q); m != nil {
			name := m[1]
			if name == "" && len(m) > 2 {
				name = m[2]
			}
			objects := a2.pred == muster.PredSpokesperson || a2.pred == muster.PredOpposes
			return askAbout(ctx, r, a, name, a2.pred, objects)
		}
	}
	if m := didRE.FindStringSubmatch(q); m != nil {
		name := m[1]
		if name == "" {
			name = m[2]
		}
		return askEvents(ctx, r, a, name)
	}
	want, cons := parseList(q)
	if len(cons) == 0 {
		if m := whoIsRE.FindStringSubmatch(q); m != nil {
			return askWhoIs(ctx, r, a, m[1])
		}
		a.Note = "muster cannot read this question: ask which groups relate to someone or somewhere (\"Which groups fight for Ukraine?\"), who founded, leads or speaks for a group, when it was founded, how big it is, what it wants or believes, whom it opposes, what it did; or use `muster profile NAME`"
		return a, nil
	}
	return askList(ctx, r, a, want, cons)
}

func verbPredicate(v string) muster.Predicate {
	v = strings.ToLower(v)
	switch {
	case strings.Contains(v, "spokes"):
		return muster.PredSpokesperson
	case strings.HasPrefix(v, "lead") || v == "led" || strings.HasPrefix(v, "head") || strings.Contains(v, "leader"):
		return muster.PredLeader
	case strings.Contains(v, "command"):
		return muster.PredCommander
	}
	return muster.PredFoundedBy
}

// parseList reads a list question into the kind of entity it asks for and
// its constraints.
func parseList(q string) (muster.EntityType, []constraint) {
	var want muster.EntityType
	for _, w := range strings.Fields(strings.ToLower(strings.Trim(q, "?"))) {
		if t, ok := entityWords[w]; ok {
			want = t
			break
		}
	}
	var cons []constraint
	for _, m := range antiRE.FindAllStringSubmatch(q, -1) {
		cons = append(cons, constraint{pred: muster.PredOpposes, object: m[1]})
	}
	for _, m := range fightForRE.FindAllStringSubmatch(q, -1) {
		cons = append(cons, constraint{pred: muster.PredFightsFor, object: trimObject(m[1])})
	}
	if len(cons) == 0 || !antiRE.MatchString(q) {
		for _, m := range opposeRE.FindAllStringSubmatch(q, -1) {
			cons = append(cons, constraint{pred: muster.PredOpposes, object: trimObject(m[1])})
		}
	}
	for _, m := range enteredRE.FindAllStringSubmatch(q, -1) {
		obj := m[1]
		if obj == "" {
			obj = m[2]
		}
		cons = append(cons, constraint{event: true, object: trimObject(obj)})
	}
	for _, m := range activeRE.FindAllStringSubmatch(q, -1) {
		cons = append(cons, constraint{pred: muster.PredActiveIn, alts: []muster.Predicate{muster.PredBasedIn}, object: trimObject(m[1]), orEvent: true})
	}
	for _, m := range byRE.FindAllStringSubmatch(q, -1) {
		p := muster.PredFoundedBy
		switch strings.ToLower(m[1]) {
		case "led":
			p = muster.PredLeader
		case "commanded":
			p = muster.PredCommander
		case "backed":
			p = muster.PredAlliedWith
		}
		cons = append(cons, constraint{pred: p, object: trimObject(m[2])})
	}
	return want, cons
}

// trimObject cuts a question's object at the next relative clause.
func trimObject(s string) string {
	s = strings.TrimSpace(s)
	for _, stop := range []string{" that ", " who ", " which ", " and ", " since ", " in "} {
		if i := strings.Index(s, stop); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(strings.TrimSuffix(s, "?"))
}

// askAbout answers a question about one named entity's predicate: the
// objects of its claims (inverse: "who founded X" lists founders) or the
// claims themselves ("when was X founded").
func askAbout(ctx context.Context, r Reader, a *Answer, name string, pred muster.Predicate, objects bool) (*Answer, error) {
	e, err := named(ctx, r, a, name)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return a, nil
	}
	claims, err := r.ClaimsAbout(ctx, []string{e.ID})
	if err != nil {
		return nil, err
	}
	byObj := map[string]*AnswerEntry{}
	var order []string
	for _, c := range claims {
		if c.Predicate != pred || c.Subject.ID != e.ID {
			continue
		}
		ref := e.Ref()
		if objects && c.Object.Entity != nil {
			ref = *c.Object.Entity
		}
		k := subjectKey(ref)
		if byObj[k] == nil {
			byObj[k] = &AnswerEntry{Entity: ref}
			order = append(order, k)
		}
		byObj[k].Why = append(byObj[k].Why, c)
	}
	for _, k := range order {
		a.Answers = append(a.Answers, *byObj[k])
	}
	if len(a.Answers) == 0 {
		a.Note = "muster has no claim about " + string(pred) + " for " + e.Name
	}
	return a, nil
}

// askRelation answers a question about how a named actor stands to
// others: the other side of its claims of the first predicate that has
// any, on either side of the claim when symmetric.
func askRelation(ctx context.Context, r Reader, a *Answer, name string, preds []muster.Predicate, symmetric bool) (*Answer, error) {
	e, err := named(ctx, r, a, name)
	if err != nil || e == nil {
		return a, err
	}
	claims, err := r.ClaimsAbout(ctx, []string{e.ID})
	if err != nil {
		return nil, err
	}
	for _, pred := range preds {
		byObj := map[string]*AnswerEntry{}
		var order []string
		for _, c := range claims {
			if c.Predicate != pred || c.Modality == muster.Denied {
				continue
			}
			var other muster.Ref
			switch {
			case c.Subject.ID == e.ID && c.Object.Entity != nil:
				other = *c.Object.Entity
			case symmetric && c.Object.Entity != nil && c.Object.Entity.ID == e.ID && c.Subject.Type != "event":
				other = c.Subject
			case c.Subject.ID == e.ID:
				other = e.Ref() // a value: "backed by foreign fighters"
			default:
				continue
			}
			k := subjectKey(other)
			if byObj[k] == nil {
				byObj[k] = &AnswerEntry{Entity: other}
				order = append(order, k)
			}
			byObj[k].Why = append(byObj[k].Why, c)
		}
		for _, k := range order {
			a.Answers = append(a.Answers, *byObj[k])
		}
		if len(a.Answers) > 0 {
			return a, nil
		}
	}
	a.Note = "muster does not know: it has no claim that " + e.Name + " is " + strings.ReplaceAll(string(preds[0]), "_", " ") + " anyone"
	return a, nil
}

// askClaimed answers "who claimed the attack in Y?" with the claimants of
// the events at Y.
func askClaimed(ctx context.Context, r Reader, a *Answer, place string) (*Answer, error) {
	objs, err := resolveObject(ctx, r, place)
	if err != nil {
		return nil, err
	}
	events, err := r.EventsOf(ctx, "")
	if err != nil {
		return nil, err
	}
	byObj := map[string]*AnswerEntry{}
	var order []string
	for _, ev := range events {
		at, err := eventAt(ctx, r, ev, objs, place)
		if err != nil {
			return nil, err
		}
		if !at {
			continue
		}
		for _, c := range ev.Claims {
			if c.Predicate != muster.PredClaimedBy || c.Object.Entity == nil || c.Modality == muster.Denied {
				continue
			}
			k := subjectKey(*c.Object.Entity)
			if byObj[k] == nil {
				byObj[k] = &AnswerEntry{Entity: *c.Object.Entity}
				order = append(order, k)
			}
			byObj[k].Why = append(byObj[k].Why, c)
		}
	}
	for _, k := range order {
		a.Answers = append(a.Answers, *byObj[k])
	}
	if len(a.Answers) == 0 {
		a.Note = "muster does not know: no stored claim of responsibility for an event at " + quote(place)
	}
	return a, nil
}

// askWhoIs answers "who is X" with X and its most telling claims.
func askWhoIs(ctx context.Context, r Reader, a *Answer, name string) (*Answer, error) {
	e, err := named(ctx, r, a, name)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return a, nil
	}
	claims, err := r.ClaimsAbout(ctx, []string{e.ID})
	if err != nil {
		return nil, err
	}
	entry := AnswerEntry{Entity: e.Ref()}
	for _, c := range claims {
		if c.Subject.ID == e.ID && len(entry.Why) < 8 {
			entry.Why = append(entry.Why, c)
		}
	}
	a.Answers = append(a.Answers, entry)
	return a, nil
}

// askList finds the entities of the wanted kind that satisfy every
// constraint, each with the claims that show it.
func askList(ctx context.Context, r Reader, a *Answer, want muster.EntityType, cons []constraint) (*Answer, error) {
	type cand struct {
		ref muster.Ref
		why []muster.Claim
		met map[int]bool
	}
	cands := map[string]*cand{}
	var order []string
	note := func(ref muster.Ref, ci int, c muster.Claim) {
		if want != "" && ref.Type != string(want) {
			return
		}
		k := subjectKey(ref)
		if cands[k] == nil {
			cands[k] = &cand{ref: ref, met: map[int]bool{}}
			order = append(order, k)
		}
		cands[k].met[ci] = true
		for _, w := range cands[k].why {
			if w.ID == c.ID {
				return
			}
		}
		cands[k].why = append(cands[k].why, c)
	}
	for ci, con := range cons {
		objs, err := resolveObject(ctx, r, con.object)
		if err != nil {
			return nil, err
		}
		if con.event || con.orEvent {
			events, err := r.EventsOf(ctx, "")
			if err != nil {
				return nil, err
			}
			for _, ev := range events {
				at, err := eventAt(ctx, r, ev, objs, con.object)
				if err != nil {
					return nil, err
				}
				if !at || (!con.orEvent && !fighting(ev.Type)) {
					continue
				}
				for _, c := range ev.Claims {
					if c.Predicate == muster.PredParticipant && c.Object.Entity != nil && c.Role != muster.RoleDefender && c.Role != muster.RoleTarget {
						note(*c.Object.Entity, ci, c)
					}
				}
			}
			if !con.orEvent {
				continue
			}
		}
		claims, err := r.ClaimsByPredicate(ctx, append([]muster.Predicate{con.pred}, con.alts...)...)
		if err != nil {
			return nil, err
		}
		for _, c := range claims {
			if c.Modality == muster.Denied {
				continue
			}
			if con.inverse {
				if matches(c.Subject, objs, con.object) && c.Object.Entity != nil {
					note(*c.Object.Entity, ci, c)
				}
				continue
			}
			if c.Object.Entity == nil {
				continue
			}
			ok := matches(*c.Object.Entity, objs, con.object)
			if !ok && len(objs.countries) > 0 && c.Object.Entity.ID != "" && c.Object.Entity.Type == string(muster.EntityPlace) {
				// "fight for Kyiv" is fighting for Ukraine: a capital
				// stands for its country.
				e, err := r.Entity(ctx, c.Object.Entity.ID)
				if err != nil && muster.ErrorKind(err) != muster.KindNotFound {
					return nil, err
				}
				ok = e != nil && e.Place != nil && e.Place.Feature == "PPLC" && objs.countries[e.Place.Country]
			}
			if ok {
				note(c.Subject, ci, c)
			}
		}
	}
	for _, k := range order {
		c := cands[k]
		if len(c.met) == len(cons) {
			a.Answers = append(a.Answers, AnswerEntry{Entity: c.ref, Why: c.why})
		}
	}
	sort.SliceStable(a.Answers, func(i, j int) bool { return len(a.Answers[i].Why) > len(a.Answers[j].Why) })
	if len(a.Answers) == 0 {
		a.Note = "muster does not know: no stored claims satisfy every part of the question"
	}
	return a, nil
}

// object is what a question's object words may denote: stored entities,
// with their places' countries.
type object struct {
	ids       map[string]bool
	countries map[string]bool // ISO2 of places and countries it names
}

// articleRE and regionWordRE strip what an object phrase wraps a name
// in: "the Idlib province" is Idlib.
var (
	articleRE    = regexp.MustCompile(`(?i)^(?:the|a|an)\s+`)
	regionWordRE = regexp.MustCompile(`(?i)\s+(?:territory|soil|land|lands|region|oblast|province|district|governorate)$`)
)

// resolveObject finds what an object phrase names: "Putin", "Ukraine",
// "Russian territory" (the country Russia).
func resolveObject(ctx context.Context, r Reader, phrase string) (object, error) {
	o := object{ids: map[string]bool{}, countries: map[string]bool{}}
	p := strings.TrimSpace(phrase)
	p = articleRE.ReplaceAllString(p, "")
	p = regionWordRE.ReplaceAllString(p, "")
	if c, ok := countryOfDemonym[strings.ToLower(p)]; ok {
		p = c
	}
	ents, err := r.FindEntities(ctx, p)
	if err != nil {
		return o, err
	}
	for _, e := range ents {
		o.ids[e.ID] = true
		if e.Place != nil && e.Place.Country != "" && (e.Place.Feature == "" || strings.HasPrefix(e.Place.Feature, "PCL") || e.Place.Precision == muster.PrecisionCountry) {
			o.countries[e.Place.Country] = true
		}
	}
	return o, nil
}

// countryOfDemonym reads "Russian territory" as Russia.
var countryOfDemonym = map[string]string{
	"russian": "Russia", "ukrainian": "Ukraine", "belarusian": "Belarus", "georgian": "Georgia",
	"polish": "Poland", "syrian": "Syria", "iraqi": "Iraq", "afghan": "Afghanistan", "israeli": "Israel",
	"moldovan": "Moldova", "american": "United States",
}

// matches reports whether an entity reference is (or, for a place, lies in
// the country of) the object.
func matches(ref muster.Ref, o object, words string) bool {
	if o.ids[ref.ID] {
		return true
	}
	// Words that name the entity by its surname or in full.
	k, w := muster.NameKey(ref.Name), muster.NameKey(words)
	return w != "" && (k == w || strings.HasSuffix(k, " "+w))
}

// eventAt reports whether an event happened at the object: at a place it
// names, or at a place inside the country it names.
func eventAt(ctx context.Context, r Reader, ev muster.Event, o object, words string) (bool, error) {
	for _, p := range ev.Places {
		if matches(p, o, words) {
			return true, nil
		}
		if len(o.countries) == 0 || p.ID == "" {
			continue
		}
		e, err := r.Entity(ctx, p.ID)
		if err != nil {
			if muster.ErrorKind(err) == muster.KindNotFound {
				continue
			}
			return false, err
		}
		if e.Place != nil && o.countries[e.Place.Country] {
			return true, nil
		}
	}
	return false, nil
}

// fighting reports whether an event is one an armed group marches into.
func fighting(t muster.EventType) bool {
	switch t {
	case muster.EventIncursion, muster.EventRaid, muster.EventArmedClash, muster.EventAttack:
		return true
	}
	return false
}

func quote(s string) string { return "“" + strings.TrimSpace(s) + "”" }

// askEvents answers "what did X do?" with X and the claims that place it
// in events.
func askEvents(ctx context.Context, r Reader, a *Answer, name string) (*Answer, error) {
	e, err := named(ctx, r, a, name)
	if err != nil {
		return nil, err
	}
	if e == nil {
		return a, nil
	}
	events, err := r.EventsOf(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	entry := AnswerEntry{Entity: e.Ref()}
	for _, ev := range events {
		for _, c := range ev.Claims {
			if c.Object.Entity != nil && c.Object.Entity.ID == e.ID && (c.Predicate == muster.PredParticipant || c.Predicate == muster.PredClaimedBy) {
				entry.Why = append(entry.Why, c)
			}
		}
	}
	if len(entry.Why) == 0 {
		a.Note = "muster has no event in which " + e.Name + " took part"
		return a, nil
	}
	a.Answers = append(a.Answers, entry)
	return a, nil
}

// named returns the entity best matching name, or nil with a note on the
// answer that muster knows none.
func named(ctx context.Context, r Reader, a *Answer, name string) (*muster.Entity, error) {
	ents, err := r.FindEntities(ctx, strings.TrimSpace(name))
	if err != nil {
		return nil, err
	}
	if len(ents) == 0 {
		a.Note = "muster knows no entity named " + quote(name)
		return nil, nil
	}
	return &ents[0], nil
}
