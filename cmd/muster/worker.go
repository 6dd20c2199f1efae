package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/pipeline"
	"github.com/muster-osint/muster/store"
)

// jobIngest is the kind of job `muster ingest --queue` enqueues.
const jobIngest = "ingest"

// defaultSplit is how many records of a JSON Lines, WARC or feed file one
// job reads, so that workers share a large file (issue 14).
const defaultSplit = 200

// ingestJob is the payload of an ingest job: one input, the records of it
// to read, and the metadata given for it.
type ingestJob struct {
	Path string `json:"path"` // absolute, or a URL
	// From and To select records From ≤ n < To of a multi-record file
	// (ingest.Options.Records); zero for the whole input.
	From      int       `json:"from,omitempty"`
	To        int       `json:"to,omitempty"`
	Publisher string    `json:"publisher,omitempty"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// AllowPrivate carries --allow-private for URLs.
	AllowPrivate bool `json:"allow_private,omitempty"`
}

// String names the job's input as messages do: the path, and the records.
func (j ingestJob) String() string {
	switch {
	case j.From == 0 && j.To == 0:
		return j.Path
	case j.To == 0:
		return fmt.Sprintf("%s#%d-", j.Path, j.From)
	}
	return fmt.Sprintf("%s#%d-%d", j.Path, j.From, j.To-1)
}

// enqueue records ingest jobs instead of ingesting, for `muster worker`
// processes on as many machines as share the store: one job per input
// file (directories expanded), and for a multi-record file (JSON Lines,
// WARC, feeds) one per split records. Paths are made absolute, so that a
// worker started elsewhere finds them; an input that cannot be read is
// refused here rather than failing later in a worker.
func (m *Main) enqueue(ctx context.Context, paths []string, opt ingest.Options, split int) error {
	if split <= 0 {
		return muster.Errorf(muster.KindInvalid, "ingest: --split %d: want a positive number of records", split)
	}
	inputs, err := ingest.Inputs(paths)
	if err != nil {
		return fmt.Errorf("ingest --queue: %w", err)
	}
	var jobs []ingestJob
	for _, in := range inputs {
		base := ingestJob{Path: in, Publisher: opt.Publisher, URL: opt.URL, Title: opt.Title, Published: opt.Published, AllowPrivate: opt.AllowPrivate}
		switch {
		case in == "-":
			return muster.Errorf(muster.KindInvalid, "ingest --queue: cannot queue standard input; save it to a file")
		case isURLPath(in):
			jobs = append(jobs, base)
			continue
		}
		abs, err := filepath.Abs(in)
		if err != nil {
			return fmt.Errorf("ingest --queue %s: %w", in, err)
		}
		base.Path = abs
		n, err := ingest.CountRecords(ctx, abs, opt)
		if err != nil && muster.ErrorKind(err) != muster.KindInvalid {
			return fmt.Errorf("ingest --queue: %w", err)
		}
		if n <= split {
			jobs = append(jobs, base)
			continue
		}
		for from := 1; from <= n; from += split {
			j := base
			j.From, j.To = from, from+split
			if j.To > n {
				j.To = 0 // the last job reads to the end, however the file has grown
			}
			jobs = append(jobs, j)
		}
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, j := range jobs {
		payload, err := json.Marshal(j)
		if err != nil {
			return err
		}
		id, err := db.EnqueueJob(ctx, jobIngest, payload)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "queued job %d: %s\n", id, j)
	}
	return nil
}

func isURLPath(s string) bool {
	return len(s) > 7 && (s[:7] == "http://" || (len(s) > 8 && s[:8] == "https://"))
}

// runWorker claims ingest jobs from the store and runs them until the
// context ends (SIGINT/SIGTERM), or, with --once, until the queue is
// empty. While a job runs, a goroutine renews its lease every third of the
// lease; a worker that finds it has lost the lease (it stalled, and another
// worker took the job) stops the job without finishing it. On SIGINT or
// SIGTERM the worker stops within moments: the documents saved so far are
// committed, whole, and the job goes back to the queue for another worker.
// A failed job records its error; with --once the worker then exits
// non-zero.
func (m *Main) runWorker(ctx context.Context, args []string) error {
	fs := m.newFlagSet("worker", "[--once] [--name NAME] [--lease 1m] [--poll 2s] [--workers N]")
	once := fs.Bool("once", false, "stop when the queue is empty")
	host, _ := os.Hostname()
	name := fs.String("name", fmt.Sprintf("%s-%d", host, os.Getpid()), "worker name recorded on the jobs it claims")
	lease := fs.Duration("lease", time.Minute, "how long a claimed job stays this worker's without renewal (it is renewed every third of it)")
	poll := fs.Duration("poll", 2*time.Second, "how often to look for work when the queue is empty")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents analysed at once")
	budget := fs.Duration("budget", defaultBudget, "longest analysis of one document")
	memLimit := memoryLimitFlag(fs)
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	m.limitMemory(*memLimit)
	if *lease < 3*time.Millisecond {
		return muster.Errorf(muster.KindInvalid, "worker: --lease %v is too short", *lease)
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := newPipeline(ctx, db, pipeline.Options{})
	if err != nil {
		return err
	}
	done, failed := 0, 0
	for {
		job, err := db.ClaimJob(ctx, *name, *lease)
		if err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		if job == nil {
			if *once {
				fmt.Fprintf(m.Stdout, "worker %s: queue empty after %d job(s), %d failed\n", *name, done, failed)
				if failed > 0 {
					return fmt.Errorf("worker %s: %d of %d job(s) failed", *name, failed, done)
				}
				return nil
			}
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(*poll):
				continue
			}
		}
		jobErr, lost := m.runLeased(ctx, db, job, *name, *lease, func(ctx context.Context) error {
			return m.runJob(ctx, db, p, job, *workers, *budget)
		})
		switch {
		case lost != nil:
			fmt.Fprintf(m.Stderr, "muster: job %d: %v; left to its new holder\n", job.ID, lost)
			continue
		case ctx.Err() != nil:
			// Stopped: give the job back at once rather than when the
			// lease runs out.
			rctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			err := db.ReleaseJob(rctx, job.ID, *name)
			cancel()
			if err != nil {
				return fmt.Errorf("worker %s: release job %d: %w", *name, job.ID, err)
			}
			fmt.Fprintf(m.Stderr, "muster: worker %s stopped; job %d returned to the queue\n", *name, job.ID)
			return nil
		}
		if err := db.FinishJob(ctx, job.ID, *name, jobErr); err != nil {
			if muster.ErrorKind(err) == muster.KindConflict {
				fmt.Fprintf(m.Stderr, "muster: job %d: %v\n", job.ID, err)
				continue
			}
			return err
		}
		done++
		if jobErr != nil {
			failed++
			fmt.Fprintf(m.Stderr, "muster: job %d: %v\n", job.ID, jobErr)
		}
	}
}

// runLeased runs fn on job while renewing worker's lease every third of
// lease. If a renewal finds the job taken (the lease ran out during a
// stall), fn's context is cancelled and lost says why.
func (m *Main) runLeased(ctx context.Context, db *store.DB, job *store.Job, worker string, lease time.Duration,
	fn func(context.Context) error) (err, lost error) {
	jctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Go(func() {
		t := time.NewTicker(lease / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-jctx.Done():
				return
			case <-t.C:
			}
			if err := db.RenewJob(jctx, job.ID, worker); err != nil {
				if muster.ErrorKind(err) == muster.KindConflict {
					lost = err
					cancel()
					return
				}
				if jctx.Err() == nil {
					// The store may be back before the lease runs out.
					fmt.Fprintf(m.Stderr, "muster: job %d: %v\n", job.ID, err)
				}
			}
		}
	})
	err = fn(jctx)
	close(stop)
	wg.Wait()
	return err, lost
}

// runJob ingests one job's input (its records, for a split file).
func (m *Main) runJob(ctx context.Context, db *store.DB, p *pipeline.Pipeline, job *store.Job, workers int, budget time.Duration) error {
	if job.Kind != jobIngest {
		return muster.Errorf(muster.KindInvalid, "job %d: unknown kind %q", job.ID, job.Kind)
	}
	var j ingestJob
	if err := json.Unmarshal(job.Payload, &j); err != nil {
		return muster.Errorf(muster.KindInvalid, "job %d: bad payload: %v", job.ID, err)
	}
	opt := ingest.Options{Publisher: j.Publisher, URL: j.URL, Title: j.Title, Published: j.Published, AllowPrivate: j.AllowPrivate,
		Records: ingest.Range{From: j.From, To: j.To}}
	g := newIngester(db, p)
	g.Workers, g.Budget = workers, budget
	var firstErr error
	g.Saved = func(it ingest.Item, res store.SaveResult, a *muster.Analysis, err error) {
		if err != nil {
			fmt.Fprintf(m.Stderr, "muster: job %d: %v\n", job.ID, err)
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	st, err := g.Run(ctx, func(yield func(ingest.Item) error) error {
		return ingest.Walk(ctx, []string{j.Path}, opt, nil, func(it ingest.Item) error { return yield(it) })
	})
	if err != nil {
		return err
	}
	// No ANALYZE per job: a fleet would run one per job at once. The
	// ingester runs it as a run grows, and PostgreSQL's autovacuum keeps
	// statistics between runs.
	fmt.Fprintf(m.Stdout, "job %d: %s: %d documents (%d already stored, %d failed)\n", job.ID, j, st.Documents, st.Duplicates, st.Failed)
	if st.Failed > 0 {
		return &muster.Error{Kind: muster.KindInvalid,
			Message: fmt.Sprintf("%d input(s) of %s failed, the first", st.Failed, j), Err: firstErr}
	}
	return nil
}
