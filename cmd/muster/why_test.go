package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runDirect runs one subcommand function with a fresh Main on the store db.
func runDirect(t *testing.T, db string, f func(*Main) func(context.Context, []string) error, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Config: DefaultConfig()}
	m.Config.DB = db
	err := f(m)(context.Background(), args)
	return out.String(), err
}

func TestWhyMergeSplit(t *testing.T) {
	db := filepath.Join(t.TempDir(), "why.db")
	why := func(m *Main) func(context.Context, []string) error { return m.runWhy }
	merge := func(m *Main) func(context.Context, []string) error { return m.runMerge }
	split := func(m *Main) func(context.Context, []string) error { return m.runSplit }

	// Without a store: the alias table explains it.
	out, err := runDirect(t, db, why, "Free Russia Legion", "LSR")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "one entity") || !strings.Contains(out, "alias table") {
		t.Errorf("why Free Russia Legion / LSR:\n%s", out)
	}
	out, _ = runDirect(t, db, why, "--type", "armed_group", "Kraken", "Kraken Regiment")
	if !strings.Contains(out, "different entities") {
		t.Errorf("why Kraken / Kraken Regiment before merge:\n%s", out)
	}
	// An analyst merges them; why now says so.
	if out, err = runDirect(t, db, merge, "--note", "same unit", "Kraken", "Kraken Regiment"); err != nil {
		t.Fatal(err)
	}
	out, err = runDirect(t, db, why, "--type", "armed_group", "Kraken", "Kraken Regiment")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "one entity") || !strings.Contains(out, "analyst decision: merge") {
		t.Errorf("why after merge:\n%s", out)
	}
	// A later split wins over the merge and over the alias table.
	if _, err = runDirect(t, db, split, "Kraken Regiment", "Kraken"); err != nil {
		t.Fatal(err)
	}
	if _, err = runDirect(t, db, split, "Free Russia Legion", "LSR"); err != nil {
		t.Fatal(err)
	}
	out, _ = runDirect(t, db, why, "--type", "armed_group", "Kraken", "Kraken Regiment")
	if !strings.Contains(out, "different entities") || !strings.Contains(out, "analyst decision: split") {
		t.Errorf("why after split:\n%s", out)
	}
	out, _ = runDirect(t, db, why, "Free Russia Legion", "LSR")
	if !strings.Contains(out, "different entities") {
		t.Errorf("split did not override the alias table:\n%s", out)
	}
	// Registered as commands.
	if out, _, err := run(t, db, "why", "Kiev", "Kyiv"); err != nil || !strings.Contains(out, "one entity") {
		t.Errorf("muster why Kiev Kyiv: %v\n%s", err, out)
	}
	// Bad input.
	if _, err := runDirect(t, db, merge, "only one"); err == nil {
		t.Error("merge with one name: no error")
	}
	if _, err := runDirect(t, db, merge, "RDK", "R.D.K."); err == nil {
		t.Error("merge of two spellings of one key: no error")
	}
	if _, err := runDirect(t, db, why, "--type", "gang", "a", "b"); err == nil {
		t.Error("why with a bad type: no error")
	}
}

// TestWhyAliasEvidence: muster why quotes the words that made one name
// another's alias.
func TestWhyAliasEvidence(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "alias.db")
	art := filepath.Join(dir, "a.txt")
	text := "Ivan Petrov, who also goes by the pseudonym Ivan Sever, denied the report on Monday."
	if err := os.WriteFile(art, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, stderr, err := run(t, db, "ingest", "-q", "--publisher", "Test Wire", "--published", "2023-05-24", art); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	out, _, err := run(t, db, "why", "Ivan Petrov", "Ivan Sever")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "one entity") || !strings.Contains(out, "pseudonym") || !strings.Contains(out, "who also goes by the pseudonym Ivan Sever") {
		t.Errorf("why Ivan Petrov / Ivan Sever does not quote the alias evidence:\n%s", out)
	}
}
