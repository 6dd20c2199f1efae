package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/muster-osint/muster/pipeline"
	"github.com/muster-osint/muster/store"
)

// TestIngestStopped sends SIGTERM (and, in a second run, SIGINT) to a
// busy parallel ingest and checks that it exits within 2 s (issue 14),
// and that the store holds only whole documents: every stored document has
// exactly the claims a fresh analysis of it gives.
func TestIngestStopped(t *testing.T) {
	if v := os.Getenv("MUSTER_INGEST_STOP_HELPER"); v != "" {
		db, dir, _ := strings.Cut(v, "|")
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		err := NewMain().Run(ctx, []string{"--db", db, "ingest", "-q", "--no-tagger", "--workers", "2", "--published", "2023-05-24", dir})
		if err != nil && ctx.Err() == nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("stop test is slow")
	}
	dir := t.TempDir()
	const n = 3000
	for i := range n {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), []byte(article(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := pipeline.New(pipeline.Options{NoTagger: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			ctx := context.Background()
			db := filepath.Join(t.TempDir(), "stopped.db")
			cmd := exec.Command(os.Args[0], "-test.run=^TestIngestStopped$", "-test.count=1")
			cmd.Env = append(os.Environ(), "MUSTER_INGEST_STOP_HELPER="+db+"|"+dir)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			deadline := time.Now().Add(60 * time.Second)
			for {
				time.Sleep(50 * time.Millisecond)
				if s, err := store.Open(ctx, db); err == nil {
					st, err := s.Stats(ctx)
					s.Close()
					if err == nil && st.Documents >= 20 {
						break
					}
				}
				if time.Now().After(deadline) {
					cmd.Process.Kill()
					t.Fatal("the ingest stored fewer than 20 documents in 60 s")
				}
			}
			sent := time.Now()
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("ingest exited with %v after %v\n%s", err, sig, stderr.String())
				}
				t.Logf("stopped %v after %v", time.Since(sent).Round(time.Millisecond), sig)
				if d := time.Since(sent); d > 2*time.Second {
					t.Errorf("ingest took %v to stop after %v, want at most 2 s", d, sig)
				}
			case <-time.After(30 * time.Second):
				cmd.Process.Kill()
				<-done
				t.Fatalf("ingest still running 30 s after %v", sig)
			}
			s, err := store.Open(ctx, db)
			if err != nil {
				t.Fatalf("store does not open after %v: %v", sig, err)
			}
			defer s.Close()
			st, err := s.Stats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Documents >= n {
				t.Fatalf("the ingest finished (%d documents) before the signal", st.Documents)
			}
			whole := 0
			for i := range n {
				doc, err := readDoc(dir, i)
				if err != nil {
					t.Fatal(err)
				}
				if ok, err := s.HasDocument(ctx, doc.Hash); err != nil || !ok {
					continue
				}
				a, err := p.Analyze(ctx, doc, nil)
				if err != nil {
					t.Fatal(err)
				}
				got, err := s.Claims(ctx, store.ClaimFilter{Document: doc.ID})
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(a.Claims) {
					t.Errorf("document %d (%s): %d claims stored, a whole analysis has %d", i, doc.ID, len(got), len(a.Claims))
				}
				whole++
			}
			if whole != st.Documents {
				t.Errorf("%d documents stored, %d of them among the inputs", st.Documents, whole)
			}
		})
	}
}

// TestIngestBudget ingests an article with a budget too short for any
// analysis: the document is stored, with no claims, and the output says
// its analysis was truncated; re-ingesting it is a no-op.
func TestIngestBudget(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.txt")
	if err := os.WriteFile(path, []byte(article(7)), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "budget.db")
	out, stderr, err := run(t, db, "ingest", "--budget", "1ns", path)
	if err != nil || !strings.Contains(out, "analysis truncated") || !strings.Contains(out, "1 stored without analysis") {
		t.Fatalf("ingest --budget 1ns = %v\n%s%s; want the document stored with the note 'analysis truncated'", err, out, stderr)
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil || st.Documents != 1 || st.Claims != 0 {
		t.Errorf("Stats = %+v, %v; want 1 document without claims", st, err)
	}
	if out, _, err := run(t, db, "ingest", path); err != nil || !strings.Contains(out, "already stored") {
		t.Errorf("re-ingest = %v\n%s; want already stored", err, out)
	}
}
