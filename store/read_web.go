package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/muster-osint/muster"
)

// State returns a short key of what the store holds: it changes whenever a
// document, claim, event or entity is added, removed or updated, so that a
// reader can cache what it derives from the whole store (the web server's
// timeline, map and facets) and rebuild only when the key changes. It is
// the version every write transaction moves (derived_state): one row read,
// where counting every table's rows took a tenth of a second of CPU at
// 10,000 documents, once a second per server (issue 14).
func (db *DB) State(ctx context.Context) (string, error) {
	var version int64
	if err := db.read.QueryRowContext(ctx, `SELECT version FROM derived_state`).Scan(&version); err != nil {
		return "", fmt.Errorf("store: state: %w", err)
	}
	return strconv.FormatInt(version, 10), nil
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
