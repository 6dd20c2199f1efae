package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/store"
)

func TestJobs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }

		if j, err := db.ClaimJob(ctx, "w1", time.Minute); err != nil || j != nil {
			t.Fatalf("ClaimJob on an empty queue = %+v, %v; want nil, nil", j, err)
		}
		if _, err := db.EnqueueJob(ctx, "", nil); muster.ErrorKind(err) != muster.KindInvalid {
			t.Errorf("EnqueueJob without kind: err = %v, want kind invalid", err)
		}
		id1, err := db.EnqueueJob(ctx, "ingest", []byte(`{"path":"a.txt"}`))
		if err != nil {
			t.Fatal(err)
		}
		id2, err := db.EnqueueJob(ctx, "ingest", []byte{0, 1, 2, 0xff})
		if err != nil {
			t.Fatal(err)
		}
		if id2 <= id1 {
			t.Errorf("job ids %d, %d not increasing", id1, id2)
		}

		j, err := db.ClaimJob(ctx, "w1", time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		want := &store.Job{ID: id1, Kind: "ingest", Payload: []byte(`{"path":"a.txt"}`), State: store.JobRunning,
			Attempts: 1, LockedBy: "w1", LockedAt: now, Created: now, Updated: now}
		if diff := cmp.Diff(want, j); diff != "" {
			t.Errorf("first claim (-want +got):\n%s", diff)
		}
		j2, err := db.ClaimJob(ctx, "w2", time.Minute)
		if err != nil || j2 == nil || j2.ID != id2 || string(j2.Payload) != "\x00\x01\x02\xff" {
			t.Fatalf("second claim = %+v, %v; want job %d with its binary payload", j2, err, id2)
		}
		if j, err := db.ClaimJob(ctx, "w3", time.Minute); err != nil || j != nil {
			t.Fatalf("claim with all jobs running = %+v, %v; want nil, nil", j, err)
		}

		// w1 finishes; w2 dies. After the lease, w3 gets w2's job again.
		if err := db.FinishJob(ctx, id1, "w1", nil); err != nil {
			t.Fatal(err)
		}
		now = now.Add(59 * time.Second)
		if j, err := db.ClaimJob(ctx, "w3", time.Minute); err != nil || j != nil {
			t.Fatalf("claim within the lease = %+v, %v; want nil, nil", j, err)
		}
		now = now.Add(2 * time.Second)
		j3, err := db.ClaimJob(ctx, "w3", time.Minute)
		if err != nil || j3 == nil || j3.ID != id2 || j3.Attempts != 2 || j3.LockedBy != "w3" {
			t.Fatalf("claim after the lease = %+v, %v; want job %d, attempt 2, locked by w3", j3, err, id2)
		}
		if err := db.FinishJob(ctx, id2, "w3", muster.Errorf(muster.KindInvalid, "bad input: empty file")); err != nil {
			t.Fatal(err)
		}
		if j, err := db.ClaimJob(ctx, "w3", time.Nanosecond); err != nil || j != nil {
			t.Fatalf("claim with all jobs finished = %+v, %v; want nil, nil", j, err)
		}
		done, err := db.Job(ctx, id1)
		if err != nil || done.State != store.JobDone || done.Error != "" || !done.LockedAt.IsZero() {
			t.Errorf("Job(%d) = %+v, %v; want done", id1, done, err)
		}
		failed, err := db.Job(ctx, id2)
		if err != nil || failed.State != store.JobFailed || failed.Error != "bad input: empty file" {
			t.Errorf("Job(%d) = %+v, %v; want failed with its error", id2, failed, err)
		}
		if err := db.FinishJob(ctx, 12345, "w1", nil); muster.ErrorKind(err) != muster.KindNotFound {
			t.Errorf("FinishJob(missing): err = %v, want kind not_found", err)
		}
		if _, err := db.Job(ctx, 12345); muster.ErrorKind(err) != muster.KindNotFound {
			t.Errorf("Job(missing): err = %v, want kind not_found", err)
		}
	})
}

// TestClaimJobConcurrent runs workers on two handles to one store, as two
// processes would, and checks that no job is handed out twice.
func TestClaimJobConcurrent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		dsn := testDSN(t, backend)
		dbs := []*store.DB{mustOpenDSN(t, dsn), mustOpenDSN(t, dsn)}
		const jobs = 60
		for i := range jobs {
			if _, err := dbs[0].EnqueueJob(ctx, "ingest", fmt.Appendf(nil, "%d", i)); err != nil {
				t.Fatal(err)
			}
		}
		var mu sync.Mutex
		claimedBy := map[int64]string{}
		var wg sync.WaitGroup
		for w := range 4 {
			worker := fmt.Sprintf("w%d", w)
			wg.Go(func() {
				db := dbs[w%2]
				for {
					j, err := db.ClaimJob(ctx, worker, time.Hour)
					if err != nil {
						t.Errorf("%s: ClaimJob: %v", worker, err)
						return
					}
					if j == nil {
						return
					}
					mu.Lock()
					if other, ok := claimedBy[j.ID]; ok {
						t.Errorf("job %d claimed by %s and %s", j.ID, other, worker)
					}
					claimedBy[j.ID] = worker
					mu.Unlock()
					if err := db.FinishJob(ctx, j.ID, worker, nil); err != nil {
						t.Errorf("%s: FinishJob: %v", worker, err)
					}
				}
			})
		}
		wg.Wait()
		if len(claimedBy) != jobs {
			t.Errorf("%d jobs claimed, want %d", len(claimedBy), jobs)
		}
		workers := map[string]bool{}
		for _, w := range claimedBy {
			workers[w] = true
		}
		t.Logf("%d jobs claimed by %d workers", len(claimedBy), len(workers))
	})
}

// TestJobLease checks what keeps two workers off one job (issue 14): a
// renewed lease is not taken over, finishing and renewing check who holds
// the job, and a released job is claimed again at once without counting
// the interrupted attempt.
func TestJobLease(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		id, err := db.EnqueueJob(ctx, "ingest", []byte("a"))
		if err != nil {
			t.Fatal(err)
		}
		if j, err := db.ClaimJob(ctx, "w1", 10*time.Second); err != nil || j == nil || j.ID != id {
			t.Fatalf("claim = %+v, %v", j, err)
		}
		// w1 renews every 5s for 30s: w2 never gets the job.
		for range 6 {
			now = now.Add(5 * time.Second)
			if err := db.RenewJob(ctx, id, "w1"); err != nil {
				t.Fatalf("RenewJob(w1): %v", err)
			}
			if j, err := db.ClaimJob(ctx, "w2", 10*time.Second); err != nil || j != nil {
				t.Fatalf("claim of a renewed job = %+v, %v; want nil", j, err)
			}
		}
		if err := db.RenewJob(ctx, id, "w2"); muster.ErrorKind(err) != muster.KindConflict {
			t.Errorf("RenewJob by a worker that does not hold it: err = %v, want kind conflict", err)
		}
		if err := db.FinishJob(ctx, id, "w2", nil); muster.ErrorKind(err) != muster.KindConflict {
			t.Errorf("FinishJob by a worker that does not hold it: err = %v, want kind conflict", err)
		}
		// w1 stops: the job goes back and w2 takes it at once, on the same attempt.
		if err := db.ReleaseJob(ctx, id, "w1"); err != nil {
			t.Fatal(err)
		}
		j, err := db.ClaimJob(ctx, "w2", 10*time.Second)
		if err != nil || j == nil || j.ID != id || j.Attempts != 1 {
			t.Fatalf("claim after release = %+v, %v; want job %d on attempt 1", j, err, id)
		}
		// w2 stalls past the lease: w3 takes the job, and w2 can neither
		// renew nor finish it.
		now = now.Add(11 * time.Second)
		if j, err := db.ClaimJob(ctx, "w3", 10*time.Second); err != nil || j == nil || j.ID != id {
			t.Fatalf("claim after the lease = %+v, %v", j, err)
		}
		if err := db.RenewJob(ctx, id, "w2"); muster.ErrorKind(err) != muster.KindConflict {
			t.Errorf("RenewJob after losing the lease: err = %v, want kind conflict", err)
		}
		if err := db.FinishJob(ctx, id, "w2", nil); muster.ErrorKind(err) != muster.KindConflict {
			t.Errorf("FinishJob after losing the lease: err = %v, want kind conflict", err)
		}
		if err := db.FinishJob(ctx, id, "w3", nil); err != nil {
			t.Errorf("FinishJob by the holder: %v", err)
		}
		if err := db.ReleaseJob(ctx, id, "w3"); muster.ErrorKind(err) != muster.KindConflict {
			t.Errorf("ReleaseJob of a finished job: err = %v, want kind conflict", err)
		}
	})
}

// TestJobRetry checks that a job failing for a reason that may pass is
// queued again after a growing backoff, up to MaxJobAttempts, and that bad
// input fails at once; Jobs lists them with their errors.
func TestJobRetry(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		db.MaxJobAttempts = 3
		now := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		flaky, _ := db.EnqueueJob(ctx, "ingest", []byte("flaky"))
		bad, _ := db.EnqueueJob(ctx, "ingest", []byte("bad"))
		var lastWait time.Duration
		for attempt := 1; attempt <= 3; attempt++ {
			j, err := db.ClaimJob(ctx, "w", time.Minute)
			if err != nil || j == nil || j.ID != flaky || j.Attempts != attempt {
				t.Fatalf("attempt %d: claim = %+v, %v; want job %d", attempt, j, err, flaky)
			}
			if err := db.FinishJob(ctx, flaky, "w", fmt.Errorf("connection refused")); err != nil {
				t.Fatal(err)
			}
			got, _ := db.Job(ctx, flaky)
			if attempt < 3 {
				if got.State != store.JobQueued || got.RunAfter.Sub(now) <= lastWait {
					t.Fatalf("after failed attempt %d: %+v; want queued with a longer backoff than %v", attempt, got, lastWait)
				}
				lastWait = got.RunAfter.Sub(now)
				// Not due yet: the bad job is claimed instead, and fails for good.
				if attempt == 1 {
					j, err := db.ClaimJob(ctx, "w", time.Minute)
					if err != nil || j == nil || j.ID != bad {
						t.Fatalf("claim during backoff = %+v, %v; want job %d", j, err, bad)
					}
					if err := db.FinishJob(ctx, bad, "w", muster.Errorf(muster.KindInvalid, "ingest x.warc#3: malformed")); err != nil {
						t.Fatal(err)
					}
				}
				if j, err := db.ClaimJob(ctx, "w", time.Minute); err != nil || j != nil {
					t.Fatalf("claim during backoff = %+v, %v; want nil", j, err)
				}
				now = got.RunAfter
			} else if got.State != store.JobFailed || got.Error != "attempt 3 of 3: connection refused" {
				t.Errorf("after the last attempt: %+v; want failed with its error", got)
			}
		}
		failed, err := db.Jobs(ctx, store.JobFilter{State: store.JobFailed})
		if err != nil || len(failed) != 2 || failed[0].ID != flaky || failed[1].Error != "ingest x.warc#3: malformed" || failed[1].Attempts != 1 {
			t.Errorf("Jobs(failed) = %+v, %v", failed, err)
		}
	})
}
