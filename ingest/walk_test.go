package ingest

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestWalk walks a directory of good and bad inputs, plus stdin and a path
// that does not exist: every bad input is an error naming it, every good one
// is still read, and Count agrees with what Walk visits.
func TestWalk(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"b.txt":              "Second report\n\nThe governor said two villages were shelled.",
		"a.txt":              "First report\n\nOfficials said the raid began at dawn.",
		"sub/c.html":         string(page("<title>Exiles raid two villages</title>", paragraphs)),
		"sub/deeper/d.jsonl": `{"text":"One line article about the raid."}` + "\n" + `{"text":` + "\n" + `{"text":"Another line article."}`,
		"sub/empty.txt":      "",
		"sub/latin1.txt":     "Caf\xe9 owners said the shelling stopped.",
		"sub/binary.dat":     "\x00\x01\x02\x03PK",
		"sub/photo.png":      "\x89PNG\r\n\x1a\n",
		".hidden.txt":        "Hidden file that must be skipped.",
		".git/config":        "[core]",
		"sub/.cache/x.txt":   "Hidden directory that must be skipped.",
		"sub/archive.zip":    "PK\x03\x04",
		"sub/noext":          "Plain text without an extension, still an article.",
		"sub/README.md":      "# About these files",
		"LICENSE":            "Permission is granted.",
	})
	stdin := strings.NewReader("Stdin report\n\nThe group said it would return.")
	paths := []string{dir, "-", filepath.Join(dir, "missing.txt")}
	var got []string
	err := Walk(context.Background(), paths, testOptions(), stdin, func(it Item) error {
		checkItem(t, it)
		rel := func(s string) string {
			r, err := filepath.Rel(dir, s)
			if err != nil || strings.HasPrefix(r, "..") {
				return s
			}
			return filepath.ToSlash(r)
		}
		where := it.Where
		if i := strings.LastIndexAny(where, ":#"); i > 0 && !strings.HasPrefix(where, "stdin") {
			where = rel(where[:i]) + where[i:]
		} else {
			where = rel(where)
		}
		s := where + " " + rel(it.Input)
		switch {
		case it.Err != nil:
			for _, e := range []error{ErrEmpty, ErrBinary, ErrInvalidUTF8, ErrMalformed, ErrNoText} {
				if errors.Is(it.Err, e) {
					s += " error: " + e.Error()
				}
			}
			if !strings.Contains(s, "error") {
				s += " error: other"
			}
		default:
			s += " " + it.Doc.Format + " " + it.Doc.Title
		}
		got = append(got, s)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a.txt a.txt text First report",
		"b.txt b.txt text Second report",
		"sub/binary.dat sub/binary.dat error: binary input, not text",
		"sub/c.html sub/c.html html Exiles raid two villages",
		"sub/deeper/d.jsonl:1 sub/deeper/d.jsonl jsonl ",
		"sub/deeper/d.jsonl:2 sub/deeper/d.jsonl error: malformed input",
		"sub/deeper/d.jsonl:3 sub/deeper/d.jsonl jsonl ",
		"sub/empty.txt sub/empty.txt error: empty input",
		"sub/latin1.txt sub/latin1.txt error: invalid UTF-8",
		"sub/noext sub/noext text ",
		"stdin - text Stdin report",
		"missing.txt missing.txt error: other",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Walk visited\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	n, err := Count(paths)
	if n != 10 { // 8 files, stdin and the missing path
		t.Errorf("Count = %d, want 10 inputs", n)
	}
	if err == nil || !strings.Contains(err.Error(), "missing.txt") {
		t.Errorf("Count error = %v, want one naming missing.txt", err)
	}
}

// TestWalkHugeFile checks that a 50 MB file is refused from its size, fast,
// and that the inputs after it are still read.
func TestWalkHugeFile(t *testing.T) {
	dir := t.TempDir()
	huge := filepath.Join(dir, "huge.txt")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(strings.Repeat("The governor said more shelling was reported. ", 20) + "\n")
	for written := 0; written < 50<<20; written += len(line) {
		if _, err := f.Write(line); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, dir, map[string]string{"small.txt": "Small report\n\nOfficials said it was quiet."})
	start := time.Now()
	items := walkItems(t, []string{huge, filepath.Join(dir, "small.txt")}, testOptions())
	if el := time.Since(start); el > 2*time.Second {
		t.Errorf("rejecting a 50 MB file took %v", el)
	}
	if len(items) != 2 || !errors.Is(items[0].Err, ErrTooLarge) || !strings.Contains(items[0].Err.Error(), huge) || items[1].Err != nil {
		t.Fatalf("items = %+v", items)
	}
	// The same bytes through stdin (no size to stat) are cut off by the limit.
	in, err := os.Open(huge)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	items = nil
	if err := Walk(context.Background(), []string{"-"}, testOptions(), in, func(it Item) error { items = append(items, it); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || !errors.Is(items[0].Err, ErrTooLarge) || !strings.Contains(items[0].Err.Error(), "stdin") {
		t.Fatalf("stdin items = %+v", items)
	}
}

func TestWalkStopsOnCallbackError(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.txt": "One report said so.", "b.txt": "Another report said so."})
	stop := errors.New("stop")
	n := 0
	err := Walk(context.Background(), []string{dir}, testOptions(), nil, func(Item) error { n++; return stop })
	if err != stop || n != 1 {
		t.Fatalf("Walk = %v after %d items", err, n)
	}
}
