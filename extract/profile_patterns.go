package extract

import (
	_ "embed"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/pattern"
	"github.com/muster-osint/muster/nlp/placeword"
)

// The profile facts and relations of DESIGN §3 are dependency patterns
// over the parse, kept as data (patterns/profile.patterns, with the role
// table patterns/roles.tsv) so that one pattern covers a claim shape in
// every voice and construction (issue 11). This file turns their matches
// into claims: it maps each bound token to the document's entities (a
// token inside a mention is that mention's entity; otherwise the nearest
// mention in its phrase), expands coordination ("founded by A and B"), and
// reads text, date and number objects from the bound token's phrase.

//go:embed patterns/profile.patterns
var profilePatternsSrc string

//go:embed patterns/roles.tsv
var rolesSrc string

// profileRules are the compiled profile patterns; the embedded files are
// checked by the tests, so a bad file fails CI, not ingest.
var profileRules = mustProfileRules()

func mustProfileRules() *ruleSet {
	rs, err := loadRules("patterns/profile.patterns", profilePatternsSrc, rolesSrc)
	if err != nil {
		panic(err) // the embedded files are tested; this is a build defect
	}
	return rs
}

// ProfilePatterns returns the compiled profile patterns, for the test that
// runs their example sentences.
func ProfilePatterns() *pattern.Set { return profileRules.set }

// eventSubject as a claim's subject is the event the match's sentence
// tells or refers to ("claimed the raid was successful": the raid's
// outcome), not a slot.
const eventSubject = "*"

// claimSpec is one "PRED(SUBJ, OBJ:KIND)" of a pattern's claims.
type claimSpec struct {
	pred      string // a predicate, or "@slot"
	subj, obj string
	kind      string // entity, text, date, number, role
}

type rule struct {
	claims []claimSpec
	types  map[string][]muster.EntityType
	// subjects are the slots some claim takes as its subject.
	subjects map[string]bool
	// notTypes are the types a slot must not stand for: a composition
	// given as text is no list of named groups.
	notTypes map[string][]muster.EntityType
	source   string
	// outletVoice: the pattern reads a descriptive noun phrase (an
	// apposition, a name's modifier), which is the outlet's own voice even
	// inside a reported sentence (news_armed_groups conventions).
	outletVoice bool
}

type ruleSet struct {
	set   *pattern.Set
	rules map[*pattern.Pattern]*rule
	roles map[string]muster.Predicate // lemma → predicate ("" for none)
}

func loadRules(name, src, roles string) (*ruleSet, error) {
	set, err := pattern.ParseFile(name, strings.NewReader(src), nil)
	if err != nil {
		return nil, err
	}
	rs := &ruleSet{set: set, rules: map[*pattern.Pattern]*rule{}, roles: map[string]muster.Predicate{}}
	for i, line := range strings.Split(roles, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("roles.tsv:%d: want LEMMA<tab>PREDICATE", i+1)
		}
		if _, dup := rs.roles[k]; dup {
			return nil, fmt.Errorf("roles.tsv:%d: %q given twice", i+1, k)
		}
		if v == "-" {
			v = ""
		} else if !muster.Predicate(v).Valid() {
			return nil, fmt.Errorf("roles.tsv:%d: %q is no predicate of DESIGN §3", i+1, v)
		}
		rs.roles[k] = muster.Predicate(v)
	}
	for _, p := range set.Patterns {
		r := &rule{types: map[string][]muster.EntityType{}, notTypes: map[string][]muster.EntityType{}, subjects: map[string]bool{}, source: p.Meta["source"]}
		switch v := p.Meta["voice"]; v {
		case "outlet":
			r.outletVoice = true
		case "":
		default:
			return nil, fmt.Errorf("%s: pattern %s: voice %q, want outlet", name, p.Name, v)
		}
		spec := p.Meta["claims"]
		if spec == "" {
			return nil, fmt.Errorf("%s: pattern %s has no claims line", name, p.Name)
		}
		for _, c := range strings.Split(spec, ";") {
			cs, err := parseClaimSpec(strings.TrimSpace(c))
			if err != nil {
				return nil, fmt.Errorf("%s: pattern %s: %w", name, p.Name, err)
			}
			for _, s := range []string{cs.subj, cs.obj, strings.TrimPrefix(cs.pred, "@")} {
				if s != cs.pred && s != eventSubject && !slices.Contains(p.Slots, s) {
					return nil, fmt.Errorf("%s: pattern %s: claims name slot %q, which the pattern does not bind", name, p.Name, s)
				}
			}
			if !strings.HasPrefix(cs.pred, "@") && !muster.Predicate(cs.pred).Valid() {
				return nil, fmt.Errorf("%s: pattern %s: %q is no predicate of DESIGN §3", name, p.Name, cs.pred)
			}
			r.claims = append(r.claims, cs)
			r.subjects[cs.subj] = true
		}
		for key, into := range map[string]map[string][]muster.EntityType{"types": r.types, "nottypes": r.notTypes} {
			for _, f := range strings.Fields(p.Meta[key]) {
				slot, ts, ok := strings.Cut(f, "=")
				if !ok {
					return nil, fmt.Errorf("%s: pattern %s: want SLOT=type,type in %q", name, p.Name, f)
				}
				if !slices.Contains(p.Slots, slot) {
					return nil, fmt.Errorf("%s: pattern %s: %s names slot %q, which the pattern does not bind", name, p.Name, key, slot)
				}
				for _, t := range strings.Split(ts, ",") {
					et := muster.EntityType(t)
					if !et.Valid() {
						return nil, fmt.Errorf("%s: pattern %s: %q is no entity type", name, p.Name, t)
					}
					into[slot] = append(into[slot], et)
				}
			}
		}
		if r.source != "" && !slices.Contains(p.Slots, r.source) {
			return nil, fmt.Errorf("%s: pattern %s: source slot %q is not bound", name, p.Name, r.source)
		}
		rs.rules[p] = r
	}
	return rs, nil
}

// parseClaimSpec reads "pred(subj, obj:kind)".
func parseClaimSpec(s string) (claimSpec, error) {
	var cs claimSpec
	open, close := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open <= 0 || close != len(s)-1 {
		return cs, fmt.Errorf("want PRED(SUBJ, OBJ[:KIND]) in %q", s)
	}
	cs.pred = strings.TrimSpace(s[:open])
	args := strings.Split(s[open+1:close], ",")
	if len(args) != 2 {
		return cs, fmt.Errorf("want two arguments in %q", s)
	}
	cs.subj = strings.TrimSpace(args[0])
	cs.obj, cs.kind, _ = strings.Cut(strings.TrimSpace(args[1]), ":")
	if cs.kind == "" {
		cs.kind = "entity"
	}
	switch cs.kind {
	case "entity", "text", "date", "number", "role", "country":
	default:
		return cs, fmt.Errorf("unknown object kind %q in %q", cs.kind, s)
	}
	return cs, nil
}

// parsed reports whether the document carries a dependency parse.
func parsed(d *nlp.Doc) bool {
	for _, t := range d.Tokens {
		if t.Rel != "" {
			return true
		}
	}
	return false
}

// profilePatterns adds the claims of every profile-pattern match.
func (x *doc) profilePatterns() {
	if !parsed(x.d) {
		return
	}
	x.tokMent = x.tokenMentions()
	x.profileMatches = profileRules.set.Match(x.d)
	for _, m := range x.profileMatches {
		x.applyRule(m, profileRules.rules[m.Pattern])
	}
	x.describedIdeologies()
}

// describedIdeologies gives a group the ideology of a description that
// refers back to it ("a clash with the jihadists": the group just named
// is jihadist), in the outlet's own voice, as the ideology pattern reads
// "the jihadist Boko Haram". Only a description coreference resolved to
// one armed group counts.
func (x *doc) describedIdeologies() {
	for i, m := range x.ments {
		if !m.nominal || m.pronoun || m.ent < 0 || len(x.sets[i]) > 0 {
			continue
		}
		w := lastWord(m.text)
		if w = strings.TrimSuffix(w, "s"); !ideologyWords[w] {
			continue
		}
		e := x.live(m.ent)
		if x.ents[e].typ != muster.EntityArmedGroup {
			continue
		}
		d := draft{subj: e, event: -1, pred: muster.PredIdeology, obj: muster.TextValue(w), objEnt: -1, ev: m.Span, sent: m.sent,
			attr: x.publisher(), mod: muster.Asserted, conf: 0.6}
		if !x.hasDraft(d) {
			x.add(d)
		}
	}
}

// tokenMentions maps each token to the mention that covers it, or -1.
func (x *doc) tokenMentions() []int {
	out := make([]int, len(x.d.Tokens))
	j := 0
	for i, t := range x.d.Tokens {
		out[i] = -1
		for j < len(x.ments) && x.ments[j].End <= t.Start {
			j++
		}
		for k := j; k < len(x.ments) && x.ments[k].Start < t.End; k++ {
			if x.ments[k].Start <= t.Start && t.End <= x.ments[k].End {
				out[i] = k
				break
			}
		}
	}
	return out
}

// phraseRels are the relations that stay inside a noun phrase when looking
// for the mention a head token stands for.
var phraseRels = map[string]bool{"compound": true, "flat": true, "amod": true, "nmod": true, "nmod:poss": true, "det": true, "nummod": true, "case": false}

// nameRels stay inside a name: "the Kivu Liberation Front".
var nameRels = map[string]bool{"compound": true, "flat": true, "det": true}

func placesOnly(types []muster.EntityType) bool {
	for _, t := range types {
		if t != muster.EntityPlace {
			return false
		}
	}
	return len(types) > 0
}

// entityAt returns the entity a token stands for: the mention that covers
// it, else the nearest mention of an allowed type within its phrase.
func (x *doc) entityAt(t int, types []muster.EntityType) int {
	ok := func(mi int) bool {
		if mi < 0 || x.ments[mi].ent < 0 {
			return false
		}
		e := x.ents[x.live(x.ments[mi].ent)]
		// A bare head word ("Brigade commander Ivan Petrov") names no
		// group of its own.
		if l := strings.ToLower(e.name); !strings.Contains(l, " ") && groupHeads[l] && !namedHeads[l] {
			return false
		}
		return typeIn(e.typ, types)
	}
	if mi := x.tokMent[t]; mi >= 0 && ok(mi) {
		return x.live(x.ments[mi].ent)
	}
	if groupPronouns[strings.ToLower(x.d.Tokens[t].Text)] && x.d.Tokens[t].Tag == "PRON" {
		return x.antecedent(t, ok)
	}
	if e := x.relativeAntecedent(t, ok); e >= 0 {
		return e
	}
	if x.tokMent[t] >= 0 {
		return -1
	}
	// Apposition is coreference: "HTS, the former Al-Qaeda branch that
	// controls …"; so is a title or common noun compounded to a name
	// ("armed group Kataib Hezbollah").
	tok := x.d.Tokens[t]
	if h := tok.Head; h >= 0 && (tok.Rel == "appos" || tok.Rel == "compound") {
		if mi := x.tokMent[h]; ok(mi) && (tok.Rel == "appos" || x.d.Tokens[h].Tag == "PROPN") {
			return x.live(x.ments[mi].ent)
		}
	}
	for c := x.sentLo(t); c < x.sentHi(t); c++ {
		if x.d.Tokens[c].Head == t && x.d.Tokens[c].Rel == "appos" && ok(x.tokMent[c]) {
			return x.live(x.ments[x.tokMent[c]].ent)
		}
	}
	// A fronted description is the subject it stands before: "A rebel
	// movement seeking a homeland, the Lion Brigade has fought …", whether
	// the parse makes the description an apposition or dislocated.
	if tok.Rel == "dislocated" && tok.Head >= 0 {
		for c := x.sentLo(t); c < x.sentHi(t); c++ {
			if d := x.d.Tokens[c]; d.Head == tok.Head && strings.HasPrefix(d.Rel, "nsubj") && ok(x.tokMent[c]) {
				return x.live(x.ments[x.tokMent[c]].ent)
			}
		}
	}
	if e := x.titleAntecedent(t, ok); e >= 0 {
		return e
	}
	if x.d.Tokens[t].Tag == "NOUN" {
		if e := x.describedName(t, ok); e >= 0 {
			return e
		}
	}
	// A predicate nominal is its subject: "X is a radical group made up
	// of …".
	if x.d.Tokens[t].Tag == "NOUN" {
		cop, subj := false, -1
		for c := x.sentLo(t); c < x.sentHi(t); c++ {
			if x.d.Tokens[c].Head == t {
				switch x.d.Tokens[c].Rel {
				case "cop":
					cop = true
				case "nsubj":
					subj = c
				}
			}
		}
		if cop && subj >= 0 {
			if mi := x.tokMent[subj]; mi >= 0 && ok(mi) {
				return x.live(x.ments[mi].ent)
			}
		}
	}
	// A description that gives its name: "a coalition of groups known as
	// the Axis of Resistance", "an alliance called the Northern Front".
	if x.d.Tokens[t].Tag == "NOUN" {
		if e := x.calledName(t, ok); e >= 0 {
			return e
		}
	}
	// Breadth first through the phrase: "most of Idlib province", "the
	// town of Lere", "Mali's armed forces". Only a place is found through
	// an nmod: "soldiers who mutinied against the army" are not the army.
	rels := phraseRels
	if !placesOnly(types) {
		rels = nameRels
	}
	frontier := []int{t}
	for depth := 0; depth < 3 && len(frontier) > 0; depth++ {
		var next []int
		for _, h := range frontier {
			for c := x.sentLo(h); c < x.sentHi(h); c++ {
				if x.d.Tokens[c].Head != h || !rels[x.d.Tokens[c].Rel] {
					continue
				}
				if ok(x.tokMent[c]) {
					return x.live(x.ments[x.tokMent[c]].ent)
				}
				next = append(next, c)
			}
		}
		frontier = next
	}
	return -1
}

// calledName is the name a common noun at t is given by a participle
// ("known as X", "called X"), on t, on the noun of its of-phrase, or on
// the noun t is the of-phrase of: in "part of a coalition of groups known
// as X" parsers hang the participle on any noun of the chain.
func (x *doc) calledName(t int, ok func(mi int) bool) int {
	toks := x.d.Tokens
	lo, hi := x.sentLo(t), x.sentHi(t)
	nouns := []int{t}
	if h := toks[t].Head; h >= 0 && toks[t].Rel == "nmod" && toks[h].Tag == "NOUN" {
		nouns = append(nouns, h)
	}
	for c := lo; c < hi; c++ {
		if toks[c].Head == t && toks[c].Rel == "nmod" && toks[c].Tag == "NOUN" {
			nouns = append(nouns, c)
		}
	}
	for _, n := range nouns {
		for v := lo; v < hi; v++ {
			if toks[v].Head != n || toks[v].Rel != "acl" {
				continue
			}
			switch strings.ToLower(toks[v].Lemma) {
			case "know", "call", "dub", "name":
			default:
				continue
			}
			for c := lo; c < hi; c++ {
				if toks[c].Head == v && (toks[c].Rel == "obl" || toks[c].Rel == "xcomp" || toks[c].Rel == "obj") {
					if mi := x.tokMent[c]; mi >= 0 && ok(mi) {
						return x.live(x.ments[mi].ent)
					}
				}
			}
		}
	}
	return -1
}

// titleAntecedent is the group of a definite leadership title that
// names none ("The commander, X, …"): the group of the same title named
// last before it ("… kills Vanguard commander …"), or -1.
func (x *doc) titleAntecedent(t int, ok func(mi int) bool) int {
	toks := x.d.Tokens
	lemma := strings.ToLower(toks[t].Lemma)
	switch profileRules.roles[lemma] {
	case muster.PredLeader, muster.PredCommander, muster.PredSpokesperson:
	default:
		return -1
	}
	definite := false
	for c := x.sentLo(t); c < t; c++ {
		if toks[c].Head == t && toks[c].Rel == "det" && strings.EqualFold(toks[c].Text, "the") {
			definite = true
		}
	}
	if !definite {
		return -1
	}
	for k := x.sentLo(t) - 1; k >= 0; k-- {
		if !strings.EqualFold(toks[k].Lemma, lemma) {
			continue
		}
		for c := x.sentLo(k); c < x.sentHi(k); c++ {
			if toks[c].Head == k && (toks[c].Rel == "compound" || toks[c].Rel == "nmod:poss" || toks[c].Rel == "amod") {
				if mi := x.tokMent[c]; mi >= 0 && ok(mi) {
					return x.live(x.ments[mi].ent)
				}
			}
		}
	}
	return -1
}

// describedName is the name a description stands beside: a fronted
// description that shares its verb with the name ("A movement seeking an
// Islamic state, Boko Haram has …", parsed as two subjects), or a name
// that follows a noun as its apposition without a comma ("its partner the
// United Arab Emirates").
func (x *doc) describedName(t int, ok func(mi int) bool) int {
	toks := x.d.Tokens
	if h := toks[t].Head; h >= 0 && toks[t].Rel == "nsubj" {
		heads := []int{h}
		if toks[h].Rel == "advcl" && toks[h].Head >= 0 {
			heads = append(heads, toks[h].Head) // "A movement seeking X, Y has …"
		}
		for c := t + 1; c < x.sentHi(t); c++ {
			if slices.Contains(heads, toks[c].Head) && toks[c].Rel == "nsubj" && x.commaBefore(c) {
				if mi := x.tokMent[c]; mi >= 0 && ok(mi) {
					return x.live(x.ments[mi].ent)
				}
			}
		}
	}
	if n := t + 2; n < x.sentHi(t) && strings.EqualFold(toks[t+1].Text, "the") && x.tokMent[t] < 0 {
		if mi := x.tokMent[n]; mi >= 0 && ok(mi) && x.ments[mi].Start == toks[n].Start {
			return x.live(x.ments[mi].ent)
		}
	}
	return -1
}

// commaBefore reports whether a comma comes right before the phrase of
// the name at token c ("…, the Lion Brigade").
func (x *doc) commaBefore(c int) bool {
	lo := c
	if mi := x.tokMent[c]; mi >= 0 {
		for lo > x.sentLo(c) && x.d.Tokens[lo-1].End > x.ments[mi].Start {
			lo--
		}
	}
	for lo > x.sentLo(c) && x.d.Tokens[lo-1].Rel == "det" {
		lo--
	}
	return lo > x.sentLo(c) && x.d.Tokens[lo-1].Text == ","
}

// relativeAntecedent is what a relative pronoun stands for: the noun
// its clause modifies, or, where the parser hung the clause elsewhere, the
// name right before ", which".
func (x *doc) relativeAntecedent(t int, ok func(mi int) bool) int {
	toks := x.d.Tokens
	switch strings.ToLower(toks[t].Text) {
	case "which", "who", "that":
	default:
		return -1
	}
	if toks[t].Tag != "PRON" {
		return -1
	}
	if v := toks[t].Head; v >= 0 && toks[v].Rel == "acl:relcl" && toks[v].Head >= 0 {
		h := toks[v].Head
		if mi := x.tokMent[h]; mi >= 0 && ok(mi) {
			return x.live(x.ments[mi].ent)
		}
		// "the Wagner Group private military company, which …": a
		// common noun with the name compounded to it, unless the noun is
		// itself apposed to a name ("HTS, the former Al-Qaeda branch
		// that …" is HTS).
		if g := toks[h].Head; toks[h].Rel == "appos" && g >= 0 {
			if mi := x.tokMent[g]; mi >= 0 && ok(mi) {
				return x.live(x.ments[mi].ent)
			}
		} else {
			for c := x.sentLo(h); c < h; c++ {
				if toks[c].Head == h && toks[c].Rel == "compound" && ok(x.tokMent[c]) {
					return x.live(x.ments[x.tokMent[c]].ent)
				}
			}
		}
	}
	if p := t - 1; p > x.sentLo(t) && toks[p].Text == "," {
		if mi := x.tokMent[p-1]; mi >= 0 && ok(mi) {
			return x.live(x.ments[mi].ent)
		}
	}
	return -1
}

// groupPronouns stand for a group named before them: "its leader",
// "their bases", "it allied with".
var groupPronouns = map[string]bool{"it": true, "its": true, "they": true, "their": true, "them": true, "itself": true, "themselves": true}

// antecedent is the entity a pronoun at t stands for: the nearest named
// subject before it in its sentence ("JuA … avenge their leader"), else the
// nearest name before it there ("Boko Haram and its offshoot"), else the
// subject of the sentence before ("HTS pushed into Afrin. … it allied
// with …", a subject pronoun only). ok says which mentions may stand.
func (x *doc) antecedent(t int, ok func(mi int) bool) int {
	pick := func(lo, hi int) int {
		near := -1
		for c := hi - 1; c >= lo; c-- {
			mi := x.tokMent[c]
			if mi < 0 || !ok(mi) {
				continue
			}
			if strings.HasPrefix(x.d.Tokens[c].Rel, "nsubj") {
				return x.live(x.ments[mi].ent)
			}
			if near < 0 {
				near = x.live(x.ments[mi].ent)
			}
		}
		return near
	}
	if e := pick(x.sentLo(t), t); e >= 0 {
		return e
	}
	// Only a subject pronoun reaches back a sentence: "its leader" with
	// no name before it in its sentence is some unnamed group's.
	si := x.d.SentenceOf(x.d.Tokens[t].Start)
	if !strings.HasPrefix(x.d.Tokens[t].Rel, "nsubj") || si <= 0 || si-1 >= len(x.d.SentenceTokens) {
		return -1
	}
	lo, hi := x.d.SentenceTokens[si-1][0], x.d.SentenceTokens[si-1][1]
	for c := lo; c < hi; c++ {
		if mi := x.tokMent[c]; mi >= 0 && ok(mi) && strings.HasPrefix(x.d.Tokens[c].Rel, "nsubj") {
			return x.live(x.ments[mi].ent)
		}
	}
	return -1
}

func (x *doc) live(e int) int {
	for e >= 0 && x.ents[e].merged >= 0 {
		e = x.ents[e].merged
	}
	return e
}

// sentOf returns the sentence of token t (Doc.SentenceOf its start), or
// -1, from a table built once per document: the rules' loops over a
// sentence ("for c := x.sentLo(t); c < x.sentHi(t); c++") asked the
// binary search at every step.
func (x *doc) sentOf(t int) int {
	if len(x.tokSent) != len(x.d.Tokens) {
		x.tokSent = make([]int32, len(x.d.Tokens))
		for i := range x.d.Tokens {
			x.tokSent[i] = int32(x.d.SentenceOf(x.d.Tokens[i].Start))
		}
	}
	return int(x.tokSent[t])
}

func (x *doc) sentLo(t int) int {
	si := x.sentOf(t)
	if si < 0 {
		return t
	}
	return x.d.SentenceTokens[si][0]
}

func (x *doc) sentHi(t int) int {
	si := x.sentOf(t)
	if si < 0 {
		return t + 1
	}
	return x.d.SentenceTokens[si][1]
}

// entitiesAt returns the entities of t and of the tokens coordinated with
// it; a description that names none stands for the examples it gives
// ("militant groups such as A, B and C", "groups including A and B").
func (x *doc) entitiesAt(t int, types []muster.EntityType) []int {
	var out []int
	add := func(c int) bool {
		e := x.entityAt(c, types)
		if e >= 0 && !slices.Contains(out, e) {
			out = append(out, e)
		}
		return e >= 0
	}
	for _, c := range pattern.Conjuncts(x.d, t) {
		if add(c) || x.d.Tokens[c].Tag != "NOUN" {
			continue
		}
		for _, ex := range x.examplesOf(c) {
			for _, cc := range pattern.Conjuncts(x.d, ex) {
				add(cc)
			}
		}
	}
	return out
}

// subjectsAt is entitiesAt for a claim's subject, where a plural
// description ("Moscow calls the fighters saboteurs") also stands for each
// group of the set it was resolved to: what is said of the fighters is
// said of each group.
func (x *doc) subjectsAt(t int, types []muster.EntityType) []int {
	if set := x.pluralAntecedent(t, types); len(set) > 0 {
		return set
	}
	out := x.entitiesAt(t, types)
	if mi := x.tokMent[t]; len(out) == 0 && mi >= 0 {
		for _, e := range x.sets[mi] {
			if e = x.live(e); typeIn(x.ents[e].typ, types) && !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
	}
	return out
}

// pluralAntecedent is the set a plural pronoun at t stands for when the
// nearest mention before it in its sentence is a plural description that
// was resolved to a set ("Both groups say they oppose the Kremlin"), or
// nil.
func (x *doc) pluralAntecedent(t int, types []muster.EntityType) []int {
	tok := x.d.Tokens[t]
	switch strings.ToLower(tok.Text) {
	case "they", "their", "them", "themselves":
	default:
		return nil
	}
	if tok.Tag != "PRON" {
		return nil
	}
	for c := t - 1; c >= x.sentLo(t); c-- {
		mi := x.tokMent[c]
		if mi < 0 {
			continue
		}
		set, ok := x.sets[mi]
		if !ok {
			return nil // a name comes nearer: antecedent's
		}
		var out []int
		for _, e := range set {
			if e = x.live(e); typeIn(x.ents[e].typ, types) && !slices.Contains(out, e) {
				out = append(out, e)
			}
		}
		return out
	}
	return nil
}

// examplesOf returns the heads of the "such as" and "including" phrases
// of t, also where the parser hung them on a modifier of t ("groups in
// the coalition, such as A and B").
func (x *doc) examplesOf(t int) []int {
	var out []int
	heads := []int{t}
	for c := x.sentLo(t); c < x.sentHi(t); c++ {
		if x.d.Tokens[c].Head == t && x.d.Tokens[c].Rel == "nmod" && x.tokMent[c] >= 0 {
			heads = append(heads, c)
		}
	}
	for c := x.sentLo(t); c < x.sentHi(t); c++ {
		if !slices.Contains(heads, x.d.Tokens[c].Head) || !strings.HasPrefix(x.d.Tokens[c].Rel, "nmod") {
			continue
		}
		for k := x.sentLo(t); k < c; k++ {
			if x.d.Tokens[k].Head == c && x.d.Tokens[k].Rel == "case" && c != t {
				switch strings.ToLower(x.d.Tokens[k].Lemma) {
				case "such", "include", "including", "like":
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// phrase returns the byte span of t's phrase: its subtree without
// relative clauses, appositions, coordination and the function words at its
// left edge ("as a terrorist group" → "terrorist group"), and without
// the tokens in skip.
func (x *doc) phrase(t int, skip map[int]bool) muster.Span {
	lo, hi := x.sentLo(t), x.sentHi(t)
	in := map[int]bool{t: true}
	for changed := true; changed; {
		changed = false
		for c := lo; c < hi; c++ {
			h := x.d.Tokens[c].Head
			if in[c] || h < 0 || !in[h] || skip[c] {
				continue
			}
			switch x.d.Tokens[c].Rel {
			case "punct":
				// Quotation marks inside the phrase stay in it: "to
				// create a “demilitarised zone” along the frontier".
				if !quoteMarks[x.d.Tokens[c].Text] {
					continue
				}
			case "acl:relcl", "appos", "conj", "cc", "parataxis", "advcl", "dep", "cop", "aux", "nsubj":
				continue
			}
			in[c] = true
			changed = true
		}
	}
	idx := make([]int, 0, len(in))
	for c := range in {
		idx = append(idx, c)
	}
	sort.Ints(idx)
	// The phrase is the contiguous run around t.
	first, last := t, t
	for i := sort.SearchInts(idx, t); i > 0 && idx[i-1] == first-1; i-- {
		first--
	}
	for i := sort.SearchInts(idx, t); i+1 < len(idx) && idx[i+1] == last+1; i++ {
		last++
	}
	for first < t {
		switch x.d.Tokens[first].Rel {
		case "case", "det", "mark", "cc", "punct", "advmod":
			first++
			continue
		}
		break
	}
	// A quotation mark whose partner was trimmed off goes too:
	// “Ukrainian nationalists” is the phrase Ukrainian nationalists.
	quotes := 0
	for c := first; c <= last; c++ {
		if x.d.Tokens[c].Rel == "punct" && quoteMarks[x.d.Tokens[c].Text] {
			quotes++
		}
	}
	if quotes%2 == 1 && last > t && quoteMarks[x.d.Tokens[last].Text] {
		last--
	}
	return muster.Span{Start: x.d.Tokens[first].Start, End: x.d.Tokens[last].End}
}

// nameListRE is the rest of a list of names after its first: ", Chad,
// Niger, and Nigeria".
var nameListRE = regexp.MustCompile(`^(?:,\s+(?:and\s+|or\s+)?\p{Lu}[\p{L}’'.-]*(?:\s+\p{Lu}[\p{L}’'.-]*)*)+`)

// nameListEnd returns the end of the list of names that a phrase ending at
// off opens ("forces from Benin, Cameroon, Chad, Niger, and Nigeria"),
// which phraseEnd cuts at its first comma; off when there is none.
func (x *doc) nameListEnd(si, off int) int {
	rest := x.d.Text[off:x.d.Sentences[si].End]
	if loc := nameListRE.FindStringIndex(rest); loc != nil && strings.Contains(rest[:loc[1]], "and ") {
		return off + loc[1]
	}
	return off
}

// clauseCut returns end, or the start of the first coordinated clause
// between from and end: "to create a buffer zone along the frontier and
// called on Russians to rise up" runs on to "frontier", not over the
// second verb's clause.
func (x *doc) clauseCut(from, end int) int {
	for _, tk := range x.d.Tokens {
		if tk.Start < from || tk.Start >= end {
			continue
		}
		if h := tk.Head; tk.Rel == "cc" && h >= 0 && x.d.Tokens[h].Rel == "conj" && x.d.Tokens[h].Tag == "VERB" {
			return len(strings.TrimRight(x.d.Text[:tk.Start], " ,"))
		}
	}
	return end
}

// tokenStartingAt returns the index of the token that starts at byte
// offset off, or -1.
func (x *doc) tokenStartingAt(off int) int {
	i := sort.Search(len(x.d.Tokens), func(i int) bool { return x.d.Tokens[i].Start >= off })
	if i < len(x.d.Tokens) && x.d.Tokens[i].Start == off {
		return i
	}
	return -1
}

// quoteMarks are the quotation marks a phrase keeps inside it.
var quoteMarks = map[string]bool{"“": true, "”": true, "\"": true, "‘": true, "’": true, "«": true, "»": true}

// roleKey is the key of a bound token in the role table: its lemma, or the
// participle of a hyphenated word ("Iran-backed" → "backed").
func (x *doc) roleKey(t int) string {
	tok := x.d.Tokens[t]
	lemma := strings.ToLower(tok.Lemma)
	if _, ok := profileRules.roles[lemma]; ok {
		return lemma // "secretary-general"
	}
	if i := strings.LastIndexByte(tok.Text, '-'); i > 0 && i < len(tok.Text)-1 {
		return strings.ToLower(tok.Text[i+1:])
	}
	return lemma
}

// placePart returns, for place e that a group is active or based in, the
// part of it the text names ("operates in northern Mali": northern Mali,
// at the level the text gives, as the narrative rules name an event's
// region): the part named at the bound token t or its conjuncts, else at
// another mention of e in t's sentence (the pattern may bind the phrase
// that leads to the place: "territories which encompass southeastern
// Burma"); else e.
func (x *doc) placePart(e, t int, pred muster.Predicate) int {
	if pred != muster.PredActiveIn && pred != muster.PredBasedIn || x.ents[e].typ != muster.EntityPlace {
		return e
	}
	part := func(mi int) int {
		if mi < 0 || x.ments[mi].ent < 0 || x.live(x.ments[mi].ent) != e {
			return -1
		}
		if p := x.tokenStartingAt(x.ments[mi].Start) - 1; p >= 0 && x.d.SentenceOf(x.d.Tokens[p].Start) == x.ments[mi].sent {
			if w := strings.ToLower(x.d.Tokens[p].Text); placeword.Direction(w) != "" {
				return x.placeNamed(w + " " + x.ments[mi].text)
			}
		}
		return -1
	}
	for _, c := range pattern.Conjuncts(x.d, t) {
		if r := part(x.tokMent[c]); r >= 0 {
			return r
		}
	}
	si := x.d.SentenceOf(x.d.Tokens[t].Start)
	for mi := range x.ments {
		if x.ments[mi].sent == si {
			if r := part(mi); r >= 0 {
				return r
			}
		}
	}
	return e
}

// applyRule turns one match into claims.
func (x *doc) applyRule(m pattern.Match, r *rule) {
	if r == nil {
		return
	}
	si := x.d.SentenceOf(x.d.Tokens[m.Anchor].Start)
	if si < 0 {
		return
	}
	// Every typed slot the match binds as a claim's subject must stand for
	// an entity of its types ("a Tuareg leader" names no group, so it
	// gives no role either). An object slot that names no such entity
	// drops only its own claims: "formed in 2012 by former soldiers"
	// still dates the group. A designating body may be unnamed.
	for slot, types := range r.types {
		t, ok := m.Slot(slot)
		if ok && r.subjects[slot] && slot != r.source && len(x.subjectsAt(t, types)) == 0 && x.hyphenPatron(t, types) < 0 {
			return
		}
	}
	for slot, types := range r.notTypes {
		if t, ok := m.Slot(slot); ok && len(x.entitiesAt(t, types)) > 0 {
			return
		}
	}
	// A leadership title ("the group's spokesman, X") also gives the
	// person's role and membership; a founder's does not (news_armed_groups
	// conventions; DESIGN §3, people).
	title := true
	for _, cs := range r.claims {
		if strings.HasPrefix(cs.pred, "@") {
			if t, ok := m.Slot(cs.pred[1:]); ok {
				switch profileRules.roles[x.roleKey(t)] {
				case muster.PredLeader, muster.PredCommander, muster.PredSpokesperson:
				default:
					title = false
				}
			}
		}
	}
	for _, cs := range r.claims {
		if !title && (cs.pred == string(muster.PredRole) || cs.pred == string(muster.PredMemberOf)) {
			continue
		}
		ot, ok := m.Slot(cs.obj)
		if !ok {
			continue
		}
		if cs.subj == eventSubject {
			x.eventClaim(m, si, muster.Predicate(cs.pred), ot)
			continue
		}
		st, ok := m.Slot(cs.subj)
		if !ok {
			continue
		}
		pred := muster.Predicate(cs.pred)
		if strings.HasPrefix(cs.pred, "@") {
			t, ok := m.Slot(cs.pred[1:])
			if !ok {
				continue
			}
			if pred, ok = profileRules.roles[x.roleKey(t)]; !ok || pred == "" {
				continue
			}
		}
		subjs := x.subjectsAt(st, r.types[cs.subj])
		if len(subjs) == 0 {
			continue
		}
		ev := x.matchSpan(m, append(append([]int(nil), subjs...), x.entitiesAt(ot, r.types[cs.obj])...))
		var objs []draft
		switch cs.kind {
		case "entity":
			for _, e := range x.entitiesAt(ot, r.types[cs.obj]) {
				objs = append(objs, draft{objEnt: x.placePart(e, ot, pred)})
			}
			if len(objs) == 0 && (strings.HasPrefix(cs.pred, "@") || hyphenAdjective(x.d.Tokens[ot].Text)) {
				// "Iran-backed": the patron is the word before the hyphen;
				// "Kidal-based": the base.
				if e := x.hyphenPatron(ot, r.types[cs.obj]); e >= 0 {
					objs = append(objs, draft{objEnt: e})
				} else if e := x.newHyphenPatron(ot, r.types[cs.obj]); e >= 0 {
					objs = append(objs, draft{objEnt: e})
				}
			}
		case "text", "role":
			// A word of the subject's own name is no fact about it
			// ("Islamic" of "Islamic State").
			if mi := x.tokMent[ot]; mi >= 0 && x.ments[mi].ent >= 0 && slices.Contains(subjs, x.live(x.ments[mi].ent)) {
				continue
			}
			var sp muster.Span
			if cs.kind == "role" {
				sp = x.rolePhrase(ot, m)
			} else {
				// "a terror group by Turkey": the designating body is no
				// part of the designation.
				skip := map[int]bool{}
				for _, b := range m.Slots {
					if b != ot {
						skip[b] = true
					}
				}
				sp = x.phrase(ot, skip)
			}
			if sp.Len() == 0 {
				continue
			}
			if pred == muster.PredComposedOf || pred == muster.PredGoal {
				// "made up of the A, the B and the C": an alliance's
				// member groups, one claim each. Any other part, and a
				// goal, runs on to the end of its phrase and over the
				// list of names it opens ("Russians who defected …",
				// "forces from Benin, Chad, and Niger", "to drive the army
				// out until it leaves the region": the parser leaves such
				// tails off the phrase).
				si := x.d.SentenceOf(x.d.Tokens[ot].Start)
				if groups := x.groupList(si, sp.Start); len(groups) >= 2 && pred == muster.PredComposedOf {
					for _, g := range groups {
						objs = append(objs, draft{objEnt: -1, obj: muster.TextValue(x.ents[x.ments[g].ent].name)})
					}
					break
				}
				if end := x.clauseCut(sp.End, x.phraseEnd(si, sp.Start)); end > sp.End {
					sp.End = end
				}
				sp.End = x.nameListEnd(si, sp.End)
				// A goal keeps its article: "seeking an Islamic state".
				if c := x.tokenStartingAt(sp.Start) - 1; pred == muster.PredGoal && c >= x.sentLo(ot) && x.d.Tokens[c].Tag == "DET" && x.d.Tokens[c].Rel == "det" {
					sp.Start = x.d.Tokens[c].Start
				}
			}
			objs = append(objs, draft{objEnt: -1, obj: muster.TextValue(x.d.Text[sp.Start:sp.End])})
		case "date":
			// The date that starts in the phrase, read on past its end:
			// "on February 5th, 1947" is one date though the parser
			// hangs the year apart.
			// A bare year is a date only after its preposition ("in
			// 2014"), so the phrase's case word is read with it.
			sp := x.phrase(ot, nil)
			for c := x.sentLo(ot); c < ot; c++ {
				if tk := x.d.Tokens[c]; tk.Head == ot && tk.Rel == "case" && tk.Start < sp.Start {
					sp.Start = tk.Start
				}
			}
			end := min(sp.End+16, x.d.Sentences[si].End)
			for _, dm := range FindDates(x.d.Text[sp.Start:end], x.in.Published) {
				if dm.Span.Start < sp.Len() {
					objs = append(objs, draft{objEnt: -1, obj: dm.Value})
				}
				break
			}
		case "country":
			// "a Russian citizen": the country a demonym (or a country's
			// own name) stands for; any other word gives no claim.
			w := strings.ToLower(x.d.Tokens[ot].Text)
			if c := demonymCountry[w]; c != "" {
				objs = append(objs, draft{objEnt: -1, obj: muster.TextValue(c)})
			} else if c := countryIndex[w]; c != "" {
				objs = append(objs, draft{objEnt: -1, obj: muster.TextValue(c)})
			}
		case "number":
			// "between 7,000 and 12,000": the figure's whole subtree, else
			// the figure with its hedge. The first figure of a range (the
			// one UD makes the noun's nummod, its conjunct the last) is
			// read as the range that ends at the last.
			if last := x.rangeLast(ot); last >= 0 {
				ot = last
			}
			if v, ok := x.figureEndingAt(ot); ok {
				objs = append(objs, draft{objEnt: -1, obj: v})
			}
		}
		var attr muster.Attribution
		var mod muster.Modality
		if r.outletVoice {
			attr, mod = x.publisher(), muster.Asserted
		}
		if r.source != "" {
			if bt, ok := m.Slot(r.source); ok {
				if bs := x.entitiesAt(bt, r.types[r.source]); len(bs) > 0 {
					e := x.ents[bs[0]]
					attr = muster.Attribution{Name: e.name, Type: muster.AttributionType(e.typ)}
					mod = muster.Asserted
				}
			}
		}
		for _, s := range subjs {
			for _, o := range objs {
				if o.objEnt == s {
					continue
				}
				d := draft{subj: s, event: -1, pred: pred, obj: o.obj, objEnt: o.objEnt, ev: ev, sent: si, attr: attr, mod: mod, conf: 0.7}
				if !x.hasDraft(d) {
					x.add(d)
				}
			}
		}
	}
}

// eventClaim adds a claim about the event sentence si tells or refers
// to, its object the text of ot's phrase; none when the sentence is about
// no event.
func (x *doc) eventClaim(m pattern.Match, si int, pred muster.Predicate, ot int) {
	ev := x.eventOfSentence(si)
	if ev < 0 {
		return
	}
	sp := x.phrase(ot, nil)
	if sp.Len() == 0 {
		return
	}
	x.add(draft{subj: -1, event: ev, pred: pred, obj: muster.TextValue(x.d.Text[sp.Start:sp.End]), objEnt: -1, ev: x.matchSpan(m, nil), sent: si, conf: 0.6})
}

// rangeNextRE follows the first figure of a range: "7,000 and 12,000".
var rangeNextRE = regexp.MustCompile(`^\s*(?:and|to|or|-|–)\s*\d`)

// rangeLast is the token of the last figure of the range whose first
// figure is t ("5,000" in "between 5,000 and 7,000"), or -1 when t opens
// no range.
func (x *doc) rangeLast(t int) int {
	rest := x.d.Text[x.d.Tokens[t].End:x.sentEnd(t)]
	m := rangeNextRE.FindStringIndex(rest)
	if m == nil {
		return -1
	}
	at := x.d.Tokens[t].End + m[1] - 1
	for u := t + 1; u < len(x.d.Tokens) && x.d.Tokens[u].Start <= at; u++ {
		if x.d.Tokens[u].Start <= at && at < x.d.Tokens[u].End {
			return u
		}
	}
	return -1
}

func (x *doc) sentEnd(t int) int {
	if si := x.d.SentenceOf(x.d.Tokens[t].Start); si >= 0 {
		return x.d.Sentences[si].End
	}
	return len(x.d.Text)
}

// hyphenPatron finds the entity named before the hyphen of a token such
// as "Iran-backed" or "al-Qaeda-linked", adding one when the document names
// it nowhere else.
func (x *doc) hyphenPatron(t int, types []muster.EntityType) int {
	name := hyphenHead(x.d.Tokens[t].Text)
	if name == "" {
		return -1
	}
	key := muster.NameKey(name)
	for e, ent := range x.ents {
		if ent.merged >= 0 {
			continue
		}
		for _, n := range append([]string{ent.name}, ent.names...) {
			if muster.NameKey(n) == key && typeIn(ent.typ, types) {
				return e
			}
		}
	}
	if country := patronCountry(name); country != "" {
		name = country
		key = muster.NameKey(name)
		for e, ent := range x.ents {
			if ent.merged < 0 && muster.NameKey(ent.name) == key {
				return e
			}
		}
	}
	return -1
}

// patronCountry returns the country the word before a hyphen names, by
// demonym ("Russian-backed") or by name ("US-backed"), or "".
func patronCountry(head string) string {
	low := strings.ToLower(head)
	if c := demonymCountry[low]; c != "" {
		return c
	}
	return countryIndex[low]
}

// hyphenHead returns what a hyphenated word names before its last hyphen
// ("al-Qaeda" of "al-Qaeda-linked"), or "" when it has none.
func hyphenHead(word string) string {
	if i := strings.LastIndexByte(word, '-'); i > 0 {
		return word[:i]
	}
	return ""
}

// newHyphenPatron adds the patron of "Rwanda-backed" or "al-Qaeda-linked"
// as an entity when the document names it nowhere else: a country (by
// name or demonym) or the base of "Kidal-based" as a place, any other
// capitalised name as an organisation. It returns -1 when the word names neither.
func (x *doc) newHyphenPatron(t int, types []muster.EntityType) int {
	tok := x.d.Tokens[t]
	name := hyphenHead(tok.Text)
	if name == "" {
		return -1
	}
	typ := muster.EntityOrganization
	if strings.HasSuffix(strings.ToLower(tok.Text), "-based") {
		typ = muster.EntityPlace // "Kidal-based": where, not who
	}
	if c := patronCountry(name); c != "" {
		name, typ = c, muster.EntityPlace
	} else if bare := strings.TrimPrefix(strings.TrimPrefix(name, "al-"), "Al-"); !isCap(bare) {
		return -1
	}
	if !typeIn(typ, types) {
		return -1
	}
	x.ents = append(x.ents, &local{name: name, typ: typ, names: []string{name}, merged: -1})
	return len(x.ents) - 1
}

// rolePhrase is the role noun with its own modifiers ("senior
// commander"), without the group it names or the person.
func (x *doc) rolePhrase(t int, m pattern.Match) muster.Span {
	skip := map[int]bool{}
	for _, b := range m.Slots {
		if b != t {
			skip[b] = true
		}
	}
	lo := t
	for c := t - 1; c >= x.sentLo(t); c-- {
		tk := x.d.Tokens[c]
		if tk.Head == t && (tk.Rel == "amod" || tk.Rel == "compound") && !skip[c] && c == lo-1 && x.tokMent[c] < 0 {
			lo = c
			continue
		}
		if c == lo-1 && (tk.Rel == "punct" && tk.Text == "-") {
			lo = c
			continue
		}
		break
	}
	return muster.Span{Start: x.d.Tokens[lo].Start, End: x.d.Tokens[t].End}
}

// figureEndingAt reads the hedged figure that ends at token t ("between
// 7,000 and 12,000", "about 3,000", "an estimated 1,500") with the value
// parser, over the words before it in its sentence.
func (x *doc) figureEndingAt(t int) (muster.Value, bool) {
	lo := x.d.Tokens[x.sentLo(t)].Start
	if start := x.d.Tokens[t].Start - 48; start > lo {
		lo = start
	}
	end := x.d.Tokens[t].End
	for _, nm := range FindNumbers(x.d.Text[lo:end]) {
		if lo+nm.Span.End == end {
			return nm.Value, true
		}
	}
	sp := x.numberPhrase(t)
	return ParseNumber(x.d.Text[sp.Start:sp.End])
}

// numberPhrase is a figure with its hedge: "about 3,000", "some 4,000",
// "an estimated 1,500".
func (x *doc) numberPhrase(t int) muster.Span {
	lo := t
	for c := t - 1; c >= x.sentLo(t); c-- {
		tk := x.d.Tokens[c]
		if (tk.Head == t || tk.Head == lo) && (tk.Rel == "advmod" || tk.Rel == "case" || tk.Rel == "fixed" || tk.Rel == "amod" || tk.Rel == "det") {
			lo = c
			continue
		}
		break
	}
	return muster.Span{Start: x.d.Tokens[lo].Start, End: x.d.Tokens[t].End}
}

// matchSpan is the evidence of a match: from its first to its last bound
// token, widened to the mentions of the entities it names, inside one
// sentence.
func (x *doc) matchSpan(m pattern.Match, ents []int) muster.Span {
	sp := muster.Span{Start: -1}
	grow := func(s muster.Span) {
		if sp.Start < 0 || s.Start < sp.Start {
			sp.Start = s.Start
		}
		if s.End > sp.End {
			sp.End = s.End
		}
	}
	for _, t := range m.Slots {
		grow(x.d.Tokens[t].Span)
		if mi := x.tokMent[t]; mi >= 0 {
			grow(x.ments[mi].Span)
		}
	}
	si := x.d.SentenceOf(x.d.Tokens[m.Anchor].Start)
	if si >= 0 {
		s := x.d.Sentences[si]
		sp.Start, sp.End = max(sp.Start, s.Start), min(sp.End, s.End)
	}
	return sp
}

// hasDraft reports whether a claim with the same subject, predicate and
// object is already drafted from the same sentence.
func (x *doc) hasDraft(d draft) bool {
	for _, o := range x.drafts {
		if o.subj == d.subj && o.pred == d.pred && o.sent == d.sent && o.objEnt == d.objEnt &&
			(d.objEnt >= 0 || strings.EqualFold(o.obj.Text, d.obj.Text) && o.obj.String() == d.obj.String()) {
			return true
		}
	}
	return false
}
