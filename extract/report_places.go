package extract

import (
	"strings"

	"github.com/muster-osint/muster"
)

// placeReportEvents gives a place to the events of a short report (a
// headline, a wire brief, a photo caption: reportSentences or fewer) that
// the place reader left without one because no locative introduces the
// place: "Kharkiv. Shelling damages a school", "Damage to the Makariv
// cultural centre", "Shelling kills two; Avdiivka". Such a report is about
// its one happening, so the place it names is where that happened: the
// first place named in the event's own sentences, else the first in the
// report. A country is too coarse to stand for it (and a headline's
// country is mostly a side: "Ukraine reports …"), a place that names a side
// ("Kyiv’s forces") or a source ("…, Donetsk officials said") is none, and
// a long story's events keep to the place reader's: there a sentence names
// many places.
func (x *doc) placeReportEvents(r *Result) {
	if len(x.d.Sentences) > reportSentences {
		return
	}
	// first returns the first place mention inside one of spans (all the
	// text when spans is nil) that may stand for where something happened.
	first := func(spans []muster.Span) (mention, int, bool) {
		for _, m := range x.ments {
			e := x.live(m.ent)
			if e < 0 || m.nominal || m.patron || x.ents[e].typ != muster.EntityPlace || x.ents[e].name == "" {
				continue
			}
			if spans != nil && !inAny(spans, m.Span) {
				continue
			}
			if knownCountry(x.ents[e].name) || isCountry(m.text) || namesSide(x.d.Text, m.Span) || x.sourceName(m.Span) || x.doubtfulName(m) {
				continue
			}
			return m, e, true
		}
		return mention{}, -1, false
	}
	known := map[string]bool{}
	for _, e := range r.Entities {
		known[entityKey(e.Type, e.Name)] = true
	}
	for i := range r.Events {
		ev := &r.Events[i]
		if len(ev.Places) > 0 {
			continue
		}
		var sents []muster.Span
		for _, e := range ev.Evidence {
			if e.Sentence != nil {
				sents = append(sents, x.offs.Bytes(*e.Sentence))
			}
		}
		var hits []placeHit
		if chain := x.rankedList(sents); chain != nil {
			hits = chain
		} else if m, e, ok := first(sents); ok {
			hits = []placeHit{{name: x.ents[e].name, span: m.Span, role: PlacePlace}}
		} else if m, e, ok := first(nil); ok {
			hits = []placeHit{{name: x.ents[e].name, span: m.Span, role: PlacePlace}}
		}
		for _, h := range hits {
			ref := muster.Ref{Name: h.name, Type: string(muster.EntityPlace)}
			if !known[entityKey(muster.EntityPlace, h.name)] {
				known[entityKey(muster.EntityPlace, h.name)] = true
				r.Entities = append(r.Entities, Entity{Entity: muster.Entity{Type: muster.EntityPlace, Name: h.name}})
			}
			ev.Places = append(ev.Places, ref)
			c := muster.Claim{
				Subject: ev.Ref(), Predicate: muster.PredOccurredAt, Object: muster.EntityValue(ref, ref.Name), Role: h.role,
				AttributedTo: publisher(), Modality: muster.Asserted, Extractor: EventExtractor, Confidence: 0.6,
				Evidence: []muster.Evidence{x.evidence(h.span)},
			}
			c.SetID()
			ev.Claims = append(ev.Claims, c)
			r.Claims = append(r.Claims, c)
		}
	}
}

// rankedList returns the first list of places in sents that ranks a
// settlement under its region or country without a locative before it:
// "Damage to a school, Rubizhne, Luhansk Oblast", "a crater in the village
// Shirokaya Balka, Kherson Oblast". The place reader reads such a list
// after "in" or "near" only.
func (x *doc) rankedList(sents []muster.Span) []placeHit {
	ex := &eventExtractor{text: x.d.Text}
	for _, sp := range sents {
		toks := lexWords(x.d.Text[sp.Start:sp.End])
		for k := range toks {
			toks[k].start += sp.Start
			toks[k].end += sp.Start
		}
		for k := range toks {
			if !toks[k].upper || k > 0 && toks[k-1].upper && toks[k-1].kind == 'w' {
				continue
			}
			chain := ex.placeChain(toks, k)
			if len(chain) < 2 {
				continue
			}
			last := chain[len(chain)-1]
			if last.role == PlaceCountry && chain[0].role != PlaceCountry || last.role == PlaceAdmin1 && admin1Words[placeLastWord(last.name)] {
				return chain
			}
		}
	}
	return nil
}

// sourceName reports whether span names who speaks rather than where:
// it lies in the source of a reported statement ("…, Donetsk officials
// said"), it ends a headline after a colon or a dash ("Three soldiers
// killed in the east: Kiev", "… - Donetsk administration"), or a verb of
// saying follows it ("Kiev says rebels are massing").
func (x *doc) sourceName(sp muster.Span) bool {
	for _, a := range x.attrs {
		if a.Source.Len() > 0 && a.Source.Contains(sp) {
			return true
		}
	}
	text := x.d.Text
	before := strings.TrimRight(text[:sp.Start], " ")
	if strings.HasSuffix(before, ":") || strings.HasSuffix(before, " -") || strings.HasSuffix(before, " –") || strings.HasSuffix(before, " —") {
		return true
	}
	after := lexWords(text[sp.End:min(len(text), sp.End+24)])
	return len(after) > 0 && sayingVerbs[after[0].low]
}

// sayingVerbs after a name make it a speaker's.
var sayingVerbs = map[string]bool{
	"says": true, "said": true, "say": true, "reports": true, "reported": true, "claims": true, "claimed": true,
	"announces": true, "announced": true, "confirms": true, "confirmed": true, "denies": true, "denied": true,
}

func inAny(spans []muster.Span, sp muster.Span) bool {
	for _, s := range spans {
		if s.Contains(sp) {
			return true
		}
	}
	return false
}

// doubtfulName reports a place mention too doubtful to place an event by
// when no locative introduces it: a short capitalised code ("SAM", "RU"),
// a quoted name (a ship's: "the landing ship 'Orsk'"), or a lone word that
// opens its sentence before a lower-case word ("Bridge struck by
// missiles"), which a headline capitalises whatever it is.
func (x *doc) doubtfulName(m mention) bool {
	text := x.d.Text
	if allCapsWord(m.text) {
		return true
	}
	before := strings.TrimRight(text[:m.Start], " ")
	if strings.HasSuffix(before, "'") || strings.HasSuffix(before, "‘") || strings.HasSuffix(before, "\"") || strings.HasSuffix(before, "“") {
		return true
	}
	if strings.Contains(m.text, " ") || knownPlaces[strings.ToLower(m.text)] {
		return false
	}
	// A lone word named once after the text, between semicolons, is a
	// signature: "…;Kovalenko".
	if strings.HasSuffix(strings.TrimRight(text[:m.Start], " "), ";") {
		rest := strings.TrimLeft(text[m.End:], " ")
		if (rest == "" || rest[0] == ';') && strings.Count(text, m.text) == 1 {
			return true
		}
	}
	si := x.d.SentenceOf(m.Start)
	if si < 0 {
		return false
	}
	for _, t := range lexWords(text[x.d.Sentences[si].Start:m.Start]) {
		if t.kind == 'w' {
			return false // not the sentence's first word
		}
	}
	after := lexWords(text[m.End:min(len(text), m.End+40)])
	return len(after) > 0 && after[0].kind == 'w' && !after[0].upper
}
