package web

import (
	_ "embed"
	"net/http"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
)

//go:embed openapi.yaml
var openapiYAML []byte

func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/yaml")
	_, _ = w.Write(openapiYAML)
}

func (s *Server) apiProfile(w http.ResponseWriter, r *http.Request) {
	p, err := s.profile(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, p)
}

func (s *Server) apiAsk(w http.ResponseWriter, r *http.Request) {
	q, err := param(r, "q", true)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	a, err := query.Ask(r.Context(), s.store, q)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, a)
}

// predicates parses a comma-separated predicate list.
func predicates(v string) ([]muster.Predicate, error) {
	var out []muster.Predicate
	for _, p := range strings.Split(v, ",") {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		pred := muster.Predicate(p)
		if !pred.Valid() {
			return nil, muster.Errorf(muster.KindInvalid, "parameter predicate: unknown predicate %q", p)
		}
		out = append(out, pred)
	}
	return out, nil
}

func (s *Server) apiClaims(w http.ResponseWriter, r *http.Request) {
	subject, err := param(r, "subject", false)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	pv, err := param(r, "predicate", false)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	preds, err := predicates(pv)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	limit, err := intParam(r, "limit", 1000, 10000)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	var claims []muster.Claim
	if subject != "" {
		ents, err := s.store.FindEntities(r.Context(), subject)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		if len(ents) == 0 {
			s.apiError(w, r, muster.Errorf(muster.KindNotFound, "no entity named %q", subject))
			return
		}
		all, err := s.store.ClaimsAbout(r.Context(), []string{ents[0].ID})
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		for _, c := range all {
			if len(preds) == 0 || hasPred(preds, c.Predicate) {
				claims = append(claims, c)
			}
		}
		if len(claims) > limit {
			claims = claims[:limit]
		}
	} else if claims, err = s.store.AllClaims(r.Context(), preds, limit); err != nil {
		s.apiError(w, r, err)
		return
	}
	if claims == nil {
		claims = []muster.Claim{}
	}
	s.writeJSON(w, map[string]any{"claims": claims})
}

func hasPred(ps []muster.Predicate, p muster.Predicate) bool {
	for _, q := range ps {
		if p == q {
			return true
		}
	}
	return false
}

func (s *Server) apiContradictions(w http.ResponseWriter, r *http.Request) {
	claims, err := s.store.AllClaims(r.Context(), nil, 0)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	events, err := s.store.EventsOf(r.Context(), "")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	cs := query.ContradictionsAcross(claims, events)
	if cs == nil {
		cs = []muster.Contradiction{}
	}
	s.writeJSON(w, map[string]any{"contradictions": cs})
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	evs, err := s.events(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, map[string]any{"events": evs})
}

// events returns the events of the entity named by the participant
// parameter, or every event.
func (s *Server) events(r *http.Request) ([]muster.Event, error) {
	who, err := param(r, "participant", false)
	if err != nil {
		return nil, err
	}
	id := ""
	if who != "" {
		ents, err := s.store.FindEntities(r.Context(), who)
		if err != nil {
			return nil, err
		}
		if len(ents) == 0 {
			return nil, muster.Errorf(muster.KindNotFound, "no entity named %q", who)
		}
		id = ents[0].ID
	}
	evs, err := s.store.EventsOf(r.Context(), id)
	if evs == nil && err == nil {
		evs = []muster.Event{}
	}
	return evs, err
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q, err := param(r, "q", true)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	limit, err := intParam(r, "limit", 20, 200)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	hits, err := s.store.Search(r.Context(), q, limit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if hits == nil {
		hits = []Hit{}
	}
	s.writeJSON(w, map[string]any{"hits": hits})
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	d, err := s.store.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ms, err := s.store.Mentions(r.Context(), d.ID)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if ms == nil {
		ms = []muster.Mention{}
	}
	s.writeJSON(w, map[string]any{"document": d, "mentions": ms})
}
