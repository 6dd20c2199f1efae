// Package query answers analysts' questions from the knowledge base:
// profiles ("here is what we know about X", every fact cited), the claims
// on which sources disagree, events, and answers to questions of the shape
// "which groups (relation) (object)?". It is pure Go over muster values,
// reading through Reader, which the store satisfies (via a thin adapter in
// cmd/muster).
package query

import (
	"context"
	"sort"

	"github.com/muster-osint/muster"
)

// Reader is what query needs from the store.
type Reader interface {
	// FindEntities returns the entities whose name or alias matches name,
	// best first.
	FindEntities(ctx context.Context, name string) ([]muster.Entity, error)
	// Entity returns one entity; a muster.KindNotFound error when absent.
	Entity(ctx context.Context, id string) (*muster.Entity, error)
	// ClaimsAbout returns the claims whose subject or object is one of ids.
	ClaimsAbout(ctx context.Context, ids []string) ([]muster.Claim, error)
	// ClaimsByPredicate returns every claim with one of the predicates.
	ClaimsByPredicate(ctx context.Context, preds ...muster.Predicate) ([]muster.Claim, error)
	// EventsOf returns the events an entity takes part in or happens at;
	// with id "" every event.
	EventsOf(ctx context.Context, id string) ([]muster.Event, error)
	// Documents returns the documents with the ids.
	Documents(ctx context.Context, ids []string) ([]muster.DocumentRef, error)
}

// Profile is everything muster knows about one entity, with its sources
// (the JSON shape of DESIGN §6).
type Profile struct {
	Entity         muster.Entity          `json:"entity"`
	Claims         []muster.Claim         `json:"claims"`
	Events         []muster.Event         `json:"events"`
	Contradictions []muster.Contradiction `json:"contradictions"`
	Documents      []muster.DocumentRef   `json:"documents"`
}

// GetProfile returns the profile of the entity best matching name (its
// name or any alias, case-insensitive).
func GetProfile(ctx context.Context, r Reader, name string) (*Profile, error) {
	ents, err := r.FindEntities(ctx, name)
	if err != nil {
		return nil, err
	}
	if len(ents) == 0 {
		return nil, muster.Errorf(muster.KindNotFound, "no entity named %q", name)
	}
	return ProfileOf(ctx, r, ents[0])
}

// GetProfileByID returns the profile of the entity with the id: links
// identify entities, so namesakes never collide (issue 12).
func GetProfileByID(ctx context.Context, r Reader, id string) (*Profile, error) {
	e, err := r.Entity(ctx, id)
	if err != nil {
		return nil, err
	}
	return ProfileOf(ctx, r, *e)
}

// ProfileOf returns the profile of e.
func ProfileOf(ctx context.Context, r Reader, e muster.Entity) (*Profile, error) {
	p := &Profile{Entity: e, Claims: []muster.Claim{}, Events: []muster.Event{}, Contradictions: []muster.Contradiction{}}
	claims, err := r.ClaimsAbout(ctx, []string{e.ID})
	if err != nil {
		return nil, err
	}
	p.Claims = claims
	events, err := r.EventsOf(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	p.Events = events
	var all []muster.Claim
	all = append(all, claims...)
	for _, ev := range events {
		all = append(all, ev.Claims...)
	}
	p.Contradictions = ContradictionsAcross(all, events)
	docs := map[string]bool{}
	for _, c := range all {
		for _, ev := range c.Evidence {
			docs[ev.Document] = true
		}
	}
	for _, ev := range events {
		for _, x := range ev.Evidence {
			docs[x.Document] = true
		}
	}
	ids := make([]string, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if p.Documents, err = r.Documents(ctx, ids); err != nil {
		return nil, err
	}
	if p.Documents == nil {
		p.Documents = []muster.DocumentRef{}
	}
	return p, nil
}

// ContradictionsAcross is Contradictions over claims whose events are
// taken together when several documents tell of one happening
// (EventClusters): one outlet's "more than 70 killed" meets another's
// "two dead" for the same incursion.
func ContradictionsAcross(claims []muster.Claim, events []muster.Event) []muster.Contradiction {
	return Contradictions(clustered(claims, events))
}

// clustered returns claims whose event subjects are replaced by the
// cluster each event belongs to (EventClusters), so that the figures of
// several documents about one happening are compared; the claims are
// copies, the originals keep their subjects.
func clustered(claims []muster.Claim, events []muster.Event) []muster.Claim {
	clusters := EventClusters(events)
	labels := map[string]string{}
	for _, ev := range events {
		labels[ev.ID] = ev.Label
	}
	out := make([]muster.Claim, len(claims))
	for i, c := range claims {
		if root, ok := clusters[c.Subject.ID]; ok && root != c.Subject.ID {
			c.Subject = muster.Ref{ID: root, Name: labels[root], Type: c.Subject.Type}
		}
		out[i] = c
	}
	return out
}
