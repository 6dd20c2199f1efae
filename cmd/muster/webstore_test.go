package main

import (
	"bufio"
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"
)

// newsPath is the news_ukraine_war articles (DESIGN §7), beside the repo.
const newsPath = "../../../shared/data/news_ukraine_war/news_ukraine_war.jsonl.gz"

// webStore builds a SQLite store from the bundled examples and the first
// n news_ukraine_war articles, through the real ingest command. Without
// ../shared the store holds the examples only, and news reports false.
func buildWebStore(t testing.TB, n int) (db string, news bool) {
	t.Helper()
	dir := t.TempDir()
	db = filepath.Join(dir, "web.db")
	inputs := []string{"../../examples"}
	if n > 0 {
		if lines, err := firstLines(newsPath, n); err == nil {
			p := filepath.Join(dir, "news.jsonl")
			if err := os.WriteFile(p, lines, 0o644); err != nil {
				t.Fatal(err)
			}
			inputs = append(inputs, p)
			news = true
		} else {
			t.Logf("news_ukraine_war not found (%v): the store holds the examples only", err)
		}
	}
	if _, stderr, err := run(t.(*testing.T), db, append([]string{"ingest", "-q"}, inputs...)...); err != nil {
		t.Fatalf("ingest: %v\n%s", err, stderr)
	}
	return db, news
}

// firstLines returns the first n lines of a gzip'd file.
func firstLines(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	var out []byte
	for i := 0; i < n && sc.Scan(); i++ {
		out = append(out, sc.Bytes()...)
		out = append(out, '\n')
	}
	return out, sc.Err()
}
