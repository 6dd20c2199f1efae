package query

import (
	"sort"
	"strings"

	"github.com/muster-osint/muster"
)

// Summary is a profile's card: who or what the entity is at a glance,
// each line backed by the claims in the profile (Mapping Militants' group
// pages set the bar: names, founding, leaders, size over time, allies and
// rivals, area of operations, last seen).
type Summary struct {
	Names     []string
	Founded   []Fact // founding dates, each with its sources
	Leaders   []Fact // leaders, commanders, founders, spokespeople
	Sizes     []Fact // size figures, in the order their documents appeared
	SizeRange string // lowest to highest figure given, "" without any
	Allies    []Fact // allied_with, backed_by, part_of
	Opponents []Fact // opposes, and the other side in its events
	Area      []Fact // based_in, active_in, and where its events happened
	LastSeen  string // the latest event date or document date
}

// Fact is one value with the number of claims (sources) that give it.
type Fact struct {
	Text    string
	Role    string // the predicate, in words
	Ref     *muster.Ref
	Date    string // the date of its earliest document, when known
	Sources int
}

// Summarize builds the card of a profile from its claims and events.
func Summarize(p *Profile) Summary {
	s := Summary{Names: []string{p.Entity.Name}}
	for _, a := range p.Entity.Aliases {
		if !containsFold(s.Names, a.Name) {
			s.Names = append(s.Names, a.Name)
		}
	}
	docDate := map[string]string{}
	last := ""
	for _, d := range p.Documents {
		if !d.Published.IsZero() {
			docDate[d.ID] = d.Published.Format("2006-01-02")
			last = max(last, docDate[d.ID])
		}
	}
	dateOf := func(c muster.Claim) string {
		best := ""
		for _, e := range c.Evidence {
			if d := docDate[e.Document]; d != "" && (best == "" || d < best) {
				best = d
			}
		}
		return best
	}
	add := func(list []Fact, c muster.Claim, ref *muster.Ref, text string) []Fact {
		role := strings.ReplaceAll(string(c.Predicate), "_", " ")
		for i := range list {
			if strings.EqualFold(list[i].Text, text) && list[i].Role == role {
				list[i].Sources++
				if d := dateOf(c); d != "" && (list[i].Date == "" || d < list[i].Date) {
					list[i].Date = d
				}
				return list
			}
		}
		return append(list, Fact{Text: text, Role: role, Ref: ref, Date: dateOf(c), Sources: 1})
	}
	var lo, hi *float64
	open := false
	for _, c := range p.Claims {
		if c.Subject.ID != p.Entity.ID || c.Modality == muster.Denied {
			continue
		}
		text, ref := c.Object.String(), c.Object.Entity
		switch c.Predicate {
		case muster.PredFounded:
			s.Founded = add(s.Founded, c, nil, text)
		case muster.PredLeader, muster.PredCommander, muster.PredFoundedBy, muster.PredSpokesperson:
			s.Leaders = add(s.Leaders, c, ref, text)
		case muster.PredSize:
			s.Sizes = add(s.Sizes, c, nil, text)
			v := c.Object
			if v.Min != nil && (lo == nil || *v.Min < *lo) {
				lo = v.Min
			}
			if v.Max == nil {
				open = true
			} else if hi == nil || *v.Max > *hi {
				hi = v.Max
			}
		case muster.PredAlliedWith, muster.PredPartOf, "backed_by":
			s.Allies = add(s.Allies, c, ref, text)
		case muster.PredOpposes:
			s.Opponents = add(s.Opponents, c, ref, text)
		case muster.PredBasedIn, muster.PredActiveIn:
			s.Area = add(s.Area, c, ref, text)
		}
	}
	sort.SliceStable(s.Sizes, func(i, j int) bool { return s.Sizes[i].Date < s.Sizes[j].Date && s.Sizes[i].Date != "" })
	if lo != nil || hi != nil {
		v := muster.Value{Kind: muster.ValueNumber, Min: lo, Max: hi}
		if open {
			v.Max = nil
		}
		s.SizeRange = v.RangeString()
	}
	for _, ev := range p.Events {
		side := ""
		for _, pt := range ev.Participants {
			if pt.Entity.ID == p.Entity.ID {
				side = sideOfRole(pt.Role)
			}
		}
		if side != "" {
			for _, pt := range ev.Participants {
				if pt.Entity.ID != p.Entity.ID && sideOfRole(pt.Role) != side {
					r := pt.Entity
					c := muster.Claim{Predicate: "other_side_in_events", Evidence: ev.Evidence}
					s.Opponents = add(s.Opponents, c, &r, r.Name)
				}
			}
		}
		for _, pl := range ev.Places {
			r := pl
			c := muster.Claim{Predicate: "events", Evidence: ev.Evidence}
			s.Area = add(s.Area, c, &r, r.Name)
		}
		if ev.Time != nil && ev.Time.From != "" {
			last = max(last, ev.Time.From)
		}
	}
	s.LastSeen = last
	return s
}

// sideOfRole puts actors and perpetrators on one side, targets and
// defenders on the other.
func sideOfRole(role string) string {
	switch role {
	case muster.RoleTarget, muster.RoleDefender:
		return "b"
	case muster.RoleActor, muster.RolePerpetrator:
		return "a"
	}
	return ""
}

func containsFold(s []string, v string) bool {
	for _, x := range s {
		if strings.EqualFold(x, v) {
			return true
		}
	}
	return false
}
