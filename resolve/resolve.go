package resolve

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/muster-osint/muster"
)

// Resolver holds what resolution needs besides the text: the alias table
// and analysts' overrides. Its answers are fixed once built (it only
// memoises the profiles it computes) and it is safe for concurrent use.
type Resolver struct {
	// Aliases is the known-alias table; nil means none.
	Aliases   *Aliases
	overrides map[string]string   // pairKey(AliasKey a, AliasKey b) → action
	partners  map[string][]string // key → the keys analysts merged it with
	memo      profileMemo
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

// Index finds stored entities that share at least one match key (see Keys).
// *store.DB satisfies it.
type Index interface {
	EntitiesByKeys(ctx context.Context, keys []string) ([]muster.Entity, error)
}

// SetIndex is an Index that answers the lookups of many entities at once:
// for each set of keys, what EntitiesByKeys returns for it. Resolve asks
// it once for all of a document's entities (issue 14: a store answered one
// query per entity, a third of the write path's CPU). *store.DB satisfies it.
type SetIndex interface {
	Index
	EntitiesByKeySets(ctx context.Context, sets [][]string) ([][]muster.Entity, error)
}

// EntityID returns the deterministic id of a new entity of type t whose
// primary key is key: "e_" and 16 hex digits of SHA-256(type, key).
func EntityID(t muster.EntityType, key string) string {
	h := sha256.Sum256([]byte(string(t) + "\x00" + key))
	return "e_" + hex.EncodeToString(h[:8])
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
	return slices.Clone(r.profileOf(e).all) // the memo's is shared
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
	profiles := make([]profile, len(ents))
	sets := make([][]string, len(ents))
	for i, e := range ents {
		pe := r.profileOf(e)
		keys := pe.all
		for _, k := range pe.all {
			keys = append(keys[:len(keys):len(keys)], r.partners[k]...)
		}
		profiles[i], sets[i] = pe, keys
	}
	// The stored entities do not change while ents resolve, so every
	// lookup may be made first; a SetIndex answers them in one.
	var stored [][]muster.Entity
	if si, ok := idx.(SetIndex); ok && len(ents) > 0 {
		var err error
		if stored, err = si.EntitiesByKeySets(ctx, sets); err != nil {
			return nil, fmt.Errorf("resolve: %w", err)
		}
		if len(stored) != len(sets) {
			return nil, fmt.Errorf("resolve: the index answered %d key sets of %d", len(stored), len(sets))
		}
	}
	for i, e := range ents {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		pe, keys := profiles[i], sets[i]
		var cands []muster.Entity
		switch {
		case stored != nil:
			cands = stored[i]
		case idx != nil:
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
			// A country is named as the alias table's country rows name
			// it, the text's name kept as an alias: "U.S." is the United
			// States in every document, not whatever the first one to
			// mention it wrote, and claims about it meet those that say
			// "United States" (issue 12). Other names keep the text's
			// spelling, which the examples' goldens and analysts read.
			if c := pe.canon; c != nil && c.Canonical != e.Name && o.Type == muster.EntityPlace && r.Aliases.isCountry(c) {
				o.Aliases = addAlias(o.Aliases, e.Name, aliasKind(e.Name, muster.Entity{Name: c.Canonical, Type: o.Type}, r.Aliases))
				o.Name = c.Canonical
			}
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
