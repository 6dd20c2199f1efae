package tagger

import (
	"bufio"
	_ "embed"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// Cue words for muster's finer organisation types (issue 3). They were
// written from the seed article's vocabulary and the team's own example
// articles, never from CoNLL test data.
var (
	// unitHeads end the names of fighting units. With an ordinal number
	// ("93rd Mechanized Brigade") the unit belongs to a state's army;
	// without one ("Free Russia Legion") it is taken as an armed group.
	unitHeads = map[string]bool{
		"legion": true, "corps": true, "battalion": true, "brigade": true,
		"regiment": true, "militia": true, "militias": true, "division": true,
		"company": false, "squad": true, "detachment": true, "battalions": true,
		"brigades": true, "front": true, "army": true, "guard": true,
		"guards": true, "group": true, "forces": true, "force": true,
		"navy": true, "fleet": true, "service": true, "units": true,
	}
	// groupWords anywhere in a name make it an armed group.
	groupWords = map[string]bool{
		"legion": true, "militia": true, "militias": true, "rebels": true,
		"insurgents": true, "mujahideen": true, "jihad": true, "liberation": true,
		"resistance": true, "partisans": true, "wagner": true, "taliban": true,
		"hamas": true, "hezbollah": true, "isis": true, "isil": true,
		"al-qaeda": true, "qaeda": true, "volunteer": true, "volunteers": true,
		"paramilitary": true, "separatists": true, "azov": true, "aidar": true,
		"donbas": false, "rusich": true, "sparta": true, "somalia": false,
	}
	// stateWords make a name a state's force: its army, police or
	// security service.
	stateWords = map[string]bool{
		"army": true, "armed": true, "military": true, "navy": true, "air": true,
		"fsb": true, "sbu": true, "gru": true, "kgb": true, "svr": true,
		"rosgvardia": true, "police": true, "gendarmerie": true, "marines": true,
		"marine": true, "airborne": true, "border": true, "defence": false,
		"defense": false, "security": true, "intelligence": true, "spetsnaz": true,
		"pentagon": false, "idf": true, "nato": false,
	}
	// mediaWords in a name, or a name that is itself an outlet.
	mediaWords = map[string]bool{
		"news": true, "agency": true, "radio": true, "tv": true,
		"television": true, "times": true, "post": true, "journal": true,
		"herald": true, "gazette": true, "tribune": true, "press": true,
		"broadcasting": true, "telegraph": true, "guardian": true, "reuters": true,
		"bbc": true, "cnn": true, "interfax": true, "tass": true, "ria": true,
		"novosti": true, "kommersant": true, "izvestia": true, "meduza": true,
		"jazeera": true, "afp": true, "bloomberg": true, "ukrinform": true,
		"pravda": true, "independent": true, "rfe/rl": true, "sputnik": true,
		"rt": true, "kyodo": true, "xinhua": true, "itar-tass": true,
		"channel": true, "daily": true, "newspaper": true, "magazine": true,
		"economist": true, "observer": true, "politico": true, "axios": true,
		"nyt": true, "wsj": true, "cbs": true, "nbc": true, "abc": true,
		"fox": true, "msnbc": true, "npr": true, "dw": true, "euronews": true,
		"vedomosti": true, "novaya": true, "gazeta": true,
		"mediazona": true, "hromadske": true, "suspilne": true, "unian": true,
		"belta": true,
	}
	// outletNames are words that on their own name an outlet, strong
	// enough to override a PER label ("Al Jazeera") or a LOC one ("BelTA
	// learned from …": no place is called so).
	outletNames = map[string]bool{
		"reuters": true, "bbc": true, "cnn": true, "interfax": true, "tass": true,
		"jazeera": true, "france-presse": true, "afp": true, "bloomberg": true,
		"ukrinform": true, "meduza": true, "xinhua": true, "kyodo": true, "ria": true,
		"novosti": true, "sputnik": true, "rfe/rl": true, "itar-tass": true, "unian": true,
		"belta": true,
	}
	// mediaContext words just before or after a name mark it as an outlet
	// ("the news agency Interfax", "Interfax reported").
	mediaBefore = map[string]bool{
		"outlet": true, "newspaper": true, "broadcaster": true, "agency": true,
		"channel": true, "media": true, "daily": true, "tabloid": true,
		"magazine": true, "website": true, "site": true,
	}
	mediaAfter = map[string]bool{
		"reported": true, "reports": true, "reporter": true, "correspondent": true,
		"journalist": true, "journalists": true, "editor": true, "broadcast": true,
		"published": true, "outlet": true, "newspaper": true, "television": true,
	}
	groupContext = map[string]bool{
		"militia": true, "paramilitary": true, "rebel": true, "rebels": true,
		"insurgent": true, "insurgents": true, "fighters": true, "militants": true,
		"guerrillas": true, "guerrilla": true, "separatist": true,
	}
)

//go:embed group_name_words.txt
var groupNameWordsTxt string

// groupNameWords begin the names of armed groups in the languages the
// names keep in English news ("Ahrar al-Sham", "Tehreek-e-Taliban
// Pakistan"): see group_name_words.txt.
var groupNameWords = readWordList(groupNameWordsTxt)

// readWordList reads a list of one lower-case word a line, with # comments
// and blank lines. Words are compared after normalize, which writes every
// apostrophe as '.
func readWordList(src string) map[string]bool {
	out := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(src))
	for sc.Scan() {
		w := strings.TrimSpace(sc.Text())
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		out[w] = true
	}
	return out
}

// foreignGroupName reports whether a name's first word, up to its first
// hyphen, begins armed groups' names (groupNameWords) and the name is
// built as such names are: the word joined by hyphens to the rest
// ("Tehreek-e-Taliban") or followed by an article or a connector of its
// language ("Ahrar al-Sham", "Hayat Tahrir al-Sham", "Frente de …"). A
// place that begins with such a word is built otherwise ("Lashkar Gah",
// "Liwa Oasis"), and so is a person's name ("Ansar" alone).
func foreignGroupName(words []string) bool {
	if len(words) == 0 {
		return false
	}
	first, _, hyphened := strings.Cut(words[0], "-")
	if !groupNameWords[first] {
		return false
	}
	if hyphened {
		return true
	}
	for _, w := range words[1:] {
		art, _, _ := strings.Cut(w, "-")
		if nameConnectors[art] {
			return true
		}
	}
	return false
}

// nameConnectors are the articles and connectors inside the foreign names
// of armed groups: Arabic al- and its forms, Urdu and Persian e and ul,
// Spanish de and del.
var nameConnectors = map[string]bool{
	"al": true, "el": true, "ad": true, "an": true, "as": true, "ash": true, "at": true, "az": true, "ar": true,
	"ul": true, "e": true, "i": true, "de": true, "del": true,
}

// fineType refines an ORG or MISC mention (chunk c of sentence sent, whose
// first token is token k of the document) into ARMED_GROUP, STATE_FORCE or
// MEDIA when its words, the gazetteer or its context say so; otherwise it
// keeps the CoNLL type.
func (t *Tagger) fineType(st *docState, sent []string, k int, c chunk) muster.MentionType {
	base := muster.MentionType(t.m.types[c.typ])
	if base != muster.MentionORG && base != muster.MentionMISC && base != muster.MentionPER && base != muster.MentionLOC {
		return base
	}
	words := make([]string, 0, c.end-c.start)
	for _, w := range sent[c.start:c.end] {
		words = append(words, strings.ToLower(string(normalize(nil, w))))
	}
	head := words[len(words)-1]
	prev, next := "", ""
	if c.start > 0 {
		prev = strings.ToLower(sent[c.start-1])
	}
	if c.end < len(sent) {
		next = strings.ToLower(sent[c.end])
	}
	prev2 := ""
	if c.start > 1 {
		prev2 = strings.ToLower(sent[c.start-2])
	}
	ordinal := false
	demonymOrCountry := false
	for i, w := range words {
		if len(w) > 2 && w[0] >= '0' && w[0] <= '9' {
			ordinal = true
		}
		g := st.toks[k+c.start+i].gazB | st.toks[k+c.start+i].gazI
		if g&(gazDemonym|gazCountry) != 0 {
			demonymOrCountry = true
		}
	}
	// A name in the armed groups' list, whole: "Islamic" before "state"
	// begins the listed "Islamic State" but is not it.
	inGroupList := st.toks[k+c.start].gazB&gazGroup != 0 && !(c.end < len(sent) && st.toks[k+c.end].gazI&gazGroup != 0)
	anyWord := func(set map[string]bool) bool {
		for _, w := range words {
			if set[w] {
				return true
			}
		}
		return false
	}

	if base == muster.MentionLOC && len(words) == 1 && outletNames[head] {
		return muster.MentionMedia
	}
	// "Ahrar al-Sham", "Jaamat-ul-Ahrar": the name says what it is,
	// whatever the model guessed at its unfamiliar words.
	if foreignGroupName(words) {
		return muster.MentionArmedGroup
	}
	if base == muster.MentionPER {
		if anyWord(outletNames) {
			return muster.MentionMedia
		}
		if next == "mercenaries" || next == "militants" || next == "militia" {
			return muster.MentionArmedGroup
		}
		return base
	}
	// "Ukraine's International Legion": a unit a country owns.
	owned := c.start >= 2 && (sent[c.start-1] == "'s" || sent[c.start-1] == "’s") &&
		(st.toks[k+c.start-2].gazB|st.toks[k+c.start-2].gazI)&gazCountry != 0
	if owned && unitHeads[head] && head != "group" {
		return muster.MentionStateForce
	}
	if base == muster.MentionORG || base == muster.MentionMISC {
		if mediaBefore[prev] || (prev == "media" && prev2 == "state") || mediaAfter[next] {
			if !unitHeads[head] {
				return muster.MentionMedia
			}
		}
		if anyWord(mediaWords) && !anyWord(stateWords) && !unitHeads[head] {
			return muster.MentionMedia
		}
	}
	switch {
	case unitHeads[head] && ordinal:
		return muster.MentionStateForce
	case anyWord(groupWords) || inGroupList:
		if base == muster.MentionLOC && !unitHeads[head] {
			return base
		}
		return muster.MentionArmedGroup
	case anyWord(stateWords) && (unitHeads[head] || demonymOrCountry || len(words) == 1):
		if base == muster.MentionLOC || base == muster.MentionPER {
			return base
		}
		return muster.MentionStateForce
	case unitHeads[head] && head != "group" && head != "service" && (demonymOrCountry || head == "forces" || head == "army" || head == "navy"):
		if base == muster.MentionPER {
			return base
		}
		return muster.MentionStateForce
	case unitHeads[head] && (base == muster.MentionORG || base == muster.MentionMISC) && head != "service" && head != "group" && head != "company":
		return muster.MentionArmedGroup
	case groupContext[next] || groupContext[prev]:
		if base == muster.MentionORG {
			return muster.MentionArmedGroup
		}
	}
	return base
}

// stateUnitPhrases follow a country or demonym to name its forces
// ("Malian Armed Forces", "Russian National Guard").
var stateUnitPhrases = [][]string{
	{"armed", "forces"}, {"army"}, {"navy"}, {"air", "force"}, {"national", "guard"},
	{"border", "guard"}, {"border", "service"}, {"ground", "forces"}, {"special", "forces"},
	{"military"}, {"marines"}, {"defence", "forces"}, {"defense", "forces"}, {"security", "service"},
	{"aerospace", "forces"}, {"territorial", "defence"}, {"territorial", "defense"},
}

// lowerUnitHeads may follow a name in lower case and still be part of the
// unit's name ("the Azov regiment").
var lowerUnitHeads = map[string]bool{
	"regiment": true, "battalion": true, "brigade": true, "legion": true, "militia": true,
}

func isOrdinal(w string) bool {
	if len(w) < 3 || w[0] < '0' || w[0] > '9' {
		return false
	}
	suf := strings.ToLower(w[len(w)-2:])
	return suf == "st" || suf == "nd" || suf == "rd" || suf == "th"
}

// joinUnits adjusts the entity chunks of one sentence (its first token is
// document token k) so that unit names come out whole: a lower-case unit
// head after a name joins it ("Azov regiment"), an ordinal before a unit
// joins it ("93rd Mechanized Brigade"), and a country or demonym followed
// by its forces becomes one mention ("Russian National Guard").
func (m *model) joinUnits(st *docState, sent []string, k int, cs []chunk) []chunk {
	lowerAt := func(i int) string { return strings.ToLower(sent[i]) }
	out := cs[:0:0]
	for idx := 0; idx < len(cs); idx++ {
		c := cs[idx]
		ty := m.types[c.typ]
		if ty == "PER" {
			out = append(out, c)
			continue
		}
		// Country or demonym + force phrase.
		g := st.toks[k+c.start].gazB | st.toks[k+c.start].gazI
		if g&(gazDemonym|gazCountry) != 0 && c.end-c.start <= 2 {
			for _, ph := range stateUnitPhrases {
				e := c.end + len(ph)
				if e > len(sent) {
					continue
				}
				ok := true
				for j, w := range ph {
					if lowerAt(c.end+j) != w || sent[c.end+j][0] < 'A' || sent[c.end+j][0] > 'Z' {
						ok = false
						break
					}
				}
				if ok && (idx+1 >= len(cs) || cs[idx+1].start >= c.end) {
					// Swallow a following chunk that the phrase covers.
					for idx+1 < len(cs) && cs[idx+1].start < e {
						e = max(e, cs[idx+1].end)
						idx++
					}
					c.end = e
					c.typ = m.typeIndex("ORG", c.typ)
					break
				}
			}
		}
		// Demonym or country right before an organisation whose head is a
		// unit ("Russian" + "Volunteer Corps"): the demonym is part of the
		// unit's name.
		if g&(gazDemonym|gazCountry) != 0 && c.end-c.start == 1 && idx+1 < len(cs) && cs[idx+1].start == c.end {
			nx := cs[idx+1]
			nt := m.types[nx.typ]
			if (nt == "ORG" || nt == "MISC") && unitHeads[lowerAt(nx.end-1)] {
				c.end = nx.end
				c.typ = nx.typ
				idx++
			}
		}
		if c.end < len(sent) && lowerUnitHeads[sent[c.end]] && (idx+1 >= len(cs) || cs[idx+1].start > c.end) {
			c.end++
			c.typ = m.typeIndex("ORG", c.typ)
		}
		if c.start > 0 && isOrdinal(sent[c.start-1]) && unitHeads[lowerAt(c.end-1)] && (len(out) == 0 || out[len(out)-1].end < c.start) {
			c.start--
		}
		out = append(out, c)
	}
	return out
}

// typeIndex returns the index of type name, or def when the model lacks it.
func (m *model) typeIndex(name string, def int) int {
	for i, t := range m.types {
		if t == name {
			return i
		}
	}
	return def
}

// propagateFineTypes gives an acronym introduced in brackets after a name
// ("Russian Volunteer Corps (RDK)") the name's finer type, and every
// ORG or MISC mention with the same text as a finer-typed mention in the
// document that finer type.
func propagateFineTypes(ms []nlp.Mention) {
	fine := func(t muster.MentionType) bool {
		return t == muster.MentionArmedGroup || t == muster.MentionStateForce || t == muster.MentionMedia
	}
	byText := map[string]muster.MentionType{}
	for i, m := range ms {
		if fine(m.Type) {
			if _, ok := byText[m.Text]; !ok {
				byText[m.Text] = m.Type
			}
			// An acronym right after it, in brackets.
			if i+1 < len(ms) && ms[i+1].Start-m.End <= 3 && isAcronym(ms[i+1].Text) {
				if _, ok := byText[ms[i+1].Text]; !ok {
					byText[ms[i+1].Text] = m.Type
				}
			}
		}
	}
	for i, m := range ms {
		if t, ok := byText[m.Text]; ok && (m.Type == muster.MentionORG || m.Type == muster.MentionMISC) {
			ms[i].Type = t
		}
	}
}

func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z') && r != '-' && r != '.' {
			return false
		}
	}
	return true
}
