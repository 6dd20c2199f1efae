package extract

import (
	"math"
	"regexp"
	"strings"

	"github.com/muster-osint/muster"
)

// Casualty figures: killed, wounded and captured claims from the words
// around a casualty word. See event.go for the patterns.

type casualtyKind byte

const (
	kindKilled casualtyKind = iota + 1
	kindWounded
	kindCaptured
)

func (k casualtyKind) predicate() muster.Predicate {
	switch k {
	case kindKilled:
		return muster.PredKilled
	case kindWounded:
		return muster.PredWounded
	}
	return muster.PredCaptured
}

var casualtyCues = map[string]casualtyKind{
	"killed": kindKilled, "dead": kindKilled, "died": kindKilled, "killing": kindKilled, "deaths": kindKilled,
	"fatalities": kindKilled, "perished": kindKilled, "slain": kindKilled, "fatally": kindKilled,
	"beheaded": kindKilled, "executed": kindKilled, "murdered": kindKilled, "assassinated": kindKilled,
	"lynched": kindKilled, "massacred": kindKilled,
	"dies": kindKilled, "die": kindKilled,
	"wounded": kindWounded, "injured": kindWounded, "hurt": kindWounded, "injuring": kindWounded,
	"wounding": kindWounded, "injuries": kindWounded, "harmed": kindWounded,
	"kidnapped": kindCaptured, "abducted": kindCaptured, "captured": kindCaptured, "abducting": kindCaptured,
	"surrendered": kindCaptured,
	"kidnapping":  kindCaptured,
}

// activeCues take their figure after them: "…, killing three people".
var activeCues = map[string]bool{
	"killed": true, "killing": true, "injuring": true, "wounding": true, "injured": true, "wounded": true,
	"kidnapped": true, "abducted": true, "abducting": true, "kidnapping": true, "captured": true,
	"beheaded": true, "beheading": true, "murdered": true, "assassinated": true, "executed": true, "executing": true,
}

var auxiliaries = map[string]bool{"was": true, "were": true, "been": true, "be": true, "is": true, "are": true, "being": true, "got": true, "get": true}

var casualtyAdverbs = map[string]bool{
	"reportedly": true, "also": true, "allegedly": true, "later": true, "all": true, "both": true,
	"subsequently": true, "initially": true, "eventually": true, "critically": true, "seriously": true,
	"severely": true, "slightly": true, "lightly": true, "badly": true, "gravely": true, "mortally": true,
	"fatally": true, "reported": false, "not": true, "either": true, "then": true, "apparently": true,
}

// nonPersonUnits are counted nouns that are not casualties.
var nonPersonUnits = map[string]bool{
	"tanks": true, "drones": true, "missiles": true, "rockets": true, "shells": true, "vehicles": true,
	"aircraft": true, "helicopters": true, "jets": true,
}

// singularVictims are nouns whose singular subject counts one casualty.
var singularVictims = map[string]bool{
	"civilian": true, "soldier": true, "officer": true, "policeman": true, "man": true, "woman": true,
	"child": true, "boy": true, "girl": true, "assailant": true, "attacker": true, "bomber": true,
	"person": true, "member": true, "resident": true, "guard": true, "teacher": true, "student": true,
	"worker": true, "farmer": true, "driver": true, "villager": true, "militant": true, "fighter": true,
	"serviceman": true, "journalist": true, "official": true, "leader": true, "commander": true,
	"perpetrator": true, "gunman": true, "insurgent": true, "employee": true, "passenger": true,
	"individual": true, "victim": true, "target": true, "trader": true, "herder": true, "shepherd": true,
	"engineer": true, "doctor": true, "nurse": true, "cleric": true, "priest": true, "imam": true,
	"chief": true, "elder": true, "mayor": true, "councilor": true, "councillor": true, "judge": true,
	"lawyer": true, "businessman": true, "pupil": true, "infant": true, "baby": true, "teenager": true,
	"contractor": true, "volunteer": true, "rebel": true, "terrorist": true, "suspect": true,
	"colonel": true, "general": true, "captain": true, "sergeant": true, "lieutenant": true, "major": true,
	"constable": true, "inspector": true, "agent": true, "ranger": true, "gendarme": true, "prisoner": true,
	"hostage": true, "pilot": true, "sapper": true, "medic": true, "rescuer": true, "policewoman": true,
	"mother": true, "father": true, "son": true, "daughter": true, "wife": true, "husband": true,
	"brother": true, "sister": true, "nephew": true, "niece": true, "cousin": true, "relative": true,
	"bodyguard": true, "guest": true, "neighbor": true, "neighbour": true, "friend": true, "companion": true,
}

// sides maps a counted noun to the side it counts.
var sides = map[string]string{
	"civilians": "civilians", "civilian": "civilians", "residents": "civilians", "resident": "civilians",
	"villagers": "civilians", "villager": "civilians", "children": "civilians", "child": "civilians",
	"women": "civilians", "woman": "civilians", "students": "civilians", "student": "civilians",
	"workers": "civilians", "farmers": "civilians", "teachers": "civilians", "passengers": "civilians",
	"pilgrims": "civilians", "worshippers": "civilians", "boys": "civilians", "girls": "civilians",
	"traders": "civilians", "herders": "civilians", "journalists": "civilians", "pupils": "civilians",
	"soldiers": "soldiers", "soldier": "soldiers", "troops": "soldiers", "servicemen": "soldiers",
	"serviceman": "soldiers", "servicemembers": "soldiers", "recruits": "soldiers",
	"police": "police", "policemen": "police", "policeman": "police", "officers": "police", "officer": "police",
	"gendarmes": "police", "cops": "police", "policewomen": "police",
	"militants": "militants", "militant": "militants", "assailants": "militants", "assailant": "militants",
	"attackers": "militants", "attacker": "militants", "insurgents": "militants", "insurgent": "militants",
	"fighters": "militants", "fighter": "militants", "rebels": "militants", "rebel": "militants",
	"terrorists": "militants", "terrorist": "militants", "gunmen": "militants", "gunman": "militants",
	"jihadists": "militants", "extremists": "militants", "separatists": "militants", "militiamen": "militants",
}

// figure is a number range found in a sentence.
type figure struct {
	startTok, endTok int // endTok includes the counted noun
	span             muster.Span
	val              muster.Value
}

func (x *eventExtractor) figures(s *sent) []figure {
	var out []figure
	toks := s.toks
	for i := 0; i < len(toks); {
		q, ok := matchQuantity(x.text, toks, i)
		if !ok {
			i++
			continue
		}
		f := figure{startTok: i, endTok: q.endTok, span: muster.Span{Start: q.start, End: q.end}, val: q.value(x.text)}
		i = q.endTok
		if nonPersonUnits[f.val.Unit] {
			continue
		}
		// "a 205 Corps commander": a number before a name is part of it;
		// "20 Boko Haram members" counts the people the name qualifies.
		if f.val.Unit == "" && q.endTok < len(toks) && toks[q.endTok].upper && toks[q.endTok].kind == 'w' && toks[f.startTok].kind == 'd' && !countsNamed(toks, q.endTok) {
			continue
		}
		// A year or a bare large number without a noun is not a casualty count.
		if f.val.Unit == "" && f.val.Min != nil && *f.val.Min >= 1000 && *f.val.Min < 2200 && f.val.Max != nil && *f.val.Min == *f.val.Max {
			continue
		}
		out = append(out, f)
	}
	return out
}

// ofPhrase reports whether toks[a:c] is an "of" phrase that qualifies a
// figure's noun right before the cue at c, with no verb or clause break in
// it: "19 suspected members of powerful Sinaloa cartel killed".
func ofPhrase(toks []wtok, a, c int) bool {
	if a >= c || c-a > 5 || toks[a].low != "of" || auxiliaries[toks[c-1].low] {
		return false
	}
	for j := a + 1; j < c; j++ {
		if toks[j].kind != 'w' || npBoundary(toks[j].low) || auxiliaries[toks[j].low] || casualtyCues[toks[j].low] != 0 {
			return false
		}
	}
	return true
}

// countsNamed reports whether the capitalised name at toks[k] qualifies a
// plural noun after it ("Boko Haram members", "ISWAP fighters"): a number
// before it counts those people.
func countsNamed(toks []wtok, k int) bool {
	for j := k; j < len(toks) && j < k+4; j++ {
		if toks[j].kind != 'w' {
			return false
		}
		if !toks[j].upper {
			return j > k && pluralNoun(toks[j])
		}
	}
	return false
}

// casualties returns the killed, wounded and captured claims of a sentence.
func (x *eventExtractor) casualties(s *sent) []muster.Claim {
	toks := s.toks
	var cues []int
	bracket := 0
	for k, t := range toks {
		// An editor's note in square brackets restates figures; it is not
		// another count.
		switch t.low {
		case "[":
			bracket++
		case "]":
			bracket = max(0, bracket-1)
		}
		if t.kind != 'w' || bracket > 0 {
			continue
		}
		if motiveBefore(toks, k) {
			continue // "to avenge the killing of their leader": an earlier event's dead
		}
		if conditionBefore(toks, k) {
			continue // "paid to his relatives if he is killed": no one has died
		}
		if _, ok := casualtyCues[t.low]; ok {
			if t.low == "fatally" { // "fatally shot" is the killing; the cue is "fatally"
				cues = append(cues, k)
				continue
			}
			if t.low == "dead" && k+1 < len(toks) && (toks[k+1].low == "body" || toks[k+1].low == "bodies") {
				continue
			}
			cues = append(cues, k)
		} else if (t.low == "death" && k > 0 && toks[k-1].low == "to") || t.low == "deceased" || livesOf(toks, k) {
			cues = append(cues, k)
		}
	}
	figs := x.figures(s)
	attr, mod := x.attribution(s)
	defer func() {
		for _, f := range figs {
			if f.val.Unit != "" && f.val.Min != nil {
				x.lastFigure[f.val.Unit] = *f.val.Min
			}
		}
	}()
	var out []muster.Claim
	used := make([]bool, len(figs))
	// Zero figures over casualties: "no casualties", "There were no injuries".
	for fi, f := range figs {
		if f.val.Max == nil || *f.val.Max != 0 {
			continue
		}
		var kinds []casualtyKind
		switch f.val.Unit {
		case "casualties":
			kinds = []casualtyKind{kindKilled, kindWounded}
		case "deaths", "fatalities", "dead":
			kinds = []casualtyKind{kindKilled}
		case "injuries", "wounded", "injured":
			kinds = []casualtyKind{kindWounded}
		}
		for _, k := range kinds {
			used[fi] = true
			sp := muster.Span{Start: f.span.Start, End: toks[f.endTok-1].end}
			v := f.val
			v.Text = x.text[sp.Start:sp.End]
			v.Unit = ""
			out = append(out, x.claim(k.predicate(), v, sp, s.span, "", attr, mod, 0.8))
		}
	}
	out = append(out, x.losses(s, figs, used, attr, mod)...)
	prev := -1
	for ci, c := range cues {
		kind := casualtyCues[toks[c].low]
		if kind == 0 || toks[c].low == "fatally" {
			kind = kindKilled // "fatally", "to death", "deceased"
		}
		next := len(toks)
		if ci+1 < len(cues) {
			next = cues[ci+1]
		}
		// "killed or injured", "killed and wounded": one figure for both is
		// ambiguous; only the first cue of such a pair takes it.
		var picked []int
		extra := 0.0
		var lo, hi int // evidence token range
		// 1. A figure right before the cue: "5 dead", "two soldiers killed".
		for fi, f := range figs {
			if used[fi] {
				continue
			}
			if f.endTok == c+1 && toks[c].low == f.val.Unit || f.endTok == c || ofPhrase(toks, f.endTok, c) {
				if f.endTok == c && c > 0 && (auxiliaries[toks[c-1].low]) {
					break
				}
				picked = []int{fi}
				lo, hi = f.startTok, c
				break
			}
		}
		negated := false
		// A headline's bare passive: "Police officer killed", "Woman
		// killed in shelling" count one.
		if picked == nil && c > 0 && singularVictims[toks[c-1].low] && (c < 2 || !auxiliaries[toks[c-2].low]) && (c+1 >= len(toks) || !isFigureStart(figs, c+1)) {
			extra = 1
			lo, hi = c-1, c
			for lo > 0 && toks[lo-1].kind == 'w' && (toks[lo-1].upper || toks[lo-1].low == "a" || toks[lo-1].low == "one") && lo > prev+1 {
				lo--
			}
		}
		if picked == nil && extra == 0 {
			// 2. Passive: "… were killed".
			j := c - 1
			for j > prev && j >= 0 && (casualtyAdverbs[toks[j].low] || mannerOfDeath(toks, j, c)) {
				if toks[j].low == "not" {
					negated = true
				}
				j--
			}
			intransitive := toks[c].low == "died" || toks[c].low == "dies" || toks[c].low == "die" || toks[c].low == "perished" || toks[c].low == "surrendered"
			if intransitive && c > 0 {
				// "one UN peacekeeper died": the subject is the count.
				start := clauseStart(toks, c, prev)
				picked, extra = subjectFigures(toks, figs, used, start, c)
				lo, hi = start, c
				if len(picked) == 0 && extra == 0 && c-start <= 4 && start < c && !pluralNoun(toks[c-1]) && toks[c-1].kind == 'w' {
					extra = 1
				}
			} else if j > prev && j >= 0 && (auxiliaries[toks[j].low] || toks[j].low == "reported" && j > 0 && auxiliaries[toks[j-1].low]) {
				aux := j
				if toks[j].low == "reported" {
					aux = j - 1
				}
				start := clauseStart(toks, aux, prev)
				if negated {
					sp := muster.Span{Start: toks[start].start, End: toks[c].end}
					v := muster.NumberValue(x.text[sp.Start:sp.End], 0, 0, "")
					out = append(out, x.claim(kind.predicate(), v, sp, s.span, "", attr, mod, 0.7))
					prev = c
					continue
				}
				picked, extra = subjectFigures(toks, figs, used, start, aux)
				lo, hi = start, c
				// "was killed along with his driver"
				if c+3 < len(toks) && toks[c+1].low == "along" && toks[c+2].low == "with" {
					p2, e2, h2 := objectFigures(toks, figs, used, c+3, next)
					picked, extra = append(picked, p2...), extra+e2
					if h2 > hi {
						hi = h2
					}
				}
				if len(picked) == 0 && extra == 0 {
					switch {
					case toks[aux].low == "was" || toks[aux].low == "is":
						// "was killed": a singular subject is one casualty.
						extra = 1
						lo = singularStart(toks, start, aux)
					case start < aux && toks[start].low == "both":
						extra = 2
					case toks[aux].low == "were":
						// "Kaker and his son were killed": one for each of
						// two or more named conjuncts.
						if n := conjuncts(toks, start, aux); n >= 2 {
							extra = float64(n)
						} else if v, ok := x.anaphor(toks, start, aux); ok {
							// "The hostages were executed": the figure
							// given for them before.
							extra = v
						}
					}
				}
			} else if (toks[c].low == "deaths" || toks[c].low == "lives") && c+1 < len(toks) && toks[c+1].low == "of" {
				// "caused the deaths of at least 8,000 people", "cost the
				// lives of 40 villagers": the figure after "of".
				picked, extra, hi = objectFigures(toks, figs, used, c+2, next)
				lo = c
			} else if activeCues[toks[c].low] || toks[c].low == "fatally" || toks[c].low == "dead" && c > 0 && toks[c-1].low == "shot" {
				// 3. Active: "…, killing three people and injuring five".
				end := c + 1
				if toks[c].low == "fatally" {
					end = c + 2 // "fatally shot"
				}
				picked, extra, hi = objectFigures(toks, figs, used, end, next)
				lo = c
				if toks[c].low == "dead" {
					lo = c - 1 // "shot dead"
				}
			}
		}
		if len(picked) == 0 && extra == 0 {
			prev = c
			continue
		}
		var sum muster.Value
		side := ""
		sumLo, sumHi := extra, extra
		for n, fi := range picked {
			used[fi] = true
			f := figs[fi]
			sumLo = addBound(sumLo, f.val.Min)
			sumHi = addBound(sumHi, f.val.Max)
			sd := sides[f.val.Unit]
			if n == 0 {
				side = sd
			} else if sd != side {
				side = ""
			}
		}
		// The evidence runs from the first counted words to the cue (or
		// the last counted words after it), not from the clause start.
		if len(picked) > 0 && extra == 0 {
			first := figs[picked[0]].startTok
			for _, fi := range picked {
				first = min(first, figs[fi].startTok)
			}
			if first < c && first > lo {
				lo = first
			}
		}
		if lo > c {
			lo = c
		}
		if hi < c {
			hi = c
		}
		sp := muster.Span{Start: toks[lo].start, End: toks[hi].end}
		if partitiveRE.MatchString(x.text[sp.Start:sp.End]) {
			// "Two of the injured were children": a part of a figure
			// already given, not another count.
			prev = c
			continue
		}
		if sided := sidesApart(figs, picked); sided && extra == 0 {
			// "52 government soldiers and 31 rebel fighters were killed":
			// a figure for each side, each from its words to the cue.
			for _, fi := range picked {
				f := figs[fi]
				fsp := muster.Span{Start: f.span.Start, End: toks[hi].end}
				v := f.val
				v.Text, v.Unit = x.text[fsp.Start:fsp.End], ""
				out = append(out, x.claim(kind.predicate(), v, fsp, s.span, sides[f.val.Unit], attr, mod, 0.8))
			}
			prev = c
			continue
		}
		sum = muster.NumberValue(x.text[sp.Start:sp.End], sumLo, sumHi, "")
		conf := 0.8
		if extra > 0 && len(picked) == 0 {
			conf = 0.6
		}
		out = append(out, x.claim(kind.predicate(), sum, sp, s.span, side, attr, mod, conf))
		prev = c
	}
	return out
}

// lossUnits are the people a side's own losses count: "lost two men".
var lossUnits = map[string]bool{
	"men": true, "fighters": true, "soldiers": true, "troops": true, "members": true, "people": true,
	"servicemen": true, "personnel": true, "militants": true, "officers": true,
}

// tollVerbs say what figure a death toll reached: "rose to", "stands at".
var tollVerbs = map[string]bool{
	"rose": true, "risen": true, "rises": true, "rise": true, "climbed": true, "climbs": true,
	"reached": true, "reaches": true, "jumped": true, "jumps": true, "stood": true, "stands": true,
	"increased": true, "hit": true, "hits": true,
}

// lossVerbs come between "without" and "losses": "without suffering losses".
var lossVerbs = map[string]bool{"suffering": true, "sustaining": true, "incurring": true, "taking": true}

// losses returns the dead a side gives as its own: "had lost two men",
// "lost 12 of its fighters", "putting their own dead at two".
func (x *eventExtractor) losses(s *sent, figs []figure, used []bool, attr muster.Attribution, mod muster.Modality) []muster.Claim {
	toks := s.toks
	var out []muster.Claim
	at := func(k int) int {
		for fi, f := range figs {
			if f.startTok == k && !used[fi] {
				return fi
			}
		}
		return -1
	}
	for k, t := range toks {
		lo, fi, end := k, -1, 0
		switch t.low {
		case "lost", "losing":
			fi = at(k + 1)
			if fi < 0 {
				continue
			}
			f := figs[fi]
			end = f.endTok - 1
			if f.val.Unit == "" && f.endTok+2 < len(toks) && toks[f.endTok].low == "of" && (toks[f.endTok+1].low == "its" || toks[f.endTok+1].low == "their") {
				end = f.endTok + 2 // "12 of its fighters"
			} else if !lossUnits[f.val.Unit] {
				continue
			}
		case "toll":
			// "The death toll from the bombing has risen to 100", "the
			// toll from Monday's attack rose to 12": the figure a toll
			// reached. A toll of no named event or deaths ("the toll of
			// people murdered this year rises to 5,000") is left alone.
			if k+1 >= len(toks) || (k == 0 || toks[k-1].low != "death") && toks[k+1].low != "from" {
				continue
			}
			for j := k + 1; j+2 < len(toks) && j <= k+24; j++ {
				if tollVerbs[toks[j].low] && (toks[j+1].low == "to" || toks[j+1].low == "at") {
					fi = at(j + 2)
					break
				}
				if at(j) >= 0 || toks[j].low == ";" || toks[j].low == ":" {
					break // another figure, or a clause break, first
				}
			}
			if fi < 0 {
				continue
			}
			if k > 0 && toks[k-1].low == "death" {
				lo = k - 1
			}
			end = figs[fi].endTok - 1
		case "without":
			// "escaped without suffering any losses": none of them died.
			j := k + 1
			if j < len(toks) && lossVerbs[toks[j].low] {
				j++
			}
			if j < len(toks) && toks[j].low == "any" {
				j++
			}
			if j >= len(toks) || toks[j].low != "losses" && toks[j].low != "casualties" || j+1 < len(toks) && toks[j+1].low == "of" {
				continue // "without any losses of territory" counts no one
			}
			sp := muster.Span{Start: t.start, End: toks[j].end}
			out = append(out, x.claim(muster.PredKilled, muster.NumberValue(x.text[sp.Start:sp.End], 0, 0, ""), sp, s.span, "", attr, mod, 0.7))
			continue
		case "dead":
			// "put(ting) their (own) dead at two"
			if fi = at(k + 2); fi < 0 || toks[k+1].low != "at" {
				continue
			}
			j := k - 1
			if j >= 0 && toks[j].low == "own" {
				j--
			}
			if j < 1 || toks[j].low != "their" && toks[j].low != "its" || !strings.HasPrefix(toks[j-1].low, "put") {
				continue
			}
			lo, end = j-1, figs[fi].endTok-1
		default:
			continue
		}
		used[fi] = true
		f := figs[fi]
		sp := muster.Span{Start: toks[lo].start, End: toks[end].end}
		v := f.val
		v.Text, v.Unit = x.text[sp.Start:sp.End], ""
		out = append(out, x.claim(muster.PredKilled, v, sp, s.span, sides[f.val.Unit], attr, mod, 0.7))
	}
	return out
}

// sidesApart reports whether the figures picked for one cue count two or
// more different sides ("soldiers", "militants"), every one of them named.
func sidesApart(figs []figure, picked []int) bool {
	if len(picked) < 2 {
		return false
	}
	seen := map[string]bool{}
	for _, fi := range picked {
		sd := sides[figs[fi].val.Unit]
		if sd == "" || seen[sd] {
			return false
		}
		seen[sd] = true
	}
	return true
}

// partitiveRE is a figure that counts part of the dead or hurt.
var partitiveRE = regexp.MustCompile(`(?i)^[\w,-]+(?:\s+[\w-]+)?\s+of\s+(?:the|those)\s+(?:injured|wounded|dead|killed|victims|casualties)$`)

// thingNouns head the places and things a verb of capture takes that are
// no person: "captured the town of Laukkaing", "seized the base".
var thingNouns = map[string]bool{
	"town": true, "city": true, "village": true, "base": true, "airbase": true, "checkpoint": true, "bridge": true,
	"airport": true, "hill": true, "position": true, "building": true, "vehicle": true, "tank": true, "convoy": true,
	"district": true, "region": true, "area": true, "territory": true, "post": true, "outpost": true, "station": true,
	"headquarters": true, "port": true, "factory": true, "plant": true, "depot": true, "camp": true, "road": true,
	"highway": true, "crossing": true, "stronghold": true, "garrison": true, "compound": true, "facility": true,
	"county": true, "province": true, "capital": true, "settlement": true, "mine": true, "oilfield": true,
	"towns": true, "cities": true, "villages": true, "bases": true, "checkpoints": true, "bridges": true,
	"positions": true, "buildings": true, "vehicles": true, "tanks": true, "districts": true, "areas": true,
	"posts": true, "settlements": true, "hills": true, "weapons": true, "airports": true, "depots": true,
}

// anaphorNouns refer back to people counted before.
var anaphorNouns = map[string]bool{
	"hostages": true, "captives": true, "victims": true, "abductees": true, "officers": true,
	"soldiers": true, "civilians": true, "men": true, "women": true, "children": true, "boys": true,
	"girls": true, "passengers": true, "workers": true, "students": true, "policemen": true,
	"guards": true, "villagers": true, "farmers": true, "teachers": true, "miners": true, "others": false,
}

// anaphor resolves a definite plural subject ("The hostages", "The four
// officers" has its figure already) to the figure the text gave for it
// earlier: the last captured figure for hostages, else the last figure of
// the same noun.
func (x *eventExtractor) anaphor(toks []wtok, start, aux int) (float64, bool) {
	j := start
	if j < aux && toks[j].low == "all" {
		j++
	}
	if j >= aux || toks[j].low != "the" {
		return 0, false
	}
	// the head noun: the last word before the verb or an appositive comma
	h := j + 1
	for h+1 < aux && toks[h+1].kind == 'w' {
		h++
	}
	noun := toks[h].low
	if !anaphorNouns[noun] {
		return 0, false
	}
	switch noun {
	case "hostages", "captives", "abductees", "victims":
		if x.lastCaptured > 0 {
			return x.lastCaptured, true
		}
	}
	if v, ok := x.lastFigure[noun]; ok {
		return v, true
	}
	return 0, false
}

// mannerOfDeath reports words between an auxiliary and a casualty word
// that do not change the count: "was shot and killed", "were found dead",
// "was shot dead", "were beaten to death".
func mannerOfDeath(toks []wtok, j, c int) bool {
	if c-j > 3 {
		return false
	}
	switch toks[j].low {
	case "found", "shot", "and", "stabbed", "beaten", "hacked", "burned", "burnt", "gunned", "to", "strangled", "stoned":
		return true
	}
	// "<verb>ed and killed"
	return j+1 < c && toks[j+1].low == "and" && strings.HasSuffix(toks[j].low, "ed")
}

func isFigureStart(figs []figure, k int) bool {
	for _, f := range figs {
		if f.startTok == k {
			return true
		}
	}
	return false
}

// addBound adds a bound to a running sum; an open bound opens the sum.
func addBound(sum float64, b *float64) float64 {
	if b == nil || math.IsNaN(sum) {
		return math.NaN()
	}
	return sum + *b
}

// clauseStart returns the first token of the clause that ends at aux: after
// the previous cue, a semicolon or colon, or ", and".
func clauseStart(toks []wtok, aux, prev int) int {
	from := aux - 1
	// "Three people, including Gilkey, a translator, and a soldier, were":
	// an aside closed by the comma before the verb is skipped whole.
	if from > prev && toks[from].low == "," {
		for j := from - 1; j > prev && j > from-25; j-- {
			if toks[j].low == ";" || casualtyCues[toks[j].low] != 0 {
				break
			}
			if toks[j].low == "including" || toks[j].low == "among" {
				from = j - 1
				break
			}
		}
	}
	for j := from; j > prev; j-- {
		switch toks[j].low {
		case ";", ":", "while", "but", "whereas", "after", "when", "as":
			return j + 1
		case "and":
			if j > 0 && toks[j-1].low == "," {
				return j + 1
			}
		case ",":
			// A comma ends the clause unless the subject continues through
			// it ("at least three people, including two civilians, were";
			// "one person, a humanitarian worker, was").
			if j+1 == aux || j+1 < aux && (toks[j+1].low == "a" || toks[j+1].low == "an") {
				continue
			}
			if !commaInSubject(toks, j, aux) {
				return j + 1
			}
		}
	}
	return prev + 1
}

// commaInSubject reports whether the comma at j opens or closes an
// "including …" or "in addition to …" aside inside the subject.
func commaInSubject(toks []wtok, j, aux int) bool {
	if j+1 < aux && (toks[j+1].low == "including" || toks[j+1].low == "among" || toks[j+1].low == "mostly" || toks[j+1].low == "most" || toks[j+1].low == "of") {
		return true
	}
	// Closing comma of an aside: an "including" or "in addition to" before it.
	for k := j - 1; k >= 0 && k > j-12; k-- {
		if toks[k].low == "including" || toks[k].low == "among" {
			return true
		}
		if toks[k].low == "addition" && k > 0 && toks[k-1].low == "in" {
			return true
		}
		if toks[k].low == "," || toks[k].low == ";" {
			break
		}
	}
	return false
}

// subjectFigures returns the figures of the subject [start, aux), leaving
// out asides ("including two civilians") and adding "in addition to the
// assailant" as extra casualties.
func subjectFigures(toks []wtok, figs []figure, used []bool, start, aux int) ([]int, float64) {
	var picked []int
	extra := 0.0
	aside := byte(0) // 'i' including/among, 'a' in addition to
	asideFig := false
	addStart := 0
	segStart, segFig := start, false
	for j := start; j <= aux; j++ {
		// "Two children and their mother were injured": a singular noun
		// phrase joined to a figure counts one.
		if j == aux || toks[j].low == "and" {
			if aside == 0 && !segFig && len(picked) > 0 && singularNP(toks, segStart, j) {
				extra++
			}
			segStart, segFig = j+1, false
			if j == aux {
				break
			}
		}
		if isFigureStart(figs, j) {
			segFig = true
		}
		switch toks[j].low {
		case "including", "among", "mostly":
			aside = 'i'
		case "addition":
			if j > 0 && toks[j-1].low == "in" {
				aside, asideFig, addStart = 'a', false, j+1
			}
		case ",", "(", ")":
			if aside == 'a' && !asideFig && singularNP(toks, addStart, j) {
				extra++
			}
			if toks[j].low == "," {
				aside = 0
			}
		}
		for fi, f := range figs {
			if f.startTok != j || used[fi] {
				continue
			}
			switch aside {
			case 'i':
			case 'a':
				asideFig = true
				if f.val.Min != nil {
					extra += *f.val.Min
				}
			default:
				// "two of the victims" is a part of a figure elsewhere,
				// when there is one.
				if f.endTok < aux && toks[f.endTok].low == "of" && len(picked) > 0 {
					continue
				}
				picked = append(picked, fi)
			}
		}
	}
	return picked, extra
}

// npBoundary ends a noun phrase in an object.
func npBoundary(w string) bool {
	switch w {
	case "in", "at", "on", "near", ",", ".", ";", ":", "and", "who", "while", "during", "with", "from",
		"after", "as", "before", "when", "outside", "inside", "along", "by", "for", "to", "into", "but":
		return true
	}
	return false
}

// pluralNoun reports a plural head noun: "soldiers", "people", "police".
func pluralNoun(t wtok) bool {
	switch t.low {
	case "people", "police", "men", "women", "children", "personnel", "militia", "staff", "family", "crew":
		return true
	}
	return !t.upper && strings.HasSuffix(t.low, "s") && !strings.HasSuffix(t.low, "ss") && !strings.HasSuffix(t.low, "us")
}

// conjuncts counts the "and"-joined parts of a subject without figures
// when each part ends in a name or a singular noun ("Kaker and his son");
// 0 when any part is plural or empty.
func conjuncts(toks []wtok, a, b int) int {
	n, last := 0, -1
	end := func() bool {
		if last < 0 || pluralNoun(toks[last]) {
			return false
		}
		n++
		last = -1
		return true
	}
	for j := a; j < b; j++ {
		switch {
		case toks[j].low == "and":
			if !end() {
				return 0
			}
		case toks[j].kind == 'w':
			last = j
		case toks[j].low == "," || toks[j].low == "'" || toks[j].low == "’":
		default:
			return 0
		}
	}
	if !end() || n > 4 {
		return 0
	}
	return n
}

// singularNP reports whether [a, b) is "the assailant", "a bomber",
// "the suicide bomber".
func singularNP(toks []wtok, a, b int) bool {
	if b-a < 1 || b-a > 4 {
		return false
	}
	switch toks[a].low {
	case "the", "a", "an", "one", "his", "her", "their", "its":
	case "to":
		return singularNP(toks, a+1, b)
	default:
		return false
	}
	return singularVictims[toks[b-1].low]
}

// singularStart returns where a singular subject before aux starts, for the
// evidence span.
func singularStart(toks []wtok, start, aux int) int {
	for j := aux - 1; j >= start; j-- {
		switch toks[j].low {
		case "the", "a", "an", "one":
			return j
		}
	}
	if aux-1 >= start {
		return aux - 1
	}
	return start
}

// objectFigures returns the figures after an active cue up to the end of
// its object: the next cue, a clause boundary or a preposition.
func objectFigures(toks []wtok, figs []figure, used []bool, from, next int) ([]int, float64, int) {
	var picked []int
	extra := 0.0
	hi := from - 1
	aside := false
	for j := from; j < next && j < len(toks); j++ {
		t := toks[j].low
		if t == "at" && isFigureStart(figs, j) {
			t = "" // "killing at least 14 soldiers": the hedge opens the figure
		}
		if t == "." || t == ";" || t == ":" || t == "in" || t == "at" || t == "on" || t == "near" || t == "during" ||
			t == "when" || t == "after" || t == "while" || t == "before" || t == "as" || t == "with" || t == "by" || t == "from" {
			break
		}
		if t == "including" || t == "among" {
			aside = true
		}
		if t == "," && j+1 < len(toks) && !aside {
			// ", a tribal leader, and his son": skip an appositive, go on
			// after ", and".
			if toks[j+1].low == "a" || toks[j+1].low == "an" {
				k := j + 1
				for k < next && k < len(toks) && toks[k].low != "," && toks[k].low != "." {
					k++
				}
				if k+1 < len(toks) && toks[k].low == "," && toks[k+1].low == "and" {
					j = k + 1
					continue
				}
				break
			}
			if toks[j+1].low != "including" && toks[j+1].low != "and" {
				break
			}
		}
		if t == "," {
			aside = false
		}
		if t == "himself" || t == "herself" || (t == "him" || t == "her") && j == from {
			extra++
			hi = j
			continue
		}
		matched := false
		for fi, f := range figs {
			if f.startTok == j && !used[fi] {
				if thingNouns[f.val.Unit] {
					// "captured at least 14 villages": no one was taken
					return picked, extra, hi
				}
				matched = true
				if !aside {
					picked = append(picked, fi)
					hi = f.endTok - 1
				}
				j = f.endTok - 1
				// "19 members of the Sinaloa cartel": the "of" phrase
				// qualifies the figure's people; it counts no one more.
				if j+1 < len(toks) && toks[j+1].low == "of" {
					for j+2 < min(next, len(toks)) && toks[j+2].kind == 'w' && !npBoundary(toks[j+2].low) && !isFigureStart(figs, j+2) {
						j++
					}
					j++
				}
				break
			}
		}
		if matched {
			continue
		}
		if (t == "a" || t == "an" || t == "the" || t == "his" || t == "her" || t == "another") && !aside {
			// "killing a civilian", "killed a National Directorate of
			// Security (NDS) officer", "killing the driver": a singular
			// noun phrase is one.
			k := j + 1
			last := -1
			hasFig := false
			ofSeen := false // the head comes before "of": "the town of Laukkaing" is a town
			for k < min(j+12, next, len(toks)) && !npBoundary(toks[k].low) {
				ofSeen = ofSeen || toks[k].low == "of"
				if toks[k].kind == 'w' && !ofSeen {
					last = k
				}
				hasFig = hasFig || isFigureStart(figs, k)
				k++
			}
			if hasFig {
				// "killed the four assailants": the figure counts
				continue
			}
			if last >= 0 && !pluralNoun(toks[last]) && !thingNouns[toks[last].low] {
				extra++
				hi = last
			}
			j = k - 1
			continue
		}
		if !aside && singularVictims[t] && j > from && toks[j-1].low == "and" {
			// "killed a police officer and civilian"
			extra++
			hi = j
			continue
		}
		if !aside && j == from && toks[j].kind == 'w' {
			// "killed Baryalay Tokhi", "killed traditional leader Prince
			// Andries": a named person is one.
			k, named := j, false
			for k < min(j+8, next, len(toks)) && !npBoundary(toks[k].low) && toks[k].kind == 'w' {
				named = named || toks[k].upper
				k++
			}
			if named {
				extra++
				hi = k - 1
				j = k - 1
				continue
			}
		}
		if len(picked) == 0 && extra == 0 && toks[j].kind == 'w' && !toks[j].upper {
			// "killed the driver" etc. are not counted; stop at the first
			// other word before any figure only if it is a verb-like word.
			if strings.HasSuffix(t, "ed") || strings.HasSuffix(t, "ing") {
				break
			}
		}
	}
	return picked, extra, hi
}

// livesOf reports "lives of" after a verb that takes them: "cost the
// lives of 40 villagers", "claimed the lives of".
func livesOf(toks []wtok, k int) bool {
	if toks[k].low != "lives" || k < 2 || k+1 >= len(toks) || toks[k+1].low != "of" || toks[k-1].low != "the" {
		return false
	}
	switch toks[k-2].low {
	case "cost", "costs", "costing", "claimed", "claiming", "took", "taken", "taking":
		return true
	}
	return false
}

// motiveWords name what an act answers: the dead they name ("to avenge
// the killing of their leader", "in retaliation for the deaths of two
// soldiers") are an earlier event's, not the act's.
var motiveWords = map[string]bool{"avenge": true, "avenging": true, "revenge": true, "retaliation": true, "retaliating": true, "reprisal": true}

// motiveBefore reports a motive word within the four words before
// toks[k].
func motiveBefore(toks []wtok, k int) bool {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if motiveWords[toks[j].low] {
			return true
		}
	}
	return false
}

// conditionBefore reports whether toks[k] is in a clause of condition
// ("if he is killed", "unless they are wounded"): "if" or "unless" within
// the four words before it, with no punctuation between. An "if" that
// asks whether ("it was not clear if the victim was killed") is none.
func conditionBefore(toks []wtok, k int) bool {
	for j := k - 1; j >= 0 && j >= k-4 && toks[j].kind == 'w'; j-- {
		if toks[j].low == "unless" || toks[j].low == "if" && (j == 0 || !whetherWords[toks[j-1].low]) {
			return true
		}
	}
	return false
}

// whetherWords before "if" make it ask whether: "not clear if", "asked if".
var whetherWords = map[string]bool{
	"clear": true, "unclear": true, "known": true, "unknown": true, "know": true, "knew": true,
	"ask": true, "asked": true, "asking": true, "see": true, "determine": true, "confirm": true,
	"confirmed": true, "say": true, "said": true, "tell": true, "check": true, "wonder": true,
}
