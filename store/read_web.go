package store

import (
	"context"
	"fmt"

	"github.com/muster-osint/muster"
)

// State returns a short key of what the store holds: it changes whenever a
// document, claim, event or entity is added, removed or updated, so that a
// reader can cache what it derives from the whole store (the web server's
// contradictions, timeline and map) and rebuild only when the key changes.
// It is cheap: counts, and the latest entity update and ingest time (a
// rebuild re-saves entities, so their update time moves).
func (db *DB) State(ctx context.Context) (string, error) {
	var docs, claims, events, ents int64
	var updated, ingested sql0
	err := db.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM claims), (SELECT count(*) FROM events),
		(SELECT count(*) FROM entities), (SELECT max(updated) FROM entities), (SELECT max(ingested) FROM documents)`).
		Scan(&docs, &claims, &events, &ents, &updated, &ingested)
	if err != nil {
		return "", fmt.Errorf("store: state: %w", err)
	}
	return fmt.Sprintf("%d/%d/%d/%d/%s/%s", docs, claims, events, ents, updated.s, ingested.s), nil
}

// sql0 scans any nullable column as text, "" for NULL.
type sql0 struct{ s string }

func (v *sql0) Scan(src any) error {
	switch x := src.(type) {
	case nil:
		v.s = ""
	case []byte:
		v.s = string(x)
	default:
		v.s = fmt.Sprint(x)
	}
	return nil
}

// EntitiesByID returns the entities with the ids, aliases included; ids
// not stored are left out.
func (db *DB) EntitiesByID(ctx context.Context, ids []string) ([]muster.Entity, error) {
	var out []muster.Entity
	for _, c := range chunks(len(ids), maxParams) {
		es, err := db.entities(ctx, entitySelect+`WHERE e.id IN (`+placeholders(c[1]-c[0])+`)`, anys(ids[c[0]:c[1]])...)
		if err != nil {
			return nil, fmt.Errorf("store: entities by id: %w", err)
		}
		out = append(out, es...)
	}
	return out, nil
}

// headLength is how much of an untitled document's text UntitledHeads
// returns, in characters.
const headLength = 160

// UntitledHeads returns, for each stored document without a title, the
// first characters of its text, so that a list can name it by its first
// words instead of showing a blank link.
func (db *DB) UntitledHeads(ctx context.Context) (map[string]string, error) {
	rows, err := db.read.QueryContext(ctx, fmt.Sprintf(`SELECT id, substr(text, 1, %d) FROM documents WHERE title = ''`, headLength))
	if err != nil {
		return nil, fmt.Errorf("store: untitled heads: %w", err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, head string
		if err := rows.Scan(&id, &head); err != nil {
			return nil, fmt.Errorf("store: untitled heads: %w", err)
		}
		out[id] = head
	}
	return out, wrap(closeRows(rows), "store: untitled heads")
}
