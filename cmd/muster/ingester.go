package main

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/pipeline"
	"github.com/muster-osint/muster/store"
)

// Defaults of an ingester (issue 14).
const (
	// defaultBatch is how many documents one write transaction saves.
	defaultBatch = 64
	// defaultBatchWait is the longest a batch stays open: documents are
	// visible to readers, and printed, within it. A commit costs about
	// the same for 16 documents as for 64 (issue 14: at 250 ms one core
	// committed 16 at a time, and the writer's CPU per document was 7%
	// more than in batches of 64, BenchmarkIngestWrite with
	// MUSTER_BENCH_BATCH=16 and 64); a second lets one core fill a batch.
	defaultBatchWait = time.Second
	// defaultBudget bounds the analysis of one document; past it the
	// document is stored with the note "analysis truncated" and no claims.
	defaultBudget = 2 * time.Minute
)

// ingester analyses documents on all cores and saves them with one writer
// in batched transactions (issue 14).
//
// Analysis splits in two (pipeline.Extract, pipeline.Resolve). Extraction —
// tokens, tags, mentions, claims: nearly all the CPU — runs on Workers
// goroutines at once. The writer takes the extracted documents back in
// input order and, for each, resolves its entities through the open batch
// (which sees the documents saved before it, committed or not) and saves it
// in the batch, which undoes a failed document whole (store.Batch). So a
// parallel ingest stores exactly what a sequential one would, each
// document is all or nothing, a killed process leaves the committed
// batches only, and re-ingest is a no-op (documents already stored are
// skipped before extraction, by content hash).
type ingester struct {
	db *store.DB
	p  *pipeline.Pipeline
	// Workers is the number of extracting goroutines; zero means GOMAXPROCS.
	Workers int
	// Batch and BatchWait bound a write transaction by documents and time.
	Batch     int
	BatchWait time.Duration
	// Budget bounds one document's extraction; zero means defaultBudget.
	Budget time.Duration
	// Saved is called, in input order, for each item once its fate is
	// sealed: err set for a failed item, res for a stored or duplicate
	// document (after its batch committed), a the analysis stored.
	Saved func(it ingest.Item, res store.SaveResult, a *muster.Analysis, err error)
}

func newIngester(db *store.DB, p *pipeline.Pipeline) *ingester {
	return &ingester{db: db, p: p}
}

// extracted is one input item on its way to the writer.
type extracted struct {
	seq  int
	it   ingest.Item
	x    *pipeline.Extracted
	dup  bool   // stored already
	note string // set when the extraction ran out of budget
	err  error
}

// Run ingests the items that walk produces (it calls its yield for each
// and returns yield's error). It returns when every item is saved or
// failed, or soon after ctx ends: then it commits the documents saved so
// far, waits for no extraction in flight, and returns ctx's error.
func (g *ingester) Run(ctx context.Context, walk func(yield func(ingest.Item) error) error) (ingestStats, error) {
	workers := g.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	// Items in flight are bounded, so that memory is too: a slow document
	// holds the writer's reorder buffer to at most this many.
	inflight := make(chan struct{}, 4*workers)
	work := make(chan extracted)
	results := make(chan extracted, 4*workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var walkErr error
	walkDone := make(chan struct{})
	go func() {
		defer close(walkDone)
		defer close(work)
		seq := 0
		walkErr = walk(func(it ingest.Item) error {
			select {
			case inflight <- struct{}{}:
			case <-ctx.Done():
				return ctx.Err()
			}
			select {
			case work <- extracted{seq: seq, it: it}:
				seq++
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for e := range work {
				g.extract(ctx, &e)
				select {
				case results <- e:
				case <-ctx.Done():
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	st, err := g.write(ctx, results, inflight)
	cancel()
	<-walkDone
	if err == nil && walkErr != nil && !errors.Is(walkErr, context.Canceled) {
		err = walkErr
	}
	return st, err
}

// extract fills e.x (or e.dup, e.err) for one item.
func (g *ingester) extract(ctx context.Context, e *extracted) {
	if e.it.Err != nil {
		e.err = e.it.Err
		return
	}
	if ok, err := g.db.HasDocument(ctx, e.it.Doc.Hash); err != nil {
		e.err = err
		return
	} else if ok {
		e.dup = true
		return
	}
	budget := g.Budget
	if budget <= 0 {
		budget = defaultBudget
	}
	bctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	// Extraction runs in a goroutine of its own so that the budget holds
	// even where a stage does not watch its context: past the budget the
	// analysis is left to finish on its own and its result dropped (issue
	// 14: one long document held a core for minutes and ignored SIGTERM).
	type result struct {
		x   *pipeline.Extracted
		err error
	}
	done := make(chan result, 1)
	go func() {
		x, err := g.p.Extract(bctx, e.it.Doc)
		done <- result{x, err}
	}()
	var r result
	select {
	case r = <-done:
	case <-bctx.Done():
		r.err = bctx.Err()
	}
	switch {
	case r.err == nil:
		e.x = r.x
	case ctx.Err() == nil && bctx.Err() != nil:
		// Out of budget: the document is stored, its analysis is not.
		e.note = fmt.Sprintf("analysis truncated: not finished within %v", budget)
	default:
		e.err = fmt.Errorf("ingest %s: %w", e.it.Where, r.err)
	}
}

// pending is a document saved in the open batch, reported once it commits.
type pending struct {
	it  ingest.Item
	res store.SaveResult
	a   *muster.Analysis
}

// write is the one writer: it takes results in input order, resolves and
// saves each in the open batch, and commits the batch when it is full, has
// been open BatchWait, or no result is ready within BatchWait.
func (g *ingester) write(ctx context.Context, results <-chan extracted, inflight <-chan struct{}) (ingestStats, error) {
	size, wait := g.Batch, g.BatchWait
	if size <= 0 {
		size = defaultBatch
	}
	if wait <= 0 {
		wait = defaultBatchWait
	}
	var st ingestStats
	analyzeAt := 256
	var batch *store.Batch
	var opened time.Time
	var saved []pending
	report := func(it ingest.Item, res store.SaveResult, a *muster.Analysis, err error) {
		if g.Saved != nil {
			g.Saved(it, res, a, err)
		}
	}
	commit := func() error {
		if batch == nil {
			return nil
		}
		err := batch.Commit()
		batch = nil
		if err != nil {
			return err
		}
		for _, p := range saved {
			st.Documents++
			st.Claims += p.res.Claims
			st.Entities += p.res.Entities
			st.Events += p.res.Events
			if p.a.Note != "" {
				st.Truncated++
			}
			report(p.it, p.res, p.a, nil)
		}
		saved = saved[:0]
		// Statistics follow the tables' growth (issue 14: PostgreSQL without
		// them planned lookups as scans): at 256 documents and each time
		// the run has stored four times as many.
		if st.Documents >= analyzeAt {
			analyzeAt *= 4
			if err := g.db.Analyze(ctx); err != nil && ctx.Err() == nil {
				return err
			}
		}
		return nil
	}
	defer func() {
		if batch != nil {
			batch.Rollback()
		}
	}()
	buf := map[int]extracted{}
	next := 0
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		var e extracted
		var ok bool
		select {
		case e, ok = <-results:
		case <-timer.C:
			if err := commit(); err != nil {
				return st, err
			}
			timer.Reset(wait)
			continue
		case <-ctx.Done():
			// Stop: what is saved in the open batch is whole; keep it.
			if err := commit(); err != nil {
				return st, err
			}
			return st, ctx.Err()
		}
		if !ok {
			break
		}
		buf[e.seq] = e
		for {
			e, ok := buf[next]
			if !ok {
				break
			}
			delete(buf, next)
			next++
			<-inflight
			if err := g.writeOne(ctx, e, &batch, &opened, &saved, &st, report); err != nil {
				return st, err
			}
			if batch != nil && (batch.Len() >= size || time.Since(opened) >= wait) {
				if err := commit(); err != nil {
					return st, err
				}
			}
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(wait)
	}
	if err := ctx.Err(); err != nil {
		commit()
		return st, err
	}
	return st, commit()
}

// writeOne resolves and saves one extracted document in the open batch
// (opening one if needed), or reports its failure or duplicate.
func (g *ingester) writeOne(ctx context.Context, e extracted, batch **store.Batch, opened *time.Time, saved *[]pending, st *ingestStats,
	report func(ingest.Item, store.SaveResult, *muster.Analysis, error)) error {
	if e.err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		st.Failed++
		report(e.it, store.SaveResult{}, nil, e.err)
		return nil
	}
	if e.dup {
		st.Duplicates++
		report(e.it, store.SaveResult{Document: e.it.Doc.ID, Duplicate: true}, nil, nil)
		return nil
	}
	if *batch == nil {
		b, err := g.db.Begin(ctx)
		if err != nil {
			return err
		}
		*batch, *opened = b, time.Now()
	}
	var a *muster.Analysis
	if e.x != nil {
		var err error
		a, err = g.p.Resolve(ctx, e.x, *batch)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			st.Failed++
			report(e.it, store.SaveResult{}, nil, fmt.Errorf("ingest %s: %w", e.it.Where, err))
			return nil
		}
	} else {
		a = &muster.Analysis{Document: e.it.Doc, Note: e.note}
	}
	res, err := (*batch).Save(ctx, a)
	// A failure that is not the document's (a PostgreSQL deadlock with
	// another worker's batch, whose documents lock entities in another
	// order) left the batch as it was before this document: the batch goes
	// on, and the save is tried again, twice at most, before the run stops.
	for try := 1; err != nil && try <= 2 && ctx.Err() == nil && muster.ErrorKind(err) != muster.KindInvalid; try++ {
		time.Sleep(time.Duration(try) * 50 * time.Millisecond)
		res, err = (*batch).Save(ctx, a)
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if muster.ErrorKind(err) != muster.KindInvalid {
			return err
		}
		st.Failed++
		report(e.it, res, a, fmt.Errorf("ingest %s: %w", e.it.Where, err))
		return nil
	}
	if res.Duplicate {
		st.Duplicates++
		report(e.it, res, a, nil)
		return nil
	}
	*saved = append(*saved, pending{e.it, res, a})
	return nil
}
