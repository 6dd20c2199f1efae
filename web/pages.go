package web

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
)

// funcs are the template functions that need the server: a document's
// title (its first words when untitled) and links to entities by id.
func (s *Server) funcs() template.FuncMap {
	return template.FuncMap{
		"title": func(d muster.DocumentRef) string { return s.snaps.cur.Load().title(d) },
		"entlink": func(r muster.Ref) string {
			if strings.HasPrefix(r.ID, "e_") {
				return "/entity/" + url.PathEscape(r.ID)
			}
			if strings.HasPrefix(r.ID, "v_") {
				return "/events/" + url.PathEscape(r.ID)
			}
			return "/search?q=" + url.QueryEscape(r.Name)
		},
	}
}

var funcs = template.FuncMap{
	"pred": func(p muster.Predicate) string { return strings.ReplaceAll(string(p), "_", " ") },
	"kind": func(s string) string { return strings.ReplaceAll(s, "_", " ") },
	"date": func(d muster.DocumentRef) string {
		if d.Published.IsZero() {
			return ""
		}
		return d.Published.Format("2006-01-02")
	},
	"object": func(c muster.Claim) string {
		switch c.Object.Kind {
		case muster.ValueNumber, muster.ValueDate:
			return c.Object.String() + " (“" + c.Object.Text + "”)"
		}
		return c.Object.String()
	},
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			k, _ := kv[i].(string)
			m[k] = kv[i+1]
		}
		return m
	},
	"add": func(a, b float64) float64 { return a + b },
	"inc": func(n int) int { return n + 1 },
	"evlink": func(e muster.Evidence) string {
		return "/documents/" + e.Document + "?at=" + strconv.Itoa(e.Start) + "-" + strconv.Itoa(e.End) + "#at"
	},
}

// render executes a page template into a buffer first, so that a failure
// is an error page and not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, data map[string]any) {
	var b bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&b, name, data); err != nil {
		s.pageError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = b.WriteTo(w)
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	code := status(err)
	if code == http.StatusInternalServerError {
		s.logger.Error("web: page failed", "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	_ = s.tmpl.ExecuteTemplate(w, "error.html", map[string]any{"Title": http.StatusText(code), "Message": message(err)})
}

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) {
	snap, err := s.snaps.get(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, "home.html", map[string]any{"Title": "muster", "Groups": snap.groups, "People": snap.people,
		"Events": len(snap.events), "Contradictions": len(snap.contradictions)})
}

// section is a profile's claims on one predicate, with the number of
// distinct sources that state them.
type section struct {
	Predicate muster.Predicate
	Claims    []muster.Claim // the first maxSectionClaims
	N         int            // claims in all
	Sources   int
}

// profile returns the profile the request names: by id (the path's {id}
// or the id parameter), else by name, a search that takes the best match.
func (s *Server) profile(r *http.Request) (*query.Profile, error) {
	id := r.PathValue("id")
	if id == "" {
		v, err := param(r, "id", false)
		if err != nil {
			return nil, err
		}
		id = v
	}
	if id != "" {
		return query.GetProfileByID(r.Context(), s.store, id)
	}
	name, err := param(r, "name", true)
	if err != nil {
		return nil, err
	}
	return query.GetProfile(r.Context(), s.store, name)
}

// pageEntityByName treats a name as a search: one entity of that name
// opens its page, several are listed to choose from.
func (s *Server) pageEntityByName(w http.ResponseWriter, r *http.Request) {
	if id, err := param(r, "id", false); err == nil && id != "" {
		http.Redirect(w, r, "/entity/"+url.PathEscape(id), http.StatusSeeOther)
		return
	}
	name, err := param(r, "name", true)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ents, err := s.store.FindEntities(r.Context(), name)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if len(ents) == 0 {
		s.pageError(w, r, muster.Errorf(muster.KindNotFound, "no entity named %q", name))
		return
	}
	key := muster.NameKey(name)
	var exact []muster.Entity
	for _, e := range ents {
		if muster.NameKey(e.Name) == key {
			exact = append(exact, e)
		}
	}
	if len(exact) == 1 || len(ents) == 1 {
		pick := ents[0]
		if len(exact) == 1 {
			pick = exact[0]
		}
		http.Redirect(w, r, "/entity/"+url.PathEscape(pick.ID), http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/search?q="+url.QueryEscape(name), http.StatusSeeOther)
}

// webProfile is the profile the entity page shows: its claims from the
// store, its events from the snapshot (no per-request read of every
// event), and no contradictions computed here (the page takes them from
// the snapshot).
func (s *Server) webProfile(r *http.Request, snap *snapshot) (*query.Profile, error) {
	ctx := r.Context()
	e, err := s.store.Entity(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	p := &query.Profile{Entity: *e, Contradictions: []muster.Contradiction{}}
	if p.Claims, err = s.store.ClaimsAbout(ctx, []string{e.ID}); err != nil {
		return nil, err
	}
	p.Events = snap.filtered(filter{Participant: e.ID})
	docs := map[string]bool{}
	for _, c := range p.Claims {
		for _, x := range c.Evidence {
			docs[x.Document] = true
		}
	}
	for _, ev := range p.Events {
		for _, x := range ev.Evidence {
			docs[x.Document] = true
		}
	}
	ids := make([]string, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if p.Documents, err = s.store.Documents(ctx, ids); err != nil {
		return nil, err
	}
	return p, nil
}

// Caps on what one entity page lists; the rest is a link away.
const (
	maxSectionClaims = 20
	maxProfileDocs   = 50
	maxProfileContra = 10
)

func (s *Server) pageEntity(w http.ResponseWriter, r *http.Request) {
	snap, err := s.snaps.get(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p, err := s.webProfile(r, snap)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var secs []section
	idx := map[muster.Predicate]int{}
	srcs := map[muster.Predicate]map[string]bool{}
	var others []muster.Claim
	for _, c := range p.Claims {
		if c.Subject.ID != p.Entity.ID {
			others = append(others, c)
			continue
		}
		i, ok := idx[c.Predicate]
		if !ok {
			i = len(secs)
			idx[c.Predicate] = i
			secs = append(secs, section{Predicate: c.Predicate})
			srcs[c.Predicate] = map[string]bool{}
		}
		secs[i].Claims = append(secs[i].Claims, c)
		srcs[c.Predicate][muster.NameKey(c.AttributedTo.Name)] = true
	}
	for i := range secs {
		secs[i].Sources = len(srcs[secs[i].Predicate])
		secs[i].N = len(secs[i].Claims)
		if len(secs[i].Claims) > maxSectionClaims {
			secs[i].Claims = secs[i].Claims[:maxSectionClaims]
		}
	}
	moreOthers := max(0, len(others)-maxSectionClaims)
	others = others[:min(len(others), maxSectionClaims)]
	// Namesakes: the other entities called by this one's name.
	var namesakes []muster.Entity
	if same, err := s.store.FindEntities(r.Context(), p.Entity.Name); err == nil {
		key := muster.NameKey(p.Entity.Name)
		for _, e := range same {
			if e.ID != p.Entity.ID && muster.NameKey(e.Name) == key {
				namesakes = append(namesakes, e)
			}
		}
	}
	// The disagreements about it, each once, in the contradictions page's
	// form: those on a claim about it or about one of its events.
	mine := map[string]bool{p.Entity.ID: true}
	for _, ev := range p.Events {
		mine[ev.ID] = true
	}
	var contras []contraView
	nContras := 0
	for _, c := range snap.contradictions {
		if snap.touches(c, mine) {
			nContras++
			if len(contras) < maxProfileContra {
				contras = append(contras, snap.contraView(c))
			}
		}
	}
	events := p.Events
	if len(events) > maxProfileEvents {
		events = events[len(events)-maxProfileEvents:]
	}
	var evs []eventView
	for _, ev := range events {
		evs = append(evs, s.viewEvent(snap, ev))
	}
	var place *placeView
	if p.Entity.Place != nil {
		pv := snap.placeView(p.Entity.Ref())
		if pv.Ref.ID != "" && !pv.Geocoded {
			pv.Country, pv.Admin1, pv.Lat, pv.Lon, pv.Geocoded = p.Entity.Place.Country, p.Entity.Place.Admin1, p.Entity.Place.Lat, p.Entity.Place.Lon, true
		}
		place = &pv
	}
	f := filter{Participant: p.Entity.ID}
	s.render(w, r, "entity.html", map[string]any{"Title": p.Entity.Name, "P": p, "Sum": query.Summarize(p), "Sections": secs,
		"Others": others, "Namesakes": namesakes, "Contras": contras, "Events": evs, "MoreEvents": len(p.Events) - len(events),
		"Strip": strip(p), "Place": place, "F": f, "NContras": nContras, "MoreOthers": moreOthers,
		"Docs": p.Documents[:min(len(p.Documents), maxProfileDocs)], "MoreDocs": max(0, len(p.Documents)-maxProfileDocs)})
}

// maxProfileEvents bounds the event cards on a profile; the rest are on
// the timeline, filtered to the entity.
const maxProfileEvents = 30

func (s *Server) pageAsk(w http.ResponseWriter, r *http.Request) {
	q, err := param(r, "q", true)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a, err := query.Ask(r.Context(), s.store, q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, "ask.html", map[string]any{"Title": q, "A": a})
}

// run is a stretch of a document's text, marked when evidence or a
// mention covers it.
type run struct {
	Text  string
	Class string // "", "evidence", "mention", "at"
	Title string
	ID    string
}

func (s *Server) pageDocument(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := s.store.Document(ctx, r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	claims, err := s.store.DocumentClaims(ctx, d.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ms, err := s.store.Mentions(ctx, d.ID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var at *muster.Span
	if v := r.URL.Query().Get("at"); v != "" {
		a, b, ok := strings.Cut(v, "-")
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		if !ok || err1 != nil || err2 != nil || x < 0 || y < x {
			s.pageError(w, r, muster.Errorf(muster.KindInvalid, "parameter at: %q is not START-END", v))
			return
		}
		at = &muster.Span{Start: x, End: y}
	}
	runs := highlight(d.Text, claims, ms, at)
	s.snaps.get(ctx) // names untitled documents in lists
	s.render(w, r, "document.html", map[string]any{"Title": s.snaps.cur.Load().title(d.Ref()), "D": d, "Ref": d.Ref(), "Runs": runs, "Claims": claims})
}

// highlight cuts text into runs at every boundary of the claims' evidence,
// the mentions and the requested span (all in code points), and marks each
// run with the most specific thing covering it.
func highlight(text string, claims []muster.Claim, ms []muster.Mention, at *muster.Span) []run {
	type mark struct {
		s     muster.Span
		class string
		title string
	}
	var marks []mark
	for _, m := range ms {
		marks = append(marks, mark{muster.Span{Start: m.Start, End: m.End}, "mention", string(m.Type)})
	}
	for _, c := range claims {
		for _, e := range c.Evidence[:min(1, len(c.Evidence))] {
			marks = append(marks, mark{muster.Span{Start: e.Start, End: e.End}, "evidence",
				c.Subject.Name + " " + string(c.Predicate) + " " + c.Object.String() + " — " + string(c.Modality) + ", per " + c.AttributedTo.Name})
		}
	}
	if at != nil {
		marks = append(marks, mark{*at, "at", "the evidence you followed"})
	}
	// Spans come from the store and the request: drop any that do not fit
	// the text rather than trust them.
	n := utf8.RuneCountInString(text)
	valid := marks[:0]
	for _, m := range marks {
		if m.s.Start >= 0 && m.s.Start < m.s.End && m.s.End <= n {
			valid = append(valid, m)
		}
	}
	marks = valid
	cuts := map[int]bool{0: true}
	for _, m := range marks {
		cuts[m.s.Start], cuts[m.s.End] = true, true
	}
	var points []int
	for p := range cuts {
		points = append(points, p)
	}
	sort.Ints(points)
	// Code-point offsets to byte offsets, once.
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	toByte := func(cp int) int {
		if cp >= len(byteAt) {
			return len(text)
		}
		return byteAt[cp]
	}
	var out []run
	for i, p := range points {
		end := len(byteAt) - 1
		if i+1 < len(points) {
			end = points[i+1]
		}
		if p >= end || p >= len(byteAt)-1 {
			continue
		}
		rn := run{Text: text[toByte(p):toByte(end)]}
		rank := map[string]int{"": 0, "mention": 1, "evidence": 2, "at": 3}
		for _, m := range marks {
			if m.s.Start <= p && end <= m.s.End && rank[m.class] > rank[rn.Class] {
				rn.Class, rn.Title = m.class, m.title
			}
		}
		if rn.Class == "at" && (len(out) == 0 || out[len(out)-1].Class != "at") {
			rn.ID = "at"
		}
		out = append(out, rn)
	}
	return out
}
