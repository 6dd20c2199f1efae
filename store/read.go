package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/muster-osint/muster"
)

// HasDocument reports whether a document with the content hash is stored.
func (db *DB) HasDocument(ctx context.Context, hash string) (bool, error) {
	return db.hasDocument(ctx, db.read, hash)
}

// queryer runs queries: the read pool, or a batch's transaction.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func (db *DB) hasDocument(ctx context.Context, q queryer, hash string) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, db.q(`SELECT count(*) FROM documents WHERE hash = ?`), hash).Scan(&n); err != nil {
		return false, fmt.Errorf("store: has document %s: %w", hash, err)
	}
	return n > 0, nil
}

const documentColumns = `id, hash, title, url, publisher, byline, published, language, format, source, text, ingested, duplicate_of`

// Document returns the stored document with the id, text included; an error
// of kind muster.KindNotFound when there is none.
func (db *DB) Document(ctx context.Context, id string) (*muster.Document, error) {
	var d muster.Document
	err := db.read.QueryRowContext(ctx, db.q(`SELECT `+documentColumns+` FROM documents WHERE id = ?`), id).Scan(
		&d.ID, &d.Hash, &d.Title, &d.URL, &d.Publisher, &d.Byline, sqlTime{&d.Published}, &d.Language,
		&d.Format, &d.Source, &d.Text, sqlTime{&d.Ingested}, &d.DuplicateOf)
	if notFound(err) {
		return nil, muster.Errorf(muster.KindNotFound, "document %s not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("store: document %s: %w", id, err)
	}
	return &d, nil
}

// Documents returns the short forms of the stored documents with the ids, in
// the order of ids; ids not stored are left out.
func (db *DB) Documents(ctx context.Context, ids []string) ([]muster.DocumentRef, error) {
	byID := map[string]muster.DocumentRef{}
	for _, c := range chunks(len(ids), maxParams) {
		part := ids[c[0]:c[1]]
		rows, err := db.read.QueryContext(ctx, db.q(`SELECT id, title, publisher, published, url FROM documents
			WHERE id IN (`+placeholders(len(part))+`)`), anys(part)...)
		if err != nil {
			return nil, fmt.Errorf("store: documents: %w", err)
		}
		for rows.Next() {
			var r muster.DocumentRef
			if err := rows.Scan(&r.ID, &r.Title, &r.Publisher, sqlTime{&r.Published}, &r.URL); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: documents: %w", err)
			}
			byID[r.ID] = r
		}
		if err := closeRows(rows); err != nil {
			return nil, fmt.Errorf("store: documents: %w", err)
		}
	}
	out := make([]muster.DocumentRef, 0, len(byID))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
			delete(byID, id) // an id asked twice is listed once
		}
	}
	return out, nil
}

// entitySelect selects entities with the number of claims about each, the
// order every entity list uses.
const entitySelect = `SELECT e.id, e.type, e.name, e.place, e.external_ids,
	(SELECT count(*) FROM claims c WHERE c.subject_id = e.id) AS n
	FROM entities e `

const entityOrder = ` ORDER BY n DESC, e.name, e.id`

// Entity returns the entity with the id and its aliases; an error of kind
// muster.KindNotFound when there is none.
func (db *DB) Entity(ctx context.Context, id string) (*muster.Entity, error) {
	es, err := db.entities(ctx, entitySelect+`WHERE e.id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("store: entity %s: %w", id, err)
	}
	if len(es) == 0 {
		return nil, muster.Errorf(muster.KindNotFound, "entity %s not found", id)
	}
	return &es[0], nil
}

// maxFuzzyEntities caps the entities FindEntities returns from partial
// matches.
const maxFuzzyEntities = 100

// FindEntities returns the entities whose name or any alias has the same
// muster.NameKey as name ("rdk" finds the entity with the alias "RDK"). When
// none does, it returns those with a name or alias key containing the key
// (at most 100). Entities with more claims come first.
func (db *DB) FindEntities(ctx context.Context, name string) ([]muster.Entity, error) {
	key := muster.NameKey(name)
	if key == "" {
		return nil, nil
	}
	es, err := db.entities(ctx, entitySelect+`WHERE e.key = ? OR e.id IN (SELECT entity_id FROM aliases WHERE key = ?)`+entityOrder,
		key, key)
	if err != nil || len(es) > 0 {
		return es, wrap(err, "store: find entities %q", name)
	}
	// Keys hold only letters, digits and spaces, so they need no LIKE escaping.
	pattern := "%" + key + "%"
	es, err = db.entities(ctx, entitySelect+`WHERE e.key LIKE ? OR e.id IN (SELECT entity_id FROM aliases WHERE key LIKE ?)`+
		entityOrder+` LIMIT `+fmt.Sprint(maxFuzzyEntities), pattern, pattern)
	return es, wrap(err, "store: find entities %q", name)
}

// EntitiesByKeys returns the entities whose name key or any alias key is one
// of keys (muster.NameKey values), or that were saved with one of keys among
// their DB.EntityKeys, for cross-document resolution.
//
// Each key is one indexed lookup in each of the three tables (a UNION of
// index scans, never a scan of the entities table), and the entities come
// in id order, without the claim counts the other lists order by:
// resolution chooses among candidates by score, not by order.
func (db *DB) EntitiesByKeys(ctx context.Context, keys []string) ([]muster.Entity, error) {
	return db.entitiesByKeys(ctx, db.read, keys)
}

func (db *DB) entitiesByKeys(ctx context.Context, q queryer, keys []string) ([]muster.Entity, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	in := func(col string) (string, any, error) { return db.inList(col, keys) }
	byName, a1, err := in("key")
	if err != nil {
		return nil, fmt.Errorf("store: entities by keys: %w", err)
	}
	byAlias, a2, _ := in("key")
	byKey, a3, _ := in("key")
	es, err := db.entitiesOn(ctx, q, `SELECT e.id, e.type, e.name, e.place, e.external_ids, 0 FROM entities e
		WHERE e.id IN (
			SELECT id FROM entities WHERE `+byName+`
			UNION SELECT entity_id FROM aliases WHERE `+byAlias+`
			UNION SELECT entity_id FROM entity_keys WHERE `+byKey+`)
		ORDER BY e.id`, a1, a2, a3)
	if err != nil {
		return nil, fmt.Errorf("store: entities by keys: %w", err)
	}
	return es, nil
}

// EntitiesByKeySets returns, for each set of keys, the stored entities
// sharing at least one of them, as EntitiesByKeys does for that set, in
// three queries whatever the number of sets (resolve.SetIndex: one lookup
// per document instead of one per entity, issue 14).
func (db *DB) EntitiesByKeySets(ctx context.Context, sets [][]string) ([][]muster.Entity, error) {
	return db.entitiesByKeySets(ctx, db.read, sets)
}

func (db *DB) entitiesByKeySets(ctx context.Context, q queryer, sets [][]string) ([][]muster.Entity, error) {
	var keys []string
	seen := map[string]bool{}
	for _, set := range sets {
		for _, k := range set {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
		}
	}
	byKey, ids, err := db.idsByKeys(ctx, q, keys)
	if err != nil {
		return nil, fmt.Errorf("store: entities by key sets: %w", err)
	}
	es, err := db.entitiesByIDs(ctx, q, ids)
	if err != nil {
		return nil, fmt.Errorf("store: entities by key sets: %w", err)
	}
	return keySets(sets, byKey, es), nil
}

// idsByKeys returns the ids of the entities each key finds (the lookups of
// EntitiesByKeys, each by its index) and every id found, once.
func (db *DB) idsByKeys(ctx context.Context, q queryer, keys []string) (map[string][]string, []string, error) {
	byKey := map[string][]string{}
	if len(keys) == 0 {
		return byKey, nil, nil
	}
	cond, arg, err := db.inList("key", keys)
	if err != nil {
		return nil, nil, err
	}
	rows, err := q.QueryContext(ctx, db.q(`SELECT key, id FROM entities WHERE `+cond+`
		UNION SELECT key, entity_id FROM aliases WHERE `+cond+`
		UNION SELECT key, entity_id FROM entity_keys WHERE `+cond), arg, arg, arg)
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	seenID := map[string]bool{}
	for rows.Next() {
		var k, id string
		if err := rows.Scan(&k, &id); err != nil {
			rows.Close()
			return nil, nil, err
		}
		byKey[k] = append(byKey[k], id)
		if !seenID[id] {
			seenID[id] = true
			ids = append(ids, id)
		}
	}
	return byKey, ids, closeRows(rows)
}

// entitiesByIDs returns the stored entities of ids, with their aliases,
// in id order.
func (db *DB) entitiesByIDs(ctx context.Context, q queryer, ids []string) ([]muster.Entity, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	cond, arg, err := db.inList("e.id", ids)
	if err != nil {
		return nil, err
	}
	return db.entitiesOn(ctx, q, `SELECT e.id, e.type, e.name, e.place, e.external_ids, 0 FROM entities e
		WHERE `+cond+` ORDER BY e.id`, arg)
}

// keySets answers EntitiesByKeySets from the ids each key finds and the
// entities they name, in the database's order of ids: for each set, the
// entities any of its keys finds, each once, in that order.
func keySets(sets [][]string, byKey map[string][]string, es []muster.Entity) [][]muster.Entity {
	out := make([][]muster.Entity, len(sets))
	pos := make(map[string]int, len(es))
	for i := range es {
		pos[es[i].ID] = i
	}
	var found []int
	for i, set := range sets {
		found = found[:0]
		for _, k := range set {
			for _, id := range byKey[k] {
				if j, ok := pos[id]; ok && !slices.Contains(found, j) {
					found = append(found, j)
				}
			}
		}
		slices.Sort(found)
		for _, j := range found {
			out[i] = append(out[i], es[j])
		}
	}
	return out
}

// EntityFilter selects entities for ListEntities. Zero fields do not filter;
// Limit 0 means no limit.
type EntityFilter struct {
	Type  muster.EntityType
	Limit int
}

// ListEntities returns entities, those with more claims first.
func (db *DB) ListEntities(ctx context.Context, f EntityFilter) ([]muster.Entity, error) {
	query, args := entitySelect, []any{}
	if f.Type != "" {
		query += `WHERE e.type = ?`
		args = append(args, string(f.Type))
	}
	query += entityOrder + limit(f.Limit)
	es, err := db.entities(ctx, query, args...)
	return es, wrap(err, "store: list entities")
}

// entities runs an entitySelect query and fills in the aliases.
func (db *DB) entities(ctx context.Context, query string, args ...any) ([]muster.Entity, error) {
	return db.entitiesOn(ctx, db.read, query, args...)
}

func (db *DB) entitiesOn(ctx context.Context, q queryer, query string, args ...any) ([]muster.Entity, error) {
	rows, err := q.QueryContext(ctx, db.q(query), args...)
	if err != nil {
		return nil, err
	}
	var out []muster.Entity
	for rows.Next() {
		var e muster.Entity
		var place, ext sql.NullString
		var n int
		if err := rows.Scan(&e.ID, &e.Type, &e.Name, &place, &ext, &n); err != nil {
			rows.Close()
			return nil, err
		}
		if err := jsonScan(place, &e.Place); err != nil {
			rows.Close()
			return nil, fmt.Errorf("entity %s place: %w", e.ID, err)
		}
		if err := jsonScan(ext, &e.ExternalIDs); err != nil {
			rows.Close()
			return nil, fmt.Errorf("entity %s external ids: %w", e.ID, err)
		}
		out = append(out, e)
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	// Rows are closed before the next query: an in-memory database has a
	// single connection.
	return out, db.loadAliases(ctx, q, out)
}

// loadAliases sets the aliases of es, in the order they were stored.
func (db *DB) loadAliases(ctx context.Context, q queryer, es []muster.Entity) error {
	index := map[string]int{}
	for i := range es {
		index[es[i].ID] = i
	}
	for _, c := range chunks(len(es), maxParams) {
		ids := make([]string, 0, c[1]-c[0])
		for i := c[0]; i < c[1]; i++ {
			ids = append(ids, es[i].ID)
		}
		cond, arg, err := db.inList("entity_id", ids)
		if err != nil {
			return err
		}
		// One statement text whatever the number of ids, prepared once.
		rows, err := q.QueryContext(ctx, db.q(`SELECT entity_id, name, kind, sources FROM aliases
			WHERE `+cond+` ORDER BY seq`), arg)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id string
			var a muster.Alias
			var sources sql.NullString
			if err := rows.Scan(&id, &a.Name, &a.Kind, &sources); err != nil {
				rows.Close()
				return err
			}
			if err := jsonScan(sources, &a.Sources); err != nil {
				rows.Close()
				return fmt.Errorf("entity %s alias %q: %w", id, a.Name, err)
			}
			e := &es[index[id]]
			e.Aliases = append(e.Aliases, a)
		}
		if err := closeRows(rows); err != nil {
			return err
		}
	}
	return nil
}

// ClaimFilter selects claims. Zero fields do not filter; Limit 0 means no
// limit.
type ClaimFilter struct {
	Subjects     []string           // subject ids (entities or events); any of them
	Predicates   []muster.Predicate // any of them
	ObjectEntity string             // id of the entity that is the object
	Document     string             // id of the document stating the claim
	Limit        int
}

// Claims returns the claims that pass the filter, exactly as saved, ordered
// by their document's publication time (unknown last), then document, then
// the start of their evidence.
func (db *DB) Claims(ctx context.Context, f ClaimFilter) ([]muster.Claim, error) {
	var where []string
	var args []any
	if len(f.Subjects) > 0 {
		where = append(where, `c.subject_id IN (`+placeholders(len(f.Subjects))+`)`)
		args = append(args, anys(f.Subjects)...)
	}
	if len(f.Predicates) > 0 {
		where = append(where, `c.predicate IN (`+placeholders(len(f.Predicates))+`)`)
		for _, p := range f.Predicates {
			args = append(args, string(p))
		}
	}
	if f.ObjectEntity != "" {
		where = append(where, `c.object_entity_id = ?`)
		args = append(args, f.ObjectEntity)
	}
	if f.Document != "" {
		where = append(where, `c.document_id = ?`)
		args = append(args, f.Document)
	}
	if len(args) > 30000 {
		return nil, muster.Errorf(muster.KindInvalid, "store: claims: filter has %d values, too many", len(args))
	}
	query := `SELECT c.json FROM claims c JOIN documents d ON d.id = c.document_id` + whereClause(where) +
		` ORDER BY (d.published IS NULL), d.published, c.document_id, c.evidence_start, c.id` + limit(f.Limit)
	var out []muster.Claim
	err := db.jsonRows(ctx, query, args, func(js []byte) error {
		var c muster.Claim
		if err := json.Unmarshal(js, &c); err != nil {
			return err
		}
		out = append(out, c)
		return nil
	})
	return out, wrap(err, "store: claims")
}

// EventFilter selects events. Zero fields do not filter; Limit 0 means no
// limit.
type EventFilter struct {
	Participant string // entity id of a participant
	Place       string // entity id of a place
	Document    string // id of the document reporting the event
	Limit       int
}

// Events returns the events that pass the filter, exactly as saved, ordered
// by their start time (unknown last), then publication time.
func (db *DB) Events(ctx context.Context, f EventFilter) ([]muster.Event, error) {
	var where []string
	var args []any
	if f.Participant != "" {
		where = append(where, `v.id IN (SELECT event_id FROM event_participants WHERE entity_id = ?)`)
		args = append(args, f.Participant)
	}
	if f.Place != "" {
		where = append(where, `v.id IN (SELECT event_id FROM event_places WHERE entity_id = ?)`)
		args = append(args, f.Place)
	}
	if f.Document != "" {
		where = append(where, `v.document_id = ?`)
		args = append(args, f.Document)
	}
	query := `SELECT v.json FROM events v JOIN documents d ON d.id = v.document_id` + whereClause(where) +
		` ORDER BY (v.time_from = ''), v.time_from, (d.published IS NULL), d.published, v.id` + limit(f.Limit)
	var out []muster.Event
	err := db.jsonRows(ctx, query, args, func(js []byte) error {
		var ev muster.Event
		if err := json.Unmarshal(js, &ev); err != nil {
			return err
		}
		out = append(out, ev)
		return nil
	})
	return out, wrap(err, "store: events")
}

// jsonRows runs a query selecting one JSON column and hands each value to f.
func (db *DB) jsonRows(ctx context.Context, query string, args []any, f func([]byte) error) error {
	rows, err := db.read.QueryContext(ctx, db.q(query), args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var js []byte
		if err := rows.Scan(&js); err != nil {
			return err
		}
		if err := f(js); err != nil {
			return fmt.Errorf("stored JSON %.60q: %w", js, err)
		}
	}
	return closeRows(rows)
}

// Mentions returns the mentions of a document in text order.
func (db *DB) Mentions(ctx context.Context, documentID string) ([]muster.Mention, error) {
	rows, err := db.read.QueryContext(ctx, db.q(`SELECT start_pos, end_pos, text, type, entity_id FROM mentions
		WHERE document_id = ? ORDER BY start_pos, end_pos, seq`), documentID)
	if err != nil {
		return nil, fmt.Errorf("store: mentions of %s: %w", documentID, err)
	}
	defer rows.Close()
	var out []muster.Mention
	for rows.Next() {
		m := muster.Mention{Document: documentID}
		if err := rows.Scan(&m.Start, &m.End, &m.Text, &m.Type, &m.Entity); err != nil {
			return nil, fmt.Errorf("store: mentions of %s: %w", documentID, err)
		}
		out = append(out, m)
	}
	return out, wrap(closeRows(rows), "store: mentions of %s", documentID)
}

// Highlight markers around the matched words in a SearchHit's Snippet. The
// snippet is document text: escape it before display, then replace these.
const (
	HighlightStart = "[["
	HighlightEnd   = "]]"
)

// SearchHit is a document that matches a full-text search.
type SearchHit struct {
	Document muster.DocumentRef
	Snippet  string  // text around the match, matches between HighlightStart and HighlightEnd
	Rank     float64 // higher is better; comparable within one result list only
}

// maxSearchTerms bounds the words of a search query.
const maxSearchTerms = 32

// Search finds the documents whose title or text contain all the words of
// query, best first, at most limit of them (20 when limit ≤ 0). The query is untrusted text: only its words (runs of
// letters and digits) are used, each quoted, so no input is search syntax
// and no input makes an error. A query without words finds nothing.
// PostgreSQL indexes the first 100,000 characters of each text (a tsvector
// may not exceed 1 MB); SQLite indexes all of it.
func (db *DB) Search(ctx context.Context, query string, limit int) ([]SearchHit, error) {
	terms := searchTerms(query)
	if len(terms) == 0 {
		return nil, nil
	}
	if limit <= 0 {
		limit = 20
	}
	rows, err := db.read.QueryContext(ctx, db.q(db.d.searchQuery), db.d.searchArg(terms), limit)
	if err != nil {
		return nil, fmt.Errorf("store: search %q: %w", query, err)
	}
	defer rows.Close()
	var out []SearchHit
	for rows.Next() {
		var h SearchHit
		r := &h.Document
		if err := rows.Scan(&r.ID, &r.Title, &r.Publisher, sqlTime{&r.Published}, &r.URL, &h.Snippet, &h.Rank); err != nil {
			return nil, fmt.Errorf("store: search %q: %w", query, err)
		}
		out = append(out, h)
	}
	return out, wrap(closeRows(rows), "store: search %q", query)
}

// searchTerms splits a query into its words: runs of letters, digits and
// combining marks, lower-cased. Everything else, FTS syntax included, only
// separates words.
func searchTerms(query string) []string {
	words := strings.FieldsFunc(query, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r)
	})
	var out []string
	for _, w := range words {
		if len(out) == maxSearchTerms {
			break
		}
		out = append(out, strings.ToLower(w))
	}
	return out
}

// Stats counts what the knowledge base holds.
type Stats struct {
	Documents int `json:"documents"`
	Entities  int `json:"entities"`
	Claims    int `json:"claims"`
	Events    int `json:"events"`
	Mentions  int `json:"mentions"`
}

// Stats returns the counts of documents, entities, claims, events and
// mentions.
func (db *DB) Stats(ctx context.Context) (Stats, error) {
	var s Stats
	err := db.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM documents), (SELECT count(*) FROM entities), (SELECT count(*) FROM claims),
		(SELECT count(*) FROM events), (SELECT count(*) FROM mentions)`).
		Scan(&s.Documents, &s.Entities, &s.Claims, &s.Events, &s.Mentions)
	return s, wrap(err, "store: stats")
}

func whereClause(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

func limit(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprintf(" LIMIT %d", n)
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// closeRows closes rows and returns the iteration error, if any.
func closeRows(rows *sql.Rows) error {
	err := rows.Err()
	if cerr := rows.Close(); err == nil {
		err = cerr
	}
	return err
}

// wrap adds context to a non-nil error.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf(format+": %w", append(args, err)...)
}
