package store_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/muster-osint/muster/store"
)

// openHelperEnv makes TestOpenHelper run: it holds the SQLite file to open.
const openHelperEnv = "MUSTER_STORE_OPEN_HELPER_DSN"

// TestOpenHelper is not a test: TestConcurrentOpenSQLite runs the test
// binary with openHelperEnv set, and this opens the store once, saves a
// document and exits 0, or prints the error and exits 2.
func TestOpenHelper(t *testing.T) {
	dsn := os.Getenv(openHelperEnv)
	if dsn == "" {
		t.Skip("helper process for TestConcurrentOpenSQLite")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err == nil {
		_, err = db.Stats(ctx)
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
}

// TestConcurrentOpenSQLite opens one fresh SQLite file from eight
// goroutines and four processes at once (issue 14: two concurrent Opens
// of a fresh file could fail with "database is locked"). Every Open must
// succeed and every migration be recorded once. Run it under load with
// go test ./store -count=100 -run TestConcurrentOpenSQLite.
func TestConcurrentOpenSQLite(t *testing.T) {
	if os.Getenv(openHelperEnv) != "" {
		t.Skip("in the helper process")
	}
	ctx := context.Background()
	dsn := filepath.Join(t.TempDir(), "fresh.db")
	const goroutines, processes = 8, 4
	var wg sync.WaitGroup
	errs := make(chan error, goroutines+processes)
	for i := range processes {
		cmd := exec.Command(os.Args[0], "-test.run=^TestOpenHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), openHelperEnv+"="+dsn)
		wg.Go(func() {
			if out, err := cmd.CombinedOutput(); err != nil {
				errs <- fmt.Errorf("process %d: %v: %s", i, err, strings.TrimSpace(string(out)))
			}
		})
	}
	for i := range goroutines {
		wg.Go(func() {
			db, err := store.Open(ctx, dsn)
			if err != nil {
				errs <- fmt.Errorf("goroutine %d: %w", i, err)
				return
			}
			defer db.Close()
			if _, err := db.Save(ctx, sample(fmt.Sprint("open", i), fmt.Sprintf("Document %d. %s", i, sampleText), day1)); err != nil {
				errs <- fmt.Errorf("goroutine %d: save: %w", i, err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	db := mustOpenDSN(t, dsn)
	s, err := db.Stats(ctx)
	if err != nil || s.Documents != goroutines {
		t.Errorf("after concurrent opens: Stats = %+v, %v; want %d documents", s, err, goroutines)
	}
}
