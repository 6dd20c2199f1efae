package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
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
