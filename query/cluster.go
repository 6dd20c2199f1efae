package query

import (
	"sort"
	"time"

	"github.com/muster-osint/muster"
)

// EventClusters groups the events that several documents tell of one
// happening: the same kind of fighting, a shared place, and times no more
// than two days apart. It maps each event id to the id of its cluster
// (the earliest-starting event's), so that figures different outlets give
// for one incursion are compared with each other.
func EventClusters(events []muster.Event) map[string]string {
	idx := make([]int, len(events))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return start(events[idx[a]]) < start(events[idx[b]]) })
	parent := map[string]string{}
	var find func(string) string
	find = func(id string) string {
		for parent[id] != id {
			parent[id] = parent[parent[id]]
			id = parent[id]
		}
		return id
	}
	for _, i := range idx {
		parent[events[i].ID] = events[i].ID
	}
	for a := 0; a < len(idx); a++ {
		for b := a + 1; b < len(idx); b++ {
			ea, eb := events[idx[a]], events[idx[b]]
			if sameHappening(ea, eb) {
				ra, rb := find(ea.ID), find(eb.ID)
				if ra != rb {
					parent[rb] = ra // the earlier event names the cluster
				}
			}
		}
	}
	out := make(map[string]string, len(events))
	for _, ev := range events {
		out[ev.ID] = find(ev.ID)
	}
	return out
}

func start(ev muster.Event) string {
	if ev.Time == nil || ev.Time.From == "" {
		return "9999"
	}
	return ev.Time.From
}

// sameHappening reports whether two events are one told twice.
func sameHappening(a, b muster.Event) bool {
	if !fighting(a.Type) || !fighting(b.Type) || a.Time == nil || b.Time == nil {
		return false
	}
	if !within(a.Time, b.Time, 2) {
		return false
	}
	for _, p := range a.Places {
		for _, q := range b.Places {
			if (p.ID != "" && p.ID == q.ID) || muster.NameKey(p.Name) == muster.NameKey(q.Name) {
				if !isCountryLevel(p) {
					return true
				}
			}
		}
	}
	return false
}

// isCountryLevel reports whether a place reference is a country, too
// coarse to say two events are one.
func isCountryLevel(p muster.Ref) bool {
	switch muster.NameKey(p.Name) {
	case "russia", "ukraine", "belarus", "georgia", "syria", "iraq", "afghanistan", "pakistan", "india", "nigeria", "mali", "somalia":
		return true
	}
	return false
}

// within reports whether two date intervals overlap or lie at most days
// apart.
func within(a, b *muster.Value, days int) bool {
	af, at, ok1 := interval(a)
	bf, bt, ok2 := interval(b)
	if !ok1 || !ok2 {
		return false
	}
	slack := time.Duration(days) * 24 * time.Hour
	return !af.After(bt.Add(slack)) && !bf.After(at.Add(slack))
}

func interval(v *muster.Value) (time.Time, time.Time, bool) {
	f, err := time.Parse("2006-01-02", v.From)
	if err != nil {
		return time.Time{}, time.Time{}, false
	}
	t := f
	if v.To != "" {
		if t2, err := time.Parse("2006-01-02", v.To); err == nil {
			t = t2
		}
	}
	return f, t, true
}
