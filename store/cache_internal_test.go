package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/muster-osint/muster"
)

// TestEntityCacheExact saves random documents — entities drawn from a small
// pool of ids and names, so that they meet again under new names and old
// ones — in batches, with lookups between the saves, a document saved
// outside any batch (DB.Save), a batch rolled back and a document written
// by another handle on the file (another process, to SQLite) between the
// batches. After every step the cached answer for every key of the pool
// must be the uncached one read in the same transaction. It fails when
// the cache misses any of its invalidations: a save's keys, the entity
// a save changed, DB.Save, a rollback, data_version.
func TestEntityCacheExact(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "cache.db")
	open := func() *DB {
		db, err := Open(ctx, file)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		db.EntityKeys = (&randomDocs{}).entityKeys
		return db
	}
	db, other := open(), open()
	docs := newRandomDocs()
	var allKeys []string
	analysis := func() *muster.Analysis {
		a := docs.next()
		allKeys = docs.keys
		return a
	}
	// compare asks the batch for every key seen (one set each, and all in
	// one set) and checks the cache's answer is the database's.
	compare := func(b *Batch, step string) {
		t.Helper()
		sets := [][]string{allKeys}
		for _, k := range allKeys {
			sets = append(sets, []string{k})
		}
		got, err := b.EntitiesByKeySets(ctx, sets)
		if err != nil {
			t.Fatal(err)
		}
		want, err := db.entitiesByKeySets(ctx, b.tx, sets)
		if err != nil {
			t.Fatal(err)
		}
		for i := range sets {
			if !reflect.DeepEqual(got[i], want[i]) {
				asked := "every key"
				if i > 0 {
					asked = fmt.Sprintf("%q", sets[i])
				}
				t.Fatalf("%s: the cache answers %s with\n%+v\nthe database with\n%+v", step, asked, got[i], want[i])
			}
		}
	}
	for round := range 12 {
		b, err := db.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if b.tx.cache == nil {
			t.Fatal("a SQLite batch does not use the cache")
		}
		compare(b, fmt.Sprintf("round %d, begin", round))
		for i := range 5 {
			if _, err := b.Save(ctx, analysis()); err != nil {
				t.Fatal(err)
			}
			compare(b, fmt.Sprintf("round %d, save %d", round, i))
		}
		switch round % 4 {
		case 1:
			b.Rollback()
		default:
			if err := b.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		switch round % 4 {
		case 2:
			if _, err := db.Save(ctx, analysis()); err != nil {
				t.Fatal(err)
			}
		case 3:
			if _, err := other.Save(ctx, analysis()); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// randomDocs generates documents whose entities are drawn from a small
// pool of ids and names, so that they meet again under new names and old
// ones, and keeps every key they can be looked up by.
type randomDocs struct {
	rng  *rand.Rand
	n    int
	keys []string
}

func newRandomDocs() *randomDocs { return &randomDocs{rng: rand.New(rand.NewPCG(1, 2))} }

// entityKeys is a DB.EntityKeys: a key of the first word of each name,
// through which entities meet as resolution's transliteration keys do.
func (*randomDocs) entityKeys(e muster.Entity) []string {
	var ks []string
	for _, n := range append([]string{e.Name}, aliasNames(e)...) {
		ks = append(ks, "w:"+strings.ToLower(strings.Fields(n + " x")[0]))
	}
	return ks
}

func (g *randomDocs) next() *muster.Analysis {
	rng := g.rng
	words := []string{"North", "South", "Iron", "Falcon", "Steppe", "River"}
	name := func() string {
		return words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))] + " Unit"
	}
	g.n++
	docN := g.n
	a := &muster.Analysis{}
	a.Document.SetText(fmt.Sprintf("Report %d of the random war.", docN))
	a.Document.Title = fmt.Sprintf("Report %d", docN)
	for range 1 + rng.IntN(4) {
		e := muster.Entity{ID: fmt.Sprintf("e_%02d", rng.IntN(12)), Type: muster.EntityArmedGroup, Name: name()}
		if rng.IntN(2) == 0 {
			kinds := []muster.AliasKind{"", muster.AliasName, muster.AliasAcronym}
			a := muster.Alias{Name: name(), Kind: kinds[rng.IntN(3)]}
			if rng.IntN(2) == 0 {
				a.Sources = []string{fmt.Sprintf("c_%d", docN)}
			}
			e.Aliases = append(e.Aliases, a)
		}
		if rng.IntN(6) == 0 {
			// Two names of one key: saved row by row.
			n := name()
			e.Aliases = append(e.Aliases, muster.Alias{Name: strings.ToUpper(n)}, muster.Alias{Name: strings.ToLower(n)})
		}
		if rng.IntN(4) == 0 {
			e.ExternalIDs = map[string]string{"wikidata": fmt.Sprintf("Q%d", rng.IntN(3))}
		}
		if slicesHasID(a.Entities, e.ID) {
			continue
		}
		a.Entities = append(a.Entities, e)
		for _, n := range append([]string{e.Name}, aliasNames(e)...) {
			g.keys = append(g.keys, muster.NameKey(n))
		}
		g.keys = append(g.keys, g.entityKeys(e)...)
	}
	g.keys = append(g.keys, "w:nobody", muster.NameKey(name()))
	return a
}

func aliasNames(e muster.Entity) []string {
	var ns []string
	for _, a := range e.Aliases {
		ns = append(ns, a.Name)
	}
	return ns
}

func slicesHasID(es []muster.Entity, id string) bool {
	for _, e := range es {
		if e.ID == id {
			return true
		}
	}
	return false
}

// TestEntityCacheWritesSame saves the same random documents, in the same
// batches (some rolled back), each looked up first, into a store with the
// cache and one without:
// the entity, alias and match-key rows must come out the same — the rows
// the cache skips as unchanged would have changed nothing.
func TestEntityCacheWritesSame(t *testing.T) {
	ctx := context.Background()
	docs := newRandomDocs()
	var as []*muster.Analysis
	for range 300 {
		as = append(as, docs.next())
	}
	dump := func(noCache bool) string {
		db, err := Open(ctx, filepath.Join(t.TempDir(), "same.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		db.noCache, db.EntityKeys = noCache, docs.entityKeys
		for i := 0; i < len(as); i += 5 {
			b, err := db.Begin(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range as[i : i+5] {
				// Looked up first, as resolution does: what the
				// cache holds decides which rows it skips.
				var sets [][]string
				for _, e := range a.Entities {
					sets = append(sets, append(docs.entityKeys(e), muster.NameKey(e.Name)))
				}
				if _, err := b.EntitiesByKeySets(ctx, sets); err != nil {
					t.Fatal(err)
				}
				if _, err := b.Save(ctx, a); err != nil {
					t.Fatal(err)
				}
			}
			if i/5%4 == 1 {
				b.Rollback()
			} else if err := b.Commit(); err != nil {
				t.Fatal(err)
			}
		}
		var out strings.Builder
		for _, q := range []string{
			`SELECT id, type, name, key, coalesce(place, 'NULL'), coalesce(external_ids, 'NULL') FROM entities ORDER BY id`,
			`SELECT seq, entity_id, key, name, kind, coalesce(sources, 'NULL') FROM aliases ORDER BY seq`,
			`SELECT entity_id, key, '', '', '', '' FROM entity_keys ORDER BY entity_id, key`,
		} {
			rows, err := db.read.QueryContext(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var c [6]string
				if err := rows.Scan(&c[0], &c[1], &c[2], &c[3], &c[4], &c[5]); err != nil {
					t.Fatal(err)
				}
				fmt.Fprintln(&out, strings.Join(c[:], " | "))
			}
			rows.Close()
		}
		return out.String()
	}
	with, without := dump(false), dump(true)
	if with != without {
		t.Errorf("with the cache the store holds\n%s\nwithout it\n%s", with, without)
	}
	if strings.Count(with, "\n") < 50 {
		t.Errorf("only %d rows stored", strings.Count(with, "\n"))
	}
}
