package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"time"

	"github.com/muster-osint/muster"
)

func dayDiff(a, b string) int {
	ta, err1 := time.Parse("2006-01-02", a)
	tb, err2 := time.Parse("2006-01-02", b)
	if err1 != nil || err2 != nil {
		return 1 << 30
	}
	d := int(ta.Sub(tb).Hours() / 24)
	if d < 0 {
		d = -d
	}
	return d
}

// result turns the working state into a Result: final entity names, code
// point offsets, claim ids.
func (x *doc) result() *Result {
	r := &Result{}
	live := func(e int) int {
		for e >= 0 && x.ents[e].merged >= 0 {
			e = x.ents[e].merged
		}
		return e
	}
	x.nameEntities()
	used := map[int]bool{}
	for i := range x.drafts {
		d := &x.drafts[i]
		if d.subj >= 0 {
			d.subj = live(d.subj)
			used[d.subj] = true
		}
		if d.objEnt >= 0 {
			d.objEnt = live(d.objEnt)
			used[d.objEnt] = true
		}
	}
	// Entities: every named one.
	r.Entities = x.entities()
	// Events.
	eventRefs := make([]muster.Ref, len(x.events))
	for i, ev := range x.events {
		me := muster.Event{Type: ev.typ}
		place := x.mainPlace(ev.places)
		me.Label = strings.TrimSpace(place + " " + strings.ReplaceAll(string(ev.typ), "_", " "))
		if ev.from != "" {
			me.Time = &muster.Value{Kind: muster.ValueDate, Text: ev.timeText, From: ev.from, To: ev.to, Precision: ev.precision}
			if ev.precision != muster.PrecisionDay {
				me.Label += " (" + ev.from[:7] + ")"
			}
		}
		for _, p := range ev.places {
			me.Places = append(me.Places, x.ref(live(p)))
		}
		var parts []int
		for e := range ev.participants {
			parts = append(parts, e)
		}
		sort.Ints(parts)
		for _, e := range parts {
			me.Participants = append(me.Participants, muster.Participant{Entity: x.ref(live(e)), Role: ev.participants[e]})
		}
		for _, s := range ev.evidence {
			me.Evidence = append(me.Evidence, x.evidence(s))
		}
		h := sha256.Sum256([]byte(x.in.DocID + "|" + me.Label + "|" + ev.from))
		me.ID = "v_" + hex.EncodeToString(h[:])[:16]
		eventRefs[i] = me.Ref()
		r.Events = append(r.Events, me)
	}
	// Claims.
	for _, d := range x.drafts {
		c := muster.Claim{Predicate: d.pred, Object: d.obj, Role: d.role, AttributedTo: d.attr, Modality: d.mod,
			Extractor: "extract/" + Version, Confidence: d.conf, Time: d.time}
		if d.basis != "" {
			c.Extractor += "#" + d.basis // placed by the story's setting, not the event's words
		}
		switch {
		case d.event >= 0:
			c.Subject = eventRefs[d.event]
		case d.subj >= 0:
			if x.ents[d.subj].typ == "" {
				continue // "Main Battle Tanks (MBT)": not an actor muster follows
			}
			c.Subject = x.ref(d.subj)
		default:
			continue
		}
		if d.objEnt >= 0 {
			ref := x.ref(d.objEnt)
			c.Object = muster.Value{Kind: muster.ValueEntity, Text: ref.Name, Entity: &ref}
		}
		if c.Subject.Name == "" || (c.Object.Kind == muster.ValueEntity && c.Object.Entity.Name == "") {
			continue
		}
		c.Evidence = append(c.Evidence, x.evidence(d.ev))
		for _, m := range d.more {
			c.Evidence = append(c.Evidence, x.evidence(m))
		}
		c.SetID()
		r.Claims = append(r.Claims, c)
	}
	// Events carry their own slot claims too, for callers that read events.
	for i := range r.Events {
		for _, c := range r.Claims {
			if c.Subject.ID == r.Events[i].ID {
				r.Events[i].Claims = append(r.Events[i].Claims, c)
			}
		}
	}
	return r
}

// mainPlace names the most specific place of an event: a town or region
// over a country.
func (x *doc) mainPlace(places []int) string {
	best := ""
	for _, p := range places {
		n := x.ents[p].name
		if best == "" || knownCountry(best) && !knownCountry(n) {
			best = n
		}
	}
	return best
}

// knownCountry reports whether a name is a country's (or Europe's), too
// coarse to label an event by.
func knownCountry(n string) bool {
	if _, ok := countryNames[n]; ok {
		return true
	}
	switch strings.ToLower(n) {
	case "u.s.", "us", "europe":
		return true
	}
	return false
}

func (x *doc) ref(e int) muster.Ref {
	ent := x.ents[e]
	return muster.Ref{Name: ent.name, Type: string(ent.typ)}
}

// evidence converts a byte span into Evidence with its sentence.
func (x *doc) evidence(s muster.Span) muster.Evidence {
	text := x.d.Text
	s.Start, s.End = trimSpan(text, s)
	cs := x.offs.Chars(s)
	ev := muster.Evidence{Document: x.in.DocID, Start: cs.Start, End: cs.End, Quote: text[s.Start:s.End]}
	if si := x.d.SentenceOf(s.Start); si >= 0 {
		ss := x.offs.Chars(x.d.Sentences[si])
		ev.Sentence = &ss
	}
	return ev
}

// trimSpan drops spaces and a trailing comma from a span's ends.
func trimSpan(text string, s muster.Span) (int, int) {
	for s.Start < s.End && strings.ContainsRune(" \n\t", rune(text[s.Start])) {
		s.Start++
	}
	for s.End > s.Start && strings.ContainsRune(" \n\t,;:", rune(text[s.End-1])) {
		s.End--
	}
	return s.Start, s.End
}
