package main

import (
	"flag"
	"os"
)

// defaultMemoryLimitMiB is the soft heap limit ingest and worker ask the
// Go runtime for when GOMEMLIMIT is unset. The models and the gazetteer
// hold about 180 MB live; with the default GOGC the collector lets the
// heap grow to twice the live size while a large document is analysed, so
// an 8 MB document peaked at about 480 MB. A soft limit makes it collect
// earlier instead: 280 MB peak for the same document, and no loss of speed
// on 700-word articles (BenchmarkAnalyzeNews, same run, 2026-12-07). It is
// soft: past it the runtime caps the collector's share of CPU rather than
// failing, so a larger working set costs speed, not the run.
const defaultMemoryLimitMiB = 256

// memoryLimitFlag adds --memory-limit (MiB; 0 for none) to fs.
func memoryLimitFlag(fs *flag.FlagSet) *int {
	return fs.Int("memory-limit", defaultMemoryLimitMiB, "soft heap limit in MiB while analysing (0: none; GOMEMLIMIT, when set, wins)")
}

// limitMemory applies a --memory-limit of mib through m.SetMemoryLimit,
// which main sets to debug.SetMemoryLimit; tests leave it nil so that one
// command's limit never governs the whole test process. It does nothing
// when GOMEMLIMIT is set, since the operator's setting wins.
func (m *Main) limitMemory(mib int) {
	if m.SetMemoryLimit == nil || mib <= 0 || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	m.SetMemoryLimit(int64(mib) << 20)
}
