package store_test

import (
	"context"
	"testing"

	"github.com/muster-osint/muster"
)

// TestReplaceAnalyses rebuilds a store's knowledge from new analyses of its
// documents: the old entities and claims are gone, the documents stay, and
// an analysis of a document not stored is refused with nothing changed.
func TestReplaceAnalyses(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		a := sample("Volunteers cross the border", sampleText, day1)
		if _, err := db.Save(ctx, a); err != nil {
			t.Fatal(err)
		}
		var docs []muster.Document
		if err := db.EachDocument(ctx, func(d muster.Document) error { docs = append(docs, d); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(docs) != 1 || docs[0].Text != a.Document.Text {
			t.Fatalf("EachDocument = %d documents, want the one saved", len(docs))
		}
		// A stranger's analysis is refused and changes nothing.
		stranger := docOnly("Not stored", "Another text entirely.", day1)
		if err := db.ReplaceAnalyses(ctx, []*muster.Analysis{stranger}); muster.ErrorKind(err) != muster.KindNotFound {
			t.Fatalf("ReplaceAnalyses(unstored) = %v, want not found", err)
		}
		before, _ := db.Stats(ctx)
		if before.Claims == 0 || before.Entities == 0 {
			t.Fatalf("stats after refused rebuild: %+v, want the saved analysis intact", before)
		}
		// An empty analysis of the document clears its knowledge.
		empty := &muster.Analysis{Document: docs[0]}
		if err := db.ReplaceAnalyses(ctx, []*muster.Analysis{empty}); err != nil {
			t.Fatal(err)
		}
		after, _ := db.Stats(ctx)
		if after.Documents != 1 || after.Claims != 0 || after.Entities != 0 || after.Events != 0 || after.Mentions != 0 {
			t.Errorf("stats after rebuild with an empty analysis: %+v", after)
		}
		// And the full analysis brings it back.
		if err := db.ReplaceAnalyses(ctx, []*muster.Analysis{a}); err != nil {
			t.Fatal(err)
		}
		again, _ := db.Stats(ctx)
		if again != before {
			t.Errorf("stats after rebuild = %+v, want %+v", again, before)
		}
	})
}
