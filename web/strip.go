package web

import (
	"sort"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
)

// stripItem is one dated mark on a profile's timeline strip: a leadership
// claim or an event.
type stripItem struct {
	Date  string
	X     float64
	Kind  string // "leader" or the event type
	Label string
	Link  string
}

// timeStrip is a profile's leadership and events on one time axis.
type timeStrip struct {
	W     float64
	Items []stripItem
	Ticks []tick
}

// strip places the profile's dated leadership claims (their time
// qualifier, else their document's date) and events on an axis.
func strip(p *query.Profile) *timeStrip {
	docDate := map[string]string{}
	for _, d := range p.Documents {
		if !d.Published.IsZero() {
			docDate[d.ID] = d.Published.Format("2006-01-02")
		}
	}
	var items []stripItem
	for _, c := range p.Claims {
		if c.Subject.ID != p.Entity.ID {
			continue
		}
		switch c.Predicate {
		case muster.PredLeader, muster.PredCommander, muster.PredFoundedBy, muster.PredSpokesperson, muster.PredFounded:
		default:
			continue
		}
		date := ""
		if c.Time != nil {
			date = c.Time.From
		} else if c.Predicate == muster.PredFounded {
			date = c.Object.From
		} else if len(c.Evidence) > 0 {
			date = docDate[c.Evidence[0].Document]
		}
		if date == "" || len(c.Evidence) == 0 {
			continue
		}
		items = append(items, stripItem{Date: date, Kind: "leader", Label: pretty(c.Predicate) + ": " + c.Object.String(), Link: evidenceLink(c.Evidence[0])})
	}
	for _, ev := range p.Events {
		if ev.Time == nil || ev.Time.From == "" || len(ev.Evidence) == 0 {
			continue
		}
		items = append(items, stripItem{Date: ev.Time.From, Kind: string(ev.Type), Label: ev.Label, Link: evidenceLink(ev.Evidence[0])})
	}
	if len(items) == 0 {
		return nil
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].Date < items[j].Date })
	lo, err1 := time.Parse("2006-01-02", items[0].Date)
	hi, err2 := time.Parse("2006-01-02", items[len(items)-1].Date)
	if err1 != nil || err2 != nil {
		return nil
	}
	st := &timeStrip{W: 900}
	span := hi.Sub(lo).Hours()
	left, width := 20.0, st.W-40
	for i := range items {
		t, err := time.Parse("2006-01-02", items[i].Date)
		x := left + width/2
		if err == nil && span > 0 {
			x = left + t.Sub(lo).Hours()/span*width
		}
		items[i].X = round1(x)
	}
	st.Items = items
	for y := lo.Year(); y <= hi.Year(); y++ {
		t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		if t.Before(lo) || span == 0 {
			continue
		}
		st.Ticks = append(st.Ticks, tick{X: round1(left + t.Sub(lo).Hours()/span*width), Label: t.Format("2006")})
	}
	if len(st.Ticks) > 12 {
		st.Ticks = st.Ticks[len(st.Ticks)-12:]
	}
	return st
}

func pretty(p muster.Predicate) string {
	b := []byte(p)
	for i, c := range b {
		if c == '_' {
			b[i] = ' '
		}
	}
	return string(b)
}
