package web

import (
	"bytes"
	"net/http"
	"sort"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/export"
	"github.com/muster-osint/muster/query"
)

// maxExportEvents bounds the events one export from the UI writes; a
// bigger set is refused with a hint to narrow the filter (the command
// line exports everything).
const maxExportEvents = 20000

// bundle is what a STIX or FollowTheMoney export writes.
type bundle struct {
	docs     []muster.Document
	entities []muster.Entity
	events   []muster.Event
	claims   []muster.Claim
}

// exportSet returns the events of the request's filter, or, with an entity
// parameter, the entity's profile: the same writers as `muster export`.
func (s *Server) exportSet(r *http.Request) (*bundle, string, error) {
	snap, err := s.snaps.get(r.Context())
	if err != nil {
		return nil, "", err
	}
	id, err := param(r, "entity", false)
	if err != nil {
		return nil, "", err
	}
	var b bundle
	var docIDs []string
	name := "muster-events"
	if id != "" {
		p, err := query.GetProfileByID(r.Context(), s.store, id)
		if err != nil {
			return nil, "", err
		}
		name = "muster-" + strings.TrimPrefix(p.Entity.ID, "e_")
		b.events, b.claims = p.Events, p.Claims
		for _, d := range p.Documents {
			docIDs = append(docIDs, d.ID)
		}
	} else {
		f, err := s.parseFilter(r)
		if err != nil {
			return nil, "", err
		}
		b.events = snap.filtered(f)
	}
	if len(b.events) > maxExportEvents {
		return nil, "", muster.Errorf(muster.KindInvalid, "export: %d events is over the %d an export from the web may write; narrow the filter or use `muster export`", len(b.events), maxExportEvents)
	}
	seenClaim := map[string]bool{}
	for _, c := range b.claims {
		seenClaim[c.ID] = true
	}
	var entIDs []string
	if id != "" {
		entIDs = append(entIDs, id)
	}
	for _, ev := range b.events {
		for _, c := range ev.Claims {
			if !seenClaim[c.ID] {
				seenClaim[c.ID] = true
				b.claims = append(b.claims, c)
			}
		}
		for _, p := range ev.Participants {
			entIDs = append(entIDs, p.Entity.ID)
		}
		for _, p := range ev.Places {
			entIDs = append(entIDs, p.ID)
		}
		for _, e := range ev.Evidence {
			docIDs = append(docIDs, e.Document)
		}
	}
	for _, c := range b.claims {
		entIDs = append(entIDs, c.Subject.ID)
		if c.Object.Entity != nil {
			entIDs = append(entIDs, c.Object.Entity.ID)
		}
		for _, e := range c.Evidence {
			docIDs = append(docIDs, e.Document)
		}
	}
	var ids []string
	for _, x := range uniqueStrings(entIDs) {
		if strings.HasPrefix(x, "e_") {
			ids = append(ids, x)
		}
	}
	if b.entities, err = s.store.EntitiesByID(r.Context(), ids); err != nil {
		return nil, "", err
	}
	sort.Slice(b.entities, func(i, j int) bool { return b.entities[i].ID < b.entities[j].ID })
	refs, err := s.store.Documents(r.Context(), uniqueStrings(docIDs))
	if err != nil {
		return nil, "", err
	}
	for _, d := range refs {
		b.docs = append(b.docs, muster.Document{ID: d.ID, Title: d.Title, Publisher: d.Publisher, Published: d.Published, URL: d.URL})
	}
	return &b, name, nil
}

// download writes an export as an attachment, rendered in full first so
// that an error is an error response and not half a file.
func (s *Server) download(w http.ResponseWriter, r *http.Request, ctype, filename string, write func(*bytes.Buffer) error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+filename+`"`)
	_, _ = buf.WriteTo(w)
}

func (s *Server) exportCSV(w http.ResponseWriter, r *http.Request) {
	b, name, err := s.exportSet(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	places := map[string]muster.Place{}
	for _, e := range b.entities {
		if e.Place != nil {
			places[e.ID] = *e.Place
		}
	}
	s.download(w, r, "text/csv; charset=utf-8", name+".csv", func(buf *bytes.Buffer) error {
		return export.EventsCSV(buf, b.events, places)
	})
}

func (s *Server) exportSTIX(w http.ResponseWriter, r *http.Request) {
	b, name, err := s.exportSet(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.download(w, r, "application/stix+json; charset=utf-8", name+".stix.json", func(buf *bytes.Buffer) error {
		return export.STIX(buf, b.docs, b.entities, b.events, b.claims)
	})
}

func (s *Server) exportFtM(w http.ResponseWriter, r *http.Request) {
	b, name, err := s.exportSet(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.download(w, r, "application/x-ndjson; charset=utf-8", name+".ftm.jsonl", func(buf *bytes.Buffer) error {
		return export.FtM(buf, b.entities, b.events, b.claims)
	})
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) {
	p, err := query.GetProfileByID(r.Context(), s.store, r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	s.writeJSON(w, p)
}
