package main

import (
	"context"

	"github.com/muster-osint/muster"
)

// runEvalEvents is not built yet; its issue owns this file.
func (m *Main) runEvalEvents(ctx context.Context, args []string) error {
	return muster.Errorf(muster.KindInternal, "eval events: not implemented yet")
}
