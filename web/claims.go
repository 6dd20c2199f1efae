package web

import (
	"net/http"
	"net/url"

	"github.com/muster-osint/muster"
)

// claimsPerPage is the claims page's page size.
const claimsPerPage = 50

// pageClaims lists an entity's claims on one predicate (or, with
// about=others, the claims about others that name it), a page at a time:
// where a profile's section sends the reader when it has more than it
// shows.
func (s *Server) pageClaims(w http.ResponseWriter, r *http.Request) {
	id, err := param(r, "subject", true)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pv, err := param(r, "predicate", false)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	preds, err := predicates(pv)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	others := r.URL.Query().Get("about") == "others"
	e, err := s.store.Entity(r.Context(), id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	all, err := s.store.ClaimsAbout(r.Context(), []string{e.ID})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var claims []muster.Claim
	for _, c := range all {
		if others != (c.Subject.ID != e.ID) || len(preds) > 0 && !hasPred(preds, c.Predicate) {
			continue
		}
		claims = append(claims, c)
	}
	base := url.Values{"subject": {e.ID}}
	if pv != "" {
		base.Set("predicate", pv)
	}
	if others {
		base.Set("about", "others")
	}
	pg, err := paginate(r, len(claims), claimsPerPage, base.Encode())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	what := "Claims about " + e.Name
	if others {
		what = "Claims about others that name " + e.Name
	}
	s.render(w, r, "claims.html", map[string]any{"Title": what, "What": what, "E": e, "Pred": pv, "Claims": claims[pg.From:pg.To],
		"Page": pg, "Count": len(claims)})
}
