package main

import (
	"context"
	"fmt"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/pipeline"
	"github.com/muster-osint/muster/resolve"
	"github.com/muster-osint/muster/store"
)

// runRebuild re-analyses every stored document with the current models and
// analysts' decisions, and replaces what the store knows in one
// transaction. merge and split run it, so that a decision reaches what is
// already stored; run it by hand after upgrading muster.
func (m *Main) runRebuild(ctx context.Context, args []string) error {
	fs := m.newFlagSet("rebuild", "")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := m.rebuildStore(ctx, db)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "rebuilt the analyses of %d documents\n", n)
	return nil
}

// rebuildStore analyses the stored documents in ingest order, resolving
// each against the ones before it (an in-memory index, so that nothing is
// written until all are done), and replaces the store's analyses with them.
func (m *Main) rebuildStore(ctx context.Context, db *store.DB) (int, error) {
	p, err := newPipeline(ctx, db, pipeline.Options{})
	if err != nil {
		return 0, err
	}
	idx := memIndex{resolve.NewMemIndex(resolve.Default()), resolve.NewMemEvents()}
	var as []*muster.Analysis
	err = db.EachDocument(ctx, func(d muster.Document) error {
		a, err := p.Analyze(ctx, d, idx)
		if err != nil {
			return fmt.Errorf("rebuild %s: %w", d.ID, err)
		}
		idx.MemIndex.Add(a.Entities...)
		idx.MemEvents.Add(a.Events...)
		as = append(as, a)
		return nil
	})
	if err != nil {
		return 0, err
	}
	if err := db.ReplaceAnalyses(ctx, as); err != nil {
		return 0, err
	}
	return len(as), nil
}

// memIndex resolves entities and events against the documents analysed
// before, in memory.
type memIndex struct {
	*resolve.MemIndex
	*resolve.MemEvents
}
