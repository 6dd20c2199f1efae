package main

import (
	"context"

	"github.com/muster-osint/muster/store"
)

// runSplit records an analyst's decision that two names (or entity ids)
// are different entities, whatever the automatic rules say.
func (m *Main) runSplit(ctx context.Context, args []string) error {
	return m.recordDecision(ctx, "split", store.DecisionSplit, args)
}
