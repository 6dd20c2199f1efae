package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/pipeline"
	"github.com/muster-osint/muster/store"
)

// article writes a short article of our own, varied by n so that every
// one has its own content hash.
func article(n int) string {
	towns := []string{"Graivoron", "Shebekino", "Kozinka", "Glotovo", "Sushany"}
	return fmt.Sprintf(`Fighting reported near %s, day %d

The Free Russia Legion said on Monday that its fighters had entered %s. Regional officials said at least %d civilians were wounded in the shelling.

The Russian Volunteer Corps (RDK) was formed in August 2022 by Denis Kapustin, according to the group. By some estimates the legion has up to %d fighters.
`, towns[n%len(towns)], n, towns[n%len(towns)], n%7+1, 1000+n)
}

// TestIngestBadInput feeds one good file among bad ones: each bad input
// gets an error naming it (and the line, for JSON Lines), the good ones are
// stored, and nothing partial is.
func TestIngestBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("good.txt", []byte(article(1)))
	write("empty.txt", nil)
	write("binary.txt", []byte("\x00\x01\x02\x03ELF\x00\x00\x00\x00\x00\x00binary"))
	write("latin1.txt", []byte("Graivoron \xe9t\xe9 attaqu\xe9 par la L\xe9gion.\n"))
	big := strings.Repeat("The legion marched on. ", 50<<20/23+1)
	write("big.txt", []byte(big))
	line := fmt.Sprintf(`{"title":"Good line","publisher":"Test Wire","published":"2023-05-24","text":%q}`, article(2))
	write("mixed.jsonl", []byte(line+"\n{\"title\": \"broken\", \"text\": \n"))

	db := filepath.Join(t.TempDir(), "bad.db")
	_, stderr, err := run(t, db, "ingest", "-q", dir)
	if err == nil {
		t.Fatalf("ingest of bad inputs returned no error")
	}
	for _, want := range []string{"empty.txt", "binary.txt", "latin1.txt", "big.txt", "mixed.jsonl:2"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr does not name %s:\n%s", want, stderr)
		}
	}
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents != 2 {
		t.Errorf("stored %d documents, want 2 (good.txt and the good JSON line)", st.Documents)
	}
}

// TestIngestKilled kills an ingest of many articles with SIGKILL and
// checks that the store opens and holds only whole documents: every stored
// document has exactly the claims a fresh analysis of it gives.
func TestIngestKilled(t *testing.T) {
	if os.Getenv("MUSTER_INGEST_HELPER") != "" {
		// The child: ingest the directory until killed.
		args := strings.Split(os.Getenv("MUSTER_INGEST_HELPER"), "|")
		m := NewMain()
		if err := m.Run(context.Background(), []string{"--db", args[0], "ingest", "-q", "--no-tagger", "--published", "2023-05-24", args[1]}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("kill test is slow")
	}
	dir := t.TempDir()
	const n = 2000
	for i := 0; i < n; i++ {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("a%04d.txt", i)), []byte(article(i)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := filepath.Join(t.TempDir(), "killed.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestKilled$")
	cmd.Env = append(os.Environ(), "MUSTER_INGEST_HELPER="+db+"|"+dir)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until some documents are stored, then kill.
	ctx := context.Background()
	deadline := time.Now().Add(60 * time.Second)
	for {
		time.Sleep(100 * time.Millisecond)
		if s, err := store.Open(ctx, db); err == nil {
			st, err := s.Stats(ctx)
			s.Close()
			if err == nil && st.Documents >= 20 {
				break
			}
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatal("the ingest stored fewer than 20 documents in 60 s")
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()

	s, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("store does not open after kill -9: %v", err)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Documents >= n {
		t.Logf("the ingest finished before the kill (%d documents); the check below still holds", st.Documents)
	}
	p, err := pipeline.New(pipeline.Options{NoTagger: true})
	if err != nil {
		t.Fatal(err)
	}
	// Every stored document is whole: its claims are those of a fresh analysis.
	for i := 0; i < n; i++ {
		doc, err := readDoc(dir, i)
		if err != nil {
			t.Fatal(err)
		}
		ok, err := s.HasDocument(ctx, doc.Hash)
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			continue
		}
		a, err := p.Analyze(ctx, doc, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Claims(ctx, store.ClaimFilter{Document: doc.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(a.Claims) {
			t.Errorf("document %d (%s): %d claims stored, a whole analysis has %d", i, doc.ID, len(got), len(a.Claims))
		}
	}
	t.Logf("killed after %d of %d documents; all stored documents whole", st.Documents, n)
}

// readDoc reads generated article i the way ingest does.
func readDoc(dir string, i int) (doc muster.Document, err error) {
	path := filepath.Join(dir, fmt.Sprintf("a%04d.txt", i))
	f, err := os.Open(path)
	if err != nil {
		return doc, err
	}
	defer f.Close()
	err = ingest.Read(context.Background(), path, f, ingest.Options{Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC)}, func(it ingest.Item) error {
		if it.Err != nil {
			return it.Err
		}
		doc = it.Doc
		return nil
	})
	return doc, err
}
