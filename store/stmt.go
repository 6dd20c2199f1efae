package store

import (
	"context"
	"database/sql"
	"encoding/json"
)

// wtx is a write transaction that prepares each statement once (issue 14:
// re-preparing SQL was 15% of ingest's CPU). On SQLite a statement is
// prepared on the transaction's connection the first time the transaction
// runs it, and reused for the rest of it (a batch of many documents runs
// each a few thousand times). A statement cannot be prepared once per DB
// here: SQLite's one write connection is the transaction's while it is
// open. PostgreSQL's driver (pgx) already keeps the statements it has
// prepared per connection, so there the transaction runs the text.
type wtx struct {
	db    *DB
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
}

func (db *DB) wrapTx(tx *sql.Tx) *wtx { return &wtx{db: db, tx: tx} }

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
	st, err := t.tx.PrepareContext(ctx, query)
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
