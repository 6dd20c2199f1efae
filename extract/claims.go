package extract

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/muster-osint/muster"
)

// draft is a claim before its entities get their final names: subjects and
// objects are local entity indexes. Spans count bytes.
type draft struct {
	subj   int // local entity, or -1 when the subject is an event
	event  int // local event, or -1
	pred   muster.Predicate
	obj    muster.Value
	objEnt int // local entity named by the object, or -1
	ev     muster.Span
	sent   int
	role   string
	time   *muster.Value
	place  int
	conf   float64
	// extra evidence, such as the outlet's disclaimer
	more []muster.Span
	attr muster.Attribution
	mod  muster.Modality
}

// Extract finds the entities, claims and events of one document.
func Extract(in Input) *Result {
	x := newDoc(in)
	x.attrs = Attributions(x.d)

	reports, readings := eventsWith(x.d, x.offs, x.in.Published, x.in.DocID, x.attrs, x.sentenceDates)
	x.readings = readings
	x.aliasPatterns()
	x.narrativeEvents()
	x.profilePatterns()
	x.learnedRelations()
	x.attribute()
	r := x.result()
	x.mergeReports(r, reports)
	x.mergeIncidents(r)
	x.dropVagueEvents(r)
	x.placeReportEvents(r)
	x.learnedParties(r)
	return r
}

// subjectsIn returns the entities denoted by the mentions inside span, in
// order: a plural nominal gives all of its set.
func (x *doc) subjectsIn(s muster.Span, types ...muster.EntityType) []int {
	var out []int
	seen := map[int]bool{}
	add := func(e int) {
		if e >= 0 && !seen[e] && typeIn(x.ents[e].typ, types) {
			seen[e] = true
			out = append(out, e)
		}
	}
	for i, m := range x.ments {
		if m.Start < s.Start || m.End > s.End || m.patron {
			continue
		}
		if set, ok := x.sets[i]; ok {
			for _, e := range set {
				add(e)
			}
			continue
		}
		add(m.ent)
	}
	return out
}

func typeIn(t muster.EntityType, types []muster.EntityType) bool {
	if len(types) == 0 {
		return true
	}
	for _, u := range types {
		if t == u {
			return true
		}
	}
	return false
}

// lastSubject returns the entities of the last mention (or set) in span
// of one of the types: the nearest antecedent to the left.
func (x *doc) lastSubject(s muster.Span, types ...muster.EntityType) []int {
	return x.subjectIn(s, true, types)
}

// firstSubject returns the entities of the first mention (or set) in span.
func (x *doc) firstSubject(s muster.Span, types ...muster.EntityType) []int {
	return x.subjectIn(s, false, types)
}

// subjectIn returns the entities of the first (or, fromEnd, the last)
// mention in span of one of the types; a plural nominal gives its set.
func (x *doc) subjectIn(s muster.Span, fromEnd bool, types []muster.EntityType) []int {
	for k := range x.ments {
		i := k
		if fromEnd {
			i = len(x.ments) - 1 - k
		}
		m := x.ments[i]
		if m.Start < s.Start || m.End > s.End || m.patron {
			continue
		}
		if set, ok := x.sets[i]; ok && typeIn(muster.EntityArmedGroup, types) {
			return set
		}
		if m.ent >= 0 && typeIn(x.ents[m.ent].typ, types) {
			return []int{m.ent}
		}
	}
	return nil
}

var groupish = []muster.EntityType{muster.EntityArmedGroup}

func (x *doc) add(d draft) {
	// A rule's span arithmetic must never leave the text: drop the claim
	// rather than quote what is not there.
	if !d.ev.Valid(len(x.d.Text)) || d.ev.Len() == 0 {
		return
	}
	// "It is unclear whether it was formed in 2021" asserts nothing.
	if openQuestion(x.d, d.ev) {
		return
	}
	if d.place == 0 && d.event < 0 {
		d.place = -1
	}
	if d.conf == 0 {
		d.conf = 0.8
	}
	x.drafts = append(x.drafts, d)
}

// containsAny reports whether s contains one of subs (none: always).
func containsAny(s string, subs []string) bool {
	if len(subs) == 0 {
		return true
	}
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// sentenceDates returns the dates of sentence si (spans relative to it),
// found once per sentence.
func (x *doc) sentenceDates(si int) []DateMatch {
	if x.dates == nil {
		x.dates = make([][]DateMatch, len(x.d.Sentences))
		x.datesDone = make([]bool, len(x.d.Sentences))
	}
	if !x.datesDone[si] {
		s := x.d.Sentences[si]
		x.dates[si] = FindDates(x.d.Text[s.Start:s.End], x.in.Published)
		x.datesDone[si] = true
	}
	return x.dates[si]
}

// mentionAt returns the index of the first mention starting at or after off
// in the same sentence, or -1.
func (x *doc) mentionAt(off int) int {
	si := x.d.SentenceOf(off)
	if x.mentsOrdered() {
		// Binary search to the first mention at or after off, then on
		// while the sentence can still be si: the same answer as the scan
		// below, without a pass over all mentions per call (issue 14).
		i, _ := slices.BinarySearchFunc(x.ments, off, func(m mention, off int) int { return cmp.Compare(m.Start, off) })
		for ; i < len(x.ments) && x.ments[i].sent <= si; i++ {
			if x.ments[i].sent == si {
				return i
			}
		}
		return -1
	}
	for i, m := range x.ments {
		if m.Start >= off && m.sent == si {
			return i
		}
	}
	return -1
}

// phraseEnd returns the end of the noun phrase or clause starting at off:
// the next comma, semicolon or sentence end, whichever is first.
func (x *doc) phraseEnd(si, off int) int {
	s := x.d.Sentences[si]
	rest := x.d.Text[off:s.End]
	end := len(rest)
	for _, stop := range []string{",", ";", " — ", " – ", " according to "} {
		if i := strings.Index(rest, stop); i >= 0 && i < end {
			end = i
		}
	}
	end = len(strings.TrimRight(rest[:end], ".!?”\" "))
	return off + end
}

// listGapRE is what may stand between the names of a list: a bracketed
// acronym, a comma or "and", and an article.
var listGapRE = regexp.MustCompile(`^(?:\s*\([^()]{1,40}\))?(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+)(?:the\s+)?$|^(?:the\s+)?$`)

// groupList returns the mentions of the armed groups listed from byte
// offset at: "the A, the B and the C".
func (x *doc) groupList(si, at int) []int {
	var out []int
	prev := at
	for i, mm := range x.ments {
		if mm.sent != si || mm.Start < at || mm.ent < 0 {
			continue
		}
		if mm.Start < prev || !listGapRE.MatchString(x.d.Text[prev:mm.Start]) || x.ents[mm.ent].typ != muster.EntityArmedGroup {
			break
		}
		if len(out) == 0 || x.ments[out[len(out)-1]].ent != mm.ent {
			out = append(out, i)
		}
		prev = mm.End
	}
	return out
}

// mentsOrdered reports whether x.ments is sorted by start with sentence
// numbers that never decrease, which mentionAt's binary search needs. It
// checks once per state of the slice (its first element and length).
func (x *doc) mentsOrdered() bool {
	if len(x.ments) == 0 {
		return false
	}
	key := mentsKey{&x.ments[0], len(x.ments)}
	if x.orderedKey == key {
		return x.ordered
	}
	ok := true
	for i := 1; i < len(x.ments) && ok; i++ {
		ok = x.ments[i].Start >= x.ments[i-1].Start && x.ments[i].sent >= x.ments[i-1].sent
	}
	x.orderedKey, x.ordered = key, ok
	return ok
}

// mentsKey names a state of x.ments for mentsOrdered's cache.
type mentsKey struct {
	first *mention
	n     int
}
