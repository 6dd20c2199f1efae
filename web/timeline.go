package web

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/muster-osint/muster"
)

// eventsPerPage is the timeline's page size.
const eventsPerPage = 50

// eventView is an event card: the event with its places placed, the
// documents that tell it and the disagreements about it.
type eventView struct {
	Ev      muster.Event
	Places  []placeView
	Sources []sourceView
	Contras []contraView
}

// placeView is a place with its country and admin area.
type placeView struct {
	Ref              muster.Ref
	Country, Admin1  string
	Lat, Lon         float64
	Geocoded, Coarse bool
}

// sourceView is a document that tells an event, linked to the words.
type sourceView struct {
	Doc  muster.DocumentRef
	Name string // its title or first words
	Link string // the document page at the quote
}

// bucket is a day, week or month of the timeline with its events.
type bucket struct {
	Label  string
	Events []eventView
}

func (s *Server) viewEvent(snap *snapshot, ev muster.Event) eventView {
	// One line per participant and role: a group named twice in a story
	// is one participant.
	seenP := map[string]bool{}
	parts := ev.Participants[:0:0]
	for _, p := range ev.Participants {
		k := p.Entity.ID + "|" + p.Entity.Name + "|" + p.Role
		if !seenP[k] {
			seenP[k] = true
			parts = append(parts, p)
		}
	}
	ev.Participants = parts
	v := eventView{Ev: ev}
	for _, p := range ev.Places {
		v.Places = append(v.Places, snap.placeView(p))
	}
	seen := map[string]bool{}
	evidence := ev.Evidence
	if len(evidence) == 0 { // an event stored without its own words: its claims'
		for _, c := range ev.Claims {
			evidence = append(evidence, c.Evidence...)
		}
	}
	for _, e := range evidence {
		if seen[e.Document] {
			continue
		}
		seen[e.Document] = true
		d, ok := snap.docs[e.Document]
		if !ok {
			d = muster.DocumentRef{ID: e.Document}
		}
		v.Sources = append(v.Sources, sourceView{Doc: d, Name: snap.title(d), Link: evidenceLink(e)})
	}
	for _, i := range snap.byEvent[ev.ID] {
		v.Contras = append(v.Contras, snap.contraView(snap.contradictions[i]))
	}
	return v
}

func (snap *snapshot) placeView(p muster.Ref) placeView {
	pv := placeView{Ref: p}
	if e, ok := snap.places[p.ID]; ok && e.Place != nil {
		pv.Country, pv.Admin1, pv.Lat, pv.Lon, pv.Geocoded = e.Place.Country, e.Place.Admin1, e.Place.Lat, e.Place.Lon, true
		pv.Coarse = e.Place.Precision == muster.PrecisionCountry
	}
	return pv
}

func evidenceLink(e muster.Evidence) string {
	return "/documents/" + e.Document + "?at=" + strconv.Itoa(e.Start) + "-" + strconv.Itoa(e.End) + "#at"
}

func (s *Server) pageEvents(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseFilter(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	snap, err := s.snaps.get(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	evs := snap.filtered(f)
	pg, err := paginate(r, len(evs), eventsPerPage, f.Query())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	unit := groupUnit(evs)
	var buckets []bucket
	for _, ev := range evs[pg.From:pg.To] {
		label := bucketLabel(ev, unit)
		if len(buckets) == 0 || buckets[len(buckets)-1].Label != label {
			buckets = append(buckets, bucket{Label: label})
		}
		b := &buckets[len(buckets)-1]
		b.Events = append(b.Events, s.viewEvent(snap, ev))
	}
	s.render(w, r, "events.html", map[string]any{"Title": "Events", "F": f, "Snap": snap, "Page": pg, "Buckets": buckets,
		"Unit": unit, "Chart": eventChart(evs, f), "Count": len(evs), "All": len(snap.events)})
}

// pageEvent shows one event, with its sources and disagreements, and
// links to the timeline and the map around it.
func (s *Server) pageEvent(w http.ResponseWriter, r *http.Request) {
	snap, err := s.snaps.get(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	id := r.PathValue("id")
	i, ok := snap.eventIndex[id]
	if !ok {
		s.pageError(w, r, muster.Errorf(muster.KindNotFound, "event %s not found", id))
		return
	}
	ev := snap.events[i]
	var around filter
	if t, ok := startTime(ev); ok {
		around.From, around.To = t.AddDate(0, 0, -7).Format("2006-01-02"), t.AddDate(0, 0, 7).Format("2006-01-02")
	}
	s.render(w, r, "event.html", map[string]any{"Title": ev.Label, "E": s.viewEvent(snap, ev), "Around": around})
}

// groupUnit is how the timeline groups events: by day over a span of up
// to two months, by week up to a year and a half, else by month. The span
// is that of the middle 90% of the events, so one stray date decades back
// does not coarsen the whole list.
func groupUnit(evs []muster.Event) string {
	lo, hi, ok := bulkSpan(evs)
	if !ok {
		return "day"
	}
	days := hi.Sub(lo).Hours() / 24
	switch {
	case days <= 62:
		return "day"
	case days <= 550:
		return "week"
	}
	return "month"
}

// bulkSpan returns the 5th and 95th percentile of the events' start dates.
func bulkSpan(evs []muster.Event) (lo, hi time.Time, ok bool) {
	var ts []time.Time
	for _, ev := range evs {
		if t, ok := startTime(ev); ok {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 {
		return lo, hi, false
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Before(ts[j]) })
	return ts[len(ts)*5/100], ts[(len(ts)-1)*95/100], true
}

func startTime(ev muster.Event) (time.Time, bool) {
	if ev.Time == nil || ev.Time.From == "" {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", ev.Time.From)
	return t, err == nil
}

func bucketLabel(ev muster.Event, unit string) string {
	t, ok := startTime(ev)
	if !ok {
		return "Date not known"
	}
	switch unit {
	case "day":
		return t.Format("Monday 2 January 2006")
	case "week":
		m := weekStart(t)
		return "Week of " + m.Format("2 January 2006")
	}
	return t.Format("January 2006")
}

// weekStart returns the Monday of t's week.
func weekStart(t time.Time) time.Time {
	wd := (int(t.Weekday()) + 6) % 7
	return time.Date(t.Year(), t.Month(), t.Day()-wd, 0, 0, 0, 0, time.UTC)
}

// chart is the events-per-week (or month) bar chart of the filtered
// events, kinds stacked, as SVG drawn by the template.
type chart struct {
	W, H, Base float64
	Unit       string
	Bars       []bar
	Ticks      []tick
	Max        int
	Kinds      []kindSwatch
	Outside    int    // dated events outside the charted range
	Imprecise  int    // events known only to the season or year, not charted
	Range      string // the charted range, "2022-02-21 – 2024-05-27"
}

type bar struct {
	X, W     float64
	Segments []segment
	Title    string
	Link     string // the timeline filtered to the bar's days
}

type segment struct {
	Y, H float64
	Kind string
}

type tick struct {
	X     float64
	Label string
}

type kindSwatch struct{ Kind string }

// chartable reports whether an event's date is precise enough to put in a
// week: known to the day or the month.
func chartable(ev muster.Event) bool {
	if ev.Time == nil {
		return false
	}
	switch ev.Time.Precision {
	case muster.PrecisionDay, muster.PrecisionMonth, "":
		return true
	}
	return false
}

// eventChart bins the events dated to the day or month by week (by month
// when the bulk spans more than two and a half years); events outside the
// middle 90% of dates are counted, not drawn, so a stray date does not
// flatten the chart.
func eventChart(evs []muster.Event, f filter) *chart {
	var sorted []time.Time
	imprecise := 0
	for _, ev := range evs {
		if t, ok := startTime(ev); ok {
			if !chartable(ev) {
				imprecise++
				continue
			}
			sorted = append(sorted, t)
		}
	}
	if len(sorted) == 0 {
		return nil
	}
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].Before(sorted[j]) })
	lo, hi := sorted[0], sorted[len(sorted)-1]
	if len(sorted) >= 20 {
		lo, hi = sorted[len(sorted)*5/100], sorted[(len(sorted)-1)*95/100]
	}
	c := &chart{W: 900, H: 170, Base: 140, Unit: "week", Imprecise: imprecise}
	if hi.Sub(lo) > 913*24*time.Hour {
		c.Unit = "month"
	}
	start := func(t time.Time) time.Time {
		if c.Unit == "week" {
			return weekStart(t)
		}
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	next := func(t time.Time) time.Time {
		if c.Unit == "week" {
			return t.AddDate(0, 0, 7)
		}
		return t.AddDate(0, 1, 0)
	}
	first, last := start(lo), start(hi)
	var bins []time.Time
	for t := first; !t.After(last); t = next(t) {
		bins = append(bins, t)
	}
	index := map[time.Time]int{}
	for i, b := range bins {
		index[b] = i
	}
	counts := make([]map[string]int, len(bins))
	kinds := map[string]bool{}
	for _, ev := range evs {
		t, ok := startTime(ev)
		if !ok || !chartable(ev) {
			continue
		}
		i, in := index[start(t)]
		if !in {
			c.Outside++
			continue
		}
		if counts[i] == nil {
			counts[i] = map[string]int{}
		}
		counts[i][string(ev.Type)]++
		kinds[string(ev.Type)] = true
	}
	var kindList []string
	for k := range kinds {
		kindList = append(kindList, k)
	}
	sort.Strings(kindList)
	for _, k := range kindList {
		c.Kinds = append(c.Kinds, kindSwatch{k})
	}
	for _, m := range counts {
		n := 0
		for _, v := range m {
			n += v
		}
		c.Max = max(c.Max, n)
	}
	left, width := 30.0, c.W-40
	bw := width / float64(len(bins))
	scale := (c.Base - 10) / float64(max(c.Max, 1))
	for i, b := range bins {
		if counts[i] == nil {
			continue
		}
		x := left + float64(i)*bw
		br := bar{X: round1(x + bw*0.1), W: round1(max(bw*0.8, 1))}
		y, n := c.Base, 0
		for _, k := range kindList {
			if v := counts[i][k]; v > 0 {
				h := float64(v) * scale
				y -= h
				n += v
				br.Segments = append(br.Segments, segment{Y: round1(y), H: round1(h), Kind: k})
			}
		}
		end := next(b).AddDate(0, 0, -1)
		br.Title = fmt.Sprintf("%s – %s: %d event(s)", b.Format("2 Jan 2006"), end.Format("2 Jan 2006"), n)
		g := f
		g.From, g.To = b.Format("2006-01-02"), end.Format("2006-01-02")
		br.Link = "/events?" + g.Query()
		c.Bars = append(c.Bars, br)
	}
	// Ticks: months (or years when there are many), at most about 12.
	step := 1
	months := int(last.Sub(first).Hours()/24/30) + 1
	for months/step > 12 {
		step *= 2
	}
	for t := time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, time.UTC); !t.After(next(last)); t = t.AddDate(0, step, 0) {
		if t.Before(first) {
			continue
		}
		x := left + float64(t.Sub(first).Hours())/float64(next(last).Sub(first).Hours())*width
		label := t.Format("Jan 2006")
		if step >= 12 {
			label = t.Format("2006")
		}
		c.Ticks = append(c.Ticks, tick{X: round1(x), Label: label})
	}
	c.Range = first.Format("2 Jan 2006") + " – " + next(last).AddDate(0, 0, -1).Format("2 Jan 2006")
	return c
}
