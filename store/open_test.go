package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster/store"
)

func TestOpenDSN(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "a dir?#%"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, dsn, dialect string
	}{
		{"memory", ":memory:", store.SQLite},
		{"file", filepath.Join(dir, "a.db"), store.SQLite},
		{"sqlite prefix", "sqlite:" + filepath.Join(dir, "b.db"), store.SQLite},
		{"sqlite URL", "sqlite://" + filepath.Join(dir, "c.db"), store.SQLite},
		{"odd file name", filepath.Join(dir, "a dir?#%", "d?x=1#%20.db"), store.SQLite},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := mustOpenDSN(t, tc.dsn)
			if got := db.Dialect(); got != tc.dialect {
				t.Errorf("Dialect() = %q, want %q", got, tc.dialect)
			}
			a := sample("t", sampleText, day1)
			if _, err := db.Save(ctx, a); err != nil {
				t.Fatalf("Save: %v", err)
			}
			if es, err := db.FindEntities(ctx, "rdk"); err != nil || len(es) != 1 {
				t.Errorf("FindEntities(rdk) = %v, %v", es, err)
			}
			if path, ok := strings.CutPrefix(strings.TrimPrefix(strings.TrimPrefix(tc.dsn, "sqlite:"), "//"), dir); ok {
				if _, err := os.Stat(dir + path); err != nil {
					t.Errorf("database file %s not created: %v", dir+path, err)
				}
			}
		})
	}
	for _, tc := range []struct {
		name, dsn, want string
	}{
		{"empty", "", "empty database name"},
		{"sqlite without a name", "sqlite:", "empty database name"},
		{"missing directory", filepath.Join(dir, "no", "such", "dir", "x.db"), "no/such/dir"},
		{"postgres unreachable", "postgres://nobody:secret@127.0.0.1:1/x?connect_timeout=2", "127.0.0.1:1"},
		{"postgres password parameter", "postgresql://127.0.0.1:1/x?password=secret&connect_timeout=2", "127.0.0.1:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			db, err := store.Open(ctx, tc.dsn)
			if err == nil {
				db.Close()
				t.Fatalf("Open(%q) succeeded", tc.dsn)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Open(%q) = %v, want an error naming %q", tc.dsn, err, tc.want)
			}
			if strings.Contains(err.Error(), "secret") {
				t.Errorf("Open(%q) error shows the password: %v", tc.dsn, err)
			}
		})
	}
}
