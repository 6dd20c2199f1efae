package main

import (
	"context"
	"fmt"
	"os"
	"runtime"
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
	// Truncated counts documents stored without their analysis, which
	// ran past the budget.
	Truncated int
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
	learned := fs.Bool("learned-relations", false, "add the learned relation scorer's claims (off by default)")
	queue := fs.Bool("queue", false, "queue each input as a job for `muster worker` instead of ingesting it now")
	split := fs.Int("split", defaultSplit, "with --queue: records (JSON Lines lines, WARC records, feed items) per job, so that workers share a large file")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "documents analysed at once (one writer saves them)")
	budget := fs.Duration("budget", defaultBudget, "longest analysis of one document; past it the document is stored without claims, noted \"analysis truncated\"")
	memLimit := memoryLimitFlag(fs)
	paths, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	m.limitMemory(*memLimit)
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
		return m.enqueue(ctx, paths, opt, *split)
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := newPipeline(ctx, db, pipeline.Options{NoTagger: *noTagger, LearnedRelations: *learned})
	if err != nil {
		return err
	}

	var bar *progressbar.ProgressBar
	if n, err := ingest.Count(paths); err == nil && n > 1 && !*quiet && isTerminal(m.Stderr) {
		bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(m.Stderr), progressbar.OptionSetDescription("ingesting"),
			progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	}
	g := newIngester(db, p)
	g.Workers, g.Budget = *workers, *budget
	g.Saved = func(it ingest.Item, res store.SaveResult, a *muster.Analysis, err error) {
		m.reportSaved(it, res, a, err, *quiet)
	}
	lastInput := ""
	st, err := g.Run(ctx, func(yield func(ingest.Item) error) error {
		return ingest.Walk(ctx, paths, opt, m.Stdin, func(it ingest.Item) error {
			if bar != nil && it.Input != lastInput {
				if lastInput != "" {
					_ = bar.Add(1)
				}
				lastInput = it.Input
			}
			return yield(it)
		})
	})
	if bar != nil {
		_ = bar.Finish()
	}
	if err == nil && st.Documents > 0 {
		err = db.Analyze(ctx)
	}
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintf(m.Stderr, "muster: ingest interrupted: %d documents stored, each whole\n", st.Documents)
		}
		return err
	}
	if !*quiet {
		truncated := ""
		if st.Truncated > 0 {
			truncated = fmt.Sprintf(", %d stored without analysis (truncated)", st.Truncated)
		}
		fmt.Fprintf(m.Stdout, "ingested %d documents (%d already stored, %d failed%s): %d claims, %d entities, %d events\n",
			st.Documents, st.Duplicates, st.Failed, truncated, st.Claims, st.Entities, st.Events)
	}
	if st.Failed > 0 {
		return muster.Errorf(muster.KindInvalid, "ingest: %d input(s) failed; the others were stored", st.Failed)
	}
	return nil
}

// reportSaved prints what became of one item: its error on stderr, and
// unless quiet, the document stored or already stored.
func (m *Main) reportSaved(it ingest.Item, res store.SaveResult, a *muster.Analysis, err error, quiet bool) {
	switch {
	case err != nil:
		fmt.Fprintf(m.Stderr, "muster: %v\n", err)
	case quiet:
	case res.Duplicate && a == nil:
		fmt.Fprintf(m.Stdout, "%s: already stored as %s\n", it.Where, it.Doc.ID)
	case res.Duplicate:
	case a.Note != "":
		fmt.Fprintf(m.Stdout, "%s: %s %q — %s\n", it.Where, a.Document.ID, a.Document.Title, a.Note)
	default:
		copyOf := ""
		if res.NearDuplicateOf != "" {
			copyOf = " (a near copy of " + res.NearDuplicateOf + ")"
		}
		fmt.Fprintf(m.Stdout, "%s: %s %q — %d claims, %d entities, %d events%s\n", it.Where, a.Document.ID, a.Document.Title, res.Claims, res.Entities, res.Events, copyOf)
	}
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
