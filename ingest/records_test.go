package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestRecordRanges reads each multi-record test file whole and then in
// record ranges of every width, as workers sharing the file do, and checks
// that the ranges together yield exactly the items of the whole read, each
// once and in order.
func TestRecordRanges(t *testing.T) {
	ctx := context.Background()
	fixed := func() time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC) }
	for _, file := range []string{"warc/crawl.warc", "warc/crawl.warc.gz", "jsonl/articles.jsonl", "feed/rss.xml", "feed/atom.xml", "text/messy.txt"} {
		t.Run(file, func(t *testing.T) {
			path := filepath.Join("testdata", file)
			items := func(r Range) []string {
				var out []string
				err := Walk(ctx, []string{path}, Options{Now: fixed, Records: r}, nil, func(it Item) error {
					if it.Err != nil {
						out = append(out, "error "+it.Where+": "+it.Err.Error())
					} else {
						out = append(out, it.Where+" "+it.Doc.ID)
					}
					return nil
				})
				if err != nil {
					t.Fatalf("Walk(%+v): %v", r, err)
				}
				return out
			}
			whole := items(Range{})
			n, err := CountRecords(ctx, path, Options{})
			if err != nil {
				t.Fatalf("CountRecords: %v", err)
			}
			if n < len(whole) {
				t.Fatalf("CountRecords = %d, fewer than the %d items of a whole read", n, len(whole))
			}
			for width := 1; width <= n; width++ {
				var got []string
				for from := 1; from <= n; from += width {
					to := from + width
					if to > n {
						to = 0 // the last range runs to the end
					}
					got = append(got, items(Range{From: from, To: to})...)
				}
				if !slices.Equal(got, whole) {
					t.Errorf("ranges of %d records of %d:\n got %q\nwant %q", width, n, got, whole)
				}
			}
			if got := items(Range{From: n + 1}); len(got) != 0 {
				t.Errorf("a range past the end yields %q", got)
			}
			t.Log(fmt.Sprintf("%d records, %d items", n, len(whole)))
		})
	}
}
