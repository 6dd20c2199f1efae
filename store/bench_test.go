package store_test

import (
	"context"
	"testing"
)

// BenchmarkSave saves realistic analyses (a 6 KB text, 100 claims, 50
// mentions, 10 shared entities with aliases, 3 events), each a new document.
func BenchmarkSave(b *testing.B) {
	for _, backend := range backends {
		b.Run(backend, func(b *testing.B) {
			ctx := context.Background()
			db := MustOpen(b, backend)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				a := bigAnalysis(i, 100, 50)
				b.StartTimer()
				if _, err := db.Save(ctx, a); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSearch searches 200 stored documents.
func BenchmarkSearch(b *testing.B) {
	for _, backend := range backends {
		b.Run(backend, func(b *testing.B) {
			ctx := context.Background()
			db := MustOpen(b, backend)
			for i := range 200 {
				if _, err := db.Save(ctx, bigAnalysis(i, 5, 5)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				hits, err := db.Search(ctx, "Legion Shebekino", 10)
				if err != nil || len(hits) != 10 {
					b.Fatalf("Search = %d hits, %v", len(hits), err)
				}
			}
		})
	}
}
