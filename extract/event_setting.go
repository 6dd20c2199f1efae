package extract

import (
	"regexp"
	"slices"
	"strings"

	"github.com/muster-osint/muster"
)

// A story establishes where it happens once, in its lede or dateline, and
// then tells its events without naming the place again: "MOGADISHU,
// Somalia — Gunmen stormed a hotel on Friday …", "Militants attacked an
// army base in northern Mali on Sunday. … The attackers also burned the
// market." An event whose sentence names no place happened in that
// setting, unless the sentence points elsewhere (issue 10). The claim says
// which it was: its evidence is the words that name the place (the lede's
// or the dateline's), the event's own sentence comes second, and its
// extractor carries the basis ("#lede", "#dateline"), so an analyst can
// tell a place the text gives the event from one the story's setting
// gives it. A dateline stays the place of the report: it sets an event
// only when the lede tells of no place other than the dateline's.

// Bases of a place an event takes from the story's setting, appended to
// a claim's extractor.
const (
	basisLede     = "lede"
	basisDateline = "dateline"
)

// settingPlace is a place an event takes from the story's setting: the
// local place entity, the words that name it, and where they are.
type settingPlace struct {
	ent   int
	span  muster.Span
	basis string
}

// elsewhereRE finds the words of a sentence that take its event away from
// the story's setting: "abroad", "elsewhere", "overseas", "in another
// country". The openings that turn to another incident ("Meanwhile,",
// "In another incident,") are patterns/incident_openers.txt's.
var elsewhereRE = regexp.MustCompile(`(?i)\b(?:abroad|elsewhere|overseas|across the border|in (?:another|a neighbou?ring) (?:country|region|province|state))\b`)

// opensIncident reports whether sentence si, from the start of span body
// (after its dateline), opens with an incident opener (incidentOpeners:
// "Meanwhile", "In another incident").
func (x *doc) opensIncident(si int, body muster.Span) bool {
	if si >= len(x.d.SentenceTokens) {
		return false
	}
	var w []string
	for _, t := range x.d.Tokens[x.d.SentenceTokens[si][0]:x.d.SentenceTokens[si][1]] {
		if t.Start >= body.End || len(w) >= 4 {
			break
		}
		if t.Start >= body.Start && t.Tag != "PUNCT" {
			w = append(w, strings.ToLower(t.Text))
		}
	}
	return opensWithOpener(w)
}

// sameIncidentRE finds the words that tell an event as part of the
// incident told before ("in ensuing clashes", "across both clashes",
// "between this and another attack"): its figures are that incident's,
// which the casualty rules give it, not those of a new event at its place.
var sameIncidentRE = regexp.MustCompile(`(?i)\b(?:ensuing|subsequent|both|this and another)\b`)

// storySetting returns the places the story has established for event ev,
// told in sentence si (body: the sentence without its dateline) where the
// sentence names no place: the places of the lede's event, else those of
// the dateline when the lede names no other place. It returns none when
// the sentence points elsewhere: it names a place of any kind (even one
// the event rules set aside, a landmark or a side), says "abroad", is
// quoted (a quoted speaker may tell of anywhere), refers back ("this
// attack", or "the attack and ensuing clash": refersBack), is told by a source
// the lede does not cite, or dates its event
// on another day than the lede's.
func (x *doc) storySetting(si int, body, trig muster.Span, ev *localEvent) []settingPlace {
	text := x.d.Text[body.Start:body.End]
	if len(x.subjectsIn(body, muster.EntityPlace)) > 0 || x.placeRead(si) || elsewhereRE.MatchString(text) || x.opensIncident(si, body) || sameIncidentRE.MatchString(text) || strings.ContainsAny(text, `"“”`) {
		return nil
	}
	if k := x.ledeEventOf(si); k >= 0 {
		lede := x.events[k]
		s := x.d.Sentences[lede.sents[0]]
		if ev.from != "" && ev.from != lede.from || x.otherSource(trig, s) || x.toldBefore(trig) || x.refersBack(si) {
			return nil // an event with a date of its own, another source's, or one told before
		}
		var out []settingPlace
		for _, p := range lede.places {
			out = append(out, settingPlace{ent: p, span: x.namingSpan(p, s), basis: basisLede})
		}
		return out
	}
	return x.datelineSetting(si)
}

// toldBefore reports whether the event word at trig is a noun that a
// determiner (at any distance, unlike definite) or a possessor ties to an event told before or elsewhere
// ("this attack", "the terrorist group's irrational attack", "yesterday's
// attack"): the event is that one, not a new one at the lede's place.
func (x *doc) toldBefore(trig muster.Span) bool {
	t := x.tokenAt(trig.Start)
	if t < 0 || x.d.Tokens[t].Tag == "VERB" {
		return false
	}
	for c := x.sentLo(t); c < x.sentHi(t); c++ {
		tk := x.d.Tokens[c]
		if tk.Head == t && (tk.Rel == "nmod:poss" || tk.Rel == "det" && slices.Contains(definiteDets, strings.ToLower(tk.Text))) {
			return true
		}
	}
	return false
}

// otherSource reports whether the event word at trig is told by a source
// (the content of an attribution) that the lede sentence s does not cite:
// "the report adds that … rebel forces ambushed a vehicle" may be of
// anywhere the report covers, not the place of the story's lede.
func (x *doc) otherSource(trig, s muster.Span) bool {
	for _, a := range x.attrs {
		if a.Content.Start > trig.Start || a.Content.End < trig.End {
			continue
		}
		if a.Source.Len() == 0 {
			return true
		}
		// The lede cites the source by the same words ("he" is not in
		// "the").
		src := `(?i)\b` + regexp.QuoteMeta(x.d.Text[a.Source.Start:a.Source.End]) + `\b`
		if re, err := regexp.Compile(src); err != nil || !re.MatchString(x.d.Text[s.Start:s.End]) {
			return true
		}
	}
	return false
}

// placeRead reports whether the place reader found a place in sentence si
// (one the entity tagger may not know: "the El Triunfo Civil Defense
// Post, San Miguel Department").
func (x *doc) placeRead(si int) bool {
	return si < len(x.readings) && len(x.readings[si].places) > 0
}

// ledeEventOf returns the story's first event when it is told in the lead
// (the first leadSentences sentences) before sentence si, has places,
// and si is not one of its own sentences; else -1.
func (x *doc) ledeEventOf(si int) int {
	first, at := -1, len(x.d.Sentences)
	for i, ev := range x.events {
		if ev.merged >= 0 || len(ev.places) == 0 {
			continue
		}
		if s := slices.Min(ev.sents); s < at {
			first, at = i, s
		}
	}
	if first < 0 || at >= leadSentences || at >= si {
		return -1
	}
	return first
}

// datelineSetting returns the places of the story's dateline when it sets
// the story: a dateline in the lead at or before sentence si whose
// sentence names no place after it but the dateline's own ("BAMAKO, Mali —
// Gunmen killed …", not "BAMAKO — Fighting in Kidal …").
func (x *doc) datelineSetting(si int) []settingPlace {
	for k := 0; k < leadSentences && k <= si && k < len(x.d.Sentences); k++ {
		s := x.d.Sentences[k]
		dl := datelineLen(x.d.Text[s.Start:s.End])
		if dl == 0 {
			continue
		}
		line := muster.Span{Start: s.Start, End: s.Start + dl}
		places := x.subjectsIn(line, muster.EntityPlace)
		for _, p := range x.subjectsIn(muster.Span{Start: line.End, End: s.End}, muster.EntityPlace) {
			if !slices.Contains(places, p) {
				return nil
			}
		}
		var out []settingPlace
		for _, p := range places {
			out = append(out, settingPlace{ent: p, span: x.namingSpan(p, line), basis: basisDateline})
		}
		return out
	}
	return nil
}

// namingSpan returns the words inside span s that name place p: its
// first mention there, else its name in the words ("northwest Syria",
// a region made of the mention of "Syria"), else s itself.
func (x *doc) namingSpan(p int, s muster.Span) muster.Span {
	if ms := x.mentionsIn(p, s); len(ms) > 0 {
		return ms[0].Span
	}
	if i := strings.Index(x.d.Text[s.Start:s.End], x.ents[p].name); i >= 0 {
		return muster.Span{Start: s.Start + i, End: s.Start + i + len(x.ents[p].name)}
	}
	return s
}

// settleClaims gives the place claims of event idx made from sentence si
// for the setting places set the words that name those places as their
// evidence, the sentence second, and their basis.
func (x *doc) settleClaims(idx, si int, set []settingPlace) {
	for i := range x.drafts {
		d := &x.drafts[i]
		if d.event != idx || d.pred != muster.PredOccurredAt || d.sent != si {
			continue
		}
		for _, sp := range set {
			if sp.ent == d.objEnt {
				d.more = append(d.more, d.ev)
				d.ev, d.basis = sp.span, sp.basis
			}
		}
	}
}
