package store_test

import (
	"testing"
	"time"

	"github.com/muster-osint/muster"
)

// TestState checks, on both backends, that the state key changes when a
// document is saved and stays put otherwise, and the reads the web server
// builds its snapshot from: entities by id and untitled documents' heads.
func TestState(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		db := MustOpen(t, backend)
		ctx := t.Context()
		empty, err := db.State(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if again, _ := db.State(ctx); again != empty {
			t.Errorf("state moved without a write: %q, then %q", empty, again)
		}
		a := sample("", sampleText, time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))
		if _, err := db.Save(ctx, a); err != nil {
			t.Fatal(err)
		}
		after, err := db.State(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if after == empty {
			t.Errorf("state %q unchanged by a saved document", after)
		}
		if _, err := db.Save(ctx, a); err != nil { // a duplicate writes nothing
			t.Fatal(err)
		}
		if again, _ := db.State(ctx); again != after {
			t.Errorf("state moved by a duplicate save: %q, then %q", after, again)
		}
		if err := db.ReplaceAnalyses(ctx, []*muster.Analysis{a}); err != nil {
			t.Fatal(err)
		}
		if again, _ := db.State(ctx); again == after {
			t.Errorf("state %q unchanged by a rebuild", again)
		}
		es, err := db.EntitiesByID(ctx, []string{"e_rdk", "e_belgorod", "e_nobody"})
		if err != nil {
			t.Fatal(err)
		}
		if len(es) != 2 {
			t.Fatalf("EntitiesByID: %d entities, want 2", len(es))
		}
		for _, e := range es {
			if e.ID == "e_belgorod" && (e.Place == nil || e.Place.Admin1 != "Belgorod Oblast") {
				t.Errorf("Belgorod without its place: %+v", e.Place)
			}
		}
		heads, err := db.UntitledHeads(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if h := heads[a.Document.ID]; h == "" || len([]rune(h)) > 160 || sampleText[:20] != h[:20] {
			t.Errorf("head of the untitled document = %q", h)
		}
	})
}

// TestSearchRefs checks, on both backends, that SearchRefs finds what
// Search finds, in the same order.
func TestSearchRefs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		db := MustOpen(t, backend)
		ctx := t.Context()
		if _, err := db.Save(ctx, sample("Raid", sampleText, time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"Belgorod", "volunteer corps", "nothing-like-this", `"AND OR * (`} {
			hits, err := db.Search(ctx, q, 50)
			if err != nil {
				t.Fatal(err)
			}
			refs, err := db.SearchRefs(ctx, q, 50)
			if err != nil {
				t.Fatal(err)
			}
			if len(refs) != len(hits) {
				t.Fatalf("%q: %d refs, %d hits", q, len(refs), len(hits))
			}
			for i := range refs {
				if refs[i].ID != hits[i].Document.ID {
					t.Errorf("%q: ref %d is %s, hit %s", q, i, refs[i].ID, hits[i].Document.ID)
				}
			}
		}
	})
}
