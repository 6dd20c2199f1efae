package main

import (
	"context"

	"github.com/muster-osint/muster"
)

// runEvalResolve is not built yet; its issue owns this file.
func (m *Main) runEvalResolve(ctx context.Context, args []string) error {
	return muster.Errorf(muster.KindInternal, "eval resolve: not implemented yet")
}
