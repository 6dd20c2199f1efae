package web

import (
	"html/template"
	"net/http"
	"net/url"

	"github.com/muster-osint/muster"
)

// Search result pages: entities and articles, with counts and facets.
const (
	maxSearchHits  = 500 // articles read for one query: counts and facets cover these
	hitsPerPage    = 20
	maxSearchNames = 100
)

// hitView is an article found, with its title (first words when it has
// none), the countries its events are in and its highlighted snippet.
type hitView struct {
	Doc       muster.DocumentRef
	Name      string
	Snippet   template.HTML
	Countries []string
	Month     string
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) {
	q, err := param(r, "q", true)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var fType, fCountry, fMonth string
	for _, p := range []struct {
		name string
		v    *string
	}{{"type", &fType}, {"country", &fCountry}, {"month", &fMonth}} {
		if *p.v, err = param(r, p.name, false); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	snap, err := s.snaps.get(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ents, err := s.store.FindEntities(r.Context(), q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if len(ents) > maxSearchNames {
		ents = ents[:maxSearchNames]
	}
	hits, err := s.store.SearchRefs(r.Context(), q, maxSearchHits)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	// Countries of each document: those of the places of its events.
	docCountries := map[string][]string{}
	for _, ev := range snap.events {
		for _, p := range ev.Places {
			if pl := snap.places[p.ID].Place; pl != nil && pl.Country != "" {
				for _, e := range ev.Evidence {
					docCountries[e.Document] = appendNew(docCountries[e.Document], pl.Country)
				}
			}
		}
	}
	types, countries, months := map[string]int{}, map[string]int{}, map[string]int{}
	var shownEnts []muster.Entity
	for _, e := range ents {
		types[string(e.Type)]++
		if fType == "" || string(e.Type) == fType {
			shownEnts = append(shownEnts, e)
		}
	}
	var all []hitView
	for _, d := range hits {
		hv := hitView{Doc: d, Name: snap.title(d), Countries: docCountries[d.ID]}
		if !d.Published.IsZero() {
			hv.Month = d.Published.Format("2006-01")
		}
		all = append(all, hv)
	}
	types["article"] = len(all)
	var shown []hitView
	for _, h := range all {
		if fMonth != "" && h.Month != fMonth || fCountry != "" && !contains(h.Countries, fCountry) {
			continue
		}
		shown = append(shown, h)
	}
	for _, h := range all {
		if fMonth == "" || h.Month == fMonth {
			for _, c := range h.Countries {
				countries[c]++
			}
		}
		if fCountry == "" || contains(h.Countries, fCountry) {
			if h.Month != "" {
				months[h.Month]++
			}
		}
	}
	if fType != "" && fType != "article" {
		shown = nil
	}
	if fType == "article" {
		shownEnts = nil
	}
	base := url.Values{"q": {q}}
	for k, v := range map[string]string{"type": fType, "country": fCountry, "month": fMonth} {
		if v != "" {
			base.Set(k, v)
		}
	}
	pg, err := paginate(r, len(shown), hitsPerPage, base.Encode())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	with := func(k, v string) string {
		b := url.Values{}
		for key, vals := range base {
			b[key] = vals
		}
		if v == "" {
			b.Del(k)
		} else {
			b.Set(k, v)
		}
		return "/search?" + b.Encode()
	}
	type facetLink struct {
		Label, Link string
		N           int
		On          bool
	}
	links := func(name string, m map[string]int, cur string) []facetLink {
		var out []facetLink
		for _, f := range ranked(m, 30) {
			out = append(out, facetLink{Label: f.Label, Link: with(name, f.Value), N: f.N, On: f.Value == cur})
		}
		if cur != "" {
			out = append(out, facetLink{Label: "any", Link: with(name, "")})
		}
		return out
	}
	// Snippets for the page's hits only, cut from their texts here.
	words := searchWords(q)
	page := shown[pg.From:pg.To]
	for i := range page {
		d, err := s.store.Document(r.Context(), page[i].Doc.ID)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		page[i].Snippet = snippet(d.Text, words)
	}
	s.render(w, r, "search.html", map[string]any{"Title": q, "Q": q, "Entities": shownEnts, "Hits": page, "Page": pg,
		"Capped": len(hits) >= maxSearchHits, "ArticleCount": len(shown), "EntityCount": len(shownEnts),
		"Types": links("type", types, fType), "Countries": links("country", countries, fCountry), "Months": links("month", months, fMonth)})
}
