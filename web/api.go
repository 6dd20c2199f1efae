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
	limit, offset, err := limitOffset(r, 100, 1000)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if offset > maxClaimOffset {
		s.apiError(w, r, muster.Errorf(muster.KindInvalid, "parameter offset: %d is past %d; filter by subject or predicate", offset, maxClaimOffset))
		return
	}
	var claims []muster.Claim
	if subject != "" {
		id, _, err := s.entityRef(r.Context(), subject)
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		all, err := s.store.ClaimsAbout(r.Context(), []string{id})
		if err != nil {
			s.apiError(w, r, err)
			return
		}
		for _, c := range all {
			if len(preds) == 0 || hasPred(preds, c.Predicate) {
				claims = append(claims, c)
			}
		}
	} else if claims, err = s.store.AllClaims(r.Context(), preds, offset+limit); err != nil {
		s.apiError(w, r, err)
		return
	}
	a, b := window(len(claims), limit, offset)
	claims = claims[a:b]
	if claims == nil {
		claims = []muster.Claim{}
	}
	s.writeJSON(w, map[string]any{"claims": claims, "limit": limit, "offset": offset})
}

// maxClaimOffset bounds how deep the claims listing pages without a
// filter: each page reads the claims before it.
const maxClaimOffset = 50000

func hasPred(ps []muster.Predicate, p muster.Predicate) bool {
	for _, q := range ps {
		if p == q {
			return true
		}
	}
	return false
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	limit, offset, err := limitOffset(r, 50, 500)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	f, err := s.parseFilter(r)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	snap, err := s.snaps.get(r.Context())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	evs := snap.filtered(f)
	a, b := window(len(evs), limit, offset)
	out := evs[a:b]
	if out == nil {
		out = []muster.Event{}
	}
	s.writeJSON(w, map[string]any{"events": out, "total": len(evs), "limit": limit, "offset": offset})
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	q, err := param(r, "q", true)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	limit, offset, err := limitOffset(r, 20, 200)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if offset+limit > maxSearchHits {
		s.apiError(w, r, muster.Errorf(muster.KindInvalid, "parameter offset: results stop at %d; narrow the search", maxSearchHits))
		return
	}
	hits, err := s.store.Search(r.Context(), q, offset+limit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	a, b := window(len(hits), limit, offset)
	hits = hits[a:b]
	if hits == nil {
		hits = []Hit{}
	}
	s.writeJSON(w, map[string]any{"hits": hits, "limit": limit, "offset": offset})
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
