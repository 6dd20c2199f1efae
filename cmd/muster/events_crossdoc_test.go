package main

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muster-osint/muster"
)

// TestCrossDocumentEvent: two documents telling one raid (same kind, same
// place, dates that meet) give one stored event, and each document's
// casualty figure stays its own claim about it (issue 12). The texts are
// our own.
func TestCrossDocumentEvent(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "events.db")
	docs := []struct{ name, publisher, published, text string }{
		{"a.txt", "Test Wire", "2023-05-23", "The Northern Brigade launched a raid into the Bryansk region on Monday. Regional officials said at least three civilians were killed."},
		{"b.txt", "Other Post", "2023-05-24", "Fighters of the Northern Brigade carried out a raid into the Bryansk region on May 22. The governor said two people were killed in the raid."},
	}
	for _, d := range docs {
		p := filepath.Join(dir, d.name)
		if err := os.WriteFile(p, []byte(d.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, stderr, err := run(t, db, "ingest", "-q", "--publisher", d.publisher, "--published", d.published, p); err != nil {
			t.Fatalf("ingest %s: %v\n%s", d.name, err, stderr)
		}
	}
	out, _, err := run(t, db, "events", "--json")
	if err != nil {
		t.Fatal(err)
	}
	evs := decodeAll[muster.Event](t, out)
	var raids []muster.Event
	for _, ev := range evs {
		if ev.Type == muster.EventRaid {
			raids = append(raids, ev)
		}
	}
	if len(raids) != 1 {
		t.Fatalf("%d raids stored, want 1 (one happening told twice):\n%s", len(raids), out)
	}
	out, _, err = run(t, db, "claims", "--json")
	if err != nil {
		t.Fatal(err)
	}
	claims := decodeAll[muster.Claim](t, out)
	docsOf := map[string]bool{}
	for _, c := range claims {
		if c.Predicate == muster.PredKilled && c.Subject.ID == raids[0].ID {
			docsOf[c.Evidence[0].Document] = true
		}
	}
	if len(docsOf) != 2 {
		t.Errorf("the raid's killed claims come from %d documents, want 2 (each document's figure its own claim):\n%s", len(docsOf), out)
	}
}

// decodeAll reads the JSON values --json printed one after another.
func decodeAll[T any](t *testing.T, out string) []T {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	var all []T
	for {
		var v T
		if err := dec.Decode(&v); errors.Is(err, io.EOF) {
			return all
		} else if err != nil {
			t.Fatalf("%v\n%s", err, out)
		}
		all = append(all, v)
	}
}
