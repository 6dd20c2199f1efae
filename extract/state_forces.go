package extract

import (
	"sort"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// A state's forces are named after it in lower case as often as by a
// name: "the Sudanese army", "Mali's armed forces", "Colombian troops",
// "the Burma Army". Every country of the countries table counts (issue 11:
// the old list knew fourteen), by its demonym or by its name with a
// possessive, and all of one country's forces words name one entity, its
// armed forces; its police and its security service are entities of their
// own. (Its defence ministry is not made one: the resolution gold of issue
// 12 marks "the Russian defence ministry" as no mention, and "Ukraine" in
// "Ukraine's defence ministry" as the country.)

// forceWords are the words (one or two tokens, lower case) that name a
// state's forces after its name, and the kind of force each names.
var forceWords = map[string]string{
	"army": "armed forces", "armies": "armed forces", "military": "armed forces", "troops": "armed forces",
	"forces": "armed forces", "armed forces": "armed forces", "air force": "armed forces", "navy": "armed forces",
	"security forces": "armed forces", "national guard": "armed forces", "border guard": "armed forces",
	"border guards": "armed forces", "soldiers": "armed forces", "marines": "armed forces", "defence forces": "armed forces",
	"defense forces": "armed forces", "junta": "armed forces",
	"police": "police", "police force": "police", "national police": "police",
	"security service": "security service", "intelligence service": "security service", "intelligence agency": "security service",
}

// countryDemonym is the demonym muster names a country's forces by
// ("Sudan" → "Sudanese"), the first of its demonyms in alphabetical order
// when it has several, so that the name does not depend on map order.
var countryDemonym = func() map[string]string {
	ds := make([]string, 0, len(demonyms))
	for d := range demonyms {
		ds = append(ds, d)
	}
	sort.Strings(ds)
	out := map[string]string{}
	for _, d := range ds {
		if c := demonyms[d]; out[c] == "" && !strings.HasSuffix(d, "s") {
			out[c] = d
		}
	}
	return out
}()

// countryIndex maps a lower-cased country name to its common name.
var countryIndex = func() map[string]string {
	out := make(map[string]string, len(countryNames))
	for n, c := range countryNames {
		out[strings.ToLower(n)] = c
	}
	return out
}()

// addStateForces adds a mention for each state force a sentence names
// after its country, and drops the name mention of the bare country or
// demonym inside it.
func (x *doc) addStateForces() {
	for si := range x.d.Sentences {
		if si >= len(x.d.SentenceTokens) || !containsAny(x.lowerSent(si), forceKeys) {
			continue
		}
		toks := x.d.SentenceTokensOf(si)
		for i := 0; i < len(toks); i++ {
			country, next := x.forceCountry(toks, i)
			if country == "" {
				continue
			}
			kind, end := forceWordAt(toks, next)
			if kind == "" {
				continue
			}
			span := muster.Span{Start: toks[i].Start, End: toks[end-1].End}
			keep := x.ments[:0]
			for _, m := range x.ments {
				if !(m.Overlaps(span) && span.Contains(m.Span)) {
					keep = append(keep, m)
				}
			}
			x.ments = keep
			x.ments = append(x.ments, mention{Span: span, text: x.d.Text[span.Start:span.End], typ: muster.EntityStateForce, sent: si, ent: -1, role: "force:" + forceName(country, kind)})
			i = end - 1
		}
	}
	sortMentions(x.ments)
}

// forceCountry reads a country designator at toks[i]: a demonym
// ("Sudanese", "South Sudanese") or a country's name with a possessive
// ("Mali's", "South Sudan’s"), or a country's name right before a
// capitalised force word ("Burma Army"). It returns the country and the
// index after the designator.
func (x *doc) forceCountry(toks []nlp.Token, i int) (string, int) {
	if !isCap(toks[i].Text) {
		return "", 0
	}
	for n := 3; n >= 1; n-- {
		if i+n > len(toks) {
			continue
		}
		words := make([]string, n)
		for k := 0; k < n; k++ {
			words[k] = toks[i+k].Text
		}
		name := strings.ToLower(strings.Join(words, " "))
		if c := demonymCountry[name]; c != "" && !strings.HasSuffix(name, "s") {
			return c, i + n
		}
		c := countryIndex[name]
		if c == "" {
			continue
		}
		if j := i + n; j < len(toks) && (toks[j].Text == "'s" || toks[j].Text == "’s") {
			return c, j + 1
		}
		if j := i + n; j < len(toks) && isCap(toks[j].Text) {
			return c, j
		}
	}
	return "", 0
}

// forceWordAt reads a force word of one or two tokens at toks[i].
func forceWordAt(toks []nlp.Token, i int) (string, int) {
	if i >= len(toks) {
		return "", 0
	}
	if i+1 < len(toks) {
		if k := forceWords[strings.ToLower(toks[i].Text+" "+toks[i+1].Text)]; k != "" {
			return k, i + 2
		}
	}
	if k := forceWords[strings.ToLower(toks[i].Text)]; k != "" {
		return k, i + 1
	}
	return "", 0
}

// forceAdjectives keep the names muster gave these countries' forces
// before it read every country's (stored entities keep their names).
var forceAdjectives = map[string]string{"Russia": "Russian", "Ukraine": "Ukrainian", "Belarus": "Belarusian", "Georgia": "Georgian",
	"Poland": "Polish", "Israel": "Israeli", "Iran": "Iranian", "Syria": "Syrian", "Iraq": "Iraqi",
	"Afghanistan": "Afghan", "Pakistan": "Pakistani", "India": "Indian", "Nigeria": "Nigerian", "Mali": "Malian"}

var forceTitles = map[string]string{"armed forces": "Armed Forces", "police": "Police", "security service": "Security Service"}

// forceName is the canonical name of a country's forces of one kind:
// "Sudanese Armed Forces", "Nigerian Police".
func forceName(country, kind string) string {
	adj := forceAdjectives[country]
	if adj == "" {
		adj = countryDemonym[country]
	}
	title := forceTitles[kind]
	if adj == "" {
		return title + " of " + country
	}
	return adj + " " + title
}
