package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/muster-osint/muster"
)

// TestStatementsPreparedOnce checks that a SQLite store prepares its write
// statements once, not once per transaction (issue 14): after a first
// batch, a second batch of documents of the same shape meets no statement
// it has to prepare for itself, and both batches' documents are stored.
func TestStatementsPreparedOnce(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	analysis := func(i int) *muster.Analysis {
		a := &muster.Analysis{}
		a.Document.SetText(fmt.Sprintf("Report %d: the Steppe Brigade %d fought near Kharkiv.", i, i))
		name := fmt.Sprintf("Steppe Brigade %d", i)
		e := muster.Entity{ID: fmt.Sprintf("e_%d", i), Type: muster.EntityArmedGroup, Name: name,
			Aliases: []muster.Alias{{Name: fmt.Sprintf("SB%d", i), Kind: muster.AliasAcronym}}}
		a.Entities = []muster.Entity{e}
		a.Mentions = []muster.Mention{{Start: 14, End: 14 + len(name), Text: name, Type: muster.MentionArmedGroup, Entity: e.ID}}
		return a
	}
	batch := func(from int) int {
		b, err := db.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for i := from; i < from+3; i++ {
			if _, err := b.Save(ctx, analysis(i)); err != nil {
				t.Fatal(err)
			}
		}
		db.prep.mu.Lock()
		met := len(db.prep.want)
		db.prep.mu.Unlock()
		if err := b.Commit(); err != nil {
			t.Fatal(err)
		}
		return met
	}
	if met := batch(0); met == 0 {
		t.Fatalf("the first batch met no statement to prepare")
	}
	if met := batch(3); met != 0 {
		t.Errorf("the second batch prepared %d statements for itself, want 0 (prepared for the store: %d)", met, len(db.prep.stmts))
	}
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM documents`).Scan(&n); err != nil || n != 6 {
		t.Errorf("documents stored = %d, %v; want 6", n, err)
	}
}
