package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite" // registers the "sqlite" driver (pure Go)
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteBusyTimeout is how long a SQLite connection waits for another
// process's write lock before failing with SQLITE_BUSY.
const sqliteBusyTimeout = 30 * time.Second

// sqliteReaders is the number of read connections to a SQLite file; WAL lets
// them read while the one writer writes.
const sqliteReaders = 4

// openSQLite opens a SQLite database file with a single-connection write
// pool (every transaction BEGIN IMMEDIATE, so a writer takes the lock up
// front and never fails halfway on an upgrade) and a small read pool. An
// in-memory database is private to its one connection, so both pools are
// that connection.
//
// Many processes may open one fresh file at once (issue 14: "database is
// locked" from two concurrent Opens). The busy timeout is the first pragma
// every connection runs, before any statement can touch the file; the one
// step SQLite does not retry through the busy handler — turning a fresh
// file's rollback journal into WAL while another connection reads its
// header — is retried here until the busy timeout has passed.
func openSQLite(ctx context.Context, file string) (write, read *sql.DB, err error) {
	params := "?_pragma=busy_timeout(" + strconv.Itoa(int(sqliteBusyTimeout/time.Millisecond)) + ")" +
		"&_pragma=foreign_keys(1)&_txlock=immediate"
	if file == ":memory:" {
		write, err = sql.Open("sqlite", ":memory:"+params)
		if err != nil {
			return nil, nil, err
		}
		write.SetMaxOpenConns(1)
		write.SetConnMaxLifetime(0)
		write.SetConnMaxIdleTime(0)
		if err := write.PingContext(ctx); err != nil {
			write.Close()
			return nil, nil, err
		}
		return write, write, nil
	}
	// synchronous=NORMAL is safe against a killed process in WAL mode (a
	// power cut may lose the last commits). It is per connection; WAL is
	// the file's, set once below.
	params += "&_pragma=synchronous(NORMAL)" +
		// A batch's savepoints and FTS5's merges spill to temporary files
		// by default: keep them in memory, and give each connection a page
		// cache of 32 MiB instead of 2 (issue 14: pwrite and pread were
		// 15% of ingest's CPU).
		"&_pragma=temp_store(MEMORY)&_pragma=cache_size(-32768)"
	// As a URI, a file name may hold '?', '#' and '%'.
	file = "file:" + (&url.URL{Path: file}).EscapedPath()
	write, err = sql.Open("sqlite", file+params)
	if err != nil {
		return nil, nil, err
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	if err := sqliteWAL(ctx, write); err != nil {
		write.Close()
		return nil, nil, err
	}
	read, err = sql.Open("sqlite", file+strings.Replace(params, "&_txlock=immediate", "", 1))
	if err != nil {
		write.Close()
		return nil, nil, err
	}
	read.SetMaxOpenConns(sqliteReaders)
	read.SetMaxIdleConns(sqliteReaders)
	return write, read, nil
}

// sqliteWAL puts the file in WAL mode (for concurrent readers beside the
// one writer), retrying while another connection holds a lock that SQLite
// reports as busy without calling the busy handler.
func sqliteWAL(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(sqliteBusyTimeout)
	wait := time.Millisecond
	for {
		var mode string
		err := db.QueryRowContext(ctx, `PRAGMA journal_mode = WAL`).Scan(&mode)
		if err == nil {
			if !strings.EqualFold(mode, "wal") {
				return fmt.Errorf("journal mode is %s, not wal", mode)
			}
			return nil
		}
		if !sqliteBusy(err) || time.Now().After(deadline) {
			return fmt.Errorf("journal mode wal: %w", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(wait):
		}
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// sqliteBusy reports whether err is SQLITE_BUSY or SQLITE_LOCKED.
func sqliteBusy(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return true
		}
	}
	return false
}

func sqliteDialect() *dialect {
	return &dialect{
		name:   SQLite,
		rebind: func(q string) string { return q },
		timeArg: func(t time.Time) any {
			if t.IsZero() {
				return nil
			}
			return t.UTC().Format(timeLayout)
		},
		// FTS5 over title and text (title weighted ten times); bm25 is
		// lower-is-better, so its negation is the rank.
		searchQuery: `SELECT d.id, d.title, d.publisher, d.published, d.url,
			snippet(documents_fts, -1, '` + HighlightStart + `', '` + HighlightEnd + `', '…', 24),
			-bm25(documents_fts, 10.0, 1.0)
		FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
		WHERE documents_fts MATCH ?
		ORDER BY bm25(documents_fts, 10.0, 1.0), d.id
		LIMIT ?`,
		searchArg: sqliteMatch,
	}
}

// sqliteMatch builds an FTS5 query that matches documents holding all the
// terms: each term becomes a quoted string, so no input is FTS5 syntax.
func sqliteMatch(terms []string) string {
	var b strings.Builder
	for i, t := range terms {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(strings.ReplaceAll(t, `"`, `""`))
		b.WriteByte('"')
	}
	return b.String()
}
