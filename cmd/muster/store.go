package main

import (
	"context"
	"encoding/json"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/pipeline"
	"github.com/muster-osint/muster/query"
	"github.com/muster-osint/muster/resolve"
	"github.com/muster-osint/muster/store"
	"github.com/muster-osint/muster/web"
)

// The store is the index resolution reads and the reader queries use.
var (
	_ resolve.Index = (*store.DB)(nil)
	_ query.Reader  = storeReader{}
)

// openStore opens the configured store.
func (m *Main) openStore(ctx context.Context) (*store.DB, error) {
	db, err := store.Open(ctx, m.Config.DB)
	if err != nil {
		return nil, err
	}
	// Stored entities are found again by every key resolution matches on
	// (transliterations, acronyms, surnames), not only by their names.
	db.EntityKeys = resolve.Keys
	if err := keepDerived(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// keepDerived has db keep the contradictions and map data up to date at
// every save, by query's rules, and computes them for what was saved
// without (a store from before they were kept).
func keepDerived(ctx context.Context, db *store.DB) error {
	db.Derive = &store.Deriver{
		HappeningKeys:  query.HappeningKeys,
		SameHappening:  query.SameHappening,
		ClusterRoot:    query.ClusterRoot,
		HappeningDays:  query.HappeningDays,
		Contradictions: query.Contradictions,
	}
	stale, err := db.DerivedStale(ctx)
	if err != nil || !stale {
		return err
	}
	return db.RefreshDerived(ctx)
}

// newPipeline returns the analysis pipeline with the analysts' merge and
// split decisions stored in db.
func newPipeline(ctx context.Context, db *store.DB, opt pipeline.Options) (*pipeline.Pipeline, error) {
	decisions, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	opt.Overrides = overrides(decisions)
	return pipeline.New(opt)
}

// entityID returns the id of the entity best matching name (name or
// alias), or a not-found error that names the command and the name.
func entityID(ctx context.Context, db *store.DB, cmd, name string) (string, error) {
	ents, err := db.FindEntities(ctx, name)
	if err != nil {
		return "", err
	}
	if len(ents) == 0 {
		return "", muster.Errorf(muster.KindNotFound, "%s: no entity named %q", cmd, name)
	}
	return ents[0].ID, nil
}

// storeReader adapts *store.DB to query.Reader, so that query needs no
// store types.
type storeReader struct{ db *store.DB }

func (r storeReader) FindEntities(ctx context.Context, name string) ([]muster.Entity, error) {
	return r.db.FindEntities(ctx, name)
}

func (r storeReader) Entity(ctx context.Context, id string) (*muster.Entity, error) {
	return r.db.Entity(ctx, id)
}

func (r storeReader) ClaimsAbout(ctx context.Context, ids []string) ([]muster.Claim, error) {
	out, err := r.db.Claims(ctx, store.ClaimFilter{Subjects: ids})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, c := range out {
		seen[c.ID] = true
	}
	for _, id := range ids {
		more, err := r.db.Claims(ctx, store.ClaimFilter{ObjectEntity: id})
		if err != nil {
			return nil, err
		}
		for _, c := range more {
			if !seen[c.ID] && c.Subject.Type != "event" {
				seen[c.ID] = true
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func (r storeReader) ClaimsByPredicate(ctx context.Context, preds ...muster.Predicate) ([]muster.Claim, error) {
	return r.db.Claims(ctx, store.ClaimFilter{Predicates: preds})
}

func (r storeReader) EventsOf(ctx context.Context, id string) ([]muster.Event, error) {
	if id == "" {
		return r.db.Events(ctx, store.EventFilter{})
	}
	out, err := r.db.Events(ctx, store.EventFilter{Participant: id})
	if err != nil {
		return nil, err
	}
	at, err := r.db.Events(ctx, store.EventFilter{Place: id})
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, ev := range out {
		seen[ev.ID] = true
	}
	for _, ev := range at {
		if !seen[ev.ID] {
			out = append(out, ev)
		}
	}
	return out, nil
}

func (r storeReader) Documents(ctx context.Context, ids []string) ([]muster.DocumentRef, error) {
	return r.db.Documents(ctx, ids)
}

// webStore adapts *store.DB to web.Store.
type webStore struct{ storeReader }

var (
	_ web.Store   = webStore{}
	_ web.Derived = webStore{}
)

func (s webStore) StoredContradictions(ctx context.Context, subject string, preds []muster.Predicate, limit, offset int) ([]json.RawMessage, int, error) {
	return s.db.ContradictionsJSON(ctx, store.ContradictionFilter{Subject: subject, Predicates: preds, Limit: limit, Offset: offset})
}

func (s webStore) MapPlaces(ctx context.Context) ([]web.MapPlace, int, error) {
	stored, n, err := s.db.MapPlaces(ctx)
	out := make([]web.MapPlace, len(stored))
	for i, p := range stored {
		out[i] = web.MapPlace(p)
	}
	return out, n, err
}

func (s webStore) Document(ctx context.Context, id string) (*muster.Document, error) {
	return s.db.Document(ctx, id)
}

func (s webStore) Mentions(ctx context.Context, id string) ([]muster.Mention, error) {
	return s.db.Mentions(ctx, id)
}

func (s webStore) Search(ctx context.Context, q string, limit int) ([]web.Hit, error) {
	hits, err := s.db.Search(ctx, q, limit)
	if err != nil {
		return nil, err
	}
	out := make([]web.Hit, len(hits))
	for i, h := range hits {
		out[i] = web.Hit{Document: h.Document, Snippet: h.Snippet}
	}
	return out, nil
}

func (s webStore) DocumentClaims(ctx context.Context, id string) ([]muster.Claim, error) {
	return s.db.Claims(ctx, store.ClaimFilter{Document: id})
}

func (s webStore) AllClaims(ctx context.Context, preds []muster.Predicate, limit int) ([]muster.Claim, error) {
	return s.db.Claims(ctx, store.ClaimFilter{Predicates: preds, Limit: limit})
}

func (s webStore) Groups(ctx context.Context, t muster.EntityType, limit int) ([]muster.Entity, error) {
	return s.db.ListEntities(ctx, store.EntityFilter{Type: t, Limit: limit})
}

func (s webStore) State(ctx context.Context) (string, error) { return s.db.State(ctx) }

func (s webStore) EntitiesByID(ctx context.Context, ids []string) ([]muster.Entity, error) {
	return s.db.EntitiesByID(ctx, ids)
}

func (s webStore) UntitledHeads(ctx context.Context) (map[string]string, error) {
	return s.db.UntitledHeads(ctx)
}

func (s webStore) SearchRefs(ctx context.Context, q string, limit int) ([]muster.DocumentRef, error) {
	return s.db.SearchRefs(ctx, q, limit)
}
