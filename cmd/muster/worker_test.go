package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/muster-osint/muster/store"
)

// TestQueueAndWorkers queues the example articles and a bad file as jobs,
// drains the queue with two workers at once, and checks that every good
// article is stored once, the bad job is marked failed with its reason,
// and no job is left.
func TestQueueAndWorkers(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "empty.txt")
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	inputs := []string{
		"../../examples/02_border_monitor_2023-05-24.html",
		"../../examples/03_eastern_desk_2023-05-25.html",
		"../../examples/05_baltic_wire_2023-06-06.jsonl",
		bad,
	}
	db := filepath.Join(t.TempDir(), "queue.db")
	out, stderr, err := run(t, db, append([]string{"ingest", "--queue"}, inputs...)...)
	if err != nil || strings.Count(out, "queued job") != len(inputs) {
		t.Fatalf("queue: %v\n%s%s", err, out, stderr)
	}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = run(t, db, "worker", "--once", "--name", "w"+string(rune('0'+i)))
		}()
	}
	wg.Wait()
	// The worker that ran the empty file's job exits non-zero (issue 14);
	// the other exits 0, unless it ran no job at all.
	nfailed := 0
	for _, err := range errs {
		if err != nil {
			nfailed++
			if exitCode(err) == 0 || !strings.Contains(err.Error(), "1 of") {
				t.Errorf("worker: %v; want the count of its failed jobs", err)
			}
		}
	}
	if nfailed != 1 {
		t.Errorf("%d workers exited with an error, want 1 (the one that ran the bad job): %v", nfailed, errs)
	}
	s, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 3 {
		t.Errorf("stored %d documents, want the 3 good articles", st.Documents)
	}
	failed := 0
	for id := int64(1); id <= int64(len(inputs)); id++ {
		j, err := s.Job(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		switch j.State {
		case store.JobDone:
		case store.JobFailed:
			failed++
			if !strings.Contains(j.Error, "empty.txt") {
				t.Errorf("job %d failed without naming its input: %q", id, j.Error)
			}
		default:
			t.Errorf("job %d left %s", id, j.State)
		}
	}
	if failed != 1 {
		t.Errorf("%d failed jobs, want 1 (the empty file)", failed)
	}
	if job, err := s.ClaimJob(t.Context(), "probe", 0); err != nil || job != nil {
		t.Errorf("queue not empty: %+v %v", job, err)
	}
}
