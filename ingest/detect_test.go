package ingest

import "testing"

func TestDetect(t *testing.T) {
	cases := []struct{ name, file, head, want string }{
		{"txt extension", "a.txt", "<html><body>x</body></html>", FormatText},
		{"html extension", "a.htm", "plain words", FormatHTML},
		{"jsonl extension", "a.ndjson", "", FormatJSONL},
		{"warc.gz extension", "crawl.warc.gz", "", FormatWARC},
		{"rss extension", "x.rss", "", FormatFeed},
		{"xml sniffed as feed", "x.xml", `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">`, FormatFeed},
		{"xml sniffed as xhtml", "x.xml", `<!DOCTYPE html><html>`, FormatHTML},
		{"no extension: warc", "-", "WARC/1.1\r\n", FormatWARC},
		{"no extension: json", "-", "\ufeff  {\"text\":1}", FormatJSONL},
		{"no extension: rss", "stdin", `<?xml version="1.0"?>` + "\n<rss version=\"2.0\">", FormatFeed},
		{"no extension: html doctype", "page", "<!DOCTYPE html>", FormatHTML},
		{"no extension: html fragment", "page", "<p>Hello</p>", FormatHTML},
		{"no extension: text", "notes", "Officials said", FormatText},
		{"url with query", "https://x.example/a.html?id=3", "plain", FormatHTML},
		{"url without extension", "https://x.example/story", "<html>", FormatHTML},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Detect(c.file, []byte(c.head)); got != c.want {
				t.Errorf("Detect(%q, %q) = %q, want %q", c.file, c.head, got, c.want)
			}
		})
	}
}
