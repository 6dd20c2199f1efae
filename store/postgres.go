package store

import (
	"context"
	"database/sql"
	"net/url"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// postgresMigrationLock is the pg_advisory_xact_lock key that serialises
// migrations of concurrent Opens ("muster" in ASCII).
const postgresMigrationLock = 0x6d7573746572

// postgresDerivedLock is the pg_advisory_xact_lock key that serialises
// the updates of the derived tables (derived.go).
const postgresDerivedLock = postgresMigrationLock + 1

// postgresSettings are the session settings of every connection, unless
// the URL sets them: muster's queries are short OLTP lookups and writes,
// which the JIT compiler only slows down (issue 14: an entity lookup took
// 117 ms with JIT against 11 ms without, once its cost estimate passed
// jit_above_cost).
var postgresSettings = map[string]string{"jit": "off"}

// openPostgres opens a PostgreSQL pool. Parameters the server knows as
// run-time settings (search_path, application_name, jit) may ride in the
// URL.
func openPostgres(ctx context.Context, dsn string) (*sql.DB, error) {
	if u, err := url.Parse(dsn); err == nil {
		q := u.Query()
		for k, v := range postgresSettings {
			if !q.Has(k) {
				q.Set(k, v)
			}
		}
		u.RawQuery = q.Encode()
		dsn = u.String()
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func postgresDialect() *dialect {
	return &dialect{
		name:           Postgres,
		rebind:         rebindDollar,
		skipLocked:     " FOR UPDATE SKIP LOCKED",
		lockMigrations: "SELECT pg_advisory_xact_lock(" + strconv.FormatInt(postgresMigrationLock, 10) + ")",
		lockDerived:    "SELECT pg_advisory_xact_lock(" + strconv.FormatInt(postgresDerivedLock, 10) + ")",
		timeArg: func(t time.Time) any {
			if t.IsZero() {
				return nil
			}
			return t.UTC().Truncate(time.Microsecond)
		},
		// plainto_tsquery never fails on syntax: it ANDs the words it finds.
		searchQuery: `SELECT d.id, d.title, d.publisher, d.published, d.url,
			ts_headline('simple'::regconfig, left(d.text, 100000), q,
				'StartSel="` + HighlightStart + `", StopSel="` + HighlightEnd + `", MaxWords=35, MinWords=15, MaxFragments=1, FragmentDelimiter="…"'),
			ts_rank(d.tsv, q)
		FROM documents d, plainto_tsquery('simple'::regconfig, ?) q
		WHERE d.tsv @@ q
		ORDER BY ts_rank(d.tsv, q) DESC, d.id
		LIMIT ?`,
		searchArg: func(terms []string) string { return strings.Join(terms, " ") },
	}
}
