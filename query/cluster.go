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
	// A cluster is named by its earliest event (by start, then id), whatever
	// order the pairs were joined in: the store, which clusters events as
	// they are saved, names it the same way (ClusterRoot).
	root := map[string]muster.Event{}
	for _, ev := range events {
		r := find(ev.ID)
		if cur, ok := root[r]; !ok || ClusterRoot(ev, cur) {
			root[r] = ev
		}
	}
	out := make(map[string]string, len(events))
	for _, ev := range events {
		out[ev.ID] = root[find(ev.ID)].ID
	}
	return out
}

// ClusterRoot reports whether a names a cluster rather than b: the
// earlier start, then the smaller id.
func ClusterRoot(a, b muster.Event) bool {
	if sa, sb := start(a), start(b); sa != sb {
		return sa < sb
	}
	return a.ID < b.ID
}

// SameHappening reports whether two events are one happening told twice,
// the test EventClusters joins events by; it is symmetric.
func SameHappening(a, b muster.Event) bool { return sameHappening(a, b) }

// HappeningKeys returns the keys two events SameHappening joins always
// share (the ids and name keys of their places finer than a country), or
// nil when the event can join none: the store finds an event's
// candidates by them instead of comparing it with every stored event.
func HappeningKeys(ev muster.Event) []string {
	if !fighting(ev.Type) || ev.Time == nil {
		return nil
	}
	if _, _, ok := interval(ev.Time); !ok {
		return nil
	}
	var keys []string
	for _, p := range ev.Places {
		if isCountryLevel(p) {
			continue
		}
		if p.ID != "" {
			keys = append(keys, "id:"+p.ID)
		}
		keys = append(keys, "name:"+muster.NameKey(p.Name))
	}
	return keys
}

func start(ev muster.Event) string {
	if ev.Time == nil || ev.Time.From == "" {
		return "9999"
	}
	return ev.Time.From
}

// HappeningDays is how many days apart the times of two events told of
// one happening may lie.
const HappeningDays = 2

// sameHappening reports whether two events are one told twice.
func sameHappening(a, b muster.Event) bool {
	if !fighting(a.Type) || !fighting(b.Type) || a.Time == nil || b.Time == nil {
		return false
	}
	if !within(a.Time, b.Time, HappeningDays) {
		return false
	}
	for _, p := range a.Places {
		for _, q := range b.Places {
			if (p.ID != "" && p.ID == q.ID) || muster.NameKey(p.Name) == muster.NameKey(q.Name) {
				if !isCountryLevel(p) && !isCountryLevel(q) {
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
