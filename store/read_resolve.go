package store

import (
	"context"
	"encoding/json"

	"github.com/muster-osint/muster"
)

// EventsAt returns the stored events with a place among places (entity
// ids) whose dates meet the ISO interval [from, to] (an event without an
// end date ends on its start date; undated events are never returned): the
// read through which resolve matches an incoming event against the events
// other documents told (resolve.EventIndex, issue 12).
func (db *DB) EventsAt(ctx context.Context, places []string, from, to string) ([]muster.Event, error) {
	var out []muster.Event
	seen := map[string]bool{}
	for _, c := range chunks(len(places), maxParams-2) {
		part := anys(places[c[0]:c[1]])
		query := `SELECT v.json FROM events v WHERE v.time_from <> '' AND v.time_from <= ? AND ` +
			`(CASE WHEN v.time_to = '' THEN v.time_from ELSE v.time_to END) >= ? AND ` +
			`v.id IN (SELECT event_id FROM event_places WHERE entity_id IN (` + placeholders(len(part)) + `)) ORDER BY v.id`
		args := append([]any{to, from}, part...)
		err := db.jsonRows(ctx, query, args, func(js []byte) error {
			var ev muster.Event
			if err := json.Unmarshal(js, &ev); err != nil {
				return err
			}
			if !seen[ev.ID] {
				seen[ev.ID] = true
				out = append(out, ev)
			}
			return nil
		})
		if err != nil {
			return nil, wrap(err, "store: events at places")
		}
	}
	return out, nil
}
