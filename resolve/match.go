package resolve

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/muster-osint/muster"
)

// Decision says whether two entities are one, how sure muster is, and why.
// Reasons are sentences an analyst can read ("same transliteration key
// 'denis nikitin'", "types differ: armed_group vs state_force").
type Decision struct {
	Same    bool     `json:"same"`
	Score   float64  `json:"score"`
	Reasons []string `json:"reasons"`
}

// Override actions recorded by analysts.
const (
	ActionMerge = "merge"
	ActionSplit = "split"
)

// Override is an analyst's decision about two names: they are one entity
// (ActionMerge) or two (ActionSplit). A and B are compared by AliasKey, so
// "Free Russia Legion" and "free-russia legion" are the same name. An
// override beats every automatic rule.
type Override struct {
	A      string `json:"a"`
	B      string `json:"b"`
	Action string `json:"action"`
}

// SameThreshold is the score at or above which Match calls two entities
// the same.
const SameThreshold = 0.8

// Scores of the rules, highest first.
const (
	scoreOverride  = 1.0
	scoreTable     = 1.0
	scoreNameKey   = 1.0
	scoreTranslit  = 0.95
	scoreFullName  = 0.9
	scoreAcronym   = 0.85
	scoreSurname   = 0.8
	scoreUnrelated = 0
)

// profile is what matching needs to know about an entity, computed once.
type profile struct {
	typ    muster.EntityType
	id     string
	name   string
	names  []string // cleaned names, Name first
	keys   []string // AliasKey of names, deduplicated
	canon  *AliasRow
	acrs   []string          // AcronymKey of acronym names
	inits  map[string]string // initials → full name (org family only)
	people []personName      // multi-word person names
	single []string          // TranslitKey of one-word person names
	// primary is the key a new entity's id is made from; all is every
	// match key (see Keys).
	primary string
	all     []string
}

// personName is a person's name split into translit keys.
type personName struct {
	raw, given, sur string
}

func (r *Resolver) profileOf(e muster.Entity) profile {
	var b strings.Builder
	n := len(e.Type) + 1 + len(e.Name)
	for _, a := range e.Aliases {
		n += 1 + len(a.Name)
	}
	b.Grow(n)
	b.WriteString(string(e.Type))
	b.WriteByte(0)
	b.WriteString(e.Name)
	for _, a := range e.Aliases {
		b.WriteByte(0)
		b.WriteString(a.Name)
	}
	key := b.String()
	r.memo.mu.Lock()
	p, ok := r.memo.profiles[key]
	r.memo.mu.Unlock()
	if !ok {
		p = r.computeProfile(muster.Entity{Type: e.Type, Name: e.Name, Aliases: e.Aliases})
		r.memo.mu.Lock()
		if r.memo.profiles == nil || len(r.memo.profiles) >= maxMemoProfiles {
			r.memo.profiles = map[string]profile{}
		}
		r.memo.profiles[key] = p
		r.memo.mu.Unlock()
	}
	p.id = e.ID
	return p
}

// profileMemo keeps the profiles a Resolver computed, by the type and
// names they depend on: the writer asks for the same stored entities'
// profiles document after document (issue 14: profileOf was a sixth of
// the writer's CPU). Profiles are shared and never modified.
type profileMemo struct {
	mu       sync.Mutex
	profiles map[string]profile
}

// maxMemoProfiles bounds a memo; a full one starts again empty.
const maxMemoProfiles = 50_000

// computeProfile is profileOf without the memo, for an entity without id.
func (r *Resolver) computeProfile(e muster.Entity) profile {
	p := profile{typ: e.Type, id: e.ID, name: e.Name}
	seen := map[string]bool{}
	add := func(n string) {
		n = CleanName(n, e.Type)
		if e.Type == muster.EntityPerson {
			n = uncapsWords(n)
		}
		if n == "" {
			return
		}
		k := cleanKey(n)
		if k == "" || seen[k] {
			return
		}
		seen[k] = true
		p.names = append(p.names, n)
		p.keys = append(p.keys, k)
		if strings.HasPrefix(k, "acr:") {
			p.acrs = append(p.acrs, k[4:])
			// An upper-case word of three or more letters may be a name
			// written in capitals (TASS/Tass, MINSK/Minsk, BelTA/Belta).
			if wk := acronymWordKey(n); wk != "" && !seen[wk] {
				seen[wk] = true
				p.names = append(p.names, n)
				p.keys = append(p.keys, wk)
			}
		} else if family(e.Type) == "org" {
			if in := Initials(n); len(in) >= 2 {
				if p.inits == nil {
					p.inits = map[string]string{}
				}
				p.inits[in] = n
			}
		}
		if e.Type == muster.EntityPerson {
			if pn, ok := splitPerson(n); ok {
				p.people = append(p.people, pn)
			} else if !strings.HasPrefix(k, "acr:") {
				p.single = append(p.single, TranslitKey(n))
			}
		}
	}
	add(e.Name)
	for _, a := range e.Aliases {
		add(a.Name)
	}
	// The alias-table entry: by the name, else by an alias that is not an
	// acronym (an acronym alias may have been defined in the text for
	// another group than the table's: KR = Kraken Regiment, not Khmer Rouge).
	for i, n := range p.names {
		if i > 0 && IsAcronym(n) {
			continue
		}
		if row, ok := r.Aliases.lookupKey(p.keys[i], e.Type); ok {
			row := row
			p.canon = &row
			break
		}
	}
	// A one-word person or an acronym place that the table knows only as
	// an organisation or group (Wagner, FSB) is that entity: taggers
	// mistype such names.
	if p.canon == nil && len(p.names) > 0 && r.Aliases != nil &&
		((e.Type == muster.EntityPerson && !strings.Contains(p.names[0], " ")) ||
			(e.Type == muster.EntityPlace && strings.HasPrefix(p.keys[0], "acr:"))) {
		if _, mine := r.Aliases.lookupKey(p.keys[0], e.Type); !mine {
			if row, ok := r.Aliases.lookupKey(p.keys[0], muster.EntityOrganization); ok {
				row := row
				p.canon = &row
				p.typ = row.Type
			}
		}
	}
	// The primary key.
	switch {
	case p.canon != nil:
		p.primary = p.canon.canonKey
	case e.Type == muster.EntityPerson && len(p.names) > 0 && len(strings.Fields(p.names[0])) >= 2:
		p.primary = personKey(p.names[0])
	case len(p.keys) > 0:
		p.primary = p.keys[0]
	}
	// All match keys.
	ks := append([]string{}, p.keys...)
	for _, n := range p.names {
		if k := muster.NameKey(n); k != "" {
			ks = append(ks, k)
		}
	}
	if p.canon != nil {
		ks = append(ks, p.canon.canonKey)
	}
	for in := range p.inits {
		ks = append(ks, "acr:"+in)
	}
	for _, pn := range p.people {
		ks = append(ks, "sur:"+pn.sur)
	}
	for _, s := range p.single {
		ks = append(ks, "sur:"+s)
	}
	sort.Strings(ks)
	out := ks[:0]
	for i, k := range ks {
		if i == 0 || k != ks[i-1] {
			out = append(out, k)
		}
	}
	p.all = out
	return p
}

// uncapsWords writes the words of a name that are in capitals of three or
// more letters as names ("GARLAND" → "Garland", "Merrick GARLAND" →
// "Merrick Garland"): a person's name set in capitals, as headlines and
// press releases do, is no acronym.
func uncapsWords(n string) string {
	ws := strings.Fields(n)
	changed := false
	for i, w := range ws {
		letters, upper := 0, true
		for _, r := range w {
			if unicode.IsLetter(r) {
				letters++
				upper = upper && unicode.IsUpper(r)
			}
		}
		if letters >= 3 && upper {
			rs := []rune(strings.ToLower(w))
			rs[0] = unicode.ToUpper(rs[0])
			ws[i] = string(rs)
			changed = true
		}
	}
	if !changed {
		return n
	}
	return strings.Join(ws, " ")
}

// acronymWordKey returns the word key of an acronym-like name of three or
// more letters (TASS → "tass"), or "" for shorter ones, which would meet
// common words (IS, US).
func acronymWordKey(n string) string {
	if len([]rune(strings.ReplaceAll(n, ".", ""))) < 3 {
		return ""
	}
	return TranslitKey(strings.ToLower(n))
}

// splitPerson splits a cleaned multi-word person name into given name and
// surname keys. A patronymic or an initial in the middle is ignored
// (Vladimir Vladimirovich Putin = Vladimir Putin).
func splitPerson(n string) (personName, bool) {
	ws := strings.Fields(n)
	if len(ws) < 2 {
		return personName{}, false
	}
	sur := Surname(n)
	if sur == "" {
		return personName{}, false
	}
	return personName{raw: n, given: TranslitKey(ws[0]), sur: TranslitKey(sur)}, true
}

// personKey is the within-document clustering key of a multi-word person
// name: given name and surname, middle names dropped when they are
// patronymics or initials.
func personKey(n string) string {
	ws := strings.Fields(n)
	if len(ws) >= 3 {
		mid := ws[1 : len(ws)-1]
		drop := true
		for _, m := range mid {
			lm := strings.ToLower(strings.Trim(m, "."))
			if !(len(lm) == 1 || isPatronymic(lm)) {
				drop = false
			}
		}
		if drop {
			return TranslitKey(ws[0] + " " + ws[len(ws)-1])
		}
	}
	return TranslitKey(n)
}

func isPatronymic(w string) bool {
	for _, s := range []string{"ovich", "evich", "yevich", "ovych", "evych", "ich", "ovna", "evna", "ivna", "ichna"} {
		if strings.HasSuffix(w, s) && len(w) > len(s)+2 {
			return true
		}
	}
	return false
}

// givenCompatible reports whether two given-name keys can be the same
// person's: equal, or one is the other's initial.
func givenCompatible(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) == 1 || len(b) == 1 {
		return a[0] == b[0]
	}
	return false
}

// Match decides whether a and b are the same entity, with the default alias
// table and no analyst overrides.
func Match(a, b muster.Entity) Decision { return defaultResolver().Match(a, b) }

// Match decides whether a and b are the same entity. Rules, strongest
// first: an analyst override; different type families never merge; both
// names of one alias-table entry (or of two different entries: never);
// a shared name or transliteration key; an acronym of the other's name
// (org family); a person's full name with the same surname and a
// compatible given name; a bare surname of the other's full name.
func (r *Resolver) Match(a, b muster.Entity) Decision {
	return r.match(r.profileOf(a), r.profileOf(b))
}

func (r *Resolver) match(a, b profile) Decision {
	if d, ok := r.override(a, b); ok {
		return d
	}
	if family(a.typ) != family(b.typ) {
		return Decision{Score: scoreUnrelated, Reasons: []string{fmt.Sprintf("types differ: %s vs %s", a.typ, b.typ)}}
	}
	if a.canon != nil && b.canon != nil {
		if a.canon.Canonical == b.canon.Canonical && a.canon.Type == b.canon.Type {
			return Decision{Same: true, Score: scoreTable, Reasons: []string{
				fmt.Sprintf("alias table: %q and %q are names of %q (%s)", a.name, b.name, a.canon.Canonical, sourceList(a.canon, b.canon))}}
		}
		return Decision{Score: scoreUnrelated, Reasons: []string{
			fmt.Sprintf("alias table: %q is %q but %q is %q", a.name, a.canon.Canonical, b.name, b.canon.Canonical)}}
	}
	if a.typ != b.typ {
		return Decision{Score: scoreUnrelated, Reasons: []string{fmt.Sprintf("types differ: %s vs %s", a.typ, b.typ)}}
	}
	// Shared keys.
	for i, ka := range a.keys {
		for j, kb := range b.keys {
			if ka != kb {
				continue
			}
			if strings.HasPrefix(ka, "acr:") {
				return Decision{Same: true, Score: scoreNameKey, Reasons: []string{fmt.Sprintf("same acronym %s", ka[4:])}}
			}
			na, nb := muster.NameKey(a.names[i]), muster.NameKey(b.names[j])
			if na == nb {
				return Decision{Same: true, Score: scoreNameKey, Reasons: []string{fmt.Sprintf("same name key '%s'", na)}}
			}
			return Decision{Same: true, Score: scoreTranslit, Reasons: []string{
				fmt.Sprintf("same transliteration key '%s' (%q, %q)", ka, a.names[i], b.names[j])}}
		}
	}
	// Acronyms (organisations, groups, forces, media).
	if family(a.typ) == "org" {
		for _, x := range a.acrs {
			if full, ok := b.inits[x]; ok {
				return Decision{Same: true, Score: scoreAcronym, Reasons: []string{fmt.Sprintf("acronym %s of %s", x, full)}}
			}
		}
		for _, x := range b.acrs {
			if full, ok := a.inits[x]; ok {
				return Decision{Same: true, Score: scoreAcronym, Reasons: []string{fmt.Sprintf("acronym %s of %s", x, full)}}
			}
		}
	}
	if a.typ == muster.EntityPerson {
		if d, ok := matchPeople(a, b); ok {
			return d
		}
	}
	return Decision{Score: scoreUnrelated, Reasons: []string{"no shared name, transliteration, acronym or alias"}}
}

// matchPeople compares the names of two people.
func matchPeople(a, b profile) (Decision, bool) {
	var conflict string
	for _, pa := range a.people {
		for _, pb := range b.people {
			if pa.sur != pb.sur {
				continue
			}
			if givenCompatible(pa.given, pb.given) {
				return Decision{Same: true, Score: scoreFullName, Reasons: []string{
					fmt.Sprintf("same surname '%s' and compatible given names (%q, %q)", pa.sur, pa.raw, pb.raw)}}, true
			}
			conflict = fmt.Sprintf("same surname '%s' but different given names (%q, %q)", pa.sur, pa.raw, pb.raw)
		}
	}
	if conflict != "" {
		return Decision{Score: scoreUnrelated, Reasons: []string{conflict}}, true
	}
	for _, s := range a.single {
		for _, pb := range b.people {
			if s == pb.sur {
				return Decision{Same: true, Score: scoreSurname, Reasons: []string{fmt.Sprintf("surname '%s' of %q", s, pb.raw)}}, true
			}
		}
	}
	for _, s := range b.single {
		for _, pa := range a.people {
			if s == pa.sur {
				return Decision{Same: true, Score: scoreSurname, Reasons: []string{fmt.Sprintf("surname '%s' of %q", s, pa.raw)}}, true
			}
		}
	}
	return Decision{}, false
}

func sourceList(a, b *AliasRow) string {
	s := map[string]bool{a.Source: true, b.Source: true}
	var out []string
	for k := range s {
		out = append(out, k)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// override applies analysts' decisions: any name key (or the id) of a
// paired with any name key (or the id) of b.
func (r *Resolver) override(a, b profile) (Decision, bool) {
	if len(r.overrides) == 0 {
		return Decision{}, false
	}
	ak, bk := a.keys, b.keys
	if a.id != "" {
		ak = append(ak[:len(ak):len(ak)], a.id)
	}
	if b.id != "" {
		bk = append(bk[:len(bk):len(bk)], b.id)
	}
	for _, ka := range ak {
		for _, kb := range bk {
			act, ok := r.overrides[pairKey(ka, kb)]
			if !ok {
				continue
			}
			same := act == ActionMerge
			return Decision{Same: same, Score: scoreOverride, Reasons: []string{
				fmt.Sprintf("analyst decision: %s %q and %q", act, a.name, b.name)}}, true
		}
	}
	return Decision{}, false
}

func pairKey(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + "\x00" + b
}
