package extract

import (
	"strings"
	"unicode"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp/placeword"
)

// Places of an event: the comma list of capitalised names after a locative
// ("in", "near", "at", "outside", "the village of"), read from the most
// specific to the country.

type placeHit struct {
	name string
	role string
	span muster.Span
}

var locatives = map[string]bool{
	"in": true, "near": true, "at": true, "outside": true, "around": true, "inside": true, "into": true,
	"over": true, "towards": true, "toward": true, "across": true,
}

// placeUnitWords end a place name that may sit "in" a larger one.
var placeUnitWords = map[string]bool{"village": true, "district": true, "town": true, "area": true, "villages": true, "city": true}

// notPlaceWords in a name make it an organisation's, not a place's:
// "Military Forces of Ukraine positions".
var notPlaceWords = map[string]bool{
	"forces": true, "army": true, "police": true, "ministry": true, "service": true, "party": true,
	"front": true, "brigade": true, "legion": true, "corps": true, "council": true, "committee": true,
	"movement": true, "government": true, "militia": true, "battalion": true, "regiment": true,
	"directorate": true, "agency": true, "company": true, "university": true, "embassy": true,
	"consulate": true, "headquarters": true, "station": true, "school": true, "hospital": true,
}

// placeNouns before "of" introduce a place: "the village of Zaroumdareye".
var placeNouns = map[string]bool{
	"village": true, "town": true, "city": true, "district": true, "area": true, "province": true,
	"region": true, "outskirts": true, "areas": true, "parts": true, "part": true, "vicinity": true, "suburb": true, "suburbs": true,
	"municipality": true, "county": true, "state": true, "governorate": true, "oblast": true,
	"neighborhood": true, "neighbourhood": true, "locality": true, "commune": true, "settlement": true,
	"hamlet": true, "villages": true, "towns": true, "capital": true, "department": true, "prefecture": true,
	"direction": true, "north": true, "south": true, "east": true, "west": true, "northeast": true,
	"northwest": true, "southeast": true, "southwest": true, "center": true, "centre": true,
}

// adminWords may follow a place name: "Tillaberi region", "Darqad district".
var adminWords = map[string]bool{
	"district": true, "region": true, "province": true, "state": true, "county": true, "governorate": true,
	"oblast": true, "raion": true, "area": true, "village": true, "town": true, "city": true,
	"municipality": true, "division": true, "department": true, "prefecture": true, "territory": true,
	"zone": true, "subdistrict": true, "tehsil": true, "block": true, "agency": true, "hromada": true,
	"camp": true, "neighborhood": true, "neighbourhood": true, "commune": true, "locality": true,
	"community": true,
}

// centreWords name the middle of a place, which is that place at the
// text's precision: "a strike in central Kharkiv" was in Kharkiv. The
// middle of a country ("central Mali") and a direction ("northern
// Donetsk") name a part that may lie far from the place's point, and are
// left to the narrative rules' regions.
var centreWords = map[string]bool{"central": true, "downtown": true}

// admin1Words mark a first-level region.
var admin1Words = map[string]bool{
	"province": true, "region": true, "state": true, "governorate": true, "oblast": true, "county": false,
}

// nameConnectors may stand inside a place or group name between capitalised
// words: "Beir al-Abd", "Democratic Republic of the Congo".
var nameConnectors = map[string]bool{
	"al": true, "el": true, "ad": true, "ash": true, "as": true, "ar": true, "an": true, "az": true,
	"bin": true, "de": true, "del": true, "la": true, "le": true, "da": true, "do": true, "dos": true,
	"di": true, "van": true, "von": true, "e": true, "i": true, "ul": true, "ur": true, "wa": true,
	"of": true, "the": true, "des": true, "du": true, "y": true,
}

// notPlaceStarts are capitalised words that do not start a place name.
var notPlaceStarts = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "his": true, "her": true,
	"their": true, "its": true, "assailants": true, "no": true, "one": true, "two": true, "however": true,
	"addition": true, "response": true, "retaliation": true, "total": true, "separate": true, "order": true,
}

// placeName reads one capitalised place name from token i: capitalised
// words, numbers, hyphen-joined parts and connectors, and an admin word
// after. withAnd lets "and" join two capitalised words ("Jammu and
// Kashmir"), which is safe only after the first name of a list. It returns
// the token after the name.
func placeName(toks []wtok, i int, withAnd bool) (int, bool) {
	if i >= len(toks) || toks[i].kind != 'w' || !toks[i].upper || notPlaceStarts[toks[i].low] {
		return 0, false
	}
	if _, ok := monthNames[toks[i].low]; ok {
		return 0, false
	}
	if _, ok := weekdays[possessive(toks[i].low)]; ok { // "in Monday’s attack"
		return 0, false
	}
	j := i + 1
	for j < len(toks) {
		t := toks[j]
		switch {
		case t.low == "-" && t.start == toks[j-1].end && j+1 < len(toks) && toks[j+1].start == t.end && toks[j+1].kind != 'p':
			j += 2
		case t.kind == 'w' && t.upper:
			j++
		case t.kind == 'd' && len(t.low) <= 3:
			j++
		case t.kind == 'w' && nameConnectors[t.low] && j+1 < len(toks) && (toks[j+1].upper || toks[j+1].low == "-" && t.low != "of" && t.low != "the" || t.low == "of" && toks[j+1].low == "the" && j+2 < len(toks) && toks[j+2].upper):
			j++
		case (withAnd || ofInside(toks[i:j])) && t.low == "and" && j+1 < len(toks) && toks[j+1].upper && toks[j+1].kind == 'w':
			// "Autonomous Administration of North and East Syria": after
			// "of", "and" runs on inside the name.
			j++
		default:
			goto done
		}
	}
done:
	if j+1 < len(toks) && toks[j].low == "territorial" && toks[j+1].low == "community" {
		j++
	}
	if j < len(toks) && adminWords[toks[j].low] && toks[j].kind == 'w' {
		j++
	}
	return j, true
}

// places returns the place list of a sentence, or nil: the first list of
// two or more names after a locative that ends in a country, else such a
// list anywhere in the sentence, else the longest list after a locative.
func (x *eventExtractor) places(s *sent) []placeHit {
	toks := s.toks
	var best []placeHit
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		if t.kind != 'w' {
			continue
		}
		j := -1
		ofHit := false
		switch {
		case locatives[t.low] || triggerLex.has("placeobj", t.low): // "in", "shelled Chervone"
			j = k + 1
		case t.low == "to" && k > 0 && (toks[k-1].low == "proximity" || toks[k-1].low == "close" || toks[k-1].low == "next"):
			j = k + 1
		case t.low == "on" && k > 0 && triggerLex.has("on", toks[k-1].low):
			// "an air strike on Mykolaivka, Sumy"
			j = k + 1
		case t.low == "of" && k > 0 && placeNouns[toks[k-1].low]:
			j = k + 1
		case t.low == "of" && k > 0 && (triggerLex.has("placeobj", toks[k-1].low) || triggerLex.has("on", toks[k-1].low)):
			// "the shelling of Izium": the place hit, when nothing after
			// makes the name a word of another's ("the shelling of Aurora
			// shopping centre").
			j = k + 1
			ofHit = true
		default:
			continue
		}
		// "attacked Chakab village in Pashtun Kot, Faryab": the list
		// starts at the village before "in".
		if t.low == "in" && k > 1 && placeUnitWords[toks[k-1].low] && toks[k-2].upper {
			a := k - 2
			for a > 0 && (toks[a-1].upper && toks[a-1].kind == 'w' || toks[a-1].low == "-") {
				a--
			}
			if chain := x.placeChain(toks, a); len(chain) >= 2 && chain[len(chain)-1].role == PlaceCountry {
				return chain
			}
		}
		// "in the village of X", "in the X area", "in the Pakistani city
		// of X".
		if j < len(toks) && toks[j].low == "the" {
			j++
			if j+2 < len(toks) && toks[j].upper && isDemonymWord(x.text[toks[j].start:toks[j].end]) && placeNouns[toks[j+1].low] && toks[j+2].low == "of" {
				j++
			}
			if j+1 < len(toks) && placeNouns[toks[j].low] && toks[j+1].low == "of" {
				j += 2
			}
		} else if j+1 < len(toks) && placeNouns[toks[j].low] && toks[j+1].low == "of" {
			j += 2
		}
		// "in central Kharkiv", "in downtown Okhtyrka": the part is in
		// the place, at its level; "central Mali" is a region of its own.
		if j+1 < len(toks) && centreWords[toks[j].low] && toks[j+1].upper {
			if end, ok := placeName(toks, j+1, false); ok && !isCountry(x.text[toks[j+1].start:toks[end-1].end]) {
				j++
			}
		}
		chain := x.placeChain(toks, j)
		if len(chain) == 0 || ofHit && !placeEnds(toks, chain[len(chain)-1].span.End) {
			continue
		}
		if len(chain) >= 2 && chain[len(chain)-1].role == PlaceCountry {
			return chain
		}
		if len(chain) > len(best) || len(best) == 1 && best[0].role == PlaceCountry && chain[0].role != PlaceCountry {
			best = chain
		}
	}
	// A list anywhere counts when it ends in a country: "attacked
	// Bangassou, Mbomou, Central African Republic".
	for k := 1; k < len(toks); k++ {
		if toks[k].upper && toks[k-1].low == "," || toks[k].upper && !toks[k-1].upper && toks[k-1].kind == 'w' && !nameConnectors[toks[k-1].low] {
			if chain := x.placeChain(toks, k); len(chain) >= 2 && chain[len(chain)-1].role == PlaceCountry {
				return chain
			}
		}
	}
	return best
}

// placeChain reads "A, B, C" from token j and gives each name its role.
func (x *eventExtractor) placeChain(toks []wtok, j int) []placeHit {
	var spans []muster.Span
	facilityIn := false // "Azovtal plant in Mariupol"
	for {
		end, ok := placeName(toks, j, len(spans) > 0)
		if !ok {
			break
		}
		spans = append(spans, muster.Span{Start: toks[j].start, End: toks[end-1].end})
		j = end
		// "Horinka (Kyiv)": the bracketed name is the region.
		if j+2 < len(toks) && toks[j].low == "(" && toks[j+2].low == ")" && toks[j+1].upper && toks[j+1].kind == 'w' {
			spans = append(spans, muster.Span{Start: toks[j+1].start, End: toks[j+1].end})
			j += 3
			break
		}
		// "Shib Koh district in Farah, Afghanistan": a district or village
		// "in" a larger place continues the list.
		if j+1 < len(toks) && toks[j].low == "in" && j > 0 && placeUnitWords[toks[j-1].low] && toks[j+1].upper {
			j++
			continue
		}
		// "strikes on Azovtal plant in Mariupol": a facility named after
		// its name is a part of the town it is in.
		if j+2 < len(toks) && placeword.Facility(toks[j].low) && toks[j].kind == 'w' && (toks[j+1].low == "in" || toks[j+1].low == "near") && toks[j+2].upper {
			spans[len(spans)-1].End = toks[j].end
			facilityIn = true
			j += 2
			continue
		}
		// "the Kuibyshevsky district of Donetsk": the part of a town is
		// placed by the town; the part's own name may be a namesake's
		// elsewhere (Chernihiv has a Desnianskyi district too).
		if j+1 < len(toks) && toks[j].low == "of" && j > 0 && (toks[j-1].low == "district" || toks[j-1].low == "area") && toks[j+1].upper {
			spans = spans[:len(spans)-1]
			j++
			continue
		}
		if j+1 < len(toks) && toks[j].low == "," {
			// a doubled comma ("Faryab,, Afghanistan") is a typo
			if toks[j+1].low == "," {
				j++
			}
			if j+1 < len(toks) && toks[j+1].low == "the" && j+2 < len(toks) && toks[j+2].upper {
				j++
			}
			j++
			continue
		}
		break
	}
	if len(spans) == 0 {
		return nil
	}
	after := j // the token after the list
	// "the Kurdish-led Autonomous Administration …", "the Taliban-held
	// district": the participle before the name is not part of it ("Sar-e
	// Pol" is a name).
	for k, sp := range spans {
		if w, _, ok := strings.Cut(x.text[sp.Start:sp.End], " "); ok && hyphenAdjective(w) {
			if tail := w[strings.LastIndexAny(w, "-‐–")+1:]; strings.HasSuffix(tail, "ed") || tail == "held" || tail == "run" {
				spans[k].Start += len(w) + 1
			}
		}
	}
	// "Makariv’s hospital": the town, without its possessive.
	for k, sp := range spans {
		if n := x.text[sp.Start:sp.End]; strings.HasSuffix(n, "’s") || strings.HasSuffix(n, "'s") {
			spans[k].End -= len("s") + len(n[strings.LastIndexAny(n, "’'"):len(n)-1])
		}
	}
	// "Russia’s Kursk region": the region, in the country that owns it.
	if c, rest, ok := countryPossessive(x.text[spans[0].Start:spans[0].End]); ok && len(spans) == 1 {
		spans = []muster.Span{{Start: spans[0].Start + rest, End: spans[0].End}, {Start: spans[0].Start, End: spans[0].Start + len(c)}}
	}
	names := make([]string, len(spans))
	for k, sp := range spans {
		names[k] = x.text[sp.Start:sp.End]
	}
	// A side is no place: "killed in Russia’s war".
	if namesSide(x.text, spans[0]) {
		return nil
	}
	// A list that opens with an organisation's name is none: "fired at the
	// Military Forces of Ukraine positions", "shelled DPR in …".
	if l := strings.ToLower(names[0]); !strings.Contains(l, "police district") {
		for _, w := range strings.Fields(l) {
			if notPlaceWords[w] {
				return nil
			}
		}
	}
	if allCapsWord(names[0]) && len(names) == 1 {
		return nil
	}
	// A demonym alone ("near Russian positions") is no place.
	if len(names) == 1 {
		if _, ok := demonyms[names[0]]; ok {
			return nil
		}
	}
	hits := make([]placeHit, len(spans))
	for k := range spans {
		hits[k] = placeHit{name: names[k], span: spans[k], role: PlaceLocality}
	}
	rest := len(hits)
	if isCountry(names[rest-1]) {
		hits[rest-1].role = PlaceCountry
		rest--
	} else if rest >= 2 && strings.Contains(names[rest-1], " and ") {
		// "near Avdiivka, Vodyane, Shyrokyne and Butivka": a list of
		// settlements, not a hierarchy; the first is the place, and each
		// is a place of its own ("Shyrokyne and Butivka" is two).
		hits[0].role = PlaceCity
		last := hits[rest-1]
		if a, b, ok := strings.Cut(last.name, " and "); ok && !strings.Contains(a, " of ") && b != "" && unicode.IsUpper([]rune(b)[0]) {
			hits[rest-1] = placeHit{name: a, span: muster.Span{Start: last.span.Start, End: last.span.Start + len(a)}, role: last.role}
			hits = append(hits, placeHit{name: b, span: muster.Span{Start: last.span.End - len(b), End: last.span.End}, role: last.role})
		}
		return hits
	}
	// "Azovtal plant in Mariupol": the plant, in the town.
	if facilityIn && rest == 2 {
		hits[0].role, hits[1].role = PlaceLocality, PlaceCity
		return hits
	}
	// "Police District 1 of Kunduz": the city is what the part is of.
	if rest == 1 && subCity(names[0]) {
		if i := strings.LastIndex(names[0], " of "); i > 0 {
			of := spans[0]
			of.Start += i + len(" of ")
			hits[0].role = PlaceLocality
			// Like a lone name before the country, it may be the town or
			// the province named after it.
			hits = append([]placeHit{{name: x.text[of.Start:of.End], span: of, role: PlacePlace}}, hits...)
			return hits
		}
	}
	switch {
	case rest == 2 && (subCity(names[0]) || placeLastWord(names[0]) == "area"):
		// "Police District 8, Kabul, Afghanistan": the city is the
		// province's namesake.
		hits[1].role = PlaceAdmin1
		hits = append(hits, placeHit{name: names[1], span: spans[1], role: PlaceCity})
	case rest == 2:
		hits[1].role = PlaceAdmin1
		hits[0].role = PlaceCity
	case rest >= 3:
		// "Dumagmang, Labo, Camarines Norte, Philippines": the settlement
		// first, then districts, then the province; a part of a town
		// ("Basir Khil area") before them is a locality.
		hits[rest-1].role = PlaceAdmin1
		// Parts of a town ("Saydiyah area, Rasheed neighborhood") come
		// before it; the city is the first name that is not one.
		c := 0
		for c < rest-1 && (subCity(names[c]) || placeLastWord(names[c]) == "area") {
			c++
		}
		if c == rest-1 {
			// Only the province is left: the city is its namesake.
			hits = append(hits, placeHit{name: names[c], span: spans[c], role: PlaceCity})
		} else {
			hits[c].role = PlaceCity
			for k := c + 1; k < rest-1; k++ {
				hits[k].role = PlaceAdmin2
			}
		}
	case rest == 1:
		hits[0].role = PlaceCity
		if w := placeLastWord(names[0]); admin1Words[w] {
			hits[0].role = PlaceAdmin1
		} else if len(hits) == 2 {
			// "in Kunduz, Afghanistan": the text does not say whether
			// the name is a town or a province.
			hits[0].role = PlacePlace
		}
		// "in Al-Qaim and Jurf al-Sakhar": a second place of the same
		// rank, when its name ends the phrase ("in Gao and Ansar Dine
		// claimed it" joins no place).
		if len(hits) == 1 && after+1 < len(toks) && toks[after].low == "and" {
			if end, ok := placeName(toks, after+1, false); ok && placeEnds(toks, toks[end-1].end) {
				sp := muster.Span{Start: toks[after+1].start, End: toks[end-1].end}
				if n := x.text[sp.Start:sp.End]; !isCountry(n) && !isDemonymWord(n) && !allCapsWord(n) {
					hits = append(hits, placeHit{name: n, span: sp, role: hits[0].role})
				}
			}
		}
	}
	// Most specific first is the order already; drop localities' noise.
	return hits
}

// afterPlace are the words that may follow a place name that ends a
// phrase: "the shelling of Izium by …", "… of Izium kills two".
var afterPlace = map[string]bool{
	"by": true, "in": true, "on": true, "at": true, "near": true, "and": true, "with": true, "from": true,
	"after": true, "as": true, "during": true, "over": true, "kills": true, "killed": true, "leaves": true,
	"left": true, "wounds": true, "injures": true, "continues": true, "continued": true,
}

// placeEnds reports whether the place name ending at byte end ends its
// phrase: the text ends, punctuation other than a quotation mark
// follows, or a word of afterPlace.
func placeEnds(toks []wtok, end int) bool {
	for _, t := range toks {
		if t.start < end {
			continue
		}
		// A quotation mark may open the rest of a name: `Cafe "Beze"`.
		return t.kind == 'p' && !strings.ContainsAny(t.low, "\"“”«»") || afterPlace[t.low]
	}
	return true
}

// ofInside reports whether a name so far has "of" inside it.
func ofInside(toks []wtok) bool {
	for _, t := range toks[1:] {
		if t.low == "of" {
			return true
		}
	}
	return false
}

// countryPossessive splits "Russia’s Kursk region" into the country's
// name and the offset where the rest begins.
func countryPossessive(name string) (country string, rest int, ok bool) {
	for _, apos := range []string{"’s ", "'s "} {
		if i := strings.Index(name, apos); i > 0 && isCountry(name[:i]) && i+len(apos) < len(name) {
			return name[:i], i + len(apos), true
		}
	}
	return "", 0, false
}

// subCity reports a name of a part of a city: "Police District 8",
// "Rusafa neighborhood", "Hlaing Township", "Azovtal plant".
func subCity(name string) bool {
	l := strings.ToLower(name)
	for _, w := range []string{"police district", "neighborhood", "neighbourhood", "township", "sector", "quarter",
		" road", " highway", " street", " avenue", " bridge", " junction", " airport", " market", " base", " square"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return placeword.Facility(placeLastWord(name))
}

func isCountry(name string) bool {
	_, ok := countryNames[strings.TrimPrefix(name, "the ")]
	return ok
}

func placeLastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return strings.ToLower(s[i+1:])
	}
	return strings.ToLower(s)
}

// namesSide reports whether the place name at sp in text stands for a
// side rather than for where something happened (placeword.Side, the one
// reading resolve shares), with the narrative and report words of the
// trigger lexicon as the event nouns a side's possessive may take
// ("Russia’s assault on the town"). A country's possessive before other
// nouns is not read as its government's here, as resolve reads it:
// "Chad’s national television reported … a clash" still tells where the
// clash was, and that reading cost 9 of 122 events found on
// news_armed_groups dev (issue 12).
func namesSide(text string, sp muster.Span) bool {
	return placeword.Side(text, sp, false, sideEvent)
}

// sideEvent reports whether a noun after a place's possessive tells of an
// event the place's side does.
func sideEvent(w string) bool { return triggerLex.has("narrative", w) || triggerLex.has("report", w) }
