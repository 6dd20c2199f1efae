package eval

import (
	"context"
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

// muc4Types are the MUC-4 incident types.
var muc4Types = map[string]bool{"ATTACK": true, "BOMBING": true, "KIDNAPPING": true, "ARSON": true, "ROBBERY": true, "FORCED WORK STOPPAGE": true, "MURDER": true}

// MUC4Templates writes muster's events in a as MUC-4 templates: one per
// event whose type is a MUC-4 incident in types, with the fills the keys
// would give (template doc §7):
//
//   - inc-date: the event's time, one date or a range "D1 - D2"; "- D" on
//     the report's date D when the date is the report's by default (an
//     undated event, one dated by the dateline alone, a day of the week,
//     a past year alone).
//   - inc-loc: its most specific place, with the geocoded country first,
//     or the document's country of the nine (§1.0) when the place has
//     none or the event names no place; places the gazetteer knows come
//     before words it does not.
//   - perp-org-id: perpetrators and actors that are armed groups, state
//     forces or organisations, and who claimed it; perp-ind-id: those that
//     are people.
//   - phys-tgt-id: targets that are places or organisations; hum-tgt-name:
//     targets that are named people, without their title; hum-tgt-desc:
//     the title, targets that are people described ("civilians", "two
//     U.S. missionaries"), and the side a casualty figure counts
//     ("killing 14 soldiers").
//   - hum-tgt-effect: DEATH when a killed figure above zero is given,
//     INJURY for wounded, tagged with the side the figure counts, else
//     with as many human targets as it counts that no effect tags yet.
func MUC4Templates(a *muster.Analysis, countries *Countries, types EventTypes) []MUC4Template {
	ents := map[string]*muster.Entity{}
	for i := range a.Entities {
		ents[a.Entities[i].ID] = &a.Entities[i]
	}
	claims := map[string][]muster.Claim{}
	for _, c := range a.Claims {
		if c.Subject.Type == "event" {
			claims[c.Subject.ID] = append(claims[c.Subject.ID], c)
		}
	}
	docCountry := muc4DocCountry(a)
	today := muc4Today.MatchString(a.Document.Text)
	var out []MUC4Template
	for _, ev := range a.Events {
		typ := types.MUC4IncidentType(ev.Type)
		if typ == "" && ev.Type == muster.EventArmedClash && civilianHarm(ev, claims[ev.ID]) {
			// A fight between forces is no MUC-4 incident, but one that
			// harms civilians or their property is, as an attack
			// (template doc §1.0 item 1).
			typ = "ATTACK"
		}
		if typ == "" {
			continue
		}
		t := MUC4Template{}
		add := func(slot, v string) {
			v = strings.TrimSpace(v)
			if v == "" {
				return
			}
			for _, f := range t[slot] {
				if upperKey(f.Alts[0]) == upperKey(v) {
					return
				}
			}
			t[slot] = append(t[slot], MUC4Fill{Alts: []string{strings.ToUpper(v)}})
		}
		// victims are the human targets an effect may be tagged with: a
		// person by name when the event gives one, else by description.
		var victims []string
		victim := func(v string) {
			v = strings.ToUpper(strings.TrimSpace(v))
			if v != "" && !slices.Contains(victims, v) {
				victims = append(victims, v)
			}
		}
		add("inc-type", typ)
		if d := muc4EventDate(ev.Time, a.Document.Published, today); d != "" {
			add("inc-date", d)
		}
		loc := muc4Location(ev, claims[ev.ID], ents, countries, docCountry)
		add("inc-loc", loc)
		for _, p := range ev.Participants {
			typ := muster.EntityType(p.Entity.Type)
			switch p.Role {
			case muster.RolePerpetrator, muster.RoleActor:
				switch typ {
				case muster.EntityPerson:
					add("perp-ind-id", p.Entity.Name)
				case muster.EntityArmedGroup, muster.EntityStateForce, muster.EntityOrganization:
					if isDescription(p.Entity.Name) && !muc4OrgHeads[strings.ToLower(head(strings.Fields(strings.ToUpper(p.Entity.Name))))] {
						add("perp-ind-id", p.Entity.Name)
					} else {
						add("perp-org-id", p.Entity.Name)
					}
				}
			case muster.RoleTarget:
				switch typ {
				case muster.EntityPerson:
					desc, name := splitPersonName(p.Entity.Name)
					add("hum-tgt-desc", desc)
					add("hum-tgt-name", name)
					if name != "" {
						victim(name)
					} else {
						victim(desc)
					}
				case muster.EntityPlace, muster.EntityOrganization:
					add("phys-tgt-id", p.Entity.Name)
				}
			}
		}
		// The side a casualty figure counts ("killing 14 soldiers") is a
		// human target described.
		for _, c := range claims[ev.ID] {
			if (c.Predicate == muster.PredKilled || c.Predicate == muster.PredWounded) && c.Role != "" {
				add("hum-tgt-desc", c.Role)
				victim(c.Role)
			}
		}
		effect := func(v, side string, n float64) {
			// One effect per human target, tagged with it (§3.1.2): the side
			// the figure counts when it gives one, else as many of the
			// human targets as the figure counts that no other effect
			// tags; untagged when none is left.
			who := []string{strings.ToUpper(side)}
			if side == "" {
				who = nil
				for _, w := range victims {
					if float64(len(who)) >= n {
						break
					}
					tagged := false
					for _, f := range t["hum-tgt-effect"] {
						tagged = tagged || len(f.Refs) > 0 && f.Refs[0] == w
					}
					if !tagged {
						who = append(who, w)
					}
				}
			}
			if len(who) == 0 {
				add("hum-tgt-effect", v)
				return
			}
			for _, who := range who {
				dup := false
				for _, f := range t["hum-tgt-effect"] {
					dup = dup || f.Alts[0] == v && len(f.Refs) > 0 && f.Refs[0] == who
				}
				if !dup {
					t["hum-tgt-effect"] = append(t["hum-tgt-effect"], MUC4Fill{Alts: []string{v}, Refs: []string{who}})
				}
			}
		}
		for _, c := range claims[ev.ID] {
			switch c.Predicate {
			case muster.PredClaimedBy:
				if c.Object.Entity != nil {
					add("perp-org-id", c.Object.Entity.Name)
				}
			case muster.PredKilled, muster.PredWounded:
				n := 0.0
				if c.Object.Max != nil {
					n = *c.Object.Max
				} else if c.Object.Min != nil {
					n = *c.Object.Min
				}
				if n > 0 {
					if c.Predicate == muster.PredKilled {
						effect("DEATH", c.Role, n)
					} else {
						effect("INJURY", c.Role, n)
					}
				}
			}
		}
		out = append(out, t)
	}
	return out
}

// civilianHarm reports whether a fight touched more than the forces in
// it: a target that is a place, a building or an organisation, a person
// targeted, or a casualty figure that counts civilians (a count of
// soldiers, police or militants is the fight's own).
func civilianHarm(ev muster.Event, claims []muster.Claim) bool {
	for _, p := range ev.Participants {
		if p.Role != muster.RoleTarget {
			continue
		}
		switch muster.EntityType(p.Entity.Type) {
		case muster.EntityPlace, muster.EntityOrganization, muster.EntityPerson:
			return true
		}
	}
	for _, c := range claims {
		if (c.Predicate == muster.PredKilled || c.Predicate == muster.PredWounded) && c.Role == "civilians" {
			return true
		}
	}
	return false
}

// muc4Quantifiers open a description of people rather than a name ("two
// Salvadoran reporters", "several judges").
var muc4Quantifiers = map[string]bool{"one": true, "two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true, "several": true, "some": true, "many": true, "other": true, "few": true, "dozens": true, "hundreds": true, "all": true}

// splitPersonName reads a person target's name as MUC-4 fills it: the
// title or role before a name ("father Ellacuria", "bodyguard Jairo
// Ortega") is its description, the name its name; a phrase that ends in
// a lower-case word ("Rede Globo journalist") or opens with a number
// ("two U.S. Missionaries") is a description alone. Names are as the
// truecaser wrote them for a text in capitals, so its cases are read.
func splitPersonName(s string) (desc, name string) {
	w := strings.Fields(s)
	if len(w) == 0 {
		return "", ""
	}
	lowerWord := func(x string) bool {
		r, _ := utf8.DecodeRuneInString(x)
		return unicode.IsLower(r) || unicode.IsDigit(r)
	}
	if lowerWord(w[len(w)-1]) || muc4Quantifiers[strings.ToLower(w[0])] || unicode.IsDigit(rune(w[0][0])) {
		return s, ""
	}
	k := 0
	for i, x := range w {
		if lowerWord(x) {
			k = i + 1
		}
	}
	return strings.Join(w[:k], " "), strings.Join(w[k:], " ")
}

//go:embed muc4_org_heads.txt
var muc4OrgHeadsTxt string

// muc4OrgHeads are the head nouns of organisations described in lower
// case (muc4_org_heads.txt).
var muc4OrgHeads = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(muc4OrgHeadsTxt, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[l] = true
		}
	}
	return m
}()

// isDescription reports whether a name is a description written in lower
// case ("gunmen", "civilians") rather than a name. In all-caps text every
// name looks like a name.
func isDescription(s string) bool {
	return s != "" && strings.ToLower(s) == s
}

var muc4Months = []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}

// muc4Date writes an ISO date as MUC-4 does: "2006-01-02" → "02 JAN 06".
func muc4Date(iso string) string {
	t, err := time.Parse("2006-01-02", iso)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("%02d %s %02d", t.Day(), muc4Months[t.Month()-1], t.Year()%100)
}

func muc4DateRange(from, to string) string {
	f := muc4Date(from)
	if to == "" || to == from {
		return f
	}
	if t := muc4Date(to); t != "" && f != "" {
		return f + " - " + t
	}
	return f
}

// muc4Today are the words that date an event on the day of the report
// itself: the key gives that day, not the default "- D" (§7.3 note 2).
var muc4Today = regexp.MustCompile(`(?i)\b(today|tonight|this (morning|afternoon|evening)|(minutes|hours) ago)\b`)

// muc4Weekday names a day of the week, which the key anchors on the
// report's date with "- D" (§7.3 note 1).
var muc4Weekday = regexp.MustCompile(`(?i)\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b`)

// muc4EventDate writes an event's time as the key would (template doc
// §7.3): a date or range the text gives; "- D" on the report's date D when
// the date is that of the report by default (an undated event, or one
// dated by the dateline alone in a report that never says "today"), a
// day of the week, or a past year alone.
func muc4EventDate(tm *muster.Value, published time.Time, today bool) string {
	pub := ""
	if !published.IsZero() {
		pub = published.Format("2006-01-02")
	}
	if tm == nil || tm.From == "" {
		if pub == "" {
			return ""
		}
		return "- " + muc4Date(pub)
	}
	// A year before the report's ("since 1987") dates no incident the
	// report tells as news; the key falls back on the report's date.
	if pub != "" && tm.Precision == muster.PrecisionYear && tm.To < pub {
		return "- " + muc4Date(pub)
	}
	if pub != "" && muc4Weekday.MatchString(tm.Text) && tm.To <= pub {
		return "- " + muc4Date(pub)
	}
	if pub != "" && tm.From == pub && (tm.To == "" || tm.To == pub) && !today && !muc4Today.MatchString(tm.Text) {
		return "- " + muc4Date(pub)
	}
	return muc4DateRange(tm.From, tm.To)
}

// placeRank orders places from the most specific: a place the gazetteer
// does not know comes after the ones it places, for it is more often a
// misread word ("Security", "El") than a neighbourhood.
func placeRank(e *muster.Entity, role string) int {
	if e != nil && e.Place != nil {
		switch {
		case strings.HasPrefix(e.Place.Feature, "PCL"):
			return 4
		case strings.HasPrefix(e.Place.Feature, "ADM1"):
			return 3
		case strings.HasPrefix(e.Place.Feature, "ADM"):
			return 2
		}
	}
	switch role {
	case "country":
		return 4
	case "admin1":
		return 3
	}
	if e == nil || e.Place == nil {
		return 1
	}
	return 0
}

// muc4Nine are the nine countries whose incidents MUC-4 records
// (template doc §1.0 item 4), by ISO 3166-1 code.
var muc4Nine = map[string]bool{"SV": true, "GT": true, "HN": true, "AR": true, "BO": true, "CL": true, "CO": true, "EC": true, "PE": true}

// muc4DocCountry is the country of MUC-4's nine that the document's
// geocoded places lie in most often: the country an event is in when
// nothing nearer says (the key always names one, §7.4 note 5).
func muc4DocCountry(a *muster.Analysis) string {
	n := map[string]int{}
	best := ""
	for _, e := range a.Entities {
		if e.Type != muster.EntityPlace || e.Place == nil || !muc4Nine[e.Place.Country] {
			continue
		}
		c := e.Place.Country
		n[c]++
		if best == "" || n[c] > n[best] {
			best = c
		}
	}
	return best
}

// placeTypeWords are the words that name a place's kind after its name
// ("El Penon municipality"); the key gives the kind apart, in parentheses.
var placeTypeWords = map[string]bool{"DEPARTMENT": true, "MUNICIPALITY": true, "PROVINCE": true, "NEIGHBORHOOD": true, "DISTRICT": true, "TOWN": true, "VILLAGE": true, "REGION": true, "JURISDICTION": true, "CANTON": true, "HAMLET": true}

// muc4Location is the event's most specific place, "COUNTRY: PLACE" when
// its country is known; docCountry (an ISO code) stands in for an unknown
// one.
func muc4Location(ev muster.Event, claims []muster.Claim, ents map[string]*muster.Entity, countries *Countries, docCountry string) string {
	type cand struct {
		ref  muster.Ref
		rank int
	}
	var cs []cand
	for _, c := range claims {
		if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil {
			cs = append(cs, cand{*c.Object.Entity, placeRank(ents[c.Object.Entity.ID], c.Role)})
		}
	}
	for _, p := range ev.Places {
		cs = append(cs, cand{p, placeRank(ents[p.ID], "")})
	}
	if len(cs) == 0 {
		return strings.ToUpper(countries.isoName(docCountry))
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].rank < cs[j].rank })
	best := cs[0]
	country := ""
	if e := ents[best.ref.ID]; e != nil && e.Place != nil {
		country = countries.isoName(e.Place.Country)
	}
	if country == "" {
		for _, c := range cs {
			if c.rank == 4 {
				country = c.ref.Name
			}
		}
	}
	if country == "" {
		country = countries.isoName(docCountry)
	}
	name := strings.ToUpper(best.ref.Name)
	if f := strings.Fields(name); len(f) > 1 && placeTypeWords[f[len(f)-1]] {
		name = strings.Join(f[:len(f)-1], " ")
	}
	if country == "" || upperKey(country) == upperKey(name) {
		return name
	}
	return strings.ToUpper(country) + ": " + name
}

// muc4Loc is a location filler read structurally: its country key and
// the keys of its places, most specific last.
type muc4Loc struct {
	country string
	places  []string
}

func parseMUC4Loc(s string, countries *Countries) muc4Loc {
	var l muc4Loc
	parts := strings.Split(s, ":")
	for i, p := range parts {
		for _, q := range strings.Split(p, " - ") {
			if j := strings.Index(q, "("); j >= 0 {
				q = q[:j]
			}
			k := upperKey(q)
			if k == "" {
				continue
			}
			if i == 0 && countries.country(k) != "" {
				l.country = countries.country(k)
				continue
			}
			l.places = append(l.places, k)
		}
	}
	return l
}

// muc4Matcher scores fillers against key fillers.
type muc4Matcher struct {
	countries *Countries
	drop      map[string]bool // nonessential modifiers
}

func newMUC4Matcher(countries *Countries) *muc4Matcher {
	m := &muc4Matcher{countries: countries, drop: map[string]bool{}}
	for _, w := range strings.Fields("THE A AN SOME SEVERAL MANY ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE TEN DOZEN DOZENS HUNDREDS OTHER OTHERS UNIDENTIFIED ALLEGED") {
		m.drop[w] = true
	}
	return m
}

// words are a string filler's essential words.
func (m *muc4Matcher) words(s string) []string {
	var out []string
	for _, w := range strings.Fields(upperKey(s)) {
		if m.drop[w] || (w[0] >= '0' && w[0] <= '9') || (len(w) > 3 && m.countries.country(w) != "" && m.countries.country(w) != strings.ToLower(w)) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// head is a phrase's head noun: its last word, or the last before "OF".
func head(ws []string) string {
	for i, w := range ws {
		if w == "OF" && i > 0 {
			return ws[i-1]
		}
	}
	if len(ws) == 0 {
		return ""
	}
	return ws[len(ws)-1]
}

func subset(a, b []string) bool {
	set := map[string]bool{}
	for _, w := range b {
		set[w] = true
	}
	for _, w := range a {
		if !set[w] {
			return false
		}
	}
	return true
}

// score is 1 for a correct response, 0.5 for a partial one, 0 otherwise.
// A set fill with a cross-reference tag is correct only when its tag is
// too, and partial when only its value is (§3.1.2).
func (m *muc4Matcher) score(slot string, resp, key MUC4Fill) float64 {
	best := 0.0
	for _, alt := range key.Alts {
		best = math.Max(best, m.scoreAlt(slot, resp.Alts[0], alt))
	}
	if best == 1 && len(key.Refs) > 0 {
		tag := 0.0
		for _, r := range resp.Refs {
			for _, k := range key.Refs {
				tag = math.Max(tag, m.scoreAlt("hum-tgt-desc", r, k))
			}
		}
		if tag < 1 {
			best = 0.5
		}
	}
	return best
}

func (m *muc4Matcher) scoreAlt(slot, resp, key string) float64 {
	switch slot {
	case "inc-type":
		switch {
		case upperKey(resp) == upperKey(key):
			return 1
		case upperKey(resp) == "ATTACK":
			return 0.5
		}
		return 0
	case "hum-tgt-effect":
		r, k := upperKey(resp), upperKey(key)
		switch {
		case r == k:
			return 1
		case strings.HasPrefix(k, "NO ") && strings.HasPrefix(r, "NO ") && subset(strings.Fields(r), strings.Fields(k)):
			return 0.5
		}
		return 0
	case "inc-date":
		return scoreMUC4Date(resp, key)
	case "inc-loc":
		r, k := parseMUC4Loc(resp, m.countries), parseMUC4Loc(key, m.countries)
		sameCountry := r.country == "" || k.country == "" || r.country == k.country
		if len(r.places) == 0 {
			if r.country != "" && r.country == k.country {
				if len(k.places) == 0 {
					return 1
				}
				return 0.5
			}
			return 0
		}
		spec := r.places[len(r.places)-1]
		if len(k.places) > 0 && spec == k.places[len(k.places)-1] {
			if sameCountry {
				return 1
			}
			return 0.5
		}
		for _, p := range k.places {
			if p == spec {
				return 0.5
			}
		}
		if r.country != "" && r.country == k.country {
			return 0.5
		}
		return 0
	}
	r, k := m.words(resp), m.words(key)
	if len(r) == 0 || len(k) == 0 {
		return 0
	}
	if strings.Join(r, " ") == strings.Join(k, " ") {
		return 1
	}
	if head(r) == head(k) && (subset(r, k) || subset(k, r)) {
		return 0.5
	}
	// A proper name given in part: "TORRES" for "ALBERTO ROBERTO TORRES".
	if len(r) < len(k) && subset(r, k) && r[len(r)-1] == k[len(k)-1] {
		return 0.5
	}
	return 0
}

// muc4Day reads "16 NOV 89".
func muc4Day(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	t, err := time.Parse("02 Jan 06", titleMonth(s))
	if err != nil {
		t, err = time.Parse("2 Jan 06", titleMonth(s))
	}
	return t, err == nil
}

func titleMonth(s string) string {
	f := strings.Fields(s)
	if len(f) == 3 && len(f[1]) >= 3 {
		f[1] = f[1][:1] + strings.ToLower(f[1][1:3])
	}
	return strings.Join(f, " ")
}

// muc4Range reads "D", "D1 - D2" or "- D" (from is zero for the last).
func muc4Range(s string) (from, to time.Time, ok bool) {
	a, b, isRange := strings.Cut(s, "-")
	if !isRange {
		d, ok := muc4Day(s)
		return d, d, ok
	}
	to, ok = muc4Day(b)
	if !ok {
		return from, to, false
	}
	if strings.TrimSpace(a) == "" {
		return time.Time{}, to, true
	}
	from, ok = muc4Day(a)
	return from, to, ok
}

func scoreMUC4Date(resp, key string) float64 {
	rf, rt, ok1 := muc4Range(resp)
	kf, kt, ok2 := muc4Range(key)
	if !ok1 || !ok2 {
		return 0
	}
	if rf.Equal(kf) && rt.Equal(kt) {
		return 1
	}
	if rf.Equal(rt) && !kf.Equal(kt) && !rf.Before(kf) && !rf.After(kt) {
		return 0.5 // a date inside the key's range, or before its default anchor
	}
	if rf.IsZero() && (rt.Equal(kt)) {
		return 0.5 // a default-looking fill with the key's upper anchor
	}
	return 0
}

// SlotCount tallies one slot MUC's way.
type SlotCount struct {
	POS, ACT float64 // possible (key fills) and actual (response fills)
	COR, PAR float64
}

// Recall is (COR + PAR/2) / POS.
func (s SlotCount) Recall() float64 {
	if s.POS == 0 {
		return 0
	}
	return (s.COR + s.PAR/2) / s.POS
}

// Precision is (COR + PAR/2) / ACT.
func (s SlotCount) Precision() float64 {
	if s.ACT == 0 {
		return 0
	}
	return (s.COR + s.PAR/2) / s.ACT
}

// F1 is MUC's P&R F-measure.
func (s SlotCount) F1() float64 { return fMeasure(s.Precision(), s.Recall()) }

func (s *SlotCount) add(o SlotCount) {
	s.POS += o.POS
	s.ACT += o.ACT
	s.COR += o.COR
	s.PAR += o.PAR
}

// scoreSlot pairs response fills with key fills, best first.
func (m *muc4Matcher) scoreSlot(slot string, key, resp []MUC4Fill) SlotCount {
	var c SlotCount
	for _, k := range key {
		if !k.Optional {
			c.POS++
		}
	}
	c.ACT = float64(len(resp))
	type pair struct {
		r, k int
		s    float64
	}
	var ps []pair
	for i, r := range resp {
		for j, k := range key {
			if s := m.score(slot, r, k); s > 0 {
				ps = append(ps, pair{i, j, s})
			}
		}
	}
	sort.SliceStable(ps, func(a, b int) bool { return ps[a].s > ps[b].s })
	usedR, usedK := map[int]bool{}, map[int]bool{}
	for _, p := range ps {
		if usedR[p.r] || usedK[p.k] {
			continue
		}
		usedR[p.r], usedK[p.k] = true, true
		if key[p.k].Optional {
			c.POS++
		}
		if p.s == 1 {
			c.COR++
		} else {
			c.PAR++
		}
	}
	return c
}

// scoreTemplates maps response templates to key templates and tallies
// every slot. mapped gives, for each response, the key it maps to, or -1
// for a spurious one.
func (m *muc4Matcher) scoreTemplates(keys, resps []MUC4Template) (out map[string]SlotCount, mapped []int) {
	type pair struct {
		k, r  int
		score float64
		slots map[string]SlotCount
	}
	var ps []pair
	for i, k := range keys {
		for j, r := range resps {
			slots := map[string]SlotCount{}
			total := 0.0
			for _, s := range MUC4Slots {
				c := m.scoreSlot(s, k[s], r[s])
				slots[s] = c
				total += c.COR + c.PAR/2
			}
			if slots["inc-type"].COR+slots["inc-type"].PAR == 0 {
				continue
			}
			ps = append(ps, pair{i, j, total, slots})
		}
	}
	sort.SliceStable(ps, func(a, b int) bool { return ps[a].score > ps[b].score })
	out = map[string]SlotCount{}
	mapped = make([]int, len(resps))
	for j := range mapped {
		mapped[j] = -1
	}
	usedK := map[int]bool{}
	for _, p := range ps {
		if usedK[p.k] || mapped[p.r] >= 0 {
			continue
		}
		usedK[p.k] = true
		mapped[p.r] = p.k
		for s, c := range p.slots {
			t := out[s]
			t.add(c)
			out[s] = t
		}
	}
	// Unmapped keys are missing, unmapped responses spurious.
	for i, k := range keys {
		if !usedK[i] && !k.Optional() {
			for _, s := range MUC4Slots {
				t := out[s]
				t.add(m.scoreSlot(s, k[s], nil))
				out[s] = t
			}
		}
	}
	for j, r := range resps {
		if mapped[j] < 0 {
			for _, s := range MUC4Slots {
				t := out[s]
				t.add(m.scoreSlot(s, nil, r[s]))
				out[s] = t
			}
		}
	}
	return out, mapped
}

// MUC4Doc is one scored message, kept for -v listings.
type MUC4Doc struct {
	ID        string
	Key, Resp []MUC4Template
	Slots     map[string]SlotCount
	// Mapped gives, for each response template, the index of the key
	// template it was mapped to, or -1 when it is spurious.
	Mapped []int
	// Events are the events muster found in the text, of every type,
	// for listings that show where a template came from.
	Events []muster.Event
}

// MUC4Report is the score of a MUC-4 set.
type MUC4Report struct {
	Slots   map[string]SlotCount // per slot, and "overall"
	Docs    []MUC4Doc
	N       int
	Elapsed time.Duration
}

// DocsPerSecond is the throughput of the run.
func (r *MUC4Report) DocsPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.N) / r.Elapsed.Seconds()
}

// ScoreMUC4 runs ex over every text that has a key and scores its
// templates, made with types, against the key's.
func ScoreMUC4(ctx context.Context, texts []MUC4Text, keys []MUC4Key, ex Extractor, countries *Countries, types EventTypes) (*MUC4Report, error) {
	byID := map[string]MUC4Key{}
	for _, k := range keys {
		byID[k.ID] = k
	}
	m := newMUC4Matcher(countries)
	rep := &MUC4Report{Slots: map[string]SlotCount{}}
	start := time.Now()
	for _, t := range texts {
		k, ok := byID[t.ID]
		if !ok {
			return nil, fmt.Errorf("muc4: no key for message %s", t.ID)
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, err := ex(ctx, t.Text, t.Published)
		if err != nil {
			return nil, fmt.Errorf("muc4 %s: %w", t.ID, err)
		}
		rep.add(m, t.ID, k.Templates, MUC4Templates(a, countries, types))
		rep.Docs[len(rep.Docs)-1].Events = a.Events
	}
	rep.Elapsed = time.Since(start)
	return rep, nil
}

// ScoreMUC4Responses scores response templates written by another system
// (the 1992 systems' response.tst3 files) against the keys: the check
// that this scorer's figures stand beside the official ones.
func ScoreMUC4Responses(keys, responses []MUC4Key, countries *Countries) *MUC4Report {
	byID := map[string][]MUC4Template{}
	for _, r := range responses {
		byID[r.ID] = append(byID[r.ID], r.Templates...)
	}
	m := newMUC4Matcher(countries)
	rep := &MUC4Report{Slots: map[string]SlotCount{}}
	for _, k := range keys {
		rep.add(m, k.ID, k.Templates, byID[k.ID])
	}
	return rep
}

func (rep *MUC4Report) add(m *muc4Matcher, id string, key, resp []MUC4Template) {
	slots, mapped := m.scoreTemplates(key, resp)
	rep.Docs = append(rep.Docs, MUC4Doc{ID: id, Key: key, Resp: resp, Slots: slots, Mapped: mapped})
	for s, c := range slots {
		x := rep.Slots[s]
		x.add(c)
		rep.Slots[s] = x
		o := rep.Slots["overall"]
		o.add(c)
		rep.Slots["overall"] = o
	}
	rep.N++
}
