// Package ingest turns bytes into muster.Documents: it detects the format of
// an input (plain text, HTML, JSON Lines, RSS/Atom, WARC), extracts the
// article text and its metadata, normalises the text (normalize.go) and
// derives each document's identity from the hash of that normalised text.
//
// Read handles one input; Walk handles files, directories, stdin and URLs.
// Both report through a callback, one Item per document or per failed
// input, record or line, so that one bad line or file never stops the
// others. Errors about bad input are *muster.Error values of kind
// muster.KindInvalid that name the input (and line or record) and wrap one
// of the sentinel errors below, so callers can test them with errors.Is.
package ingest

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"github.com/muster-osint/muster"
)

// DefaultMaxBytes bounds the size of one input file, or of one record or line
// of a streaming format (JSON Lines, WARC), when Options.MaxBytes is zero.
// News articles are kilobytes; 16 MiB leaves room for pages heavy with markup
// while keeping a runaway input from exhausting memory.
const DefaultMaxBytes = 16 << 20

// DefaultFetchTimeout bounds one URL fetch when Options.HTTPClient is nil.
const DefaultFetchTimeout = 30 * time.Second

// Sentinel errors wrapped by the *muster.Error values ingest reports.
var (
	ErrEmpty       = errors.New("empty input")
	ErrBinary      = errors.New("binary input, not text")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrTooLarge    = errors.New("input too large")
	ErrNoText      = errors.New("no extractable text")
	ErrMalformed   = errors.New("malformed input")
	ErrForbidden   = errors.New("address not allowed")
	ErrFetch       = errors.New("fetch failed")
)

// Options carries metadata supplied by the user and the limits of a run.
//
// For single-document inputs (plain text, HTML, a fetched page) a non-empty
// Publisher, URL, Title, Language or non-zero Published overrides what the
// format says: the user named that one document. For multi-document inputs
// (JSON Lines, feeds, WARC) they only fill fields a record leaves empty,
// since one title or URL cannot be right for every record.
type Options struct {
	Publisher, URL, Title, Language string
	Published                       time.Time
	// MaxBytes bounds one file, or one line or record of a streaming format;
	// zero means DefaultMaxBytes.
	MaxBytes int64
	// AllowPrivate lets Walk fetch URLs that resolve to private, loopback or
	// link-local addresses (refused by default to prevent SSRF).
	AllowPrivate bool
	// HTTPClient fetches URLs; nil means a client with DefaultFetchTimeout.
	// Its transport must be nil or an *http.Transport unless AllowPrivate is
	// set, so that the address check can be installed on a copy of it.
	HTTPClient *http.Client
	// Now stamps Document.Ingested; nil means time.Now.
	Now func() time.Time
	// Records, when not zero, selects some records of a multi-record input
	// (the lines of JSON Lines, the records of WARC, the items of a feed) by
	// the 1-based number Item.Where gives them, so that workers can share
	// one large file (issue 14). Records outside the range are framed but
	// not parsed, and reading stops after the range. A single-document
	// input is record 1.
	Records Range
}

// Range is the records From ≤ n < To of an input; To 0 means to the end.
type Range struct{ From, To int }

// IsZero reports whether r selects every record.
func (r Range) IsZero() bool { return r.From <= 1 && r.To <= 0 }

// Has reports whether record n is in r.
func (r Range) Has(n int) bool { return n >= r.From && (r.To <= 0 || n < r.To) }

// past reports whether record n and every later one are outside r.
func (r Range) past(n int) bool { return r.To > 0 && n >= r.To }

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return DefaultMaxBytes
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now().UTC()
	}
	return time.Now().UTC()
}

// Item is what Read and Walk report: one document, or the error of one failed
// input, record or line. Exactly one of Doc (with a non-empty ID) and Err is set.
type Item struct {
	Doc   muster.Document
	Where string // the input and, for multi-record formats, the line or record: "file.jsonl:12", "crawl.warc#3"
	// Input is the file, URL or "-" the item came from. Every input yields at
	// least one Item, so a progress bar over Count can advance when it changes.
	Input string
	Err   error
}

// The format names Detect returns. Documents read from feeds carry "rss" or
// "atom" rather than FormatFeed.
const (
	FormatText  = "text"
	FormatHTML  = "html"
	FormatJSONL = "jsonl"
	FormatFeed  = "feed"
	FormatWARC  = "warc"
)

// invalid returns the *muster.Error for bad input at where.
func invalid(where string, err error) error {
	return &muster.Error{Kind: muster.KindInvalid, Message: "ingest " + where, Err: err}
}

// invalidf is invalid with a detail appended to the sentinel error.
func invalidf(where string, sentinel error, format string, args ...any) error {
	return invalid(where, fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...)))
}

// Read reads one input of any supported format from r, named name (a path or
// URL, used for format detection and in messages), and calls fn once per
// document or per failed input, record or line. Bad input is reported through
// fn, never returned; Read returns an error only when the whole input stops:
// a read failure, ctx cancelled, or fn's own error, which it returns as is.
func Read(ctx context.Context, name string, r io.Reader, opt Options, fn func(Item) error) error {
	return read(ctx, input{name: name, where: name}, r, opt, fn)
}

// input describes where bytes came from.
type input struct {
	name        string // path, URL or "-"
	where       string // how messages name it
	contentType string // from HTTP, when known
	finalURL    string // URL after redirects, when fetched
	// records, when set, receives the number of the last record framed
	// (CountRecords).
	records *int
}

// emitter wraps fn so that each Item carries the input and so that the
// reader can tell whether anything was reported.
type emitter struct {
	in  input
	fn  func(Item) error
	n   int
	opt Options
}

func (e *emitter) doc(where string, d muster.Document) error {
	e.n++
	d.Ingested = e.opt.now()
	if d.Source == "" {
		d.Source = e.in.name
	}
	return e.fn(Item{Doc: d, Where: where, Input: e.in.name})
}

// skip reports whether record n of a multi-record input is outside
// Options.Records (skip) and whether reading may stop there (stop).
func (e *emitter) skip(n int) (skip, stop bool) {
	if e.in.records != nil && n > *e.in.records {
		*e.in.records = n
	}
	r := e.opt.Records
	return !r.Has(n), r.past(n)
}

// whole reports whether the reader sees the whole input, so that an input
// that yields nothing is reported as such. A record range cannot tell
// (the records it skips may hold text): ranges report their records'
// problems only.
func (e *emitter) whole() bool { return e.opt.Records.IsZero() }

// failWhole reports a problem of the whole input (a broken gzip header):
// once, by a whole read or by the record range that starts at the first
// record, not by every range of it.
func (e *emitter) failWhole(err error) error {
	if e.opt.Records.From > 1 {
		return nil
	}
	return e.fail(e.in.where, err)
}

func (e *emitter) fail(where string, err error) error {
	e.n++
	return e.fn(Item{Where: where, Input: e.in.name, Err: err})
}

func read(ctx context.Context, in input, r io.Reader, opt Options, fn func(Item) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	em := &emitter{in: in, fn: fn, opt: opt}
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(sniffLen)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return fmt.Errorf("ingest %s: %w", in.where, err)
	}
	name := in.name
	var src io.Reader = br
	if isGzip(head) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return em.failWhole(invalidf(in.where, ErrMalformed, "gzip: %v", err))
		}
		defer zr.Close()
		name = strings.TrimSuffix(name, ".gz")
		zbr := bufio.NewReaderSize(zr, 64<<10)
		head, err = zbr.Peek(sniffLen)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return em.failWhole(invalidf(in.where, ErrMalformed, "gzip: %v", err))
		}
		src = zbr
	}
	format := Detect(name, head)
	if f := formatFromContentType(in.contentType); f != "" && !isWARCHead(head) {
		format = f
	}
	switch format {
	case FormatJSONL:
		err = readJSONL(ctx, em, src, opt)
	case FormatWARC:
		err = readWARC(ctx, em, src, opt)
	default:
		var data []byte
		data, err = readBounded(in.where, src, opt.maxBytes())
		if err != nil {
			if muster.ErrorKind(err) == muster.KindInvalid {
				return em.fail(in.where, err)
			}
			return err
		}
		if err := checkText(in.where, data); err != nil {
			return em.fail(in.where, err)
		}
		if format != FormatFeed {
			if skip, _ := em.skip(1); skip {
				return nil
			}
		}
		switch format {
		case FormatHTML:
			err = emitOne(em, in.where, func() (muster.Document, error) {
				return readHTML(in.where, data, in.contentType, pageURL(in, opt), opt)
			})
		case FormatFeed:
			err = readFeed(ctx, em, data, opt)
		default:
			err = emitOne(em, in.where, func() (muster.Document, error) { return readText(in.where, data, opt) })
		}
	}
	if err != nil {
		return err
	}
	if em.n == 0 && em.whole() {
		return em.fail(in.where, invalid(in.where, ErrNoText))
	}
	return nil
}

// emitOne reports the single document of a single-document input, or its error.
func emitOne(em *emitter, where string, parse func() (muster.Document, error)) error {
	d, err := parse()
	if err != nil {
		return em.fail(where, err)
	}
	if em.in.finalURL != "" && em.opt.URL == "" && d.URL == "" {
		d.URL = em.in.finalURL
	}
	return em.doc(where, d)
}

// pageURL is the URL against which relative links of an HTML page resolve.
func pageURL(in input, opt Options) string {
	switch {
	case opt.URL != "":
		return opt.URL
	case in.finalURL != "":
		return in.finalURL
	case isURL(in.name):
		return in.name
	}
	return ""
}

// readBounded reads all of r, failing with ErrTooLarge as soon as more than
// max bytes arrive, so a huge input is never held in memory whole.
func readBounded(where string, r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		if errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, invalidf(where, ErrMalformed, "%v", err)
		}
		return nil, fmt.Errorf("ingest %s: %w", where, err)
	}
	if int64(len(data)) > max {
		return nil, invalidf(where, ErrTooLarge, "more than %d bytes", max)
	}
	return data, nil
}

// finish applies the metadata every document gets whatever its format: the
// options (overriding when override is set, else filling), the language
// guess, and the normalised text with its hash.
func finish(d *muster.Document, text string, opt Options, override bool) {
	set := func(field *string, v string) {
		if v != "" && (override || *field == "") {
			*field = v
		}
	}
	set(&d.Publisher, opt.Publisher)
	set(&d.URL, opt.URL)
	set(&d.Title, opt.Title)
	set(&d.Language, opt.Language)
	if !opt.Published.IsZero() && (override || d.Published.IsZero()) {
		d.Published = opt.Published
	}
	if !d.Published.IsZero() {
		d.Published = d.Published.UTC()
	}
	if d.Language == "" {
		d.Language = guessLanguage(text)
	}
	d.Title = oneLine(d.Title)
	d.Byline = oneLine(d.Byline)
	d.Publisher = oneLine(d.Publisher)
	d.SetText(text)
}

// oneLine collapses whitespace in a metadata value, which must be valid UTF-8
// and on one line.
func oneLine(s string) string {
	if s == "" {
		return ""
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Join(strings.Fields(s), " ")
}

func isURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// ext returns the lower-cased extension of name, looking through ".gz".
func ext(name string) string {
	if isURL(name) {
		if i := strings.IndexAny(name, "?#"); i >= 0 {
			name = name[:i]
		}
	}
	e := strings.ToLower(filepath.Ext(name))
	if e == ".gz" {
		e = strings.ToLower(filepath.Ext(strings.TrimSuffix(name, filepath.Ext(name))))
		if e == ".warc" {
			return ".warc"
		}
		return ".gz"
	}
	return e
}
