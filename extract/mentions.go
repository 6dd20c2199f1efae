package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// mention is a name or a nominal ("the militia unit") that may denote an
// entity, with the entity it was linked to. Spans count bytes.
type mention struct {
	muster.Span
	text    string
	typ     muster.EntityType // "" when unknown
	sent    int
	nominal bool   // "the group", "the paramilitary unit"
	role    string // a title stripped from a person's name: "Belarusian President"
	ent     int    // local entity index, -1 until linked
	plural  int    // for "both groups": how many entities it denotes
	pronoun bool   // a sentence-initial "It", "Its", "He", "She", "His", "Her"
	// patron: the name before the hyphen of "Turkish-backed" (addHyphenPatrons),
	// who backs a name, not a subject, place or party of its sentence.
	patron bool
}

// groupHeads end the names of armed groups: "Free Russia Legion",
// "Azov regiment", "Islamic State".
var groupHeads = map[string]bool{
	"legion": true, "corps": true, "battalion": true, "brigade": true, "brigades": true, "regiment": true,
	"alliance": true,
	"militia":  true, "militias": true, "front": true, "army": true, "group": true, "movement": true, "movements": true,
	"faction":      true,
	"organization": true, "organisation": true, "division": true, "detachment": true, "squad": true,
	"guard": true, "guards": true, "company": true, "taliban": true, "state": true, "brotherhood": true,
	"unit": true, "forces": true, "force": true, "insurgents": true, "militants": true, "commandos": true,
	"hezbollah": true, "hamas": true, "al-shabaab": true, "haram": true, "wagner": true, "pmc": true,
	"tigers": true, "mujahideen": true, "jihad": true,
	// criminal armed groups: "the Sinaloa cartel", "the Kivu gang".
	"cartel": true, "gang": true,
}

// namedHeads are the groupHeads that are names in their own right
// ("Hamas", "Al-Shabaab"), not common nouns: alone they still name a group.
var namedHeads = map[string]bool{
	"taliban": true, "hezbollah": true, "hamas": true, "al-shabaab": true, "haram": true, "wagner": true,
	"pmc": true, "tigers": true, "mujahideen": true, "jihad": true,
}

// lowerHeads may follow a name in lower case and still be part of it
// ("the Azov regiment", "the Kastus Kalinouski regiment").
var lowerHeads = map[string]bool{
	"regiment": true, "battalion": true, "brigade": true, "legion": true, "corps": true, "militia": true,
	"group": true, "unit": true, "movement": true, "detachment": true, "cartel": true, "gang": true,
	"faction": true,
}

// stateHeads name a state's forces or security services when a country or
// demonym precedes them: "Russian Army", "Armed Forces of Ukraine".
var stateHeads = map[string]bool{
	"army": true, "armed forces": true, "forces": true, "military": true, "navy": true, "air force": true,
	"national guard": true, "border guard": true, "border service": true, "ministry of defense": true,
	"ministry of defence": true, "defense ministry": true, "defence ministry": true, "fsb": true,
	"security service": true, "police": true, "rosgvardia": true, "marines": true,
}

// mediaWords mark the names of news outlets.
var mediaWords = map[string]bool{
	"radio": true, "times": true, "post": true, "news": true, "journal": true, "telegraph": true,
	"guardian": true, "reuters": true, "tass": true, "ria": true, "novosti": true, "interfax": true,
	"hill": true, "meduza": true, "bbc": true, "cnn": true, "agency": true, "media": true, "press": true,
	"tribune": true, "herald": true, "gazette": true, "kommersant": true, "izvestia": true, "pravda": true,
	"afp": true, "ap": true, "bloomberg": true, "economist": true, "kyiv independent": true, "ukrinform": true,
	"euronews": true, "al jazeera": true, "rferl": true, "rfe/rl": true, "dw": true, "newspaper": true,
}

// orgWords mark organisations that are neither armed groups nor outlets.
var orgWords = map[string]bool{
	"union": true, "ministry": true, "council": true, "court": true, "parliament": true, "commission": true,
	"department": true, "office": true, "committee": true, "kremlin": true, "nato": true, "un": true,
	"nations": true, "government": true, "duma": true, "senate": true, "congress": true, "bank": true,
	"university": true, "institute": true, "party": true, "foundation": true, "church": true,
	"assembly": true,
}

// placeWords follow a place name in lower case: "the Belgorod region".
var placeWords = map[string]bool{
	"region": true, "oblast": true, "territory": true, "province": true, "district": true, "city": true,
	"village": true, "town": true, "raion": true, "county": true, "area": true, "governorate": true,
}

// personTitles precede a person's name and are kept as the person's role.
var personTitles = map[string]bool{
	"president": true, "prime": true, "minister": true, "gen.": true, "general": true, "col.": true,
	"colonel": true, "governor": true, "gov.": true, "commander": true, "spokesman": true, "spokeswoman": true,
	"mayor": true, "chancellor": true, "secretary": true, "lt.": true, "maj.": true, "capt.": true,
	"sgt.": true, "mr.": true, "mrs.": true, "ms.": true, "dr.": true, "defense": true, "defence": true,
	"foreign": true, "deputy": true, "leader": true, "chief": true, "head": true, "senator": true,
	"sen.": true, "rep.": true, "lieutenant": true, "major": true, "captain": true, "sergeant": true,
	"commissioner": true, "ambassador": true, "adviser": true, "advisor": true, "envoy": true, "premier": true,
	"king": true, "queen": true, "prince": true, "sheikh": true, "emir": true, "ayatollah": true, "pope": true,
	// British style drops the abbreviation's point: "Mr Jenkins", "Gen
	// Zaluzhnyi"; "Sir" and "Dame" are honours, not names.
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "col": true, "lt": true, "sgt": true,
	"capt": true, "maj": true, "sir": true, "dame": true, "attorney": true, "affairs": true,
	"secretary-general": true, "commander-in-chief": true, "chairman": true, "spokesperson": true,
}

// possessiveInstitutions are the institutions named in the possessive
// ("King’s College", "Guy’s Hospital"): after such a possessive the name
// runs on.
var possessiveInstitutions = map[string]bool{
	"college": true, "university": true, "hospital": true, "school": true, "church": true, "cathedral": true, "academy": true,
}

// connectors may join capitalised words inside one name.
var connectors = map[string]bool{"of": true, "for": true, "de": true, "al": true, "bin": true, "ibn": true, "van": true, "von": true, "and": false}

// demonymCountry of the countries muster's users follow most; a name that is only
// a demonym ("Russian" in "Russian officials") is not an entity, and one
// before a title or force word says whose it is.
var demonymCountry = demonymIndex()

// demonymIndex folds the demonyms of event_countries.go (world-countries)
// to lower case, with plurals ("Russians") and the few that name no
// sovereign country (European, Soviet, Chechen, Kurdish).
func demonymIndex() map[string]string {
	m := map[string]string{"european": "Europe", "soviet": "Soviet Union", "chechen": "Chechnya", "kurdish": "Kurdistan"}
	for d, c := range demonyms {
		l := strings.ToLower(d)
		m[l] = c
		if !strings.HasSuffix(l, "s") && !strings.HasSuffix(l, "sh") && !strings.HasSuffix(l, "ch") && !strings.HasSuffix(l, "ese") && !strings.HasSuffix(l, "i") {
			m[l+"s"] = c
		}
	}
	return m
}

// knownPlaces are the names extract types as places without a gazetteer:
// every country of event_countries.go (world-countries), a few regions
// and the cities of the conflicts muster was first built for. The tagger
// and geocoding find the rest.
var knownPlaces = placeIndex()

func placeIndex() map[string]bool {
	m := map[string]bool{}
	for name := range countryNames {
		m[strings.ToLower(name)] = true
	}
	for _, p := range []string{"u.s.", "us", "europe", "crimea", "chechnya", "donbas", "donbass",
		"kyiv", "kiev", "moscow", "minsk", "washington", "london", "brussels", "tbilisi",
		"belgorod", "bryansk", "kursk", "kharkiv", "donetsk", "luhansk", "bakhmut", "mariupol",
		"zaporizhzhia", "kherson", "odesa", "odessa", "lviv", "sumy", "graivoron", "grayvoron",
		"kharkov", "lugansk", "zaporozhye", "lvov",
		"shebekino", "sudzha"} {
		m[p] = true
	}
	return m
}

// isCap reports whether a token starts with an upper-case letter.
func isCap(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsUpper(r) {
		return true
	}
	// "al-Qaeda", "al-Shabaab", "ash-Sham": a name after the Arabic
	// article keeps its capital past the hyphen.
	if i := strings.IndexByte(t, '-'); i >= 2 && i <= 3 && arabicArticles[t[:i]] && i+1 < len(t) {
		r, _ := utf8.DecodeRuneInString(t[i+1:])
		return unicode.IsUpper(r)
	}
	return false
}

// arabicArticles are the romanised forms of the Arabic article.
var arabicArticles = map[string]bool{"al": true, "el": true, "ad": true, "an": true, "as": true, "ash": true, "at": true, "az": true, "ar": true}

// numberedName reports a number at toks[k] with a capitalised word after
// it, inside a name: "March 23 Movement", "Brigade 28 Assault Unit".
func numberedName(toks []nlp.Token, k int) bool {
	return k+1 < len(toks) && isDigits(toks[k].Text) && isCap(toks[k+1].Text) && !calendarWords[toks[k+1].Text]
}

func isDigits(t string) bool {
	if t == "" {
		return false
	}
	for i := 0; i < len(t); i++ {
		if t[i] < '0' || t[i] > '9' {
			return false
		}
	}
	return true
}

func isWordToken(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// lowerWords returns the set of word tokens that appear in lower case in
// the document: a sentence-initial capitalised word whose lower-case form
// is in it ("Formed", "Members") is an ordinary word, not a name.
func lowerWords(d *nlp.Doc) map[string]bool {
	m := make(map[string]bool, len(d.Tokens)/2)
	for _, t := range d.Tokens {
		if r, _ := utf8.DecodeRuneInString(t.Text); unicode.IsLower(r) {
			m[t.Text] = true
		}
	}
	return m
}

// commonStarts are capitalised at the start of a sentence and rarely names.
var commonStarts = map[string]bool{
	"The": true, "A": true, "An": true, "In": true, "On": true, "At": true, "By": true, "For": true,
	"From": true, "With": true, "Before": true, "After": true, "While": true, "When": true, "Since": true,
	"Here": true, "Here’s": true, "There": true, "This": true, "That": true, "These": true, "Those": true,
	"Other": true, "One": true, "Two": true, "But": true, "And": true, "Its": true, "Their": true,
	"His": true, "Her": true, "He": true, "She": true, "It": true, "They": true, "We": true, "I": true,
	"According": true, "Some": true, "Many": true, "Most": true, "Both": true, "Members": true, "Formed": true,
	"Founded": true, "Meanwhile": true, "However": true, "Yet": true, "Still": true, "Also": true, "As": true,
	"If": true, "Who": true, "What": true, "Which": true, "Where": true, "Why": true, "How": true, "Unlike": true,
	"Despite": true, "During": true, "Earlier": true, "Later": true, "Last": true, "Next": true, "Several": true,
	"Each": true, "All": true, "Only": true, "Even": true, "Under": true, "Over": true, "Into": true, "Near": true,
	"Defense": true, "Politics": true, "World": true, "News": true, "Opinion": true,
	"No": true, "None": true, "Nobody": true, "Any": true, "Every": true, "Another": true, "Gunmen": true,
	"Militants": true, "Assailants": true, "Attackers": true, "Insurgents": true, "Rebels": true,
	// Conjunctions and prepositions that open a clause: "Although Russian
	// forces were pushed out …" names Russian forces, not "Although Russian".
	"Although": true, "Though": true, "Whereas": true, "Whilst": true, "Because": true, "Unless": true,
	"Until": true, "Once": true, "Amid": true, "Among": true, "Against": true, "Without": true,
	"Within": true, "Across": true, "Throughout": true, "Following": true, "Including": true,
	// "Former British army chief …", "Former President …": no name opens with it.
	"Former": true,
}

// findNames finds capitalised name spans in each sentence: maximal runs of
// capitalised tokens, joined by "of"/"for" and the like, extended by a
// following lower-case group head ("Azov regiment"), with a leading title
// split off as a role and a lone demonym dropped.
func findNames(d *nlp.Doc, lower map[string]bool) []mention {
	var out []mention
	for si := range d.Sentences {
		toks := d.SentenceTokensOf(si)
		// A headline in title case capitalises every word: only the names
		// the tagger found there are names.
		// So does a heading or a wire in capitals ("WHAT IS HAMAS"):
		// every word is capitalised, so capitals mark no name.
		if (titleCase(toks) && toks[len(toks)-1].Text != ".") || allCaps(toks) {
			for _, tm := range d.Mentions {
				if d.Sentences[si].Contains(tm.Span) {
					span := headlineName(d, toks, tm.Span, lower)
					out = append(out, mention{Span: span, text: d.Text[span.Start:span.End], sent: si, ent: -1})
				}
			}
			continue
		}
		for i := 0; i < len(toks); i++ {
			if !isCap(toks[i].Text) || !isWordToken(toks[i].Text) {
				continue
			}
			// "March 23 Movement": a date word opens a name when a number
			// and a capitalised word follow it.
			if calendarWords[toks[i].Text] && !numberedName(toks, i+1) {
				continue
			}
			j := i + 1
			for j < len(toks) {
				t := toks[j].Text
				if isCap(t) && isWordToken(t) && !calendarWords[t] {
					j++
					continue
				}
				if numberedName(toks, j) && j > i {
					j += 2 // "March 23 Movement", "Brigade 28 Assault Unit"
					continue
				}
				// Legion “Freedom of Russia”: a quoted name after a group head.
				if (t == "“" || t == "\"") && groupHeads[strings.ToLower(toks[j-1].Text)] {
					if k := quotedName(toks, j); k > j {
						j = k
						continue
					}
				}
				if connectors[t] && j+1 < len(toks) && isCap(toks[j+1].Text) && !personOfPlace(d, toks[j-1], toks[j+1]) {
					j += 2
					continue
				}
				// "Luhansk People’s Republic": the one possessive inside a
				// name; and an institution named for its founder or patron
				// ("King’s College London", "Guy’s Hospital"), where the
				// possessor is no place ("Russia’s Academy" is Russia's).
				if (t == "’s" || t == "'s") && j+1 < len(toks) && isCap(toks[j+1].Text) &&
					(strings.EqualFold(toks[j-1].Text, "people") || j-i == 1 && possessiveInstitutions[strings.ToLower(toks[j+1].Text)] && !knownPlaces[strings.ToLower(toks[j-1].Text)] && demonymCountry[strings.ToLower(toks[j-1].Text)] == "") {
					j += 2
					continue
				}
				// "Group for the Support of Islam and Muslims", "Front for
				// the Liberation of …", "Department of the Treasury": a
				// group's or an institution's name runs on through "for
				// the", and a group's, once it has a head and a connector,
				// through "and".
				if connectors[t] && j+2 < len(toks) && toks[j+1].Text == "the" && isCap(toks[j+2].Text) && (headIn(toks[i:j]) || orgIn(toks[i:j])) {
					j += 3
					continue
				}
				// "Kurdistan Workers’ Party": a plural possessive inside a name.
				if (t == "’" || t == "'") && toks[j].Start == toks[j-1].End && strings.HasSuffix(strings.ToLower(toks[j-1].Text), "s") && j+1 < len(toks) && isCap(toks[j+1].Text) {
					j++
					continue
				}
				// "Islamic State – Sahel Province": a group's branch is
				// named by the group, a dash and the branch's own name.
				if k := branchName(toks, j); k > j {
					j = k
					continue
				}
				// "Islamic State of Iraq and the Levant (ISIL)": "and" runs
				// on inside a name its acronym spells out; so does "in"
				// in a franchise named for its region ("Islamic State in
				// West Africa (ISWAP)", "al-Qaeda in the Arabian Peninsula
				// (AQAP)"), whose acronym may add the one word, such as
				// "Province", that the text leaves out.
				if t == "and" || t == "in" {
					if m := acronymSpan(toks, i, j); m > j {
						j = m
						continue
					}
				}
				// A name that already ends in its head is whole: "and" after
				// it coordinates two names ("Freedom of Russia Legion and
				// Russian Volunteer Corps"), it does not continue one.
				if t == "and" && j+1 < len(toks) && isCap(toks[j+1].Text) && headIn(toks[i:j]) && connectorIn(toks[i:j]) && !groupHeads[strings.ToLower(toks[j-1].Text)] {
					j += 2
					continue
				}
				break
			}
			// Extend by a lower-case group head: "the Azov regiment".
			if j < len(toks) && lowerHeads[toks[j].Text] {
				j++
			}
			// "Brigade 5th", "Battalion 22": a unit numbered after its head.
			if j < len(toks) && numberedUnitHeads[strings.ToLower(toks[j-1].Text)] && unitNumber(toks[j].Text) {
				j++
			}
			start := i
			// "Russian-held", "Ukraine-controlled", "Moscow-backed": a
			// capitalised word with a lower-case tail is an adjective
			// before the name, not part of it.
			for start < j && hyphenAdjective(toks[start].Text) {
				start++
			}
			if start == j {
				i = j - 1
				continue
			}
			// A sentence-initial common word is not part of the name (a
			// sentence may start without a space: "soldiers.In Ukraine").
			first := toks[start].Text
			atStart := start == 0 || toks[start-1].Text == "“" || toks[start-1].Text == "\"" || toks[start-1].Text == "(" ||
				toks[start-1].Text == "." || toks[start-1].Text == "?" || toks[start-1].Text == "!"
			// "Formed in …" and "Members of …" open sentences; "Free Russia
			// Legion" does too, so a lower-case twin alone drops only a
			// one-word run.
			if atStart && (commonStarts[first] || (lower[strings.ToLower(first)] && j-start == 1)) {
				start++
				if start < j && !isCap(toks[start].Text) {
					start = j // "No group": only the lower-case head was left
				}
			} else if first == "The" && j-start > 1 && isCap(toks[start+1].Text) {
				// "an interview with The Wall Street Journal": inside a
				// sentence too, a capitalised article is no part of the
				// name, as it is not at a sentence's start ("The Wall
				// Street Journal reported") and as the resolve gold
				// writes outlets ("The Guardian" is Guardian).
				start++
			} else if atStart && j-start > 1 && toks[start].Tag == "VERB" && toks[start].Rel == "root" {
				// "Help Ukraine, join the collection": a sentence that
				// opens with its verb bids the reader; the verb is no
				// part of the name after it.
				start++
			}
			// "the Islamist Baraka Front", "the Maoist New People's
			// Army": an ideology before a group's name describes the
			// group (the ideology pattern reads it), it opens no name.
			for start < j-1 && ideologyWords[strings.ToLower(toks[start].Text)] && headIn(toks[start+1:j]) {
				start++
			}
			// An outlet's name is one name: a title word inside it ("The
			// Defense Post", "Army Times") opens no person's name, which
			// left "The" and "Post" as two outlets of their own.
			outlet := start < j && typeName(d.Text[toks[start].Start:toks[j-1].End], "") == muster.EntityMedia
			// "Kataib Hezbollah Secretary-General Abu Hussein al-Hamidawi":
			// a title inside a run ends a group's name and opens its
			// officer's.
			if t0 := midTitle(toks, start, j); t0 > start && !outlet {
				span := muster.Span{Start: toks[start].Start, End: toks[t0-1].End}
				out = append(out, mention{Span: span, text: d.Text[span.Start:span.End], sent: si, ent: -1})
				start = t0
			}
			// A title before a person's name becomes the role.
			role := ""
			k := start
			country := -1 // "President of Ukraine Victor Yanukovych": the country in the title
			for k < j-1 && !outlet {
				w := strings.ToLower(toks[k].Text)
				if k == start && knownPlaces[w] && personTitles[strings.ToLower(toks[k+1].Text)] && k+2 < j {
					country = k // "Kenya Prime Minister Daniel Moi"
					k++
					continue
				}
				if (personTitles[w] || demonymCountry[w] != "") && toks[k+1].Text != "’s" && toks[k+1].Text != "'s" { // "King’s College" is no king's
					k++
					continue
				}
				if w == "of" && k > start && k+1 < j-1 && personTitles[strings.ToLower(toks[k+1].Text)] && hasTitle(toks[start:k]) {
					k++ // "Minister of Foreign Affairs of Belarus Vladimir Makei"
					continue
				}
				if w == "of" && k > start && k+1 < j && knownPlaces[strings.ToLower(toks[k+1].Text)] && hasTitle(toks[start:k]) {
					country = k + 1
					k += 2
					continue
				}
				break
			}
			if country >= 0 {
				// The title's country is a name of its own; the title
				// becomes the person's role, and a title with no person
				// after it ("the President of China") leaves the country alone.
				out = append(out, mention{Span: toks[country].Span, text: toks[country].Text, sent: si, ent: -1})
				if k >= j {
					i = j - 1
					continue
				}
			}
			if k > start && k < j && !groupHeads[strings.ToLower(toks[j-1].Text)] && !stateHeads[strings.ToLower(toks[j-1].Text)] && !orgWords[strings.ToLower(toks[j-1].Text)] && hasTitle(toks[start:k]) { // not "Russian Defense Ministry"
				role = d.Text[toks[start].Start:toks[k-1].End]
				start = k
			}
			// "the Legion", "the Corps": a capitalised head alone refers
			// back to a group named in full; coreference links it.
			// A head that is a name in its own right ("the Taliban") stays.
			if j-start == 1 && groupHeads[strings.ToLower(toks[start].Text)] && !namedHeads[strings.ToLower(toks[start].Text)] && start > 0 && strings.EqualFold(toks[start-1].Text, "the") {
				start = j
			}
			if start < j {
				span := muster.Span{Start: toks[start].Start, End: toks[j-1].End}
				text := d.Text[span.Start:span.End]
				if _, isDemonym := demonymCountry[strings.ToLower(text)]; !isDemonym || j-start > 1 {
					out = append(out, mention{Span: span, text: text, sent: si, role: role, ent: -1})
				}
			}
			i = j - 1
		}
	}
	return trimHyphenAdjectives(d, out)
}

// ideologyWords are the ideologies of profile.patterns' ideology_adj
// list, the one list of them.
var ideologyWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range profileRules.set.List("ideology_adj") {
		m[w] = true
	}
	return m
}()

// numberedUnitHeads may take their number after them: "Brigade 5th",
// "Battalion 22".
var numberedUnitHeads = map[string]bool{
	"brigade": true, "battalion": true, "regiment": true, "division": true, "corps": true,
	"squad": true, "detachment": true, "unit": true, "company": true,
}

// unitNumber reports whether t numbers a unit: "5th", "22"; a year is
// no unit's number.
func unitNumber(t string) bool {
	n := strings.TrimRight(t, "stndrh")
	switch strings.ToLower(t[len(n):]) {
	case "", "st", "nd", "rd", "th":
		return len(n) <= 3 && isDigits(n)
	}
	return false
}

// branchWords end the name of an armed group's branch after a dash:
// "Islamic State – Sahel Province".
var branchWords = map[string]bool{"province": true, "branch": true, "wing": true, "chapter": true, "wilayat": true}

// branchName returns the index after a branch's name that follows a
// group's head and a dash at toks[j] ("Islamic State – Sahel Province",
// "… – West Africa province"), or j when there is none.
func branchName(toks []nlp.Token, j int) int {
	if j == 0 || j+1 >= len(toks) || !dashes[toks[j].Text] || !groupHeads[strings.ToLower(toks[j-1].Text)] {
		return j
	}
	k := j + 1
	for k < len(toks) && isCap(toks[k].Text) && isWordToken(toks[k].Text) {
		k++
	}
	switch {
	case k == j+1:
		return j
	case k < len(toks) && branchWords[toks[k].Text]: // "West Africa province"
		return k + 1
	case branchWords[strings.ToLower(toks[k-1].Text)]:
		return k
	}
	return j
}

// dashes are the tokens that set off a branch's name from its group's.
var dashes = map[string]bool{"–": true, "—": true, "-": true}

// personOfPlace reports whether the tagger found a person's name ending
// at before and another name starting at after: "Andrew Hill of Plymouth"
// and "Jane Smith of Reuters" are a person and her town or employer, two
// names, not one joined by "of". (A title the tagger reads as one name,
// "the Prince of Wales", stays whole.)
func personOfPlace(d *nlp.Doc, before, after nlp.Token) bool {
	ms := d.Mentions
	k := sort.Search(len(ms), func(i int) bool { return ms[i].Start > after.Start })
	per, next := false, false
	for i := k - 1; i >= 0 && i >= k-3; i-- {
		per = per || ms[i].End == before.End && ms[i].Type == muster.MentionPER
		next = next || ms[i].Start == after.Start
	}
	return per && next
}

// midTitle returns the index of a title inside toks[start:j] that follows
// a name with no title, country or demonym of its own and comes before a
// name ("Kataib Hezbollah Secretary-General Abu Hussein al-Hamidawi"), or
// -1. Titles at the start, and a country's before them ("Kenya Prime
// Minister Daniel Moi"), are the caller's.
func midTitle(toks []nlp.Token, start, j int) int {
	// "the UN General Assembly": a run that ends in an institution's
	// word names the institution, whatever title word it holds.
	if orgWords[strings.ToLower(toks[j-1].Text)] {
		return -1
	}
	for k := start + 1; k < j-1; k++ {
		w := strings.ToLower(toks[k].Text)
		if w == "of" || w == "for" {
			return -1
		}
		if !personTitles[w] {
			continue
		}
		before := strings.ToLower(joinTexts(toks[start:k]))
		if knownPlaces[before] || demonymCountry[before] != "" {
			return -1
		}
		for _, t := range toks[start:k] {
			if personTitles[strings.ToLower(t.Text)] || demonymCountry[strings.ToLower(t.Text)] != "" {
				return -1
			}
		}
		for _, t := range toks[k+1 : j] {
			if !personTitles[strings.ToLower(t.Text)] {
				return k
			}
		}
		return -1
	}
	return -1
}

func joinTexts(toks []nlp.Token) string {
	ws := make([]string, len(toks))
	for i, t := range toks {
		ws[i] = t.Text
	}
	return strings.Join(ws, " ")
}

// headlineName ends a name the tagger found in a title-case headline
// before the common nouns the headline capitalises after it ("Borno
// Military Base" names Borno when the body writes "military" and "base"
// in lower case). A head that makes a name what it is ("Islamic State",
// "Wagner Group", "Defence Ministry", a country's "Nigerian Military")
// stays.
func headlineName(d *nlp.Doc, toks []nlp.Token, sp muster.Span, lower map[string]bool) muster.Span {
	var in []nlp.Token
	for _, t := range toks {
		if sp.Contains(t.Span) {
			in = append(in, t)
		}
	}
	if len(in) < 2 || in[0].Start != sp.Start || in[len(in)-1].End != sp.End {
		return sp
	}
	n := len(in)
	for n > 1 {
		w := strings.ToLower(in[n-1].Text)
		prev := strings.ToLower(in[n-2].Text)
		country := demonymCountry[prev] != "" || countryIndex[prev] != ""
		if !lower[w] || groupHeads[w] || stateHeads[w] && country || orgWords[w] || lowerHeads[w] || connectors[in[n-2].Text] {
			break
		}
		n--
	}
	return muster.Span{Start: sp.Start, End: in[n-1].End}
}

// trimHyphenAdjectives drops a leading "Iran-aligned" or
// "al-Qaeda-linked" from each name, which the tagger's names and the
// lower-case Arabic article rules may take in: the patron is an adjective
// before the name, not part of it (issue 11).
func trimHyphenAdjectives(d *nlp.Doc, ms []mention) []mention {
	out := ms[:0]
	for _, m := range ms {
		for {
			f := strings.Fields(m.text)
			if len(f) < 2 || !hyphenAdjective(f[0]) {
				break
			}
			k := strings.Index(m.text, f[1])
			m.Start += k
			m.text = d.Text[m.Start:m.End]
		}
		out = append(out, m)
	}
	return out
}

// hyphenAdjective reports whether a capitalised token ends in a
// lower-case part after a hyphen: "Russian-held", "Kremlin-backed".
func hyphenAdjective(t string) bool {
	i := strings.LastIndexAny(t, "-‐–")
	if i <= 0 || i == len(t)-1 {
		return false
	}
	_, w := utf8.DecodeRuneInString(t[i:])
	r, _ := utf8.DecodeRuneInString(t[i+w:])
	return unicode.IsLower(r)
}

// orgIn reports an institution's word among toks ("Department",
// "Institute").
func orgIn(toks []nlp.Token) bool {
	for _, t := range toks {
		if orgWords[strings.ToLower(t.Text)] {
			return true
		}
	}
	return false
}

// headIn reports a group head among toks ("Group", "Front").
func headIn(toks []nlp.Token) bool {
	for _, t := range toks {
		if groupHeads[strings.ToLower(t.Text)] {
			return true
		}
	}
	return false
}

// connectorIn reports "of" or "for" among toks.
func connectorIn(toks []nlp.Token) bool {
	for _, t := range toks {
		if connectors[t.Text] {
			return true
		}
	}
	return false
}

func hasTitle(toks []nlp.Token) bool {
	for _, t := range toks {
		if personTitles[strings.ToLower(t.Text)] {
			return true
		}
	}
	return false
}

// typeName guesses an entity type for a name from its words and the word
// after it. It returns "" when it cannot tell.
func typeName(text, next string) muster.EntityType {
	words := strings.Fields(strings.ToLower(text))
	if len(words) == 0 {
		return ""
	}
	last := words[len(words)-1]
	lowerText := strings.ToLower(text)
	for _, w := range multiwordMedia {
		if strings.Contains(lowerText, w) {
			return muster.EntityMedia
		}
	}
	for _, w := range words {
		if mediaWords[w] && len(words) > 1 || (mediaWords[w] && (w == "reuters" || w == "tass" || w == "interfax" || w == "meduza" || w == "bbc" || w == "cnn" || w == "afp" || w == "ukrinform")) {
			return muster.EntityMedia
		}
	}
	// A country's forces: "Russian Army", "Armed Forces of Ukraine".
	if _, ok := demonymCountry[words[0]]; ok || strings.Contains(lowerText, " of ") {
		for _, h := range stateHeadList {
			if strings.HasSuffix(lowerText, " "+h) || strings.HasPrefix(lowerText, h+" of ") {
				return muster.EntityStateForce
			}
		}
	}
	if last == "fsb" || last == "rosgvardia" {
		return muster.EntityStateForce
	}
	// "Shan State", "Rakhine State", "Borno State" are regions; "Islamic
	// State" names a group.
	if groupHeads[last] && !(last == "state" && !strings.Contains(lowerText, "islamic")) {
		return muster.EntityArmedGroup
	}
	// "Brigade 5th", "Battalion 22": a numbered unit, with no state
	// named in it, is a fighting unit.
	if len(words) == 2 && numberedUnitHeads[words[0]] && unitNumber(words[1]) {
		return muster.EntityArmedGroup
	}
	// "Islamic State – Sahel Province": a group's branch (branchName) is
	// a group.
	if branchWords[last] {
		for k := 1; k < len(words)-1; k++ {
			if dashes[words[k]] && groupHeads[words[k-1]] {
				return muster.EntityArmedGroup
			}
		}
	}
	// "Group for the Support of Islam and Muslims", "Front for the
	// Liberation of …", "Movement of …": the head opens the name.
	if len(words) > 2 && groupHeads[words[0]] && (words[1] == "for" || words[1] == "of") {
		return muster.EntityArmedGroup
	}
	for _, w := range words {
		if orgWords[w] {
			return muster.EntityOrganization
		}
	}
	if knownPlaces[lowerText] || placeWords[next] {
		return muster.EntityPlace
	}
	return ""
}

// calendarWords are capitalised but never part of a name: "On Tuesday
// Russia said" holds one name, Russia.
var calendarWords = map[string]bool{
	"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true,
	"January": true, "February": true, "March": true, "April": true, "June": true, "July": true,
	"August": true, "September": true, "October": true, "November": true, "December": true,
}

// quotedName returns the index after the closing quote of a capitalised
// quoted name starting at toks[j] (an opening quote), or j when there is
// none.
func quotedName(toks []nlp.Token, j int) int {
	k := j + 1
	words := 0
	for k < len(toks) && k < j+8 {
		t := toks[k].Text
		switch {
		case t == "”" || t == "\"":
			if words > 0 {
				return k + 1
			}
			return j
		case isCap(t) && isWordToken(t):
			words++
		case connectors[t]:
		default:
			return j
		}
		k++
	}
	return j
}

// multiwordMedia and stateHeadList are the multi-word entries of
// mediaWords and the keys of stateHeads, as slices: typeName scans them
// for every name.
var (
	multiwordMedia = func() []string {
		var out []string
		for w := range mediaWords {
			if strings.Contains(w, " ") {
				out = append(out, w)
			}
		}
		return out
	}()
	stateHeadList = func() []string {
		var out []string
		for h := range stateHeads {
			out = append(out, h)
		}
		return out
	}()
)

// titleCase reports whether a sentence of five or more words capitalises
// at least three in four of its words longer than three letters: with no
// final full stop, a headline in title case, where capitals say nothing
// about names.
// acronymSpan returns the end of the name that runs from toks[i] through
// the "and (the)" or "in (the)" at toks[j] when the capitalised run after
// it is followed by a bracketed acronym that spells the whole name's
// initials ("Islamic State of Iraq and the Levant (ISIL)"), or j. After
// "in" the acronym may have one letter more than the initials, at its end
// ("Islamic State in West Africa (ISWAP)": the P of "Province"); an
// initial "al-" word counts as one initial or as two ("al-Qaeda": A or AQ).
func acronymSpan(toks []nlp.Token, i, j int) int {
	k := j + 1
	if k < len(toks) && strings.EqualFold(toks[k].Text, "the") {
		k++
	}
	m := k
	for m < len(toks) && isCap(toks[m].Text) && isWordToken(toks[m].Text) {
		m++
	}
	if m == k || m+2 >= len(toks) || toks[m].Text != "(" || (toks[m+2].Text != ")" && toks[m+2].Text != ",") || !isAcronym(toks[m+1].Text) {
		return j
	}
	acr := strings.ToUpper(toks[m+1].Text)
	for _, ini := range tokenInitials(toks[i:m]) {
		if ini == acr || toks[j].Text == "in" && len(acr) == len(ini)+1 && strings.HasPrefix(acr, ini) {
			return m
		}
	}
	return j
}

// tokenInitials returns the upper-case initials of the capitalised words of
// toks: once with one initial for each word, and, when a word joins a
// name to the Arabic article ("al-Qaeda"), once more with both. A
// sentence's opening "The" spells nothing.
func tokenInitials(toks []nlp.Token) []string {
	var one, both strings.Builder
	split := false
	for _, t := range toks {
		if !isCap(t.Text) || t.Text == "The" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(t.Text)
		one.WriteRune(unicode.ToUpper(r))
		both.WriteRune(unicode.ToUpper(r))
		if h := strings.IndexByte(t.Text, '-'); h >= 2 && h <= 3 && arabicArticles[strings.ToLower(t.Text[:h])] && h+1 < len(t.Text) {
			r, _ := utf8.DecodeRuneInString(t.Text[h+1:])
			both.WriteRune(unicode.ToUpper(r))
			split = true
		}
	}
	if split {
		return []string{one.String(), both.String()}
	}
	return []string{one.String()}
}

// allCaps reports whether a sentence is written in capitals: at least two
// words of two letters or more, none with a lower-case letter.
func allCaps(toks []nlp.Token) bool {
	words := 0
	for _, t := range toks {
		if !isWordToken(t.Text) || utf8.RuneCountInString(t.Text) < 2 {
			continue
		}
		if strings.ToUpper(t.Text) != t.Text {
			return false
		}
		words++
	}
	return words >= 2
}

func titleCase(toks []nlp.Token) bool {
	words, caps := 0, 0
	for _, t := range toks {
		if !isWordToken(t.Text) || utf8.RuneCountInString(t.Text) <= 3 {
			continue
		}
		words++
		if isCap(t.Text) {
			caps++
		}
	}
	return words >= 5 && caps*4 >= words*3
}
