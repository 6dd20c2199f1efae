package resolve

// Cross-document events (issue 12): two documents telling one happening —
// the same kind of event, at a place they share, on dates that meet — are
// one event, so that profiles, the timeline and the map show it once, with
// each document's figures kept as that document's own claims.

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/muster-osint/muster"
)

// EventIndex finds stored events that may tell the same happening as an
// incoming one. *store.DB satisfies it (store/read_resolve.go).
type EventIndex interface {
	// EventsAt returns the stored events with a place among places (entity
	// ids) whose dates meet the ISO interval [from, to].
	EventsAt(ctx context.Context, places []string, from, to string) ([]muster.Event, error)
}

// eventSlackDays is how far apart two reports of one day's happening may
// date it: a report the morning after says "yesterday", another "on
// Tuesday" of a strike that ran past midnight.
const eventSlackDays = 1

// eventMaxDays is the longest date interval that can identify a happening:
// "in May" does not tell one shelling of Kharkiv from the next.
const eventMaxDays = 3

// SameHappening reports whether events a and b, from different documents,
// tell one happening: the same type, a place in common, each dated to
// within eventMaxDays and the dates meeting (give or take eventSlackDays),
// and no disjoint sets of named actors (two raids on one town on one day
// by different groups are two raids). The reason says why not, or why.
func SameHappening(a, b muster.Event) (bool, string) {
	if a.Type != b.Type {
		return false, fmt.Sprintf("different kinds (%s, %s)", a.Type, b.Type)
	}
	shared := sharedPlaces(a, b)
	if len(shared) == 0 {
		return false, "no place in common"
	}
	af, at, ok1 := eventDays(a)
	bf, bt, ok2 := eventDays(b)
	if !ok1 || !ok2 {
		return false, "not dated to the day"
	}
	slack := eventSlackDays * 24 * time.Hour
	if af.After(bt.Add(slack)) || bf.After(at.Add(slack)) {
		return false, "dates apart"
	}
	if aa, ba := actors(a), actors(b); len(aa) > 0 && len(ba) > 0 && !intersects(aa, ba) {
		return false, "different actors"
	}
	return true, fmt.Sprintf("same kind (%s), same place (%s), dates meet", a.Type, shared[0])
}

// eventDays returns an event's date interval when it is at most
// eventMaxDays long.
func eventDays(ev muster.Event) (from, to time.Time, ok bool) {
	if ev.Time == nil || ev.Time.From == "" {
		return from, to, false
	}
	from, err := time.Parse("2006-01-02", ev.Time.From)
	if err != nil {
		return from, to, false
	}
	to = from
	if ev.Time.To != "" {
		if to, err = time.Parse("2006-01-02", ev.Time.To); err != nil || to.Before(from) {
			return from, to, false
		}
	}
	if to.Sub(from) > (eventMaxDays-1)*24*time.Hour {
		return from, to, false
	}
	return from, to, true
}

func sharedPlaces(a, b muster.Event) []string {
	var out []string
	for _, p := range a.Places {
		for _, q := range b.Places {
			if p.ID != "" && p.ID == q.ID {
				out = append(out, p.Name)
			}
		}
	}
	return out
}

// actors returns the entity ids of an event's actors and perpetrators.
func actors(ev muster.Event) map[string]bool {
	out := map[string]bool{}
	for _, p := range ev.Participants {
		if p.Entity.ID != "" && (p.Role == muster.RoleActor || p.Role == muster.RolePerpetrator) {
			out[p.Entity.ID] = true
		}
	}
	return out
}

func intersects(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// ResolveEvents matches each event of one incoming document, whose places
// and participants already carry resolved entity ids, against the stored
// events idx finds, and returns, for each event that tells a stored
// happening, its id mapped to the stored event's. Of several stored
// matches, the one sharing most places wins, then the smallest id. Events
// of the same document are never merged with each other: the extractor
// told them apart.
func ResolveEvents(ctx context.Context, evs []muster.Event, idx EventIndex) (map[string]string, error) {
	out := map[string]string{}
	if idx == nil {
		return out, nil
	}
	taken := map[string]bool{}
	for _, ev := range evs {
		from, to, ok := eventDays(ev)
		if !ok || len(ev.Places) == 0 {
			continue
		}
		var places []string
		for _, p := range ev.Places {
			if p.ID != "" {
				places = append(places, p.ID)
			}
		}
		if len(places) == 0 {
			continue
		}
		slack := eventSlackDays * 24 * time.Hour
		cands, err := idx.EventsAt(ctx, places, from.Add(-slack).Format("2006-01-02"), to.Add(slack).Format("2006-01-02"))
		if err != nil {
			return nil, fmt.Errorf("resolve event %s: %w", ev.ID, err)
		}
		sort.Slice(cands, func(i, j int) bool {
			ni, nj := len(sharedPlaces(ev, cands[i])), len(sharedPlaces(ev, cands[j]))
			if ni != nj {
				return ni > nj
			}
			return cands[i].ID < cands[j].ID
		})
		for _, c := range cands {
			if c.ID == ev.ID || taken[c.ID] {
				continue
			}
			if same, _ := SameHappening(ev, c); same {
				out[ev.ID] = c.ID
				taken[c.ID] = true
				break
			}
		}
	}
	return out, nil
}

// MemEvents is an in-memory EventIndex, for evaluation and rebuilds.
type MemEvents struct {
	byPlace map[string][]muster.Event
}

// NewMemEvents returns an empty MemEvents.
func NewMemEvents() *MemEvents { return &MemEvents{byPlace: map[string][]muster.Event{}} }

// Add stores events (an event already held under its id is kept as it is).
func (m *MemEvents) Add(evs ...muster.Event) {
	for _, ev := range evs {
		for _, p := range ev.Places {
			if p.ID == "" {
				continue
			}
			dup := false
			for _, e := range m.byPlace[p.ID] {
				dup = dup || e.ID == ev.ID
			}
			if !dup {
				m.byPlace[p.ID] = append(m.byPlace[p.ID], ev)
			}
		}
	}
}

// EventsAt implements EventIndex.
func (m *MemEvents) EventsAt(_ context.Context, places []string, from, to string) ([]muster.Event, error) {
	seen := map[string]bool{}
	var out []muster.Event
	for _, p := range places {
		for _, ev := range m.byPlace[p] {
			if seen[ev.ID] || ev.Time == nil || ev.Time.From == "" {
				continue
			}
			evTo := ev.Time.To
			if evTo == "" {
				evTo = ev.Time.From
			}
			if ev.Time.From <= to && evTo >= from {
				seen[ev.ID] = true
				out = append(out, ev)
			}
		}
	}
	return out, nil
}
