package extract

// Number-range normalisation (DESIGN §2): a figure keeps its hedge as a
// range, so that "more than 70" and "up to 4,000" can be compared and
// contradictions found without averaging anything away.
//
// The rules, in one place:
//
//	two, 2, twenty-three, 1.5 million        exact: [n, n]
//	more than / over / upwards of / in excess of n     [n+1, ∞) (n+ε for fractions)
//	at least / no fewer than / no less than / a minimum of n   [n, ∞)
//	n+ / n or more / n-plus / n plus          [n, ∞)
//	up to / as many as / at most / no more than / a maximum of n   [?, n]
//	fewer than / less than / under / below n  [?, n-1]
//	about / around / some / approximately / roughly / an estimated / estimated /
//	  circa / nearly n's twin "n or so"       [floor(0.9n), ceil(1.1n)]
//	nearly / almost / close to / just under n [floor(0.9n), n]
//	between n and m / n-m / n–m / n to m / n or m   [n, m]
//	a dozen [12, 12]; dozens [24, 99]; scores [40, 99]; a handful [3, 6];
//	a few [2, 9] (so "a few hundred" is [200, 900]); several [3, 9];
//	a couple (of) [2, 2]; multiple [2, ∞); hundreds [200, 999]; thousands [2000, 9999];
//	tens of thousands [20000, 99999]; hundreds of thousands [200000, 999999];
//	millions [2e6, 9.99…e6]
//	no one / nobody / none / no <counted noun>   [0, 0]
//	both <counted noun> [2, 2]
//
// A vague quantity multiplies through a scale word: "several hundred" is
// [300, 900], "a few thousand" [2000, 9000]. Digits glued to letters ("M23",
// "9mm", "1st"), to a slash or a colon (dates, times) or followed by "%" are
// not figures.

import (
	"math"
	"strconv"
	"strings"

	"github.com/muster-osint/muster"
)

// NumberMatch is a figure found in a text: its byte span (the hedge and the
// number, without the counted noun) and its range.
type NumberMatch struct {
	Span  muster.Span
	Value muster.Value
}

// ParseNumber reads s as one hedged figure, optionally followed by its
// counted noun ("more than 70 troops"), and returns it as a number range.
// It reports false when s is not exactly one figure.
func ParseNumber(s string) (muster.Value, bool) {
	toks := lexWords(s)
	if len(toks) == 0 {
		return muster.Value{}, false
	}
	q, ok := matchQuantity(s, toks, 0)
	if !ok || q.endTok != len(toks) {
		return muster.Value{}, false
	}
	v := q.value(s)
	return v, true
}

// FindNumbers returns every figure in text, in order and without overlaps.
func FindNumbers(text string) []NumberMatch {
	toks := lexWords(text)
	var out []NumberMatch
	for i := 0; i < len(toks); {
		q, ok := matchQuantity(text, toks, i)
		if !ok {
			i++
			continue
		}
		out = append(out, NumberMatch{Span: muster.Span{Start: q.start, End: q.end}, Value: q.value(text)})
		i = q.endTok
	}
	return out
}

// wtok is a word, a number or one punctuation mark of a text, by byte span.
type wtok struct {
	start, end int
	low        string // lower-cased text
	kind       byte   // 'w' word, 'd' digits, 'p' punctuation
	upper      bool   // starts with an upper-case ASCII letter
}

// lexWords splits text into words (letters, apostrophes), digit runs (with
// "," and "." between digits) and single punctuation marks. It is the one
// lexer of number.go and date.go, kept local so the parsers stay pure.
func lexWords(text string) []wtok {
	toks := make([]wtok, 0, len(text)/5+1)
	// One lower-casing for an ASCII text, whose words are then slices of
	// it; outside ASCII lower-casing may move byte offsets, so each word
	// is lower-cased on its own.
	ascii := true
	for k := 0; k < len(text); k++ {
		if text[k] >= 0x80 {
			ascii = false
			break
		}
	}
	lower := ""
	if ascii {
		lower = strings.ToLower(text)
	}
	i := 0
	for i < len(text) {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case isDigit(c):
			j := i + 1
			for j < len(text) {
				if isDigit(text[j]) {
					j++
					continue
				}
				if (text[j] == ',' || text[j] == '.') && j+1 < len(text) && isDigit(text[j+1]) {
					j += 2
					continue
				}
				break
			}
			toks = append(toks, wtok{i, j, text[i:j], 'd', false})
			i = j
		case isLetterByte(text, i):
			j := i
			for j < len(text) {
				if isLetterByte(text, j) {
					j += runeLen(text, j)
					continue
				}
				if text[j] == '\'' && j+1 < len(text) && isLetterByte(text, j+1) {
					j++
					continue
				}
				// a curly apostrophe inside a word: "People’s"
				if strings.HasPrefix(text[j:], "’") && j+3 < len(text) && isLetterByte(text, j+3) {
					j += 3
					continue
				}
				break
			}
			low := ""
			if ascii {
				low = lower[i:j]
			} else {
				low = strings.ToLower(text[i:j])
			}
			toks = append(toks, wtok{i, j, low, 'w', 'A' <= c && c <= 'Z'})
			i = j
		default:
			n := runeLen(text, i)
			toks = append(toks, wtok{i, i + n, text[i : i+n], 'p', false})
			i += n
		}
	}
	return toks
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func runeLen(s string, i int) int {
	c := s[i]
	switch {
	case c < 0x80:
		return 1
	case c>>5 == 0x6:
		return min(2, len(s)-i)
	case c>>4 == 0xe:
		return min(3, len(s)-i)
	case c>>3 == 0x1e:
		return min(4, len(s)-i)
	}
	return 1
}

// isLetterByte reports whether the character at s[i] is a letter. Non-ASCII
// characters count as letters except a few dashes and quotes, which is
// enough for the English news muster reads.
func isLetterByte(s string, i int) bool {
	c := s[i]
	if c < 0x80 {
		return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	n := runeLen(s, i)
	switch s[i : i+n] {
	case "–", "—", "‘", "’", "“", "”", "−", "\u00a0", "…", "•", "·", "«", "»":
		return false
	}
	return c >= 0xc0
}

// quantity is a figure being matched.
type quantity struct {
	start, end int // bytes: hedge and number
	endTok     int // token after the figure and its counted noun, if any
	lo, hi     float64
	unit       string
}

func (q quantity) value(text string) muster.Value {
	return muster.NumberValue(text[q.start:q.end], q.lo, q.hi, q.unit)
}

var nan = math.NaN()

// hedge is a word sequence before a figure and how it bends the range.
type hedge struct {
	words []string
	kind  byte // '>' more than, '≥' at least, '≤' up to, '<' fewer than, '~' about, '-' nearly
}

var hedges = []hedge{
	{[]string{"more", "than"}, '>'}, {[]string{"over"}, '>'}, {[]string{"upwards", "of"}, '>'},
	{[]string{"in", "excess", "of"}, '>'}, {[]string{"greater", "than"}, '>'},
	{[]string{"at", "least"}, 'g'}, {[]string{"no", "fewer", "than"}, 'g'}, {[]string{"no", "less", "than"}, 'g'},
	{[]string{"a", "minimum", "of"}, 'g'}, {[]string{"not", "less", "than"}, 'g'},
	{[]string{"up", "to"}, 'l'}, {[]string{"as", "many", "as"}, 'l'}, {[]string{"at", "most"}, 'l'},
	{[]string{"no", "more", "than"}, 'l'}, {[]string{"a", "maximum", "of"}, 'l'}, {[]string{"not", "more", "than"}, 'l'},
	{[]string{"fewer", "than"}, '<'}, {[]string{"less", "than"}, '<'}, {[]string{"under"}, '<'}, {[]string{"below"}, '<'},
	{[]string{"about"}, '~'}, {[]string{"around"}, '~'}, {[]string{"some"}, '~'}, {[]string{"approximately"}, '~'},
	{[]string{"approx"}, '~'}, {[]string{"roughly"}, '~'}, {[]string{"an", "estimated"}, '~'},
	{[]string{"estimated"}, '~'}, {[]string{"circa"}, '~'}, {[]string{"an", "approximate"}, '~'},
	{[]string{"nearly"}, '-'}, {[]string{"almost"}, '-'}, {[]string{"close", "to"}, '-'}, {[]string{"just", "under"}, '-'},
}

// matchQuantity matches a figure starting at token i.
func matchQuantity(text string, toks []wtok, i int) (quantity, bool) {
	if i >= len(toks) {
		return quantity{}, false
	}
	// Zero: "no one", "nobody", "none", "no <counted noun>".
	switch toks[i].low {
	case "nobody", "none":
		return quantity{start: toks[i].start, end: toks[i].end, endTok: i + 1, lo: 0, hi: 0}, true
	case "no":
		if i+1 < len(toks) && toks[i+1].low == "one" {
			return quantity{start: toks[i].start, end: toks[i+1].end, endTok: i + 2, lo: 0, hi: 0}, true
		}
		if u, end, ok := countedNoun(toks, i+1, false); ok {
			return quantity{start: toks[i].start, end: toks[i].end, endTok: end, lo: 0, hi: 0, unit: u}, true
		}
		return quantity{}, false
	}
	// "between n and m"
	if toks[i].low == "between" {
		a, ok := matchCore(text, toks, i+1)
		if ok && a.endTok < len(toks) && toks[a.endTok].low == "and" {
			if b, ok := matchCore(text, toks, a.endTok+1); ok && a.lo <= b.hi {
				q := quantity{start: toks[i].start, end: b.end, endTok: b.endTok, lo: a.lo, hi: b.hi}
				return withUnit(toks, q), true
			}
		}
		return quantity{}, false
	}
	var h *hedge
	j := i
	for k := range hedges {
		if hasWords(toks, i, hedges[k].words) {
			h = &hedges[k]
			j = i + len(h.words)
			break
		}
	}
	c, ok := matchCore(text, toks, j)
	if !ok {
		return quantity{}, false
	}
	q := quantity{start: toks[i].start, end: c.end, endTok: c.endTok, lo: c.lo, hi: c.hi}
	// Ranges: "10-15", "two to three", "two or three".
	if c.exact() && q.endTok < len(toks) {
		sep := toks[q.endTok]
		dash := sep.low == "-" || sep.low == "–" || sep.low == "—"
		if dash || sep.low == "to" || (sep.low == "or" && !hasWords(toks, q.endTok+1, []string{"more"})) {
			if b, ok := matchCore(text, toks, q.endTok+1); ok && b.exact() && c.lo < b.lo && (!dash || b.start-sep.end <= 1) {
				q.end, q.endTok, q.hi = b.end, b.endTok, b.hi
			}
		}
	}
	// Suffixes: "70+", "70 or more", "70-plus", "70 or so".
	if q.endTok < len(toks) {
		t := toks[q.endTok]
		switch {
		case t.low == "+" && t.start == q.end:
			q.end, q.endTok, q.hi = t.end, q.endTok+1, nan
		case hasWords(toks, q.endTok, []string{"or", "more"}):
			q.end, q.endTok, q.hi = toks[q.endTok+1].end, q.endTok+2, nan
		case hasWords(toks, q.endTok, []string{"-", "plus"}) && t.start == q.end:
			q.end, q.endTok, q.hi = toks[q.endTok+1].end, q.endTok+2, nan
		case hasWords(toks, q.endTok, []string{"or", "so"}):
			q.end, q.endTok = toks[q.endTok+1].end, q.endTok+2
			q.lo, q.hi = about(q.lo, q.hi)
		}
	}
	if h != nil {
		switch h.kind {
		case '>':
			q.lo, q.hi = above(q.hi), nan
		case 'g':
			q.hi = nan
		case 'l':
			q.lo = nan
		case '<':
			q.lo, q.hi = nan, below(q.lo)
		case '~':
			q.lo, q.hi = about(q.lo, q.hi)
		case '-':
			q.lo, _ = about(q.lo, q.hi)
		}
	}
	return withUnit(toks, q), true
}

func above(n float64) float64 {
	if n == math.Trunc(n) {
		return n + 1
	}
	return math.Nextafter(n, math.Inf(1))
}

func below(n float64) float64 {
	if n == math.Trunc(n) {
		return n - 1
	}
	return math.Nextafter(n, math.Inf(-1))
}

// about widens [lo, hi] by 10% each way, to whole numbers.
func about(lo, hi float64) (float64, float64) {
	if math.IsNaN(lo) || math.IsNaN(hi) {
		return lo, hi
	}
	return math.Floor(lo * 0.9), math.Ceil(hi * 1.1)
}

func withUnit(toks []wtok, q quantity) quantity {
	if u, end, ok := countedNoun(toks, q.endTok, true); ok {
		q.unit, q.endTok = u, end
	}
	return q
}

func hasWords(toks []wtok, i int, words []string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if toks[i+k].low != w {
			return false
		}
	}
	return true
}

// core is a bare figure: digits or number words, a vague quantity, and an
// optional scale word.
type core struct {
	start, end int
	endTok     int
	lo, hi     float64
}

func (c core) exact() bool { return c.lo == c.hi }

var smallNumbers = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

var scales = map[string]float64{
	"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9,
	"mln": 1e6, "bn": 1e9, "dozen": 12,
}

// vague quantities: plural scale words and vague counts.
var vague = map[string][2]float64{
	"dozens": {24, 99}, "scores": {40, 99}, "hundreds": {200, 999}, "thousands": {2000, 9999},
	"millions": {2e6, 9999999}, "several": {3, 9}, "numerous": {3, 99},
	"multiple": {2, math.NaN()},
}

func matchCore(text string, toks []wtok, i int) (core, bool) {
	if i >= len(toks) {
		return core{}, false
	}
	t := toks[i]
	var c core
	switch {
	case t.kind == 'd':
		if !standaloneDigits(text, t) {
			return core{}, false
		}
		n, err := strconv.ParseFloat(strings.ReplaceAll(t.low, ",", ""), 64)
		if err != nil || strings.Contains(t.low, ",") && !groupedThousands(t.low) {
			return core{}, false
		}
		c = core{start: t.start, end: t.end, endTok: i + 1, lo: n, hi: n}
		c = scaleCore(toks, c)
	case t.low == "both" && i+1 < len(toks) && countedNouns[toks[i+1].low]:
		// "both assailants"
		return core{start: t.start, end: t.end, endTok: i + 1, lo: 2, hi: 2}, true
	case t.low == "tens" && hasWords(toks, i+1, []string{"of", "thousands"}):
		return core{start: t.start, end: toks[i+2].end, endTok: i + 3, lo: 20000, hi: 99999}, true
	case t.low == "hundreds" && hasWords(toks, i+1, []string{"of", "thousands"}):
		return core{start: t.start, end: toks[i+2].end, endTok: i + 3, lo: 200000, hi: 999999}, true
	case t.low == "a" || t.low == "an":
		switch {
		case hasWords(toks, i+1, []string{"dozen"}):
			c = core{start: t.start, end: toks[i+1].end, endTok: i + 2, lo: 12, hi: 12}
		case hasWords(toks, i+1, []string{"few"}):
			c = core{start: t.start, end: toks[i+1].end, endTok: i + 2, lo: 2, hi: 9}
			c = scaleCore(toks, c)
		case hasWords(toks, i+1, []string{"handful"}):
			c = core{start: t.start, end: toks[i+1].end, endTok: i + 2, lo: 3, hi: 6}
		case hasWords(toks, i+1, []string{"couple"}):
			c = core{start: t.start, end: toks[i+1].end, endTok: i + 2, lo: 2, hi: 2}
			c = scaleCore(toks, c)
		case i+1 < len(toks) && scales[toks[i+1].low] >= 100 && toks[i+1].low != "mln" && toks[i+1].low != "bn":
			c = core{start: t.start, end: t.end, endTok: i + 1, lo: 1, hi: 1}
			c = scaleCore(toks, c)
		default:
			return core{}, false
		}
	default:
		if r, ok := vague[t.low]; ok {
			c = core{start: t.start, end: t.end, endTok: i + 1, lo: r[0], hi: r[1]}
			if t.low == "several" {
				c = scaleCore(toks, c)
			}
			break
		}
		n, end, ok := wordNumber(toks, i)
		if !ok {
			return core{}, false
		}
		c = core{start: t.start, end: toks[end-1].end, endTok: end, lo: n, hi: n}
		c = scaleCore(toks, c)
	}
	return c, true
}

// groupedThousands reports whether a digit run with commas groups by three
// ("4,000", not "4,00").
func groupedThousands(s string) bool {
	parts := strings.Split(strings.SplitN(s, ".", 2)[0], ",")
	for k, p := range parts {
		if k > 0 && len(p) != 3 || k == 0 && (len(p) == 0 || len(p) > 3) {
			return false
		}
	}
	return true
}

// standaloneDigits reports whether a digit run stands alone as a figure: not
// glued to letters ("M23", "9mm", "1st"), slashes, colons or "%" and not a
// money amount.
func standaloneDigits(text string, t wtok) bool {
	if t.start > 0 {
		p := text[t.start-1]
		if p == '/' || p == ':' || p == '$' || p == '#' || p == '.' || p == '£' || p == '-' && t.start > 1 && isLetterByte(text, t.start-2) || isLetterByte(text, t.start-1) && p < 0x80 {
			return false
		}
		if p >= 0x80 && t.start >= 3 && text[t.start-3:t.start] == "€" {
			return false
		}
	}
	if t.end < len(text) {
		n := text[t.end]
		if n == '/' || n == '%' || n == ':' && t.end+1 < len(text) && isDigit(text[t.end+1]) || isLetterByte(text, t.end) && n < 0x80 {
			return false
		}
	}
	return true
}

// scaleCore multiplies by a following scale word: "1.5 million",
// "several hundred", "two thousand".
func scaleCore(toks []wtok, c core) core {
	for c.endTok < len(toks) {
		m, ok := scales[toks[c.endTok].low]
		if !ok {
			break
		}
		if m > 1 && c.hi >= m { // "1,000 thousand" is not how figures are written
			break
		}
		c.lo *= m
		c.hi *= m
		c.end = toks[c.endTok].end
		c.endTok++
	}
	return c
}

// wordNumber reads number words ("twenty-three", "one hundred and five",
// "three thousand") from token i and returns the value and the token after.
func wordNumber(toks []wtok, i int) (float64, int, bool) {
	total, cur := 0.0, 0.0
	j := i
	seen := false
	lastSmall := false
	for j < len(toks) {
		w := toks[j].low
		if n, ok := smallNumbers[w]; ok {
			if lastSmall {
				// "twenty-three" is fine; "three two" is two numbers.
				if !(cur >= 20 && int(cur)%10 == 0 && n < 10 && n > 0) {
					break
				}
			}
			cur += n
			seen, lastSmall = true, true
			j++
			// hyphen inside "twenty-three"
			if j+1 < len(toks) && toks[j].low == "-" && toks[j].start == toks[j-1].end && toks[j+1].start == toks[j].end {
				if n2, ok := smallNumbers[toks[j+1].low]; ok && n >= 20 && n2 < 10 && n2 > 0 {
					cur += n2
					j += 2
				}
			}
			continue
		}
		if !seen {
			return 0, 0, false
		}
		if w == "hundred" {
			if cur == 0 {
				cur = 1
			}
			cur *= 100
			lastSmall = false
			j++
			if hasWords(toks, j, []string{"and"}) && j+1 < len(toks) {
				if _, ok := smallNumbers[toks[j+1].low]; ok {
					j++
				}
			}
			continue
		}
		if w == "thousand" || w == "million" || w == "billion" {
			if cur == 0 {
				break
			}
			total += cur * scales[w]
			cur = 0
			lastSmall = false
			j++
			if hasWords(toks, j, []string{"and"}) && j+1 < len(toks) {
				if _, ok := smallNumbers[toks[j+1].low]; ok {
					j++
				}
			}
			continue
		}
		break
	}
	if !seen {
		return 0, 0, false
	}
	// Drop a trailing "and" we may have stepped over.
	for j > i && toks[j-1].low == "and" {
		j--
	}
	return total + cur, j, true
}

// countedNouns are the nouns a conflict figure counts.
var countedNouns = map[string]bool{
	"people": true, "persons": true, "person": true, "civilians": true, "civilian": true,
	"soldiers": true, "soldier": true, "troops": true, "fighters": true, "fighter": true,
	"militants": true, "militant": true, "police": true, "policemen": true, "policeman": true,
	"officers": true, "officer": true, "members": true, "member": true, "children": true, "child": true,
	"women": true, "woman": true, "men": true, "man": true, "students": true, "student": true,
	"workers": true, "worker": true, "attackers": true, "attacker": true, "assailants": true,
	"assailant": true, "insurgents": true, "insurgent": true, "rebels": true, "rebel": true,
	"terrorists": true, "terrorist": true, "gunmen": true, "gunman": true, "individuals": true,
	"individual": true, "villagers": true, "villager": true, "residents": true, "resident": true,
	"personnel": true, "servicemen": true, "serviceman": true, "combatants": true, "casualties": true,
	"victims": true, "victim": true, "hostages": true, "hostage": true, "bodies": true,
	"passengers": true, "passenger": true, "guards": true, "guard": true, "employees": true,
	"employee": true, "farmers": true, "farmer": true, "teachers": true, "teacher": true,
	"boys": true, "boy": true, "girls": true, "girl": true, "pilgrims": true, "worshippers": true,
	"protesters": true, "protestors": true, "demonstrators": true, "miners": true, "others": true,
	"deaths": true, "fatalities": true, "injuries": true, "dead": true, "wounded": true,
	"injured": true, "suspects": true, "suspect": true, "prisoners": true, "detainees": true,
	"volunteers": true, "mercenaries": true, "servicemembers": true, "recruits": true,
	"commanders": true, "commander": true, "leaders": true, "leader": true, "journalists": true,
	"journalist": true, "doctors": true, "nurses": true, "pupils": true, "traders": true,
	"herders": true, "shepherds": true, "fishermen": true, "drivers": true, "driver": true,
	"tanks": true, "drones": true, "missiles": true, "rockets": true, "shells": true,
	"vehicles": true, "aircraft": true, "helicopters": true, "jets": true,
	"policewomen": true, "cops": true, "gendarmes": true, "rangers": true, "militiamen": true,
	"militia": true, "jihadists": true, "extremists": true, "separatists": true,
}

// casualtyWord reports the counted nouns that are casualty words: "two
// civilians dead" counts civilians.
func casualtyWord(w string) bool {
	switch w {
	case "dead", "wounded", "injured", "deaths", "fatalities", "injuries", "casualties":
		return true
	}
	return false
}

// modifiers may stand between a figure and its noun: "two security force
// members", "70 Ukrainian soldiers".
var nounModifiers = map[string]bool{
	"security": true, "force": true, "forces": true, "police": true, "army": true, "military": true,
	"government": true, "armed": true, "unarmed": true, "suspected": true, "alleged": true,
	"other": true, "more": true, "local": true, "foreign": true, "innocent": true, "young": true,
	"pro": true, "anti": true, "government-allied": true, "tribal": true, "border": true, "paramilitary": true,
	"militia": true, "rebel": true, "enemy": true, "opposition": true, "village": true, "school": true,
	"of": true, "the": true, "their": true, "its": true, "his": true, "her": true,
}

// countedNoun finds the noun a figure counts, directly after it or after
// up to two modifiers ("two security force members"). With any, a plural
// lower-case word directly after also counts.
func countedNoun(toks []wtok, i int, any bool) (string, int, bool) {
	for k := 0; k < 3 && i+k < len(toks); k++ {
		t := toks[i+k]
		if t.kind != 'w' {
			// "pro-government militia": a hyphen inside a modifier.
			if t.low == "-" && k > 0 {
				continue
			}
			return "", 0, false
		}
		if countedNouns[t.low] {
			// "police officers": the longer head wins.
			if nx := i + k + 1; nx < len(toks) && countedNouns[toks[nx].low] && toks[nx].kind == 'w' && !casualtyWord(toks[nx].low) && !casualtyWord(t.low) {
				continue
			}
			return t.low, i + k + 1, true
		}
		if k == 0 && any && len(t.low) > 3 && strings.HasSuffix(t.low, "s") && !strings.HasSuffix(t.low, "ss") && !notNouns[t.low] && isLowerWord(t) {
			return t.low, i + 1, true
		}
		if !(nounModifiers[t.low] || k < 2 && isDemonym(t)) {
			return "", 0, false
		}
	}
	return "", 0, false
}

// notNouns are plural-looking words after a figure that are not its noun.
var notNouns = map[string]bool{
	"was": true, "has": true, "is": true, "this": true, "thus": true, "across": true,
	"plus": true, "yes": true, "whereas": true, "previous": true, "various": true,
	"serious": true, "always": true, "towards": true, "afterwards": true, "besides": true,
	"perhaps": true, "unless": true, "less": true, "makes": true, "takes": true, "gives": true,
	"goes": true, "does": true, "says": true, "seems": true, "remains": true,
	"hours": true, "days": true, "weeks": true, "months": true, "minutes": true, "seconds": true,
	"kilometres": true, "kilometers": true, "miles": true, "metres": true, "meters": true,
	"percent": true, "times": true, "degrees": true,
}

func isLowerWord(t wtok) bool { return t.kind == 'w' && !t.upper }

// isDemonym reports a capitalised word that may qualify the counted noun
// ("70 Ukrainian soldiers", "two Afghan National Army soldiers").
func isDemonym(t wtok) bool {
	return t.upper && len(t.low) > 3 && (strings.HasSuffix(t.low, "an") || strings.HasSuffix(t.low, "ese") ||
		strings.HasSuffix(t.low, "ish") || strings.HasSuffix(t.low, "i"))
}
