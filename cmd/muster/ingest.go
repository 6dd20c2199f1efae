package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/mattn/go-isatty"
	"github.com/schollz/progressbar/v3"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/pipeline"
	"github.com/muster-osint/muster/store"
)

// ingestStats counts what an ingest run did.
type ingestStats struct {
	Documents, Duplicates, Failed, Claims, Entities, Events int
}

func (m *Main) runIngest(ctx context.Context, args []string) error {
	fs := m.newFlagSet("ingest", "[flags] PATH|URL|- …")
	publisher := fs.String("publisher", "", "publisher of the input (overrides what the format says for single documents)")
	published := fs.String("published", "", "publication date, YYYY-MM-DD or RFC 3339: relative dates resolve against it")
	url := fs.String("url", "", "URL of the input")
	title := fs.String("title", "", "title of the input")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching URLs on private, loopback or link-local addresses")
	quiet := fs.Bool("q", false, "print nothing but errors")
	noTagger := fs.Bool("no-tagger", false, "find mentions with rules only (faster, less accurate)")
	queue := fs.Bool("queue", false, "queue each input as a job for `muster worker` instead of ingesting it now")
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		fs.Usage()
		return muster.Errorf(muster.KindInvalid, "ingest: no input given")
	}
	opt := ingest.Options{Publisher: *publisher, URL: *url, Title: *title, AllowPrivate: *allowPrivate}
	if *published != "" {
		t, err := parseDate(*published)
		if err != nil {
			return muster.Errorf(muster.KindInvalid, "ingest: --published %q: want YYYY-MM-DD or RFC 3339", *published)
		}
		opt.Published = t
	}
	if *queue {
		return m.enqueue(ctx, paths, opt)
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := newPipeline(ctx, db, pipeline.Options{NoTagger: *noTagger})
	if err != nil {
		return err
	}

	var bar *progressbar.ProgressBar
	if n, err := ingest.Count(paths); err == nil && n > 1 && !*quiet && isTerminal(m.Stderr) {
		bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(m.Stderr), progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	var st ingestStats
	lastInput := ""
	err = ingest.Walk(ctx, paths, opt, m.Stdin, func(it ingest.Item) error {
		if bar != nil && it.Input != lastInput {
			if lastInput != "" {
				_ = bar.Add(1)
			}
			lastInput = it.Input
		}
		if it.Err != nil {
			st.Failed++
			fmt.Fprintf(m.Stderr, "muster: %v\n", it.Err)
			return nil
		}
		return m.ingestOne(ctx, db, p, it, &st, *quiet)
	})
	if bar != nil {
		_ = bar.Finish()
	}
	if err != nil {
		return err
	}
	if !*quiet {
		fmt.Fprintf(m.Stdout, "ingested %d documents (%d already stored, %d failed): %d claims, %d entities, %d events\n",
			st.Documents, st.Duplicates, st.Failed, st.Claims, st.Entities, st.Events)
	}
	if st.Failed > 0 {
		return muster.Errorf(muster.KindInvalid, "ingest: %d input(s) failed; the others were stored", st.Failed)
	}
	return nil
}

// ingestOne analyses and saves one document in one transaction; a document
// already stored (same content hash) is skipped before analysis.
func (m *Main) ingestOne(ctx context.Context, db *store.DB, p *pipeline.Pipeline, it ingest.Item, st *ingestStats, quiet bool) error {
	if ok, err := db.HasDocument(ctx, it.Doc.Hash); err != nil {
		return err
	} else if ok {
		st.Duplicates++
		if !quiet {
			fmt.Fprintf(m.Stdout, "%s: already stored as %s\n", it.Where, it.Doc.ID)
		}
		return nil
	}
	a, err := p.Analyze(ctx, it.Doc, db)
	if err != nil {
		return fmt.Errorf("ingest %s: %w", it.Where, err)
	}
	res, err := db.Save(ctx, a)
	if err != nil {
		return fmt.Errorf("ingest %s: %w", it.Where, err)
	}
	if res.Duplicate {
		st.Duplicates++
		return nil
	}
	st.Documents++
	st.Claims += res.Claims
	st.Entities += res.Entities
	st.Events += res.Events
	if !quiet {
		copyOf := ""
		if res.NearDuplicateOf != "" {
			copyOf = " (a near copy of " + res.NearDuplicateOf + ")"
		}
		fmt.Fprintf(m.Stdout, "%s: %s %q — %d claims, %d entities, %d events%s\n", it.Where, a.Document.ID, a.Document.Title, res.Claims, res.Entities, res.Events, copyOf)
	}
	return nil
}

// parseDate reads a date flag: YYYY-MM-DD or RFC 3339.
func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse("2006-01-02", s); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && isatty.IsTerminal(f.Fd())
}
