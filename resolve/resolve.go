package resolve

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// Resolver holds what resolution needs besides the text: the alias table
// and analysts' overrides. It is immutable once built and safe for
// concurrent use.
type Resolver struct {
	// Aliases is the known-alias table; nil means none.
	Aliases   *Aliases
	overrides map[string]string   // pairKey(AliasKey a, AliasKey b) → action
	partners  map[string][]string // key → the keys analysts merged it with
}

// New returns a Resolver over an alias table and analysts' overrides.
// Overrides with an unknown action are reported as an error.
func New(aliases *Aliases, overrides []Override) (*Resolver, error) {
	r := &Resolver{Aliases: aliases}
	if len(overrides) > 0 {
		r.overrides = map[string]string{}
	}
	for _, o := range overrides {
		if o.Action != ActionMerge && o.Action != ActionSplit {
			return nil, fmt.Errorf("override %q/%q: unknown action %q (want merge or split)", o.A, o.B, o.Action)
		}
		ka, kb := overrideKey(o.A), overrideKey(o.B)
		if ka == "" || kb == "" {
			return nil, fmt.Errorf("override %q/%q: empty name", o.A, o.B)
		}
		// A later decision on the same pair replaces an earlier one.
		r.overrides[pairKey(ka, kb)] = o.Action
	}
	// An analyst's merge must be seen even when the two names share no
	// key: each side's key leads to the other's candidates.
	for pk, action := range r.overrides {
		if action != ActionMerge {
			continue
		}
		for _, o := range overrides {
			ka, kb := overrideKey(o.A), overrideKey(o.B)
			if pairKey(ka, kb) == pk {
				if r.partners == nil {
					r.partners = map[string][]string{}
				}
				r.partners[ka] = append(r.partners[ka], kb)
				r.partners[kb] = append(r.partners[kb], ka)
				break
			}
		}
	}
	return r, nil
}

// overrideKey is the key an override name is compared by: an entity id
// ("e_…") or an acronym key ("acr:RDK") as it is, any other name by
// AliasKey (which leaves a name key unchanged, so names and the keys
// DecisionKey returns may both be stored).
func overrideKey(s string) string {
	if (strings.HasPrefix(s, "e_") || strings.HasPrefix(s, "acr:")) && !strings.ContainsAny(s, " \t") {
		return s
	}
	return AliasKey(s)
}

// DecisionKey returns the key under which an analyst's decision about name
// is stored: an entity id as it is, any other name as its AliasKey.
// Overrides built from stored keys compare equal to the names they came
// from.
func DecisionKey(name string) string { return overrideKey(strings.TrimSpace(name)) }

// defaultResolver is built once over the embedded alias table; it is
// never modified. A broken embedded table is a build error caught by the
// package tests, so it falls back to no table rather than panicking.
var defaultResolver = sync.OnceValue(func() *Resolver {
	a, err := DefaultAliases()
	if err != nil {
		a = nil
	}
	return &Resolver{Aliases: a}
})

// Default returns the Resolver over the embedded alias table with no
// overrides.
func Default() *Resolver { return defaultResolver() }

// Link ties a mention of a Doc (index into Doc.Mentions) to an entity
// (index into the entities Document returns).
type Link struct {
	Mention int `json:"mention"`
	Entity  int `json:"entity"`
}

// Index finds stored entities that share at least one match key (see Keys).
// *store.DB satisfies it.
type Index interface {
	EntitiesByKeys(ctx context.Context, keys []string) ([]muster.Entity, error)
}

// EntityID returns the deterministic id of a new entity of type t whose
// primary key is key: "e_" and 16 hex digits of SHA-256(type, key).
func EntityID(t muster.EntityType, key string) string {
	h := sha256.Sum256([]byte(string(t) + "\x00" + key))
	return "e_" + hex.EncodeToString(h[:8])
}

// Document clusters the mentions of one document into entities, with the
// embedded alias table. See (*Resolver).Document.
func Document(d *nlp.Doc, docID string) ([]muster.Entity, []Link) {
	return defaultResolver().Document(d, docID)
}

// nominalHeads are definite descriptions that refer back to an armed group
// ("the group", "the legion"); the value is the word the group's name must
// contain, or "" for any armed group.
var nominalHeads = map[string]string{
	"group": "", "unit": "", "militia": "", "legion": "legion", "corps": "corps",
	"regiment": "regiment", "battalion": "battalion", "brigade": "brigade",
	"organisation": "", "organization": "", "movement": "movement",
}

// pronouns are the personal pronouns pass 4 may link to a person.
var pronouns = map[string]bool{"he": true, "she": true, "him": true, "her": true, "his": true, "hers": true}

// cluster is an entity under construction inside one document.
type cluster struct {
	typ      muster.EntityType
	canon    *AliasRow
	names    []string // cleaned names in order of first use
	mentions []int
	people   []personName
	inits    map[string]bool
	acr      string // AcronymKey when the cluster began as an acronym
}

func (c *cluster) addName(n string) {
	for _, x := range c.names {
		if x == n {
			return
		}
	}
	c.names = append(c.names, n)
	if c.typ == muster.EntityPerson {
		if pn, ok := splitPerson(n); ok {
			c.people = append(c.people, pn)
		}
	}
	if family(c.typ) == "org" {
		if in := Initials(n); in != "" {
			if c.inits == nil {
				c.inits = map[string]bool{}
			}
			c.inits[in] = true
		}
	}
}

// Document clusters the mentions of d into entities:
//
//  1. names with the same key (NameKey with word order, spelling and
//     transliteration folded; a trailing "group" ignored for organisations)
//     or names of one alias-table entry form one entity; full person names
//     meet when given name and surname agree (a patronymic or initial in the
//     middle is ignored);
//
//  2. an acronym joins the name it is defined for in brackets ("Russian
//     Volunteer Corps (RDK)", "RDK (Russian Volunteer Corps)"), else the one
//     organisation in the document whose initials it spells;
//
//  3. a bare surname joins the person mentioned in full with that surname
//     (the nearest before it when several share it, else the first after it);
//
//  4. "the group", "the legion", "the unit" … join the nearest armed group
//     mentioned in the previous three sentences, only when exactly one
//     compatible group was mentioned there (a legion's name must contain
//     "legion").
//
//  5. a personal pronoun (when a detector marks one as a PER mention) joins
//     the one person named in its sentence before it and the sentence
//     before; with two people named there it stays unlinked.
//
// Mentions of
// types without entities (DATE, NUM, MISC) get no link. Entities get the
// deterministic id EntityID(type, primary key); Resolve replaces it with a
// stored entity's id when they match.
func (r *Resolver) Document(d *nlp.Doc, docID string) ([]muster.Entity, []Link) {
	var cls []*cluster
	byKey := map[string]int{}
	assign := make([]int, len(d.Mentions))
	names := make([]string, len(d.Mentions))
	types := make([]muster.EntityType, len(d.Mentions))
	for i := range assign {
		assign[i] = -1
	}
	newCluster := func(t muster.EntityType, canon *AliasRow) int {
		cls = append(cls, &cluster{typ: t, canon: canon})
		return len(cls) - 1
	}
	join := func(i, c int) {
		assign[i] = c
		cls[c].mentions = append(cls[c].mentions, i)
		cls[c].addName(names[i])
		// The most specific type wins inside the org family.
		if cls[c].typ == muster.EntityOrganization && types[i] != muster.EntityOrganization && family(types[i]) == "org" && cls[c].canon == nil {
			cls[c].typ = types[i]
		}
	}
	const (
		deferNone = iota
		deferAcronym
		deferSurname
		deferNominal
		deferPronoun
	)
	deferred := make([]int, len(d.Mentions))
	// Pass 1: keys and the alias table.
	for i, m := range d.Mentions {
		t := m.Type.EntityType()
		if t == "" {
			continue
		}
		n := CleanName(m.Text, t)
		if n == "" || !hasLetter(n) {
			continue
		}
		names[i], types[i] = n, t
		// Acronyms wait for pass 2: a definition in the text beats the
		// table (KR may be the Kraken Regiment here, not the Khmer Rouge).
		if IsAcronym(n) && family(t) == "org" {
			deferred[i] = deferAcronym
			continue
		}
		k0 := cleanKey(n)
		row, ok := r.Aliases.lookupKey(k0, t)
		if !ok && t == muster.EntityPlace && strings.HasPrefix(k0, "acr:") {
			// An acronym tagged as a place that the table knows as an
			// organisation (FSB): the table's type wins.
			row, ok = r.Aliases.lookupKey(k0, muster.EntityOrganization)
		}
		if ok {
			row := row
			k := "c\x00" + string(row.Type) + "\x00" + row.Canonical
			c, ok := byKey[k]
			if !ok {
				c = newCluster(row.Type, &row)
				byKey[k] = c
			}
			join(i, c)
			continue
		}
		lk := strings.ToLower(n)
		if _, ok := nominalHeads[lk]; ok && family(t) == "org" {
			deferred[i] = deferNominal
			continue
		}
		if pronouns[lk] && t == muster.EntityPerson {
			deferred[i] = deferPronoun
			continue
		}
		var k string
		switch {
		case t == muster.EntityPerson:
			if len(strings.Fields(n)) < 2 {
				deferred[i] = deferSurname
				continue
			}
			k = "p\x00" + personKey(n)
		case family(t) == "org":
			k = "o\x00" + orgKeyOf(k0)
		default:
			k = k0
			if wk := acronymWordKey(n); wk != "" && strings.HasPrefix(k, "acr:") {
				k = wk // MINSK = Minsk
			}
			k = string(t) + "\x00" + k
		}
		c, ok := byKey[k]
		if !ok {
			c = newCluster(t, nil)
			byKey[k] = c
		}
		join(i, c)
	}
	// Pass 2a: acronyms.
	for i, m := range d.Mentions {
		if deferred[i] != deferAcronym {
			continue
		}
		x := AcronymKey(names[i])
		c := -1
		// Defined in brackets next to a name.
		if i > 0 && assign[i-1] >= 0 && family(cls[assign[i-1]].typ) == "org" {
			p := d.Mentions[i-1]
			if p.End <= m.Start && DefinedAcronym(d.Text[p.End:m.Start], d.Text[m.End:]) {
				c = assign[i-1]
			}
		}
		if c < 0 && i+1 < len(d.Mentions) && assign[i+1] >= 0 && family(cls[assign[i+1]].typ) == "org" {
			n := d.Mentions[i+1]
			if m.End <= n.Start && DefinedAcronym(d.Text[m.End:n.Start], d.Text[n.End:]) {
				c = assign[i+1]
			}
		}
		if c < 0 {
			if k, ok := byKey["a\x00"+x]; ok {
				c = k
			}
		}
		if c < 0 {
			// The same name written in capitals: TASS / Tass.
			if wk := acronymWordKey(names[i]); wk != "" {
				if k, ok := byKey["o\x00"+orgKey(strings.ToLower(names[i]))]; ok {
					c = k
				}
			}
		}
		if c < 0 {
			var hits []int
			for j, cl := range cls {
				if family(cl.typ) == "org" && cl.inits[x] {
					hits = append(hits, j)
				}
			}
			if len(hits) == 1 {
				c = hits[0]
			}
		}
		if c < 0 {
			if row, ok := r.Aliases.Lookup(names[i], types[i]); ok {
				row := row
				k := "c\x00" + string(row.Type) + "\x00" + row.Canonical
				var found bool
				if c, found = byKey[k]; !found {
					c = newCluster(row.Type, &row)
					byKey[k] = c
				}
			}
		}
		if c < 0 {
			c = newCluster(types[i], nil)
			cls[c].acr = x
		}
		byKey["a\x00"+x] = c
		join(i, c)
	}
	// Pass 2b: bare surnames.
	for i, m := range d.Mentions {
		if deferred[i] != deferSurname {
			continue
		}
		s := TranslitKey(names[i])
		best, bestDist, after := -1, int(^uint(0)>>1), false
		for j, cl := range cls {
			if cl.typ != muster.EntityPerson {
				continue
			}
			has := false
			for _, p := range cl.people {
				if p.sur == s {
					has = true
				}
			}
			if !has {
				continue
			}
			// Distance to the nearest full mention before m; clusters only
			// mentioned after m rank behind.
			dist, isAfter := int(^uint(0)>>1), true
			for _, mi := range cl.mentions {
				if o := d.Mentions[mi]; o.End <= m.Start && m.Start-o.End < dist {
					dist, isAfter = m.Start-o.End, false
				}
			}
			if isAfter {
				for _, mi := range cl.mentions {
					if o := d.Mentions[mi]; o.Start >= m.End && o.Start-m.End < dist {
						dist = o.Start - m.End
					}
				}
			}
			if best < 0 || (after && !isAfter) || (after == isAfter && dist < bestDist) {
				best, bestDist, after = j, dist, isAfter
			}
		}
		if best < 0 {
			// A one-word "person" no one in the document carries as a
			// surname, which the table knows as a group (Wagner): the
			// table's type wins over the tagger's.
			if row, ok := r.Aliases.lookupKey(cleanKey(names[i]), muster.EntityOrganization); ok {
				row := row
				k := "c\x00" + string(row.Type) + "\x00" + row.Canonical
				c, found := byKey[k]
				if !found {
					c = newCluster(row.Type, &row)
					byKey[k] = c
				}
				best = c
			}
		}
		if best < 0 {
			k := "s\x00" + s
			c, ok := byKey[k]
			if !ok {
				c = newCluster(muster.EntityPerson, nil)
				byKey[k] = c
			}
			best = c
		}
		join(i, best)
	}
	// Pass 3: "the group", "the legion".
	for i, m := range d.Mentions {
		if deferred[i] != deferNominal {
			continue
		}
		want := nominalHeads[strings.ToLower(names[i])]
		sent := d.SentenceOf(m.Start)
		cands := map[int]int{} // cluster → latest mention end
		for j := i - 1; j >= 0; j-- {
			o := d.Mentions[j]
			if sent >= 0 {
				if s := d.SentenceOf(o.Start); s >= 0 && sent-s > 3 {
					break
				}
			} else if m.Start-o.End > 600 {
				break
			}
			c := assign[j]
			if c < 0 || cls[c].typ != muster.EntityArmedGroup {
				continue
			}
			if want != "" && !clusterHasWord(cls[c], want) {
				continue
			}
			if _, ok := cands[c]; !ok {
				cands[c] = o.End
			}
		}
		if len(cands) == 1 {
			for c := range cands {
				// A description is not a name: link it without adding
				// "legion" to the entity's aliases.
				assign[i] = c
				cls[c].mentions = append(cls[c].mentions, i)
			}
		}
	}
	// Pass 4: personal pronouns, when a detector marks them: only when
	// exactly one person was named in the same sentence before the pronoun
	// and in the sentence before it (gender is not known, so two people
	// make it unsafe).
	for i, m := range d.Mentions {
		if deferred[i] != deferPronoun {
			continue
		}
		sent := d.SentenceOf(m.Start)
		people := map[int]bool{}
		for j := i - 1; j >= 0; j-- {
			o := d.Mentions[j]
			if sent >= 0 {
				if s := d.SentenceOf(o.Start); s >= 0 && sent-s > 1 {
					break
				}
			} else if m.Start-o.End > 300 {
				break
			}
			if c := assign[j]; c >= 0 && cls[c].typ == muster.EntityPerson && deferred[j] != deferPronoun {
				people[c] = true
			}
		}
		if len(people) == 1 {
			for c := range people {
				assign[i] = c
				cls[c].mentions = append(cls[c].mentions, i)
			}
		}
	}
	// Entities.
	ents := make([]muster.Entity, len(cls))
	for j, c := range cls {
		ents[j] = r.entityOf(c)
	}
	var links []Link
	for i, c := range assign {
		if c >= 0 {
			links = append(links, Link{Mention: i, Entity: c})
		}
	}
	return ents, links
}

// orgKey is the within-document key of an organisation's name: AliasKey with
// a trailing "group" and a leading "pmc" ignored (Islamic State group =
// Islamic State).
func orgKey(n string) string { return orgKeyOf(AliasKey(n)) }

// orgKeyOf is orgKey of a name whose AliasKey is k.
func orgKeyOf(k string) string {
	ws := strings.Fields(k)
	if len(ws) > 1 && ws[len(ws)-1] == "group" {
		ws = ws[:len(ws)-1]
	}
	if len(ws) > 1 && ws[0] == "pmc" {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}

func clusterHasWord(c *cluster, w string) bool {
	if c.canon != nil && strings.Contains(strings.ToLower(c.canon.Canonical), w) {
		return true
	}
	for _, n := range c.names {
		for _, x := range strings.Fields(strings.ToLower(n)) {
			if x == w {
				return true
			}
		}
	}
	return false
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// entityOf turns a cluster into an entity: the alias table's canonical name
// when it has one, else the longest multi-word name (the first one on ties);
// other names become aliases.
func (r *Resolver) entityOf(c *cluster) muster.Entity {
	e := muster.Entity{Type: c.typ}
	if c.canon != nil {
		e.Name = c.canon.Canonical
	} else {
		for _, n := range c.names {
			if IsAcronym(n) {
				continue
			}
			if len(n) > len(e.Name) {
				e.Name = n
			}
		}
		if e.Name == "" && len(c.names) > 0 {
			e.Name = c.names[0]
		}
	}
	seen := map[string]bool{AliasKey(e.Name): true}
	for _, n := range c.names {
		k := AliasKey(n)
		if seen[k] && n == e.Name {
			continue
		}
		if n == e.Name {
			continue
		}
		seen[k] = true
		e.Aliases = append(e.Aliases, muster.Alias{Name: n, Kind: aliasKind(n, e, r.Aliases)})
	}
	e.ID = EntityID(e.Type, r.primaryKey(e))
	return e
}

// aliasKind says what kind of alias n is of e.
func aliasKind(n string, e muster.Entity, a *Aliases) muster.AliasKind {
	if row, ok := a.Lookup(n, e.Type); ok && row.Canonical == e.Name && muster.NameKey(row.Alias) == muster.NameKey(n) {
		return row.Kind
	}
	switch {
	case IsAcronym(n):
		return muster.AliasAcronym
	case hasCyrillic(n):
		return muster.AliasNativeScript
	case e.Type == muster.EntityPerson && !strings.Contains(n, " ") && Surname(e.Name) != "" &&
		TranslitKey(n) == TranslitKey(Surname(e.Name)):
		return muster.AliasSurname
	case TranslitKey(n) == TranslitKey(e.Name) && muster.NameKey(n) != muster.NameKey(e.Name):
		return muster.AliasTransliteration
	}
	return muster.AliasName
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// primaryKey is the key an entity's new id is made from: its alias-table
// canonical name's key when it has one, else the key of its name.
func (r *Resolver) primaryKey(e muster.Entity) string {
	return r.profileOf(muster.Entity{Name: e.Name, Type: e.Type}).primary
}

// Keys returns every match key of e, with the embedded alias table: see
// (*Resolver).Keys.
func Keys(e muster.Entity) []string { return defaultResolver().Keys(e) }

// Keys returns every match key of e, sorted and deduplicated: muster.NameKey
// and AliasKey of its name and of each alias (transliteration key; "acr:X" for acronyms),
// the key of its alias-table canonical name, "acr:" and the initials of
// each multi-word organisation name (so an acronym meets its full name) and
// "sur:" and the surname key of each person name (so a bare surname meets
// the full name). An Index returns the stored entities sharing any of them.
func (r *Resolver) Keys(e muster.Entity) []string {
	return r.profileOf(e).all
}

// Resolve matches entities of new documents against stored ones, with the
// embedded alias table: see (*Resolver).Resolve. overrides are analysts'
// merge/split decisions.
func Resolve(ctx context.Context, ents []muster.Entity, idx Index, overrides []Override) ([]muster.Entity, error) {
	r := defaultResolver()
	if len(overrides) > 0 {
		var err error
		r, err = New(r.Aliases, overrides)
		if err != nil {
			return nil, err
		}
	}
	return r.Resolve(ctx, ents, idx)
}

// Resolve assigns stable ids to ents: each entity that matches a stored
// entity (found in idx by Keys) or an earlier entity of ents takes its id
// and canonical name, keeping its own names as aliases; any other keeps the
// deterministic id EntityID(type, primary key). A bare surname matches only
// when exactly one stored person carries it. It returns new values; ents is
// not modified.
func (r *Resolver) Resolve(ctx context.Context, ents []muster.Entity, idx Index) ([]muster.Entity, error) {
	out := make([]muster.Entity, len(ents))
	local := map[string][]int{} // key → indices of out already resolved
	for i, e := range ents {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pe := r.profileOf(e)
		keys := pe.all
		for _, k := range pe.all {
			keys = append(keys[:len(keys):len(keys)], r.partners[k]...)
		}
		var cands []muster.Entity
		if idx != nil {
			var err error
			cands, err = idx.EntitiesByKeys(ctx, keys)
			if err != nil {
				return nil, fmt.Errorf("resolve %q: %w", e.Name, err)
			}
		}
		seenLocal := map[int]bool{}
		for _, k := range keys {
			for _, j := range local[k] {
				if !seenLocal[j] {
					seenLocal[j] = true
					cands = append(cands, out[j])
				}
			}
		}
		pc, _ := idx.(profileCache)
		best, ok := r.choose(pe, cands, pc)
		o := e
		o.Aliases = append([]muster.Alias(nil), e.Aliases...)
		if ok {
			o.ID = best.ID
			if best.Name != e.Name {
				o.Aliases = addAlias(o.Aliases, e.Name, aliasKind(e.Name, best, r.Aliases))
				o.Name = best.Name
				o.Type = best.Type
			}
		} else {
			o.Type = pe.typ // the alias table may have corrected the type
			o.ID = EntityID(pe.typ, pe.primary)
		}
		out[i] = o
		for _, k := range keys {
			local[k] = append(local[k], i)
		}
	}
	return out, nil
}

func addAlias(as []muster.Alias, n string, kind muster.AliasKind) []muster.Alias {
	for _, a := range as {
		if a.Name == n {
			return as
		}
	}
	return append(as, muster.Alias{Name: n, Kind: kind})
}

// choose picks the candidate e is the same as: the highest score, ties to
// the smallest id. A match resting only on a bare surname is refused when
// several distinct candidates carry that surname.
func (r *Resolver) choose(pe profile, cands []muster.Entity, pc profileCache) (muster.Entity, bool) {
	if len(cands) == 0 {
		return muster.Entity{}, false
	}
	var best muster.Entity
	bestScore := -1.0
	surnameOnly := map[string]bool{}
	seen := map[string]bool{}
	for _, c := range cands {
		if seen[c.ID] && c.ID != "" {
			continue
		}
		seen[c.ID] = true
		var pcand profile
		ok := false
		if pc != nil && c.ID != "" {
			pcand, ok = pc.cachedProfile(r, c.ID)
		}
		if !ok {
			pcand = r.profileOf(c)
		}
		d := r.match(pe, pcand)
		if !d.Same || d.Score < SameThreshold {
			continue
		}
		if d.Score == scoreSurname {
			surnameOnly[c.ID] = true
		}
		if d.Score > bestScore || (d.Score == bestScore && c.ID < best.ID) {
			best, bestScore = c, d.Score
		}
	}
	if bestScore < 0 {
		return muster.Entity{}, false
	}
	if bestScore == scoreSurname && len(surnameOnly) > 1 {
		return muster.Entity{}, false
	}
	return best, true
}

// Explain returns the decision on two names of unknown type for `muster
// why`: each name becomes an entity of type t.
func (r *Resolver) Explain(a, b string, t muster.EntityType) Decision {
	return r.Match(muster.Entity{Name: a, Type: t}, muster.Entity{Name: b, Type: t})
}
