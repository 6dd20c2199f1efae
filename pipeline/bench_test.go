package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/pipeline"
)

// BenchmarkAnalyze runs the whole pipeline (segment, tagger, extract,
// resolve, geocode; no store) over the example articles and the seed,
// reporting documents and claims per second.
func BenchmarkAnalyze(b *testing.B) {
	var docs []muster.Document
	paths := []string{filepath.Join("..", "examples")}
	if _, err := os.Stat(seedPath); err == nil {
		paths = append(paths, seedPath)
	}
	_ = ingest.Walk(context.Background(), paths, ingest.Options{}, nil, func(it ingest.Item) error {
		if it.Err == nil {
			docs = append(docs, it.Doc)
		}
		return nil
	})
	if len(docs) == 0 {
		b.Skip("no documents")
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Text))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	claims := 0
	for b.Loop() {
		for _, d := range docs {
			a, err := p.Analyze(context.Background(), d, nil)
			if err != nil {
				b.Fatal(err)
			}
			claims += len(a.Claims)
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "docs/s")
	b.ReportMetric(float64(claims)/b.Elapsed().Seconds(), "claims/s")
}

// newsArticles returns up to n articles of news_ukraine_war cut to their
// first 700 words (those shorter are skipped).
func newsArticles(b *testing.B, n int) []muster.Document {
	path := filepath.Join("..", "..", "shared", "data", "news_ukraine_war", "news_ukraine_war.jsonl.gz")
	if _, err := os.Stat(path); err != nil {
		b.Skipf("news_ukraine_war not found (%v): ../shared must sit beside the repository", err)
	}
	var docs []muster.Document
	err := ingest.Walk(context.Background(), []string{path}, ingest.Options{}, nil, func(it ingest.Item) error {
		if it.Err != nil || len(docs) >= n {
			return nil
		}
		words := strings.Fields(it.Doc.Text)
		if len(words) < 700 {
			return nil
		}
		d := it.Doc
		d.SetText(strings.Join(words[:700], " "))
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(docs) == 0 {
		b.Skip("no article of 700 words")
	}
	return docs
}

// BenchmarkAnalyzeNews runs the whole pipeline (no store) over 100
// 700-word news articles, with and without the syntax layer, reporting
// articles per second.
func BenchmarkAnalyzeNews(b *testing.B) {
	docs := newsArticles(b, 100)
	for _, bc := range []struct {
		name string
		opt  pipeline.Options
	}{{"parse", pipeline.Options{}}, {"noparse", pipeline.Options{NoSyntax: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			p, err := pipeline.New(bc.opt)
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			var ru0, ru1 syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru0)
			for b.Loop() {
				for _, d := range docs {
					if _, err := p.Analyze(context.Background(), d, nil); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "articles/s")
			// CPU time, which a loaded machine inflates less than wall time.
			syscall.Getrusage(syscall.RUSAGE_SELF, &ru1)
			cpu := float64(ru1.Utime.Sec+ru1.Stime.Sec-ru0.Utime.Sec-ru0.Stime.Sec) + float64(ru1.Utime.Usec+ru1.Stime.Usec-ru0.Utime.Usec-ru0.Stime.Usec)/1e6
			if cpu > 0 {
				b.ReportMetric(float64(b.N*len(docs))/cpu, "articles/cpu-s")
			}
		})
	}
}
