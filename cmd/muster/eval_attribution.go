package main

import (
	"context"

	"github.com/muster-osint/muster"
)

// runEvalAttribution is not built yet; its issue owns this file.
func (m *Main) runEvalAttribution(ctx context.Context, args []string) error {
	return muster.Errorf(muster.KindInternal, "eval attribution: not implemented yet")
}
