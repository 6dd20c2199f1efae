package resolve

import (
	"context"

	"github.com/muster-osint/muster"
)

// MemIndex is an in-memory Index for evaluation, tests and benchmarks: it
// keeps entities by id and finds them by the keys a Resolver gives them.
// It is not safe for concurrent use.
type MemIndex struct {
	r     *Resolver
	byID  map[string]*muster.Entity
	byKey map[string][]string // key → entity ids
	prof  map[string]profile  // id → profile under r, computed by Add
}

// NewMemIndex returns an empty index whose keys come from r.
func NewMemIndex(r *Resolver) *MemIndex {
	return &MemIndex{r: r, byID: map[string]*muster.Entity{}, byKey: map[string][]string{}, prof: map[string]profile{}}
}

// Len returns the number of entities held.
func (m *MemIndex) Len() int { return len(m.byID) }

// Add stores resolved entities: a new id is added, an existing one gains
// the names it did not have as aliases. Keys are indexed for both.
func (m *MemIndex) Add(ents ...muster.Entity) {
	for _, e := range ents {
		cur, ok := m.byID[e.ID]
		if !ok {
			c := e
			c.Aliases = append([]muster.Alias(nil), e.Aliases...)
			cur = &c
			m.byID[e.ID] = cur
		} else {
			have := map[string]bool{muster.NameKey(cur.Name): true}
			for _, a := range cur.Aliases {
				have[muster.NameKey(a.Name)] = true
			}
			for _, n := range append([]muster.Alias{{Name: e.Name, Kind: muster.AliasName}}, e.Aliases...) {
				if k := muster.NameKey(n.Name); !have[k] {
					have[k] = true
					cur.Aliases = append(cur.Aliases, n)
				}
			}
		}
		p := m.r.profileOf(*cur)
		m.prof[e.ID] = p
		for _, k := range p.all {
			ids := m.byKey[k]
			found := false
			for _, id := range ids {
				if id == e.ID {
					found = true
					break
				}
			}
			if !found {
				m.byKey[k] = append(ids, e.ID)
			}
		}
	}
}

// EntitiesByKeys returns the entities sharing at least one of keys, each
// once, in the order first found.
func (m *MemIndex) EntitiesByKeys(ctx context.Context, keys []string) ([]muster.Entity, error) {
	var out []muster.Entity
	var seen map[string]bool
	for _, k := range keys {
		for _, id := range m.byKey[k] {
			if seen == nil {
				seen = map[string]bool{}
			}
			if seen[id] {
				continue
			}
			seen[id] = true
			out = append(out, *m.byID[id])
		}
	}
	return out, nil
}

// cachedProfile returns the profile Add computed for id, when it was
// computed with the same alias table as r's.
func (m *MemIndex) cachedProfile(r *Resolver, id string) (profile, bool) {
	if r.Aliases != m.r.Aliases {
		return profile{}, false
	}
	p, ok := m.prof[id]
	return p, ok
}

// profileCache is implemented by indexes that keep match profiles of their
// entities (MemIndex), sparing Resolve their recomputation.
type profileCache interface {
	cachedProfile(r *Resolver, id string) (profile, bool)
}
