package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func newGzipWriter(w io.Writer) *gzip.Writer { return gzip.NewWriter(w) }

// warcRec is a record to write in tests.
type warcRec struct {
	typ, uri, contentType string
	body                  string
}

// writeWARC writes records as WARC/1.1 (or 1.0 for odd records), each record
// gzipped on its own when gz is set.
func writeWARC(t testing.TB, w io.Writer, gz bool, recs []warcRec) {
	t.Helper()
	date := time.Date(2023, 5, 25, 6, 0, 0, 0, time.UTC)
	for i, r := range recs {
		var b bytes.Buffer
		version := "WARC/1.1"
		if i%2 == 1 {
			version = "WARC/1.0"
		}
		fmt.Fprintf(&b, "%s\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\nWARC-Date: %s\r\n", version, r.typ, i, date.Add(time.Duration(i)*time.Minute).Format(time.RFC3339))
		if r.uri != "" {
			fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", r.uri)
		}
		fmt.Fprintf(&b, "Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", r.contentType, len(r.body), r.body)
		if gz {
			zw := gzip.NewWriter(w)
			zw.Write(b.Bytes())
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
		} else if _, err := w.Write(b.Bytes()); err != nil {
			t.Fatal(err)
		}
	}
}

func httpResp(status, contentType, extraHeaders, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n%s", status, contentType, extraHeaders, len(body), body)
}

func chunked(status, contentType, body string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "HTTP/1.1 %s\r\nContent-Type: %s\r\nTransfer-Encoding: chunked\r\n\r\n", status, contentType)
	for len(body) > 0 {
		n := min(len(body), 97)
		fmt.Fprintf(&b, "%x\r\n%s\r\n", n, body[:n])
		body = body[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.String()
}

const warcPage = `<!DOCTYPE html><html lang="en"><head><title>Raid on Bryansk village | Border Post</title>
<meta property="og:site_name" content="Border Post"><meta property="og:title" content="Raid on Bryansk village">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Raid on Bryansk village</h1>
<p>Armed men crossed into the Bryansk region on Thursday and briefly held positions near a village, Russian officials said.</p>
<p>A group of Russian exiles fighting for Ukraine later said its members had carried out the raid and returned safely. Officials in Moscow called them saboteurs.</p>
</article><footer>Copyright Border Post</footer></body></html>`

const warcPage2 = `<html><head><title>Evacuation continues</title><meta property="article:published_time" content="2023-05-24T10:00:00Z"></head><body><div class="story">
<p>Evacuation of border villages continued on Wednesday, the regional governor said, as officials counted the damage left by two days of fighting.</p>
<p>He said about 500 people were staying in temporary accommodation. No figure for military losses was given.</p></div></body></html>`

// warcRecords is the content of testdata/warc/crawl.warc(.gz).
func warcRecords(t testing.TB) []warcRec {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(warcPage2))
	zw.Close()
	return []warcRec{
		{typ: "warcinfo", contentType: "application/warc-fields", body: "software: muster test\r\nformat: WARC File Format 1.1\r\n"},
		{typ: "request", uri: "https://borderpost.example.com/raid", contentType: "application/http; msgtype=request", body: "GET /raid HTTP/1.1\r\nHost: borderpost.example.com\r\n\r\n"},
		{typ: "response", uri: "https://borderpost.example.com/raid", contentType: "application/http; msgtype=response", body: httpResp("200 OK", "text/html; charset=utf-8", "", warcPage)},
		{typ: "response", uri: "<https://borderpost.example.com/missing>", contentType: "application/http; msgtype=response", body: httpResp("404 Not Found", "text/html", "", "<p>not found</p>")},
		{typ: "response", uri: "https://borderpost.example.com/logo.png", contentType: "application/http; msgtype=response", body: httpResp("200 OK", "image/png", "", "\x89PNG\r\n\x1a\n\x00\x00")},
		{typ: "response", uri: "https://borderpost.example.com/evacuation", contentType: "application/http;msgtype=response", body: chunked("200 OK", "text/html", warcPage2)},
		{typ: "response", uri: "https://borderpost.example.com/evacuation-gz", contentType: "application/http; msgtype=response", body: httpResp("200 OK", "text/html", "Content-Encoding: gzip\r\n", gz.String())},
		{typ: "resource", uri: "file:///notes/briefing.txt", contentType: "text/plain", body: "Briefing note\n\nThe regional administration said on Friday that schools near the border would stay closed for another week."},
		{typ: "conversion", uri: "https://borderpost.example.com/raid.pdf", contentType: "text/plain; charset=utf-8", body: "Officials in Bryansk said the raid lasted several hours and that two civilians were wounded."},
		{typ: "metadata", uri: "https://borderpost.example.com/raid", contentType: "application/warc-fields", body: "outlink: https://borderpost.example.com/news\r\n"},
		{typ: "response", uri: "https://borderpost.example.com/broken", contentType: "application/http; msgtype=response", body: "this is not HTTP"},
	}
}

// writeWARCTestdata regenerates the WARC inputs of TestGolden (run with -update).
func writeWARCTestdata(t *testing.T) {
	for _, gz := range []bool{false, true} {
		var b bytes.Buffer
		writeWARC(t, &b, gz, warcRecords(t))
		name := filepath.Join("testdata", "warc", "crawl.warc")
		if gz {
			name += ".gz"
		}
		if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWARC checks what each record of the test crawl yields, uncompressed,
// gzipped per record and gzipped as a whole file.
func TestWARC(t *testing.T) {
	var plain, perRecord bytes.Buffer
	writeWARC(t, &plain, false, warcRecords(t))
	writeWARC(t, &perRecord, true, warcRecords(t))
	whole := gzipBytes(t, plain.Bytes())
	for _, c := range []struct {
		name string
		data []byte
	}{{"crawl.warc", plain.Bytes()}, {"crawl.warc.gz", perRecord.Bytes()}, {"whole.warc.gz", whole}, {"noext", plain.Bytes()}} {
		t.Run(c.name, func(t *testing.T) {
			items := readAll(t, c.name, c.data, testOptions())
			var got []string
			for _, it := range items {
				checkItem(t, it)
				if it.Err != nil {
					got = append(got, it.Where+" error")
					continue
				}
				got = append(got, fmt.Sprintf("%s %s %s %s", it.Where, it.Doc.Format, it.Doc.URL, it.Doc.Published.Format("2006-01-02T15:04")))
			}
			want := []string{
				c.name + "#3 warc https://borderpost.example.com/raid 2023-05-25T06:02",
				c.name + "#6 warc https://borderpost.example.com/evacuation 2023-05-24T10:00",
				c.name + "#7 warc https://borderpost.example.com/evacuation-gz 2023-05-24T10:00",
				c.name + "#8 warc file:///notes/briefing.txt 2023-05-25T06:07",
				c.name + "#9 warc https://borderpost.example.com/raid.pdf 2023-05-25T06:08",
				c.name + "#11 error",
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			if items[0].Doc.Title != "Raid on Bryansk village" || items[0].Doc.Publisher != "Border Post" {
				t.Errorf("record 3 title/publisher = %q/%q", items[0].Doc.Title, items[0].Doc.Publisher)
			}
			if items[1].Doc.ID != items[2].Doc.ID {
				t.Errorf("chunked and gzip-encoded copies of one page differ")
			}
		})
	}
}

func TestWARCBad(t *testing.T) {
	var good bytes.Buffer
	writeWARC(t, &good, false, warcRecords(t)[2:3])
	opt := testOptions()
	cases := []struct {
		name string
		data []byte
		max  int64
		want []error // per item, nil for a document
	}{
		{"truncated body", good.Bytes()[:good.Len()-200], 0, []error{ErrMalformed}},
		{"bad content length", []byte("WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: abc\r\n\r\n"), 0, []error{ErrMalformed}},
		{"header never ends", []byte("WARC/1.0\r\nWARC-Type: resource\r\n"), 0, []error{ErrMalformed}},
		{"garbage between records", append(append([]byte{}, good.Bytes()...), "garbage\r\n"...), 0, []error{nil, ErrMalformed}},
		{"oversized record is skipped", append(bigRecord(t, "text/plain"), good.Bytes()...), 4000, []error{ErrTooLarge, nil}},
		{"oversized record we do not want is skipped silently", append(bigRecord(t, "application/octet-stream"), good.Bytes()...), 4000, []error{nil}},
		{"only skipped records", func() []byte { var b bytes.Buffer; writeWARC(t, &b, false, warcRecords(t)[:2]); return b.Bytes() }(), 0, []error{ErrNoText}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := opt
			o.MaxBytes = c.max
			items := readAll(t, "x.warc", c.data, o)
			if len(items) != len(c.want) {
				t.Fatalf("got %d items %+v, want %d", len(items), items, len(c.want))
			}
			for i, it := range items {
				checkItem(t, it)
				if c.want[i] == nil && it.Err != nil || c.want[i] != nil && !errors.Is(it.Err, c.want[i]) {
					t.Errorf("item %d: err = %v, want %v", i, it.Err, c.want[i])
				}
			}
		})
	}
}

func bigRecord(t testing.TB, contentType string) []byte {
	var b bytes.Buffer
	writeWARC(t, &b, false, []warcRec{{typ: "resource", uri: "x", contentType: contentType, body: strings.Repeat("Long text. ", 1000)}})
	return b.Bytes()
}

func FuzzWARC(f *testing.F) {
	for _, p := range []string{"testdata/warc/crawl.warc", "testdata/warc/crawl.warc.gz"} {
		seed, _ := os.ReadFile(p)
		f.Add(seed)
	}
	f.Add([]byte("WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		opt := testOptions()
		opt.MaxBytes = 1 << 16
		for _, it := range readAll(t, "fuzz.warc", data, opt) {
			checkItem(t, it)
		}
	})
}
