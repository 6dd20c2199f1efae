package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzText reads arbitrary bytes as a plain-text article: no panic, and
// every item holds the Item invariants (a document with valid UTF-8 and
// the hash of its text, or an invalid-input error naming the input).
func FuzzText(f *testing.F) {
	for _, p := range []string{"testdata/text/messy.txt", "testdata/text/russian.txt", "testdata/text/headline.txt"} {
		seed, _ := os.ReadFile(p)
		f.Add(seed)
	}
	f.Add([]byte("Title\n\n\n\xff\xfe body"))
	f.Add([]byte("\ufeffBOM first\r\nline"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		for _, it := range readAll(t, "fuzz.txt", data, testOptions()) {
			checkItem(t, it)
		}
	})
}

// FuzzRead reads arbitrary bytes under each name whose extension picks a
// format, plain and gzipped: format detection and every reader behind it
// hold the Item invariants and never panic.
func FuzzRead(f *testing.F) {
	for _, p := range []string{"testdata/warc/crawl.warc", "testdata/jsonl/articles.jsonl", "testdata/feed/rss.xml", "testdata/html/article.html"} {
		seed, _ := os.ReadFile(p)
		f.Add(seed, false)
	}
	f.Add([]byte(`{"text":"x"}`), true)
	f.Fuzz(func(t *testing.T, data []byte, gz bool) {
		if len(data) > 1<<16 {
			return
		}
		if gz {
			var b bytes.Buffer
			w := gzip.NewWriter(&b)
			w.Write(data)
			w.Close()
			data = b.Bytes()
		}
		for _, name := range []string{"in", "in.txt", "in.html", "in.jsonl", "in.xml", "in.warc", "in.warc.gz"} {
			for _, it := range readAll(t, name, data, testOptions()) {
				checkItem(t, it)
			}
		}
	})
}

// FuzzParseTime parses arbitrary date strings as JSON Lines and feeds
// carry them: no panic, and a parsed time formats and parses back.
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2023-05-24", "2023-05-24T06:00:00Z", "Wed, 24 May 2023 06:00:00 GMT", "24/05/2023", "May 24, 2023", "1684908000", "", "2023-13-45"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 200 {
			return
		}
		tm, err := parseTime(s)
		if err != nil {
			return
		}
		back, err := time.Parse(time.RFC3339Nano, tm.Format(time.RFC3339Nano))
		if err != nil || !back.Equal(tm) {
			t.Fatalf("parseTime(%q) = %v, which does not round-trip: %v, %v", s, tm, back, err)
		}
	})
}

// FuzzRecordRanges checks on arbitrary JSON Lines and WARC input that
// reading it in two record ranges split anywhere yields exactly the items
// of one whole read (what workers sharing a file rely on).
func FuzzRecordRanges(f *testing.F) {
	for _, p := range []string{"testdata/warc/crawl.warc", "testdata/jsonl/articles.jsonl"} {
		seed, _ := os.ReadFile(p)
		f.Add(seed, uint8(3))
	}
	f.Fuzz(func(t *testing.T, data []byte, split uint8) {
		if len(data) > 1<<16 {
			return
		}
		for _, name := range []string{"in.jsonl", "in.warc"} {
			// Problems of the whole input (empty, no text) are a whole
			// read's to report; ranges report their records'.
			var whole []string
			for _, it := range itemsOf(t, name, data, Range{}) {
				if !strings.HasPrefix(it, name+" ") {
					whole = append(whole, it)
				}
			}
			cut := int(split) + 2 // Range{From: 1} is a whole read
			var got []string
			wholeErrs := 0
			for _, it := range append(itemsOf(t, name, data, Range{From: 1, To: cut}), itemsOf(t, name, data, Range{From: cut})...) {
				if strings.HasPrefix(it, name+" ") {
					wholeErrs++
				} else {
					got = append(got, it)
				}
			}
			if wholeErrs > 1 {
				t.Fatalf("%s split at record %d: the whole input's problem reported %d times", name, cut, wholeErrs)
			}
			if !slices.Equal(got, whole) {
				t.Fatalf("%s split at record %d:\n got %q\nwant %q", name, cut, got, whole)
			}
		}
	})
}

// itemsOf reads data in range r and names each item by where it is and
// what it holds.
func itemsOf(t *testing.T, name string, data []byte, r Range) []string {
	opt := testOptions()
	opt.Records = r
	var out []string
	err := Read(context.Background(), name, bytes.NewReader(data), opt, func(it Item) error {
		if it.Err != nil {
			out = append(out, it.Where+" error "+it.Err.Error())
		} else {
			out = append(out, it.Where+" "+it.Doc.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Read(%s, %+v) = %v", name, r, err)
	}
	return out
}
