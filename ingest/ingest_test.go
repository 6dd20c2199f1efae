package ingest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/muster-osint/muster"
)

var update = flag.Bool("update", false, "rewrite golden files and generated testdata")

// testNow is the fixed clock of every test, so golden files are stable.
var testNow = time.Date(2023, 6, 10, 12, 0, 0, 0, time.UTC)

func testOptions() Options { return Options{Now: func() time.Time { return testNow }} }

// readAll runs Read over data and returns every Item, failing the test if
// Read itself returns an error.
func readAll(t testing.TB, name string, data []byte, opt Options) []Item {
	t.Helper()
	var items []Item
	err := Read(context.Background(), name, bytes.NewReader(data), opt, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("Read(%s) = %v", name, err)
	}
	return items
}

// checkItem checks the invariants every Item must hold.
func checkItem(t testing.TB, it Item) {
	t.Helper()
	if (it.Err == nil) == (it.Doc.ID == "") {
		t.Fatalf("%s: item must have exactly one of Doc and Err: %+v", it.Where, it)
	}
	if it.Err != nil {
		if muster.ErrorKind(it.Err) != muster.KindInvalid {
			t.Errorf("%s: error %v has kind %s, want invalid", it.Where, it.Err, muster.ErrorKind(it.Err))
		}
		return
	}
	d := it.Doc
	if !utf8.ValidString(d.Text) || !utf8.ValidString(d.Title) || !utf8.ValidString(d.Publisher) || !utf8.ValidString(d.Byline) {
		t.Fatalf("%s: invalid UTF-8 in document", it.Where)
	}
	if d.Hash != muster.ContentHash(d.Text) || d.ID != muster.DocumentID(d.Hash) {
		t.Fatalf("%s: hash/id do not match the text", it.Where)
	}
	if d.Text == "" {
		t.Fatalf("%s: empty text", it.Where)
	}
	if again, err := Normalize(d.Text); err != nil || again != d.Text {
		t.Fatalf("%s: text is not normalised (Normalize changes it)", it.Where)
	}
}

// goldenItem is an Item as golden files show it.
type goldenItem struct {
	Where string           `json:"where"`
	Err   string           `json:"error,omitempty"`
	Doc   *muster.Document `json:"doc,omitempty"`
}

func golden(items []Item) []goldenItem {
	var out []goldenItem
	for _, it := range items {
		g := goldenItem{Where: filepath.ToSlash(it.Where)}
		if it.Err != nil {
			g.Err = it.Err.Error()
		} else {
			d := it.Doc
			d.Source = filepath.ToSlash(d.Source)
			g.Doc = &d
		}
		out = append(out, g)
	}
	return out
}

// TestGolden reads every input under testdata/{text,html,jsonl,feed,warc}
// and compares the items (normalised text, metadata, errors) with
// testdata/golden/<dir>_<file>.golden.json.
func TestGolden(t *testing.T) {
	if *update {
		writeWARCTestdata(t)
	}
	var inputs []string
	for _, dir := range []string{"text", "html", "jsonl", "feed", "warc"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*"))
		if err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, files...)
	}
	if len(inputs) < 12 {
		t.Fatalf("found only %d testdata inputs", len(inputs))
	}
	for _, path := range inputs {
		t.Run(filepath.ToSlash(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			items := readAll(t, filepath.ToSlash(path), data, testOptions())
			for _, it := range items {
				checkItem(t, it)
			}
			got, err := json.MarshalIndent(golden(items), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			gpath := filepath.Join("testdata", "golden", strings.ReplaceAll(strings.TrimPrefix(filepath.ToSlash(path), "testdata/"), "/", "_")+".golden.json")
			if *update {
				if err := os.WriteFile(gpath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(gpath)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", path, gpath, diff)
			}
		})
	}
}

// errorCase is a bad input and the sentinel error it must produce.
type errorCase struct {
	name string
	file string
	data []byte
	want error
}

func TestReadBadInput(t *testing.T) {
	cases := []errorCase{
		{"empty file", "empty.txt", nil, ErrEmpty},
		{"only whitespace", "blank.txt", []byte(" \n\t\r\n "), ErrEmpty},
		{"only a BOM", "bom.txt", []byte("\xEF\xBB\xBF\n"), ErrEmpty},
		{"NUL bytes", "image.txt", []byte("PNG\x00\x00\x01IHDR"), ErrBinary},
		{"mostly control bytes", "noise.txt", bytes.Repeat([]byte("ab\x01\x02\x03"), 100), ErrBinary},
		{"mostly non-UTF-8 bytes", "blob", bytes.Repeat([]byte{0xff, 0xfe, 0x80, 'a'}, 100), ErrInvalidUTF8},
		{"invalid UTF-8 in text", "latin1.txt", []byte("Caf\xe9 owners said on Monday that the shelling stopped."), ErrInvalidUTF8},
		{"invalid UTF-8 in HTML", "latin1.html", []byte("<html><body><p>Caf\xe9 owners said on Monday that the shelling stopped.</p></body></html>"), ErrInvalidUTF8},
		{"HTML without text", "empty.html", []byte("<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav><script>var a=1;</script></body></html>"), ErrNoText},
		{"HTML only markup", "markup.html", []byte("<html><body><div><img src=a.png></div></body></html>"), ErrNoText},
		{"malformed feed", "broken.rss", []byte("<rss><channel><item><title>x</title></channel>"), ErrMalformed},
		{"feed without items", "none.rss", []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>`), ErrNoText},
		{"jsonl of blank lines", "blank.jsonl", []byte("\n\n  \n"), ErrEmpty},
		{"empty jsonl", "empty.jsonl", nil, ErrEmpty},
		{"truncated gzip", "cut.txt.gz", gzipBytes(t, []byte("Officials said the attack began at dawn."))[:20], ErrMalformed},
		{"not a WARC", "junk.warc", []byte("hello, this is not a WARC file\n"), ErrMalformed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			items := readAll(t, c.file, c.data, testOptions())
			if len(items) != 1 {
				t.Fatalf("got %d items, want 1 error: %+v", len(items), items)
			}
			checkItem(t, items[0])
			err := items[0].Err
			if !errors.Is(err, c.want) {
				t.Fatalf("error = %v, want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), c.file) {
				t.Errorf("error %q does not name the file %q", err, c.file)
			}
		})
	}
}

func TestReadTooLarge(t *testing.T) {
	opt := testOptions()
	opt.MaxBytes = 100
	data := bytes.Repeat([]byte("Shelling was reported on Monday. "), 10)
	items := readAll(t, "long.txt", data, opt)
	if len(items) != 1 || !errors.Is(items[0].Err, ErrTooLarge) {
		t.Fatalf("items = %+v, want one ErrTooLarge", items)
	}
	// Exactly at the limit is fine.
	opt.MaxBytes = int64(len(data))
	items = readAll(t, "long.txt", data, opt)
	if len(items) != 1 || items[0].Err != nil {
		t.Fatalf("items = %+v, want one document", items)
	}
}

// TestReadCallbackError checks that fn's error stops Read and comes back as is.
func TestReadCallbackError(t *testing.T) {
	stop := errors.New("stop")
	data, err := os.ReadFile("testdata/jsonl/articles.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	err = Read(context.Background(), "a.jsonl", bytes.NewReader(data), testOptions(), func(Item) error {
		calls++
		return stop
	})
	if err != stop || calls != 1 {
		t.Fatalf("Read = %v after %d calls, want stop after 1", err, calls)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Read(ctx, "a.jsonl", bytes.NewReader(data), testOptions(), func(Item) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("Read with cancelled ctx = %v", err)
	}
}

func TestOptionsOverride(t *testing.T) {
	pub := time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC)
	opt := testOptions()
	opt.Publisher, opt.Published, opt.URL, opt.Title, opt.Language = "The Hill", pub, "https://example.com/x", "Given title", "en"
	text := []byte("Some headline\n\nThe group said on Monday that it had crossed the border.")
	items := readAll(t, "a.txt", text, opt)
	want := muster.Document{Title: "Given title", URL: "https://example.com/x", Publisher: "The Hill", Published: pub, Language: "en", Format: "text", Source: "a.txt", Ingested: testNow}
	got := items[0].Doc
	got.Text, got.Hash, got.ID = "", "", ""
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("text doc (-want +got):\n%s", diff)
	}
	// JSON Lines: options fill only what a record leaves empty.
	line := []byte(`{"title":"Own title","publisher":"Own","text":"The group said it crossed the border."}` + "\n" + `{"text":"Another report said the group withdrew."}`)
	items = readAll(t, "a.jsonl", line, opt)
	if len(items) != 2 {
		t.Fatalf("got %d items", len(items))
	}
	if d := items[0].Doc; d.Title != "Own title" || d.Publisher != "Own" || !d.Published.Equal(pub) {
		t.Errorf("jsonl record 1 = %q %q %v, want its own title and publisher, filled date", d.Title, d.Publisher, d.Published)
	}
	if d := items[1].Doc; d.Title != "Given title" || d.Publisher != "The Hill" {
		t.Errorf("jsonl record 2 = %q %q, want filled from options", d.Title, d.Publisher)
	}
}

// TestReadIdentity checks that the same article in different wrappings gets
// the same identity, so re-ingesting it is a no-op.
func TestReadIdentity(t *testing.T) {
	a := readAll(t, "a.txt", []byte("Title line\r\n\r\nBody   text here."), testOptions())
	b := readAll(t, "b.txt", []byte("\xEF\xBB\xBFTitle line\n\n\n\nBody text here.  \n"), testOptions())
	c := readAll(t, "c.jsonl", []byte(`{"text":"Title line\n\nBody text here."}`), testOptions())
	if a[0].Doc.ID != b[0].Doc.ID || a[0].Doc.ID != c[0].Doc.ID {
		t.Fatalf("ids differ: %s %s %s", a[0].Doc.ID, b[0].Doc.ID, c[0].Doc.ID)
	}
}

func gzipBytes(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := newGzipWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
