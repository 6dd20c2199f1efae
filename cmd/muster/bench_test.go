package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/pipeline"
	"github.com/muster-osint/muster/resolve"
	"github.com/muster-osint/muster/store"
)

// benchNews is the real articles the ingest benchmark reads.
var benchNews = filepath.Join("..", "..", "..", "shared", "data", "news_ukraine_war", "news_ukraine_war.jsonl.gz")

// BenchmarkIngest ingests the articles of news_ukraine_war (one pass,
// docs/s) the way `muster ingest` does — analysis on GOMAXPROCS cores, one
// writer in batched transactions — into SQLite and PostgreSQL, into an
// empty store and into one already holding 10,000 documents and 100,000
// entities (synthesised by saving generated analyses directly: 10 entities
// with an alias and a claim each per document). "pipeline" is the same
// pipeline and parallelism without a store, the baseline. Run it with
// -benchtime 1x -cpu 1,2 and compare rows of one run: a loaded machine
// moves all of them.
func BenchmarkIngest(b *testing.B) {
	docs, p := benchInputs(b)
	b.Run("pipeline", func(b *testing.B) {
		for b.Loop() {
			g := &ingester{p: p}
			start, cpu := time.Now(), cpuTime()
			n := g.extractOnly(b, docs)
			reportRate(b, n, start, cpu)
		}
	})
	backends := []struct{ name, dsn string }{{"sqlite", ""}}
	if pg := os.Getenv("MUSTER_TEST_POSTGRES"); pg != "" {
		backends = append(backends, struct{ name, dsn string }{"postgres", pg})
	}
	for _, be := range backends {
		for _, full := range []bool{false, true} {
			name := be.name + "/empty"
			if full {
				name = be.name + "/10k-docs-100k-entities"
			}
			b.Run(name, func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					dsn := be.dsn
					if be.name == "sqlite" {
						dsn = filepath.Join(b.TempDir(), "bench.db")
					} else {
						dsn = benchSchema(b, be.dsn)
					}
					db, err := store.Open(context.Background(), dsn)
					if err != nil {
						b.Fatal(err)
					}
					db.EntityKeys = resolve.Keys
					if full {
						synthesize(b, db, 10000, 10)
					}
					// As the program does: the derived tables kept at
					// every batch (their refresh for the synthesised
					// store is not timed).
					if err := keepDerived(context.Background(), db); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					g := newIngester(db, p)
					start, cpu := time.Now(), cpuTime()
					st, err := g.Run(context.Background(), func(yield func(ingest.Item) error) error {
						for _, it := range docs {
							if err := yield(it); err != nil {
								return err
							}
						}
						return nil
					})
					if err != nil {
						b.Fatal(err)
					}
					reportRate(b, st.Documents, start, cpu)
					db.Close()
				}
			})
		}
	}
}

// extractOnly runs the ingester's analysis (extract on all cores, resolve
// in order against no store) without saving, and returns the documents.
func (g *ingester) extractOnly(b *testing.B, docs []ingest.Item) int {
	n := 0
	work := make(chan ingest.Item)
	done := make(chan *pipeline.Extracted, 64)
	workers := max(1, g.Workers)
	if g.Workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	for range workers {
		go func() {
			for it := range work {
				x, err := g.p.Extract(context.Background(), it.Doc)
				if err != nil {
					b.Error(err)
				}
				done <- x
			}
		}()
	}
	go func() {
		for _, it := range docs {
			work <- it
		}
		close(work)
	}()
	for range docs {
		x := <-done
		if x == nil {
			continue
		}
		if _, err := g.p.Resolve(context.Background(), x, nil); err != nil {
			b.Fatal(err)
		}
		n++
	}
	return n
}

// synthesize saves docs generated analyses into db, each with perDoc new
// entities (a name, an alias, match keys and one claim each), in batches.
func synthesize(b *testing.B, db *store.DB, docs, perDoc int) {
	ctx := context.Background()
	var batch *store.Batch
	for i := range docs {
		if batch == nil {
			var err error
			if batch, err = db.Begin(ctx); err != nil {
				b.Fatal(err)
			}
		}
		var text strings.Builder
		fmt.Fprintf(&text, "Synthetic report %d.", i)
		a := &muster.Analysis{}
		for j := range perDoc {
			name := fmt.Sprintf("Brigade %s %d", words[(i*perDoc+j)%len(words)], i*perDoc+j)
			start := text.Len() + 1
			fmt.Fprintf(&text, " %s fought.", name)
			e := muster.Entity{ID: fmt.Sprintf("e_syn%07d", i*perDoc+j), Type: muster.EntityArmedGroup, Name: name,
				Aliases: []muster.Alias{{Name: fmt.Sprintf("B%d", i*perDoc+j), Kind: muster.AliasAcronym}}}
			a.Entities = append(a.Entities, e)
			a.Mentions = append(a.Mentions, muster.Mention{Start: start, End: start + len(name), Text: name, Type: muster.MentionArmedGroup, Entity: e.ID})
		}
		a.Document.SetText(text.String())
		a.Document.Title, a.Document.Format = fmt.Sprintf("Synthetic report %d", i), "text"
		for j, e := range a.Entities {
			m := a.Mentions[j]
			c := muster.Claim{Subject: e.Ref(), Predicate: muster.PredActiveIn, Object: muster.TextValue("the front"),
				AttributedTo: muster.Attribution{Name: "Synthetic Wire", Type: muster.SourcePublisher}, Modality: muster.Asserted,
				Evidence: []muster.Evidence{{Document: a.Document.ID, Start: m.Start, End: m.End, Quote: m.Text}}, Extractor: "bench/1", Confidence: 0.5}
			c.SetID()
			a.Claims = append(a.Claims, c)
		}
		if _, err := batch.Save(ctx, a); err != nil {
			b.Fatal(err)
		}
		if batch.Len() == 500 {
			if err := batch.Commit(); err != nil {
				b.Fatal(err)
			}
			batch = nil
		}
	}
	if batch != nil {
		if err := batch.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
}

var words = []string{"North", "South", "Steppe", "River", "Forest", "Mountain", "Coastal", "Border", "Desert", "Valley", "Iron", "Falcon"}

// benchSchema returns a fresh PostgreSQL schema's URL, dropped at cleanup.
func benchSchema(b *testing.B, base string) string { return pgSchemaTB(b, base) }

// reportRate reports documents per second of wall time and per second of
// the process's CPU time (which other processes on a loaded machine
// distort less; for PostgreSQL it leaves out the server's CPU).
func reportRate(b *testing.B, n int, start time.Time, cpu0 time.Duration) {
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "docs/s")
	b.ReportMetric(float64(n)/(cpuTime()-cpu0).Seconds(), "docs/cpu-s")
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkIngestWrite times the writer alone: the articles of
// news_ukraine_war are extracted once, before the timer, and each pass
// resolves and saves them into a fresh SQLite store in batches of
// MUSTER_BENCH_BATCH documents (default 16, about what a one-core ingest
// commits per BatchWait), as the ingester's writer does. ms/doc is the
// writer's CPU per document: the store's share of ingest, measured apart
// from the analysis it would otherwise drown in (issue 14).
func BenchmarkIngestWrite(b *testing.B) {
	docs, p := benchInputs(b)
	xs := make([]extracted, len(docs))
	for i, it := range docs {
		x, err := p.Extract(context.Background(), it.Doc)
		if err != nil {
			b.Fatal(err)
		}
		xs[i] = extracted{seq: i, it: it, x: x}
	}
	size := 16
	if s := os.Getenv("MUSTER_BENCH_BATCH"); s != "" {
		fmt.Sscan(s, &size)
	}
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		db.EntityKeys = resolve.Keys
		results := make(chan extracted, len(xs))
		inflight := make(chan struct{}, len(xs))
		for _, x := range xs {
			results <- x
			inflight <- struct{}{}
		}
		close(results)
		g := &ingester{db: db, p: p, Batch: size, BatchWait: time.Hour}
		b.StartTimer()
		start, cpu := time.Now(), cpuTime()
		st, err := g.write(context.Background(), results, inflight)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric((cpuTime()-cpu).Seconds()*1000/float64(st.Documents), "cpu-ms/doc")
		reportRate(b, st.Documents, start, cpu)
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// benchInputs reads news_ukraine_war's articles and builds the pipeline
// the ingest benchmarks (and TestIngestSameAsSequential) share, skipping
// when ../shared is absent.
func benchInputs(b testing.TB) ([]ingest.Item, *pipeline.Pipeline) {
	b.Helper()
	if _, err := os.Stat(benchNews); err != nil {
		b.Skipf("%s not found: the ingest benchmark needs ../shared beside the repository", benchNews)
	}
	var docs []ingest.Item
	err := ingest.Walk(context.Background(), []string{benchNews}, ingest.Options{}, nil, func(it ingest.Item) error {
		if it.Err == nil {
			docs = append(docs, it)
		}
		return nil
	})
	if err != nil || len(docs) == 0 {
		b.Fatalf("read %s: %v (%d documents)", benchNews, err, len(docs))
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return docs, p
}
