package ingest

import (
	"bytes"
	"mime"
	"strings"
)

// sniffLen is how many leading bytes Detect looks at.
const sniffLen = 4096

// Detect returns the format of an input from its name's extension and, when
// the extension says nothing, from its first bytes (head): FormatText,
// FormatHTML, FormatJSONL, FormatFeed or FormatWARC. A known extension is
// trusted; content is sniffed when the extension is missing, unknown or
// generic (".xml" may be a feed or XHTML).
func Detect(name string, head []byte) string {
	switch ext(name) {
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML
	case ".jsonl", ".ndjson", ".jsonlines":
		return FormatJSONL
	case ".rss", ".atom":
		return FormatFeed
	case ".warc":
		return FormatWARC
	case ".txt", ".text", ".md":
		return FormatText
	case ".xml":
		if f := sniff(head); f == FormatFeed || f == FormatHTML {
			return f
		}
		return FormatFeed
	}
	return sniff(head)
}

// sniff guesses a format from the first bytes of an input.
func sniff(head []byte) string {
	if isWARCHead(head) {
		return FormatWARC
	}
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if len(h) == 0 {
		return FormatText
	}
	if h[0] == '{' {
		return FormatJSONL
	}
	if h[0] != '<' {
		return FormatText
	}
	lower := bytes.ToLower(h)
	if i := bytes.Index(lower, []byte("<rss")); i >= 0 && i < 1024 {
		return FormatFeed
	}
	if i := bytes.Index(lower, []byte("<feed")); i >= 0 && i < 1024 {
		return FormatFeed
	}
	if i := bytes.Index(lower, []byte("<rdf:rdf")); i >= 0 && i < 1024 {
		return FormatFeed
	}
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<p", "<div", "<article", "<!--"} {
		if bytes.HasPrefix(lower, []byte(tag)) {
			return FormatHTML
		}
	}
	if bytes.Contains(lower, []byte("<html")) || bytes.Contains(lower, []byte("<body")) {
		return FormatHTML
	}
	return FormatText
}

func isWARCHead(head []byte) bool {
	return bytes.HasPrefix(head, []byte("WARC/1."))
}

func isGzip(head []byte) bool {
	return len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b
}

// formatFromContentType maps an HTTP Content-Type to a format, or "" when it
// says nothing useful (the content is sniffed instead).
func formatFromContentType(ct string) string {
	if ct == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return ""
	}
	switch mt {
	case "text/html", "application/xhtml+xml":
		return FormatHTML
	case "application/rss+xml", "application/atom+xml", "application/rdf+xml":
		return FormatFeed
	case "application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/jsonlines":
		return FormatJSONL
	case "application/warc":
		return FormatWARC
	case "text/plain":
		return FormatText
	}
	return ""
}

// checkText rejects an empty input and one that is binary: any NUL byte, or
// more than 10% control bytes (other than tab, newline, carriage return, form
// feed and escape) in the first sniffLen bytes. Text in a legacy encoding is
// not binary: Normalize reports it as invalid UTF-8, saying where. (UTF-16
// has NUL bytes in every ASCII character and is reported as binary.)
func checkText(where string, data []byte) error {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))) == 0 {
		return invalid(where, ErrEmpty)
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return invalidf(where, ErrBinary, "NUL byte at offset %d", i)
	}
	head := data
	if len(head) > sniffLen {
		head = head[:sniffLen]
	}
	ctl := 0
	for _, b := range head {
		if (b < 0x20 && !strings.ContainsRune("\t\n\r\f\x1b", rune(b))) || b == 0x7f {
			ctl++
		}
	}
	if ctl*10 > len(head) {
		return invalidf(where, ErrBinary, "%d of the first %d bytes are control bytes", ctl, len(head))
	}
	return nil
}
