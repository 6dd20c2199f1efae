package web

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
)

// stateCheckEvery is how often the server asks the store whether it has
// changed; between checks, requests read the snapshot they have.
const stateCheckEvery = time.Second

// snapshot is what the timeline, the map and the contradictions page
// derive from the whole store, computed once per state of the store
// (issue 14: not over every claim per request). It is read-only once
// built and shared by every request.
type snapshot struct {
	key    string
	built  time.Time
	events []muster.Event // in time order, undated last
	// eventIndex maps an event id to its index in events.
	eventIndex map[string]int
	// places holds the entities events happen at, with coordinates when
	// geocoded.
	places map[string]muster.Entity
	// docs holds the documents events and contradictions cite.
	docs map[string]muster.DocumentRef
	// heads gives an untitled document its first words.
	heads map[string]string

	contradictions []muster.Contradiction
	// subjects maps a claim id to the subject it was stated about (the
	// contradictions hold copies whose event subjects are replaced by their
	// cluster), so that a profile finds the disagreements about it.
	subjects map[string]string
	// notes holds, by claim id, the outlet's sentence saying it could not
	// verify an unverified claim in a disagreement.
	notes map[string]string
	// byEvent lists, for an event id, the contradictions about it.
	byEvent map[string][]int

	// The home page's lists: the most documented groups and people.
	groups, people []muster.Entity

	// Choices for the filter form, most frequent first.
	Types, Countries, Admins, Sources []facet
	Modalities                        []facet
}

// facet is a value of a filter with the number of items that have it.
type facet struct {
	Value, Label string
	N            int
}

// snapshots keeps the current snapshot and rebuilds it when the store's
// state changes: the first request waits for it, later ones are served
// the previous snapshot while one goroutine builds the next.
type snapshots struct {
	store   Store
	cur     atomic.Pointer[snapshot]
	checked atomic.Int64 // unix nanoseconds of the last state check
	// latest is the store's state at the last check, which the snapshot
	// being built may not have caught up with yet.
	latest  atomic.Pointer[string]
	mu      sync.Mutex // held while checking or building
	onError func(error)
}

// get returns a snapshot no older than the store's state at the last
// check.
func (s *snapshots) get(ctx context.Context) (*snapshot, error) {
	cur := s.cur.Load()
	if cur == nil {
		s.mu.Lock()
		defer s.mu.Unlock()
		if cur = s.cur.Load(); cur != nil {
			return cur, nil
		}
		key, err := s.store.State(ctx)
		if err != nil {
			return nil, err
		}
		snap, err := build(ctx, s.store, key)
		if err != nil {
			return nil, err
		}
		s.checked.Store(time.Now().UnixNano())
		s.latest.Store(&key)
		s.cur.Store(snap)
		return snap, nil
	}
	if time.Since(time.Unix(0, s.checked.Load())) < stateCheckEvery || !s.mu.TryLock() {
		return cur, nil
	}
	s.checked.Store(time.Now().UnixNano())
	// The state is read here, so that this request already knows of a
	// change (what the store keeps at ingest is read fresh under the new
	// state, see Server.cached); the snapshot is rebuilt behind it.
	key, err := s.store.State(ctx)
	if err != nil {
		s.mu.Unlock()
		s.onError(err)
		return cur, nil
	}
	s.latest.Store(&key)
	if key == cur.key {
		s.mu.Unlock()
		return cur, nil
	}
	go func() {
		defer s.mu.Unlock()
		// The request may end before the rebuild does: the rebuild has its
		// own bounded context.
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		snap, err := build(ctx, s.store, key)
		if err != nil {
			s.onError(err)
			return
		}
		s.cur.Store(snap)
	}()
	return cur, nil
}

// state returns the store's state at the last check, which may be newer
// than snap's.
func (s *snapshots) state(snap *snapshot) string {
	if k := s.latest.Load(); k != nil {
		return *k
	}
	return snap.key
}

// build reads every event and claim once and derives what the pages need.
func build(ctx context.Context, st Store, key string) (*snapshot, error) {
	snap := &snapshot{key: key, built: time.Now(), places: map[string]muster.Entity{}, docs: map[string]muster.DocumentRef{},
		subjects: map[string]string{}, byEvent: map[string][]int{}, notes: map[string]string{}}
	events, err := st.EventsOf(ctx, "")
	if err != nil {
		return nil, err
	}
	snap.events = events // the store gives them in time order, undated last
	snap.eventIndex = make(map[string]int, len(events))
	for i, ev := range events {
		snap.eventIndex[ev.ID] = i
	}
	claims, err := st.AllClaims(ctx, nil, 0)
	if err != nil {
		return nil, err
	}
	for _, c := range claims {
		snap.subjects[c.ID] = c.Subject.ID
	}
	for _, ev := range events {
		for _, c := range ev.Claims {
			snap.subjects[c.ID] = c.Subject.ID
		}
	}
	if d, ok := st.(Derived); ok {
		raw, _, err := d.StoredContradictions(ctx, "", nil, 0, 0)
		if err != nil {
			return nil, err
		}
		snap.contradictions = make([]muster.Contradiction, len(raw))
		for i, js := range raw {
			if err := json.Unmarshal(js, &snap.contradictions[i]); err != nil {
				return nil, fmt.Errorf("web: stored contradiction: %w", err)
			}
		}
	} else {
		snap.contradictions = query.ContradictionsAcross(claims, events)
	}
	if err := snap.findNotes(ctx, st); err != nil {
		return nil, err
	}
	for i, c := range snap.contradictions {
		seen := map[string]bool{}
		for _, cl := range c.Claims {
			if id := snap.subjects[cl.ID]; strings.HasPrefix(id, "v_") && !seen[id] {
				seen[id] = true
				snap.byEvent[id] = append(snap.byEvent[id], i)
			}
		}
	}
	// The places and documents events and contradictions refer to.
	var placeIDs []string
	docIDs := map[string]bool{}
	for _, ev := range events {
		for _, p := range ev.Places {
			if p.ID != "" {
				placeIDs = append(placeIDs, p.ID)
			}
		}
		for _, e := range ev.Evidence {
			docIDs[e.Document] = true
		}
		for _, c := range ev.Claims {
			for _, e := range c.Evidence {
				docIDs[e.Document] = true
			}
		}
	}
	for _, c := range snap.contradictions {
		for _, cl := range c.Claims {
			for _, e := range cl.Evidence {
				docIDs[e.Document] = true
			}
		}
	}
	ents, err := st.EntitiesByID(ctx, uniqueStrings(placeIDs))
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		snap.places[e.ID] = e
	}
	ids := make([]string, 0, len(docIDs))
	for id := range docIDs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	refs, err := st.Documents(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, r := range refs {
		snap.docs[r.ID] = r
	}
	if snap.heads, err = st.UntitledHeads(ctx); err != nil {
		return nil, err
	}
	if snap.groups, err = st.Groups(ctx, muster.EntityArmedGroup, 50); err != nil {
		return nil, err
	}
	if snap.people, err = st.Groups(ctx, muster.EntityPerson, 30); err != nil {
		return nil, err
	}
	snap.facets()
	return snap, nil
}

// facets counts the values the filter form offers.
func (snap *snapshot) facets() {
	types, countries, admins, sources, mods := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	for _, ev := range snap.events {
		types[string(ev.Type)]++
		seenC, seenA := map[string]bool{}, map[string]bool{}
		for _, p := range ev.Places {
			pl := snap.places[p.ID].Place
			if pl == nil {
				continue
			}
			if pl.Country != "" && !seenC[pl.Country] {
				seenC[pl.Country] = true
				countries[pl.Country]++
			}
			if pl.Admin1 != "" && !seenA[pl.Admin1] {
				seenA[pl.Admin1] = true
				admins[pl.Admin1]++
			}
		}
		for _, s := range snap.eventSources(ev) {
			sources[s]++
		}
		seenM := map[muster.Modality]bool{}
		for _, c := range ev.Claims {
			if !seenM[c.Modality] {
				seenM[c.Modality] = true
				mods[string(c.Modality)]++
			}
		}
	}
	snap.Types, snap.Countries, snap.Admins = ranked(types, 0), ranked(countries, 0), ranked(admins, 60)
	snap.Sources, snap.Modalities = ranked(sources, 60), ranked(mods, 0)
}

// eventSources returns who stands behind an event: the publishers of the
// documents that tell it and the sources its claims are attributed to.
func (snap *snapshot) eventSources(ev muster.Event) []string {
	var out []string
	for _, e := range ev.Evidence {
		if p := snap.docs[e.Document].Publisher; p != "" {
			out = appendNew(out, p)
		}
	}
	for _, c := range ev.Claims {
		if c.AttributedTo.Name != "" {
			out = appendNew(out, c.AttributedTo.Name)
		}
	}
	return out
}

// title is what a document is called in lists: its title, else its first
// words, else its id.
func (snap *snapshot) title(d muster.DocumentRef) string {
	if strings.TrimSpace(d.Title) != "" {
		return d.Title
	}
	if snap != nil {
		if h, ok := snap.heads[d.ID]; ok {
			if t := firstWords(h, 10); t != "" {
				return t
			}
		}
	}
	return d.ID
}

// firstWords returns the first n words of text, with an ellipsis when it
// goes on.
func firstWords(text string, n int) string {
	words := strings.Fields(text)
	if len(words) == 0 {
		return ""
	}
	if len(words) > n {
		return strings.Join(words[:n], " ") + "…"
	}
	return strings.Join(words, " ")
}

func ranked(m map[string]int, max int) []facet {
	out := make([]facet, 0, len(m))
	for v, n := range m {
		if v != "" {
			out = append(out, facet{Value: v, Label: v, N: n})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Value < out[j].Value
	})
	if max > 0 && len(out) > max {
		out = out[:max]
	}
	return out
}

func eventStart(ev muster.Event) string {
	if ev.Time == nil {
		return ""
	}
	return ev.Time.From
}

func appendNew(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func uniqueStrings(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range s {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}
