package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/muster-osint/muster"
)

// Deriver is the vocabulary of what the store keeps derived from claims
// and events (issue 14: the heavy pages read it instead of recomputing it
// over every claim per request): which events are one happening told by
// several documents, and which claims about one subject disagree. The
// rules are the query package's; the program sets DB.Derive to them, as it
// sets EntityKeys to resolution's, so that the store speaks only SQL.
type Deriver struct {
	// HappeningKeys returns the keys two events that are one happening
	// always share, nil when an event can join none.
	HappeningKeys func(muster.Event) []string
	// SameHappening reports whether two events are one happening.
	SameHappening func(a, b muster.Event) bool
	// ClusterRoot reports whether a rather than b names their cluster.
	ClusterRoot func(a, b muster.Event) bool
	// HappeningDays is how many days apart SameHappening's events may lie.
	HappeningDays int
	// Contradictions returns the disagreements among claims.
	Contradictions func([]muster.Claim) []muster.Contradiction
}

// maxMapLabels bounds the event labels map_places keeps for a place: the
// map names the first events at a place (as many as web's maxPlaceLabels)
// and counts the rest.
const maxMapLabels = 12

// derivePending is what a write transaction's saves touched, for
// refreshDerived to bring the derived tables up to date before it commits.
type derivePending struct {
	saved  int // analyses saved (duplicates are not)
	events []muster.Event
	groups map[[2]string]bool // (subject id, predicate) of single-valued claims
	places map[string]bool
}

// touch records the events, claims and places an analysis saves.
func (p *derivePending) touch(a *muster.Analysis) {
	if p.groups == nil {
		p.groups, p.places = map[[2]string]bool{}, map[string]bool{}
	}
	p.saved++
	claim := func(c muster.Claim) {
		if c.Predicate.SingleValued() {
			p.groups[[2]string{c.Subject.ID, string(c.Predicate)}] = true
		}
	}
	for _, c := range a.Claims {
		claim(c)
	}
	for _, ev := range a.Events {
		p.events = append(p.events, ev)
		for _, c := range ev.Claims {
			claim(c)
		}
		for _, pl := range ev.Places {
			if pl.ID != "" {
				p.places[pl.ID] = true
			}
		}
	}
}

// refreshDerived brings the derived tables up to date with what tx saved,
// in tx: a store is never seen with claims whose contradictions are
// missing, even after a killed process. Without DB.Derive it marks them
// stale for RefreshDerived. Either way it moves the store's version
// (State).
func (db *DB) refreshDerived(ctx context.Context, tx *wtx) error {
	p := &tx.pending
	if p.saved == 0 {
		return nil
	}
	defer func() { *p = derivePending{} }()
	if err := db.lockDerived(ctx, tx); err != nil {
		return err
	}
	if db.Derive == nil {
		return db.bumpVersion(ctx, tx, true)
	}
	if err := db.derive(ctx, tx, p); err != nil {
		return fmt.Errorf("store: derived: %w", err)
	}
	return db.bumpVersion(ctx, tx, false)
}

// lockDerived makes concurrent writers (PostgreSQL workers) derive one at
// a time, each after the one before has committed, so that each sees the
// other's claims and events: two transactions computing one subject's
// disagreements side by side would each miss the other's claims. The lock
// is held until tx ends. SQLite has one writer at a time already.
func (db *DB) lockDerived(ctx context.Context, tx *wtx) error {
	if db.d.lockDerived == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, db.d.lockDerived)
	return wrap(err, "store: derived: lock")
}

// bumpVersion moves the store's version, marking the derived tables stale
// when stale is true, in tx.
func (db *DB) bumpVersion(ctx context.Context, tx *wtx, stale bool) error {
	q := `UPDATE derived_state SET version = version + 1`
	if stale {
		q += `, stale = 1`
	}
	_, err := tx.ExecContext(ctx, q)
	return wrap(err, "store: derived: version")
}

// derive clusters the pending events, then computes again the
// contradictions of every subject and predicate they touched and the map
// data of their places.
func (db *DB) derive(ctx context.Context, tx *wtx, p *derivePending) error {
	d := db.Derive
	sort.SliceStable(p.events, func(i, j int) bool { return d.ClusterRoot(p.events[i], p.events[j]) })
	for _, ev := range p.events {
		root, merged, err := db.clusterEvent(ctx, tx, ev)
		if err != nil {
			return err
		}
		if len(merged) == 0 {
			continue
		}
		// The claims about the merged clusters' events now share one
		// subject: their old disagreements go, and the new cluster's are
		// computed again below.
		cond, arg, err := db.inList("subject_id", merged)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM contradictions WHERE `+cond), arg); err != nil {
			return fmt.Errorf("clear merged clusters: %w", err)
		}
		p.groups[[2]string{root, ""}] = true
	}
	// Each touched pair, by the cluster its subject is in.
	groups := map[[2]string]bool{}
	for g := range p.groups {
		root, err := db.clusterOf(ctx, tx, g[0])
		if err != nil {
			return err
		}
		if g[1] != "" {
			groups[[2]string{root, g[1]}] = true
			continue
		}
		preds, err := db.clusterPredicates(ctx, tx, root)
		if err != nil {
			return err
		}
		for _, pr := range preds {
			groups[[2]string{root, pr}] = true
		}
	}
	keys := make([][2]string, 0, len(groups))
	for g := range groups {
		keys = append(keys, g)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+"\x00"+keys[i][1] < keys[j][0]+"\x00"+keys[j][1] })
	for _, g := range keys {
		if err := db.deriveContradictions(ctx, tx, g[0], g[1]); err != nil {
			return err
		}
	}
	places := make([]string, 0, len(p.places))
	for id := range p.places {
		places = append(places, id)
	}
	sort.Strings(places)
	for _, id := range places {
		if err := db.deriveMapPlace(ctx, tx, id); err != nil {
			return err
		}
	}
	return nil
}

// clusterEvent files ev under its happening keys and joins it to the
// clusters of the stored events that are the same happening; it returns
// the cluster's root and the roots of the clusters merged into it.
func (db *DB) clusterEvent(ctx context.Context, tx *wtx, ev muster.Event) (string, []string, error) {
	d := db.Derive
	keys := d.HappeningKeys(ev)
	if len(keys) == 0 {
		return ev.ID, nil, nil
	}
	from, to := ev.Time.From, ev.Time.To
	if _, err := time.Parse(time.DateOnly, to); err != nil {
		to = from
	}
	lo, hi := shiftDate(from, -d.HappeningDays), shiftDate(to, d.HappeningDays)
	cond, arg, err := db.inList("k.key", keys)
	if err != nil {
		return "", nil, err
	}
	before, err := db.clusterOf(ctx, tx, ev.ID)
	if err != nil {
		return "", nil, err
	}
	rows, err := tx.QueryContext(ctx, db.q(`SELECT e.json, c.cluster_id FROM events e JOIN event_clusters c ON c.event_id = e.id
		WHERE e.id IN (SELECT k.event_id FROM happening_keys k
			WHERE `+cond+` AND k.time_from <= ? AND k.time_to >= ? AND k.event_id <> ?)`), arg, hi, lo, ev.ID)
	if err != nil {
		return "", nil, fmt.Errorf("happening candidates of %s: %w", ev.ID, err)
	}
	roots := map[string]bool{}
	for rows.Next() {
		var js []byte
		var cluster string
		if err := rows.Scan(&js, &cluster); err != nil {
			rows.Close()
			return "", nil, err
		}
		var other muster.Event
		if err := json.Unmarshal(js, &other); err != nil {
			rows.Close()
			return "", nil, fmt.Errorf("stored event %.60q: %w", js, err)
		}
		if d.SameHappening(ev, other) {
			roots[cluster] = true
		}
	}
	if err := closeRows(rows); err != nil {
		return "", nil, fmt.Errorf("happening candidates of %s: %w", ev.ID, err)
	}
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO happening_keys (key, event_id, time_from, time_to) VALUES (?, ?, ?, ?)
			ON CONFLICT DO NOTHING`), k, ev.ID, from, to); err != nil {
			return "", nil, fmt.Errorf("happening keys of %s: %w", ev.ID, err)
		}
	}
	root := ev
	var merged []string
	if len(roots) > 0 {
		ids := make([]string, 0, len(roots))
		for id := range roots {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		evs, err := db.eventsByID(ctx, tx, ids)
		if err != nil {
			return "", nil, err
		}
		for _, r := range evs {
			if d.ClusterRoot(r, root) {
				root = r
			}
		}
		for _, id := range ids {
			if id != root.ID {
				merged = append(merged, id)
			}
		}
		if len(merged) > 0 {
			cond, arg, err := db.inList("cluster_id", merged)
			if err != nil {
				return "", nil, err
			}
			if _, err := tx.ExecContext(ctx, db.q(`UPDATE event_clusters SET cluster_id = ? WHERE `+cond), root.ID, arg); err != nil {
				return "", nil, fmt.Errorf("merge clusters into %s: %w", root.ID, err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO event_clusters (event_id, cluster_id) VALUES (?, ?)
		ON CONFLICT (event_id) DO UPDATE SET cluster_id = excluded.cluster_id`), ev.ID, root.ID); err != nil {
		return "", nil, fmt.Errorf("cluster of %s: %w", ev.ID, err)
	}
	if before == ev.ID && root.ID != ev.ID && !roots[ev.ID] {
		// ev named a cluster of its own before (an event saved again,
		// as a refresh does): that cluster is merged too.
		merged = append(merged, ev.ID)
	}
	return root.ID, merged, nil
}

// shiftDate moves an ISO date by days.
func shiftDate(date string, days int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.AddDate(0, 0, days).Format(time.DateOnly)
}

// eventsByID returns the stored events with the ids.
func (db *DB) eventsByID(ctx context.Context, q queryer, ids []string) ([]muster.Event, error) {
	cond, arg, err := db.inList("id", ids)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, db.q(`SELECT json FROM events WHERE `+cond+` ORDER BY id`), arg)
	if err != nil {
		return nil, fmt.Errorf("events by id: %w", err)
	}
	var out []muster.Event
	for rows.Next() {
		var js []byte
		if err := rows.Scan(&js); err != nil {
			rows.Close()
			return nil, err
		}
		var ev muster.Event
		if err := json.Unmarshal(js, &ev); err != nil {
			rows.Close()
			return nil, fmt.Errorf("stored event %.60q: %w", js, err)
		}
		out = append(out, ev)
	}
	return out, wrap(closeRows(rows), "events by id")
}

// clusterOf returns the cluster an event subject is in, or the subject.
func (db *DB) clusterOf(ctx context.Context, q queryer, subject string) (string, error) {
	var root string
	err := q.QueryRowContext(ctx, db.q(`SELECT cluster_id FROM event_clusters WHERE event_id = ?`), subject).Scan(&root)
	switch {
	case err == nil:
		return root, nil
	case errors.Is(err, sql.ErrNoRows):
		return subject, nil
	}
	return "", fmt.Errorf("cluster of %s: %w", subject, err)
}

// clusterMembers returns a subject and the events of its cluster.
func (db *DB) clusterMembers(ctx context.Context, q queryer, root string) ([]string, error) {
	rows, err := q.QueryContext(ctx, db.q(`SELECT event_id FROM event_clusters WHERE cluster_id = ? ORDER BY event_id`), root)
	if err != nil {
		return nil, fmt.Errorf("cluster %s: %w", root, err)
	}
	out := []string{root}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		if id != root {
			out = append(out, id)
		}
	}
	return out, wrap(closeRows(rows), "cluster %s", root)
}

// clusterPredicates returns the single-valued predicates of the claims
// about a cluster's events.
func (db *DB) clusterPredicates(ctx context.Context, q queryer, root string) ([]string, error) {
	members, err := db.clusterMembers(ctx, q, root)
	if err != nil {
		return nil, err
	}
	cond, arg, err := db.inList("subject_id", members)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, db.q(`SELECT DISTINCT predicate FROM claims WHERE `+cond+` ORDER BY predicate`), arg)
	if err != nil {
		return nil, fmt.Errorf("predicates of cluster %s: %w", root, err)
	}
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			rows.Close()
			return nil, err
		}
		if muster.Predicate(p).SingleValued() {
			out = append(out, p)
		}
	}
	return out, wrap(closeRows(rows), "predicates of cluster %s", root)
}

// deriveContradictions computes again the disagreements about a subject
// (an entity, or the root of an event cluster, whose events' claims are
// compared as claims about it) and a predicate.
func (db *DB) deriveContradictions(ctx context.Context, tx *wtx, root, pred string) error {
	members, err := db.clusterMembers(ctx, tx, root)
	if err != nil {
		return err
	}
	cond, arg, err := db.inList("c.subject_id", members)
	if err != nil {
		return err
	}
	var label string
	if len(members) > 1 {
		if err := tx.QueryRowContext(ctx, db.q(`SELECT label FROM events WHERE id = ?`), root).Scan(&label); err != nil {
			return fmt.Errorf("label of cluster %s: %w", root, err)
		}
	}
	rows, err := tx.QueryContext(ctx, db.q(`SELECT c.json FROM claims c JOIN documents d ON d.id = c.document_id
		WHERE `+cond+` AND c.predicate = ?
		ORDER BY (d.published IS NULL), d.published, c.document_id, c.evidence_start, c.id`), arg, pred)
	if err != nil {
		return fmt.Errorf("claims of %s %s: %w", root, pred, err)
	}
	var claims []muster.Claim
	for rows.Next() {
		var js []byte
		if err := rows.Scan(&js); err != nil {
			rows.Close()
			return err
		}
		var c muster.Claim
		if err := json.Unmarshal(js, &c); err != nil {
			rows.Close()
			return fmt.Errorf("stored claim %.60q: %w", js, err)
		}
		if c.Subject.ID != root {
			c.Subject = muster.Ref{ID: root, Name: label, Type: c.Subject.Type}
		}
		claims = append(claims, c)
	}
	if err := closeRows(rows); err != nil {
		return fmt.Errorf("claims of %s %s: %w", root, pred, err)
	}
	if _, err := tx.ExecContext(ctx, db.q(`DELETE FROM contradictions WHERE subject_id = ? AND predicate = ?`), root, pred); err != nil {
		return fmt.Errorf("clear contradictions of %s %s: %w", root, pred, err)
	}
	for i, c := range db.Derive.Contradictions(claims) {
		js, err := jsonText(c, false)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, db.q(`INSERT INTO contradictions (subject_id, predicate, seq, subject_name, json)
			VALUES (?, ?, ?, ?, ?)`), root, pred, i, c.Subject.Name, js); err != nil {
			return fmt.Errorf("contradiction of %s %s: %w", root, pred, err)
		}
	}
	return nil
}

// deriveMapPlace counts again the events at a place and keeps the labels
// of the first of them, in the order the timeline shows events. An event
// counts when its own places name the place: event_places can also hold
// a place of an event saved again under the same id by another document,
// whose stored event is the first one.
func (db *DB) deriveMapPlace(ctx context.Context, tx *wtx, place string) error {
	rows, err := tx.QueryContext(ctx, db.q(`SELECT v.json FROM event_places p JOIN events v ON v.id = p.event_id
		JOIN documents d ON d.id = v.document_id WHERE p.entity_id = ?
		ORDER BY (v.time_from = ''), v.time_from, (d.published IS NULL), d.published, v.id`), place)
	if err != nil {
		return fmt.Errorf("events at %s: %w", place, err)
	}
	n, labels := 0, []string{}
	for rows.Next() {
		var js []byte
		if err := rows.Scan(&js); err != nil {
			rows.Close()
			return err
		}
		var ev struct {
			Label  string
			Places []struct{ ID string }
		}
		if err := json.Unmarshal(js, &ev); err != nil {
			rows.Close()
			return fmt.Errorf("stored event %.60q: %w", js, err)
		}
		for _, p := range ev.Places {
			if p.ID != place {
				continue
			}
			n++
			if len(labels) < maxMapLabels {
				labels = append(labels, ev.Label)
			}
		}
	}
	if err := closeRows(rows); err != nil {
		return fmt.Errorf("events at %s: %w", place, err)
	}
	js, err := jsonText(labels, false)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, db.q(`INSERT INTO map_places (place_id, events, labels) VALUES (?, ?, ?)
		ON CONFLICT (place_id) DO UPDATE SET events = excluded.events, labels = excluded.labels`), place, n, js)
	return wrap(err, "map place %s", place)
}

// clearDerived empties the derived tables, in tx.
func clearDerived(ctx context.Context, tx *wtx) error {
	for _, table := range []string{"contradictions", "map_places", "event_clusters", "happening_keys"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+table); err != nil {
			return fmt.Errorf("store: derived: clear %s: %w", table, err)
		}
	}
	return nil
}

// DerivedStale reports whether the derived tables miss saves: the store
// was written before they existed, or without DB.Derive.
func (db *DB) DerivedStale(ctx context.Context) (bool, error) {
	var stale int
	if err := db.read.QueryRowContext(ctx, `SELECT stale FROM derived_state`).Scan(&stale); err != nil {
		return false, fmt.Errorf("store: derived state: %w", err)
	}
	return stale != 0, nil
}

// RefreshDerived computes the derived tables again from every stored
// event and claim, in one transaction (a store migrated from before them,
// or written without DB.Derive). It needs DB.Derive.
func (db *DB) RefreshDerived(ctx context.Context) error {
	if db.Derive == nil {
		return muster.Errorf(muster.KindInternal, "store: refresh derived: DB.Derive is not set")
	}
	tx, err := db.beginWrite(ctx)
	if err != nil {
		return fmt.Errorf("store: refresh derived: %w", err)
	}
	defer tx.tx.Rollback()
	db.cache.reset() // see Save
	if err := db.rederive(ctx, tx); err != nil {
		return err
	}
	return wrap(tx.tx.Commit(), "store: refresh derived: commit")
}

// rederive computes the derived tables again from everything stored, in
// tx, and marks them fresh.
func (db *DB) rederive(ctx context.Context, tx *wtx) error {
	fail := func(err error) error { return fmt.Errorf("store: refresh derived: %w", err) }
	if err := db.lockDerived(ctx, tx); err != nil {
		return err
	}
	if err := clearDerived(ctx, tx); err != nil {
		return err
	}
	p := derivePending{groups: map[[2]string]bool{}, places: map[string]bool{}}
	rows, err := tx.QueryContext(ctx, `SELECT json FROM events ORDER BY id`)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var js []byte
		if err := rows.Scan(&js); err != nil {
			rows.Close()
			return fail(err)
		}
		var ev muster.Event
		if err := json.Unmarshal(js, &ev); err != nil {
			rows.Close()
			return fail(fmt.Errorf("stored event %.60q: %w", js, err))
		}
		p.events = append(p.events, ev)
	}
	if err := closeRows(rows); err != nil {
		return fail(err)
	}
	if err := scanPairs(ctx, tx, `SELECT DISTINCT subject_id, predicate FROM claims`, func(s, pred string) {
		if muster.Predicate(pred).SingleValued() {
			p.groups[[2]string{s, pred}] = true
		}
	}); err != nil {
		return fail(err)
	}
	if err := scanPairs(ctx, tx, `SELECT DISTINCT entity_id, '' FROM event_places`, func(id, _ string) { p.places[id] = true }); err != nil {
		return fail(err)
	}
	if err := db.derive(ctx, tx, &p); err != nil {
		return fail(err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE derived_state SET stale = 0, version = version + 1`)
	return wrap(err, "store: refresh derived: mark fresh")
}

// scanPairs runs a query selecting two text columns and hands each row to f.
func scanPairs(ctx context.Context, q queryer, query string, f func(a, b string)) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a, b string
		if err := rows.Scan(&a, &b); err != nil {
			rows.Close()
			return err
		}
		f(a, b)
	}
	return closeRows(rows)
}

// ContradictionFilter selects stored contradictions. Subject keeps those
// about the subject with that id or whose name contains it (any case);
// Predicates keeps those with one of them. Limit 0 means no limit.
type ContradictionFilter struct {
	Subject       string
	Predicates    []muster.Predicate
	Limit, Offset int
}

// Contradictions returns the stored disagreements that pass the filter,
// ordered by subject name, and how many pass it in all.
func (db *DB) Contradictions(ctx context.Context, f ContradictionFilter) ([]muster.Contradiction, int, error) {
	raw, total, err := db.ContradictionsJSON(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	out := make([]muster.Contradiction, len(raw))
	for i, js := range raw {
		if err := json.Unmarshal(js, &out[i]); err != nil {
			return nil, 0, fmt.Errorf("store: contradictions: stored JSON %.60q: %w", js, err)
		}
	}
	return out, total, nil
}

// ContradictionsJSON is Contradictions as stored, muster.Contradiction
// JSON, for a server to send without decoding and encoding it again (one
// disagreement can carry hundreds of claims).
func (db *DB) ContradictionsJSON(ctx context.Context, f ContradictionFilter) ([]json.RawMessage, int, error) {
	fail := func(err error) ([]json.RawMessage, int, error) {
		return nil, 0, fmt.Errorf("store: contradictions: %w", err)
	}
	var where []string
	var args []any
	if len(f.Predicates) > 0 {
		where = append(where, `predicate IN (`+placeholders(len(f.Predicates))+`)`)
		for _, p := range f.Predicates {
			args = append(args, string(p))
		}
	}
	const order = ` ORDER BY subject_name, subject_id, predicate, seq`
	if f.Subject == "" {
		var total int
		if err := db.read.QueryRowContext(ctx, db.q(`SELECT count(*) FROM contradictions`+whereClause(where)), args...).Scan(&total); err != nil {
			return fail(err)
		}
		query := `SELECT json FROM contradictions` + whereClause(where) + order
		if f.Limit > 0 {
			query += fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit, max(f.Offset, 0))
		}
		out, err := db.contradictionRows(ctx, query, args)
		if err != nil {
			return fail(err)
		}
		if f.Limit <= 0 {
			out = out[min(max(f.Offset, 0), len(out)):]
		}
		return out, total, nil
	}
	// A name that contains the subject: compared in Go, for case folding
	// beyond ASCII, over the short key columns; only the page is decoded.
	rows, err := db.read.QueryContext(ctx, db.q(`SELECT subject_id, predicate, seq, subject_name FROM contradictions`+whereClause(where)+order), args...)
	if err != nil {
		return fail(err)
	}
	q := strings.ToLower(f.Subject)
	type pk struct {
		subject, pred string
		seq           int
	}
	var hits []pk
	for rows.Next() {
		var k pk
		var name string
		if err := rows.Scan(&k.subject, &k.pred, &k.seq, &name); err != nil {
			rows.Close()
			return fail(err)
		}
		if k.subject == f.Subject || strings.Contains(strings.ToLower(name), q) {
			hits = append(hits, k)
		}
	}
	if err := closeRows(rows); err != nil {
		return fail(err)
	}
	from, to := min(max(f.Offset, 0), len(hits)), len(hits)
	if f.Limit > 0 {
		to = min(from+f.Limit, len(hits))
	}
	var out []json.RawMessage
	for _, k := range hits[from:to] {
		cs, err := db.contradictionRows(ctx, `SELECT json FROM contradictions WHERE subject_id = ? AND predicate = ? AND seq = ?`,
			[]any{k.subject, k.pred, k.seq})
		if err != nil {
			return fail(err)
		}
		out = append(out, cs...)
	}
	return out, len(hits), nil
}

func (db *DB) contradictionRows(ctx context.Context, query string, args []any) ([]json.RawMessage, error) {
	var out []json.RawMessage
	err := db.jsonRows(ctx, query, args, func(js []byte) error {
		out = append(out, bytes.Clone(js))
		return nil
	})
	return out, err
}

// MapPlace is a geocoded place with the number of events at it and the
// labels of the first of them.
type MapPlace struct {
	Entity muster.Entity
	Events int
	Labels []string
}

// MapPlaces returns the places events happen at that have coordinates,
// and the number of events stored.
func (db *DB) MapPlaces(ctx context.Context) ([]MapPlace, int, error) {
	fail := func(err error) ([]MapPlace, int, error) { return nil, 0, fmt.Errorf("store: map places: %w", err) }
	var events int
	if err := db.read.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&events); err != nil {
		return fail(err)
	}
	// CROSS JOIN keeps SQLite's planner from scanning every entity for
	// the few hundred places (it tried, 6 ms a map at 10,000 articles).
	rows, err := db.read.QueryContext(ctx, `SELECT e.id, e.type, e.name, e.place, m.events, m.labels
		FROM map_places m CROSS JOIN entities e WHERE e.id = m.place_id AND e.place IS NOT NULL ORDER BY m.place_id`)
	if err != nil {
		return fail(err)
	}
	var out []MapPlace
	for rows.Next() {
		var p MapPlace
		var typ string
		var place, labels []byte
		if err := rows.Scan(&p.Entity.ID, &typ, &p.Entity.Name, &place, &p.Events, &labels); err != nil {
			rows.Close()
			return fail(err)
		}
		p.Entity.Type = muster.EntityType(typ)
		p.Entity.Place = new(muster.Place)
		if err := json.Unmarshal(place, p.Entity.Place); err != nil {
			rows.Close()
			return fail(fmt.Errorf("place of %s: %w", p.Entity.ID, err))
		}
		if err := json.Unmarshal(labels, &p.Labels); err != nil {
			rows.Close()
			return fail(fmt.Errorf("labels at %s: %w", p.Entity.ID, err))
		}
		out = append(out, p)
	}
	if err := closeRows(rows); err != nil {
		return fail(err)
	}
	return out, events, nil
}
