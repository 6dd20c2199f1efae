package extract

import (
	"regexp"
	"strings"

	"github.com/muster-osint/muster"
)

// stateForceRE finds a state's forces described in lower case: "Russia’s
// armed forces", "the Russian army", "Ukraine’s military".
// pseudonymRE finds the phrases that give another name of a person:
// "who also goes by the pseudonym Ivan Sever", "who goes by the call
// sign Caesar", a group "which goes by the name …", "also known as",
// "better known as", "formerly known as the …", "known
// locally as", "known in Arabic as", "known by its Arabic name", "a.k.a.",
// "nicknamed", "also called". A bare "called" after a name is a verb of
// speech or naming with its own object ("John Kirby called Russia a
// threat"), never alias evidence: "called" counts only after "is", "also",
// "often" and the like.
var pseudonymRE = regexp.MustCompile(`(?i)(?:,?\s+(?:who|which)\s+(?:also\s+)?(?:goes\s+by|uses)\s+(?:the\s+)?(pseudonym|call\s+sign|callsign|nom\s+de\s+guerre|alias|nickname|name|surname)|\b(?:also\s+|formerly\s+|previously\s+|once\s+|better\s+)?known\s+(?:(?:locally\s+|widely\s+|in\s+[A-Z]\w+\s+)?as|by\s+(?:its|his|her|their)\s+(?:\w+\s+)?(initials|acronym|abbreviation|name))|\ba\.?k\.?a\.?|\bnicknamed|\b(?:(?:is|are|was|were)\s+)?(?:often|also|sometimes|commonly|widely|formerly)\s+called|\b(?:is|are|was|were)\s+called|\bwhich\s+calls\s+itself|\bunder\s+the\s+(pseudonym|call\s+sign|alias|name)|,\s+or)\s+`)

// areaKinds are the words for the kind of area a place is, which the
// text may write after its name ("the Kursk region", "Jolo island").
var areaKinds = map[string]bool{
	"region": true, "oblast": true, "province": true, "district": true, "governorate": true, "raion": true,
	"county": true, "island": true,
}

// aliasPatterns records the names a document gives for one entity: the
// acronym in brackets, pseudonyms and call signs. A person named by a
// pseudonym becomes one entity with both names.
func (x *doc) aliasPatterns() {
	// "the Lake Chad region", "off Jolo island": a place is also named
	// with the word for its kind after it, as the text writes it.
	for _, m := range x.ments {
		if m.ent < 0 || m.nominal || x.ents[m.ent].typ != muster.EntityPlace {
			continue
		}
		if w := x.nextWord(m.End); areaKinds[w] {
			i := m.End + strings.Index(x.d.Text[m.End:], " ") + 1
			name := m.text + " " + x.d.Text[i:i+len(w)]
			x.ents[m.ent].aliases = appendAlias(x.ents[m.ent].aliases, muster.Alias{Name: name, Kind: muster.AliasName})
		}
	}
	x.nicknames()
	for _, a := range x.acronyms {
		x.add(draft{subj: a.ent, event: -1, pred: muster.PredAlias, obj: muster.Value{Kind: muster.ValueText, Text: a.name}, objEnt: -1, ev: a.span, sent: a.sent, conf: 0.95})
	}
	for si, s := range x.d.Sentences {
		if !containsAny(x.lowerSent(si), aliasKeys) {
			continue
		}
		text := x.d.Text[s.Start:s.End]
		for _, loc := range pseudonymRE.FindAllStringSubmatchIndex(text, -1) {
			cue := muster.Span{Start: s.Start + loc[0], End: s.Start + loc[1]}
			kind := ""
			for _, g := range []int{1, 2, 3} {
				if loc[2*g] >= 0 {
					kind = strings.ToLower(text[loc[2*g]:loc[2*g+1]])
				}
			}
			at := cue.End
			if strings.HasPrefix(text[loc[1]:], "the ") && !strings.HasPrefix(strings.ToLower(strings.TrimSpace(text[loc[0]:loc[1]])), ", or") {
				at += len("the ") // "formerly known as the Nusra Front"
			}
			nm := x.mentionAt(at)
			if nm < 0 || x.ments[nm].Start != at || x.ments[nm].nominal {
				continue
			}
			pred, akind := muster.PredAlias, muster.AliasName
			switch {
			case strings.HasPrefix(kind, "pseudonym") || kind == "nom de guerre" || kind == "alias":
				pred, akind = muster.PredPseudonym, muster.AliasPseudonym
			case strings.HasPrefix(kind, "call") || kind == "nickname":
				pred, akind = muster.PredCallSign, muster.AliasCallSign
			case kind == "initials" || kind == "acronym" || kind == "abbreviation":
				akind = muster.AliasAcronym
			}
			cueText := strings.ToLower(strings.TrimSpace(text[loc[0]:loc[1]]))
			orAfterAcronym := strings.HasPrefix(cueText, ", or") && x.bracketedAcronymBefore(cue.Start) && x.appositionEnds(x.ments[nm].End)
			if strings.HasPrefix(cueText, ", or") && !isAcronym(x.ments[nm].text) && !orAfterAcronym {
				continue // "the Legion, or the Corps": a list, not an alias
			}
			named := x.ments[nm]
			// The person described is the name right before the cue
			// ("Kapustin, who also goes by …"), or, when the description is
			// unnamed ("One Russian soldier …, who goes by the call sign
			// Caesar"), the person the new name names.
			subj := -1
			for j := nm - 1; j >= 0 && x.ments[j].sent == si; j-- {
				if x.ments[j].End <= cue.Start && strings.Trim(x.gapBefore(x.ments[j].End, cue.Start, orAfterAcronym), " ,–—") == "" {
					if x.aliasSubject(x.ments[j], named, akind) {
						subj = x.ments[j].ent
					}
					break
				}
				if x.ments[j].End <= cue.Start {
					break
				}
			}
			ev := muster.Span{Start: cue.Start, End: named.End}
			if strings.HasPrefix(x.d.Text[ev.Start:ev.End], ",") {
				ev.Start = cue.Start + 1
				for ev.Start < ev.End && x.d.Text[ev.Start] == ' ' {
					ev.Start++
				}
			}
			if subj >= 0 {
				// The evidence runs from the name it is an alias of.
				for j := nm - 1; j >= 0; j-- {
					if x.ments[j].ent == subj && x.ments[j].sent == si && x.ments[j].End <= cue.Start {
						ev.Start = x.ments[j].Start
						break
					}
				}
			}
			if subj >= 0 && named.ent >= 0 && named.ent != subj {
				if x.ents[subj].typ == "" {
					x.ents[subj].typ = x.ents[named.ent].typ // "HTS, formerly known as the Nusra Front"
				}
				x.merge(subj, named.ent)
			} else if subj < 0 && named.ent >= 0 && (akind == muster.AliasCallSign || akind == muster.AliasPseudonym || x.ents[named.ent].typ == muster.EntityPerson) {
				subj = named.ent
				x.ents[subj].typ = muster.EntityPerson
				x.described[si] = subj
				// "One Russian soldier with the resistance group": member of
				// the group the description names.
				if g := x.firstSubject(muster.Span{Start: s.Start, End: cue.Start}, groupish...); g != nil {
					x.add(draft{subj: subj, event: -1, pred: muster.PredMemberOf, objEnt: g[0], ev: muster.Span{Start: s.Start, End: named.End}, sent: si, conf: 0.7})
				}
			}
			if subj < 0 {
				continue
			}
			x.ents[subj].aliases = appendAlias(x.ents[subj].aliases, muster.Alias{Name: named.text, Kind: akind})
			x.add(draft{subj: subj, event: -1, pred: pred, obj: muster.TextValue(named.text), objEnt: -1, ev: ev, sent: si, conf: 0.9})
		}
	}
	for si := range x.d.Sentences {
		if _, ok := x.described[si]; !ok {
			x.described[si] = -1
		}
	}
}

// nicknameRE finds a nickname quoted inside a person's name, between the
// given name and the surname: Joaquin "El Chapo" Guzman, Abu Omar "the
// Fox" Diallo.
var nicknameRE = regexp.MustCompile(`\b(\p{Lu}[\p{L}'’-]+) ["“]((?:the |The )?\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’-]*){0,2})["”] (\p{Lu}[\p{L}'’-]+)\b`)

// nicknames gives a person named with a quoted nickname inside the name
// (`Ismael "El Mayo" Zambada`) the name without it ("Ismael Zambada") and
// the nickname as an alias; the tagger reads the three parts as a given
// name, an organisation and a surname. The surname must be a person's
// mention, so a quoted title between two names ("Ukraine 'Azov' Brigade")
// is left alone.
func (x *doc) nicknames() {
	for si, s := range x.d.Sentences {
		text := x.d.Text[s.Start:s.End]
		if !strings.ContainsAny(text, "\"“") {
			continue
		}
		for _, loc := range nicknameRE.FindAllStringSubmatchIndex(text, -1) {
			sur := x.mentionAt(s.Start + loc[6])
			if sur < 0 || x.ments[sur].Start != s.Start+loc[6] || x.ments[sur].ent < 0 || x.ments[sur].nominal {
				continue
			}
			e := x.ments[sur].ent
			if x.ents[e].typ != muster.EntityPerson {
				continue
			}
			full := text[loc[2]:loc[3]] + " " + x.ments[sur].text
			nick := text[loc[4]:loc[5]]
			x.ents[e].names = append(x.ents[e].names, full)
			x.ents[e].aliases = appendAlias(x.ents[e].aliases, muster.Alias{Name: full, Kind: muster.AliasName})
			x.ents[e].aliases = appendAlias(x.ents[e].aliases, muster.Alias{Name: nick, Kind: muster.AliasName})
			// The nickname's own mention, here and later in the text, is
			// the person; so is the given name's, when the tagger made one.
			for i := range x.ments {
				m := x.ments[i]
				if m.nominal || m.ent < 0 || m.ent == e {
					continue
				}
				if muster.NameKey(m.text) == muster.NameKey(nick) || m.Start == s.Start+loc[2] && m.End == s.Start+loc[3] && (x.ents[m.ent].typ == "" || x.ents[m.ent].typ == muster.EntityPerson) {
					x.ents[m.ent].typ = muster.EntityPerson
					x.merge(e, m.ent)
				}
			}
			ev := muster.Span{Start: s.Start + loc[2], End: x.ments[sur].End}
			x.add(draft{subj: e, event: -1, pred: muster.PredAlias, obj: muster.TextValue(nick), objEnt: -1, ev: ev, sent: si, conf: 0.9})
		}
	}
}

// bracketedAcronymBefore reports whether the text right before off is a
// bracketed acronym, "(TTP)": "the Tehrik Front (TF), or Front, …" gives
// a name its acronym and then its other name, which a list never does
// ("the Legion, or the Corps" may be two groups).
func (x *doc) bracketedAcronymBefore(off int) bool {
	before := strings.TrimRight(x.d.Text[:off], " ")
	if !strings.HasSuffix(before, ")") {
		return false
	}
	open := strings.LastIndexByte(before, '(')
	return open >= 0 && isAcronym(before[open+1:len(before)-1])
}

// gapBefore returns the text from a name's end to an alias cue, less the
// closing bracket of the acronym it carries when acronym is set.
func (x *doc) gapBefore(end, cue int, acronym bool) string {
	if end > cue {
		return "?"
	}
	if acronym {
		return strings.TrimPrefix(x.d.Text[end:cue], ")")
	}
	return x.d.Text[end:cue]
}

// appositionEnds reports whether the phrase that ends at off closes an
// apposition: a comma, a bracket or the sentence's end follows, not "and"
// or a verb of its own.
func (x *doc) appositionEnds(off int) bool {
	rest := strings.TrimLeft(x.d.Text[off:], " ")
	return rest == "" || strings.ContainsAny(rest[:1], ",);:.")
}

// aliasSubject reports whether mention m, right before an alias cue, is
// what the alias named names: a person, or for a name (not a pseudonym or
// call sign) a group, or an untyped name ("HTS") when the alias names a
// group ("formerly known as the Nusra Front").
func (x *doc) aliasSubject(m, named mention, akind muster.AliasKind) bool {
	if m.ent < 0 {
		return false
	}
	switch t := x.ents[m.ent].typ; {
	case t == muster.EntityPerson:
		return !m.nominal
	case akind == muster.AliasCallSign || akind == muster.AliasPseudonym:
		return false
	case t == muster.EntityArmedGroup:
		return true
	default:
		return t == "" && named.ent >= 0 && x.ents[named.ent].typ == muster.EntityArmedGroup
	}
}

// merge folds entity b into a.
func (x *doc) merge(a, b int) {
	if a == b {
		return
	}
	ea, eb := x.ents[a], x.ents[b]
	for _, mi := range eb.mentions {
		x.ments[mi].ent = a
	}
	ea.mentions = append(ea.mentions, eb.mentions...)
	ea.names = append(ea.names, eb.names...)
	for _, al := range eb.aliases {
		ea.aliases = appendAlias(ea.aliases, al)
	}
	eb.mentions, eb.names, eb.aliases = nil, nil, nil
	eb.merged = a
	for k, set := range x.sets {
		for i, e := range set {
			if e == b {
				x.sets[k][i] = a
			}
		}
	}
	for i := range x.drafts {
		if x.drafts[i].subj == b {
			x.drafts[i].subj = a
		}
		if x.drafts[i].objEnt == b {
			x.drafts[i].objEnt = a
		}
	}
}

// forceKeys are words one of which a sentence needs for addStateForces to look at it.
var forceKeys = []string{"forces", "army", "armies", "military", "troops", "navy", "guard", "police", "soldiers", "marines", "junta", "service", "agency"}

// aliasKeys are words one of which a sentence needs for aliasPatterns to
// look at it.
var aliasKeys = []string{"goes by", "uses the", "known", "k.a", "aka", "nicknamed", "called", "calls itself", "under the", ", or "}
