// Command muster turns news text into a source-grounded knowledge base of
// armed groups, people, places, events and claims. See README.md.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := NewMain()
	m.SetMemoryLimit = debug.SetMemoryLimit
	if err := m.Run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "muster:", err)
		os.Exit(exitCode(err))
	}
}
