package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/muster-osint/muster"
)

// Batch is one write transaction in which many analyses are saved, for
// bulk ingest: one commit (one WAL flush on PostgreSQL) per batch instead
// of per document. Each document is still all or nothing: Save runs it
// under a savepoint and undoes all of it when any part fails, leaving the
// batch usable for the next; a batch that is never committed (a killed
// process) leaves none of its documents. Reads through the batch
// (EntitiesByKeys, HasDocument) see what it has saved so far, so that a
// document resolves against the documents before it in the same batch as
// it would after their commit.
//
// A Batch holds the store's write connection until Commit or Rollback (on
// SQLite, the one writer): keep batches short. It is not safe for
// concurrent use.
type Batch struct {
	db *DB
	tx *wtx
	n  int // documents saved (not duplicates)
}

// Begin starts a batch.
func (db *DB) Begin(ctx context.Context) (*Batch, error) {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: begin batch: %w", err)
	}
	return &Batch{db: db, tx: db.wrapTx(tx)}, nil
}

// Save stores a whole analysis in the batch, as DB.Save does in a
// transaction of its own. On error nothing of the analysis is in the batch
// and the batch may go on.
func (b *Batch) Save(ctx context.Context, a *muster.Analysis) (SaveResult, error) {
	if err := validate(a); err != nil {
		return SaveResult{}, err
	}
	if _, err := b.tx.ExecContext(ctx, `SAVEPOINT doc`); err != nil {
		return SaveResult{Document: a.Document.ID}, fmt.Errorf("store: save %s: savepoint: %w", a.Document.ID, err)
	}
	res, err := b.db.save(ctx, b.tx, a)
	if err != nil {
		// A background context: the undo must run even when ctx has ended.
		if _, rerr := b.tx.ExecContext(context.Background(), `ROLLBACK TO SAVEPOINT doc`); rerr != nil {
			return res, fmt.Errorf("%w (and undoing it: %v)", err, rerr)
		}
		b.tx.ExecContext(context.Background(), `RELEASE SAVEPOINT doc`)
		return res, err
	}
	if _, err := b.tx.ExecContext(ctx, `RELEASE SAVEPOINT doc`); err != nil {
		return res, fmt.Errorf("store: save %s: release savepoint: %w", a.Document.ID, err)
	}
	if !res.Duplicate {
		b.n++
	}
	return res, nil
}

// Len returns the number of documents saved in the batch so far.
func (b *Batch) Len() int { return b.n }

// EntitiesByKeys is DB.EntitiesByKeys seeing the batch's own writes.
func (b *Batch) EntitiesByKeys(ctx context.Context, keys []string) ([]muster.Entity, error) {
	return b.db.entitiesByKeys(ctx, b.tx, keys)
}

// HasDocument is DB.HasDocument seeing the batch's own writes.
func (b *Batch) HasDocument(ctx context.Context, hash string) (bool, error) {
	return b.db.hasDocument(ctx, b.tx, hash)
}

// Commit stores the batch's documents.
func (b *Batch) Commit() error {
	if err := b.tx.tx.Commit(); err != nil {
		return fmt.Errorf("store: commit batch of %d documents: %w", b.n, err)
	}
	return nil
}

// Rollback drops the batch's documents; after Commit it does nothing.
func (b *Batch) Rollback() error {
	err := b.tx.tx.Rollback()
	if err == sql.ErrTxDone {
		return nil
	}
	return err
}

// Analyze refreshes the statistics the query planners choose plans by,
// after a bulk load has changed the tables' sizes (issue 14: PostgreSQL
// without statistics planned the entity lookup as a scan).
func (db *DB) Analyze(ctx context.Context) error {
	q := `ANALYZE`
	if db.d.name == SQLite {
		// optimize analyses only the tables whose statistics are stale,
		// within a bounded effort.
		q = `PRAGMA optimize=0x10002`
	}
	if _, err := db.write.ExecContext(ctx, q); err != nil {
		return fmt.Errorf("store: analyze: %w", err)
	}
	return nil
}
