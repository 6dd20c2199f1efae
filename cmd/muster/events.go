package main

import (
	"context"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/store"
)

func (m *Main) runEvents(ctx context.Context, args []string) error {
	fs := m.newFlagSet("events", "[--participant NAME] [--place NAME] [--json]")
	participant := fs.String("participant", "", "only events this entity (name or alias) took part in")
	place := fs.String("place", "", "only events at this place")
	limit := fs.Int("limit", 0, "at most this many events")
	asJSON := fs.Bool("json", false, "print JSON Lines, one event a line")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	f := store.EventFilter{Limit: *limit}
	for _, x := range []struct {
		name string
		dst  *string
	}{{*participant, &f.Participant}, {*place, &f.Place}} {
		if x.name == "" {
			continue
		}
		id, err := entityID(ctx, db, "events", x.name)
		if err != nil {
			return err
		}
		*x.dst = id
	}
	events, err := db.Events(ctx, f)
	if err != nil {
		return err
	}
	return printList(m.Stdout, events, *asJSON, "events", func(ev muster.Event) { printEvent(m.Stdout, ev) })
}
