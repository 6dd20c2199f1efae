package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

// JSON Lines field names, most usual first. Article dumps from scrapers and
// news APIs disagree on names; these are the common ones.
var (
	jsonTitle     = []string{"title", "headline"}
	jsonURL       = []string{"url", "link", "uri"}
	jsonPublisher = []string{"publisher", "source", "site_name", "site", "outlet", "domain"}
	jsonPublished = []string{"published", "date", "published_at", "publishedAt", "pubDate", "date_publish", "datetime", "time"}
	jsonText      = []string{"text", "content", "body", "maintext", "article", "description"}
	jsonByline    = []string{"byline", "author", "authors"}
	jsonLanguage  = []string{"language", "lang"}
)

// readJSONL reads one article per line. A bad line (malformed JSON, invalid
// UTF-8, no text, longer than MaxBytes) is reported for that line and the
// next line is read; blank lines are skipped.
func readJSONL(ctx context.Context, em *emitter, r io.Reader, opt Options) error {
	br := bufio.NewReaderSize(r, 64<<10)
	max := opt.maxBytes()
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		where := fmt.Sprintf("%s:%d", em.in.where, n)
		line, tooLong, err := readLine(br, max)
		if err != nil && err != io.EOF {
			if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(err.Error(), "gzip") || strings.Contains(err.Error(), "flate") {
				if skip, _ := em.skip(n); skip {
					return nil // reported by the range that holds line n
				}
				return em.fail(where, invalidf(where, ErrMalformed, "%v", err))
			}
			return fmt.Errorf("ingest %s: %w", where, err)
		}
		eof := err == io.EOF
		skip, stop := em.skip(n)
		if stop {
			return nil
		}
		if skip {
			if eof {
				return nil
			}
			continue
		}
		if n == 1 {
			line = bytes.TrimPrefix(line, []byte("\xEF\xBB\xBF"))
		}
		switch {
		case tooLong:
			if ferr := em.fail(where, invalidf(where, ErrTooLarge, "line longer than %d bytes", max)); ferr != nil {
				return ferr
			}
		case len(bytes.TrimSpace(line)) > 0:
			d, perr := parseJSONLine(where, line, opt)
			if perr != nil {
				if ferr := em.fail(where, perr); ferr != nil {
					return ferr
				}
			} else if ferr := em.doc(where, d); ferr != nil {
				return ferr
			}
		}
		if eof {
			if em.n == 0 && em.whole() { // no document and no bad line: nothing there
				return em.fail(em.in.where, invalid(em.in.where, ErrEmpty))
			}
			return nil
		}
	}
}

// readLine reads one line without its newline. A line longer than max is
// read to its end and dropped (tooLong), so memory stays bounded.
func readLine(br *bufio.Reader, max int64) (line []byte, tooLong bool, err error) {
	for {
		chunk, err := br.ReadSlice('\n')
		if !tooLong {
			if int64(len(line)+len(chunk)) > max+1 {
				tooLong, line = true, nil
			} else {
				line = append(line, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		line = bytes.TrimRight(line, "\r\n")
		return line, tooLong, err
	}
}

// parseJSONLine turns one JSON object into a document.
func parseJSONLine(where string, line []byte, opt Options) (muster.Document, error) {
	if !utf8.Valid(line) {
		return muster.Document{}, invalid(where, fmt.Errorf("%w %s", ErrInvalidUTF8, invalidAt(string(line))))
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		return muster.Document{}, invalidf(where, ErrMalformed, "json: %v", err)
	}
	d := muster.Document{
		Format:    FormatJSONL,
		Title:     jsonString(obj, jsonTitle),
		URL:       jsonString(obj, jsonURL),
		Publisher: jsonString(obj, jsonPublisher),
		Byline:    jsonString(obj, jsonByline),
		Language:  baseLanguage(jsonString(obj, jsonLanguage)),
	}
	if s := jsonString(obj, jsonPublished); s != "" {
		t, err := parseTime(s)
		if err != nil {
			return muster.Document{}, invalidf(where, ErrMalformed, "published %q: not a date", s)
		}
		d.Published = t
	}
	raw := jsonString(obj, jsonText)
	if raw == "" {
		return muster.Document{}, invalidf(where, ErrNoText, "no text field (%s)", strings.Join(jsonText, ", "))
	}
	text, err := Normalize(raw)
	if err != nil {
		return muster.Document{}, invalid(where, err)
	}
	if text == "" {
		return muster.Document{}, invalidf(where, ErrNoText, "text is blank")
	}
	finish(&d, text, opt, false)
	return d, nil
}

// jsonString returns the first of keys present in obj as a string. Strings are
// taken as they are; numbers as written; arrays of strings are joined with
// ", " (several authors); an object's "name" is used (NewsAPI's source).
func jsonString(obj map[string]json.RawMessage, keys []string) string {
	for _, k := range keys {
		raw, ok := obj[k]
		if !ok {
			continue
		}
		if s := rawString(raw); s != "" {
			return s
		}
	}
	return ""
}

func rawString(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return strings.TrimSpace(s)
	}
	var num json.Number
	if json.Unmarshal(raw, &num) == nil {
		return num.String()
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		var parts []string
		for _, e := range list {
			if s := rawString(e); s != "" {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, ", ")
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) == nil {
		return jsonString(obj, []string{"name", "title"})
	}
	return ""
}

// timeLayouts are the date forms article dumps use, tried in order.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"2 January 2006",
	"January 2, 2006",
	"Jan 2, 2006",
	"02.01.2006",
	"2006/01/02",
}

// parseTime parses a publication date in one of timeLayouts, or a Unix time
// in seconds or milliseconds. Dates without a zone are taken as UTC.
func parseTime(s string) (time.Time, error) {
	t, err := parseAnyTime(s)
	// A year past 9999 is no publication date (a mistyped epoch, FuzzParseTime
	// found), and RFC 3339 and SQLite's fixed-width text cannot hold it.
	if err == nil && (t.Year() < 1 || t.Year() > 9999) {
		return time.Time{}, fmt.Errorf("date %q is out of range (year %d)", strings.TrimSpace(s), t.Year())
	}
	return t, err
}

func parseAnyTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
		if n > 1e11 {
			return time.UnixMilli(n).UTC(), nil
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q", s)
}
