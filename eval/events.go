package eval

// Event-slot scoring against professional coders (issue 4): GTD summaries,
// ACLED notes and UCDP GED headlines are run through an Extractor, and the
// events it returns are compared slot by slot with the coders' fields.
//
// Conventions, stated once:
//
//   - The record's main event is the first event the extractor returns.
//   - Figures: killed (wounded) is the sum of the main event's killed
//     (wounded) claims in the publisher's voice, or the largest attributed
//     one when there are none; a range scores by its lower bound, or its
//     upper bound when it has none. A record whose text gives no figure
//     scores as 0, because GTD and ACLED code unreported deaths as 0; records
//     where the coders leave the field empty are not scored.
//   - GTD killed and wounded follow GTD's convention for linked incidents
//     (see apportioned); killed_stated and wounded_stated score the figures
//     as the text states them, without it.
//   - Exact-value slots report accuracy over the records where the coders
//     give a value; set-valued slots (perpetrator, actors, sides) report
//     micro precision, recall and F1 over names, after normalisation.
//   - Places come from the main event's occurred_at claims by role (city,
//     admin1, country); a place whose level the text leaves open ("in
//     Kunduz, Afghanistan", role "place") is scored as city and as
//     province, since either reading is what the words say.
//   - GTD "Unknown" perpetrators are no perpetrator; unidentified or unknown
//     groups the extractor names are not perpetrators either.
//   - ACLED actor names map to muster's entities by one documented table
//     (acledActorKey), written from ACLED's naming conventions, not from
//     the records.

import (
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/muster-osint/muster"
)

// Extractor runs the extraction pipeline on one text, with published as its
// publication time. cmd/muster passes the real pipeline.
type Extractor func(ctx context.Context, text string, published time.Time) (*muster.Analysis, error)

// EventRecord is one coded event and the text it was coded from.
type EventRecord struct {
	ID        string
	Text      string
	Published time.Time
	Split     string
	// Gold holds the coders' values by slot name; set-valued slots may
	// hold several, and a slot the coders left empty is absent.
	Gold map[string][]string
}

// Slot names per data set (DESIGN §7, issue 4).
var (
	GTDSlots   = []string{"perpetrator", "claimed", "country", "province", "city", "killed", "wounded", "event_type", "killed_stated", "wounded_stated"}
	ACLEDSlots = []string{"actors", "event_type", "sub_event_type", "admin1", "location", "fatalities"}
	UCDPSlots  = []string{"sides", "deaths"}
)

// setSlots are scored by precision and recall, the rest by accuracy.
var setSlots = map[string]bool{"perpetrator": true, "actors": true, "sides": true}

// csvRows reads a CSV with a header and calls row for each record with a
// column lookup.
func csvRows(r io.Reader, name string, row func(line int, col func(string) string) error) error {
	cr := csv.NewReader(bufio.NewReaderSize(r, 1<<16))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: header: %w", name, err)
	}
	idx := map[string]int{}
	for i, h := range head {
		idx[strings.TrimPrefix(h, "\ufeff")] = i
	}
	line := 1
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		line++
		if err != nil {
			return fmt.Errorf("%s line %d: %w", name, line, err)
		}
		col := func(c string) string {
			i, ok := idx[c]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(rec[i])
		}
		if err := row(line, col); err != nil {
			return fmt.Errorf("%s line %d: %w", name, line, err)
		}
	}
}

func need(col func(string) string, cols ...string) error {
	for _, c := range cols {
		if col(c) == "" {
			return fmt.Errorf("missing %s", c)
		}
	}
	return nil
}

// ReadGTD reads the GTD events-with-summary CSV (uncompressed). name is
// used in errors.
func ReadGTD(r io.Reader, name string) ([]EventRecord, error) {
	var out []EventRecord
	err := csvRows(r, name, func(line int, col func(string) string) error {
		if err := need(col, "summary", "iyear"); err != nil {
			return err
		}
		y, err := strconv.Atoi(col("iyear"))
		if err != nil {
			return fmt.Errorf("bad iyear %q", col("iyear"))
		}
		mo, _ := strconv.Atoi(col("imonth"))
		d, _ := strconv.Atoi(col("iday"))
		mo, d = max(mo, 1), max(d, 1)
		g := map[string][]string{}
		set := func(slot, v string) {
			if v != "" {
				g[slot] = append(g[slot], v)
			}
		}
		for _, c := range []string{"gname", "gname2"} {
			if v := col(c); v != "" && !strings.EqualFold(v, "unknown") {
				set("perpetrator", v)
			}
		}
		if _, ok := g["perpetrator"]; !ok {
			g["perpetrator"] = nil // coded: no known perpetrator
		}
		if c := col("claimed"); c == "0" || c == "1" {
			set("claimed", c)
		}
		set("country", col("country_txt"))
		set("province", col("provstate"))
		if c := col("city"); !strings.EqualFold(c, "unknown") {
			set("city", c)
		}
		set("killed", figureField(col("nkill")))
		set("wounded", figureField(col("nwound")))
		set("killed_stated", figureField(col("nkill")))
		set("wounded_stated", figureField(col("nwound")))
		set("event_type", gtdAttackType(col("attacktype1_txt")))
		id := col("eventid")
		if id == "" {
			id = fmt.Sprintf("%s:%d", name, line)
		}
		out = append(out, EventRecord{ID: id, Text: col("summary"), Published: time.Date(y, time.Month(mo), d, 12, 0, 0, 0, time.UTC), Split: col("split"), Gold: g})
		return nil
	})
	return out, err
}

// figureField normalises a coded count ("2", "2.0"); negative codes and
// blanks are unknown.
func figureField(s string) string {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// gtdAttackType maps a GTD attack type to the muster event class it is
// scored against; "Unknown" is not scored.
func gtdAttackType(s string) string {
	switch s {
	case "Bombing/Explosion":
		return "bombing"
	case "Armed Assault", "Unarmed Assault":
		return "attack"
	case "Assassination":
		return "assassination"
	case "Hostage Taking (Kidnapping)", "Hostage Taking (Barricade Incident)", "Hijacking":
		return "kidnapping"
	case "Facility/Infrastructure Attack":
		return "facility_attack"
	}
	return ""
}

// ReadACLED reads an ACLED export CSV.
func ReadACLED(r io.Reader, name string) ([]EventRecord, error) {
	var out []EventRecord
	err := csvRows(r, name, func(line int, col func(string) string) error {
		if err := need(col, "notes", "event_date"); err != nil {
			return err
		}
		pub, err := parseDate(col("event_date"), true)
		if err != nil {
			return err
		}
		g := map[string][]string{}
		for _, c := range []string{"actor1", "actor2"} {
			if v := col(c); v != "" {
				g["actors"] = append(g["actors"], v)
			}
		}
		for slot, c := range map[string]string{"event_type": "event_type", "sub_event_type": "sub_event_type", "admin1": "admin1", "location": "location"} {
			if v := col(c); v != "" {
				g[slot] = []string{v}
			}
		}
		if v := figureField(col("fatalities")); v != "" {
			g["fatalities"] = []string{v}
		}
		id := col("event_id_cnty")
		if id == "" {
			id = fmt.Sprintf("%s:%d", name, line)
		}
		out = append(out, EventRecord{ID: id, Text: col("notes"), Published: pub, Split: col("split"), Gold: g})
		return nil
	})
	return out, err
}

// ReadUCDP reads a UCDP GED CSV. The text is the news headline(s) the event
// was coded from; records whose headlines are place names or handles
// (fewer than four words) are skipped, as they state nothing to extract.
func ReadUCDP(r io.Reader, name string) ([]EventRecord, error) {
	var out []EventRecord
	err := csvRows(r, name, func(line int, col func(string) string) error {
		var heads []string
		for _, h := range strings.Split(col("source_headline"), ";") {
			if h = strings.TrimSpace(h); len(strings.Fields(h)) >= 4 {
				heads = append(heads, strings.TrimRight(h, ". "))
			}
		}
		if len(heads) == 0 {
			return nil
		}
		pub, err := parseDate(col("date_start"), false)
		if err != nil {
			return err
		}
		g := map[string][]string{"sides": nil}
		for _, c := range []string{"side_a", "side_b"} {
			if v := col(c); v != "" {
				g["sides"] = append(g["sides"], v)
			}
		}
		lo, hi := figureField(col("low")), figureField(col("high"))
		if lo != "" && hi != "" {
			g["deaths"] = []string{lo, hi}
		}
		out = append(out, EventRecord{ID: col("id"), Text: strings.Join(heads, ". ") + ".", Published: pub, Split: col("split"), Gold: g})
		return nil
	})
	return out, err
}

// parseDate reads "05/09/2023 00:00:00" (day first when dayFirst),
// "7/19/2014 12:00:00 AM" or "2023-02-16".
func parseDate(s string, dayFirst bool) (time.Time, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return time.Time{}, fmt.Errorf("empty date")
	}
	if t, err := time.Parse("2006-01-02", f[0]); err == nil {
		return t.Add(12 * time.Hour), nil
	}
	p := strings.Split(f[0], "/")
	if len(p) != 3 {
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	a, e1 := strconv.Atoi(p[0])
	b, e2 := strconv.Atoi(p[1])
	y, e3 := strconv.Atoi(p[2])
	if e1 != nil || e2 != nil || e3 != nil {
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	d, mo := b, a
	if dayFirst {
		d, mo = a, b
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, fmt.Errorf("bad date %q", s)
	}
	return time.Date(y, time.Month(mo), d, 12, 0, 0, 0, time.UTC), nil
}

// Split keeps the records of one split ("" keeps all). "dev-train" and
// "dev-tune" are the halves of the dev split that RoleTrainPart tells
// apart.
func Split(recs []EventRecord, split string) []EventRecord {
	if split == "" {
		return recs
	}
	part, half := split, ""
	if split == "dev-train" || split == "dev-tune" {
		part, half = "dev", split
	}
	var out []EventRecord
	for _, r := range recs {
		if r.Split == part && (half == "" || RoleTrainPart(r) == (half == "dev-train")) {
			out = append(out, r)
		}
	}
	return out
}

// RoleTrainPart reports whether a dev record is in the half of its set's
// dev split that the role scorer learns from (extract.TrainRoleModel,
// `make model-roles`). GTD has no train split, and the scorer's margins
// are tuned on the other half ("dev-tune"), which it never saw. The half
// is chosen by a hash of the record's text, which, unlike its id, every
// reader of the file gives alike.
func RoleTrainPart(r EventRecord) bool {
	h := fnv.New32a()
	h.Write([]byte(r.Text))
	return h.Sum32()%2 == 0
}

// SlotScore is one slot's result. Set slots fill TP/FP/FN and
// Precision/Recall/F1; exact slots fill Correct and Accuracy. N counts the
// records scored.
type SlotScore struct {
	Set                   bool
	TP, FP, FN, Correct   int
	N                     int
	Precision, Recall, F1 float64
	Accuracy              float64
}

// Miss is one scoring error kept for study.
type Miss struct {
	ID, Text  string
	Gold, Got string
}

// EventReport is the result of ScoreEvents.
type EventReport struct {
	Dataset string
	N       int
	Seconds float64 // time spent in the extractor
	Slots   map[string]*SlotScore
	Misses  map[string][]Miss
}

// DocsPerSecond is the extractor's throughput.
func (r *EventReport) DocsPerSecond() float64 {
	if r.Seconds == 0 {
		return 0
	}
	return float64(r.N) / r.Seconds
}

// Countries names countries and their demonyms, so that "Russian forces"
// and "Military Forces of Russia (2000-)" meet at one key.
type Countries struct {
	byName map[string]string // NameKey of a name or demonym -> NameKey of the common name
	byISO  map[string]string // ISO 3166-1 alpha-2 code -> common name
}

// ReadCountries reads the countries_flat.tsv table (name_common,
// name_official, alt_spellings, demonym_eng_m, demonym_eng_f columns).
func ReadCountries(r io.Reader, name string) (*Countries, error) {
	c := &Countries{byName: map[string]string{}, byISO: map[string]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	var idx map[string]int
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if idx == nil {
			idx = map[string]int{}
			for i, h := range f {
				idx[h] = i
			}
			if _, ok := idx["name_common"]; !ok {
				return nil, fmt.Errorf("%s: no name_common column", name)
			}
			continue
		}
		get := func(col string) string {
			if i, ok := idx[col]; ok && i < len(f) {
				return strings.Trim(f[i], `"`)
			}
			return ""
		}
		common := muster.NameKey(get("name_common"))
		if common == "" {
			continue
		}
		if iso := get("cca2"); iso != "" {
			c.byISO[iso] = get("name_common")
		}
		for _, n := range append([]string{get("name_common"), get("name_official"), get("demonym_eng_m"), get("demonym_eng_f")}, strings.Split(get("alt_spellings"), "|")...) {
			if k := muster.NameKey(n); len(k) > 2 {
				if _, ok := c.byName[k]; !ok {
					c.byName[k] = common
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s line %d: %w", name, line, err)
	}
	return c, nil
}

// country returns the country key of a name or demonym, or "".
func (c *Countries) country(s string) string {
	if c == nil {
		return ""
	}
	return c.byName[muster.NameKey(s)]
}

// isoName returns the common name of an ISO 3166-1 alpha-2 code, or "".
func (c *Countries) isoName(code string) string {
	if c == nil {
		return ""
	}
	return c.byISO[strings.ToUpper(code)]
}

// ScoreEvents runs ex on every record and scores the slots of dataset
// ("gtd", "acled" or "ucdp"), keeping up to keepMisses misses per slot;
// types gives the GTD class and ACLED sub-event type of muster's events.
func ScoreEvents(ctx context.Context, dataset string, recs []EventRecord, ex Extractor, countries *Countries, types EventTypes, keepMisses int) (*EventReport, error) {
	var slots []string
	switch dataset {
	case "gtd":
		slots = GTDSlots
	case "acled":
		slots = ACLEDSlots
	case "ucdp":
		slots = UCDPSlots
	default:
		return nil, fmt.Errorf("score events: unknown dataset %q", dataset)
	}
	rep := &EventReport{Dataset: dataset, Slots: map[string]*SlotScore{}, Misses: map[string][]Miss{}}
	for _, s := range slots {
		rep.Slots[s] = &SlotScore{Set: setSlots[s]}
	}
	for _, r := range recs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		start := time.Now()
		a, err := ex(ctx, r.Text, r.Published)
		rep.Seconds += time.Since(start).Seconds()
		if err != nil {
			return nil, fmt.Errorf("score events: record %s: %w", r.ID, err)
		}
		rep.N++
		got := predict(dataset, a, countries, types)
		for _, s := range slots {
			gold, coded := r.Gold[s]
			sc := rep.Slots[s]
			miss := func(g, p string) {
				if len(rep.Misses[s]) < keepMisses {
					rep.Misses[s] = append(rep.Misses[s], Miss{ID: r.ID, Text: r.Text, Gold: g, Got: p})
				}
			}
			if sc.Set {
				if !coded {
					continue
				}
				tp, fp, fn := matchSets(s, gold, got[s], countries)
				if len(gold) == 0 && len(got[s]) == 0 {
					continue
				}
				sc.N++
				sc.TP += tp
				sc.FP += fp
				sc.FN += fn
				if fp > 0 || fn > 0 {
					miss(strings.Join(gold, "; "), strings.Join(got[s], "; "))
				}
				continue
			}
			if !coded || len(gold) == 0 {
				continue
			}
			sc.N++
			p := ""
			if len(got[s]) > 0 {
				p = got[s][0]
			}
			if sameValue(s, gold, p) || s == "country" && sameCountry(gold[0], p, countries) {
				sc.Correct++
			} else {
				miss(strings.Join(gold, "–"), p)
			}
		}
	}
	for _, sc := range rep.Slots {
		if sc.Set {
			sc.Precision = ratio(sc.TP, sc.TP+sc.FP)
			sc.Recall = ratio(sc.TP, sc.TP+sc.FN)
			if sc.Precision+sc.Recall > 0 {
				sc.F1 = 2 * sc.Precision * sc.Recall / (sc.Precision + sc.Recall)
			}
		} else {
			sc.Accuracy = ratio(sc.Correct, sc.N)
		}
	}
	return rep, nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// predict reads the slot values of a record from the extractor's events.
func predict(dataset string, a *muster.Analysis, countries *Countries, types EventTypes) map[string][]string {
	out := map[string][]string{}
	if a == nil || len(a.Events) == 0 {
		switch dataset {
		case "gtd":
			out["killed"], out["wounded"], out["claimed"] = []string{"0"}, []string{"0"}, []string{"0"}
		case "acled":
			out["fatalities"] = []string{"0"}
		case "ucdp":
			out["deaths"] = []string{"0"}
		}
		return out
	}
	ev := a.Events[0]
	killed := figureOf(ev, muster.PredKilled)
	place := map[string]string{}
	for _, c := range ev.Claims {
		if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil {
			if _, ok := place[c.Role]; !ok {
				place[c.Role] = c.Object.Entity.Name
			}
		}
	}
	add := func(slot, v string) {
		if v != "" {
			out[slot] = append(out[slot], v)
		}
	}
	switch dataset {
	case "gtd":
		seen := map[string]bool{}
		claimed := "0"
		for _, e := range a.Events {
			for _, p := range e.Participants {
				if p.Role == muster.RolePerpetrator && !unidentified(p.Entity.Name) && !seen[groupKey(p.Entity.Name)] {
					seen[groupKey(p.Entity.Name)] = true
					add("perpetrator", p.Entity.Name)
				}
			}
			for _, c := range e.Claims {
				if c.Predicate == muster.PredClaimedBy {
					claimed = "1"
				}
			}
		}
		add("claimed", claimed)
		add("country", place["country"])
		add("province", orElse(place["admin1"], place["place"]))
		add("city", orElse(place["city"], place["place"]))
		add("killed", apportioned(a.Document.Text, ev, muster.PredKilled))
		add("wounded", apportioned(a.Document.Text, ev, muster.PredWounded))
		add("killed_stated", killed)
		add("wounded_stated", figureOf(ev, muster.PredWounded))
		add("event_type", types.gtdClass(ev.Type))
	case "acled":
		seen := map[string]bool{}
		for _, p := range ev.Participants {
			k := actorKey(p.Entity.Name, countries)
			if k != "" && !seen[k] {
				seen[k] = true
				add("actors", p.Entity.Name)
			}
		}
		sub := types.acledSubEvent(ev)
		add("sub_event_type", sub)
		add("event_type", acledEventType(sub))
		add("admin1", orElse(place["admin1"], place["place"]))
		add("location", orElse(place["city"], place["place"]))
		add("fatalities", killed)
	case "ucdp":
		seen := map[string]bool{}
		for _, e := range a.Events {
			for _, p := range e.Participants {
				k := actorKey(p.Entity.Name, countries)
				if k != "" && !seen[k] && k != "civilians" {
					seen[k] = true
					add("sides", p.Entity.Name)
				}
			}
		}
		// UCDP texts are several outlets' headlines on one event: the
		// largest figure, not their sum.
		add("deaths", largest(a.Events, muster.PredKilled))
	}
	return out
}

// largest returns the largest figure of predicate p over all events, or "0".
func largest(evs []muster.Event, p muster.Predicate) string {
	best := 0.0
	for _, ev := range evs {
		for _, c := range ev.Claims {
			if c.Predicate != p {
				continue
			}
			v := c.Object.Min
			if v == nil {
				v = c.Object.Max
			}
			if v != nil && *v > best {
				best = *v
			}
		}
	}
	return strconv.FormatFloat(best, 'f', -1, 64)
}

func orElse(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// apportioned is figureOf under GTD's convention for linked incidents: a
// figure the text gives as a total "across" several related attacks ("This
// was one of three related attacks … 96 people were killed across the
// attacks") is divided evenly among them, rounding down, as GTD's coders
// divide it. The number of incidents is read from the text ("one of N",
// "both", "the N attacks"); without one the stated figure stands.
func apportioned(text string, ev muster.Event, p muster.Predicate) string {
	n := incidentCount(text)
	if n < 2 {
		return figureOf(ev, p)
	}
	// The total is divided, not each of its parts: "at least 14
	// assailants and one police officer were killed across the ensuing
	// clashes" is 15 across three, five each, as the coders count it,
	// though the extractor states a figure for each side.
	var shared muster.Event
	shared.Claims = make([]muster.Claim, 0, len(ev.Claims))
	totals := map[muster.Attribution]int{} // source → the claim that holds its total
	sums := map[int]float64{}
	for _, c := range ev.Claims {
		if c.Predicate == p && len(c.Evidence) > 0 && acrossIncidents(text, c.Evidence[0]) {
			v := c.Object.Min
			if v == nil {
				v = c.Object.Max
			}
			if v != nil {
				at, ok := totals[c.AttributedTo]
				if !ok {
					at = len(shared.Claims)
					totals[c.AttributedTo] = at
					shared.Claims = append(shared.Claims, c)
				}
				sums[at] += *v
				continue
			}
		}
		shared.Claims = append(shared.Claims, c)
	}
	for at, total := range sums {
		d := math.Floor(total / float64(n))
		shared.Claims[at].Object = muster.NumberValue(shared.Claims[at].Object.Text, d, d, "")
	}
	return figureOf(shared, p)
}

var incidentWords = map[string]int{"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

// incidentCount reads how many linked incidents a text reports: "one of
// (at least) three related attacks", "both attacks", "the four events".
func incidentCount(text string) int {
	l := strings.ToLower(text)
	if i := strings.Index(l, "one of "); i >= 0 {
		ws := strings.Fields(l[i+len("one of "):])
		if len(ws) > 0 && ws[0] == "at" && len(ws) > 2 {
			ws = ws[2:]
		}
		if len(ws) > 0 {
			if n, ok := incidentWords[ws[0]]; ok {
				return n
			}
			if n, err := strconv.Atoi(ws[0]); err == nil && n > 1 && n < 100 {
				return n
			}
		}
	}
	for _, w := range []string{"both attacks", "both incidents", "both blasts", "both events", "both assaults", "both clashes", "both bombings"} {
		if strings.Contains(l, w) {
			return 2
		}
	}
	for w, n := range incidentWords {
		for _, noun := range []string{" attacks", " events", " incidents", " assaults", " blasts"} {
			if strings.Contains(l, "the "+w+noun) {
				return n
			}
		}
	}
	return 0
}

// acrossIncidents reports whether a figure's sentence gives it as a total
// over several incidents ("across the attacks", "across both attacks").
func acrossIncidents(text string, e muster.Evidence) bool {
	if e.Sentence == nil {
		return false
	}
	sp := muster.ByteOffsets(text, *e.Sentence)
	l := strings.ToLower(text[sp.Start:sp.End])
	return strings.Contains(l, "across") || strings.Contains(l, "in both") || strings.Contains(l, "in the two attacks")
}

// figureOf sums an event's publisher-voice claims of predicate p, or takes
// the largest attributed one; no claim gives "0".
func figureOf(ev muster.Event, p muster.Predicate) string {
	own, other := 0.0, -1.0
	hasOwn := false
	for _, c := range ev.Claims {
		if c.Predicate != p {
			continue
		}
		v := c.Object.Min
		if v == nil {
			v = c.Object.Max
		}
		if v == nil {
			continue
		}
		if c.AttributedTo.Type == muster.SourcePublisher {
			own += *v
			hasOwn = true
		} else if *v > other {
			other = *v
		}
	}
	switch {
	case hasOwn:
		return strconv.FormatFloat(own, 'f', -1, 64)
	case other >= 0:
		return strconv.FormatFloat(other, 'f', -1, 64)
	}
	return "0"
}

// sameValue compares an exact slot.
func sameValue(slot string, gold []string, got string) bool {
	switch slot {
	case "killed", "wounded", "fatalities", "claimed", "killed_stated", "wounded_stated":
		return gold[0] == got
	case "deaths":
		g, err := strconv.ParseFloat(got, 64)
		if err != nil || len(gold) < 2 {
			return false
		}
		lo, _ := strconv.ParseFloat(gold[0], 64)
		hi, _ := strconv.ParseFloat(gold[1], 64)
		return lo <= g && g <= hi
	case "country", "province", "city", "admin1", "location":
		return placeKey(gold[0]) == placeKey(got) && got != ""
	}
	return gold[0] == got
}

// sameCountry reports whether two names are one country's in the
// countries table ("DR Congo" and GTD's "Democratic Republic of the
// Congo", "United States" and "USA"): the slot scores which country
// muster placed the event in, not which of its names the store shows.
func sameCountry(gold, got string, countries *Countries) bool {
	g := countries.country(gold)
	return g != "" && g == countries.country(got)
}

// placeKey folds a place name: NameKey without admin words ("Tillaberi
// region", "Kyiv City", "Yangi Qala district") and without bracketed parts.
func placeKey(s string) string {
	s = stripBrackets(s)
	ws := strings.Fields(muster.NameKey(s))
	var keep []string
	for _, w := range ws {
		switch w {
		case "district", "province", "region", "state", "governorate", "city", "village", "town", "area",
			"oblast", "county", "municipality", "raion", "division", "department", "prefecture", "territory",
			"community", "territorial", "hromada":
			continue
		}
		keep = append(keep, w)
	}
	return strings.Join(keep, " ")
}

func stripBrackets(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch r {
		case '(', '[':
			depth++
		case ')', ']':
			if depth > 0 {
				depth--
			}
		default:
			if depth == 0 {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}

// acronymOf returns the bracketed acronym of a name: "Tehrik-i-Taliban
// Pakistan (TTP)" gives "ttp".
func acronymOf(s string) string {
	i := strings.LastIndexByte(s, '(')
	j := strings.LastIndexByte(s, ')')
	if i < 0 || j < i {
		return ""
	}
	a := s[i+1 : j]
	up := 0
	for _, r := range a {
		if unicode.IsUpper(r) {
			up++
		}
	}
	if up < 2 || strings.Count(a, " ") > 1 {
		return ""
	}
	return muster.NameKey(a)
}

// groupKey folds a group name: no brackets, no "the", lower case.
func groupKey(s string) string { return muster.NameKey(stripBrackets(s)) }

// sameGroup reports whether two perpetrator names name one group: equal
// after folding, equal acronyms, an acronym against the full name, one name
// the other's head ("Taliban militants" and "Taliban"), or one a named part
// "of" the other.
func sameGroup(a, b string) bool {
	ka, kb := groupKey(a), groupKey(b)
	if ka == "" || kb == "" {
		return false
	}
	if ka == kb {
		return true
	}
	aa, ab := acronymOf(a), acronymOf(b)
	if aa != "" && (aa == ab || aa == kb) || ab != "" && ab == ka {
		return true
	}
	// The bracketed part may be the name used ("Houthi extremists (Ansar Allah)").
	if inner := muster.NameKey(strings.Trim(strings.TrimPrefix(b[max(0, strings.LastIndexByte(b, '(')):], "("), ")")); strings.Contains(b, "(") && inner == ka {
		return true
	}
	if inner := muster.NameKey(strings.Trim(strings.TrimPrefix(a[max(0, strings.LastIndexByte(a, '(')):], "("), ")")); strings.Contains(a, "(") && inner == kb {
		return true
	}
	short, long := ka, kb
	if len(short) > len(long) {
		short, long = long, short
	}
	// A named part of a group is the group: "Qasem al-Jabbarin of
	// Kata'ib Hezbollah", "Derry Brigade of the New Irish Republican Army".
	return strings.HasPrefix(long, short+" ") || strings.HasSuffix(long, " of "+short) || strings.HasSuffix(long, " of the "+short)
}

func unidentified(name string) bool {
	k := muster.NameKey(name)
	return strings.HasPrefix(k, "unknown") || strings.HasPrefix(k, "unidentified")
}

// matchSets counts true positives, false positives and false negatives
// between gold and predicted names.
func matchSets(slot string, gold, got []string, countries *Countries) (tp, fp, fn int) {
	same := sameGroup
	if slot != "perpetrator" {
		same = func(a, b string) bool {
			ka, kb := actorKey(a, countries), actorKey(b, countries)
			return ka != "" && (ka == kb || separatistSide(ka, kb) || separatistSide(kb, ka))
		}
	}
	// Gold names that fold to one entity count once.
	var g []string
	for _, x := range gold {
		dup := false
		for _, y := range g {
			if same(x, y) {
				dup = true
			}
		}
		if !dup {
			g = append(g, x)
		}
	}
	used := make([]bool, len(g))
	for _, p := range got {
		hit := false
		for i, x := range g {
			if !used[i] && same(p, x) {
				used[i], hit = true, true
				break
			}
		}
		if hit {
			tp++
		} else {
			fp++
		}
	}
	for _, u := range used {
		if !u {
			fn++
		}
	}
	return tp, fp, fn
}

// acledActorKey and actorKey put ACLED's and UCDP's actor names and the
// names muster extracts on one key. The table follows ACLED's and UCDP's
// naming conventions (not any record):
//
//	Military Forces of X (YYYY-) [unit]   military:X   ("Russian forces", "Ukrainian positions")
//	Police Forces of X (YYYY-) [unit]     police:X     ("Ukrainian police")
//	Government of X (…)                   military:X   (UCDP state sides)
//	Civilians (X)                         civilians
//	Protesters (X) / Rioters (X)          protesters / rioters
//	Unidentified Armed Group (X)          unidentified armed group ("unknown gunmen")
//	Unidentified Military Forces          unidentified military
//	NAF: United Armed Forces of Novorossiya / United Armed Forces of Novorossiya   naf
//	DPR / Donetsk People's Republic / Military Forces of Russia (2000-) Donetsk People's Militia   dpr
//	LPR / Luhansk People's Republic / … Luhansk People's Militia   lpr
//	X Communal Militia (Y)                communal militia
//	pro-Russian / Russian-backed separatists, rebels, militants …   separatists
//	                                      (matches dpr, lpr and naf: the text names the side, not which republic's)
//	anything else                         its folded name
func actorKey(name string, countries *Countries) string {
	raw := strings.TrimSpace(name)
	if raw == "" {
		return ""
	}
	low := strings.ToLower(raw)
	k := muster.NameKey(stripBrackets(raw))
	switch {
	case strings.HasPrefix(low, "naf"), strings.Contains(low, "novorossiya"):
		return "naf"
	case k == "dpr" || strings.HasPrefix(k, "donetsk people s republic") || strings.HasPrefix(k, "donetsk peoples republic") || strings.HasSuffix(k, "donetsk people s militia") || strings.HasSuffix(k, "donetsk peoples militia"):
		return "dpr"
	case k == "lpr" || strings.HasPrefix(k, "luhansk people s republic") || strings.HasPrefix(k, "luhansk peoples republic") || strings.HasSuffix(k, "luhansk people s militia") || strings.HasSuffix(k, "luhansk peoples militia"):
		return "lpr"
	case strings.HasPrefix(low, "civilians") || k == "civilian" || k == "residents" || k == "resident":
		return "civilians"
	case strings.HasPrefix(low, "protesters") || strings.HasPrefix(low, "demonstrators"):
		return "protesters"
	case strings.HasPrefix(low, "rioters"):
		return "rioters"
	case strings.HasPrefix(low, "unidentified military"):
		return "unidentified military"
	case strings.HasPrefix(low, "unidentified") || strings.HasPrefix(low, "unknown"):
		return "unidentified armed group"
	case strings.Contains(low, "communal militia"):
		return "communal militia"
	case (strings.HasPrefix(k, "pro russian ") || strings.HasPrefix(k, "russian backed ") || strings.HasPrefix(k, "moscow backed ") || strings.HasPrefix(k, "kremlin backed ") || strings.HasPrefix(k, "pro kremlin ") || strings.HasPrefix(k, "pro moscow ")):
		return "separatists"
	}
	for _, pre := range []string{"military forces of ", "armed forces of ", "government of ", "police forces of "} {
		if strings.HasPrefix(k, pre) {
			rest := strings.Fields(k[len(pre):])
			kind := "military"
			if pre == "police forces of " {
				kind = "police"
			}
			// "Military Forces of Russia (2000-) Air Force": the country is
			// the first one or two words that name one.
			for n := min(3, len(rest)); n >= 1; n-- {
				if c := countries.country(strings.Join(rest[:n], " ")); c != "" {
					return kind + ":" + c
				}
			}
			if len(rest) > 0 {
				return kind + ":" + rest[0]
			}
		}
	}
	// "Russian forces", "Ukrainian and Russian military", "Ukrainian police".
	ws := strings.Fields(k)
	if len(ws) >= 2 {
		if c := countries.country(ws[0]); c != "" {
			kind := "military"
			for _, w := range ws[1:] {
				if w == "police" || w == "policemen" || w == "emergency" || w == "rescuers" {
					kind = "police"
				}
			}
			return kind + ":" + c
		}
	}
	return k
}

// separatistSide reports a described separatist side (key "separatists")
// against one of the Donbas republics' forces as UCDP and ACLED name them.
func separatistSide(desc, named string) bool {
	return desc == "separatists" && (named == "dpr" || named == "lpr" || named == "naf")
}

// SortedSlots returns the report's slot names in the data set's order.
func (r *EventReport) SortedSlots() []string {
	var order []string
	switch r.Dataset {
	case "gtd":
		order = GTDSlots
	case "acled":
		order = ACLEDSlots
	case "ucdp":
		order = UCDPSlots
	}
	out := append([]string(nil), order...)
	for s := range r.Slots {
		found := false
		for _, o := range order {
			found = found || o == s
		}
		if !found {
			out = append(out, s)
		}
	}
	sort.SliceStable(out[len(order):], func(i, j int) bool { return out[len(order)+i] < out[len(order)+j] })
	return out
}

// acledSubEvent maps a muster event to ACLED's sub-event types: a weapon
// intercepted or defused (an outcome claim) is "Disrupted weapons use"; an
// attack whose target is an armed force is an "Armed clash"; any other
// event has its type's sub-event type in m.
func (m EventTypes) acledSubEvent(ev muster.Event) string {
	for _, c := range ev.Claims {
		if c.Predicate == muster.PredOutcome {
			l := strings.ToLower(c.Object.Text)
			for _, w := range []string{"intercept", "shot down", "shooting down", "defus", "dismantl", "disarm", "demin"} {
				if strings.Contains(l, w) {
					return "Disrupted weapons use"
				}
			}
		}
	}
	if ev.Type == muster.EventAttack {
		for _, p := range ev.Participants {
			if p.Role == muster.RoleTarget && (p.Entity.Type == string(muster.EntityStateForce) || p.Entity.Type == string(muster.EntityArmedGroup)) {
				return "Armed clash"
			}
		}
	}
	return m[ev.Type].ACLED
}

// acledEventType maps ACLED sub-event types to their event types (ACLED
// codebook).
func acledEventType(sub string) string {
	switch sub {
	case "Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED", "Grenade":
		return "Explosions/Remote violence"
	case "Armed clash":
		return "Battles"
	case "Peaceful protest":
		return "Protests"
	case "Attack", "Abduction/forced disappearance":
		return "Violence against civilians"
	case "Arrests", "Disrupted weapons use", "Looting/property destruction", "Non-violent transfer of territory":
		return "Strategic developments"
	}
	return ""
}
