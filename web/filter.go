package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/muster-osint/muster"
)

// filter selects events on the timeline, the map and their exports. It
// lives in the URL, so that a view can be shared and the timeline and the
// map link to each other with the same filter.
type filter struct {
	Participant string // entity id
	PartName    string // its name, for display
	Type        string // event type
	Place       string // a country code ("UA"), an admin area ("Belgorod Oblast") or a place's entity id
	From, To    string // ISO dates, inclusive
	Source      string // a publisher or the source a claim is attributed to
	Modality    string // events with a claim of this modality
}

// parseFilter reads a filter from the request's query, checking each
// parameter; a participant given by name is looked up (names are search,
// ids are links).
func (s *Server) parseFilter(r *http.Request) (filter, error) {
	var f filter
	var err error
	get := func(name string) string {
		if err != nil {
			return ""
		}
		var v string
		v, err = param(r, name, false)
		return v
	}
	f.Participant, f.Type, f.Place = get("participant"), get("type"), get("place")
	f.From, f.To, f.Source, f.Modality = get("from"), get("to"), get("source"), get("modality")
	if err != nil {
		return f, err
	}
	if f.Type != "" && !muster.EventType(f.Type).Valid() {
		return f, muster.Errorf(muster.KindInvalid, "parameter type: unknown event type %q", f.Type)
	}
	if f.Modality != "" && !muster.Modality(f.Modality).Valid() {
		return f, muster.Errorf(muster.KindInvalid, "parameter modality: unknown modality %q", f.Modality)
	}
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", d.v); err != nil {
			return f, muster.Errorf(muster.KindInvalid, "parameter %s: %q is not a date YYYY-MM-DD", d.name, d.v)
		}
	}
	if f.Participant != "" {
		id, name, err := s.entityRef(r.Context(), f.Participant)
		if err != nil {
			return f, err
		}
		f.Participant, f.PartName = id, name
	}
	return f, nil
}

// entityRef resolves an entity given by id ("e_…") or, as a search, by name
// (the best match).
func (s *Server) entityRef(ctx context.Context, v string) (id, name string, err error) {
	if strings.HasPrefix(v, "e_") {
		e, err := s.store.Entity(ctx, v)
		if err != nil {
			return "", "", err
		}
		return e.ID, e.Name, nil
	}
	ents, err := s.store.FindEntities(ctx, v)
	if err != nil {
		return "", "", err
	}
	if len(ents) == 0 {
		return "", "", muster.Errorf(muster.KindNotFound, "no entity named %q", v)
	}
	return ents[0].ID, ents[0].Name, nil
}

// values returns the filter as URL query values (participant by id).
func (f filter) values() url.Values {
	v := url.Values{}
	for _, kv := range [][2]string{{"participant", f.Participant}, {"type", f.Type}, {"place", f.Place},
		{"from", f.From}, {"to", f.To}, {"source", f.Source}, {"modality", f.Modality}} {
		if kv[1] != "" {
			v.Set(kv[0], kv[1])
		}
	}
	return v
}

// Query is the filter as a query string, "" when empty.
func (f filter) Query() string { return f.values().Encode() }

// With returns the query string of the filter with one parameter set to a
// value ("" removes it), for links that change one thing.
func (f filter) With(name, value string) string {
	v := f.values()
	if value == "" {
		v.Del(name)
	} else {
		v.Set(name, value)
	}
	return v.Encode()
}

// Empty reports whether the filter selects everything.
func (f filter) Empty() bool { return f.Query() == "" }

// match reports whether ev passes the filter.
func (snap *snapshot) match(f filter, ev muster.Event) bool {
	if f.Type != "" && string(ev.Type) != f.Type {
		return false
	}
	if f.Participant != "" {
		ok := false
		for _, p := range ev.Participants {
			ok = ok || p.Entity.ID == f.Participant
		}
		for _, p := range ev.Places {
			ok = ok || p.ID == f.Participant
		}
		if !ok {
			return false
		}
	}
	if f.Place != "" {
		ok := false
		for _, p := range ev.Places {
			if p.ID == f.Place {
				ok = true
			}
			if pl := snap.places[p.ID].Place; pl != nil && (strings.EqualFold(pl.Country, f.Place) || strings.EqualFold(pl.Admin1, f.Place)) {
				ok = true
			}
		}
		if !ok {
			return false
		}
	}
	if f.From != "" || f.To != "" {
		if ev.Time == nil || ev.Time.From == "" {
			return false
		}
		to := ev.Time.To
		if to == "" {
			to = ev.Time.From
		}
		if f.From != "" && to < f.From || f.To != "" && ev.Time.From > f.To {
			return false
		}
	}
	if f.Source != "" {
		ok := false
		for _, s := range snap.eventSources(ev) {
			ok = ok || strings.EqualFold(s, f.Source)
		}
		if !ok {
			return false
		}
	}
	if f.Modality != "" {
		ok := false
		for _, c := range ev.Claims {
			ok = ok || string(c.Modality) == f.Modality
		}
		if !ok {
			return false
		}
	}
	return true
}

// filtered returns the events that pass f, in time order.
func (snap *snapshot) filtered(f filter) []muster.Event {
	var out []muster.Event
	for _, ev := range snap.events {
		if snap.match(f, ev) {
			out = append(out, ev)
		}
	}
	return out
}

// page is one page of a list: its bounds, the total and the links to the
// neighbours.
type page struct {
	N, Size, Total int
	From, To       int // 1-based, inclusive, for "21–40 of 145"
	Prev, Next     string
	Pages          int
}

// maxPage bounds the page number a request may ask for.
const maxPage = 100000

// paginate reads the page parameter and cuts total items into pages of
// size; base is the query string of the other parameters.
func paginate(r *http.Request, total, size int, base string) (page, error) {
	n := 1
	if v := r.URL.Query().Get("page"); v != "" {
		var err error
		n, err = strconv.Atoi(v)
		if err != nil || n < 1 || n > maxPage {
			return page{}, muster.Errorf(muster.KindInvalid, "parameter page: %q is not a page number (1 or more)", v)
		}
	}
	p := page{N: n, Size: size, Total: total, Pages: (total + size - 1) / size}
	p.From = min((n-1)*size, total)
	p.To = min(n*size, total)
	link := func(k int) string {
		v, _ := url.ParseQuery(base)
		if v == nil {
			v = url.Values{}
		}
		if k > 1 {
			v.Set("page", strconv.Itoa(k))
		}
		if q := v.Encode(); q != "" {
			return "?" + q
		}
		return "?"
	}
	if n > 1 {
		p.Prev = link(min(n-1, max(p.Pages, 1)))
	}
	if p.To < total {
		p.Next = link(n + 1)
	}
	return p, nil
}

// limitOffset reads the API's limit and offset: limit defaults to def and
// may not exceed max; limit=0 is refused rather than read as "everything"
// (issue 14).
func limitOffset(r *http.Request, def, max int) (limit, offset int, err error) {
	q := r.URL.Query()
	limit = def
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return 0, 0, muster.Errorf(muster.KindInvalid, "parameter limit: %q is not a count of 1 or more (at most %d)", v, max)
		}
		if n > max {
			return 0, 0, muster.Errorf(muster.KindInvalid, "parameter limit: %d is over the cap of %d; page with offset", n, max)
		}
		limit = n
	}
	if v := q.Get("offset"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return 0, 0, muster.Errorf(muster.KindInvalid, "parameter offset: %q is not a count", v)
		}
		offset = n
	}
	return limit, offset, nil
}

// window returns the part [offset, offset+limit) of n items.
func window(n, limit, offset int) (int, int) {
	return min(offset, n), min(offset+limit, n)
}
