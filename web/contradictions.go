package web

import (
	"bytes"
	"encoding/json"
	"hash/fnv"
	"net/http"
	"strconv"
	"strings"

	"github.com/muster-osint/muster"
)

// contradictionsPerPage is the contradictions page's page size.
const contradictionsPerPage = 30

// contraView is one disagreement laid out for reading: the rival values
// side by side, each with the claims that give it.
type contraView struct {
	ID        string // a stable anchor: subject and predicate and the claims
	Subject   muster.Ref
	Predicate muster.Predicate
	Side      string // "civilians" or "" — whom casualty figures count
	Rivals    []rival
}

// rival is one value sources give, with every claim that gives it.
type rival struct {
	Value  string
	Words  string // the words of the first source that gives it
	Claims []rivalClaim
	More   int // claims giving it beyond the maxRivalClaims shown
	N      int // claims giving it in all
}

// maxRivalClaims bounds the claims shown under one rival value; the rest
// are counted.
const maxRivalClaims = 5

// rivalClaim is a claim as a rival value shows it: its source, modality,
// document date, the outlet's verification note and the quote's link.
type rivalClaim struct {
	C        muster.Claim
	Doc      muster.DocumentRef
	DocName  string
	Date     string
	Note     string
	Link     string
	Quote    string
	Modality string
}

// contraView groups a contradiction's claims by the value they give, so a
// pair repeated by many documents is shown once, with all its sources.
func (snap *snapshot) contraView(c muster.Contradiction) contraView {
	v := contraView{Subject: c.Subject, Predicate: c.Predicate}
	h := fnv.New64a()
	h.Write([]byte(c.Subject.ID + "|" + c.Subject.Name + "|" + string(c.Predicate)))
	idx := map[string]int{}
	for _, cl := range c.Claims {
		h.Write([]byte("|" + cl.ID))
		if cl.Role != "" && v.Side == "" {
			v.Side = cl.Role
		}
		val := cl.Object.String()
		i, ok := idx[val]
		if !ok {
			i = len(v.Rivals)
			idx[val] = i
			v.Rivals = append(v.Rivals, rival{Value: val, Words: cl.Object.Text})
		}
		v.Rivals[i].N++
		if len(v.Rivals[i].Claims) >= maxRivalClaims {
			v.Rivals[i].More++
			continue
		}
		rc := rivalClaim{C: cl, Modality: string(cl.Modality)}
		if len(cl.Evidence) > 0 {
			e := cl.Evidence[0]
			rc.Doc = snap.docs[e.Document]
			if rc.Doc.ID == "" {
				rc.Doc.ID = e.Document
			}
			rc.DocName = snap.title(rc.Doc)
			rc.Link, rc.Quote = evidenceLink(e), e.Quote
			if !rc.Doc.Published.IsZero() {
				rc.Date = rc.Doc.Published.Format("2006-01-02")
			}
		}
		rc.Note = verificationNote(cl, rc.Doc)
		if note := snap.notes[cl.ID]; note != "" {
			rc.Note = "“" + note + "”"
			if p := rc.Doc.Publisher; p != "" {
				rc.Note = p + ": " + rc.Note
			}
		}
		v.Rivals[i].Claims = append(v.Rivals[i].Claims, rc)
	}
	v.ID = "k" + strconv.FormatUint(h.Sum64()&0xffffffffff, 36)
	return v
}

// verificationNote says how the outlet holds a claim, in words: whether
// it could verify it, and whose word it is.
func verificationNote(c muster.Claim, d muster.DocumentRef) string {
	outlet := d.Publisher
	if outlet == "" {
		outlet = "the outlet"
	}
	switch c.Modality {
	case muster.Unverified:
		return outlet + " says it could not verify this"
	case muster.Claimed:
		return "a claim by an interested party; " + outlet + " reports it"
	case muster.Hedged:
		return outlet + " hedges it (may, reportedly, allegedly)"
	case muster.Estimated:
		return "an estimate"
	case muster.Asserted:
		return outlet + " states it in its own voice"
	case muster.Reported:
		return outlet + " reports it on this source's word"
	}
	return ""
}

// contraGroup is the disagreements about one subject.
type contraGroup struct {
	Subject muster.Ref
	Items   []contraView
}

func (s *Server) contradictionsFor(r *http.Request) (*snapshot, []muster.Contradiction, string, error) {
	snap, err := s.snaps.get(r.Context())
	if err != nil {
		return nil, nil, "", err
	}
	subject, err := param(r, "subject", false)
	if err != nil {
		return nil, nil, "", err
	}
	about, err := param(r, "about", false)
	if err != nil {
		return nil, nil, "", err
	}
	var mine map[string]bool // with about: the entity and its events
	if about != "" {
		mine = snap.about(about)
	}
	pv, err := param(r, "predicate", false)
	if err != nil {
		return nil, nil, "", err
	}
	preds, err := predicates(pv)
	if err != nil {
		return nil, nil, "", err
	}
	q := strings.ToLower(subject)
	var out []muster.Contradiction
	for _, c := range snap.contradictions {
		if len(preds) > 0 && !hasPred(preds, c.Predicate) {
			continue
		}
		if q != "" && c.Subject.ID != subject && !strings.Contains(strings.ToLower(c.Subject.Name), q) {
			continue
		}
		if mine != nil && !snap.touches(c, mine) {
			continue
		}
		out = append(out, c)
	}
	base := "" // the query string of the filter, for page links
	if subject != "" || pv != "" || about != "" {
		v := r.URL.Query()
		v.Del("page")
		base = v.Encode()
	}
	return snap, out, base, nil
}

func (s *Server) pageContradictions(w http.ResponseWriter, r *http.Request) {
	snap, cs, base, err := s.contradictionsFor(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	pg, err := paginate(r, len(cs), contradictionsPerPage, base)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	var groups []contraGroup
	for _, c := range cs[pg.From:pg.To] {
		if len(groups) == 0 || groups[len(groups)-1].Subject != c.Subject {
			groups = append(groups, contraGroup{Subject: c.Subject})
		}
		g := &groups[len(groups)-1]
		g.Items = append(g.Items, snap.contraView(c))
	}
	preds := map[string]int{}
	for _, c := range snap.contradictions {
		preds[string(c.Predicate)]++
	}
	subject, _ := param(r, "subject", false)
	pred, _ := param(r, "predicate", false)
	s.render(w, r, "contradictions.html", map[string]any{"Title": "Where sources disagree", "Groups": groups, "Page": pg,
		"Count": len(cs), "All": len(snap.contradictions), "Preds": ranked(preds, 0), "Subject": subject, "Pred": pred})
}

func (s *Server) apiContradictions(w http.ResponseWriter, r *http.Request) {
	// A disagreement carries every claim in it (dozens when many outlets
	// report one raid): pages are small.
	limit, offset, err := limitOffset(r, 20, 100)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out, total, err := s.contradictionsPage(r, limit, offset)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	if out == nil {
		out = []json.RawMessage{}
	}
	s.writeJSON(w, map[string]any{"contradictions": out, "total": total, "limit": limit, "offset": offset})
}

// contradictionsPage returns a page of the disagreements the request
// asks for, as JSON, and how many there are: from the store when it
// keeps them and the request needs no snapshot (about does), else from
// the snapshot.
func (s *Server) contradictionsPage(r *http.Request, limit, offset int) ([]json.RawMessage, int, error) {
	d, ok := s.store.(Derived)
	about, err := param(r, "about", false)
	if err != nil {
		return nil, 0, err
	}
	if !ok || about != "" {
		_, cs, _, err := s.contradictionsFor(r)
		if err != nil {
			return nil, 0, err
		}
		a, b := window(len(cs), limit, offset)
		out := make([]json.RawMessage, 0, b-a)
		for _, c := range cs[a:b] {
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false) // as writeJSON and the store write it
			if err := enc.Encode(c); err != nil {
				return nil, 0, err
			}
			out = append(out, bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		}
		return out, len(cs), nil
	}
	subject, err := param(r, "subject", false)
	if err != nil {
		return nil, 0, err
	}
	pv, err := param(r, "predicate", false)
	if err != nil {
		return nil, 0, err
	}
	preds, err := predicates(pv)
	if err != nil {
		return nil, 0, err
	}
	return d.StoredContradictions(r.Context(), subject, preds, limit, offset)
}

// about returns the ids of an entity and the events it takes part in or
// that happen at it.
func (snap *snapshot) about(id string) map[string]bool {
	mine := map[string]bool{id: true}
	for _, ev := range snap.filtered(filter{Participant: id}) {
		mine[ev.ID] = true
	}
	return mine
}

// touches reports whether a disagreement has a claim about one of ids.
func (snap *snapshot) touches(c muster.Contradiction, ids map[string]bool) bool {
	for _, cl := range c.Claims {
		if ids[snap.subjects[cl.ID]] {
			return true
		}
	}
	return false
}
