package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/resolve"
	"github.com/muster-osint/muster/store"
)

// runMerge records an analyst's decision that two names (or entity ids)
// are one entity. Resolution applies it from then on, over every automatic
// rule; it is kept across re-ingest, and the stored documents are
// re-resolved at once.
func (m *Main) runMerge(ctx context.Context, args []string) error {
	return m.recordDecision(ctx, "merge", store.DecisionMerge, args)
}

// recordDecision is merge and split: it stores the decision under the keys
// resolution compares (resolve.DecisionKey).
func (m *Main) recordDecision(ctx context.Context, cmd, decision string, args []string) error {
	fs := m.newFlagSet(cmd, `[--note TEXT] NAME1 NAME2   (names or entity ids; quote names with spaces)`)
	note := fs.String("note", "", "why (kept with the decision)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if len(pos) != 2 {
		fs.Usage()
		return muster.Errorf(muster.KindInvalid, "%s: want two names, got %d", cmd, len(pos))
	}
	a, b := resolve.DecisionKey(pos[0]), resolve.DecisionKey(pos[1])
	if a == "" || b == "" {
		return muster.Errorf(muster.KindInvalid, "%s: a name has no letters or digits", cmd)
	}
	if a == b {
		return muster.Errorf(muster.KindInvalid, "%s: %q and %q have the same key %q", cmd, pos[0], pos[1], a)
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SaveDecision(ctx, store.Decision{AKey: a, BKey: b, Decision: decision, Note: *note}); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "recorded: %s %q and %q (keys %q, %q)\n", decision, pos[0], pos[1], a, b)
	// Re-resolve what is stored, so that profiles change now.
	n, err := m.rebuildStore(ctx, db)
	if err != nil {
		return fmt.Errorf("%s: decision recorded, but re-resolving the store failed (run `muster rebuild`): %w", cmd, err)
	}
	fmt.Fprintf(m.Stdout, "re-resolved %d stored documents\n", n)
	return nil
}
