package syntax_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/syntax"
)

var newsPath = filepath.Join("..", "..", "..", "shared", "data", "news_ukraine_war", "news_ukraine_war.jsonl.gz")

// newsDocs returns the first n articles of news_ukraine_war, segmented.
func newsDocs(tb testing.TB, n int) []*nlp.Doc {
	tb.Helper()
	f, err := os.Open(newsPath)
	if err != nil {
		tb.Skipf("news_ukraine_war not found (%v): ../shared must sit beside the repository", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var docs []*nlp.Doc
	for sc.Scan() && len(docs) < n {
		var a struct{ Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		d := nlp.NewDoc(a.Text)
		segment.Segment(d)
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkSyntax tags, lemmatises and parses 200 news articles already
// segmented, reporting tokens per second and the peak resident memory of
// the benchmark process (the model, the articles and the test binary).
func BenchmarkSyntax(b *testing.B) {
	docs := newsDocs(b, 200)
	a, err := syntax.New()
	if err != nil {
		b.Fatal(err)
	}
	toks := 0
	for _, d := range docs {
		toks += len(d.Tokens)
	}
	b.ReportAllocs()
	cpu0 := cpuSeconds()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			if err := a.Annotate(context.Background(), d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*toks)/b.Elapsed().Seconds(), "tokens/s")
	// CPU time, which a loaded machine inflates less than wall time.
	if cpu := cpuSeconds() - cpu0; cpu > 0 {
		b.ReportMetric(float64(b.N*toks)/cpu, "tokens/cpu-s")
	}
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
}

// cpuSeconds returns the process's user and system CPU time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
}
