package eval

// Claim scoring against hand-annotated gold (issue 10 item 5, DESIGN §7):
// every text of a gold set runs through an Analyzer (cmd/muster passes the
// pipeline ingest runs), and its claims are compared with the gold rows.
//
// Matching, stated once (the semantics the seed gold test has had since it
// was written, so that its figures carry over):
//
//   - Precision counts distinct predicted subject·predicate·object triples;
//     a triple is right when it matches at least one gold row. Recall counts
//     gold rows matched by at least one predicted claim.
//   - The predicate must be equal, or compatible by claim_families.tsv
//     (backed_by ~ ties_to ~ allied_with, part_of ~ ties_to, from the
//     news_armed_groups README).
//   - A subject or an entity object matches by muster.NameKey against the
//     entity's name or any of its aliases in the analysis.
//   - An event row ("PLACE YYYY-MM", "PLACE YYYY", "PLACE ?", "? YYYY-MM",
//     an optional "#2" suffix) matches a claim about an event whose time
//     starts with the key's date ("?": the event has no time) and whose
//     label contains the place, or one of whose places (Event.Places or its
//     occurred_at claims) is named the place ("?": any place).
//   - A text object matches when the predicted text contains the gold
//     words (after NameKey); a date when the predicted date starts with the
//     gold date; a number range when both bounds are equal.
//   - Source, modality and participant role are not compared: the gold
//     keeps them for a later, stricter score, and one predicted claim finds
//     every gold row that differs only in them.

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/muster-osint/muster"
)

// Families are the claim families of DESIGN §7, in report order.
var Families = []string{"events", "profile", "relations", "roles"}

//go:embed claim_families.tsv
var claimFamiliesTSV []byte

// claimTable is the parsed claim_families.tsv.
type claimTable struct {
	family     map[string]string          // predicate → family
	compatible map[string]map[string]bool // predicate → predicates it may stand for
}

var families = mustClaimTable(claimFamiliesTSV)

func mustClaimTable(b []byte) claimTable {
	t, err := parseClaimTable(b)
	if err != nil {
		panic(err) // the embedded file is checked by TestClaimFamilies
	}
	return t
}

func parseClaimTable(b []byte) (claimTable, error) {
	t := claimTable{family: map[string]string{}, compatible: map[string]map[string]bool{}}
	known := map[string]bool{}
	for _, f := range Families {
		known[f] = true
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		head, rest, ok := strings.Cut(s, "\t")
		words := strings.Fields(rest)
		switch {
		case !ok || len(words) == 0:
			return t, fmt.Errorf("claim_families.tsv line %d: want a family or \"compatible\", a tab and predicates", line)
		case head == "compatible":
			if len(words) != 2 {
				return t, fmt.Errorf("claim_families.tsv line %d: compatible takes two predicates", line)
			}
			for _, p := range [][2]string{{words[0], words[1]}, {words[1], words[0]}} {
				if t.compatible[p[0]] == nil {
					t.compatible[p[0]] = map[string]bool{}
				}
				t.compatible[p[0]][p[1]] = true
			}
		case known[head]:
			for _, p := range words {
				if f, dup := t.family[p]; dup {
					return t, fmt.Errorf("claim_families.tsv line %d: %s is already in %s", line, p, f)
				}
				t.family[p] = head
			}
		default:
			return t, fmt.Errorf("claim_families.tsv line %d: unknown family %q", line, head)
		}
	}
	return t, sc.Err()
}

// ClaimFamily returns the family a predicate is scored in, or "" for a
// predicate the table does not know.
func ClaimFamily(p string) string { return families.family[p] }

// GoldClaim is one hand-annotated claim in the seed-gold format
// (../shared/data/news_armed_groups/README.md): a subject entity (S) or an
// event key, a predicate, and one object — an entity (O), words of a text,
// a date prefix or a number range.
type GoldClaim struct {
	S        string   `json:"s"`
	Event    string   `json:"event"`
	P        string   `json:"p"`
	O        string   `json:"o"`
	Text     string   `json:"text"`
	Date     string   `json:"date"`
	Min      *float64 `json:"min"`
	Max      *float64 `json:"max"`
	Source   string   `json:"source"`
	Modality string   `json:"modality"`
	Role     string   `json:"role"`
	Sent     int      `json:"sent"`
}

// String names the row for a list of misses.
func (g GoldClaim) String() string {
	subj := g.S
	if g.Event != "" {
		subj = "[" + g.Event + "]"
	}
	obj := g.O + g.Text + g.Date
	if g.Min != nil || g.Max != nil {
		obj = bound(g.Min) + ".." + bound(g.Max)
	}
	s := fmt.Sprintf("sentence %d: %s %s %s", g.Sent, subj, g.P, obj)
	if g.Source != "" {
		s += " (source " + g.Source + ")"
	}
	return s
}

func bound(f *float64) string {
	if f == nil {
		return "?"
	}
	return fmt.Sprint(*f)
}

// GoldFile is one annotated document's gold.
type GoldFile struct {
	Published string      `json:"published"`
	Publisher string      `json:"publisher"`
	URL       string      `json:"url"`
	Claims    []GoldClaim `json:"claims"`
}

// ClaimDoc is one text with its gold claims.
type ClaimDoc struct {
	ID        string // file name without .txt
	Name      string // the text's path, for errors and for the analyzer
	Text      []byte
	Published time.Time
	Gold      GoldFile
}

// ParseGold reads one gold file; name is used in errors. Every row must
// name a known predicate, a subject or an event, and one object.
func ParseGold(b []byte, name string) (GoldFile, error) {
	var g GoldFile
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&g); err != nil {
		return g, fmt.Errorf("gold %s: %w", name, err)
	}
	for i, c := range g.Claims {
		switch {
		case ClaimFamily(c.P) == "":
			return g, fmt.Errorf("gold %s: claim %d: unknown predicate %q", name, i+1, c.P)
		case c.S == "" && c.Event == "":
			return g, fmt.Errorf("gold %s: claim %d: no subject or event", name, i+1)
		case c.O == "" && c.Text == "" && c.Date == "" && c.Min == nil && c.Max == nil:
			return g, fmt.Errorf("gold %s: claim %d: no object", name, i+1)
		}
	}
	return g, nil
}

// ReadClaimDoc reads a gold file and the text it annotates from fsys.
func ReadClaimDoc(fsys fs.FS, goldPath, textPath string) (ClaimDoc, error) {
	gb, err := fs.ReadFile(fsys, goldPath)
	if err != nil {
		return ClaimDoc{}, fmt.Errorf("gold: %w", err)
	}
	g, err := ParseGold(gb, goldPath)
	if err != nil {
		return ClaimDoc{}, err
	}
	text, err := fs.ReadFile(fsys, textPath)
	if err != nil {
		return ClaimDoc{}, fmt.Errorf("gold %s: text: %w", goldPath, err)
	}
	d := ClaimDoc{ID: strings.TrimSuffix(path.Base(textPath), ".txt"), Name: textPath, Text: text, Gold: g}
	if g.Published != "" {
		if d.Published, err = time.Parse("2006-01-02", g.Published); err != nil {
			return ClaimDoc{}, fmt.Errorf("gold %s: published: %w", goldPath, err)
		}
	}
	return d, nil
}

// ReadClaimDocs reads every ID.gold.json of the folder dir of fsys with
// its ID.txt, in name order.
func ReadClaimDocs(fsys fs.FS, dir string) ([]ClaimDoc, error) {
	ents, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("gold folder: %w", err)
	}
	var docs []ClaimDoc
	for _, e := range ents {
		id, ok := strings.CutSuffix(e.Name(), ".gold.json")
		if !ok || e.IsDir() {
			continue
		}
		d, err := ReadClaimDoc(fsys, path.Join(dir, e.Name()), path.Join(dir, id+".txt"))
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("gold folder %s: no *.gold.json files", dir)
	}
	return docs, nil
}

// Analyzer runs the extraction pipeline on one document: its file name,
// bytes, publication date and publisher. cmd/muster passes ingest and the
// pipeline, as `muster ingest` runs them.
type Analyzer func(ctx context.Context, name string, text []byte, published time.Time, publisher string) (*muster.Analysis, error)

// Count is a precision/recall tally.
type Count struct {
	TP    int // predicted triples that match a gold row
	Pred  int // predicted triples
	Found int // gold rows matched
	Gold  int // gold rows
}

// Precision is TP/Pred (0 when nothing was predicted).
func (c Count) Precision() float64 { return ratio(c.TP, c.Pred) }

// Recall is Found/Gold (0 when there is no gold).
func (c Count) Recall() float64 { return ratio(c.Found, c.Gold) }

// F1 is the harmonic mean of precision and recall.
func (c Count) F1() float64 { return fMeasure(c.Precision(), c.Recall()) }

// fMeasure is the harmonic mean of precision p and recall r, 0 when both
// are 0: every scorer in this package reports it.
func fMeasure(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *Count) add(o Count) {
	c.TP += o.TP
	c.Pred += o.Pred
	c.Found += o.Found
	c.Gold += o.Gold
}

// DocClaimScore is one document's score.
type DocClaimScore struct {
	ID      string
	Overall Count
	// Sourced counts only claims that also name who asserts them as the
	// gold row does (the outlet's own voice for a row without a source):
	// a claim right in substance but given to the wrong speaker counts
	// against it here (issue 11 item 3).
	Sourced  Count
	Families map[string]Count
	Extra    []string // predicted triples no gold row matches
	// WrongSource lists claims that match a gold row in substance but
	// not in who asserts them.
	WrongSource []string
	Missed      []string // gold rows no predicted claim matches
	// Entities scores the entities the gold names (issue 11 item 2).
	Entities DocEntityScore
}

// ClaimsReport is the score of a gold set.
type ClaimsReport struct {
	Docs     []DocClaimScore
	Overall  Count
	Sourced  Count // see DocClaimScore.Sourced
	Families map[string]Count
	// Entities tallies the gold entities per class (EntityClasses).
	Entities map[string]EntityCount
	Elapsed  time.Duration
}

// DocsPerSecond is the throughput of the run.
func (r *ClaimsReport) DocsPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(len(r.Docs)) / r.Elapsed.Seconds()
}

// ScoreClaims analyses every document and scores it against its gold.
func ScoreClaims(ctx context.Context, docs []ClaimDoc, analyze Analyzer) (*ClaimsReport, error) {
	rep := &ClaimsReport{Families: map[string]Count{}, Entities: map[string]EntityCount{}}
	start := time.Now()
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, err := analyze(ctx, d.Name, d.Text, d.Published, d.Gold.Publisher)
		if err != nil {
			return nil, fmt.Errorf("claims %s: %w", d.Name, err)
		}
		s := ScoreAnalysis(a, d.Gold.Claims)
		s.ID = d.ID
		s.Entities = ScoreEntities(a, d.Gold.Claims)
		for cl, c := range s.Entities.Classes {
			t := rep.Entities[cl]
			t.add(c)
			rep.Entities[cl] = t
		}
		rep.Docs = append(rep.Docs, s)
		rep.Overall.add(s.Overall)
		rep.Sourced.add(s.Sourced)
		for f, c := range s.Families {
			t := rep.Families[f]
			t.add(c)
			rep.Families[f] = t
		}
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// ScoreAnalysis scores one analysis against its gold rows.
func ScoreAnalysis(a *muster.Analysis, gold []GoldClaim) DocClaimScore {
	m := newClaimMatcher(a)
	// A gold event is matched by its month and any of its places (issue
	// 10 item 5): the place of its key and every place its occurred_at rows
	// name.
	for _, g := range gold {
		if g.Event == "" {
			continue
		}
		if m.goldPlaces[g.Event] == nil {
			place, _ := SplitEventKey(g.Event)
			m.goldPlaces[g.Event] = []string{place}
		}
		if g.P == string(muster.PredOccurredAt) && g.O != "" {
			m.goldPlaces[g.Event] = append(m.goldPlaces[g.Event], g.O)
		}
	}
	s := DocClaimScore{Families: map[string]Count{}}
	for _, f := range Families {
		s.Families[f] = Count{}
	}
	tally := func(fam string, f func(*Count)) {
		f(&s.Overall)
		if fam != "" {
			c := s.Families[fam]
			f(&c)
			s.Families[fam] = c
		}
	}
	seen := map[string]bool{}
	found := make([]bool, len(gold))
	foundSourced := make([]bool, len(gold))
	sourcedKey := map[string]bool{}
	for _, c := range a.Claims {
		skey := c.Subject.Name + "|" + string(c.Predicate) + "|" + c.Object.String() + "|" + c.Object.Text + "|" + c.AttributedTo.Name
		if !sourcedKey[skey] {
			sourcedKey[skey] = true
			s.Sourced.Pred++
			hitS := false
			for i, g := range gold {
				if m.matches(g, c) && m.sourceMatches(g.Source, c.AttributedTo) {
					foundSourced[i], hitS = true, true
				}
			}
			if hitS {
				s.Sourced.TP++
			} else {
				for _, g := range gold {
					if m.matches(g, c) {
						src := g.Source
						if src == "" {
							src = "the outlet"
						}
						s.WrongSource = append(s.WrongSource, fmt.Sprintf("%s %s %s: said by %s (%s), gold %s", c.Subject.Name, c.Predicate, c.Object.String(), c.AttributedTo.Name, c.AttributedTo.Type, src))
						break
					}
				}
			}
		}
		key := c.Subject.Name + "|" + string(c.Predicate) + "|" + c.Object.String() + "|" + c.Object.Text
		if seen[key] {
			continue
		}
		seen[key] = true
		hit := false
		for i, g := range gold {
			if m.matches(g, c) {
				found[i], hit = true, true
			}
		}
		tally(ClaimFamily(string(c.Predicate)), func(n *Count) {
			n.Pred++
			if hit {
				n.TP++
			}
		})
		if !hit {
			q := ""
			if len(c.Evidence) > 0 {
				q = c.Evidence[0].Quote
			}
			s.Extra = append(s.Extra, fmt.Sprintf("%s %s %s (%q)", c.Subject.Name, c.Predicate, c.Object.String(), q))
		}
	}
	for i := range gold {
		s.Sourced.Gold++
		if foundSourced[i] {
			s.Sourced.Found++
		}
	}
	for i, g := range gold {
		tally(ClaimFamily(g.P), func(n *Count) {
			n.Gold++
			if found[i] {
				n.Found++
			}
		})
		if !found[i] {
			s.Missed = append(s.Missed, g.String())
		}
	}
	return s
}

// claimMatcher holds what matching needs to know of one analysis.
type claimMatcher struct {
	names  map[string][]string      // entity id → every name it is known by
	events map[string]*muster.Event // event id → event
	places map[string][]string      // event id → NameKeys of its places
	// goldPlaces are the places of each gold event key: its key's place
	// and those of its occurred_at rows.
	goldPlaces map[string][]string
}

func newClaimMatcher(a *muster.Analysis) *claimMatcher {
	m := &claimMatcher{names: map[string][]string{}, events: map[string]*muster.Event{}, places: map[string][]string{}, goldPlaces: map[string][]string{}}
	for _, e := range a.Entities {
		ns := []string{e.Name}
		for _, al := range e.Aliases {
			ns = append(ns, al.Name)
		}
		m.names[e.ID] = ns
	}
	for i := range a.Events {
		ev := &a.Events[i]
		m.events[ev.ID] = ev
		for _, p := range ev.Places {
			m.places[ev.ID] = append(m.places[ev.ID], m.keys(p)...)
		}
	}
	for _, c := range a.Claims {
		if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil {
			m.places[c.Subject.ID] = append(m.places[c.Subject.ID], m.keys(*c.Object.Entity)...)
		}
	}
	return m
}

// keys are the NameKeys of every name of ref.
func (m *claimMatcher) keys(ref muster.Ref) []string {
	out := []string{muster.NameKey(ref.Name)}
	for _, n := range m.names[ref.ID] {
		out = append(out, muster.NameKey(n))
	}
	return out
}

func (m *claimMatcher) nameMatches(ref muster.Ref, want string) bool {
	k := muster.NameKey(want)
	for _, n := range m.keys(ref) {
		if n == k {
			return true
		}
	}
	return false
}

// sourceMatches reports whether a claim's attribution is the gold row's
// source: the publisher for a row in the outlet's own voice, else the same
// name (or a name of the same entity), one containing the other ("Turkish
// security sources" and "security sources").
func (m *claimMatcher) sourceMatches(want string, got muster.Attribution) bool {
	if want == "" {
		return got.Type == muster.SourcePublisher
	}
	if got.Type == muster.SourcePublisher {
		return false
	}
	w := muster.NameKey(want)
	names := append([]string{got.Name}, m.names[got.ID]...)
	for _, n := range names {
		k := muster.NameKey(n)
		if k != "" && (k == w || strings.Contains(k, w) || strings.Contains(w, k)) {
			return true
		}
	}
	return false
}

// SplitEventKey splits a gold event key into its place and date: "Afrin
// 2022-10 #2" → "Afrin", "2022-10"; "? ?" → "?", "?".
func SplitEventKey(key string) (place, date string) {
	key = strings.TrimSpace(key)
	if i := strings.LastIndex(key, " #"); i >= 0 {
		key = key[:i]
	}
	i := strings.LastIndexByte(key, ' ')
	if i < 0 {
		return "?", key
	}
	return key[:i], key[i+1:]
}

func (m *claimMatcher) eventMatches(key string, ref muster.Ref) bool {
	ev := m.events[ref.ID]
	if ev == nil {
		return false
	}
	place, date := SplitEventKey(key)
	if date == "?" {
		if ev.Time != nil {
			return false
		}
	} else if ev.Time == nil || !strings.HasPrefix(ev.Time.From, date) {
		return false
	}
	if place == "?" {
		return true
	}
	places := m.goldPlaces[key]
	if len(places) == 0 {
		places = []string{place}
	}
	for _, gp := range places {
		if strings.Contains(ev.Label, gp) {
			return true
		}
		k := muster.NameKey(gp)
		for _, p := range m.places[ev.ID] {
			if p == k {
				return true
			}
		}
	}
	return false
}

func predicateMatches(gold string, got muster.Predicate) bool {
	return gold == string(got) || families.compatible[string(got)][gold]
}

// matches reports whether predicted claim c states gold row g.
func (m *claimMatcher) matches(g GoldClaim, c muster.Claim) bool {
	if !predicateMatches(g.P, c.Predicate) {
		return false
	}
	if g.Event != "" {
		if !m.eventMatches(g.Event, c.Subject) {
			return false
		}
	} else if c.Subject.Type == "event" || !m.nameMatches(c.Subject, g.S) {
		return false
	}
	v := c.Object
	switch {
	case g.O != "":
		return v.Entity != nil && m.nameMatches(*v.Entity, g.O)
	case g.Text != "":
		return strings.Contains(muster.NameKey(v.Text), muster.NameKey(g.Text))
	case g.Date != "":
		return v.Kind == muster.ValueDate && strings.HasPrefix(v.From, g.Date)
	case g.Min != nil || g.Max != nil:
		eq := func(a, b *float64) bool { return (a == nil) == (b == nil) && (a == nil || *a == *b) }
		return v.Kind == muster.ValueNumber && eq(v.Min, g.Min) && eq(v.Max, g.Max)
	}
	return false
}
