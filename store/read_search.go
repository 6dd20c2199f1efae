package store

import (
	"context"
	"fmt"

	"github.com/muster-osint/muster"
)

// searchRefQueries rank the documents matching a full-text query as Search
// does, without building snippets (the costly part: PostgreSQL's
// ts_headline re-reads each text), by dialect. They live here rather than
// in sqlite.go and postgres.go so that the web's result counts and facets
// can read hundreds of hits cheaply.
var searchRefQueries = map[string]string{
	SQLite: `SELECT d.id, d.title, d.publisher, d.published, d.url
		FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
		WHERE documents_fts MATCH ?
		ORDER BY bm25(documents_fts, 10.0, 1.0), d.id
		LIMIT ?`,
	Postgres: `SELECT d.id, d.title, d.publisher, d.published, d.url
		FROM documents d, plainto_tsquery('simple'::regconfig, ?) q
		WHERE d.tsv @@ q
		ORDER BY ts_rank(d.tsv, q) DESC, d.id
		LIMIT ?`,
}

// SearchRefs returns the documents Search would find for query, best
// first, at most limit (20 when limit ≤ 0), without snippets.
func (db *DB) SearchRefs(ctx context.Context, query string, limit int) ([]muster.DocumentRef, error) {
	terms := searchTerms(query)
	if len(terms) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = 20
	}
	q, ok := searchRefQueries[db.d.name]
	if !ok {
		return nil, fmt.Errorf("store: search refs: no query for %s", db.d.name)
	}
	rows, err := db.read.QueryContext(ctx, db.q(q), db.d.searchArg(terms), limit)
	if err != nil {
		return nil, fmt.Errorf("store: search refs %q: %w", query, err)
	}
	defer rows.Close()
	var out []muster.DocumentRef
	for rows.Next() {
		var r muster.DocumentRef
		if err := rows.Scan(&r.ID, &r.Title, &r.Publisher, sqlTime{&r.Published}, &r.URL); err != nil {
			return nil, fmt.Errorf("store: search refs %q: %w", query, err)
		}
		out = append(out, r)
	}
	return out, wrap(closeRows(rows), "store: search refs %q", query)
}
