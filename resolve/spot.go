package resolve

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp/placeword"
)

// PlaceMention is a place name found in a text by Spot.
type PlaceMention struct {
	muster.Span         // byte offsets into the text
	Text        string  // the text of the span
	Kind        GeoKind // kind of its most likely gazetteer entry
	// Country is the ISO2 code when the mention is a country or a demonym.
	Country string
	// Demonym marks an adjective of nationality ("Ukrainian"): weak
	// evidence of a country, never a place of its own.
	Demonym bool
	// Partial marks a one-word match inside a longer run of capitalised
	// words that is not itself a place ("Dashti" in "Dashti Qala"): likely
	// a part of an unknown name. A country name so joined ("Mali" in
	// "Mali Scherbaky") is not taken as the country.
	Partial bool

	pop int // population of its most likely entry
}

// spotToken is a word of the text: letters, digits and inner apostrophes.
type spotToken struct {
	start, end int
	upper      bool // starts with an upper-case letter
	allCaps    bool
}

// spotConnectors may stand inside a multi-word place name in lower case
// ("Rostov-on-Don", "Beir al-Abd", "Jammu and Kashmir").
var spotConnectors = map[string]bool{
	"of": true, "the": true, "de": true, "del": true, "la": true, "le": true, "les": true, "du": true,
	"des": true, "da": true, "di": true, "do": true, "dos": true, "das": true, "al": true, "el": true,
	"and": true, "on": true, "upon": true, "am": true, "an": true, "der": true, "den": true, "van": true,
	"sur": true, "en": true, "y": true, "e": true, "bin": true, "ibn": true, "ad": true, "as": true,
	"ash": true, "at": true, "ar": true, "ul": true, "i": true, "na": true, "pod": true,
}

// spotSuffixes may end a place name in lower case ("Kharkiv region").
var spotSuffixes = map[string]bool{
	"oblast": true, "region": true, "province": true, "governorate": true, "district": true,
	"raion": true, "rayon": true, "krai": true, "state": true, "county": true, "hromada": true,
}

// spotStop lists capitalised words that are names of some place in the
// gazetteer but in news text almost always mean something else. Found on
// the dev splits (issue 5).
var spotStop = map[string]bool{
	"of": true, "the": true, "on": true, "in": true, "at": true, "a": true, "an": true, "as": true,
	"attack": true, "attacks": true,
	"police": true, "borders": true, "january": true, "february": true, "march": true, "april": true,
	"may": true, "june": true, "july": true, "august": true, "september": true, "october": true,
	"november": true, "december": true, "monday": true, "tuesday": true, "wednesday": true,
	"thursday": true, "friday": true, "saturday": true, "sunday": true, "president": true,
	"minister": true, "army": true, "forces": true, "military": true, "government": true,
	"security": true, "state": true, "islamic": true, "national": true, "united": true,
	"north": true, "south": true, "east": true, "west": true, "central": true, "new": true,
	"unknown": true, "people": true, "union": true, "republic": true, "federation": true,
	"district": true, "province": true, "region": true, "oblast": true, "city": true,
	"village": true, "town": true, "airport": true, "street": true, "road": true, "university": true,
	"hospital": true, "school": true, "mosque": true, "church": true, "market": true,
	"however": true, "after": true, "before": true, "during": true, "following": true,
	"no": true, "one": true, "two": true, "three": true, "four": true, "five": true,
	"six": true, "seven": true, "eight": true, "nine": true, "ten": true,
	"he": true, "she": true, "it": true, "they": true, "we": true, "this": true, "that": true,
	"there": true, "these": true, "those": true, "his": true, "her": true, "their": true,
	"and": true, "but": true, "or": true, "if": true, "when": true, "while": true,
	"for": true, "from": true, "to": true, "by": true, "with": true, "about": true,
	"some": true, "all": true, "several": true, "many": true, "other": true, "another": true,
	"according": true, "sources": true, "media": true, "reports": true, "officials": true,
	"victoria": true, "independence": true, "liberty": true, "freedom": true, "justice": true,
	"commander": true, "general": true, "colonel": true, "major": true, "captain": true,
	"lieutenant": true, "sergeant": true, "governor": true, "mayor": true, "chief": true,
	"head": true, "deputy": true, "ministry": true, "defence": true, "defense": true,
	"interior": true, "justice ministry": true, "armed": true, "force": true, "guard": true,
	"brigade": true, "battalion": true, "regiment": true, "division": true, "corps": true,
	"front": true, "group": true, "movement": true, "party": true, "council": true,
	"committee": true, "assembly": true, "parliament": true, "court": true, "office": true,
	"service": true, "agency": true, "center": true, "centre": true, "institute": true,
	"news": true, "press": true, "post": true, "times": true, "telegram": true, "twitter": true,
	"facebook": true, "video": true, "image": true, "photo": true, "footage": true,
	"russian": true, "ukrainian": true,
	// Learned on the dev splits (issue 5): capitalised names of groups,
	// people, weapons and things that matched a place more than 100 km
	// from the coders' point at least 90% of the time.
	"taliban": true, "levant": true, "boko": true, "haram": true, "liberation": true, "khan": true,
	"islam": true, "ali": true, "tochka": true, "king": true, "shah": true, "abu": true,
	"frontier": true, "min": true, "very": true, "grad": true, "island": true, "hassan": true,
	"congress": true, "dome": true, "ramos": true, "alliance": true, "hazara": true, "unity": true,
	"smile": true, "ghani": true, "haji": true, "band": true, "ilyich": true, "gorky": true,
	"uragan": true, "tornado": true, "ural": true, "aurora": true, "cossack": true,
	"duma": true, "monastery": true, "rail": true, "arty": true, "position": true, "soviet": true,
	// Learned on the dev splits (issue 5): words written in lower case
	// elsewhere in the dev texts whose capitalised use matched a place more
	// than 100 km from the coders' point at least 80% of the time.
	"southern": true, "train": true, "mission": true, "bridge": true, "park": true, "crater": true,
	"convoy": true, "bank": true, "tank": true, "officer": true, "college": true, "over": true,
	"reserve": true, "base": true, "power": true, "hall": true, "store": true, "oil": true,
	"white": true, "federal": true, "mobile": true, "day": true, "red": true, "ward": true,
	"eastern": true, "western": true, "drama": true, "cross": true, "naval": true, "marine": true,
	"law": true, "change": true, "car": true, "person": true, "cars": true, "pontoon": true,
	"man": true, "woman": true, "tower": true, "battle": true, "zone": true, "metro": true,
	"monument": true, "sector": true, "long": true, "cafe": true, "main": true, "camp": true,
	"mass": true, "shell": true, "junction": true, "shots": true, "thermal": true, "bar": true,
	"cathedral": true, "enemy": true, "most": true, "mile": true, "said": true, "basin": true,
	"grain": true, "landing": true, "graves": true, "war": true, "side": true,
}

// tokens splits text into words.
func spotTokens(text string) []spotToken {
	var toks []spotToken
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			i += n
			continue
		}
		start := i
		upper := unicode.IsUpper(r)
		allCaps := upper
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
				if unicode.IsLower(r) {
					allCaps = false
				}
				i += n
				continue
			}
			// An apostrophe inside a word: Luhans'k, Mariupol', Kiev's.
			if isApostrophe(r) && i+n < len(text) {
				r2, _ := utf8.DecodeRuneInString(text[i+n:])
				if unicode.IsLetter(r2) {
					i += n
					continue
				}
			}
			break
		}
		toks = append(toks, spotToken{start: start, end: i, upper: upper, allCaps: allCaps && i-start > 1})
	}
	return toks
}

// possessiveS reports whether rest, the text after an apostrophe, starts
// with the s of a possessive: an s (r, n bytes long) that ends the word.
func possessiveS(rest string, r rune, n int) bool {
	if r != 's' && r != 'S' {
		return false
	}
	r3, _ := utf8.DecodeRuneInString(rest[n:])
	return n == len(rest) || !unicode.IsLetter(r3) && !unicode.IsDigit(r3)
}

// possessiveEnd returns the length of span without the possessive 's it
// ends in ("Ukraine's", "Kiev’s"), or 0 when it ends in none.
func possessiveEnd(span string) int {
	if !strings.HasSuffix(span, "s") && !strings.HasSuffix(span, "S") {
		return 0
	}
	r, n := utf8.DecodeLastRuneInString(span[:len(span)-1])
	if !isApostrophe(r) || len(span)-1-n <= 0 {
		return 0
	}
	return len(span) - 1 - n
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '`' || r == 'ʹ'
}

// spotJoin reports whether the bytes between two tokens may lie inside one
// name: a single space or hyphen.
func spotJoin(gap string) bool {
	return gap == " " || gap == "-" || gap == "‑" || gap == " - "
}

// spotAbbrevJoin reports whether a full stop after a short capitalised
// word joins it to the next ("D.C.", "St. Petersburg").
func spotAbbrevJoin(text string, prev spotToken, gap string) bool {
	return (gap == "." || gap == ". ") && prev.upper && prev.end-prev.start <= 3
}

// Spot finds place names in text by longest match over the gazetteer: spans
// of capitalised words (lower-case connectors such as "al", "on", "of"
// inside, and region words such as "oblast" at the end) whose name is in
// the gazetteer. Words that are rarely places in news (spotStop), one- and
// two-letter names other than countries, and all-capital acronyms are
// skipped. Demonyms ("Ukrainian") are returned with Demonym set. It is used
// when no tagger mentions are at hand.
func (g *Gazetteer) Spot(text string) []PlaceMention {
	toks := spotTokens(text)
	var out []PlaceMention
	maxSpan := g.maxWords
	if maxSpan > 6 {
		maxSpan = 6
	}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if !t.upper {
			continue
		}
		// Extend to the longest candidate span; test from the longest.
		last := i
		for j := i + 1; j < len(toks) && j-i < maxSpan; j++ {
			if gap := text[toks[j-1].end:toks[j].start]; !spotJoin(gap) && !spotAbbrevJoin(text, toks[j-1], gap) {
				break
			}
			last = j
		}
		found := false
		for j := last; j >= i; j-- {
			end := toks[j]
			w := strings.ToLower(text[end.start:end.end])
			if !end.upper && !spotSuffixes[w] {
				continue
			}
			if j > i && spotConnectors[w] {
				continue
			}
			span := text[t.start:end.end]
			commaAfter := strings.HasPrefix(text[end.end:], ",")
			m, ok := g.spotMatch(span, j == i, commaAfter, t)
			spanEnd := end.end
			if !ok {
				// "Ukraine's east", "Kiev's Independence Square": the name
				// before a possessive 's ("Cox's Bazar" matched whole
				// above) (issue 12).
				if k := possessiveEnd(span); k > 0 {
					span, spanEnd = span[:k], t.start+k
					m, ok = g.spotMatch(span, j == i, false, t)
				}
			}
			if !ok {
				continue
			}
			m.Span = muster.Span{Start: t.start, End: spanEnd}
			m.Text = span
			// A capitalised neighbour joined to this word makes it part of a
			// longer, unknown name ("Mahmud Raqi", "Tha Pyay Thar Road"),
			// unless that word is a region word: for a small place or a
			// country one such neighbour is enough, for a city it takes two.
			if j == i && !m.Demonym && (m.Kind == GeoPlace || m.Kind == GeoCountry) {
				right, left := false, false
				if last > i {
					nt := toks[i+1]
					w := strings.ToLower(text[nt.start:nt.end])
					_, cue := locCueAfter[w]
					right = nt.upper && !spotSuffixes[w] && !cue && !placeword.Facility(w)
				}
				if i > 0 {
					pt := toks[i-1]
					gap := text[pt.end:t.start]
					left = pt.upper && spotJoin(gap) && !spotStop[strings.ToLower(text[pt.start:pt.end])]
				}
				small := m.Kind == GeoCountry || m.pop < 100000
				m.Partial = (small && (left || right)) || (left && right)
			}
			out = append(out, m)
			i = j
			found = true
			break
		}
		_ = found
	}
	return out
}

// spotMatch decides whether span (one word when single) names a place.
func (g *Gazetteer) spotMatch(span string, single, commaAfter bool, first spotToken) (PlaceMention, bool) {
	k := normPlace(span)
	if k == "" {
		return PlaceMention{}, false
	}
	if single {
		if spotStop[k] {
			if cc, ok := g.demonyms[k]; ok {
				return PlaceMention{Kind: GeoCountry, Country: cc, Demonym: true}, true
			}
			return PlaceMention{}, false
		}
		if cc, ok := g.demonyms[k]; ok {
			return PlaceMention{Kind: GeoCountry, Country: cc, Demonym: true}, true
		}
	}
	if !single && first.allCaps && allStop(k) {
		// "THE CITY" of a headline in capitals: words that are no place
		// alone are none together (issue 12).
		return PlaceMention{}, false
	}
	ids, exact := g.lookup(k)
	if len(ids) == 0 {
		return PlaceMention{}, false
	}
	// Best candidate by prior; folded-only matches of one word count only
	// for the former Soviet Union, where transliteration varies, or when a
	// comma follows, as in "Ghoryan, Herat" (the place of a comma chain).
	best, bestP := int32(-1), -1e9
	for n, id := range ids {
		e := &g.entries[id]
		if !exact[n] && !translitCountry[e.cc] && single && !commaAfter {
			continue
		}
		p := g.prior(e)
		if !exact[n] {
			// As Geocode weighs them: a folded match, the more so by
			// another name (Kyzyl for "Krasne"), is no measure of the
			// name's size.
			p += geoWFolded
			if g.foldedAltOnly(id, k) {
				p += geoWAlt
			}
		}
		if e.kind == GeoCountry && exact[n] {
			// "Mexico" is the country, whatever the size of its capital:
			// a comma chain ending in it must see a country there.
			p = math.Inf(1)
		}
		if p > bestP {
			best, bestP = id, p
		}
	}
	if best < 0 {
		return PlaceMention{}, false
	}
	e := &g.entries[best]
	if single {
		if utf8.RuneCountInString(k) < 3 && e.kind != GeoCountry {
			return PlaceMention{}, false
		}
		_, alias := placeExonyms[k]
		if _, region := regionAliases[k]; region {
			alias = true
		}
		if first.allCaps && !alias && e.kind != GeoCountry && utf8.RuneCountInString(k) <= 5 {
			return PlaceMention{}, false
		}
	}
	m := PlaceMention{Kind: e.kind, pop: int(e.pop)}
	if e.kind == GeoCountry {
		m.Country = e.cc
	}
	return m, true
}

// translitCountry lists the countries whose names reach English text in
// several romanisations, so that folded matches count there.
var translitCountry = map[string]bool{
	"RU": true, "UA": true, "BY": true, "MD": true, "KZ": true, "GE": true, "AM": true, "AZ": true,
	"UZ": true, "KG": true, "TJ": true, "TM": true,
}

// Event-place cues: words before a place name that make it the event's
// place, and those that make the place approximate.
var (
	locCueBefore = map[string]float64{
		"in": 1, "at": 1, "near": 1, "outside": 1, "around": 0.5, "into": 0.5, "of": 0.3,
		"to": 0.5, "on": 0.3, "towards": 0.2, "toward": 0.2, "from": -0.5,
		// verbs whose object is the place hit: "shelled Kupiansk"
		"shelled": 0.8, "struck": 0.8, "hit": 0.6, "attacked": 0.8, "bombed": 0.8, "captured": 0.8,
		"liberated": 0.8, "entered": 0.6, "raided": 0.8, "targeted": 0.6, "stormed": 0.8, "shelling": 0.6,
	}
	locNear = map[string]bool{"near": true, "outside": true, "around": true, "outskirts": true, "vicinity": true, "towards": true, "toward": true, "direction": true}
	// locCueAfter are words after a place name that say what it is.
	locCueAfter = map[string]float64{
		"village": 1, "town": 1, "city": 1, "settlement": 1, "area": 0.5, "district": 0.5,
		"province": 0.3, "region": 0.3, "oblast": 0.3, "community": 0.5, "hromada": 0.5,
		// A road, street or highway named after a place is not that place.
		"road": -1, "highway": -1, "street": -1, "avenue": -1, "bridge": -0.5, "front": -0.5,
	}
)

// LocateEvent chooses the place where the event a text reports happened.
// Place names are mentions (from a tagger) or, when mentions is empty,
// those Spot finds. Each is geocoded in the context of the others and of
// the countries the text names; the most specific one wins (a city or
// town over a district over a region over a country), with ties going to
// names cued as the event's place ("in X", "near X", "X village", "coded to
// X") and then to the earlier one. "near X" sets Precision near.
func (g *Gazetteer) LocateEvent(text string, mentions []string) (muster.Place, bool) {
	return g.LocateEventAbout(text, mentions, nil)
}

// LocateEventAbout is LocateEvent for a text of a collection about the
// countries about (ISO 3166-1 alpha-2; see AboutCountries): a text that
// names no country and no nationality ("Kalinovo", "shelling near
// Sokolniki") is read as about them, as a text that named them would be,
// so that a village of the collection's country beats its namesake abroad
// (issue 12). A text that names a country or a nationality is read as
// LocateEvent reads it.
func (g *Gazetteer) LocateEventAbout(text string, mentions []string, about []string) (muster.Place, bool) {
	ms := g.eventMentions(text, mentions)
	if len(ms) == 0 {
		return muster.Place{}, false
	}
	return g.locateEvent(text, ms, about)
}

// eventMentions returns the place names of text: mentions (from a tagger)
// found in it or, when mentions is empty, those Spot finds; a country name
// inside a chain that ends in another country is made a region
// ("Columbus, Georgia, United States").
func (g *Gazetteer) eventMentions(text string, mentions []string) []PlaceMention {
	var ms []PlaceMention
	if len(mentions) == 0 {
		ms = g.Spot(text)
	} else {
		from := 0
		for _, m := range mentions {
			i := strings.Index(text[from:], m)
			pm := PlaceMention{Text: m}
			if i >= 0 {
				pm.Span = muster.Span{Start: from + i, End: from + i + len(m)}
				from += i + len(m)
			} else if j := strings.Index(text, m); j >= 0 {
				pm.Span = muster.Span{Start: j, End: j + len(m)}
			} else {
				pm.Span = muster.Span{Start: len(text), End: len(text)}
			}
			if cc := g.CountryCode(m); cc != "" {
				pm.Kind, pm.Country = GeoCountry, cc
			} else if cc, ok := g.demonyms[normPlace(m)]; ok {
				pm.Kind, pm.Country, pm.Demonym = GeoCountry, cc, true
			} else {
				pm.Kind = GeoPlace
			}
			ms = append(ms, pm)
		}
	}
	// A country name inside a chain that ends in another country is a
	// region ("Columbus, Georgia, United States").
	for i := range ms {
		if ms[i].Kind == GeoCountry && !ms[i].Demonym {
			if cc := chainCountry(text, ms, i); cc != "" && cc != ms[i].Country {
				ms[i].Kind, ms[i].Country = GeoAdmin1, ""
			}
		}
	}
	return ms
}

// textCountries sorts the place names ms of text into the countries it
// names as where things are (named), those it names only as nationalities
// or actors ("Russian forces", "Russia-led forces": weak), and its other
// place names (names).
func textCountries(text string, ms []PlaceMention) (named, weak, names []string) {
	for _, m := range ms {
		switch {
		case m.Demonym:
			weak = appendNew(weak, m.Country)
		case m.Kind == GeoCountry && m.Country != "" && m.Partial:
			// "Mali Scherbaky": not the country
		case m.Kind == GeoCountry && m.Country != "" && countryActor(text, m.Span):
			// "Russia-led forces shelled Odesa": who acted, which says
			// no more of where than a demonym does
			weak = appendNew(weak, m.Country)
		case m.Kind == GeoCountry && m.Country != "":
			named = appendNew(named, m.Country)
		default:
			names = append(names, m.Text)
		}
	}
	return named, weak, names
}

// aboutShare is the share of a collection's country-naming texts that must
// name a country for the collection to be about it (AboutCountries).
const aboutShare = 0.5

// AboutCountries returns the countries a collection of texts is about, as
// ISO 3166-1 alpha-2 codes, most named first: those that at least half
// of the texts naming any country name as where things are (textCountries).
// A collection of news of the war in Ukraine is about Ukraine, though most
// of its reports name only a village (issue 12). It reads only the texts.
func (g *Gazetteer) AboutCountries(texts []string) []string {
	count := make(map[string]int)
	naming := 0
	for _, t := range texts {
		named, _, _ := textCountries(t, g.eventMentions(t, nil))
		if len(named) > 0 {
			naming++
		}
		for _, cc := range named {
			count[cc]++
		}
	}
	var out []string
	for cc, n := range count {
		if float64(n) >= aboutShare*float64(naming) {
			out = append(out, cc)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if count[a] != count[b] {
			return count[b] - count[a]
		}
		return strings.Compare(a, b)
	})
	return out
}

// locateEvent is LocateEventAbout over the place names ms of text.
func (g *Gazetteer) locateEvent(text string, ms []PlaceMention, about []string) (muster.Place, bool) {
	// Names used as a region after a comma ("Gulran district, Herat,
	// Afghanistan") keep that sense everywhere in the text.
	regionNames := make(map[string]bool)
	for i := range ms {
		if regionRole(text, ms, i) && len(g.admin1Names(ms[i].Text)) > 0 {
			regionNames[ms[i].Text] = true
		}
	}
	// The chain country of each name, from any of its mentions.
	chains := make(map[string]string)
	for i := range ms {
		if cc := chainCountry(text, ms, i); cc != "" {
			chains[ms[i].Text] = cc
		}
	}
	named, weak, names := textCountries(text, ms)
	// Countries: those the text names; else those of its confident place
	// names (a region, or a town of 50,000+ matched exactly); else, as weak
	// evidence, those of its demonyms ("Russian forces").
	countries := named
	for _, n := range names {
		if cc, region := g.confidentCountry(n); cc != "" && (len(named) == 0 || region) {
			countries = appendNew(countries, cc)
		}
	}
	strict := len(countries) > 0
	// A text that says nothing of where it is, of a collection about some
	// countries, is about them: its names' namesakes there win, and a weak
	// name elsewhere is left unplaced. Its names are no less weak for it
	// (weakMention): the text itself names no country.
	aboutCountries := countries
	if len(countries) == 0 && len(weak) == 0 {
		aboutCountries = about
	}
	// "near Zahoruykivka, Kharkiv": a name the gazetteer lacks, then the
	// region it lies in. The region is the event's, with the unknown
	// name's cue, and places outside it are unlikely.
	unknownIn := make(map[int]float64) // mention index → the unknown name's cue
	var textRegions map[string]bool
	for i := range ms {
		cue, ok := unknownBefore(text, ms, i)
		if !ok {
			continue
		}
		names := g.admin1Names(ms[i].Text)
		if len(names) == 0 || regionFollows(text, ms, i) {
			continue // "Kalalangwe, Beni, North Kivu": Beni is no province here
		}
		if strict {
			inText := false
			for cc := range g.regionCountries(names) {
				inText = inText || contains(countries, cc)
			}
			if !inText {
				continue
			}
		}
		regionNames[ms[i].Text] = true
		unknownIn[i] = cue
		if textRegions == nil {
			textRegions = make(map[string]bool)
		}
		for k := range names {
			textRegions[k] = true
		}
	}
	// Demonyms ("Russian forces shelled …") are too weak to steer the
	// choice: news of a war names both sides' nationalities. They only
	// keep a weak name at home (aboutCountry).
	type choice struct {
		place muster.Place
		kind  GeoKind
		score float64
	}
	// A text that gives the event's address ("in Kurmi Shinkafa, Kokona
	// district, Nasarawa, Nigeria") places it there: an uncued name
	// elsewhere in it ("Anchor University Lagos") is a lesser answer than
	// any link of that chain.
	address := false
	for i, m := range ms {
		cue, _ := locCues(text, m.Span)
		if c, ok := unknownBefore(text, ms, i); ok {
			cue = c // "in Palnar, Bijapur district, Chhattisgarh, India"
		}
		if cue >= 1 && chains[m.Text] != "" && (!regionRole(text, ms, i) || unknownIn[i] != 0) {
			address = true
		}
	}
	best := choice{score: -1e18}
	found := false
	for i, m := range ms {
		// A capital's name is read as its nation's (placeword.Side); a
		// nation's reading only adds to a town's, so the gazetteer is
		// asked whether the name is a capital's only when that decides.
		if m.Demonym || (m.Kind == GeoPlace && (placeword.Side(text, m.Span, false, nil) ||
			placeword.Side(text, m.Span, true, nil) && g.capitalName(m.Text) || streetName(text, m.Span))) {
			continue
		}
		var cand Candidate
		if m.Kind == GeoCountry && m.Partial {
			continue
		}
		if m.Kind == GeoCountry && m.Country != "" {
			id, ok := g.byCC[m.Country]
			if !ok {
				continue
			}
			if countryActor(text, m.Span) || len(named) > 1 && speaker(text, m.Span) {
				// "captured by Russia", "Russia-led forces", "Russia's
				// army", "Russia accuses Ukraine": a country named as an
				// actor, not as where something happened.
				continue
			}
			cand = g.candidate(id, true)
			if dir := countryDirection(text, m.Span, len(named) == 1); dir != "" {
				// "in eastern Ukraine": the east of the country, not its
				// middle.
				if p, ok := g.countryPart(m.Country, dir); ok {
					cand.Place = p
				}
			}
		} else {
			others := make([]string, 0, len(names))
			for _, n := range names {
				if n != m.Text {
					others = append(others, n)
				}
			}
			ctx := GeoContext{Countries: aboutCountries, Admin1: others, Places: others}
			c, ok := Candidate{}, false
			// "Khmelnytskyi, Khmelnytskyi": the city, then its oblast.
			sameRegionNext := i+1 < len(ms) && ms[i+1].Text == m.Text && regionRole(text, ms, i+1)
			if regionNames[m.Text] && !sameRegionNext {
				// "Zhari district, Kandahar, Afghanistan": Kandahar names the
				// province here, not the city.
				c, ok = g.geocodeCandidate(m.Text+" region", ctx)
			}
			if !ok {
				// "Kamianske, Zaporizhia": of the places of that name, the
				// one in the region the chain names.
				if regions := g.chainRegions(text, ms, i); len(regions) > 0 {
					c, ok = g.geocodeCandidateWith(m.Text, ctx, g.inRegions(regions))
				}
			}
			if !ok {
				c, ok = g.geocodeCandidate(m.Text, ctx)
			}
			if !ok {
				continue
			}
			cand = c
		}
		place, kind := cand.Place, cand.Kind
		if (place.Feature == "PPLC" || kind == GeoAdmin1 && g.capitalName(m.Text)) && capitalSpeaker(text, m.Span) {
			// "Kiev says", whether Kiev is read as the city or as the
			// city's region (Kyiv City).
			continue
		}
		cue, near := locCues(text, m.Span)
		if c, ok := unknownIn[i]; ok {
			cue = c
		}
		if (place.Feature == "PPLC" || kind == GeoAdmin1 && g.capitalName(m.Text)) && cue <= 0 && contains(named, place.Country) && chains[m.Text] == "" {
			// "NATO will arm Kyiv … events around Ukraine": a capital
			// named with no place cue beside its own country stands for
			// the government (issue 12).
			continue
		}
		s := float64(kind)*10 + cue*3 - float64(i)*0.1
		if chains[m.Text] != "" && !regionNames[m.Text] {
			s += 2 // the head of "X, Region, Country"
		}
		if address && cue <= 0.3 && chains[m.Text] == "" && !regionRole(text, ms, i) && (kind == GeoPlace || kind == GeoAdmin2) {
			s -= 15
		}
		if m.Partial {
			if !aboutCountry(place.Country, aboutCountries, weak) {
				// "Coca" of "Coca-Cola", "Nova" of "Nova Poshta": a word of
				// an unknown name, in a country the text is not about.
				continue
			}
			if nameOnly(text, ms) {
				// "Savur-Mohyla" alone: a word of an unknown name that is
				// all the text says is no place (issue 12); "Kakhovka" of
				// "Kakhovka Hydroelectric Power Plant" in a sentence is.
				continue
			}
			s -= 25
		}
		if g.weakMention(text, ms, i, cand, cue, countries) {
			if kind == GeoPlace && !translitCountry[place.Country] && lightPlace(normPlace(cand.Name)) != lightPlace(normPlace(m.Text)) {
				// "Drone footage …": one uncued word that is only some
				// small place's alternate name (Dronero's, in Italy) is too
				// weak to be any answer; in the former Soviet Union,
				// alternate names are how the press spells villages
				// (issue 5).
				continue
			}
			// A weak name outside every country the text is about is a
			// namesake abroad: left unplaced rather than put in
			// California (issue 12). The text is about the countries it
			// names; naming none, about those of the nationalities it
			// names ("Malian troops") and the former Soviet Union, where
			// the press spells villages by any transliteration.
			if !aboutCountry(place.Country, aboutCountries, weak) {
				continue
			}
			if len(countries) == 0 && len(weak) == 0 && len(about) == 0 && g.rivalAbroad(m.Text, cand) {
				// "Kalinovo" alone: villages of that name in Russia and
				// Ukraine weigh about the same, and the text says nothing
				// of which country it is about.
				continue
			}
			if len(countries) == 0 && len(weak) == 0 && len(about) > 0 && g.rivalElsewhere(m.Text, cand, about) {
				// "Stepanivka" alone, in a collection about Ukraine: one
				// of several villages of the country that weigh about the
				// same.
				continue
			}
			s -= 35 // used only when the text offers nothing better
		} else if kind != GeoCountry && g.uncuedAbroad(text, ms, i, cand, cue, chains[m.Text] != "", aboutCountries, weak) {
			// "Department store "White Birch"", "Red Cross painted on
			// roof", "in the Lyman region": a name of any length, with
			// no place cue and no chain, that only a small place or a
			// region outside every country the text is about carries
			// (Wisconsin, North Carolina, South Dakota) is left
			// unplaced (issue 12).
			continue
		}
		// "Hryhorivka, Donetsk": a place followed by the regions it lies in.
		// When the chosen place is in none of them (nor within 80 km of
		// their seat), the gazetteer most likely lacks the right one (there
		// are dozens of Hryhorivkas): the region is the better answer.
		// A region followed by regions of another country is a place the
		// gazetteer lacks: "New York, Donetsk" is a village of Donetsk
		// oblast, not the American state. A place the chain confirms is as
		// good as one in a country the text names.
		confirmed := false
		if kind != GeoCountry {
			if regions := g.chainRegions(text, ms, i); len(regions) > 0 {
				switch {
				case kind == GeoAdmin1:
					switch {
					case !g.regionCountries(regions)[place.Country]:
						s -= 25
					case !regions[admin1Key(cand.Name)] && !regions[admin1Key(place.Admin1)]:
						// "Parwana, Herat, Afghanistan": a region followed
						// by another region of its country is a place the
						// gazetteer lacks, not Parwan province.
						s -= 25
					default:
						confirmed = true
					}
				case regions[admin1Key(place.Admin1)] || g.nearRegion(place, regions, 80):
					confirmed = true
					s += 2 // as the head of "X, Region, Country" is
				case kind == GeoAdmin2 && (g.nearRegion(place, regions, geoChainFarKm) || splitRegion(regions, place.Admin1)):
					// District borders move between provinces (Gizab,
					// Uruzgan, is Daykundi's in GeoNames): a district near
					// the region stays in the running.
				case g.nearRegion(place, regions, geoChainFarKm) || splitRegion(regions, place.Admin1):
					// Near the region, or in a province split from it that
					// keeps its name ("Beoga, Papua": Central Papua).
					s -= 25
				default:
					// "Baharak, Khost": the only Baharak the gazetteer has
					// lies 400 km from Khost; the region is the answer.
					s -= 35
				}
			}
		}
		if (kind == GeoPlace || kind == GeoAdmin2) && len(textRegions) > 0 && !confirmed &&
			!textRegions[admin1Key(place.Admin1)] && !g.nearRegion(place, textRegions, 80) {
			s -= 25
		}
		if !cand.Exact && !translitCountry[place.Country] {
			s -= 3 // folded match outside the former Soviet Union
		}
		if kind != GeoCountry {
			// A place outside the country its comma chain ends in ("Badam,
			// Wardak, Afghanistan") is never the answer; one outside the
			// countries the text names elsewhere only when it is cued and
			// matched exactly ("the Embassy of Belarus in Kiev").
			if cc := chains[m.Text]; cc != "" {
				if sovereign(place.Country) != sovereign(cc) {
					s -= 100
				}
			} else if strict && !confirmed && !contains(countries, place.Country) && !contains(countries, sovereign(place.Country)) {
				// …by its own name: "Pul" in "Pul-e-Matak, Kabul,
				// Afghanistan" is an old name of Pula, Croatia (issue 5).
				if cand.Exact && cue > 0 && !(kind == GeoPlace && lightPlace(normPlace(cand.Name)) != lightPlace(normPlace(m.Text))) {
					s -= 15
				} else {
					s -= 100
				}
			}
		}
		if s > best.score {
			if near && kind == GeoPlace {
				place.Precision = muster.PrecisionNear
			}
			best = choice{place, kind, s}
			found = true
		}
	}
	return best.place, found
}

// capitalName reports whether name is the name of a capital city.
func (g *Gazetteer) capitalName(name string) bool {
	ids, exact := g.lookup(normPlace(name))
	for i, id := range ids {
		if exact[i] && g.entries[id].feature == "PPLC" {
			return true
		}
	}
	return false
}

// allStop reports whether every word of the normPlace key k is a spotStop
// word.
func allStop(k string) bool {
	for _, w := range strings.Fields(k) {
		if !spotStop[w] {
			return false
		}
	}
	return true
}

// nameOnly reports whether text is nothing but its place names ms, with
// spaces and punctuation between them: "Savur-Mohyla", "Peski;Peski".
func nameOnly(text string, ms []PlaceMention) bool {
	from := 0
	rest := func(s string) bool {
		return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }) == ""
	}
	for _, m := range ms {
		if m.Start < from || m.End > len(text) || !rest(text[from:m.Start]) {
			return false
		}
		from = m.End
	}
	return rest(text[from:])
}

// countryDirection returns the part of the country named at span sp of
// text that the text places the event in, or "": a direction word before
// the name ("eastern Ukraine", "east Ukraine"), before "of" and the name
// ("the east of Ukraine"), or after the name's possessive ("Ukraine's
// east"); and, when the text names only this country (only), a direction
// used as a noun anywhere in it ("killed in the east", "the rebel east",
// "in war-torn east").
func countryDirection(text string, sp muster.Span, only bool) string {
	if d := directionBefore(text, sp); d != "" {
		return d
	}
	before := strings.Fields(strings.ToLower(text[max(0, sp.Start-30):min(sp.Start, len(text))]))
	if n := len(before); n >= 2 && before[n-1] == "of" && strings.HasSuffix(text[:min(sp.Start, len(text))], " ") {
		if d := placeword.Direction(before[n-2]); d != "" {
			return d
		}
	}
	after := text[min(sp.End, len(text)):]
	for _, pos := range []string{"’s ", "'s "} {
		if rest, ok := strings.CutPrefix(after, pos); ok {
			if d := placeword.Direction(firstWord(strings.ToLower(rest))); d != "" {
				return d
			}
		}
	}
	if only {
		if m := directionNounRE.FindStringSubmatch(text); m != nil {
			return placeword.Direction(m[1])
		}
	}
	return ""
}

// directionNounRE finds a side of a country used as a noun: "in the
// east", "in east", "the rebel east", "war-torn east", in lower case and
// not before another word of a name ("the east bank" is no part).
var directionNounRE = regexp.MustCompile(`\b(?:in|the|rebel|separatist|war-torn|restive|embattled)\s+(east|west|north|south|northeast|southeast|northwest|southwest|north-east|south-east|north-west|south-west)\b(?:\s*$|\s*[,.;:!?)]|\s+(?:of|as|amid|after|on|in|and|where|while|with|despite|since|over|-|–))`)

// directionBefore returns the part of a country the word before span sp
// of text names ("e" for "eastern Ukraine"), or "".
func directionBefore(text string, sp muster.Span) string {
	before := strings.Fields(strings.ToLower(text[max(0, sp.Start-20):min(sp.Start, len(text))]))
	if len(before) == 0 || !strings.HasSuffix(text[:min(sp.Start, len(text))], " ") {
		return ""
	}
	return placeword.Direction(before[len(before)-1])
}

// countryPart returns a point for a part of country cc (dir from
// directions): the population-weighted centre of its first-order regions
// that lie in the outer third of the country's extent on each side dir
// names.
func (g *Gazetteer) countryPart(cc, dir string) (muster.Place, bool) {
	var regions []*entry
	minLat, maxLat, minLon, maxLon := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range g.entries {
		e := &g.entries[i]
		if e.kind != GeoAdmin1 || e.cc != cc {
			continue
		}
		regions = append(regions, e)
		lat, lon := float64(e.lat), float64(e.lon)
		minLat, maxLat = math.Min(minLat, lat), math.Max(maxLat, lat)
		minLon, maxLon = math.Min(minLon, lon), math.Max(maxLon, lon)
	}
	if len(regions) < 3 {
		return muster.Place{}, false
	}
	in := func(e *entry) bool {
		lat, lon := float64(e.lat), float64(e.lon)
		for _, d := range dir {
			switch d {
			case 'n':
				if lat < maxLat-(maxLat-minLat)/3 {
					return false
				}
			case 's':
				if lat > minLat+(maxLat-minLat)/3 {
					return false
				}
			case 'e':
				if lon < maxLon-(maxLon-minLon)/3 {
					return false
				}
			case 'w':
				if lon > minLon+(maxLon-minLon)/3 {
					return false
				}
			}
		}
		return true
	}
	var sw, slat, slon float64
	for _, e := range regions {
		if !in(e) {
			continue
		}
		w := float64(e.pop) + 1
		sw += w
		slat += w * float64(e.lat)
		slon += w * float64(e.lon)
	}
	if sw == 0 {
		return muster.Place{}, false
	}
	return muster.Place{Lat: math.Round(slat/sw*1e4) / 1e4, Lon: math.Round(slon/sw*1e4) / 1e4, Country: cc, Precision: muster.PrecisionRegion}, true
}

// speechVerbs are the verbs after which a capital's name is its
// government speaking ("Kiev says …", "Moscow accuses …").
var speechVerbs = map[string]bool{
	"says": true, "said": true, "reports": true, "reported": true, "claims": true, "claimed": true,
	"accuses": true, "accused": true, "blames": true, "blamed": true, "denies": true, "denied": true,
	"warns": true, "warned": true, "announces": true, "announced": true, "points": true, "urges": true,
	"confirms": true, "confirmed": true,
}

// capitalSpeaker reports whether the capital named at span sp of text is
// its government speaking: the subject of a verb of saying ("Kiev says
// five soldiers died") or the source a headline is attributed to ("Five
// soldiers killed in the east: Kiev").
func capitalSpeaker(text string, sp muster.Span) bool {
	if sp.End > len(text) {
		return false
	}
	if speaker(text, sp) || partisan(text, sp) {
		return true
	}
	after := strings.TrimLeft(text[sp.End:], " ")
	if w := firstWord(after); officialNouns[strings.ToLower(w)] {
		return true // "Kiev authorities"
	}
	before := strings.TrimRight(text[:sp.Start], " ")
	if !strings.HasSuffix(before, ":") && !strings.HasSuffix(before, " -") {
		return false
	}
	return after == "" || strings.IndexAny(after[:1], ";.|") == 0
}

// geoChainFarKm is how far from the seat of the region its comma chain
// names a place of the name may lie and still outrank the region: a town
// just over a border the press draws differently (Tarmiyah, given as
// Saladin's, is Baghdad's) may be right, one across the country is not.
const geoChainFarKm = 200

// splitRegion reports whether admin1, a region name, contains one of the
// region keys (from admin1Names) as a whole word: a province split from
// the one named keeps its name ("Central Papua", "Papua").
func splitRegion(regions map[string]bool, admin1 string) bool {
	words := strings.Fields(admin1Key(admin1))
	if len(words) < 2 {
		return false
	}
	for k := range regions {
		if slices.Contains(words, k) {
			return true
		}
	}
	return false
}

// territories maps the ISO codes of territories that GeoNames keeps apart
// from the country the press names them with ("Tuen Mun, Hong Kong,
// China") to that country's code.
var territories = map[string]string{
	"HK": "CN", "MO": "CN", "PR": "US", "GU": "US", "VI": "US", "AS": "US", "MP": "US",
	"GF": "FR", "GP": "FR", "MQ": "FR", "RE": "FR", "YT": "FR", "NC": "FR", "PF": "FR",
	"GL": "DK", "FO": "DK",
}

// sovereign returns the code of the country a territory's code belongs
// to, or the code itself.
func sovereign(cc string) string {
	if s, ok := territories[cc]; ok {
		return s
	}
	return cc
}

// streetWords are the nouns after which a place name names a street, a
// square or a park ("Shevchenko Boulevard", "Victory Avenue"), which is
// not that place.
var streetWords = map[string]bool{
	"street": true, "avenue": true, "boulevard": true, "road": true, "highway": true, "lane": true,
	"square": true, "park": true, "prospekt": true, "prospect": true, "embankment": true,
	"blvd": true,
}

// streetName reports whether the mention at span sp of text is followed
// by a street word ("Taras Shevchenko Boulevard"; not "Kyiv's streets"),
// or by a weapon's: many weapons bear a place's name ("Iskander missiles",
// "Tornado rockets", "Iskander missile systems"), which names the weapon,
// not where it was (issue 12). A town before a strike stays ("a Kyiv
// missile strike").
func streetName(text string, sp muster.Span) bool {
	if sp.End >= len(text) || text[sp.End] != ' ' {
		return false
	}
	rest := strings.ToLower(text[sp.End+1:])
	w := firstWord(rest)
	if streetWords[w] || weaponWords[w] {
		return true
	}
	// "Taras Shevchenko Boulevard": a place name that is the first of two
	// names before a street word (issue 12).
	if next := firstWord(text[sp.End+1:]); next != "" && unicode.IsUpper([]rune(next)[0]) && len(rest) > len(next) && rest[len(next)] == ' ' {
		if streetWords[firstWord(rest[len(next)+1:])] {
			return true
		}
	}
	if w != "missile" && w != "rocket" {
		return false
	}
	return weaponSystems[firstWord(strings.TrimLeft(rest[len(w):], " "))]
}

// weaponWords are the nouns after which a place name names a weapon;
// weaponSystems those after "missile" or "rocket" that do.
var (
	weaponWords = map[string]bool{
		"missiles": true, "rockets": true, "launcher": true, "launchers": true, "mrl": true, "mrls": true,
		"mlrs": true, "howitzer": true, "howitzers": true, "sam": true,
	}
	weaponSystems = map[string]bool{
		"system": true, "systems": true, "complex": true, "complexes": true, "launcher": true,
		"launchers": true, "battery": true, "batteries": true,
	}
)

// officialNouns are the nouns after which a capital's name is its
// government ("Kiev authorities", "Moscow officials").
var officialNouns = map[string]bool{"authorities": true, "officials": true, "official": true, "leadership": true}

// firstWord returns the leading letters of s.
func firstWord(s string) string {
	if i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }); i >= 0 {
		return s[:i]
	}
	return s
}

// speaker reports whether the name at span sp of text is the subject of a
// verb of saying ("Kiev says", "Russia announces").
func speaker(text string, sp muster.Span) bool {
	if sp.End > len(text) {
		return false
	}
	return speechVerbs[strings.ToLower(firstWord(strings.TrimLeft(text[sp.End:], " ")))]
}

// partisan reports whether the name at span sp of text is the object of a
// "pro-" or "anti-" adjective ("pro-Kiev official").
func partisan(text string, sp muster.Span) bool {
	before := strings.ToLower(text[max(0, sp.Start-5):min(sp.Start, len(text))])
	return strings.HasSuffix(before, "pro-") || strings.HasSuffix(before, "anti-")
}

// countryActor reports whether the country named at span sp of text is
// named as an actor rather than as where something happened: a cue that
// marks it as no place ("from Russia", locCues) or a side's reading
// (placeword.Side, the one extract shares: "seized by Russia",
// "Russia-led", "Russia's army", "the troops of the Russian Federation",
// "Russia's claims"). The forces of a country fight in it as often as
// abroad, so that names no event place but still tells which country the
// text is about.
func countryActor(text string, sp muster.Span) bool {
	if sp.End > len(text) {
		return false
	}
	if cue, _ := locCues(text, sp); cue < 0 {
		return true
	}
	return placeword.Side(text, sp, true, nil)
}

// chainCountry returns the country that ends the comma chain starting at
// mention i ("Tarkhoo, Mamond subdistrict, Bajaur district, Khyber
// Pakhtunkhwa, Pakistan"; "Columbus, Georgia, United States"), or "".
// Links are commas between short runs of words, with no sentence
// punctuation.
func chainCountry(text string, ms []PlaceMention, i int) string {
	cc := ""
	end := ms[i].End
	for k := i + 1; k < len(ms); k++ {
		if ms[k].Start < end {
			continue
		}
		gap := text[end:ms[k].Start]
		if strings.TrimSpace(gap) == "" || strings.TrimSpace(gap) == "-" || hyphenParticle(gap) {
			end = ms[k].End // "Tal Aziz", "Dara-e-Kian": two words the gazetteer split
			continue
		}
		if !strings.Contains(gap, ",") || strings.ContainsAny(gap, ".;:!?()") {
			break
		}
		ok := true
		for j, chunk := range strings.Split(gap, ",") {
			if n := len(strings.Fields(chunk)); n > 6 || (j == 0 && n > 3) || (j > 0 && !chainChunk(chunk)) {
				ok = false
			}
		}
		if !ok {
			break
		}
		if ms[k].Kind == GeoCountry && ms[k].Country != "" && !ms[k].Demonym {
			cc = ms[k].Country
		}
		end = ms[k].End
	}
	return cc
}

// hyphenParticle reports whether gap is a lower-case particle between
// hyphens inside one name ("-e-" of "Dara-e-Kian", "-al-").
func hyphenParticle(gap string) bool {
	if len(gap) < 3 || len(gap) > 6 || gap[0] != '-' || gap[len(gap)-1] != '-' {
		return false
	}
	for _, r := range gap[1 : len(gap)-1] {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// regionFollows reports whether mention i is followed, after a comma, by
// a place name that is not a country: it is then a link inside a chain,
// not the region that ends it.
func regionFollows(text string, ms []PlaceMention, i int) bool {
	if i+1 >= len(ms) || ms[i+1].Start < ms[i].End {
		return false
	}
	return strings.TrimSpace(text[ms[i].End:ms[i+1].Start]) == "," && ms[i+1].Kind != GeoCountry
}

// unknownBefore reports whether mention i follows ", " after a
// capitalised name that no mention covers, itself after a place cue
// ("near Zahoruykivka, Kharkiv"; "in Stepove village, Zaporizhia"; "from
// Kothapalle, Andhra Pradesh"), and returns that cue's score.
func unknownBefore(text string, ms []PlaceMention, i int) (float64, bool) {
	before := strings.TrimRight(text[:ms[i].Start], " ")
	if !strings.HasSuffix(before, ",") {
		return 0, false
	}
	before = before[:len(before)-1]
	prevEnd := 0
	if i > 0 {
		prevEnd = ms[i-1].End
	}
	// Up to three capitalised words (and a place-type word) back to a cue.
	words := strings.Fields(before[max(prevEnd, len(before)-80):])
	n := 0
	for k := len(words) - 1; k >= 0 && n < 4; k-- {
		w := strings.Trim(words[k], "\"“”'’()")
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || (n > 0 || k == len(words)-1) && locCueAfter[strings.ToLower(w)] > 0 {
			n++
			continue
		}
		if n == 0 {
			return 0, false
		}
		// Any cue word, even one that marks where something came from
		// ("abducted from Kothapalle, Andhra Pradesh"): the name is still
		// a place the gazetteer lacks, in the region after it.
		cue, known := locCueBefore[strings.ToLower(w)]
		return cue, known
	}
	return 0, false
}

// chainChunk reports whether a comma-separated chunk between two place
// names can be a link of a place chain: names the gazetteer lacks
// ("Mamond subdistrict", "Al-Raida area") are capitalised words with
// region words and articles; ", as their families said" is prose.
func chainChunk(chunk string) bool {
	for _, w := range strings.Fields(chunk) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) || unicode.IsDigit(r) {
			continue
		}
		lw := strings.ToLower(strings.Trim(w, ".()"))
		if _, ok := adminSuffixes[lw]; ok {
			continue
		}
		switch lw {
		case "of", "the", "al", "el", "area", "neighborhood", "neighbourhood", "subdistrict", "sub-district", "sector", "camp",
			"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "near", "outside":
			continue
		}
		return false
	}
	return true
}

// aboutCountry reports whether a place in country cc lies in a country a
// text is about: one of the countries it names, or, naming none, one of
// its nationalities' (demonyms) or of the former Soviet Union.
func aboutCountry(cc string, countries, demonyms []string) bool {
	if len(countries) > 0 {
		return contains(countries, cc)
	}
	return contains(demonyms, cc) || translitCountry[cc]
}

// weakMention reports whether mention i is too weakly supported to be an
// event's place: one capitalised word ("Convoy", "Monument", "Aurora") that
// matches a small place (in a text that names no country, any place but a
// capital or a city of 500,000), with no cue ("in", "near", "village"),
// outside any comma chain, and not in a country the text names.
func (g *Gazetteer) weakMention(text string, ms []PlaceMention, i int, c Candidate, cue float64, countries []string) bool {
	m := ms[i]
	if c.Kind != GeoPlace || strings.ContainsAny(m.Text, " -") || cue > 0.3 {
		return false
	}
	// A capital or a large city is named as itself ("Kabul blast"); a
	// regional seat or a town of 50,000 only in a text that names a
	// country, which is what keeps "Riviera" (Rivera, Uruguay) in a text
	// that names none from being a place.
	if c.Place.Feature == "PPLC" || c.Population >= 500000 {
		return false
	}
	if len(countries) > 0 && (c.Population >= 50000 || c.Place.Feature == "PPLA") {
		return false
	}
	if contains(countries, c.Place.Country) || regionRole(text, ms, i) {
		return false
	}
	if i+1 < len(ms) && strings.TrimSpace(text[m.End:min(ms[i+1].Start, len(text))]) == "," {
		return false
	}
	return true
}

// uncuedAbroad reports whether candidate c of mention i lies outside every
// country the text is about (aboutCountry) and nothing but its name speaks
// for it: no place cue ("in", "near", "village"), no comma chain ("X,
// Region, Country"), and it is neither a capital nor a city of 500,000,
// which are named as themselves. weakMention covers one-word names; this
// covers names of any length and regions. A regional seat or a city of
// 100,000 is named as itself too ("in the Kherson direction" of a text
// that names only the Russian Federation).
func (g *Gazetteer) uncuedAbroad(text string, ms []PlaceMention, i int, c Candidate, cue float64, chained bool, countries, demonyms []string) bool {
	if cue > 0.3 || chained || regionRole(text, ms, i) {
		return false
	}
	if c.Place.Feature == "PPLC" || c.Place.Feature == "PPLA" || c.Population >= 100000 {
		return false
	}
	if i+1 < len(ms) && strings.TrimSpace(text[ms[i].End:min(ms[i+1].Start, len(text))]) == "," {
		return false
	}
	return !aboutCountry(c.Place.Country, countries, demonyms) && !aboutCountry(sovereign(c.Place.Country), countries, demonyms)
}

// regionRole reports whether mention i follows another place name after a
// comma, where news style puts the region ("Tokmak, Zaporizhzhia").
func regionRole(text string, ms []PlaceMention, i int) bool {
	if i == 0 || ms[i-1].Demonym || ms[i-1].End > ms[i].Start {
		return false
	}
	return strings.TrimSpace(text[ms[i-1].End:ms[i].Start]) == ","
}

// chainRegions returns the admin1 keys named by the mentions that follow
// mention i in its comma chain ("Hryhorivka, Donetsk"; "Olde Town, Arvada,
// Colorado, United States").
func (g *Gazetteer) chainRegions(text string, ms []PlaceMention, i int) map[string]bool {
	var out map[string]bool
	end := ms[i].End
	for k := i + 1; k < len(ms); k++ {
		if ms[k].Start < end || ms[k].Demonym {
			continue
		}
		raw := text[end:ms[k].Start]
		if gap := strings.TrimSpace(raw); gap == "" || gap == "-" || hyphenParticle(raw) {
			end = ms[k].End // "Nawa Bazar": two words of one name, as in chainCountry
			continue
		}
		gap := strings.TrimSpace(raw)
		if g, ok := strings.CutSuffix(gap, ","); ok && g != "" && len(strings.Fields(g)) <= 2 && chainChunk(g) {
			gap = "," // "Manikpur village, Tripura state": a place-type word before the comma
		}
		if gap != "," && gap != "(" {
			break
		}
		if ms[k].Kind == GeoCountry {
			break // "Middle Shebelle, Somalia": not Ethiopia's Somali region
		}
		for r := range g.admin1Names(ms[k].Text) {
			if out == nil {
				out = make(map[string]bool)
			}
			out[r] = true
		}
		end = ms[k].End
	}
	return out
}

// inRegions returns a lookup that keeps only the populated places and
// districts in one of the first-order regions whose keys are given.
func (g *Gazetteer) inRegions(regions map[string]bool) func(string) ([]int32, []bool) {
	return func(k string) ([]int32, []bool) {
		ids, exact := g.lookup(k)
		var outIDs []int32
		var outExact []bool
		for i, id := range ids {
			e := &g.entries[id]
			if (e.kind == GeoPlace || e.kind == GeoAdmin2) && e.a1 >= 0 && regions[admin1Key(g.entries[e.a1].name)] {
				outIDs = append(outIDs, id)
				outExact = append(outExact, exact[i])
			}
		}
		return outIDs, outExact
	}
}

// regionCountries returns the countries of the first-order regions whose
// keys (from admin1Names) are given.
func (g *Gazetteer) regionCountries(regions map[string]bool) map[string]bool {
	out := make(map[string]bool)
	for k := range regions {
		for _, id := range g.ids(k) {
			if e := &g.entries[id]; e.kind == GeoAdmin1 && admin1Key(e.name) == k {
				out[e.cc] = true
			}
		}
	}
	return out
}

func appendNew(ss []string, s string) []string {
	if contains(ss, s) {
		return ss
	}
	return append(ss, s)
}

// confidentCountry returns the country of name's most likely entry when
// that entry alone is plausible: a region or a populous town matched
// exactly and without a rival of similar weight elsewhere; region says
// whether that entry is a region.
func (g *Gazetteer) confidentCountry(name string) (cc string, region bool) {
	k := normPlace(name)
	ids, exact := g.lookup(k)
	best, second := int32(-1), -1e9
	bestP := -1e9
	for i, id := range ids {
		if !exact[i] || g.byAltOnly(id, k) {
			// Only a place's own name tells its country: "Аврора" is
			// Aurora, Colorado, by one of its many alternate names.
			continue
		}
		p := g.prior(&g.entries[id])
		if p > bestP {
			if best >= 0 && g.entries[best].cc != g.entries[id].cc {
				second = bestP
			}
			best, bestP = id, p
		} else if g.entries[id].cc != g.entries[best].cc && p > second {
			second = p
		}
	}
	if best < 0 {
		return "", false
	}
	e := &g.entries[best]
	if e.kind == GeoCountry {
		return "", false
	}
	if (e.kind == GeoAdmin1 || e.pop >= 50000) && bestP-second >= 1 {
		return e.cc, e.kind == GeoAdmin1
	}
	return "", false
}

// admin1Key is the key under which admin1Names stores a region name.
func admin1Key(name string) string {
	base, _ := stripAdminSuffix(normPlace(name))
	return foldPlaceNormed(base)
}

// admin1Names returns the keys of the first-order regions that name may
// name exactly ("Donetsk", "Kharkiv region", "Belgorod Oblast").
func (g *Gazetteer) admin1Names(name string) map[string]bool {
	ids, _ := g.lookup(normPlace(name))
	var out map[string]bool
	for _, id := range ids {
		if e := &g.entries[id]; e.kind == GeoAdmin1 {
			if out == nil {
				out = make(map[string]bool)
			}
			out[admin1Key(e.name)] = true
		}
	}
	return out
}

// nearRegion reports whether p lies within km of the seat of one of the
// regions (keys from admin1Names): Sevastopol is not in GeoNames' Crimea,
// but "Sevastopol, Crimea" is right.
func (g *Gazetteer) nearRegion(p muster.Place, regions map[string]bool, km float64) bool {
	for k := range regions {
		for _, id := range g.ids(k) {
			if e := &g.entries[id]; e.kind == GeoAdmin1 && admin1Key(e.name) == k {
				if haversineKm(p.Lat, p.Lon, float64(e.lat), float64(e.lon)) <= km {
					return true
				}
			}
		}
	}
	return false
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// locCues scores the words around a mention span of text: how strongly
// they mark it as the event's place, and whether they make it approximate.
func locCues(text string, sp muster.Span) (float64, bool) {
	if sp.Start >= len(text) {
		return 0, false
	}
	before := strings.ToLower(text[max(0, sp.Start-40):sp.Start])
	after := strings.ToLower(text[sp.End:min(len(text), sp.End+30)])
	bw := strings.FieldsFunc(before, func(r rune) bool { return !unicode.IsLetter(r) })
	aw := strings.FieldsFunc(after, func(r rune) bool { return !unicode.IsLetter(r) })
	score, near := 0.0, false
	if strings.HasSuffix(strings.TrimSpace(before), "coded to") {
		score += 3
	}
	if n := len(bw); n > 1 && placeword.Direction(bw[n-1]) != "" && !strings.HasSuffix(strings.TrimRight(before, " "), ",") {
		bw = bw[:n-1] // "in eastern Ukraine": the cue is before the direction
	}
	if n := len(bw); n > 0 && !strings.HasSuffix(strings.TrimRight(before, " "), ",") {
		score += locCueBefore[bw[n-1]]
		if locNear[bw[n-1]] {
			near = true
		}
		if n > 1 && bw[n-1] == "of" && (locNear[bw[n-2]] || bw[n-2] == "outskirts") {
			near = true
			score += 0.7
		}
	}
	if len(aw) > 0 && !strings.HasPrefix(strings.TrimLeft(after, " "), ",") {
		score += locCueAfter[aw[0]]
	}
	return score, near
}

// geocodeCandidate is Geocode returning the whole chosen Candidate.
func (g *Gazetteer) geocodeCandidate(name string, c GeoContext) (Candidate, bool) {
	return g.geocodeCandidateWith(name, c, g.lookup)
}

func (g *Gazetteer) geocodeCandidateWith(name string, c GeoContext, lookup func(string) ([]int32, []bool)) (Candidate, bool) {
	// "the West", "the East": a direction alone names a bloc or a part
	// of a country; it is a place only as a region of a country the text
	// names (Cameroon's North and West regions), never abroad (issue 12:
	// "sanctions by the West" in news of Russia was put in Haiti's Ouest
	// department).
	if placeword.Direction(strings.ToLower(strings.TrimSpace(name))) != "" {
		cand, ok := g.geocodeNamed(name, c, lookup)
		if !ok || !slices.ContainsFunc(c.Countries, func(cc string) bool { return strings.EqualFold(cc, cand.Place.Country) }) {
			return Candidate{}, false
		}
		return cand, true
	}
	return g.geocodeNamed(name, c, lookup)
}

// geocodeNamed scores the gazetteer entries of name in context c and
// returns the best: geocodeCandidateWith without its rule for a bare
// direction.
func (g *Gazetteer) geocodeNamed(name string, c GeoContext, lookup func(string) ([]int32, []bool)) (Candidate, bool) {
	k := normPlace(name)
	ids, exact := lookup(k)
	if g.countryOf(ids, exact) == "" {
		// "US", "UK": a country's short form is the country.
		if cc := g.aliasCountry(name); cc != "" {
			if id, ok := g.byCC[cc]; ok {
				return g.candidate(id, true), true
			}
		}
	}
	if len(ids) == 0 {
		return Candidate{}, false
	}
	sc := g.newScorerWith(c, k, lookup)
	sc.notePointed(ids)
	best, bestScore := -1, -1e18
	for i, id := range ids {
		s := sc.score(id, exact[i], g.altOnly(id, k, exact[i])) + g.twinBoost(id, ids)
		if s > bestScore {
			best, bestScore = i, s
		}
	}
	return g.candidate(ids[best], exact[best]), true
}

// geoRivalMargin is how far the chosen place of a weak name must lead its
// best namesake elsewhere for the choice to stand in a text that names no
// country.
const geoRivalMargin = 0.4

// geoRivalKm is how far from the chosen place a namesake must lie to be
// elsewhere in a country: a place the scoring would miss (25 km).
const geoRivalKm = 25.0

// rivalAbroad reports whether a namesake of chosen, in another country,
// scores (without context) within geoRivalMargin of it.
func (g *Gazetteer) rivalAbroad(name string, chosen Candidate) bool {
	return g.rivalNamesake(name, GeoContext{}, func(e *entry) bool { return e.cc != chosen.Place.Country })
}

// rivalElsewhere reports whether a namesake of chosen more than geoRivalKm
// from it, in the countries about or not, scores (as in a text about them)
// within geoRivalMargin of it: "Stepanivka" alone, in a collection about
// Ukraine, is one of several Ukrainian villages that weigh about the same
// (issue 12).
func (g *Gazetteer) rivalElsewhere(name string, chosen Candidate, about []string) bool {
	return g.rivalNamesake(name, GeoContext{Countries: about}, func(e *entry) bool {
		return haversineKm(float64(e.lat), float64(e.lon), chosen.Place.Lat, chosen.Place.Lon) > geoRivalKm
	})
}

// rivalNamesake reports whether the best candidate of name that is
// elsewhere scores, in context c, within geoRivalMargin of the best one
// that is not.
func (g *Gazetteer) rivalNamesake(name string, c GeoContext, elsewhere func(*entry) bool) bool {
	k := normPlace(name)
	ids, exact := g.lookup(k)
	sc := g.newScorer(c, k)
	sc.notePointed(ids)
	best, rival := math.Inf(-1), math.Inf(-1)
	for i, id := range ids {
		s := sc.score(id, exact[i], g.altOnly(id, k, exact[i])) + g.twinBoost(id, ids)
		if elsewhere(&g.entries[id]) {
			rival = math.Max(rival, s)
		} else {
			best = math.Max(best, s)
		}
	}
	return rival > best-geoRivalMargin
}

// geoTwinMargin keeps a twin that takes its twin's prior just below it,
// so that when nothing else tells them apart the stronger record wins and
// every spelling of the place resolves to the same one (one entity key).
const geoTwinMargin = 0.01

// geoTwinKm is how close two populated places of one name and country
// must lie to be one place the gazetteer records twice.
const geoTwinKm = 5.0

// twinBoost returns how much more prior a twin of place id among the
// candidates ids has: GeoNames often records one village twice, under its
// Ukrainian and its Russian name, with the population or the coded events
// on only one of them ("Krymske", no population, beside "Krymskie", where
// events were coded). The place with the right name takes its twin's
// prior, so that the twin's weight is not lost to a namesake elsewhere.
func (g *Gazetteer) twinBoost(id int32, ids []int32) float64 {
	e := &g.entries[id]
	if e.kind != GeoPlace || len(ids) < 2 {
		return 0
	}
	p := g.prior(e)
	boost := 0.0
	for _, o := range ids {
		t := &g.entries[o]
		if o == id || t.kind != GeoPlace || t.cc != e.cc {
			continue
		}
		if d := g.prior(t) - p - geoTwinMargin; d > boost && haversineKm(float64(e.lat), float64(e.lon), float64(t.lat), float64(t.lon)) <= geoTwinKm {
			boost = d
		}
	}
	return boost
}
