package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/pipeline"
)

// newsPath is the real articles the throughput benchmarks read (see
// ../shared/data/news_ukraine_war/README.md).
var newsPath = filepath.Join("..", "..", "shared", "data", "news_ukraine_war", "news_ukraine_war.jsonl.gz")

var (
	newsOnce sync.Once
	newsDocs []muster.Document
)

// news returns the articles of news_ukraine_war, or skips.
func news(tb testing.TB) []muster.Document {
	tb.Helper()
	newsOnce.Do(func() {
		_ = ingest.Walk(context.Background(), []string{newsPath}, ingest.Options{}, nil, func(it ingest.Item) error {
			if it.Err == nil {
				newsDocs = append(newsDocs, it.Doc)
			}
			return nil
		})
	})
	if len(newsDocs) == 0 {
		tb.Skipf("%s not found: the scale benchmarks need ../shared beside the repository", newsPath)
	}
	return newsDocs
}

// bigDocument concatenates real articles, in order and round again, into
// one document of at least size bytes: a long page of real prose, as a
// crawl of a live blog or a digest gives.
func bigDocument(tb testing.TB, size int) muster.Document {
	docs := news(tb)
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(docs[i%len(docs)].Text)
		b.WriteString("\n\n")
	}
	var d muster.Document
	d.SetText(b.String())
	return d
}

// BenchmarkAnalyzeSize analyses single documents of 64 KB, 1 MB and 8 MB
// (issue 14: every stage linear or n log n in the size; 8 MB at most 10×
// the cost of 1 MB). Compare ns/op between the sizes, and MB/s.
func BenchmarkAnalyzeSize(b *testing.B) {
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	for _, size := range []int{64 << 10, 1 << 20, 8 << 20} {
		if size > 1<<20 && os.Getenv("MUSTER_BENCH_8MB") == "" && testing.Short() {
			continue
		}
		d := bigDocument(b, size)
		b.Run(fmt.Sprintf("%dKB", size>>10), func(b *testing.B) {
			b.SetBytes(int64(len(d.Text)))
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				if _, err := p.Analyze(context.Background(), d, nil); err != nil {
					b.Fatal(err)
				}
			}
			// CPU time, which the other processes of a loaded machine
			// distort less than wall time.
			b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(maxRSS())/(1<<20), "maxrss-MB")
		})
	}
}

// BenchmarkPipelineNews runs the pipeline without a store over the real
// articles of news_ukraine_war: the baseline the ingest benchmarks
// (cmd/muster BenchmarkIngest) are measured against.
func BenchmarkPipelineNews(b *testing.B) {
	docs := news(b)
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		d := docs[n%len(docs)]
		n++
		if _, err := p.Analyze(context.Background(), d, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// cpuTime returns the CPU time (user and system) the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// maxRSS returns the process's peak resident memory in bytes (Linux
// reports kilobytes).
func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss << 10
}
