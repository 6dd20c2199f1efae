package main

import (
	"context"

	"github.com/muster-osint/muster"
)

// runEvalNER is not built yet; its issue owns this file.
func (m *Main) runEvalNER(ctx context.Context, args []string) error {
	return muster.Errorf(muster.KindInternal, "eval ner: not implemented yet")
}
