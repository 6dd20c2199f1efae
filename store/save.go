package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

// SaveResult says what Save stored.
type SaveResult struct {
	Document  string // document id
	Duplicate bool   // a document with the same hash was already stored; nothing was written
	// NearDuplicateOf names the earlier document this one is a near copy
	// of (a wire copy): it is stored and linked, not dropped.
	NearDuplicateOf string
	// Rows written: new claims and events (ones already stored under the
	// same id are skipped), entities inserted or merged, mentions.
	Claims, Entities, Events, Mentions int
}

// maxParams bounds the parameters of one multi-row statement, well under
// SQLite's and PostgreSQL's limits.
const maxParams = 900

// Save stores a whole analysis in one transaction: the document, its
// mentions, entities (with aliases), events and claims, including the claims
// carried inside events. If a document with the same hash is already stored
// it writes nothing and returns Duplicate=true, so re-ingesting is a no-op.
//
// Entities are upserted by id: an alias with a new key is added to an
// existing entity and a known alias gains the new claim ids among its
// sources; the stored name, type and place are kept unless empty, and new
// external ids are added.
func (db *DB) Save(ctx context.Context, a *muster.Analysis) (SaveResult, error) {
	if err := validate(a); err != nil {
		return SaveResult{}, err
	}
	id := a.Document.ID
	fail := func(err error) (SaveResult, error) {
		return SaveResult{Document: id}, fmt.Errorf("store: save %s: %w", id, err)
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fail(err)
	}
	defer tx.tx.Rollback()
	// Written beside the batches' cache, which cannot see it: it is emptied
	// while this transaction holds the write connection.
	db.cache.reset()
	res, err := db.save(ctx, tx, a)
	if err != nil {
		return res, err
	}
	if err := db.refreshDerived(ctx, tx); err != nil {
		return fail(err)
	}
	if err := tx.tx.Commit(); err != nil {
		return fail(fmt.Errorf("commit: %w", err))
	}
	return res, nil
}

// save writes a validated analysis inside tx (see Save).
func (db *DB) save(ctx context.Context, tx *wtx, a *muster.Analysis) (SaveResult, error) {
	id := a.Document.ID
	fail := func(err error) (SaveResult, error) {
		return SaveResult{Document: id}, fmt.Errorf("store: save %s: %w", id, err)
	}
	res := SaveResult{Document: id}
	inserted, err := db.insertDocument(ctx, tx, &a.Document, a.Note)
	if err != nil {
		return fail(fmt.Errorf("document: %w", err))
	}
	if !inserted {
		res.Duplicate = true
		return res, nil
	}
	if err := db.linkNearDuplicate(ctx, tx, &a.Document, &res); err != nil {
		return fail(fmt.Errorf("near duplicates: %w", err))
	}
	if res.Entities, err = db.upsertEntities(ctx, tx, a.Entities); err != nil {
		return fail(err)
	}
	if res.Mentions, err = db.insertMentions(ctx, tx, id, a.Mentions); err != nil {
		return fail(fmt.Errorf("mentions: %w", err))
	}
	if res.Events, err = db.insertEvents(ctx, tx, id, a.Events); err != nil {
		return fail(fmt.Errorf("events: %w", err))
	}
	claims := slices.Clone(a.Claims)
	for _, ev := range a.Events {
		claims = append(claims, ev.Claims...)
	}
	if res.Claims, err = db.insertClaims(ctx, tx, id, claims); err != nil {
		return fail(fmt.Errorf("claims: %w", err))
	}
	tx.pending.touch(a)
	return res, nil
}

// validate checks what the schema relies on, naming the bad part.
func validate(a *muster.Analysis) error {
	if a == nil {
		return muster.Errorf(muster.KindInvalid, "store: save: no analysis")
	}
	d := &a.Document
	if d.ID == "" || d.Hash == "" {
		return muster.Errorf(muster.KindInvalid, "store: save: document %q has no id or hash", d.Title)
	}
	for _, f := range []struct{ name, value string }{
		{"id", d.ID}, {"hash", d.Hash}, {"title", d.Title}, {"url", d.URL}, {"publisher", d.Publisher},
		{"byline", d.Byline}, {"language", d.Language}, {"format", d.Format}, {"source", d.Source},
		{"text", d.Text}, {"duplicate_of", d.DuplicateOf}, {"note", a.Note},
	} {
		if err := checkText(f.value); err != nil {
			return muster.Errorf(muster.KindInvalid, "store: save %s: document %s: %v", d.ID, f.name, err)
		}
	}
	for i := range a.Mentions {
		if err := checkText(a.Mentions[i].Text); err != nil {
			return muster.Errorf(muster.KindInvalid, "store: save %s: mention at %d: %v", d.ID, a.Mentions[i].Start, err)
		}
	}
	for i := range a.Entities {
		e := &a.Entities[i]
		if err := checkText(e.ID + e.Name); err != nil {
			return muster.Errorf(muster.KindInvalid, "store: save %s: entity %q: %v", d.ID, e.ID, err)
		}
		for _, al := range e.Aliases {
			if err := checkText(al.Name); err != nil {
				return muster.Errorf(muster.KindInvalid, "store: save %s: entity %s alias: %v", d.ID, e.ID, err)
			}
		}
	}
	for i := range a.Entities {
		if a.Entities[i].ID == "" {
			return muster.Errorf(muster.KindInvalid, "store: save %s: entity %q has no id", d.ID, a.Entities[i].Name)
		}
	}
	for i := range a.Events {
		if a.Events[i].ID == "" {
			return muster.Errorf(muster.KindInvalid, "store: save %s: event %q has no id", d.ID, a.Events[i].Label)
		}
		for j := range a.Events[i].Claims {
			if err := validateClaim(d.ID, &a.Events[i].Claims[j]); err != nil {
				return err
			}
		}
	}
	for i := range a.Claims {
		if err := validateClaim(d.ID, &a.Claims[i]); err != nil {
			return err
		}
	}
	return nil
}

// checkText rejects what PostgreSQL cannot store in a text column (NUL,
// invalid UTF-8), so that both backends accept the same input.
func checkText(s string) error {
	if !utf8.ValidString(s) {
		return errors.New("invalid UTF-8")
	}
	if strings.IndexByte(s, 0) >= 0 {
		return errors.New("NUL byte")
	}
	return nil
}

func validateClaim(doc string, c *muster.Claim) error {
	if c.ID == "" {
		return muster.Errorf(muster.KindInvalid, "store: save %s: claim %s %q has no id", doc, c.Predicate, c.Subject.Name)
	}
	if err := c.Validate(); err != nil {
		return fmt.Errorf("store: save %s: %w", doc, err)
	}
	return nil
}

// insertDocument inserts d unless a document with its hash (or id) exists,
// and reports whether it did.
func (db *DB) insertDocument(ctx context.Context, tx *wtx, d *muster.Document, note string) (bool, error) {
	ingested := d.Ingested
	if ingested.IsZero() {
		ingested = db.now()
	}
	r, err := tx.ExecContext(ctx, db.q(`INSERT INTO documents
		(id, hash, title, url, publisher, byline, published, language, format, source, text, ingested, duplicate_of, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT DO NOTHING`),
		d.ID, d.Hash, d.Title, d.URL, d.Publisher, d.Byline, db.d.timeArg(d.Published), d.Language,
		d.Format, d.Source, d.Text, db.d.timeArg(ingested), d.DuplicateOf, note)
	if err != nil {
		return false, err
	}
	n, err := r.RowsAffected()
	return n == 1, err
}

// upsertEntities writes entities in id order (a fixed lock order, so that
// concurrent PostgreSQL transactions cannot deadlock) and returns how many.
func (db *DB) upsertEntities(ctx context.Context, tx *wtx, entities []muster.Entity) (int, error) {
	order := make([]int, len(entities))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return entities[order[i]].ID < entities[order[j]].ID })
	if done, err := db.upsertEntitiesSet(ctx, tx, entities, order); err != nil || done {
		return len(entities), err
	}
	for _, i := range order {
		if err := db.upsertEntity(ctx, tx, &entities[i]); err != nil {
			return 0, fmt.Errorf("entity %s: %w", entities[i].ID, err)
		}
	}
	return len(entities), nil
}

// mergeExternalIDs adds to the external ids an upsert read back (stored,
// JSON) those of add it lacks; stored ids win. It returns the merged
// JSON and whether it differs from what is stored.
func mergeExternalIDs(stored sql.NullString, add map[string]string) (any, bool, error) {
	var have map[string]string
	if err := jsonScan(stored, &have); err != nil {
		return nil, false, err
	}
	merged := maps.Clone(have)
	for k, v := range add {
		if _, ok := merged[k]; !ok {
			if merged == nil {
				merged = map[string]string{}
			}
			merged[k] = v
		}
	}
	if len(merged) == len(have) {
		return nil, false, nil
	}
	text, err := jsonText(merged, false)
	return text, err == nil, err
}

// upsertEntity inserts e, or merges it into the stored entity with its id:
// stored type, name and place win and empty ones are filled (in SQL); new
// external ids are added (in Go, from the stored ones the upsert returns).
func (db *DB) upsertEntity(ctx context.Context, tx *wtx, e *muster.Entity) error {
	place, err := jsonText(e.Place, e.Place == nil)
	if err != nil {
		return err
	}
	ext, err := jsonText(e.ExternalIDs, len(e.ExternalIDs) == 0)
	if err != nil {
		return err
	}
	upsert := `INSERT INTO entities (id, type, name, key, place, external_ids, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET
			type = CASE WHEN entities.type = '' THEN excluded.type ELSE entities.type END,
			name = CASE WHEN entities.name = '' THEN excluded.name ELSE entities.name END,
			key = CASE WHEN entities.name = '' THEN excluded.key ELSE entities.key END,
			place = COALESCE(entities.place, excluded.place),
			updated = excluded.updated`
	args := []any{e.ID, string(e.Type), e.Name, muster.NameKey(e.Name), place, ext, db.d.timeArg(db.now())}
	if len(e.ExternalIDs) == 0 {
		// Nothing to merge: no stored ids to read back.
		if _, err := tx.ExecContext(ctx, db.q(upsert), args...); err != nil {
			return err
		}
	} else {
		var stored sql.NullString
		if err := tx.QueryRowContext(ctx, db.q(upsert+` RETURNING external_ids`), args...).Scan(&stored); err != nil {
			return err
		}
		text, changed, err := mergeExternalIDs(stored, e.ExternalIDs)
		if err != nil {
			return err
		}
		if changed {
			if _, err := tx.ExecContext(ctx, db.q(`UPDATE entities SET external_ids = ? WHERE id = ?`), text, e.ID); err != nil {
				return err
			}
		}
	}
	for i := range e.Aliases {
		if err := db.upsertAlias(ctx, tx, e.ID, &e.Aliases[i]); err != nil {
			return fmt.Errorf("alias %q: %w", e.Aliases[i].Name, err)
		}
	}
	var keys []string
	if db.EntityKeys != nil {
		for _, k := range db.EntityKeys(*e) {
			if k != "" {
				keys = append(keys, k)
			}
		}
		if err := db.insertPairs(ctx, tx, `entity_keys (entity_id, key)`, e.ID, keys); err != nil {
			return fmt.Errorf("keys: %w", err)
		}
	}
	tx.wroteEntity(e, keys, nil)
	return nil
}

// insertPairs inserts the rows (id, v) for each v of vs into table (two
// text columns), skipping rows already there, in one statement over an
// array: on PostgreSQL a round trip per row was most of a save's, and on
// SQLite a statement run per row cost more than reading a JSON array.
func (db *DB) insertPairs(ctx context.Context, tx *wtx, table, id string, vs []string) error {
	if len(vs) == 0 {
		return nil
	}
	if db.d.name == Postgres {
		_, err := tx.ExecContext(ctx, `INSERT INTO `+table+` SELECT $1, v FROM unnest($2::text[]) AS v ON CONFLICT DO NOTHING`, id, vs)
		return err
	}
	// One statement over a JSON array (WHERE true: an upsert's SELECT
	// needs a WHERE clause to parse).
	js, err := json.Marshal(vs)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO `+table+` SELECT ?, value FROM json_each(?) WHERE true ON CONFLICT DO NOTHING`, id, string(js))
	return err
}

// upsertAlias adds an alias to an entity by its key, or merges it into the
// alias stored under that key: a missing kind is filled and new claim ids
// are added to its sources.
func (db *DB) upsertAlias(ctx context.Context, tx *wtx, entity string, a *muster.Alias) error {
	key := muster.NameKey(a.Name)
	if key == "" {
		return nil // punctuation only: nothing to find it by
	}
	sources, err := jsonText(a.Sources, len(a.Sources) == 0)
	if err != nil {
		return err
	}
	upsert := `INSERT INTO aliases (entity_id, key, name, kind, sources)
		VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (entity_id, key) DO UPDATE SET
			kind = CASE WHEN aliases.kind = '' THEN excluded.kind ELSE aliases.kind END`
	if len(a.Sources) == 0 {
		// Nothing to merge: no stored sources to read back.
		_, err := tx.ExecContext(ctx, db.q(upsert), entity, key, a.Name, string(a.Kind), sources)
		return err
	}
	var stored sql.NullString
	if err := tx.QueryRowContext(ctx, db.q(upsert+` RETURNING sources`), entity, key, a.Name, string(a.Kind), sources).Scan(&stored); err != nil {
		return err
	}
	var have []string
	if err := jsonScan(stored, &have); err != nil {
		return err
	}
	merged := slices.Clone(have)
	for _, s := range a.Sources {
		if !slices.Contains(merged, s) {
			merged = append(merged, s)
		}
	}
	if len(merged) == len(have) {
		return nil
	}
	text, err := jsonText(merged, false)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, db.q(`UPDATE aliases SET sources = ? WHERE entity_id = ? AND key = ?`), text, entity, key)
	return err
}

func (db *DB) insertMentions(ctx context.Context, tx *wtx, doc string, ms []muster.Mention) (int, error) {
	rows := make([][]any, len(ms))
	for i, m := range ms {
		rows[i] = []any{doc, m.Start, m.End, m.Text, string(m.Type), m.Entity}
	}
	return db.insertRows(ctx, tx, `INSERT INTO mentions (document_id, start_pos, end_pos, text, type, entity_id) VALUES `, "", rows)
}

func (db *DB) insertEvents(ctx context.Context, tx *wtx, doc string, events []muster.Event) (int, error) {
	order := make([]int, len(events))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return events[order[i]].ID < events[order[j]].ID })
	var rows, parts, places [][]any
	for _, i := range order {
		ev := &events[i]
		js, err := jsonText(ev, false)
		if err != nil {
			return 0, fmt.Errorf("event %s: %w", ev.ID, err)
		}
		var from, to string
		if ev.Time != nil {
			from, to = ev.Time.From, ev.Time.To
		}
		rows = append(rows, []any{ev.ID, doc, string(ev.Type), ev.Label, from, to, js})
		for _, p := range ev.Participants {
			if p.Entity.ID != "" {
				parts = append(parts, []any{ev.ID, p.Entity.ID, p.Role})
			}
		}
		for _, p := range ev.Places {
			if p.ID != "" {
				places = append(places, []any{ev.ID, p.ID})
			}
		}
	}
	n, err := db.insertRows(ctx, tx, `INSERT INTO events (id, document_id, type, label, time_from, time_to, json) VALUES `,
		` ON CONFLICT DO NOTHING`, rows)
	if err != nil {
		return 0, err
	}
	if _, err := db.insertRows(ctx, tx, `INSERT INTO event_participants (event_id, entity_id, role) VALUES `,
		` ON CONFLICT DO NOTHING`, parts); err != nil {
		return 0, err
	}
	if _, err := db.insertRows(ctx, tx, `INSERT INTO event_places (event_id, entity_id) VALUES `,
		` ON CONFLICT DO NOTHING`, places); err != nil {
		return 0, err
	}
	return n, nil
}

func (db *DB) insertClaims(ctx context.Context, tx *wtx, doc string, claims []muster.Claim) (int, error) {
	rows := make([][]any, len(claims))
	for i := range claims {
		c := &claims[i]
		js, err := jsonText(c, false)
		if err != nil {
			return 0, fmt.Errorf("claim %s: %w", c.ID, err)
		}
		var object string
		if c.Object.Entity != nil {
			object = c.Object.Entity.ID
		}
		attributed := c.AttributedTo.ID
		if attributed == "" {
			attributed = c.AttributedTo.Name
		}
		start := 0
		if len(c.Evidence) > 0 {
			start = c.Evidence[0].Start
		}
		rows[i] = []any{c.ID, doc, c.Subject.ID, c.Subject.Name, string(c.Predicate), object,
			string(c.Modality), attributed, start, js}
	}
	return db.insertRows(ctx, tx, `INSERT INTO claims (id, document_id, subject_id, subject_name, predicate,
		object_entity_id, modality, attributed_to, evidence_start, json) VALUES `, ` ON CONFLICT DO NOTHING`, rows)
}

// insertRows runs head + "(?, …), (?, …)" + tail over rows in chunks that
// fit maxParams, and returns the rows affected.
func (db *DB) insertRows(ctx context.Context, tx *wtx, head, tail string, rows [][]any) (int, error) {
	if len(rows) == 0 {
		return 0, nil
	}
	width := len(rows[0])
	tuple := "(" + placeholders(width) + ")"
	total := 0
	if db.d.name == SQLite {
		// In process, a prepared one-row statement run per row costs less
		// than parsing a new multi-row text for each count of rows.
		q := db.q(head + tuple + tail)
		for _, row := range rows {
			r, err := tx.ExecContext(ctx, q, row...)
			if err != nil {
				return 0, err
			}
			n, err := r.RowsAffected()
			if err != nil {
				return 0, err
			}
			total += int(n)
		}
		return total, nil
	}
	for _, c := range chunks(len(rows), maxParams/width) {
		var b bytes.Buffer
		b.WriteString(head)
		args := make([]any, 0, (c[1]-c[0])*width)
		for i := c[0]; i < c[1]; i++ {
			if i > c[0] {
				b.WriteString(", ")
			}
			b.WriteString(tuple)
			args = append(args, rows[i]...)
		}
		b.WriteString(tail)
		r, err := tx.ExecContext(ctx, db.q(b.String()), args...)
		if err != nil {
			return 0, err
		}
		n, err := r.RowsAffected()
		if err != nil {
			return 0, err
		}
		total += int(n)
	}
	return total, nil
}

// jsonText encodes v for a JSON text column, without HTML escaping so that
// quotes keep their < and &; null reports a value stored as SQL NULL.
func jsonText(v any, null bool) (any, error) {
	if null {
		return nil, nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return string(bytes.TrimRight(b.Bytes(), "\n")), nil
}

// jsonScan decodes a JSON text column into v; NULL leaves v alone.
func jsonScan(s sql.NullString, v any) error {
	if !s.Valid || s.String == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s.String), v); err != nil {
		return fmt.Errorf("stored JSON %.40q: %w", s.String, err)
	}
	return nil
}

// upsertEntitiesSet is upsertEntities in a few statements over arrays
// (setOf) instead of several per entity (issue 14: saves row by row made
// PostgreSQL ingest 5.6 times slower than SQLite, and on SQLite the
// statements run per entity and alias were a fifth of the writer's CPU): all
// entities in one upsert, all aliases in another, the match keys in a
// third, and updates only for the external ids and alias sources that
// grew. It reports false, having written nothing, when an id or an alias
// key repeats, which the row-by-row path merges in order.
func (db *DB) upsertEntitiesSet(ctx context.Context, tx *wtx, entities []muster.Entity, order []int) (bool, error) {
	type aliasRow struct {
		entity, key, name, kind string
		sources                 []string
	}
	var ids, types, names, keys []string
	var places, exts []*string
	var aliases []aliasRow
	var keyIDs, keyVals []string
	seen := map[string]bool{}
	seenAlias := map[[2]string]bool{}
	written := make([][]string, len(entities)) // match keys by entity
	// Rows the cache knows would change nothing are not written (issue
	// 14: the alias and key rows of entities every document names).
	same := unchanged{tx.cache}
	for _, i := range order {
		e := &entities[i]
		if seen[e.ID] {
			return false, nil
		}
		seen[e.ID] = true
		place, err := jsonText(e.Place, e.Place == nil)
		if err != nil {
			return false, fmt.Errorf("entity %s: %w", e.ID, err)
		}
		ext, err := jsonText(e.ExternalIDs, len(e.ExternalIDs) == 0)
		if err != nil {
			return false, fmt.Errorf("entity %s: %w", e.ID, err)
		}
		ids, types, names, keys = append(ids, e.ID), append(types, string(e.Type)), append(names, e.Name), append(keys, muster.NameKey(e.Name))
		places, exts = append(places, textPtr(place)), append(exts, textPtr(ext))
		for _, a := range e.Aliases {
			k := muster.NameKey(a.Name)
			if k == "" {
				continue
			}
			if seenAlias[[2]string{e.ID, k}] {
				return false, nil
			}
			seenAlias[[2]string{e.ID, k}] = true
			if !same.alias(e.ID, k, string(a.Kind), a.Sources) {
				aliases = append(aliases, aliasRow{e.ID, k, a.Name, string(a.Kind), a.Sources})
			}
		}
		if db.EntityKeys != nil {
			for _, k := range db.EntityKeys(*e) {
				if k == "" {
					continue
				}
				written[i] = append(written[i], k)
				if !same.keyRow(e.ID, k) {
					keyIDs, keyVals = append(keyIDs, e.ID), append(keyVals, k)
				}
			}
		}
	}
	if len(ids) == 0 {
		return true, nil
	}
	src, args, err := db.setOf([]string{"id", "type", "name", "key", "place", "ext"}, ids, types, names, keys, places, exts)
	if err != nil {
		return false, fmt.Errorf("entities: %w", err)
	}
	rows, err := tx.QueryContext(ctx, db.q(`INSERT INTO entities (id, type, name, key, place, external_ids, updated)
		SELECT u.id, u.type, u.name, u.key, u.place, u.ext, ? FROM `+src+` WHERE true
		ON CONFLICT (id) DO UPDATE SET
			type = CASE WHEN entities.type = '' THEN excluded.type ELSE entities.type END,
			name = CASE WHEN entities.name = '' THEN excluded.name ELSE entities.name END,
			key = CASE WHEN entities.name = '' THEN excluded.key ELSE entities.key END,
			place = COALESCE(entities.place, excluded.place),
			updated = excluded.updated
		RETURNING id, type, name, place, external_ids`), append([]any{db.d.timeArg(db.now())}, args...)...)
	if err != nil {
		return false, fmt.Errorf("entities: %w", err)
	}
	// The rows as the upsert left them, for the cache (cache.go).
	back := make(map[string]*storedRow, len(ids))
	for rows.Next() {
		var id string
		r := &storedRow{}
		if err := rows.Scan(&id, &r.typ, &r.name, &r.place, &r.ext); err != nil {
			rows.Close()
			return false, fmt.Errorf("entities: %w", err)
		}
		back[id] = r
	}
	if err := closeRows(rows); err != nil {
		return false, fmt.Errorf("entities: %w", err)
	}
	for _, i := range order {
		e := &entities[i]
		if len(e.ExternalIDs) == 0 {
			continue
		}
		r := back[e.ID]
		if r == nil {
			return false, fmt.Errorf("entity %s: the upsert returned no row", e.ID)
		}
		text, changed, err := mergeExternalIDs(r.ext, e.ExternalIDs)
		if err != nil {
			return false, fmt.Errorf("entity %s: %w", e.ID, err)
		}
		if changed {
			if _, err := tx.ExecContext(ctx, db.q(`UPDATE entities SET external_ids = ? WHERE id = ?`), text, e.ID); err != nil {
				return false, fmt.Errorf("entity %s: %w", e.ID, err)
			}
			r.ext = sql.NullString{String: text.(string), Valid: true}
		}
	}
	if len(aliases) > 0 {
		var ae, ak, an, akind []string
		var asrc []*string
		for _, a := range aliases {
			src, err := jsonText(a.sources, len(a.sources) == 0)
			if err != nil {
				return false, err
			}
			ae, ak, an, akind, asrc = append(ae, a.entity), append(ak, a.key), append(an, a.name), append(akind, a.kind), append(asrc, textPtr(src))
		}
		src, args, err := db.setOf([]string{"e", "k", "n", "kind", "src"}, ae, ak, an, akind, asrc)
		if err != nil {
			return false, fmt.Errorf("aliases: %w", err)
		}
		rows, err := tx.QueryContext(ctx, db.q(`INSERT INTO aliases (entity_id, key, name, kind, sources)
			SELECT u.e, u.k, u.n, u.kind, u.src FROM `+src+` WHERE true
			ON CONFLICT (entity_id, key) DO UPDATE SET
				kind = CASE WHEN aliases.kind = '' THEN excluded.kind ELSE aliases.kind END
			RETURNING seq, entity_id, key, name, kind, sources`), args...)
		if err != nil {
			return false, fmt.Errorf("aliases: %w", err)
		}
		have := map[[2]string]*storedAlias{}
		for rows.Next() {
			var e string
			a := &storedAlias{}
			if err := rows.Scan(&a.seq, &e, &a.key, &a.name, &a.kind, &a.sources); err != nil {
				rows.Close()
				return false, fmt.Errorf("aliases: %w", err)
			}
			have[[2]string{e, a.key}] = a
			if r := back[e]; r != nil {
				r.aliases = append(r.aliases, a)
			}
		}
		if err := closeRows(rows); err != nil {
			return false, fmt.Errorf("aliases: %w", err)
		}
		var ue, uk, us []string
		for _, a := range aliases {
			if len(a.sources) == 0 {
				continue
			}
			var old []string
			row := have[[2]string{a.entity, a.key}]
			if row == nil {
				return false, fmt.Errorf("alias %q: the upsert returned no row", a.name)
			}
			if err := jsonScan(row.sources, &old); err != nil {
				return false, fmt.Errorf("alias %q: %w", a.name, err)
			}
			merged := slices.Clone(old)
			for _, s := range a.sources {
				if !slices.Contains(merged, s) {
					merged = append(merged, s)
				}
			}
			if len(merged) == len(old) {
				continue
			}
			text, err := jsonText(merged, false)
			if err != nil {
				return false, err
			}
			ue, uk, us = append(ue, a.entity), append(uk, a.key), append(us, text.(string))
			row.sources = sql.NullString{String: text.(string), Valid: true}
		}
		if len(ue) > 0 {
			src, args, err := db.setOf([]string{"e", "k", "s"}, ue, uk, us)
			if err != nil {
				return false, fmt.Errorf("alias sources: %w", err)
			}
			if _, err := tx.ExecContext(ctx, db.q(`UPDATE aliases SET sources = u.s FROM `+src+`
				WHERE aliases.entity_id = u.e AND aliases.key = u.k`), args...); err != nil {
				return false, fmt.Errorf("alias sources: %w", err)
			}
		}
	}
	if len(keyIDs) > 0 {
		src, args, err := db.setOf([]string{"e", "k"}, keyIDs, keyVals)
		if err != nil {
			return false, fmt.Errorf("entity keys: %w", err)
		}
		if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO entity_keys (entity_id, key)
			SELECT u.e, u.k FROM `+src+` WHERE true ON CONFLICT DO NOTHING`), args...); err != nil {
			return false, fmt.Errorf("entity keys: %w", err)
		}
	}
	for _, i := range order {
		tx.wroteEntity(&entities[i], written[i], back[entities[i].ID])
	}
	return true, nil
}

// textPtr turns a jsonText result (nil or a string) into a nullable text
// array element.
func textPtr(v any) *string {
	if s, ok := v.(string); ok {
		return &s
	}
	return nil
}

// setOf returns a FROM item that yields one row per index of cols (each a
// []string or a []*string, nil for NULL, all of one length) as
// u(names…), and its arguments: unnest over text arrays on PostgreSQL, and
// on SQLite json_each over one JSON array of the rows. One statement text
// for any number of rows, so it is prepared once, and one statement run
// instead of one per row (issue 14).
func (db *DB) setOf(names []string, cols ...any) (string, []any, error) {
	if db.d.name == Postgres {
		ph := make([]string, len(cols))
		for i := range ph {
			ph[i] = "?::text[]"
		}
		return "unnest(" + strings.Join(ph, ", ") + ") AS u(" + strings.Join(names, ", ") + ")", cols, nil
	}
	n := 0
	switch c := cols[0].(type) {
	case []string:
		n = len(c)
	case []*string:
		n = len(c)
	}
	rows := make([][]*string, n)
	for i := range rows {
		rows[i] = make([]*string, len(cols))
	}
	for j, col := range cols {
		switch c := col.(type) {
		case []string:
			for i := range c {
				rows[i][j] = &c[i]
			}
		case []*string:
			for i := range c {
				rows[i][j] = c[i]
			}
		default:
			return "", nil, fmt.Errorf("setOf: column %s is a %T", names[j], col)
		}
	}
	js, err := json.Marshal(rows)
	if err != nil {
		return "", nil, err
	}
	var b strings.Builder
	b.WriteString("(SELECT ")
	for j, name := range names {
		if j > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "value->>%d AS %s", j, name)
	}
	b.WriteString(" FROM json_each(?)) AS u")
	return b.String(), []any{string(js)}, nil
}
