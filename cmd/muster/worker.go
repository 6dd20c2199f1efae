package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/pipeline"
	"github.com/muster-osint/muster/store"
)

// jobIngest is the kind of job `muster ingest --queue` enqueues.
const jobIngest = "ingest"

// ingestJob is the payload of an ingest job: one input and the metadata
// given for it.
type ingestJob struct {
	Path      string    `json:"path"`
	Publisher string    `json:"publisher,omitempty"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Published time.Time `json:"published,omitzero"`
	// AllowPrivate carries --allow-private for URLs.
	AllowPrivate bool `json:"allow_private,omitempty"`
}

// enqueue records one ingest job per input instead of ingesting: `muster
// worker` processes, on as many machines as share the PostgreSQL store.
func (m *Main) enqueue(ctx context.Context, paths []string, opt ingest.Options) error {
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	for _, p := range paths {
		payload, err := json.Marshal(ingestJob{Path: p, Publisher: opt.Publisher, URL: opt.URL, Title: opt.Title, Published: opt.Published, AllowPrivate: opt.AllowPrivate})
		if err != nil {
			return err
		}
		id, err := db.EnqueueJob(ctx, jobIngest, payload)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "queued job %d: %s\n", id, p)
	}
	return nil
}

// runWorker claims ingest jobs from the store and runs them until the
// context ends (SIGINT/SIGTERM), or, with --once, until the queue is
// empty. Each job's documents are saved one transaction each, like
// `muster ingest`; a job left running by a killed worker is claimed again
// once its lease has passed. Paths are read on the worker's machine.
func (m *Main) runWorker(ctx context.Context, args []string) error {
	fs := m.newFlagSet("worker", "[--once] [--name NAME] [--lease 10m] [--poll 2s]")
	once := fs.Bool("once", false, "stop when the queue is empty")
	host, _ := os.Hostname()
	name := fs.String("name", fmt.Sprintf("%s-%d", host, os.Getpid()), "worker name recorded on the jobs it claims")
	lease := fs.Duration("lease", 10*time.Minute, "how long a claimed job is this worker's before others may take it")
	poll := fs.Duration("poll", 2*time.Second, "how often to look for work when the queue is empty")
	if _, err := parseFlags(fs, args); err != nil {
		return err
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
	done := 0
	for {
		job, err := db.ClaimJob(ctx, *name, *lease)
		if err != nil {
			return err
		}
		if job == nil {
			if *once {
				fmt.Fprintf(m.Stdout, "worker %s: queue empty after %d job(s)\n", *name, done)
				return nil
			}
			select {
			case <-ctx.Done():
				return nil
			case <-time.After(*poll):
				continue
			}
		}
		jobErr := m.runJob(ctx, db, p, job)
		if err := db.FinishJob(ctx, job.ID, jobErr); err != nil {
			return err
		}
		done++
		if jobErr != nil {
			fmt.Fprintf(m.Stderr, "muster: job %d: %v\n", job.ID, jobErr)
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// runJob ingests one job's input.
func (m *Main) runJob(ctx context.Context, db *store.DB, p *pipeline.Pipeline, job *store.Job) error {
	if job.Kind != jobIngest {
		return muster.Errorf(muster.KindInvalid, "job %d: unknown kind %q", job.ID, job.Kind)
	}
	var j ingestJob
	if err := json.Unmarshal(job.Payload, &j); err != nil {
		return muster.Errorf(muster.KindInvalid, "job %d: bad payload: %v", job.ID, err)
	}
	opt := ingest.Options{Publisher: j.Publisher, URL: j.URL, Title: j.Title, Published: j.Published, AllowPrivate: j.AllowPrivate}
	var st ingestStats
	err := ingest.Walk(ctx, []string{j.Path}, opt, nil, func(it ingest.Item) error {
		if it.Err != nil {
			st.Failed++
			fmt.Fprintf(m.Stderr, "muster: job %d: %v\n", job.ID, it.Err)
			return nil
		}
		return m.ingestOne(ctx, db, p, it, &st, true)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "job %d: %s: %d documents (%d already stored, %d failed)\n", job.ID, j.Path, st.Documents, st.Duplicates, st.Failed)
	if st.Failed > 0 {
		return fmt.Errorf("%d input(s) of %s failed", st.Failed, j.Path)
	}
	return nil
}
