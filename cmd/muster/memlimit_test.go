package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestMemoryLimit checks that ingest asks for its soft heap limit, in
// bytes, that --memory-limit sets it and 0 turns it off, and that
// GOMEMLIMIT wins over the flag.
func TestMemoryLimit(t *testing.T) {
	for _, tc := range []struct {
		name  string
		flags []string
		env   string
		want  int64 // 0: never called
	}{
		{"default", nil, "", defaultMemoryLimitMiB << 20},
		{"flag", []string{"--memory-limit", "512"}, "", 512 << 20},
		{"off", []string{"--memory-limit", "0"}, "", 0},
		{"environment wins", nil, "1GiB", 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("GOMEMLIMIT", tc.env)
			var got int64
			m := &Main{Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &strings.Builder{}, Config: DefaultConfig()}
			m.SetMemoryLimit = func(n int64) int64 { got = n; return 0 }
			db := filepath.Join(t.TempDir(), "m.db")
			args := append([]string{"--db", db, "ingest", "-q", "--no-tagger"}, tc.flags...)
			args = append(args, filepath.Join("..", "..", "examples", "01_kyiv_ledger_2023-05-23.txt"))
			if err := m.Run(context.Background(), args); err != nil {
				t.Fatalf("ingest: %v", err)
			}
			if got != tc.want {
				t.Errorf("memory limit %d, want %d", got, tc.want)
			}
		})
	}
}
