package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/muster-osint/muster"
)

// EachDocument calls fn with every stored document, text included, in the
// order they were ingested (then by id). It stops at fn's first error.
func (db *DB) EachDocument(ctx context.Context, fn func(muster.Document) error) error {
	rows, err := db.read.QueryContext(ctx, db.q(`SELECT `+documentColumns+` FROM documents ORDER BY ingested, id`))
	if err != nil {
		return fmt.Errorf("store: documents: %w", err)
	}
	var docs []muster.Document
	for rows.Next() {
		var d muster.Document
		if err := rows.Scan(&d.ID, &d.Hash, &d.Title, &d.URL, &d.Publisher, &d.Byline, sqlTime{&d.Published}, &d.Language,
			&d.Format, &d.Source, &d.Text, sqlTime{&d.Ingested}, &d.DuplicateOf); err != nil {
			rows.Close()
			return fmt.Errorf("store: documents: %w", err)
		}
		docs = append(docs, d)
	}
	if err := closeRows(rows); err != nil {
		return fmt.Errorf("store: documents: %w", err)
	}
	// fn runs after the rows are closed, so it may query the store.
	for _, d := range docs {
		if err := fn(d); err != nil {
			return err
		}
	}
	return nil
}

// ReplaceAnalyses replaces what is known of the stored documents with the
// given analyses, in one transaction: every entity, alias, mention, event
// and claim is deleted and the analyses are written in their place.
// Documents, jobs and analysts' decisions are kept. It is how an analyst's
// merge or split (or a new model) reaches what is already stored; a killed
// rebuild leaves the store as it was. Every analysis must be of a stored
// document.
func (db *DB) ReplaceAnalyses(ctx context.Context, as []*muster.Analysis) error {
	for _, a := range as {
		if err := validate(a); err != nil {
			return err
		}
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("store: rebuild: %w", err)
	}
	defer tx.tx.Rollback()
	db.cache.reset() // see Save
	if err := clearDerived(ctx, tx); err != nil {
		return fmt.Errorf("store: rebuild: %w", err)
	}
	for _, table := range []string{"claims", "event_participants", "event_places", "events", "mentions", "entity_keys", "aliases", "entities"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table); err != nil {
			return fmt.Errorf("store: rebuild: clear %s: %w", table, err)
		}
	}
	for _, a := range as {
		id := a.Document.ID
		var n int
		if err := tx.QueryRowContext(ctx, db.q(`SELECT count(*) FROM documents WHERE id = ?`), id).Scan(&n); err != nil {
			return fmt.Errorf("store: rebuild %s: %w", id, err)
		}
		if n == 0 {
			return muster.Errorf(muster.KindNotFound, "store: rebuild: document %s is not stored", id)
		}
		if _, err := db.upsertEntities(ctx, tx, a.Entities); err != nil {
			return fmt.Errorf("store: rebuild %s: %w", id, err)
		}
		if _, err := db.insertMentions(ctx, tx, id, a.Mentions); err != nil {
			return fmt.Errorf("store: rebuild %s: mentions: %w", id, err)
		}
		if _, err := db.insertEvents(ctx, tx, id, a.Events); err != nil {
			return fmt.Errorf("store: rebuild %s: events: %w", id, err)
		}
		claims := slices.Clone(a.Claims)
		for _, ev := range a.Events {
			claims = append(claims, ev.Claims...)
		}
		if _, err := db.insertClaims(ctx, tx, id, claims); err != nil {
			return fmt.Errorf("store: rebuild %s: claims: %w", id, err)
		}
	}
	if db.Derive != nil {
		if err := db.rederive(ctx, tx); err != nil {
			return fmt.Errorf("store: rebuild: %w", err)
		}
	} else if err := db.bumpVersion(ctx, tx, true); err != nil {
		return fmt.Errorf("store: rebuild: %w", err)
	}
	if err := tx.tx.Commit(); err != nil {
		return fmt.Errorf("store: rebuild: commit: %w", err)
	}
	return nil
}
