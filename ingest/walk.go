package ingest

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// binaryExts are extensions Walk skips inside directories: files that are
// never articles. A file named explicitly is always read (and rejected if it
// is binary).
var binaryExts = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".bmp": true, ".ico": true, ".svg": true, ".tif": true, ".tiff": true,
	".pdf": true, ".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".odt": true,
	".zip": true, ".tar": true, ".tgz": true, ".bz2": true, ".xz": true, ".zst": true, ".7z": true, ".rar": true, ".gz": true,
	".exe": true, ".dll": true, ".so": true, ".dylib": true, ".o": true, ".a": true, ".bin": true, ".class": true, ".jar": true, ".wasm": true,
	".mp3": true, ".mp4": true, ".m4a": true, ".wav": true, ".ogg": true, ".webm": true, ".mov": true, ".avi": true, ".mkv": true, ".flac": true,
	".woff": true, ".woff2": true, ".ttf": true, ".otf": true, ".eot": true,
	".db": true, ".sqlite": true, ".db-wal": true, ".db-shm": true, ".parquet": true, ".pyc": true, ".gob": true,
}

// docNames are the files that document a directory rather than hold an
// article (examples/README.md describes the demo articles beside it).
var docNames = map[string]bool{"README": true, "LICENSE": true, "LICENCE": true, "CHANGELOG": true, "NOTICE": true, "CONTRIBUTING": true, "AUTHORS": true}

// skipInDir reports whether Walk skips a file met inside a directory: one
// with a binary extension, or a README, LICENSE and the like.
func skipInDir(name string) bool {
	lower := strings.ToLower(name)
	if binaryExts[filepath.Ext(lower)] && !strings.HasSuffix(lower, ".warc.gz") {
		return true
	}
	return docNames[strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))]
}

// Walk reads every input in paths, in order: "-" reads stdin (which the
// caller passes in, usually os.Stdin), an http(s)
// URL is fetched (see fetch.go), a directory is walked recursively in lexical
// order skipping hidden files and directories, files with binary extensions
// and README/LICENSE-style files, and any other path is read as a file. It calls fn for every
// document and every failed input, record or line (every input yields at
// least one Item); a path that does not exist or cannot be read is such a
// failure, not a reason to stop. Walk returns an error only when ctx is
// cancelled, a read fails mid-input, or fn returns one (returned as is).
func Walk(ctx context.Context, paths []string, opt Options, stdin io.Reader, fn func(Item) error) error {
	return visit(paths, func(v visitee) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		switch {
		case v.err != nil:
			return fn(Item{Where: v.path, Input: v.path, Err: v.err})
		case v.path == "-":
			if stdin == nil {
				return fn(Item{Where: "stdin", Input: "-", Err: invalidf("stdin", ErrEmpty, "no standard input given")})
			}
			return read(ctx, input{name: "-", where: "stdin"}, stdin, opt, fn)
		case isHTTPURL(v.path):
			return fetch(ctx, v.path, opt, fn)
		default:
			return readFile(ctx, v.path, v.size, opt, fn)
		}
	})
}

// Count returns the number of inputs Walk would visit for paths (files, URLs,
// stdin and failing paths), for a progress bar. Its error joins the problems
// Walk would report for unreadable paths, which are counted all the same.
func Count(paths []string) (int, error) {
	n := 0
	var errs []error
	err := visit(paths, func(v visitee) error {
		n++
		if v.err != nil {
			errs = append(errs, v.err)
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	return n, errors.Join(errs...)
}

// visitee is one input Walk visits: a file with its size, "-", a URL, or a
// path that failed (err set).
type visitee struct {
	path string
	size int64
	err  error
}

// visit calls fn for each input named by paths, expanding directories. Both
// Walk and Count use it so that they agree.
func visit(paths []string, fn func(visitee) error) error {
	for _, p := range paths {
		if p == "-" || isHTTPURL(p) {
			if err := fn(visitee{path: p}); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if err := fn(visitee{path: p, err: invalid(p, err)}); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if err := fn(visitee{path: p, size: info.Size()}); err != nil {
				return err
			}
			continue
		}
		root := p
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return fn(visitee{path: path, err: invalid(path, err)})
			}
			if path != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if skipInDir(d.Name()) {
				return nil
			}
			info, err := os.Stat(path) // follows symlinks
			if err != nil {
				return fn(visitee{path: path, err: invalid(path, err)})
			}
			if !info.Mode().IsRegular() {
				return nil
			}
			return fn(visitee{path: path, size: info.Size()})
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// readFile reads one file. A file larger than MaxBytes is refused before it
// is opened unless its format streams (JSON Lines and WARC are bounded per
// line or record instead), so a huge file costs a stat, not a read.
func readFile(ctx context.Context, path string, size int64, opt Options, fn func(Item) error) error {
	e := ext(path)
	streaming := e == ".jsonl" || e == ".ndjson" || e == ".jsonlines" || e == ".warc"
	if !streaming && size > opt.maxBytes() {
		err := invalidf(path, ErrTooLarge, "%d bytes, more than %d", size, opt.maxBytes())
		return fn(Item{Where: path, Input: path, Err: err})
	}
	f, err := os.Open(path)
	if err != nil {
		return fn(Item{Where: path, Input: path, Err: invalid(path, err)})
	}
	defer f.Close()
	return read(ctx, input{name: path, where: path}, f, opt, fn)
}

// Inputs returns the inputs Walk would read for paths, directories
// expanded: files, URLs and "-". A path that does not exist or cannot be
// read is an error naming it (of kind muster.KindInvalid), so that a queue
// of jobs is not filled with inputs no worker can read.
func Inputs(paths []string) ([]string, error) {
	var out []string
	var errs []error
	err := visit(paths, func(v visitee) error {
		if v.err != nil {
			errs = append(errs, v.err)
		} else {
			out = append(out, v.path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, errors.Join(errs...)
}
