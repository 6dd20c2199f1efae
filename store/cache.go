package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"
	"sync"

	"github.com/muster-osint/muster"
)

// entityCache is the writer's exact copy of what resolution reads through
// a batch (EntitiesByKeySets): which entities each match key finds, and
// those entities as stored (issue 14: the lookups were a quarter of the
// writer's CPU, and most of a document's keys are asked again by the next
// documents — or are new, and found nothing, again).
//
// It is exact, not a guess that may be stale:
//   - it is read and filled only inside a batch's transaction, which holds
//     SQLite's one write lock (BEGIN IMMEDIATE), so nothing else writes
//     while it is in use;
//   - each save in the batch updates it with what it wrote: an id joins the
//     cached answer of every alias and match key it was written under
//     (those rows stay: they are only ever added to), the answer for the
//     key of its name is dropped (an upsert keeps a stored name, so that
//     key may not find it), and the entity cached is made what the
//     upserts returned of its row and alias rows (or dropped, to be read
//     again when asked for, where they were not read back);
//   - another process's commits change SQLite's data_version, read at the
//     start of each batch: then it is emptied; so it is by any other write
//     of this process (DB.Save, ReplaceAnalyses), which runs on the same
//     connection and so does not change data_version, and by a batch that
//     rolls back (what it cached may be gone).
//
// It is kept for SQLite only: PostgreSQL workers write concurrently, and
// PostgreSQL has no cheap data_version. It holds at most cacheMaxKeys keys
// and is emptied when full.
type entityCache struct {
	mu      sync.Mutex
	version int64 // data_version when last checked; 0 for never
	// keys holds, for each key looked up, the ids it finds in id order
	// (nil: none); a key absent is unknown.
	keys map[string][]string
	ents map[string]cachedEntity // id → entity as stored
	// keyRows holds the entity_keys rows (id, key) this process wrote:
	// rows are never deleted but by ReplaceAnalyses, which empties the
	// cache, so writing one again would change nothing.
	keyRows map[[2]string]bool
}

// cachedEntity is an entity as stored, with the key of each of its
// aliases (muster.NameKey of its name, as the aliases table keeps it).
type cachedEntity struct {
	e     muster.Entity
	akeys []string
}

func newCachedEntity(e muster.Entity) cachedEntity {
	ks := make([]string, len(e.Aliases))
	for i, a := range e.Aliases {
		ks[i] = muster.NameKey(a.Name)
	}
	return cachedEntity{e, ks}
}

// cacheMaxKeys bounds the cache: about 60 MB of keys and entities.
const cacheMaxKeys = 200_000

// reset empties the cache and forgets the data_version checked.
func (c *entityCache) reset() {
	c.mu.Lock()
	c.keys, c.ents, c.keyRows, c.version = nil, nil, nil, 0
	c.mu.Unlock()
}

// check empties the cache unless the database is as it was at the last
// check (or write through it): it runs first in a batch's transaction.
func (c *entityCache) check(ctx context.Context, tx *wtx) error {
	var v int64
	if err := tx.tx.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.version {
		c.keys, c.ents, c.keyRows, c.version = nil, nil, nil, v
	}
	return nil
}

// storedRow is an entity's row as an upsert left it, and the alias rows it
// wrote (inserted or merged into), as the database returned them.
type storedRow struct {
	typ, name  string
	place, ext sql.NullString
	aliases    []*storedAlias
}

type storedAlias struct {
	seq             int64
	key, name, kind string
	sources         sql.NullString
}

// wrote updates the cache after a save wrote entity id: keys are the
// alias and match keys it is stored under now (the first matchKeys of
// them its entity_keys rows), nameKey the key of the name it was written
// with, and row (when not nil) the rows as written.
func (c *entityCache) wrote(id, nameKey string, keys []string, matchKeys int, row *storedRow) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keys == nil {
		return
	}
	for _, k := range keys[:matchKeys] {
		c.keyRows[[2]string{id, k}] = true
	}
	if ce, ok := c.ents[id]; ok && row != nil && ce.update(row) == nil {
		c.ents[id] = ce
	} else {
		delete(c.ents, id)
	}
	if ids, ok := c.keys[nameKey]; ok && !slices.Contains(ids, id) {
		delete(c.keys, nameKey)
	}
	for _, k := range keys {
		ids, ok := c.keys[k]
		if !ok {
			continue
		}
		if i, found := slices.BinarySearch(ids, id); !found {
			c.keys[k] = slices.Insert(slices.Clip(ids), i, id)
		}
	}
}

// unchanged reports which of an upsert's rows would change nothing in the
// database: an entity_keys row (id, key) written before, and an alias
// row of entity id whose key the cached entity holds with a kind that
// is not empty (or an empty kind given) and every one of sources.
type unchanged struct{ c *entityCache }

func (u unchanged) keyRow(id, key string) bool {
	if u.c == nil {
		return false
	}
	u.c.mu.Lock()
	defer u.c.mu.Unlock()
	return u.c.keyRows[[2]string{id, key}]
}

func (u unchanged) alias(id, key, kind string, sources []string) bool {
	if u.c == nil {
		return false
	}
	u.c.mu.Lock()
	defer u.c.mu.Unlock()
	ce, ok := u.c.ents[id]
	if !ok {
		return false
	}
	for i, a := range ce.e.Aliases {
		if ce.akeys[i] != key {
			continue
		}
		if a.Kind == "" && kind != "" {
			return false
		}
		for _, s := range sources {
			if !slices.Contains(a.Sources, s) {
				return false
			}
		}
		return true
	}
	return false
}

// update makes ce (all of the entity's aliases, in stored order) what
// row says is stored now: the row's columns, its aliases merged into the
// cached ones by key and new ones after them in the order of their seq,
// as read back.
func (ce *cachedEntity) update(row *storedRow) error {
	e := &ce.e
	e.Type, e.Name = muster.EntityType(row.typ), row.name
	e.Place, e.ExternalIDs = nil, nil
	if err := jsonScan(row.place, &e.Place); err != nil {
		return err
	}
	if err := jsonScan(row.ext, &e.ExternalIDs); err != nil {
		return err
	}
	aliases, akeys := slices.Clone(e.Aliases), slices.Clone(ce.akeys)
	var added []*storedAlias
	for _, ra := range row.aliases {
		a := muster.Alias{Name: ra.name, Kind: muster.AliasKind(ra.kind)}
		if err := jsonScan(ra.sources, &a.Sources); err != nil {
			return err
		}
		if i := slices.Index(akeys, ra.key); i >= 0 {
			aliases[i] = a
		} else {
			added = append(added, ra)
		}
	}
	slices.SortFunc(added, func(a, b *storedAlias) int { return cmp.Compare(a.seq, b.seq) })
	for _, ra := range added {
		a := muster.Alias{Name: ra.name, Kind: muster.AliasKind(ra.kind)}
		if err := jsonScan(ra.sources, &a.Sources); err != nil {
			return err
		}
		aliases, akeys = append(aliases, a), append(akeys, ra.key)
	}
	e.Aliases, ce.akeys = aliases, akeys
	return nil
}

// entitiesByKeySets is DB.entitiesByKeySets answered from the cache, which
// reads what it lacks through tx and keeps it.
func (db *DB) cachedKeySets(ctx context.Context, tx *wtx, sets [][]string) ([][]muster.Entity, error) {
	c := &db.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keys == nil || len(c.keys)+len(c.keyRows) > cacheMaxKeys {
		c.keys, c.ents, c.keyRows = map[string][]string{}, map[string]cachedEntity{}, map[[2]string]bool{}
	}
	var missing []string
	for _, set := range sets {
		for _, k := range set {
			if _, ok := c.keys[k]; !ok && !slices.Contains(missing, k) {
				missing = append(missing, k)
			}
		}
	}
	if len(missing) > 0 {
		byKey, _, err := db.idsByKeys(ctx, tx, missing)
		if err != nil {
			return nil, err
		}
		for _, k := range missing {
			ids := byKey[k]
			slices.Sort(ids)
			c.keys[k] = slices.Compact(ids)
		}
	}
	need := map[string]bool{}
	var load []string
	for _, set := range sets {
		for _, k := range set {
			for _, id := range c.keys[k] {
				if need[id] {
					continue
				}
				need[id] = true
				if _, ok := c.ents[id]; !ok {
					load = append(load, id)
				}
			}
		}
	}
	if len(load) > 0 {
		es, err := db.entitiesByIDs(ctx, tx, load)
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			c.ents[e.ID] = newCachedEntity(e)
		}
	}
	// SQLite orders ids by their bytes, as Go compares strings.
	es := make([]muster.Entity, 0, len(need))
	for id := range need {
		if ce, ok := c.ents[id]; ok {
			e := ce.e
			e.Aliases = slices.Clip(e.Aliases)
			es = append(es, e)
		}
	}
	slices.SortFunc(es, func(a, b muster.Entity) int { return strings.Compare(a.ID, b.ID) })
	return keySets(sets, c.keys, es), nil
}
