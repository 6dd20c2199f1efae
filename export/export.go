// Package export writes muster's knowledge in formats other tools read:
// JSON Lines (every entity, event and claim in the shapes of DESIGN §6)
// and ACLED-style CSV events, where a figure sources disagree on keeps its
// range and its sources instead of one averaged number.
package export

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/muster-osint/muster"
)

// Record is one line of the JSON Lines export: what it is and the value.
type Record struct {
	Type string `json:"type"` // entity, event, claim
	Data any    `json:"data"`
}

// JSONL writes entities, events and claims, one JSON object a line.
func JSONL(w io.Writer, entities []muster.Entity, events []muster.Event, claims []muster.Claim) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, e := range entities {
		if err := enc.Encode(Record{"entity", e}); err != nil {
			return fmt.Errorf("export jsonl: entity %s: %w", e.ID, err)
		}
	}
	for _, ev := range events {
		if err := enc.Encode(Record{"event", ev}); err != nil {
			return fmt.Errorf("export jsonl: event %s: %w", ev.ID, err)
		}
	}
	for _, c := range claims {
		if err := enc.Encode(Record{"claim", c}); err != nil {
			return fmt.Errorf("export jsonl: claim %s: %w", c.ID, err)
		}
	}
	return nil
}

// CSVHeader is the header of EventsCSV: ACLED's columns where muster has
// them, and the sources of each figure.
var CSVHeader = []string{
	"event_id", "event_date", "date_to", "time_precision", "event_type", "actor1", "actor2",
	"location", "country", "admin1", "latitude", "longitude", "geo_precision",
	"fatalities_min", "fatalities_max", "fatalities_sources", "wounded_min", "wounded_max",
	"notes", "documents",
}

// EventsCSV writes one row per event. places gives the geocoded place of
// an entity id (events name their places by Ref). Actor1 holds the
// perpetrators and actors, actor2 the targets and defenders, ";"-joined.
// A figure's min and max span every claim about it, and its sources list
// each claim's figure and who gives it, so a disagreement stays visible.
func EventsCSV(w io.Writer, events []muster.Event, places map[string]muster.Place) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	for _, ev := range events {
		row := eventRow(ev, places)
		for i := range row {
			row[i] = SafeCell(row[i])
		}
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("export csv: event %s: %w", ev.ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// SafeCell neutralises a CSV cell a spreadsheet would run as a formula
// (issue 14; OWASP "CSV Injection"): a cell beginning with =, +, -, @, a
// tab or a carriage return gets a leading apostrophe, so the article text
// in notes or an actor's name ("=HYPERLINK(…)") is shown, never run. A
// cell that is a plain number ("-33.9", a longitude) is left as it is:
// no spreadsheet runs it, and its column stays numeric.
func SafeCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil && s[0] != '=' && s[0] != '@' {
		return s
	}
	return "'" + s
}

func eventRow(ev muster.Event, places map[string]muster.Place) []string {
	var from, to, prec string
	if ev.Time != nil {
		from, to, prec = ev.Time.From, ev.Time.To, string(ev.Time.Precision)
	}
	var actor1, actor2 []string
	for _, p := range ev.Participants {
		switch p.Role {
		case muster.RoleTarget, muster.RoleDefender:
			actor2 = appendNew(actor2, p.Entity.Name)
		default:
			actor1 = appendNew(actor1, p.Entity.Name)
		}
	}
	var loc, country, admin1, lat, lon, gprec string
	for _, p := range ev.Places {
		pl, ok := places[p.ID]
		if !ok {
			if loc == "" {
				loc = p.Name
			}
			continue
		}
		// The most precise place wins: a town over a region over a country.
		if loc == "" || rank(pl.Precision) < rank(gprec) {
			loc, country, admin1, gprec = p.Name, pl.Country, pl.Admin1, pl.Precision
			lat, lon = strconv.FormatFloat(pl.Lat, 'f', 5, 64), strconv.FormatFloat(pl.Lon, 'f', 5, 64)
		}
	}
	kmin, kmax, ksrc := figures(ev.Claims, muster.PredKilled)
	wmin, wmax, _ := figures(ev.Claims, muster.PredWounded)
	var notes string
	if len(ev.Evidence) > 0 {
		notes = ev.Evidence[0].Quote
	}
	docs := map[string]bool{}
	for _, e := range ev.Evidence {
		docs[e.Document] = true
	}
	return []string{ev.ID, from, to, prec, string(ev.Type), strings.Join(actor1, "; "), strings.Join(actor2, "; "),
		loc, country, admin1, lat, lon, gprec, kmin, kmax, ksrc, wmin, wmax, notes, strings.Join(sortedKeys(docs), "; ")}
}

func rank(precision string) int {
	switch precision {
	case muster.PrecisionExact:
		return 0
	case muster.PrecisionNear:
		return 1
	case muster.PrecisionRegion:
		return 2
	case muster.PrecisionCountry:
		return 3
	}
	return 4
}

// figures returns the lowest minimum and highest maximum of the claims
// with the predicate ("" when open), and each claim's figure with its source.
func figures(claims []muster.Claim, pred muster.Predicate) (min, max, sources string) {
	var lo, hi *float64
	open := false
	var src []string
	for _, c := range claims {
		if c.Predicate != pred || c.Object.Kind != muster.ValueNumber {
			continue
		}
		v := c.Object
		if v.Min != nil && (lo == nil || *v.Min < *lo) {
			lo = v.Min
		}
		if v.Max == nil {
			open = true
		} else if hi == nil || *v.Max > *hi {
			hi = v.Max
		}
		s := v.RangeString() + " per " + c.AttributedTo.Name + " (" + string(c.Modality) + ")"
		if c.Role != "" {
			s = v.RangeString() + " " + c.Role + " per " + c.AttributedTo.Name + " (" + string(c.Modality) + ")"
		}
		src = append(src, s)
	}
	f := func(p *float64) string {
		if p == nil {
			return ""
		}
		return strconv.FormatFloat(*p, 'f', -1, 64)
	}
	if open {
		hi = nil
	}
	return f(lo), f(hi), strings.Join(src, "; ")
}

func appendNew(s []string, v string) []string {
	for _, x := range s {
		if x == v {
			return s
		}
	}
	return append(s, v)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
