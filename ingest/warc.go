package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/muster-osint/muster"
)

const (
	maxWARCHeaderLine  = 64 << 10 // longest header line accepted
	maxWARCHeaderLines = 1000     // most header lines in one record
)

// warcRecord is one record's headers (keys lower-cased) and body.
type warcRecord struct {
	version string
	header  map[string]string
	body    []byte
}

func (r *warcRecord) get(key string) string { return r.header[strings.ToLower(key)] }

// readWARC is muster's own WARC reader.
//
// Why our own: muster only needs to read a small, well-specified part of ISO
// 28500 (a version line, headers, a Content-Length body, two CRLFs; gzip per
// record or over the whole file, which compress/gzip already reads as one
// multi-member stream). The Go WARC packages available (github.com/slyrz/warc
// and its unversioned forks, CorentinB/warc, nlnwa/gowarc) are built around
// crawling and writing archives and would add a dependency, and a trust
// decision, for about 250 lines of reading. Owning the reader lets us bound
// every record by Options.MaxBytes, skip unwanted records without buffering
// them, keep going after a record that is broken but still delimited, and
// fuzz exactly the code we run (FuzzWARC).
//
// It reads WARC/1.0 and WARC/1.1 records and reports a document for
// each `response` record holding an HTTP 200 text/html (or text/plain)
// payload and each `resource` or `conversion` record of type text/html or
// text/plain. WARC-Target-URI gives the URL and WARC-Date the published time
// when the page has none. Other records (requests, metadata, images,
// redirects) are skipped silently; a broken or oversized record is reported
// and reading goes on with the next one when the framing allows it.
func readWARC(ctx context.Context, em *emitter, r io.Reader, opt Options) error {
	br := bufio.NewReaderSize(r, 64<<10)
	max := opt.maxBytes()
	for n := 1; ; n++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		where := fmt.Sprintf("%s#%d", em.in.where, n)
		rec, err := nextWARCRecord(br, max)
		if err == io.EOF {
			if em.n == 0 && em.whole() {
				if n == 1 {
					return em.fail(em.in.where, invalid(em.in.where, ErrEmpty))
				}
				return em.fail(em.in.where, invalidf(em.in.where, ErrNoText, "no text/html or text/plain records"))
			}
			return nil
		}
		var fe *warcFramingError
		skip, stop := em.skip(n)
		if stop {
			return nil
		}
		if skip {
			switch {
			case err == nil || errors.Is(err, ErrTooLarge):
				continue
			case errors.As(err, &fe) || isCorrupt(err):
				// Nothing after it can be read: the range holding the
				// record reports it, the others stop.
				return nil
			}
		}
		switch {
		case errors.As(err, &fe):
			// The record cannot be delimited: nothing after it can be trusted.
			return em.fail(where, invalidf(where, ErrMalformed, "%v", fe.msg))
		case errors.Is(err, ErrTooLarge):
			if err := em.fail(where, invalidf(where, ErrTooLarge, "record body longer than %d bytes", max)); err != nil {
				return err
			}
			continue
		case err != nil:
			if isCorrupt(err) {
				return em.fail(where, invalidf(where, ErrMalformed, "%v", err))
			}
			return fmt.Errorf("ingest %s: %w", where, err)
		}
		d, ok, err := warcDocument(where, rec, opt)
		if err != nil {
			if err := em.fail(where, err); err != nil {
				return err
			}
			continue
		}
		if ok {
			if err := em.doc(where, d); err != nil {
				return err
			}
		}
	}
}

// isCorrupt reports whether err comes from a truncated or corrupt stream
// rather than from the operating system.
func isCorrupt(err error) bool {
	var ce flate.CorruptInputError
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) ||
		errors.Is(err, gzip.ErrHeader) || errors.As(err, &ce)
}

// warcFramingError is a record whose boundaries cannot be found.
type warcFramingError struct{ msg string }

func (e *warcFramingError) Error() string { return e.msg }

func framing(format string, args ...any) error {
	return &warcFramingError{msg: fmt.Sprintf(format, args...)}
}

// nextWARCRecord reads one record. It returns io.EOF at a clean end of input,
// a *warcFramingError when the record cannot be delimited, and ErrTooLarge
// (after skipping the body) when the body of a wanted record is longer than
// max. The body of a record wantRecord rejects is skipped, whatever its
// size, and left nil.
func nextWARCRecord(br *bufio.Reader, max int64) (*warcRecord, error) {
	// Skip the blank lines that end the previous record (and any stray ones).
	var version string
	for {
		line, err := readHeaderLine(br)
		if err == io.EOF && line == "" {
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			return nil, err
		}
		if line == "" {
			continue
		}
		if !strings.HasPrefix(line, "WARC/") {
			return nil, framing("expected a WARC/1.x version line, found %q", clip(line, 40))
		}
		version = line
		break
	}
	rec := &warcRecord{version: version, header: map[string]string{}}
	last := ""
	for i := 0; ; i++ {
		if i > maxWARCHeaderLines {
			return nil, framing("more than %d header lines", maxWARCHeaderLines)
		}
		line, err := readHeaderLine(br)
		if err != nil && (err != io.EOF || line == "") {
			if err == io.EOF {
				return nil, framing("input ends inside the record header")
			}
			return nil, err
		}
		if line == "" {
			break
		}
		if (line[0] == ' ' || line[0] == '\t') && last != "" {
			rec.header[last] += " " + strings.TrimSpace(line) // folded continuation line
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			return nil, framing("header line without a colon: %q", clip(line, 40))
		}
		last = strings.ToLower(strings.TrimSpace(k))
		rec.header[last] = strings.TrimSpace(v)
	}
	cl := rec.get("Content-Length")
	size, err := strconv.ParseInt(cl, 10, 64)
	if err != nil || size < 0 {
		return nil, framing("bad Content-Length %q", clip(cl, 40))
	}
	if size > max || !wantRecord(rec) {
		if _, err := io.CopyN(io.Discard, br, size); err != nil {
			return nil, framing("input ends inside a record body")
		}
		if size > max && wantRecord(rec) {
			return nil, ErrTooLarge
		}
		return rec, nil // body left nil: a record we do not read
	}
	rec.body = make([]byte, size)
	if _, err := io.ReadFull(br, rec.body); err != nil {
		if errors.Is(err, io.ErrUnexpectedEOF) || err == io.EOF {
			return nil, framing("input ends inside a record body (%d bytes declared)", size)
		}
		return nil, err
	}
	return rec, nil
}

// wantRecord reports from its headers alone whether a record may hold an
// article, so that the bodies of the others are skipped unread.
func wantRecord(rec *warcRecord) bool {
	switch strings.ToLower(rec.get("WARC-Type")) {
	case "response":
		mt, _, _ := mime.ParseMediaType(rec.get("Content-Type"))
		return mt == "application/http"
	case "resource", "conversion":
		return isTextType(rec.get("Content-Type"))
	}
	return false
}

// readHeaderLine reads one CRLF- or LF-terminated line, refusing one longer
// than maxWARCHeaderLine.
func readHeaderLine(br *bufio.Reader) (string, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		line = append(line, chunk...)
		if len(line) > maxWARCHeaderLine {
			return "", framing("header line longer than %d bytes", maxWARCHeaderLine)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return strings.TrimRight(string(line), "\r\n"), err
	}
}

// warcDocument turns a record into a document; ok is false for records that
// hold no article (skipped without error).
func warcDocument(where string, rec *warcRecord, opt Options) (d muster.Document, ok bool, err error) {
	if !wantRecord(rec) {
		return d, false, nil
	}
	target := strings.Trim(rec.get("WARC-Target-URI"), "<>")
	var payload []byte
	var contentType string
	switch strings.ToLower(rec.get("WARC-Type")) {
	case "response":
		mt, _, _ := mime.ParseMediaType(rec.get("Content-Type"))
		if mt != "application/http" {
			return d, false, nil // dns: and other non-HTTP responses
		}
		resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(rec.body)), nil)
		if err != nil {
			return d, false, invalidf(where, ErrMalformed, "http response: %v", err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return d, false, nil
		}
		contentType = resp.Header.Get("Content-Type")
		if !isTextType(contentType) {
			return d, false, nil
		}
		body, err := httpBody(resp, opt.maxBytes())
		if err != nil {
			return d, false, invalidf(where, ErrMalformed, "http body: %v", err)
		}
		payload = body
	case "resource", "conversion":
		contentType = rec.get("Content-Type")
		if !isTextType(contentType) {
			return d, false, nil
		}
		payload = rec.body
	default:
		return d, false, nil
	}
	if err := checkText(where, payload); err != nil {
		return d, false, err
	}
	if isHTMLType(contentType) {
		d, err = readHTML(where, payload, contentType, target, Options{})
	} else {
		d, err = readText(where, payload, Options{})
	}
	if err != nil {
		return d, false, err
	}
	d.Format = FormatWARC
	if d.URL == "" {
		d.URL = target
	}
	if d.Published.IsZero() {
		if t, err := parseTime(rec.get("WARC-Date")); err == nil {
			d.Published = t
		}
	}
	d.Source = ""
	finish(&d, d.Text, opt, false)
	return d, true, nil
}

// httpBody reads a response body (http.ReadResponse has already undone
// chunked transfer coding and honours Content-Length), removing a gzip or
// deflate Content-Encoding, bounded by max bytes.
func httpBody(resp *http.Response, max int64) ([]byte, error) {
	var r io.Reader = resp.Body
	switch strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))) {
	case "", "identity":
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(resp.Body)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		r = zr
	case "deflate":
		r = flate.NewReader(resp.Body)
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", resp.Header.Get("Content-Encoding"))
	}
	body, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("%w: body longer than %d bytes", ErrTooLarge, max)
	}
	return body, nil
}

func isTextType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/plain" || mt == "text/html" || mt == "application/xhtml+xml"
}

func isHTMLType(ct string) bool {
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.Split(ct, ";")[0]))
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// clip shortens s for an error message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + "…"
}
