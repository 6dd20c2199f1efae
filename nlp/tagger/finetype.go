package tagger

import (
	"strings"

	"github.com/muster-osint/muster"
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
		"telegram": true, "vedomosti": true, "novaya": true, "gazeta": true,
		"mediazona": true, "hromadske": true, "suspilne": true, "unian": true,
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

// fineType refines an ORG or MISC mention (chunk c of sentence sent, whose
// first token is token k of the document) into ARMED_GROUP, STATE_FORCE or
// MEDIA when its words, the gazetteer or its context say so; otherwise it
// keeps the CoNLL type.
func (t *Tagger) fineType(st *docState, sent []string, k int, c chunk) muster.MentionType {
	base := muster.MentionType(t.m.types[c.typ])
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
	inGroupList := st.toks[k+c.start].gazB&gazGroup != 0
	anyWord := func(set map[string]bool) bool {
		for _, w := range words {
			if set[w] {
				return true
			}
		}
		return false
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
