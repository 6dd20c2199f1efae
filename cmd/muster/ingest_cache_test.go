package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/resolve"
	"github.com/muster-osint/muster/store"
)

// TestIngestSameAsSequential ingests the first 80 articles of
// news_ukraine_war the way `muster ingest` does — analysis in parallel, one
// writer in batches, whose lookups the store answers from its entity
// cache on SQLite — and one by one (Analyze against the store, then Save,
// neither of which uses the cache): the two stores must hold the same
// entities, with the same aliases, and the same claims (issue 14).
func TestIngestSameAsSequential(t *testing.T) {
	ctx := context.Background()
	items, p := benchInputs(t)
	items = items[:80]
	open := func(name string) *store.DB {
		db, err := store.Open(ctx, filepath.Join(t.TempDir(), name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		db.EntityKeys = resolve.Keys
		return db
	}
	batched, sequential := open("batched.db"), open("sequential.db")
	g := newIngester(batched, p)
	g.Batch = 8
	if _, err := g.Run(ctx, func(yield func(ingest.Item) error) error {
		for _, it := range items {
			if err := yield(it); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		a, err := p.Analyze(ctx, it.Doc, sequential)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := sequential.Save(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	dump := func(db *store.DB) (ents, claims string) {
		es, err := db.ListEntities(ctx, store.EntityFilter{})
		if err != nil {
			t.Fatal(err)
		}
		cs, err := db.Claims(ctx, store.ClaimFilter{})
		if err != nil {
			t.Fatal(err)
		}
		e, _ := json.MarshalIndent(es, "", " ")
		c, _ := json.MarshalIndent(cs, "", " ")
		return string(e), string(c)
	}
	be, bc := dump(batched)
	se, sc := dump(sequential)
	if d := cmp.Diff(se, be); d != "" {
		t.Errorf("entities differ (-sequential +batched):\n%s", d)
	}
	if d := cmp.Diff(sc, bc); d != "" {
		t.Errorf("claims differ (-sequential +batched):\n%s", d)
	}
	if len(be) < 1000 {
		t.Errorf("only %d bytes of entities stored", len(be))
	}
}
