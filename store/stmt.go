package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"sync"

	"github.com/muster-osint/muster"
)

// wtx is a write transaction that runs each statement prepared (issue 14:
// re-preparing SQL was 15% of ingest's CPU). On SQLite a statement is
// prepared once per store on its one write connection and reused by every
// transaction after (database/sql's Tx.StmtContext finds it prepared on
// the transaction's connection), so a run of many small batches — one
// core commits a batch every BatchWait — does not prepare its few dozen
// statements again for each. A statement can only be prepared on the
// store between transactions (SQLite's one write connection is the open
// transaction's), so one first met inside a transaction is prepared for
// that transaction and again, for the store, when the next one begins.
// PostgreSQL's driver (pgx) already keeps the statements it has prepared
// per connection, so there the transaction runs the text.
type wtx struct {
	db    *DB
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// cache, when set, is kept up to date with the entities the
	// transaction writes (a batch's on SQLite, cache.go).
	cache *entityCache
	// pending is what the transaction's saves touched, for the derived
	// tables (derived.go) to catch up with before it commits.
	pending derivePending
}

// wroteEntity tells the cache that e was upserted with the match keys
// entityKeys (its alias keys are taken from e), leaving row (nil when not
// read back).
func (t *wtx) wroteEntity(e *muster.Entity, entityKeys []string, row *storedRow) {
	if t.cache == nil {
		return
	}
	keys := slices.Clone(entityKeys)
	for _, a := range e.Aliases {
		if k := muster.NameKey(a.Name); k != "" {
			keys = append(keys, k)
		}
	}
	t.cache.wrote(e.ID, muster.NameKey(e.Name), keys, len(entityKeys), row)
}

// prepared is a store's statements prepared on its SQLite write
// connection, and the ones met since that are to be.
type prepared struct {
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
	want  []string
}

// beginWrite starts a write transaction, first preparing for the store the
// statements the transactions before it met for the first time.
func (db *DB) beginWrite(ctx context.Context) (*wtx, error) {
	if db.d.name == SQLite {
		db.prep.mu.Lock()
		want := db.prep.want
		db.prep.want = nil
		db.prep.mu.Unlock()
		// Prepared without the lock held: preparing waits for the write
		// connection, which another goroutine's transaction may hold
		// while it needs the lock.
		for _, q := range want {
			st, err := db.write.PrepareContext(ctx, q)
			if err != nil {
				// The transaction prepares it for itself and reports
				// what is wrong with it.
				continue
			}
			db.prep.mu.Lock()
			if _, ok := db.prep.stmts[q]; ok || len(db.prep.stmts) >= maxPrepared {
				st.Close()
			} else {
				if db.prep.stmts == nil {
					db.prep.stmts = map[string]*sql.Stmt{}
				}
				db.prep.stmts[q] = st
			}
			db.prep.mu.Unlock()
		}
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &wtx{db: db, tx: tx}, nil
}

// closePrepared closes the store's prepared statements.
func (db *DB) closePrepared() {
	db.prep.mu.Lock()
	defer db.prep.mu.Unlock()
	for _, st := range db.prep.stmts {
		st.Close()
	}
	db.prep.stmts, db.prep.want = nil, nil
}

// stmt returns query prepared for the transaction, or nil to run it as text.
func (t *wtx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if t.db.d.name != SQLite {
		return nil, nil
	}
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	if len(t.stmts) >= maxPrepared {
		return nil, nil // texts built for a varying number of arguments
	}
	p := &t.db.prep
	p.mu.Lock()
	shared, ok := p.stmts[query]
	if !ok && len(p.stmts)+len(p.want) < maxPrepared {
		p.want = append(p.want, query)
	}
	p.mu.Unlock()
	var st *sql.Stmt
	var err error
	if ok {
		// Already prepared on the transaction's connection: no new
		// preparation (an error shows when the statement runs).
		st = t.tx.StmtContext(ctx, shared)
	} else {
		st, err = t.tx.PrepareContext(ctx, query)
	}
	if err != nil {
		return nil, err
	}
	if t.stmts == nil {
		t.stmts = map[string]*sql.Stmt{}
	}
	t.stmts[query] = st
	return st, nil
}

func (t *wtx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return t.tx.ExecContext(ctx, query, args...)
	}
	return st.ExecContext(ctx, args...)
}

func (t *wtx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return t.tx.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs a query expected to return at most one row; a
// failure to prepare shows as the row's error.
func (t *wtx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil || st == nil {
		// The text fails again the same way, reporting the error through
		// the Row.
		return t.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// maxPrepared bounds the statements a transaction keeps prepared: the
// shared queries are a few dozen.
const maxPrepared = 128

// inList returns the condition "column is one of the list argument" with
// one placeholder, and the argument for keys: a text array on PostgreSQL,
// a JSON array read by json_each on SQLite. One statement text for any
// number of keys, so it is prepared once (an IN list of n placeholders is
// a new statement for each n).
func (db *DB) inList(column string, keys []string) (string, any, error) {
	if db.d.name == SQLite {
		js, err := json.Marshal(keys)
		if err != nil {
			return "", nil, err
		}
		return column + ` IN (SELECT value FROM json_each(?))`, string(js), nil
	}
	return column + ` = ANY(?)`, keys, nil
}
