package store_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/store"
)

// TestBatchFailedDocument saves three documents in one batch, the second
// failing halfway (after its document, entities and mentions were
// written): the batch goes on, and its commit stores the first and third
// whole and nothing of the second.
func TestBatchFailedDocument(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		first := sample("first", sampleText+" First copy.", day1)
		bad := sample("bad", sampleText+" Second copy.", day1)
		bad.Entities = append(bad.Entities, muster.Entity{ID: "e_only_bad", Type: muster.EntityArmedGroup, Name: "Only Bad Battalion"})
		nan := math.NaN()
		bad.Claims[4].Object.Min = &nan // cannot be encoded: fails after the rest is written
		third := sample("third", sampleText+" Third copy.", day1)

		b, err := db.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Rollback()
		if _, err := b.Save(ctx, first); err != nil {
			t.Fatal(err)
		}
		if _, err := b.Save(ctx, bad); err == nil {
			t.Fatal("Save of an unencodable claim succeeded")
		}
		for _, c := range []struct {
			a    *muster.Analysis
			want bool
		}{{first, true}, {bad, false}} {
			if ok, err := b.HasDocument(ctx, c.a.Document.Hash); err != nil || ok != c.want {
				t.Errorf("after the failed save, batch HasDocument(%s) = %v, %v; want %v", c.a.Document.Title, ok, err, c.want)
			}
		}
		if es, err := b.EntitiesByKeys(ctx, []string{muster.NameKey("Only Bad Battalion")}); err != nil || len(es) != 0 {
			t.Errorf("after the failed save, the batch finds the failed document's entity: %v, %v", es, err)
		}
		if res, err := b.Save(ctx, third); err != nil || res.Duplicate {
			t.Fatalf("Save after the failed save = %+v, %v", res, err)
		}
		if b.Len() != 2 {
			t.Errorf("batch Len = %d, want 2", b.Len())
		}
		if err := b.Commit(); err != nil {
			t.Fatal(err)
		}
		got, err := db.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := store.Stats{Documents: 2, Entities: 5, Claims: 2 * len(allClaims(first)), Events: 2, Mentions: 2 * len(first.Mentions)}
		if got != want {
			t.Errorf("stored %+v, want %+v", got, want)
		}
		if ok, _ := db.HasDocument(ctx, bad.Document.Hash); ok {
			t.Error("the failed document is stored")
		}
		// The full-text index holds the batch's documents, written when it
		// committed (migration 0007), and not the failed one.
		hits, err := db.Search(ctx, "Kapustin", 10)
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, h := range hits {
			titles = append(titles, h.Document.Title)
		}
		slices.Sort(titles)
		if !slices.Equal(titles, []string{"first", "third"}) {
			t.Errorf("search finds %q, want the first and third", titles)
		}
	})
}
