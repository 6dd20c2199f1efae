package store_test

import (
	"context"
	"errors"
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
		if err := db.FinishJob(ctx, id1, nil); err != nil {
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
		if err := db.FinishJob(ctx, id2, errors.New("bad input: empty file")); err != nil {
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
		if err := db.FinishJob(ctx, 12345, nil); muster.ErrorKind(err) != muster.KindNotFound {
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
					if err := db.FinishJob(ctx, j.ID, nil); err != nil {
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
