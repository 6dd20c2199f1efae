package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/muster-osint/muster"
)

// EventsAt returns the stored events with a place among places (entity
// ids) whose dates meet the ISO interval [from, to] (an event without an
// end date ends on its start date; undated events are never returned): the
// read through which resolve matches an incoming event against the events
// other documents told (resolve.EventIndex, issue 12).
func (db *DB) EventsAt(ctx context.Context, places []string, from, to string) ([]muster.Event, error) {
	return db.eventsAt(ctx, db.read, places, from, to)
}

// EventsAt is DB.EventsAt seeing the batch's own writes, so that a
// document matches the events of the documents before it in the same
// batch as it would after their commit.
func (b *Batch) EventsAt(ctx context.Context, places []string, from, to string) ([]muster.Event, error) {
	if err := b.usable(ctx); err != nil {
		return nil, err
	}
	return b.db.eventsAt(ctx, b.tx, places, from, to)
}

func (db *DB) eventsAt(ctx context.Context, q queryer, places []string, from, to string) ([]muster.Event, error) {
	var out []muster.Event
	seen := map[string]bool{}
	for _, c := range chunks(len(places), maxParams-2) {
		part := anys(places[c[0]:c[1]])
		query := `SELECT v.json FROM events v WHERE v.time_from <> '' AND v.time_from <= ? AND ` +
			`(CASE WHEN v.time_to = '' THEN v.time_from ELSE v.time_to END) >= ? AND ` +
			`v.id IN (SELECT event_id FROM event_places WHERE entity_id IN (` + placeholders(len(part)) + `)) ORDER BY v.id`
		args := append([]any{to, from}, part...)
		err := func() error {
			rows, err := q.QueryContext(ctx, db.q(query), args...)
			if err != nil {
				return err
			}
			defer rows.Close()
			for rows.Next() {
				var js []byte
				if err := rows.Scan(&js); err != nil {
					return err
				}
				var ev muster.Event
				if err := json.Unmarshal(js, &ev); err != nil {
					return fmt.Errorf("stored JSON %.60q: %w", js, err)
				}
				if !seen[ev.ID] {
					seen[ev.ID] = true
					out = append(out, ev)
				}
			}
			return closeRows(rows)
		}()
		if err != nil {
			return nil, wrap(err, "store: events at places")
		}
	}
	return out, nil
}
