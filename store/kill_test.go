package store_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite" // to check integrity from outside the store

	"github.com/muster-osint/muster/store"
)

// killHelperEnv makes TestKillHelper run: it holds the DSN to save into.
const killHelperEnv = "MUSTER_STORE_KILL_HELPER_DSN"

// TestKillHelper is not a test: TestKillConsistency runs the test binary
// with killHelperEnv set, and this saves large analyses in a loop, printing
// "saved N" after each, until it is killed.
func TestKillHelper(t *testing.T) {
	dsn := os.Getenv(killHelperEnv)
	if dsn == "" {
		t.Skip("helper process for TestKillConsistency")
	}
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	stats, err := db.Stats(ctx)
	if err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(2)
	}
	// Go on after the documents of an earlier, killed run.
	for i := stats.Documents; ; i++ {
		// Vary the sizes so that the counts in each title differ.
		a := bigAnalysis(i, 60+i%90, 30+i%40)
		if _, err := db.Save(ctx, a); err != nil {
			fmt.Fprintln(os.Stderr, "helper:", err)
			os.Exit(2)
		}
		fmt.Printf("saved %d\n", i)
	}
}

// TestKillConsistency kills (SIGKILL) a process in the middle of a long run
// of saves, reopens the store and checks that it holds only whole documents:
// each one with every claim, mention and event its title says it had.
func TestKillConsistency(t *testing.T) {
	if os.Getenv(killHelperEnv) != "" {
		t.Skip("in the helper process")
	}
	forEachBackend(t, func(t *testing.T, backend string) {
		dsn := testDSN(t, backend)
		for round := range 3 {
			killDuring(t, dsn, 5+round*7, time.Duration(round)*3*time.Millisecond)
			checkWhole(t, backend, dsn)
		}
	})
}

// killDuring starts the helper on dsn, waits until it has saved `after`
// more analyses and a little longer, and kills it.
func killDuring(t *testing.T, dsn string, after int, wait time.Duration) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), killHelperEnv+"="+dsn)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(out)
	saved := 0
	for saved < after && lines.Scan() {
		if strings.HasPrefix(lines.Text(), "saved ") {
			saved++
		}
	}
	time.Sleep(wait)
	if err := cmd.Process.Kill(); err != nil {
		t.Fatalf("kill helper: %v", err)
	}
	err = cmd.Wait()
	if saved < after {
		t.Fatalf("helper stopped after %d saves: %v\n%s", saved, err, stderr.String())
	}
	if !strings.Contains(fmt.Sprint(err), "killed") {
		t.Fatalf("helper ended with %v, want killed\n%s", err, stderr.String())
	}
}

// checkWhole reopens the store and checks its integrity and that every
// document is whole.
func checkWhole(t *testing.T, backend, dsn string) {
	t.Helper()
	ctx := context.Background()
	if backend == store.SQLite {
		raw, err := sql.Open("sqlite", dsn)
		if err != nil {
			t.Fatal(err)
		}
		var ok string
		if err := raw.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
			t.Errorf("integrity_check = %q, %v", ok, err)
		}
		raw.Close()
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer db.Close()
	stats, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	hits, err := db.Search(ctx, "Shebekino", 10000)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != stats.Documents {
		t.Errorf("search finds %d documents, the store holds %d", len(hits), stats.Documents)
	}
	var claims, mentions, events int
	for _, h := range hits {
		var i, wantClaims, wantMentions, wantEvents int
		if _, err := fmt.Sscanf(h.Document.Title, "report %d claims=%d mentions=%d events=%d", &i, &wantClaims, &wantMentions, &wantEvents); err != nil {
			t.Fatalf("document %s title %q: %v", h.Document.ID, h.Document.Title, err)
		}
		cs, err := db.Claims(ctx, store.ClaimFilter{Document: h.Document.ID})
		if err != nil {
			t.Fatal(err)
		}
		ms, err := db.Mentions(ctx, h.Document.ID)
		if err != nil {
			t.Fatal(err)
		}
		evs, err := db.Events(ctx, store.EventFilter{Document: h.Document.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != wantClaims || len(ms) != wantMentions || len(evs) != wantEvents {
			t.Errorf("document %d: %d claims, %d mentions, %d events; want %d, %d, %d",
				i, len(cs), len(ms), len(evs), wantClaims, wantMentions, wantEvents)
		}
		claims += len(cs)
		mentions += len(ms)
		events += len(evs)
	}
	if claims != stats.Claims || mentions != stats.Mentions || events != stats.Events {
		t.Errorf("documents hold %d claims, %d mentions, %d events; the store %+v", claims, mentions, events, stats)
	}
	t.Logf("%s after kill: %d whole documents", backend, stats.Documents)
}
