package main

import (
	"context"

	"github.com/muster-osint/muster"
)

// runEvalGeo is not built yet; its issue owns this file.
func (m *Main) runEvalGeo(ctx context.Context, args []string) error {
	return muster.Errorf(muster.KindInternal, "eval geo: not implemented yet")
}
