package ingest

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func TestJSONLFields(t *testing.T) {
	const text = "The group said on Monday that it crossed the border."
	cases := []struct {
		name, line                              string
		title, url, publisher, byline, language string
		published                               time.Time
	}{
		{"canonical names", `{"title":"T","url":"https://a.example/1","publisher":"P","published":"2023-05-22T10:00:00Z","text":"` + text + `","byline":"B"}`,
			"T", "https://a.example/1", "P", "B", "en", time.Date(2023, 5, 22, 10, 0, 0, 0, time.UTC)},
		{"synonyms", `{"headline":"T","link":"https://a.example/2","source":"P","date":"2023-05-22","content":"` + text + `","author":"B","lang":"en-GB"}`,
			"T", "https://a.example/2", "P", "B", "en", time.Date(2023, 5, 22, 0, 0, 0, 0, time.UTC)},
		{"body and authors list", `{"body":"` + text + `","authors":["A","B"],"pubDate":"Mon, 22 May 2023 10:00:00 +0300"}`,
			"", "", "", "A, B", "en", time.Date(2023, 5, 22, 7, 0, 0, 0, time.UTC)},
		{"source object and unix time", `{"maintext":"` + text + `","source":{"id":"x","name":"P"},"published":1684749600}`,
			"", "", "P", "", "en", time.Unix(1684749600, 0).UTC()},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items := readAll(t, "a.jsonl", []byte(c.line), testOptions())
			if len(items) != 1 || items[0].Err != nil {
				t.Fatalf("items = %+v", items)
			}
			d := items[0].Doc
			if d.Title != c.title || d.URL != c.url || d.Publisher != c.publisher || d.Byline != c.byline || d.Language != c.language || !d.Published.Equal(c.published) || d.Text != text {
				t.Errorf("got %q %q %q %q %q %v %q", d.Title, d.URL, d.Publisher, d.Byline, d.Language, d.Published, d.Text)
			}
		})
	}
}

// TestJSONLBadLines checks that each bad line is an error naming its line
// and that the good lines around it are still read.
func TestJSONLBadLines(t *testing.T) {
	good := `{"text":"Officials said the raid was over."}`
	lines := []string{
		good,
		`{"text": "unterminated`,
		`{"title":"no text"}`,
		"{\"text\":\"caf\xe9\"}",
		`[1,2,3]`,
		`{"text":"` + strings.Repeat("x", 300) + `"}`,
		`{"text":"   "}`,
		good + " ",
	}
	opt := testOptions()
	opt.MaxBytes = 200
	items := readAll(t, "feed.jsonl", []byte(strings.Join(lines, "\r\n")), opt)
	want := []struct {
		where string
		err   error
	}{
		{"feed.jsonl:1", nil},
		{"feed.jsonl:2", ErrMalformed},
		{"feed.jsonl:3", ErrNoText},
		{"feed.jsonl:4", ErrInvalidUTF8},
		{"feed.jsonl:5", ErrMalformed},
		{"feed.jsonl:6", ErrTooLarge},
		{"feed.jsonl:7", ErrNoText},
		{"feed.jsonl:8", nil},
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d: %+v", len(items), len(want), items)
	}
	for i, w := range want {
		it := items[i]
		checkItem(t, it)
		if it.Where != w.where {
			t.Errorf("item %d where = %q, want %q", i, it.Where, w.where)
		}
		if w.err == nil && it.Err != nil || w.err != nil && !errors.Is(it.Err, w.err) {
			t.Errorf("%s: err = %v, want %v", w.where, it.Err, w.err)
		}
		if w.err != nil && !strings.Contains(it.Err.Error(), w.where) {
			t.Errorf("error %q does not name %s", it.Err, w.where)
		}
	}
}

func FuzzJSONL(f *testing.F) {
	seed, _ := os.ReadFile("testdata/jsonl/articles.jsonl")
	f.Add(seed)
	f.Add([]byte(`{"text":"a\u0000b","title":["x",{"name":"y"}],"published":1e30}`))
	f.Add([]byte("{\"text\":\"\\ud800 lone surrogate\"}\n\n{"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		for _, it := range readAll(t, "fuzz.jsonl", data, testOptions()) {
			checkItem(t, it)
		}
	})
}
