// Package store keeps muster's knowledge base in SQL: documents with
// full-text search, mentions, entities and their aliases, events, claims, the
// job queue of `muster worker` and analysts' merge/split decisions.
//
// It is the only package that speaks SQL (DESIGN §5). Two backends share one
// schema and one set of queries: SQLite (embedded, one file, WAL, FTS5) for a
// single machine and PostgreSQL for many workers. Dialect differences live in
// sqlite.go and postgres.go only. Open picks the backend from the DSN and
// runs the embedded migrations.
//
// Every write is one short explicit transaction; Save stores a whole
// analysis or nothing, so a killed process leaves only whole documents.
package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/muster-osint/muster"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// Backend names returned by DB.Dialect.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is a muster knowledge base in SQLite or PostgreSQL. It is safe for
// concurrent use by many goroutines; Close releases it.
type DB struct {
	// write takes every write transaction; for SQLite it holds a single
	// connection so that writers queue in Go instead of failing with
	// SQLITE_BUSY. read serves queries (the same pool for PostgreSQL).
	write, read *sql.DB
	d           *dialect

	// Now returns the current time; it stamps ingest times, job leases and
	// decisions. Open sets it to time.Now; tests replace it.
	Now func() time.Time

	// EntityKeys, when set, returns the match keys of an entity (resolution's
	// transliteration, acronym and surname keys); Save records them and
	// EntitiesByKeys finds entities by them. The store does not compute them
	// itself: matching names is resolution's vocabulary, not SQL's.
	EntityKeys func(muster.Entity) []string

	// Derive, when set, keeps the derived tables (event clusters,
	// contradictions, map places) up to date in every write transaction;
	// without it writes mark them stale (derived.go).
	Derive *Deriver

	// MaxJobAttempts is how many times a job is claimed before it fails
	// for good; zero means DefaultMaxAttempts.
	MaxJobAttempts int

	// prep is the write statements prepared once for the store (stmt.go).
	prep prepared
	// cache answers a batch's entity lookups on SQLite (cache.go);
	// noCache turns it off, for tests.
	cache   entityCache
	noCache bool
}

// dialect is what differs between the backends. Everything else (schema
// shape, queries) is shared.
type dialect struct {
	name string
	// rebind turns the shared '?' placeholders into the backend's.
	rebind func(query string) string
	// skipLocked is appended to the subquery that picks a job to claim.
	skipLocked string
	// lockDerived, when not empty, runs before a write transaction
	// updates the derived tables, to do so one transaction at a time.
	lockDerived string
	// lockMigrations, when not empty, runs first in each migration
	// transaction so that concurrent Opens migrate one at a time.
	lockMigrations string
	// timeArg converts a time to a query argument (nil for the zero time).
	timeArg func(time.Time) any
	// searchQuery selects id, title, publisher, published, url, snippet,
	// rank for the arguments (query, limit) built by searchArg.
	searchQuery string
	searchArg   func(terms []string) string
}

// Open opens (creating if needed) the knowledge base named by dsn and brings
// its schema up to date. A dsn is a SQLite file name ("muster.db",
// "sqlite:muster.db"), ":memory:" for a private in-memory SQLite database, or
// a PostgreSQL URL ("postgres://…", "postgresql://…"; a search_path
// parameter selects the schema).
func Open(ctx context.Context, dsn string) (*DB, error) {
	db := &DB{Now: time.Now}
	var err error
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		db.write, err = openPostgres(ctx, dsn)
		db.read, db.d = db.write, postgresDialect()
	default:
		file := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "//")
		if file == "" {
			return nil, muster.Errorf(muster.KindInvalid, "store: empty database name")
		}
		db.write, db.read, err = openSQLite(ctx, file)
		db.d = sqliteDialect()
	}
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", redact(dsn), err)
	}
	if err := db.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: migrate %s: %w", redact(dsn), err)
	}
	return db, nil
}

// redact hides the passwords in a URL-shaped dsn, for error messages.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme == "" || u.Opaque != "" {
		return dsn
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// Close closes the database.
func (db *DB) Close() error {
	db.closePrepared()
	err := db.write.Close()
	if db.read != db.write {
		if rerr := db.read.Close(); err == nil {
			err = rerr
		}
	}
	return err
}

// Dialect names the backend: "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.d.name }

// migrate runs the embedded migrations of db's dialect that are not yet
// recorded in schema_migrations, in name order, each in its own transaction.
func (db *DB) migrate(ctx context.Context) error {
	dir := "migrations/" + db.d.name
	names, err := fs.Glob(migrations, dir+"/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := db.migrateOne(ctx, name); err != nil {
			return fmt.Errorf("%s: %w", path.Base(name), err)
		}
	}
	return nil
}

// migrateOne runs one migration unless it is recorded, under a lock that
// keeps concurrent Opens (of other processes too) out until it commits:
// an advisory lock on PostgreSQL, an EXCLUSIVE transaction on SQLite.
func (db *DB) migrateOne(ctx context.Context, name string) (err error) {
	version := strings.TrimSuffix(path.Base(name), ".sql")
	tx, done, err := db.beginMigration(ctx)
	if err != nil {
		return err
	}
	defer func() { err = done(err) }()
	if db.d.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, db.d.lockMigrations); err != nil {
			return err
		}
	}
	// Created under the lock: concurrent CREATE TABLE IF NOT EXISTS can
	// fail on PostgreSQL.
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version TEXT PRIMARY KEY,
		applied TEXT NOT NULL
	)`); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, db.q(`SELECT count(*) FROM schema_migrations WHERE version = ?`), version).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	body, err := migrations.ReadFile(name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, db.q(`INSERT INTO schema_migrations (version, applied) VALUES (?, ?)`),
		version, db.Now().UTC().Format(time.RFC3339))
	return err
}

// execQuerier is what a migration runs statements on: a *sql.Tx, or the
// *sql.Conn that holds SQLite's EXCLUSIVE transaction.
type execQuerier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// beginMigration starts a migration's transaction. done commits it when
// err is nil and rolls it back otherwise, returning the first error.
func (db *DB) beginMigration(ctx context.Context) (execQuerier, func(error) error, error) {
	if db.d.name != SQLite {
		tx, err := db.write.BeginTx(ctx, nil)
		if err != nil {
			return nil, nil, err
		}
		return tx, func(err error) error {
			if err != nil {
				tx.Rollback()
				return err
			}
			return tx.Commit()
		}, nil
	}
	// database/sql begins SQLite transactions IMMEDIATE; a migration takes
	// the stronger EXCLUSIVE lock on the one write connection.
	conn, err := db.write.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	if _, err := conn.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
		conn.Close()
		return nil, nil, err
	}
	return conn, func(err error) error {
		defer conn.Close()
		if err != nil {
			// A background context: the rollback must run even when ctx
			// has ended, or the connection returns to the pool mid-transaction.
			conn.ExecContext(context.Background(), `ROLLBACK`)
			return err
		}
		if _, err := conn.ExecContext(ctx, `COMMIT`); err != nil {
			conn.ExecContext(context.Background(), `ROLLBACK`)
			return fmt.Errorf("commit: %w", err)
		}
		return nil
	}, nil
}

// q adapts a shared query to the dialect's placeholders.
func (db *DB) q(query string) string { return db.d.rebind(query) }

// now returns the current time in UTC, to the microsecond that both backends
// keep.
func (db *DB) now() time.Time { return db.Now().UTC().Truncate(time.Microsecond) }

// timeLayout is how SQLite stores times: fixed width, UTC, so that the text
// sorts as the times do.
const timeLayout = "2006-01-02T15:04:05.000000Z07:00"

// sqlTime scans a time column of either backend: time.Time from PostgreSQL,
// text in timeLayout (or RFC 3339) from SQLite, NULL as the zero time.
type sqlTime struct{ t *time.Time }

func (s sqlTime) Scan(v any) error {
	switch v := v.(type) {
	case nil:
		*s.t = time.Time{}
	case time.Time:
		*s.t = v.UTC()
	case string:
		return s.parse(v)
	case []byte:
		return s.parse(string(v))
	default:
		return fmt.Errorf("store: cannot scan %T as a time", v)
	}
	return nil
}

func (s sqlTime) parse(v string) error {
	if v == "" {
		*s.t = time.Time{}
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return fmt.Errorf("store: bad stored time %q: %w", v, err)
	}
	*s.t = t.UTC()
	return nil
}

// placeholders returns "?, ?, …" for n arguments.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// rebindDollar rewrites '?' placeholders as $1, $2, … outside quoted text.
func rebindDollar(query string) string {
	var b strings.Builder
	b.Grow(len(query) + 16)
	n := 0
	var quote byte
	for i := 0; i < len(query); i++ {
		c := query[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '?':
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// chunks splits n items into ranges of at most size, for IN lists and
// multi-row inserts that must stay under the backends' parameter limits.
func chunks(n, size int) [][2]int {
	var out [][2]int
	for i := 0; i < n; i += size {
		j := min(i+size, n)
		out = append(out, [2]int{i, j})
	}
	return out
}

// notFound reports whether err is sql.ErrNoRows.
func notFound(err error) bool { return errors.Is(err, sql.ErrNoRows) }
