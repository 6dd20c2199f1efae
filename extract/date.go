package extract

// Date normalisation (DESIGN §2): a date in the text becomes an inclusive
// interval of ISO dates with the precision the words give, resolved against
// the document's publication time. The rules:
//
//	22 May 2023, May 22, 2023, 22nd May, 2023-05-22      day
//	01/02/2021       month first (GTD summaries open "MM/DD/YYYY:"), unless
//	                 the first number is over 12; 22.05.2023 is day first;
//	                 a 00 day (GTD's "unknown") gives the month
//	March 2022, in March 2022, early/mid/late March 2022   month (the whole month)
//	in March, last March   the most recent March on or before publication
//	                 ("last": strictly before the publication month)
//	2019, in 2019    year (a bare year needs a preposition before it in running text)
//	since 2014       the start year as the value: 2014-01-01..2014-12-31, year;
//	                 Text keeps "since" so readers see it is a start
//	the 1990s        1990-01-01..1999-12-31, year
//	spring 2023      season: spring Mar–May, summer Jun–Aug, autumn/fall Sep–Nov,
//	                 winter YYYY Dec YYYY–Feb YYYY+1; "last spring", "this summer"
//	on Tuesday, Tuesday   the most recent Tuesday on or before publication (the
//	                 same day if published on a Tuesday); "last Tuesday" strictly before
//	today, this morning   publication day; yesterday, last night the day before
//	this week        Monday of the publication week to publication day, day
//	last week        the Monday–Sunday week before, day
//	this month, earlier this month   the publication month, month
//	last month       the month before, month
//	this year, earlier this year, last year   year
//	three days ago, two weeks ago, a month ago, five years ago   day/day/month/year
//
// The prepositions in, on, during, by, of, from, until are not part of the
// span; since, last, this, earlier, early, mid, late are. Relative dates need
// a publication time: with a zero time they are not resolved.

import (
	"strconv"
	"strings"
	"time"

	"github.com/muster-osint/muster"
)

// DateMatch is a date found in a text: its byte span and its interval.
type DateMatch struct {
	Span  muster.Span
	Value muster.Value
	// Said marks the day a source spoke rather than the day of what it
	// told (extract's speechLast); its Value is cut to the month, and
	// Spoke keeps the day it named.
	Said  bool
	Spoke string
}

// ResolveDate reads expr as one date expression ("in March 2022", "last
// year", "on Tuesday") and resolves it against published. It reports false
// when expr is not exactly one date or needs a publication time it lacks.
func ResolveDate(expr string, published time.Time) (muster.Value, bool) {
	toks := lexWords(expr)
	i := 0
	for i < len(toks) && datePrepositions[toks[i].low] {
		i++
	}
	end := len(toks)
	for end > i && (toks[end-1].low == "." || toks[end-1].low == ",") {
		end--
	}
	m, ok := matchDate(expr, toks[:end], i, published, true)
	if !ok || m.endTok != end {
		return muster.Value{}, false
	}
	return m.value(strings.TrimSpace(expr)), true
}

// FindDates returns every date in text resolved against published, in order
// and without overlaps.
func FindDates(text string, published time.Time) []DateMatch {
	toks := lexWords(text)
	var out []DateMatch
	for i := 0; i < len(toks); {
		m, ok := matchDate(text, toks, i, published, false)
		if !ok {
			i++
			continue
		}
		sp := muster.Span{Start: toks[i].start, End: toks[m.endTok-1].end}
		out = append(out, DateMatch{Span: sp, Value: m.value(text[sp.Start:sp.End])})
		i = m.endTok
	}
	return out
}

var datePrepositions = map[string]bool{"in": true, "on": true, "during": true, "by": true, "of": true, "from": true, "until": true, "till": true, "at": true}

// dateTriggers may stand before a bare month or year in running text.
var dateTriggers = map[string]bool{"in": true, "since": true, "during": true, "by": true, "until": true, "till": true, "of": true, "from": true, "early": true, "mid": true, "late": true, "before": true, "after": true, "throughout": true, "between": true, "and": true}

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

var seasons = map[string]time.Month{"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

// dmatch is a date being matched: token range and interval.
type dmatch struct {
	endTok   int
	from, to time.Time
	prec     muster.Precision
}

func (m dmatch) value(words string) muster.Value {
	return muster.Value{Kind: muster.ValueDate, Text: words, From: m.from.Format(time.DateOnly), To: m.to.Format(time.DateOnly), Precision: m.prec}
}

func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func monthSpan(y int, mo time.Month) (time.Time, time.Time) {
	from := time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(0, 1, -1)
}

func yearSpan(y int) (time.Time, time.Time) {
	return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
}

func seasonSpan(y int, start time.Month) (time.Time, time.Time) {
	from := time.Date(y, start, 1, 0, 0, 0, 0, time.UTC)
	return from, from.AddDate(0, 3, -1)
}

// validDay builds a date and reports whether it exists.
func validDay(y int, mo time.Month, d int) (time.Time, bool) {
	if y < 1 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, mo, d, 0, 0, 0, 0, time.UTC)
	return t, t.Month() == mo && t.Day() == d
}

// yearTok reads a four-digit year token.
func yearTok(text string, toks []wtok, i int) (int, bool) {
	if i >= len(toks) || toks[i].kind != 'd' || len(toks[i].low) != 4 {
		return 0, false
	}
	if toks[i].end < len(text) && isLetterByte(text, toks[i].end) && text[toks[i].end] != 's' {
		return 0, false
	}
	y, err := strconv.Atoi(toks[i].low)
	if err != nil || y < 1000 || y > 2199 {
		return 0, false
	}
	return y, true
}

// pluralAfterYear reports whether toks[i] is a lower-case plural word that a
// number before it would count ("1000 Ukrainians", "2000 troops").
func pluralAfterYear(toks []wtok, i int) bool {
	if i >= len(toks) || toks[i].kind != 'w' || len(toks[i].low) < 3 {
		return false
	}
	w := toks[i].low
	return strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && w != "was" && w != "has" && w != "is" && w != "as" && w != "its" && w != "this"
}

// dayTok reads a day of the month, with an optional glued ordinal suffix
// ("22nd"); it returns the token after.
func dayTok(text string, toks []wtok, i int) (int, int, bool) {
	if i >= len(toks) || toks[i].kind != 'd' || len(toks[i].low) > 2 {
		return 0, 0, false
	}
	d, err := strconv.Atoi(toks[i].low)
	if err != nil || d < 1 || d > 31 {
		return 0, 0, false
	}
	j := i + 1
	if j < len(toks) && toks[j].start == toks[i].end {
		switch toks[j].low {
		case "st", "nd", "rd", "th":
			j++
		default:
			if toks[j].kind == 'w' {
				return 0, 0, false
			}
		}
	}
	return d, j, true
}

// monthTok reads a month name; abbreviations may carry a glued period.
func monthTok(toks []wtok, i int) (time.Month, int, bool) {
	if i >= len(toks) || toks[i].kind != 'w' || !toks[i].upper {
		return 0, 0, false
	}
	mo, ok := monthNames[toks[i].low]
	if !ok {
		return 0, 0, false
	}
	j := i + 1
	if len(toks[i].low) <= 4 && toks[i].low != "may" && toks[i].low != "june" && toks[i].low != "july" {
		if j < len(toks) && toks[j].low == "." && toks[j].start == toks[i].end {
			j++
		}
	}
	return mo, j, true
}

// matchDate matches a date expression starting at token i. whole says the
// caller holds just the expression, so a bare month or year needs no
// preposition before it.
func matchDate(text string, toks []wtok, i int, pub time.Time, whole bool) (dmatch, bool) {
	if i >= len(toks) {
		return dmatch{}, false
	}
	t := toks[i]
	trig := whole || i > 0 && dateTriggers[toks[i-1].low]
	hasPub := !pub.IsZero()
	p := day(pub)
	switch t.low {
	case "since":
		if i+1 < len(toks) && toks[i+1].kind != 'p' && toks[i+1].low != "since" {
			if m, ok := matchDate(text, toks, i+1, pub, true); ok {
				return m, true
			}
		}
		return dmatch{}, false
	case "early", "mid", "late":
		j := i + 1
		if j < len(toks) && toks[j].low == "-" && t.low == "mid" {
			j++
		}
		if mo, k, ok := monthTok(toks, j); ok {
			if y, ok := yearTok(text, toks, k); ok {
				f, to := monthSpan(y, mo)
				return dmatch{endTok: k + 1, from: f, to: to, prec: muster.PrecisionMonth}, true
			}
			if hasPub {
				f, to := recentMonth(p, mo, false)
				return dmatch{endTok: k, from: f, to: to, prec: muster.PrecisionMonth}, true
			}
		}
		if y, ok := yearTok(text, toks, j); ok {
			f, to := yearSpan(y)
			return dmatch{endTok: j + 1, from: f, to: to, prec: muster.PrecisionYear}, true
		}
		return dmatch{}, false
	case "the":
		// "the 1990s"
		if i+2 < len(toks) && toks[i+1].kind == 'd' && len(toks[i+1].low) == 4 && toks[i+2].low == "s" && toks[i+2].start == toks[i+1].end && strings.HasSuffix(toks[i+1].low, "0") {
			y, _ := strconv.Atoi(toks[i+1].low)
			if y >= 1000 {
				f, _ := yearSpan(y)
				_, to := yearSpan(y + 9)
				return dmatch{endTok: i + 3, from: f, to: to, prec: muster.PrecisionYear}, true
			}
		}
		return dmatch{}, false
	case "today", "tonight":
		if hasPub {
			return dmatch{endTok: i + 1, from: p, to: p, prec: muster.PrecisionDay}, true
		}
	case "yesterday":
		if hasPub {
			d := p.AddDate(0, 0, -1)
			return dmatch{endTok: i + 1, from: d, to: d, prec: muster.PrecisionDay}, true
		}
	case "last", "this", "earlier", "past":
		if !hasPub {
			return dmatch{}, false
		}
		return matchRelative(toks, i, p)
	}
	// Weekdays, also as possessors: "Monday’s attack" was on Monday.
	if wd, ok := weekdays[possessive(t.low)]; ok && t.upper {
		if !hasPub {
			return dmatch{}, false
		}
		d := p.AddDate(0, 0, -((int(p.Weekday()) - int(wd) + 7) % 7))
		return dmatch{endTok: i + 1, from: d, to: d, prec: muster.PrecisionDay}, true
	}
	// Seasons: "spring 2023", "spring of 2023".
	if s, ok := seasons[t.low]; ok {
		j := i + 1
		if j < len(toks) && toks[j].low == "of" {
			j++
		}
		if y, ok := yearTok(text, toks, j); ok {
			f, to := seasonSpan(y, s)
			return dmatch{endTok: j + 1, from: f, to: to, prec: muster.PrecisionSeason}, true
		}
		return dmatch{}, false
	}
	// "N days ago".
	if i+2 < len(toks) && toks[i+2].low == "ago" && hasPub {
		if m, ok := matchAgo(text, toks, i, p); ok {
			return m, true
		}
	}
	// Numeric dates.
	if t.kind == 'd' {
		if m, ok := matchNumericDate(text, toks, i); ok {
			return m, true
		}
		// "22 May 2023", "22nd May".
		if d, j, ok := dayTok(text, toks, i); ok {
			if j < len(toks) && toks[j].low == "of" {
				j++
			}
			if mo, k, ok := monthTok(toks, j); ok {
				kk := k
				if kk < len(toks) && toks[kk].low == "," {
					kk++
				}
				if y, ok := yearTok(text, toks, kk); ok {
					if dt, ok := validDay(y, mo, d); ok {
						return dmatch{endTok: kk + 1, from: dt, to: dt, prec: muster.PrecisionDay}, true
					}
					return dmatch{}, false
				}
				if hasPub {
					if dt, ok := recentDay(p, mo, d); ok {
						return dmatch{endTok: k, from: dt, to: dt, prec: muster.PrecisionDay}, true
					}
				}
			}
		}
		// A bare year after a preposition: "in 2019" — but not a count
		// ("a sample of 1000 Ukrainians", "in 2000 battles"): a year
		// alone is taken from 1900 on and not before a plural noun.
		if y, ok := yearTok(text, toks, i); ok && trig && y >= 1900 && !pluralAfterYear(toks, i+1) {
			if i+1 < len(toks) && toks[i+1].low == "s" && toks[i+1].start == t.end {
				f, _ := yearSpan(y)
				_, to := yearSpan(y + 9)
				return dmatch{endTok: i + 2, from: f, to: to, prec: muster.PrecisionYear}, true
			}
			f, to := yearSpan(y)
			return dmatch{endTok: i + 1, from: f, to: to, prec: muster.PrecisionYear}, true
		}
		return dmatch{}, false
	}
	// Month forms: "May 22, 2023", "March 2022", "in March".
	if mo, j, ok := monthTok(toks, i); ok {
		if d, k, ok := dayTok(text, toks, j); ok {
			kk := k
			if kk < len(toks) && toks[kk].low == "," {
				kk++
			}
			if y, ok := yearTok(text, toks, kk); ok {
				if dt, ok := validDay(y, mo, d); ok {
					return dmatch{endTok: kk + 1, from: dt, to: dt, prec: muster.PrecisionDay}, true
				}
				return dmatch{}, false
			}
			if hasPub && (k >= len(toks) || toks[k].kind != 'd') {
				if dt, ok := recentDay(p, mo, d); ok {
					return dmatch{endTok: k, from: dt, to: dt, prec: muster.PrecisionDay}, true
				}
			}
		}
		k := j
		if k < len(toks) && (toks[k].low == "," || toks[k].low == "of") {
			k++
		}
		if y, ok := yearTok(text, toks, k); ok {
			f, to := monthSpan(y, mo)
			return dmatch{endTok: k + 1, from: f, to: to, prec: muster.PrecisionMonth}, true
		}
		// A month alone: "May" is a verb too often to take without a trigger.
		if hasPub && trig {
			f, to := recentMonth(p, mo, false)
			return dmatch{endTok: j, from: f, to: to, prec: muster.PrecisionMonth}, true
		}
	}
	return dmatch{}, false
}

// matchRelative handles "last …", "this …", "earlier this …", "past …".
func matchRelative(toks []wtok, i int, p time.Time) (dmatch, bool) {
	j := i
	earlier := false
	if toks[j].low == "earlier" {
		if j+1 >= len(toks) || toks[j+1].low != "this" {
			return dmatch{}, false
		}
		earlier = true
		j++
	}
	if j+1 >= len(toks) {
		return dmatch{}, false
	}
	rel, what := toks[j].low, toks[j+1]
	end := j + 2
	// "this early morning", "this late afternoon": the part of the day
	// with its adverb.
	if rel == "this" && (what.low == "early" || what.low == "late") && j+2 < len(toks) {
		what, end = toks[j+2], j+3
		switch what.low {
		case "morning", "afternoon", "evening":
		default:
			return dmatch{}, false
		}
	}
	// "this week’s raid": the possessive names the same time.
	if w, ok := strings.CutSuffix(what.low, "’s"); ok {
		what.low = w
	} else if w, ok := strings.CutSuffix(what.low, "'s"); ok {
		what.low = w
	}
	switch {
	case rel == "this" && (what.low == "morning" || what.low == "afternoon" || what.low == "evening"):
		return dmatch{endTok: end, from: p, to: p, prec: muster.PrecisionDay}, true
	case rel == "last" && what.low == "night":
		d := p.AddDate(0, 0, -1)
		return dmatch{endTok: end, from: d, to: d, prec: muster.PrecisionDay}, true
	case what.low == "week" && (rel == "this" || rel == "last"):
		mon := p.AddDate(0, 0, -((int(p.Weekday()) + 6) % 7))
		if rel == "this" {
			return dmatch{endTok: end, from: mon, to: p, prec: muster.PrecisionDay}, true
		}
		return dmatch{endTok: end, from: mon.AddDate(0, 0, -7), to: mon.AddDate(0, 0, -1), prec: muster.PrecisionDay}, true
	case what.low == "month" && (rel == "this" || rel == "last"):
		if rel == "this" {
			f, _ := monthSpan(p.Year(), p.Month())
			to := p
			if earlier && p.Day() > 1 {
				to = p.AddDate(0, 0, -1)
			}
			return dmatch{endTok: end, from: f, to: to, prec: muster.PrecisionMonth}, true
		}
		f, to := monthSpan(p.Year(), p.Month()-1)
		if p.Month() == 1 {
			f, to = monthSpan(p.Year()-1, 12)
		}
		return dmatch{endTok: end, from: f, to: to, prec: muster.PrecisionMonth}, true
	case what.low == "year" && (rel == "this" || rel == "last" || rel == "past"):
		if rel == "this" {
			f, _ := yearSpan(p.Year())
			return dmatch{endTok: end, from: f, to: p, prec: muster.PrecisionYear}, true
		}
		if rel == "past" {
			return dmatch{endTok: end, from: p.AddDate(-1, 0, 0), to: p, prec: muster.PrecisionDay}, true
		}
		f, to := yearSpan(p.Year() - 1)
		return dmatch{endTok: end, from: f, to: to, prec: muster.PrecisionYear}, true
	case earlier:
		return dmatch{}, false
	}
	if wd, ok := weekdays[what.low]; ok && what.upper && rel == "last" {
		back := (int(p.Weekday()) - int(wd) + 7) % 7
		if back == 0 {
			back = 7
		}
		d := p.AddDate(0, 0, -back)
		return dmatch{endTok: end, from: d, to: d, prec: muster.PrecisionDay}, true
	}
	if mo, k, ok := monthTok(toks, j+1); ok && (rel == "last" || rel == "this") {
		f, to := recentMonth(p, mo, rel == "last")
		if rel == "this" {
			f, to = monthSpan(p.Year(), mo)
		}
		return dmatch{endTok: k, from: f, to: to, prec: muster.PrecisionMonth}, true
	}
	if s, ok := seasons[what.low]; ok && (rel == "last" || rel == "this") {
		y := p.Year()
		f, to := seasonSpan(y, s)
		if s == 12 && p.Month() <= 2 {
			f, to = seasonSpan(y-1, s)
		}
		if rel == "last" {
			for !to.Before(p) {
				f, to = f.AddDate(-1, 0, 0), to.AddDate(-1, 0, 0)
				to = f.AddDate(0, 3, -1)
			}
		}
		return dmatch{endTok: end, from: f, to: to, prec: muster.PrecisionSeason}, true
	}
	return dmatch{}, false
}

// matchAgo handles "three days ago", "a week ago".
func matchAgo(text string, toks []wtok, i int, p time.Time) (dmatch, bool) {
	var n float64
	switch toks[i].low {
	case "a", "an", "one":
		n = 1
	default:
		c, ok := matchCore(text, toks, i)
		if !ok || !c.exact() || c.endTok != i+1 || c.lo > 1000 || c.lo != float64(int(c.lo)) {
			return dmatch{}, false
		}
		n = c.lo
	}
	k := int(n)
	end := i + 3
	switch strings.TrimSuffix(toks[i+1].low, "s") {
	case "day":
		d := p.AddDate(0, 0, -k)
		return dmatch{endTok: end, from: d, to: d, prec: muster.PrecisionDay}, true
	case "week":
		d := p.AddDate(0, 0, -7*k)
		return dmatch{endTok: end, from: d.AddDate(0, 0, -3), to: d.AddDate(0, 0, 3), prec: muster.PrecisionDay}, true
	case "month":
		d := time.Date(p.Year(), p.Month()-time.Month(k), 1, 0, 0, 0, 0, time.UTC)
		f, to := monthSpan(d.Year(), d.Month())
		return dmatch{endTok: end, from: f, to: to, prec: muster.PrecisionMonth}, true
	case "year":
		f, to := yearSpan(p.Year() - k)
		return dmatch{endTok: end, from: f, to: to, prec: muster.PrecisionYear}, true
	}
	return dmatch{}, false
}

// matchNumericDate handles 01/02/2021, 2021-01-02 and 22.05.2023.
func matchNumericDate(text string, toks []wtok, i int) (dmatch, bool) {
	t := toks[i]
	if strings.Count(t.low, ".") == 2 && !strings.Contains(t.low, ",") {
		parts := strings.Split(t.low, ".")
		d, _ := strconv.Atoi(parts[0])
		mo, _ := strconv.Atoi(parts[1])
		y, _ := strconv.Atoi(parts[2])
		if len(parts[2]) == 4 {
			if dt, ok := validDay(y, time.Month(mo), d); ok {
				return dmatch{endTok: i + 1, from: dt, to: dt, prec: muster.PrecisionDay}, true
			}
		}
		return dmatch{}, false
	}
	if i+4 >= len(toks) {
		return dmatch{}, false
	}
	sep := toks[i+1].low
	if (sep != "/" && sep != "-") || toks[i+3].low != sep || toks[i+2].kind != 'd' || toks[i+4].kind != 'd' {
		return dmatch{}, false
	}
	for k := i; k < i+4; k++ {
		if toks[k].end != toks[k+1].start {
			return dmatch{}, false
		}
	}
	a, _ := strconv.Atoi(t.low)
	b, _ := strconv.Atoi(toks[i+2].low)
	c, _ := strconv.Atoi(toks[i+4].low)
	var y, mo, d int
	switch {
	case sep == "-" && len(t.low) == 4:
		y, mo, d = a, b, c
	case sep == "/" && len(toks[i+4].low) == 4 && len(t.low) <= 2 && len(toks[i+2].low) <= 2:
		y = c
		if a > 12 {
			d, mo = a, b
		} else {
			mo, d = a, b
		}
	default:
		return dmatch{}, false
	}
	end := i + 5
	if mo == 0 && y > 0 {
		f, to := yearSpan(y)
		return dmatch{endTok: end, from: f, to: to, prec: muster.PrecisionYear}, true
	}
	if d == 0 && mo >= 1 && mo <= 12 && y > 0 {
		f, to := monthSpan(y, time.Month(mo))
		return dmatch{endTok: end, from: f, to: to, prec: muster.PrecisionMonth}, true
	}
	if dt, ok := validDay(y, time.Month(mo), d); ok {
		return dmatch{endTok: end, from: dt, to: dt, prec: muster.PrecisionDay}, true
	}
	return dmatch{}, false
}

// recentMonth returns the most recent month mo on or before p's month
// (strictly before when strict).
func recentMonth(p time.Time, mo time.Month, strict bool) (time.Time, time.Time) {
	y := p.Year()
	if mo > p.Month() || strict && mo == p.Month() {
		y--
	}
	return monthSpan(y, mo)
}

// recentDay returns the most recent mo/d on or before p.
func recentDay(p time.Time, mo time.Month, d int) (time.Time, bool) {
	for y := p.Year(); y >= p.Year()-4; y-- {
		if dt, ok := validDay(y, mo, d); ok && !dt.After(p) {
			return dt, true
		}
	}
	return time.Time{}, false
}
