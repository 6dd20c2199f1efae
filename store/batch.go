package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/muster-osint/muster"
)

// Batch is one write transaction in which many analyses are saved, for
// bulk ingest: one commit (one WAL flush on PostgreSQL) per batch instead
// of per document. Each document is still all or nothing: when a save
// fails, the batch's transaction is rolled back and the analyses saved in
// it before are written again in a new one, so the batch holds exactly
// the documents before the failed one and may go on. Documents are not
// saved under savepoints (issue 14: on SQLite a savepoint per document
// copied every page it touched to a statement journal and flushed the
// full-text index once per document, a sixth of the write path's CPU; on
// PostgreSQL each was two round trips and a subtransaction); a failure,
// which validation makes rare, costs the replay instead. A batch that is
// never committed (a killed process) leaves none of its documents. Reads
// through the batch (EntitiesByKeys, HasDocument, EventsAt) see what it
// has saved so far, so that a document resolves against the documents
// before it in the same batch as it would after their commit.
//
// A Batch holds the store's write connection until Commit or Rollback (on
// SQLite, the one writer): keep batches short. It keeps the analyses it
// saved until then, and they must not change meanwhile. It is not safe
// for concurrent use.
type Batch struct {
	db  *DB
	ctx context.Context // the transaction's, for a replay's new one
	tx  *wtx
	n   int // documents saved (not duplicates)
	// saved is the analyses written in tx, in order, for a replay.
	saved []*muster.Analysis
	// broken is the error of a replay that failed: tx is unusable until
	// a replay succeeds.
	broken error
}

// Begin starts a batch.
func (db *DB) Begin(ctx context.Context) (*Batch, error) {
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return nil, fmt.Errorf("store: begin batch: %w", err)
	}
	if err := db.useCache(ctx, tx); err != nil {
		tx.tx.Rollback()
		return nil, fmt.Errorf("store: begin batch: %w", err)
	}
	return &Batch{db: db, ctx: ctx, tx: tx}, nil
}

// useCache lets a batch's transaction answer lookups from the store's
// entity cache and keep it up to date (SQLite only, see entityCache).
func (db *DB) useCache(ctx context.Context, tx *wtx) error {
	if db.d.name != SQLite || db.noCache {
		return nil
	}
	if err := db.cache.check(ctx, tx); err != nil {
		return err
	}
	tx.cache = &db.cache
	return nil
}

// Save stores a whole analysis in the batch, as DB.Save does in a
// transaction of its own. On error nothing of the analysis is in the batch
// and the batch may go on.
func (b *Batch) Save(ctx context.Context, a *muster.Analysis) (SaveResult, error) {
	if err := validate(a); err != nil {
		return SaveResult{}, err
	}
	if err := b.usable(ctx); err != nil {
		return SaveResult{Document: a.Document.ID}, err
	}
	res, err := b.db.save(ctx, b.tx, a)
	if err != nil {
		// Part of a may be in the transaction (and on PostgreSQL a failed
		// statement aborts it): start again without a.
		if rerr := b.replay(ctx); rerr != nil {
			return res, fmt.Errorf("%w (and undoing it: %v)", err, rerr)
		}
		return res, err
	}
	if !res.Duplicate {
		b.n++
		b.saved = append(b.saved, a)
	}
	return res, nil
}

// usable replays the batch if a replay failed before.
func (b *Batch) usable(ctx context.Context) error {
	if b.broken == nil {
		return nil
	}
	return b.replay(ctx)
}

// replay rolls the transaction back and saves the batch's analyses again
// in a new one.
func (b *Batch) replay(ctx context.Context) error {
	b.tx.tx.Rollback()
	// What the cache learnt in the transaction may be gone with it.
	b.db.cache.reset()
	b.broken = nil
	tx, err := b.db.beginWrite(b.ctx)
	if err == nil {
		if err = b.db.useCache(b.ctx, tx); err != nil {
			tx.tx.Rollback()
		}
	}
	if err == nil {
		b.tx = tx
		for _, a := range b.saved {
			if _, err = b.db.save(ctx, b.tx, a); err != nil {
				tx.tx.Rollback()
				break
			}
		}
	}
	if err != nil {
		b.broken = fmt.Errorf("store: replay batch of %d documents: %w", len(b.saved), err)
	}
	return b.broken
}

// Len returns the number of documents saved in the batch so far.
func (b *Batch) Len() int { return b.n }

// EntitiesByKeys is DB.EntitiesByKeys seeing the batch's own writes.
func (b *Batch) EntitiesByKeys(ctx context.Context, keys []string) ([]muster.Entity, error) {
	if err := b.usable(ctx); err != nil {
		return nil, err
	}
	if b.tx.cache != nil {
		sets, err := b.db.cachedKeySets(ctx, b.tx, [][]string{keys})
		if err != nil {
			return nil, fmt.Errorf("store: entities by keys: %w", err)
		}
		return sets[0], nil
	}
	return b.db.entitiesByKeys(ctx, b.tx, keys)
}

// EntitiesByKeySets is DB.EntitiesByKeySets seeing the batch's own writes.
func (b *Batch) EntitiesByKeySets(ctx context.Context, sets [][]string) ([][]muster.Entity, error) {
	if err := b.usable(ctx); err != nil {
		return nil, err
	}
	if b.tx.cache != nil {
		out, err := b.db.cachedKeySets(ctx, b.tx, sets)
		if err != nil {
			return nil, fmt.Errorf("store: entities by key sets: %w", err)
		}
		return out, nil
	}
	return b.db.entitiesByKeySets(ctx, b.tx, sets)
}

// HasDocument is DB.HasDocument seeing the batch's own writes.
func (b *Batch) HasDocument(ctx context.Context, hash string) (bool, error) {
	if err := b.usable(ctx); err != nil {
		return false, err
	}
	return b.db.hasDocument(ctx, b.tx, hash)
}

// Commit stores the batch's documents.
func (b *Batch) Commit() error {
	if b.broken != nil {
		b.tx.tx.Rollback()
		b.db.cache.reset()
		return fmt.Errorf("store: commit batch of %d documents: %w", b.n, b.broken)
	}
	if err := b.db.refreshDerived(b.ctx, b.tx); err != nil {
		b.tx.tx.Rollback()
		b.db.cache.reset()
		return fmt.Errorf("store: commit batch of %d documents: %w", b.n, err)
	}
	b.saved = nil
	if err := b.tx.tx.Commit(); err != nil {
		b.db.cache.reset()
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
	b.db.cache.reset()
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
