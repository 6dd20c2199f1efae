package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMergeSplitChangesProfile records an analyst's merge and then a split
// of two names that resolution keeps apart, and checks that the stored
// profile follows each decision at once.
func TestMergeSplitChangesProfile(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt": "Raid reported\n\nThe Legion of Freedom of Russia said on Monday that it was formed in March 2022.\n",
		"b.txt": "Fighters return\n\nThe Free Russia Legion was founded by defectors, according to Radio Free Europe.\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "decisions.db")
	if _, stderr, err := run(t, db, "ingest", "-q", "--published", "2023-06-01", dir); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	same := func() bool {
		a := profile(t, db, "Legion of Freedom of Russia")
		b := profile(t, db, "Free Russia Legion")
		return a.Entity.ID == b.Entity.ID
	}
	if same() {
		t.Fatalf("resolution already merged the two names; the test needs names it keeps apart")
	}
	if out, stderr, err := run(t, db, "merge", "Legion of Freedom of Russia", "Free Russia Legion"); err != nil {
		t.Fatalf("merge: %v\n%s", err, stderr)
	} else if !strings.Contains(out, "re-resolved 2 stored documents") {
		t.Errorf("merge output: %s", out)
	}
	if !same() {
		t.Errorf("after merge the names are still two entities")
	}
	if _, stderr, err := run(t, db, "split", "Legion of Freedom of Russia", "Free Russia Legion"); err != nil {
		t.Fatalf("split: %v\n%s", err, stderr)
	}
	if same() {
		t.Errorf("after split the names are still one entity")
	}
	// The decisions survive re-ingest of the same files and a rebuild.
	if _, _, err := run(t, db, "rebuild"); err != nil {
		t.Fatal(err)
	}
	if same() {
		t.Errorf("after rebuild the split was lost")
	}
}
