package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
	"github.com/muster-osint/muster/store"
	"github.com/muster-osint/muster/web"
)

// TestServeDerived checks that the contradictions API and the map, read
// from what the store keeps at ingest, give what the snapshot computes
// over every claim and event (a server over the same store that cannot
// see the kept data), and what query finds.
func TestServeDerived(t *testing.T) {
	db := filepath.Join(t.TempDir(), "examples.db")
	if _, stderr, err := run(t, db, "ingest", "-q", "../../examples"); err != nil {
		t.Fatalf("ingest examples: %v\n%s", err, stderr)
	}
	m := NewMain()
	m.Config.DB = db
	s, err := m.openStore(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	serve := func(st web.Store) *httptest.Server {
		h, err := web.New(st, nil)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		return srv
	}
	kept := serve(webStore{storeReader{s}})
	computed := serve(struct{ web.Store }{webStore{storeReader{s}}}) // hides web.Derived
	want := computedContradictions(t, s)
	if want == "" {
		t.Fatal("the examples have no contradictions: the test compares nothing")
	}
	for _, srv := range []*httptest.Server{kept, computed} {
		code, body := get(t, srv, "/api/v1/contradictions?limit=100")
		var page struct {
			Contradictions []muster.Contradiction
			Total          int
		}
		if err := json.Unmarshal([]byte(body), &page); code != 200 || err != nil {
			t.Fatalf("contradictions: %d %v", code, err)
		}
		if got := contradictionIDs(page.Contradictions); got != want || page.Total != len(page.Contradictions) {
			t.Errorf("contradictions (total %d):\n%s\nwant\n%s", page.Total, got, want)
		}
	}
	for _, path := range []string{"/map", "/map?bbox=20,40,45,60", "/api/v1/contradictions?subject=raid&limit=3&offset=1",
		"/api/v1/contradictions?predicate=killed"} {
		_, a := get(t, kept, path)
		_, b := get(t, computed, path)
		if path == "/map" && !strings.Contains(a, `class="place`) {
			t.Errorf("GET %s: no place drawn: %.300s", path, a)
		}
		if a != b {
			t.Errorf("GET %s differs between the kept data and the snapshot:\n%.2000s\nwant\n%.2000s", path, a, b)
		}
	}
}

// computedContradictions returns contradictionIDs of what query finds
// over every claim and event stored.
func computedContradictions(t *testing.T, s *store.DB) string {
	t.Helper()
	claims, err := s.Claims(t.Context(), store.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	events, err := s.Events(t.Context(), store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return contradictionIDs(query.ContradictionsAcross(claims, events))
}

// contradictionIDs writes each contradiction's subject, predicate and
// sorted claim ids, one a line, sorted.
func contradictionIDs(cs []muster.Contradiction) string {
	var lines []string
	for _, c := range cs {
		var ids []string
		for _, cl := range c.Claims {
			ids = append(ids, cl.ID)
		}
		sort.Strings(ids)
		lines = append(lines, c.Subject.ID+" "+string(c.Predicate)+": "+strings.Join(ids, " "))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestServeAfterIngest checks that the contradictions API shows what an
// ingest added at the server's next look at the store (within a second),
// with the response cache on, not the answer cached before it.
func TestServeAfterIngest(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first")
	if err := os.Mkdir(first, 0o755); err != nil {
		t.Fatal(err)
	}
	names, err := filepath.Glob("../../examples/0[1-4]_*")
	if err != nil || len(names) != 4 {
		t.Fatalf("examples: %v %v", names, err)
	}
	for _, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(first, filepath.Base(n)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(dir, "store.db")
	if _, stderr, err := run(t, db, "ingest", "-q", first); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	srv := serveStore(t, db)
	page := func() string {
		code, body := get(t, srv, "/api/v1/contradictions?limit=100")
		var p struct{ Contradictions []muster.Contradiction }
		if err := json.Unmarshal([]byte(body), &p); code != 200 || err != nil {
			t.Fatalf("contradictions: %d %v", code, err)
		}
		return contradictionIDs(p.Contradictions)
	}
	before := page()
	if _, stderr, err := run(t, db, "ingest", "-q", "../../examples/05_baltic_wire_2023-06-06.jsonl"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	time.Sleep(1100 * time.Millisecond) // the server looks at the store's state once a second
	after := page()
	if after == before {
		t.Fatalf("the contradictions did not change after an ingest that adds to them:\n%s", after)
	}
	s, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if want := computedContradictions(t, s); after != want {
		t.Errorf("after the ingest:\n%s\nwant\n%s", after, want)
	}
}
