package extract

import (
	_ "embed"
	"slices"
	"strings"
	"sync"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// Attribution is one reported statement: who says it (Source), the words
// that mark it as reported (Cue) and what is reported (Content). Spans count
// bytes of the nlp.Doc's text.
//
// Kind is one of KindSaid, KindAccordingTo, KindReport, KindClaim, KindDeny,
// KindEstimate, KindBelief, KindEvidence, or KindOther for a cue the model
// found outside the lexicon. Modality maps it to a muster.Modality.
type Attribution struct {
	// Source is the whole noun phrase of who asserts it ("Russian state
	// media", "a spokesman for the governor", "he"); the zero Span when the
	// source is implicit ("by some estimates", "it was reported").
	Source muster.Span
	// Cue is the reporting expression: "claimed", "said in a statement",
	// "according to", "by some estimates".
	Cue muster.Span
	// Content is the reported statement; for "“A,” he said, “B”" it is the
	// hull from A to B.
	Content muster.Span
	// Direct is true for quoted speech.
	Direct bool
	// Kind says what the cue means (see the Kind constants).
	Kind string
}

//go:embed attribution_model.gz
var attributionModelData []byte

// defaultAttributionModel loads the embedded model once; it is immutable
// after loading.
var defaultAttributionModel = sync.OnceValues(func() (*AttributionModel, error) {
	return LoadAttributionModel(attributionModelData)
})

// Attributions returns the attribution relations of d, in order of their
// cues, using the embedded model trained on PolNeAR's train split and the
// rules of this file. d needs sentences and tokens (nlp/segment); it
// returns nil for a Doc without them.
func Attributions(d *nlp.Doc) []Attribution {
	m, err := defaultAttributionModel()
	if err != nil {
		// The embedded model is tested; a broken build falls back to rules.
		m = &AttributionModel{lex: newCueLexicon()}
	}
	return m.Attributions(d)
}

// Attributions returns the attribution relations of d found by m and the
// rules of this file, ordered by cue.
// mayHoldCue reports whether a sentence has a word of the cue lexicon or
// of a verb class, a quotation mark or a colon: the cue tagger is run only
// on such sentences, the others (most of an event report) hold no cue it
// would find.
func mayHoldCue(info []tokInfo) bool {
	for _, t := range info {
		if t.cls != 0 || t.shape == 'q' || t.lower == ":" || t.kids&(kidComp|kidThat|kidParataxis) != 0 || t.rel == relCodes["parataxis"] {
			return true
		}
	}
	return false
}

func (m *AttributionModel) Attributions(d *nlp.Doc) []Attribution {
	if d == nil || len(d.Tokens) == 0 || len(d.SentenceTokens) == 0 {
		return nil
	}
	info := m.infos(d)
	var out []Attribution
	isCue := make([]bool, len(d.Tokens))
	var cues, tentative [][3]int // sentence, start, end token
	cueBias := []float32{0, m.CueBias, 0}
	roleBias := []float32{0, m.RoleBias, 0, m.RoleBias, 0}
	var sc cueScores
	var ctx roleCtx
	var rs roleScratch
	for si, r := range d.SentenceTokens {
		a, b := r[0], r[1]
		if a < 0 || b > len(d.Tokens) || a >= b {
			continue
		}
		if m.cue != nil && (!m.SkipPlain || mayHoldCue(info[a:b])) {
			sc.score(m.cue, info, a, b)
			tags := sc.decode(cueBias)
			start := -1
			for k, t := range tags {
				i := a + k
				if t != tagI && start >= 0 {
					cues = append(cues, [3]int{si, start, i})
					start = -1
				}
				if t == tagB {
					start = i
				}
				if t != tagO {
					isCue[i] = true
				}
			}
			if start >= 0 {
				cues = append(cues, [3]int{si, start, b})
			}
			if m.TentativeBias > 0 {
				tentative = tentativeCues(tentative, info, sc.decode([]float32{0, m.CueBias + m.TentativeBias, 0}), si, a, b)
			}
		}
	}
	cues = fixCues(d, info, m.lex, isCue, cues)
	cues = m.ruleCues(d, info, isCue, cues)
	var isTentative []bool
	if len(tentative) > 0 {
		// Cues found only under TentativeBias, where no sure or rule cue
		// lies, kept below if the role tagger finds their source and
		// content.
		isTentative = make([]bool, len(d.Tokens))
		n := len(cues)
		for _, c := range tentative {
			if !anyCue(isCue, c[1], c[2]) && !disclaimerCue(d, info, c) && !mediumParticiple(info, isCue, c) && !violentCue(d, info, c) {
				cues = append(cues, c)
				isTentative[c[1]] = true
			}
		}
		if len(cues) > n {
			sortCues(cues)
		}
	}
	for _, c := range cues {
		si, qs, qe := c[0], c[1], c[2]
		a, b := d.SentenceTokens[si][0], d.SentenceTokens[si][1]
		at := Attribution{Cue: muster.Span{Start: d.Tokens[qs].Start, End: d.Tokens[qe-1].End}}
		at.Kind = m.cueKind(info, qs, qe)
		var src, cont [][2]int // token runs
		if m.role != nil {
			setRoleCtx(&ctx, info, isCue, a, b, qs, qe)
			runStart, runTag := -1, tagO
			flush := func(end int) {
				if runStart < 0 {
					return
				}
				if runTag == tagBSource {
					src = append(src, [2]int{runStart, end})
				} else {
					cont = append(cont, [2]int{runStart, end})
				}
				runStart = -1
			}
			for k, t := range viterbiRole(m.role, info, &ctx, roleBias, &rs) {
				i := a + k
				if t == tagO || t == tagBSource || t == tagBContent {
					flush(i)
				}
				if t == tagBSource || t == tagBContent {
					runStart, runTag = i, t
				}
			}
			flush(b)
		}
		if r, ok := nearestRun(src, qs, qe); ok {
			r = extendName(info, isCue, r, b)
			r = extendSource(info, r, qs)
			r = extendAppositive(info, isCue, r, qs)
			r = trimSourceVerb(m.lex, info, r)
			r = extendPartitive(info, r, a)
			r = dropLeadingTime(info, r)
			at.Source = tokenSpan(d, r)
		}
		if r, ok := contentRuns(info, cont, src, qs, qe); ok {
			at.Content = tokenSpan(d, r)
		}
		if isTentative != nil && isTentative[qs] {
			if at.Content.Len() == 0 || len(src) == 0 {
				continue
			}
			for j := qs; j < qe; j++ {
				isCue[j] = true
			}
		}
		if at.Source.Len() == 0 && strings.HasSuffix(info[qs].lower, "ing") && qs > a {
			at.Source = participleSource(d, info, out, a, qs)
		}
		at.Source = wholeMentions(d, at.Source, at.Cue)
		m.ruleSpans(d, info, &at, si, qs, qe)
		raisingPassive(d, info, &at, a, qs, qe)
		if at.Source.Len() == 0 && qe-qs == 1 && speechVerb(m.lex, info[qs].lower) {
			at.Source = invertedSource(d, info, a, b, qs, qe)
		}
		if at.Source.Len() == 0 && subjectKinds[at.Kind] {
			if r, ok := subjectSource(info, qs, qe); ok {
				at.Source = tokenSpan(d, extendAppositive(info, isCue, r, qs))
			}
		}
		if at.Content.Len() == 0 {
			clauseAsSource(d, info, &at, a, b, qs, qe)
		}
		if at.Content.Len() == 0 {
			fallbackContent(d, info, &at, a, b, qs, qe)
		}
		interruptedContent(d, info, isCue, &at, a, qs, qe)
		nestedContent(d, info, isCue, &at, b, qe)
		dropLeadingAdjunct(d, info, &at, b, qe)
		at.Content = extendQuote(d, at.Content)
		at.Content = extendQuoteBack(d, at.Content)
		at.Direct = isQuoted(d.Text, at.Content)
		continueQuote(d, info, isCue, &at, si, qe)
		at.Content = dropFinalPeriod(d, at.Content)
		at.Source = participleComma(d, at.Source, at.Cue)
		contentAfterSource(d, &at)
		out = append(out, at)
	}
	return out
}

// invertedSource finds the source of an inverted speech verb after a
// quotation that the model left without one ("“…,” said O'Brien, on his
// first day", "“…,” reported Reuters"): the words after the verb up to a
// comma, a quotation mark or the end of the sentence, when they open with
// a capital or a determiner.
func invertedSource(d *nlp.Doc, info []tokInfo, a, b, qs, qe int) muster.Span {
	p := qs - 1
	if p > a && info[p].lower == "," {
		p--
	}
	if p < a || info[p].shape != 'q' {
		return muster.Span{}
	}
	return nameAfter(d, info, b, qe)
}

// nameAfter returns the words from token qe up to a comma, a quotation
// mark or the end of the sentence [.., b), when they open with a capital
// or a determiner and are no more than eight.
func nameAfter(d *nlp.Doc, info []tokInfo, b, qe int) muster.Span {
	if qe >= b {
		return muster.Span{}
	}
	if first := info[qe]; first.shape != 'X' && first.shape != 'A' && first.lower != "the" && first.lower != "a" && first.lower != "an" {
		return muster.Span{}
	}
	e := qe
	for e < b && e-qe <= 8 && info[e].shape != 'q' && info[e].shape != 'p' {
		e++
	}
	if e == qe || e-qe > 8 {
		return muster.Span{}
	}
	if e+1 < b && info[e].lower == "," && (info[e+1].lower == "a" || info[e+1].lower == "an" || info[e+1].lower == "the") {
		// "said Ann Lee, a spokeswoman for the ministry": the apposition
		// is part of the source, up to the next comma or the end.
		f := e + 1
		for f < b && f-e <= 14 && info[f].shape != 'q' && info[f].shape != 'p' {
			f++
		}
		if f-e <= 14 && (f == b || info[f].shape == 'p') {
			e = f
		}
	}
	return tokenSpan(d, [2]int{qe, e})
}

// subjectKinds are the kinds of cue whose source, when the model and the
// rules found none, is the subject of the cue's verb in the parse
// (subjectSource). Not claims: in "the group claimed
// responsibility for the raid that killed 20 people" the group claims the
// responsibility, not the deaths, and a claim's source spreads over every
// fact in its content (news_armed_groups dev: with its source .700 → .687
// with claims; PolNeAR dev exact source F1 .736 → .738 without).
var subjectKinds = map[string]bool{KindSaid: true, KindDeny: true, KindBelief: true, KindEvidence: true}

// tentativeCues appends the cues of tags, a decoding of the sentence
// [a,b) with a higher bias, that are not made of auxiliaries only (fixCues
// drops those among sure cues).
func tentativeCues(dst [][3]int, info []tokInfo, tags []int, si, a, b int) [][3]int {
	start := -1
	flush := func(e int) {
		if start < 0 {
			return
		}
		for j := start; j < e; j++ {
			if !auxWords[info[j].lower] {
				dst = append(dst, [3]int{si, start, e})
				break
			}
		}
		start = -1
	}
	for k, t := range tags {
		if t != tagI {
			flush(a + k)
		}
		if t == tagB {
			start = a + k
		}
	}
	flush(b)
	return dst
}

// anyCue reports whether a token of [s,e) is part of a cue.
func anyCue(isCue []bool, s, e int) bool {
	for j := s; j < e; j++ {
		if isCue[j] {
			return true
		}
	}
	return false
}

// interruptedContent joins the clause before a parenthetical cue to the
// content after it: in "Though the transition was seamless, he said,
// replacing Clinton would be harder" the content is the whole sentence
// around ", he said,", as PolNeAR marks a discontinuous content by its
// hull; the model, deciding token by token, tends to give the right part
// only.
func interruptedContent(d *nlp.Doc, info []tokInfo, isCue []bool, at *Attribution, a, qs, qe int) {
	if at.Content.Len() == 0 || at.Content.Start < at.Cue.End {
		return
	}
	// The comma that opens the parenthesis: before the source when it
	// precedes the cue, else before the cue.
	open := qs - 1
	if at.Source.Len() > 0 && at.Source.End <= at.Cue.Start {
		open = tokenAt(d, at.Source.Start) - 1
	}
	// The comma that closes it: right before the content.
	c := tokenAt(d, at.Content.Start)
	if open-a < 2 || c < 1 || c-1 < qe || info[open].lower != "," || info[c-1].lower != "," {
		return
	}
	for j := a; j < open; j++ {
		if isCue[j] || info[j].lower == ";" || info[j].lower == ":" {
			return
		}
	}
	at.Content.Start = d.Tokens[a].Start
}

// dropLeadingAdjunct starts a content that runs across its cue after the
// cue when what precedes the source and cue opens with a preposition: in
// "During his years in office, Mr. Obama said, a majority …" and "As for
// RT's bent, he said, “…”" the phrase before the cue frames the saying,
// not the content (a clause there, "Though it was seamless, he said, …",
// is content).
func dropLeadingAdjunct(d *nlp.Doc, info []tokInfo, at *Attribution, b, qe int) {
	left := at.Cue.Start
	if at.Source.Len() > 0 && at.Source.Start < left {
		left = at.Source.Start
	}
	if at.Content.Len() == 0 || at.Content.Start >= left || at.Content.End <= at.Cue.End {
		return
	}
	first := tokenAt(d, at.Content.Start)
	if first < 0 || !framingWords[info[first].lower] {
		return
	}
	s := qe
	if at.Source.Start >= at.Cue.End {
		s = tokenAt(d, at.Source.End-1) + 1
	}
	for s < b && info[s].lower == "," {
		s++
	}
	if s < b && d.Tokens[s].Start < at.Content.End {
		at.Content.Start = d.Tokens[s].Start
	}
}

// framingWords open a phrase that frames a saying: prepositions and "as".
var framingWords = map[string]bool{"during": true, "as": true, "in": true, "on": true, "at": true, "after": true, "before": true,
	"for": true, "from": true, "with": true, "since": true, "amid": true, "despite": true, "speaking": true, "asked": true,
	"under": true, "over": true, "by": true, "of": true}

// nestedContent extends a content after its cue that the model stopped at
// another cue, or at the source right before one, to the end of the
// sentence: the nested attribution is part of what the outer one reports
// ("notes that the Commission announced that there was an issue", "found
// that 74 percent of voters said Mr. Trump should release his returns"),
// as PolNeAR marks it.
func nestedContent(d *nlp.Doc, info []tokInfo, isCue []bool, at *Attribution, b, qe int) {
	if at.Content.Len() == 0 || at.Content.Start < at.Cue.End {
		return
	}
	last := tokenAt(d, at.Content.End-1)
	if last < qe || last+1 >= b {
		return
	}
	next := last + 1
	if !isCue[next] && !(next+1 < b && isCue[next+1] && info[next].shape != 'p') {
		return
	}
	// A verb coordinated with the outer cue ("called Machado “a con” and
	// encouraged …") says something else.
	if w := info[next].lower; w == "and" || w == "but" || w == "or" || w == "," {
		return
	}
	end := b
	for end > next && (info[end-1].shape == 'p' || info[end-1].shape == 'q' && !info[last].inQuote) {
		end--
	}
	if end > next {
		at.Content.End = d.Tokens[end-1].End
	}
}

// participleComma leaves the comma between a source and the participle
// cue that follows it out of the source ("…, said Ann Lee, the ministry's
// spokeswoman, adding …" has the source of "adding" "Ann Lee, the
// ministry's spokeswoman"), as PolNeAR's annotators mostly do (33 of 44 such
// sources of the first annotator of its train split), where before a
// finite verb the comma that closes an apposition stays in (754 of 850:
// "Ann Lee, a spokeswoman, said").
func participleComma(d *nlp.Doc, src, cue muster.Span) muster.Span {
	if src.Len() == 0 || src.End > cue.Start {
		return src
	}
	w, _, _ := strings.Cut(d.Text[cue.Start:cue.End], " ")
	t := strings.TrimRight(d.Text[src.Start:src.End], " ")
	if !strings.HasSuffix(strings.ToLower(w), "ing") || !strings.HasSuffix(t, ",") || len(t) < 2 || strings.TrimSpace(d.Text[src.Start+len(t):cue.Start]) != "" {
		return src
	}
	return trimSpace(d.Text, muster.Span{Start: src.Start, End: src.Start + len(t) - 1})
}

// contentAfterSource starts a content that begins with its own source
// and runs over its cue after the cue: in "The commander, however, said
// the town was safe" the model, reading the commas as those of an
// interrupted content ("A, he said, B"), takes the whole sentence.
func contentAfterSource(d *nlp.Doc, at *Attribution) {
	if at.Source.Len() == 0 || at.Content.Len() == 0 || at.Source.Start != at.Content.Start || at.Source.End > at.Cue.Start || at.Content.End <= at.Cue.End {
		return
	}
	i := tokenAt(d, at.Cue.End-1) + 1
	if i <= 0 || i >= len(d.Tokens) || d.Tokens[i].Start >= at.Content.End {
		return
	}
	at.Content.Start = d.Tokens[i].Start
}

// dropFinalPeriod leaves a sentence's final period out of a content that
// ends with it ("Pence: Flowers won't be at the debate."), as PolNeAR's
// contents leave it out unless a quotation closes after it.
func dropFinalPeriod(d *nlp.Doc, c muster.Span) muster.Span {
	if c.Len() == 0 {
		return c
	}
	k := tokenAt(d, c.End-1)
	if k <= 0 || d.Tokens[k].Text != "." || d.Tokens[k].Start <= c.Start {
		return c
	}
	return trimSpace(d.Text, muster.Span{Start: c.Start, End: d.Tokens[k-1].End})
}

// raisingPassive reads "X is expected to be Latino", "X is not thought
// to be capable", "X was said to have fled" as an attribution without a
// source whose content is the whole clause, X included, as PolNeAR marks
// it: X is what the unnamed holders believe something about, not who says
// it.
func raisingPassive(d *nlp.Doc, info []tokInfo, at *Attribution, a, qs, qe int) {
	// The content must reach past the cue; the model may also have
	// begun it before the cue, with part of X.
	if qe-qs < 2 || qe >= len(info) || info[qe].lower != "to" || !beWords[info[qs].lower] || at.Content.Len() == 0 || at.Content.End <= at.Cue.End {
		return
	}
	for j := qs + 1; j < qe-1; j++ {
		if w := info[j].lower; w != "not" && w != "also" && w != "widely" && w != "generally" && w != "still" {
			return
		}
	}
	if p := info[qe-1].lower; !strings.HasSuffix(p, "ed") && p != "thought" && p != "said" && p != "known" && p != "seen" {
		return
	}
	start := qs
	if at.Source.Len() > 0 && at.Source.End <= at.Cue.Start {
		start = tokenAt(d, at.Source.Start)
	}
	for start > a {
		w := info[start-1].lower
		if w == "," || w == ";" || w == ":" || w == "that" || info[start-1].shape == 'q' || info[start-1].lex != 0 {
			break
		}
		start--
	}
	if start == qs {
		return
	}
	at.Source = muster.Span{}
	at.Content.Start = min(at.Content.Start, d.Tokens[start].Start)
}

// tokenSpan is the byte span of the token run r.
func tokenSpan(d *nlp.Doc, r [2]int) muster.Span {
	return muster.Span{Start: d.Tokens[r[0]].Start, End: d.Tokens[r[1]-1].End}
}

// fixCues drops cues made only of auxiliaries ("were", "has": the model
// learned them from cues such as "has said") and completes a cue that ends
// in a determiner ("said in a" → "said in a statement").
func fixCues(d *nlp.Doc, info []tokInfo, lex cueLexicon, isCue []bool, cues [][3]int) [][3]int {
	out := cues[:0]
	for _, c := range cues {
		aux := true
		for i := c[1]; i < c[2]; i++ {
			if !auxWords[info[i].lower] {
				aux = false
				break
			}
		}
		if aux {
			for i := c[1]; i < c[2]; i++ {
				isCue[i] = false
			}
			continue
		}
		// A cue that swallowed the end of its subject ("commander
		// hinted") starts at its verb; auxiliaries and adverbs stay ("has
		// also said").
		if last := c[2] - 1; last > c[1] && speechVerb(lex, info[last].lower) {
			k := last
			for k > c[1] && (auxWords[info[k-1].lower] || strings.HasSuffix(info[k-1].lower, "ly") || info[k-1].lex != 0) {
				k--
			}
			for j := c[1]; j < k; j++ {
				isCue[j] = false
			}
			c[1] = k
		}
		// A participle modifying the cue's noun is not part of the cue:
		// "said in a statement posted to Telegram" ends at "statement".
		for k := c[1] + 3; k < c[2]; k++ {
			if determiners[info[k-2].lower] && info[k-1].shape == 'x' && strings.HasSuffix(info[k].lower, "ed") {
				for j := k; j < c[2]; j++ {
					isCue[j] = false
				}
				c[2] = k
				break
			}
		}
		if disclaimerCue(d, info, c) || mediumParticiple(info, isCue, c) || violentCue(d, info, c) {
			for i := c[1]; i < c[2]; i++ {
				isCue[i] = false
			}
			continue
		}
		end := d.SentenceTokens[c[0]][1]
		if e := mediumEnd(info, c[2], end); e > c[2] && speechVerb(lex, info[c[2]-1].lower) {
			for j := c[2]; j < e; j++ {
				isCue[j] = true
			}
			c[2] = e
		}
		for n := 0; n < 3 && c[2] < end && determiners[info[c[2]-1].lower] && info[c[2]].shape == 'x' && !isCue[c[2]]; n++ {
			isCue[c[2]] = true
			c[2]++
		}
		out = append(out, c)
	}
	return out
}

// disclaimerCue reports whether the cue c holds the verb of the outlet's
// own disclaimer ("The Times could not independently confirm the
// figures"): that is not somebody's statement (see UnverifiedScopes).
func disclaimerCue(d *nlp.Doc, info []tokInfo, c [3]int) bool {
	a, b := d.SentenceTokens[c[0]][0], d.SentenceTokens[c[0]][1]
	var lw []string
	for i := c[1]; i < c[2]; i++ {
		if w := info[i].lower; !verifyVerbs[w] && !verifiedParticiples[w] {
			continue
		}
		if lw == nil {
			lw = make([]string, b-a)
			for j := a; j < b; j++ {
				lw[j-a] = info[j].lower
			}
		}
		if disclaimerVerb(lw, i-a) {
			return true
		}
	}
	return false
}

// violentCue reports whether the cue c is a verb of armed violence in its
// physical sense: a word outside the cue lexicon that names an event in
// the trigger lexicon ("attacked", "stormed", "shelled") whose subject is
// a fighting force ("Gunmen attacked a concert hall", "the Northern
// Brigade stormed …") or whose object is a place or a force ("attacked
// Goma"). PolNeAR's "Trump attacked Clinton" is a criticism and stays a
// cue; an attack is nobody's statement, and its figures are the outlet's.
// Without a parse it keeps the cue.
func violentCue(d *nlp.Doc, info []tokInfo, c [3]int) bool {
	h := cueHead(info, c[1], c[2])
	if info[h].lex != 0 || info[h].rel == relNone || eventWord(d.Tokens[h]) == "" {
		return false
	}
	a, b := d.SentenceTokens[c[0]][0], d.SentenceTokens[c[0]][1]
	for j := a; j < b; j++ {
		if info[j].head != h {
			continue
		}
		switch info[j].rel {
		case relCodes["nsubj"]:
			if alignedHeads[info[j].lower] || mentionTypeAt(d, j, muster.MentionArmedGroup, muster.MentionStateForce) {
				return true
			}
		case relCodes["obj"]:
			if mentionTypeAt(d, j, muster.MentionLOC, muster.MentionGPE, muster.MentionArmedGroup, muster.MentionStateForce) {
				return true
			}
		}
	}
	return false
}

// mentionTypeAt reports whether token j lies in a mention of one of types.
func mentionTypeAt(d *nlp.Doc, j int, types ...muster.MentionType) bool {
	for _, m := range d.Mentions {
		if m.Contains(d.Tokens[j].Span) && slices.Contains(types, m.Type) {
			return true
		}
	}
	return false
}

// mediumParticiple reports whether the cue c is, in the parse, a
// participle or relative clause on a word of another cue: "posted" in
// "said in a statement posted to Telegram" says where the statement went,
// not that anybody said anything more.
func mediumParticiple(info []tokInfo, isCue []bool, c [3]int) bool {
	h := cueHead(info, c[1], c[2])
	r := info[h].rel
	if r != relCodes["acl"] && r != relCodes["acl:relcl"] {
		return false
	}
	p := info[h].head
	return p >= 0 && (p < c[1] || p >= c[2]) && isCue[p] && media[info[p].lower]
}

// mediumEnd returns the end of "in a statement", "in an interview", "in
// a recent interview" starting at token i, or i when there is none: the
// medium a verb of saying names belongs to its cue.
func mediumEnd(info []tokInfo, i, end int) int {
	if i+2 >= end || info[i].lower != "in" && info[i].lower != "during" || !determiners[info[i+1].lower] {
		return i
	}
	for k := i + 2; k < end && k <= i+3; k++ {
		if media[info[k].lower] {
			return k + 1
		}
	}
	return i
}

// media are what a statement is made in.
var media = map[string]bool{"statement": true, "interview": true, "letter": true, "email": true, "e-mail": true, "tweet": true,
	"post": true, "speech": true, "release": true, "memo": true, "video": true, "message": true, "op-ed": true, "column": true,
	"briefing": true, "call": true, "conference": true, "report": true, "filing": true, "essay": true, "book": true}

// determiners cannot end a cue.
var determiners = map[string]bool{"a": true, "an": true, "the": true, "his": true, "her": true, "their": true, "its": true}

// nearestRun returns the run closest to the cue [qs,qe).
func nearestRun(runs [][2]int, qs, qe int) ([2]int, bool) {
	best, bestD := [2]int{}, -1
	for _, r := range runs {
		d := qs - r[1]
		if r[0] >= qe {
			d = r[0] - qe
		}
		if bestD < 0 || d < bestD {
			best, bestD = r, d
		}
	}
	return best, bestD >= 0
}

// auxWords may stand between a subject and its reporting verb ("he also
// said", "officials have said") and are never part of the source.
var auxWords = map[string]bool{
	"has": true, "have": true, "had": true, "is": true, "was": true, "were": true, "are": true, "be": true, "been": true,
	"will": true, "would": true, "could": true, "can": true, "may": true, "might": true, "should": true, "must": true,
	"did": true, "does": true, "do": true, "also": true, "later": true, "then": true, "again": true, "still": true,
	"not": true, "never": true, "repeatedly": true, "previously": true, "recently": true, "'s": true, "'ve": true,
	"to": true, "that": true, "which": true, "who": true, "and": true, "but": true, "or": true, "first": true,
}

// trimSourceVerb drops a past verb of saying that ends a source after a
// pronoun: in "videos that they said showed" the source of
// "showed" is "they", not "they said".
func trimSourceVerb(lex cueLexicon, info []tokInfo, r [2]int) [2]int {
	e := r[1]
	if w := info[e-1].lower; e-r[0] < 2 || !speechVerb(lex, w) || strings.HasSuffix(w, "s") || !info[e-2].pron {
		return r
	}
	return [2]int{r[0], e - 1}
}

// dropLeadingTime starts a source after a time phrase and its comma that
// the model took in: "Last week, CMA, formed by Tuareg people, said" has
// the source "CMA, formed by Tuareg people,", not "week, CMA, …". The
// time phrase is a time word (nonNounWords) or a temporal modifier in
// the parse.
func dropLeadingTime(info []tokInfo, r [2]int) [2]int {
	w := info[r[0]]
	if !nonNounWords[w.lower] && w.rel != relCodes["obl:tmod"] {
		return r
	}
	for k := r[0] + 1; k < r[1]-1 && k <= r[0]+2; k++ {
		if info[k].lower == "," {
			return [2]int{k + 1, r[1]}
		}
	}
	return r
}

// extendPartitive grows a source over a partitive before it: "one of
// Mr. Obama's advisers", "some of the experts".
func extendPartitive(info []tokInfo, r [2]int, a int) [2]int {
	if r[0]-2 < a || info[r[0]-1].lower != "of" || !partitives[info[r[0]-2].lower] {
		return r
	}
	return [2]int{r[0] - 2, r[1]}
}

var partitives = map[string]bool{"one": true, "some": true, "many": true, "most": true, "all": true, "each": true, "none": true,
	"several": true, "two": true, "three": true, "both": true, "any": true, "few": true, "half": true, "dozens": true, "hundreds": true, "thousands": true}

// extendSource grows a source that stops short of its cue over the words in
// between, so "Russian state media claimed" gives the whole noun phrase. It
// is cautious without part-of-speech tags: the source must end in a
// capitalised word that is not a pronoun ("Russian"), and the one to three
// words in between must be lower-case, not function, time or reporting
// words, and not look like verbs or adverbs (-ed, -ly, -ing).
func extendSource(info []tokInfo, r [2]int, qs int) [2]int {
	if r[1] >= qs || qs-r[1] > 3 {
		return r
	}
	last := info[r[1]-1]
	if last.shape != 'X' && last.shape != 'A' || last.pron {
		return r
	}
	for j := r[1]; j < qs; j++ {
		t := info[j]
		w := t.lower
		if t.shape != 'x' || auxWords[w] || nonNounWords[w] ||
			strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") {
			return r
		}
	}
	return [2]int{r[0], qs}
}

// extendName grows a source over the capitalised words that follow it, so
// a name is never cut ("Donald" → "Donald Trump", "Mr." → "Mr. Obama").
func extendName(info []tokInfo, isCue []bool, r [2]int, b int) [2]int {
	if last := info[r[1]-1]; last.shape != 'X' && last.shape != 'A' {
		return r
	}
	for r[1] < b && !isCue[r[1]] && (info[r[1]].shape == 'X' || info[r[1]].shape == 'A') && !info[r[1]].pron {
		r[1]++
	}
	return r
}

// extendAppositive grows a source that is followed by a clause set off by
// commas before its cue: "A Russian official, who spoke on condition of
// anonymity, said" gives the source up to and with the last comma, as
// PolNeAR's annotators mark it; a "which" clause stays out ("Teachers,
// which represents educators, said").
func extendAppositive(info []tokInfo, isCue []bool, r [2]int, qs int) [2]int {
	if r[1] < qs && info[qs-1].lower != "," && info[r[1]].lower == "," {
		// The cue is a later verb of the source ("Rendell, a Clinton
		// surrogate, said … and called it …"): the appositive closes at
		// the next comma, before a lower-case word that goes on with the
		// sentence.
		for k := r[1] + 2; k < qs-1 && k-r[1] <= 12; k++ {
			if info[k].lower == "," {
				if n := info[k+1]; n.shape == 'x' && n.lower != "and" && n.lower != "or" && n.lower != "but" {
					qs = k + 1
				}
				break
			}
		}
	}
	if r[1] >= qs || qs-r[1] > 14 || info[qs-1].lower != "," {
		return r
	}
	commas := 0
	for j := r[1]; j < qs-1; j++ {
		t := info[j]
		if isCue[j] || t.shape == 'q' || t.lower == "." || t.lower == ";" || t.lower == ":" || t.lower == "that" || t.lower == "which" {
			return r
		}
		if t.lower == "," {
			commas++
		}
	}
	// The source must itself open the clause: "X, who …," or "X, the …,".
	if info[r[1]-1].lower != "," && (r[1] >= qs || info[r[1]].lower != ",") {
		return r
	}
	if qs-r[1] == 3 && info[r[1]].lower == "," && discourseWords[info[r[1]+1].lower] {
		// "Mr. Okafor, however, said": an aside of the sentence, not of
		// the source.
		return r
	}
	return [2]int{r[0], qs}
}

// discourseWords set off by commas after a source connect the sentence to
// the one before it; they are not part of the source.
var discourseWords = map[string]bool{"however": true, "meanwhile": true, "though": true, "too": true, "instead": true,
	"meantime": true, "nonetheless": true, "nevertheless": true, "moreover": true, "furthermore": true, "likewise": true,
	"therefore": true, "then": true, "also": true, "again": true, "still": true, "now": true}

// wholeMentions grows a source so that it never cuts a named-entity
// mention of d (from a tagger, when one ran) in two, without reaching into
// the cue.
func wholeMentions(d *nlp.Doc, src, cue muster.Span) muster.Span {
	if src.Len() == 0 {
		return src
	}
	for _, m := range d.Mentions {
		if m.Start >= src.End {
			break
		}
		if !m.Overlaps(src) || src.Contains(m.Span) || m.Overlaps(cue) {
			continue
		}
		src.Start = min(src.Start, m.Start)
		src.End = max(src.End, m.End)
	}
	return src
}

// participleSource finds the source of a participial cue the model left
// without one ("Trump defended his tweets, saying …"): the source of the
// sentence's previous attribution, else the name or pronoun that opens the
// sentence.
func participleSource(d *nlp.Doc, info []tokInfo, prev []Attribution, a, qs int) muster.Span {
	start := d.Tokens[a].Start
	for k := len(prev) - 1; k >= 0; k-- {
		p := prev[k]
		if p.Cue.Start < start {
			break
		}
		if p.Source.Len() > 0 {
			return p.Source
		}
	}
	first := info[a]
	switch {
	case first.pron && first.lower != "it" && first.lower != "that" && first.lower != "which" && first.lower != "who" && first.lower != "you":
		return tokenSpan(d, [2]int{a, a + 1})
	case first.shape == 'X' && !determiners[first.lower] && !nonNounWords[first.lower] && first.lex == 0:
		e := a + 1
		for e < qs && (info[e].shape == 'X' || info[e].shape == 'A') {
			e++
		}
		if e < qs && info[e].shape == 'x' && !auxWords[info[e].lower] && !strings.HasSuffix(info[e].lower, "ed") && !strings.HasSuffix(info[e].lower, "s") {
			return muster.Span{} // not a name followed by its verb
		}
		return tokenSpan(d, [2]int{a, e})
	}
	return muster.Span{}
}

// nonNounWords are prepositions, determiners and time words that end a noun
// phrase.
var nonNounWords = map[string]bool{
	"now": true, "today": true, "yesterday": true, "tomorrow": true, "just": true, "this": true, "that": true,
	"on": true, "in": true, "at": true, "of": true, "for": true, "from": true, "with": true, "by": true, "as": true,
	"a": true, "an": true, "the": true, "his": true, "her": true, "their": true, "its": true, "our": true,
	"week": true, "month": true, "year": true, "morning": true, "night": true, "evening": true, "afternoon": true,
	"often": true, "once": true, "soon": true, "too": true, "however": true, "though": true, "even": true, "only": true,
}

// contentRuns joins the content runs of one cue. Runs on both sides of the
// cue make one content, the hull ("“A,” he said, “B”"), except after a
// relative pronoun: in ", which officials said left two dead" the content is
// what follows the cue.
func contentRuns(info []tokInfo, cont, src [][2]int, qs, qe int) ([2]int, bool) {
	if len(cont) == 0 {
		return [2]int{}, false
	}
	var right [][2]int
	left := false
	for _, r := range cont {
		if r[1] <= qs {
			left = true
		} else {
			right = append(right, r)
		}
	}
	if left && len(right) > 0 && (info[qe-1].lower == ":" || qe < len(info) && info[qe].lower == ":") {
		// A cue that a colon ends opens its content ("X said: “…”"):
		// what precedes it is another statement (372 of 386 such
		// relations of PolNeAR's train split have their content after
		// the cue only).
		return [2]int{right[0][0], right[len(right)-1][1]}, true
	}
	if left && len(right) > 0 {
		// The word before the source (or the cue) is a relative pronoun.
		k := qs
		if s, ok := nearestRun(src, qs, qe); ok && s[1] <= qs {
			k = s[0]
		}
		if k > 0 {
			switch info[k-1].lower {
			case "which", "who", "whom", "that", "what":
				return [2]int{right[0][0], right[len(right)-1][1]}, true
			}
		}
		if closedBefore(info, cont, right[0][0], qe) {
			last := cont[0]
			for _, r := range cont {
				if r[1] <= qs {
					last = r
				}
			}
			return [2]int{cont[0][0], last[1]}, true
		}
	}
	return [2]int{cont[0][0], cont[len(cont)-1][1]}, true
}

// closedBefore reports whether the content runs before a cue end in a
// quotation that the words after the cue (up to the first content run
// there, rs) do not reopen: "“He does love us,” Melanie said, and soon …"
// and "“…,” he said, cutting off a reporter" attribute the quotation only,
// while "“A,” he said, “B”" keeps its hull.
func closedBefore(info []tokInfo, cont [][2]int, rs, qe int) bool {
	var lastLeft [2]int
	for _, r := range cont {
		if r[1] < rs {
			lastLeft = r
		}
	}
	closed := false
	for j := lastLeft[1] - 1; j >= lastLeft[0] && j >= lastLeft[1]-2; j-- {
		if info[j].shape == 'q' {
			closed = true
			break
		}
	}
	if !closed {
		return false
	}
	for j := qe; j <= rs && j < len(info); j++ {
		if info[j].shape == 'q' {
			return false
		}
	}
	return true
}

// cueKind names the cue's meaning from its words. A negated speech verb
// ("did not say") is not a denial; only denial verbs are.
func (m *AttributionModel) cueKind(info []tokInfo, qs, qe int) string {
	kind := ""
	for i := qs; i < qe; i++ {
		w := info[i].lower
		if w == "according" || w == "citing" || w == "cited" {
			return KindAccordingTo
		}
		k, ok := m.lex[w]
		if !ok {
			continue
		}
		// The last lexicon word of the cue is its head ("took
		// responsibility", "said in a statement" → said), except that a
		// claim, denial or estimate anywhere wins over plain speech.
		switch {
		case kind == "" || kind == KindSaid || kind == KindBelief || kind == KindEvidence:
			kind = k
		}
	}
	for i := qs; i < qe; i++ {
		switch info[i].lower {
		case "responsibility", "credit":
			return KindClaim
		}
	}
	if kind == "" {
		return KindOther
	}
	return kind
}

// ruleCues adds cues the model cannot learn from political news: "by some
// estimates", "some estimates put", "it was reported that", "an estimated"
// and "took/claimed responsibility", unless a found cue already covers them.
func (m *AttributionModel) ruleCues(d *nlp.Doc, info []tokInfo, isCue []bool, cues [][3]int) [][3]int {
	add := func(si, s, e int) {
		for j := s; j < e; j++ {
			if isCue[j] {
				return
			}
		}
		for j := s; j < e; j++ {
			isCue[j] = true
		}
		cues = append(cues, [3]int{si, s, e})
	}
	added := false
	for si, r := range d.SentenceTokens {
		a, b := r[0], r[1]
		for i := a; i < b; i++ {
			w := info[i].lower
			switch {
			case w == "estimates" && i > a && (info[i-1].lower == "some" || info[i-1].lower == "other" || info[i-1].lower == "many" || info[i-1].lower == "most" || info[i-1].lower == "conservative" || info[i-1].lower == "official"):
				s := i - 1
				if s > a && (info[s-1].lower == "by") {
					s--
				}
				e := i + 1
				if e < b && (info[e].lower == "put" || info[e].lower == "suggest" || info[e].lower == "say" || info[e].lower == "show") {
					e++
				}
				// A model cue inside these words ("estimates", "put")
				// gives way to the whole phrase.
				cues = dropCuesIn(cues, isCue, s, e)
				add(si, s, e)
				added = true
			case (w == "responsibility" || w == "credit") && i > a && !isCue[i] && (info[i-1].lower == "claimed" || info[i-1].lower == "took" || info[i-1].lower == "claim" || info[i-1].lower == "claims" || info[i-1].lower == "takes" || info[i-1].lower == "take" || info[i-1].lower == "claiming" || info[i-1].lower == "taking"):
				add(si, i-1, i+1)
				added = true
			case i+1 < b && !isCue[i] && (info[i+1].lower == "that" || info[i+1].lower == ":") && i > a && (info[i-1].shape == 'x' || info[i-1].shape == 'X' || info[i-1].shape == 'A') && !beWords[info[i-1].lower] && speechVerb(m.lex, w):
				// A reporting verb opening a "that" clause or a colon.
				add(si, i, i+1)
				added = true
			case w == ":" && !isCue[i] && speakerLabel(info, a, i):
				// "Pence: Flowers won't be at the debate", "WALLACE: Let's
				// start": a speaker's name and a colon open the line.
				add(si, i, i+1)
				added = true
			case isDash(w) && !isCue[i] && quoteDash(info, a, b, i):
				// "“…” ― Veronica Cruz": a dash after a quotation names
				// its speaker.
				add(si, i, i+1)
				added = true
			case w == "citing" && !isCue[i]:
				add(si, i, i+1)
				added = true
			case w == "reported" && i-2 >= a && info[i-1].lower == "was" || w == "reported" && i-2 >= a && info[i-1].lower == "been":
				if info[i-2].lower == "it" || (i-3 >= a && info[i-3].lower == "it") {
					if !isCue[i] {
						add(si, i-1, i+1)
						added = true
					}
				}
			}
		}
	}
	if added {
		sortCues(cues)
	}
	return cues
}

// dropCuesIn removes the cues that lie wholly inside the tokens [s,e) and
// unmarks their tokens.
func dropCuesIn(cues [][3]int, isCue []bool, s, e int) [][3]int {
	out := cues[:0]
	for _, c := range cues {
		if c[1] >= s && c[2] <= e {
			for j := c[1]; j < c[2]; j++ {
				isCue[j] = false
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

// speechVerb reports an inflected (not base-form) verb of saying, claiming
// or denying: "hinted", "warns"; base forms are too often nouns ("a
// claim that").
func speechVerb(lex cueLexicon, w string) bool {
	switch lex[w] {
	case KindSaid, KindClaim, KindDeny, KindReport:
	default:
		return false
	}
	return strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") || w == "said" || w == "told" || w == "wrote" || w == "spoke" || w == "swore"
}

// beWords mark a passive ("it was reported that"), left to its own rule.
var beWords = map[string]bool{"is": true, "was": true, "were": true, "are": true, "be": true, "been": true, "being": true}

func sortCues(c [][3]int) {
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && c[j][1] < c[j-1][1]; j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
}

// ruleSpans fixes the source and content of rule shapes the model sees
// rarely: an implicit source for estimates and passive reports, and the
// clause that follows "by some estimates".
func (m *AttributionModel) ruleSpans(d *nlp.Doc, info []tokInfo, at *Attribution, si, qs, qe int) {
	a, b := d.SentenceTokens[si][0], d.SentenceTokens[si][1]
	cue := d.Text[at.Cue.Start:at.Cue.End]
	lc := strings.ToLower(cue)
	if lc == ":" && speakerLabel(info, a, qs) {
		at.Source = tokenSpan(d, [2]int{speakerStart(info, a), qs})
		at.Kind = KindSaid
		end := d.Tokens[b-1].End
		if p := strings.Index(d.Text[end:], "\n"); p >= 0 {
			end += p
		} else {
			end = len(d.Text)
		}
		if qe < b {
			at.Content = trimSpace(d.Text, muster.Span{Start: d.Tokens[qe].Start, End: end})
			// A closing quotation mark around the whole line stays out.
			if c := d.Text[at.Content.Start:at.Content.End]; strings.HasSuffix(c, "\"") && strings.Count(c, "\"")%2 == 1 {
				at.Content.End--
			}
		}
		return
	}
	if isDash(lc) && quoteDash(info, a, b, qs) {
		e := qe
		for e < b && (info[e].shape == 'X' || info[e].shape == 'A') {
			e++
		}
		at.Source = tokenSpan(d, [2]int{qe, e})
		at.Kind = KindSaid
		// The quotation that ends right before the dash.
		closeTok := qs - 1
		open := -1
		for j := closeTok - 1; j >= 0 && j > closeTok-400; j-- {
			if info[j].shape == 'q' && (d.Tokens[j].Text == "“" || d.Tokens[j].Text == `"` || lineStart(d, j)) {
				open = j
				break
			}
		}
		if open >= 0 {
			at.Content = muster.Span{Start: d.Tokens[open].Start, End: d.Tokens[closeTok].End}
		}
		return
	}
	if lc == "citing" {
		citing(d, info, at, a, b, qs, qe)
		return
	}
	if lc == "according to" {
		accordingTo(d, info, at, a, b, qs, qe)
		return
	}
	if at.Content.Len() > 0 && at.Content.Start >= at.Cue.End {
		trimContentStart(d, info, at, b)
	}
	implicit := strings.HasPrefix(lc, "by ") || strings.HasSuffix(lc, "estimates") || strings.HasSuffix(lc, "estimates put") || lc == "was reported" || lc == "been reported"
	if !implicit {
		return
	}
	// The source is unnamed: the estimates, or whoever reported it;
	// unless the verb has a subject in the parse ("The Tax Policy Center
	// estimates that …").
	at.Source = muster.Span{}
	if r, named := subjectSource(info, qs, qe); named && !strings.HasPrefix(lc, "by ") {
		at.Source = tokenSpan(d, r)
	}
	at.Kind = KindEstimate
	if strings.HasSuffix(lc, "reported") {
		at.Kind = KindReport
	}
	// Content: the rest of the sentence after the cue (skipping "that" and
	// a comma), or before it when the cue ends the sentence.
	s := qe
	for s < b && (info[s].lower == "," || info[s].lower == "that") {
		s++
	}
	e := b
	for e > s && info[e-1].shape == 'p' {
		e--
	}
	if s < e {
		at.Content = muster.Span{Start: d.Tokens[s].Start, End: d.Tokens[e-1].End}
		return
	}
	e = qs
	for e > a && info[e-1].shape == 'p' {
		e--
	}
	if a < e {
		at.Content = muster.Span{Start: d.Tokens[a].Start, End: d.Tokens[e-1].End}
	}
}

// trimContentStart drops what the model took for content but modifies the
// cue: "for" after "took responsibility" ("for the attack" → "the
// attack"), and a participle phrase on the cue's noun before "that" ("said
// in a statement posted to Telegram that …" → "that …").
func trimContentStart(d *nlp.Doc, info []tokInfo, at *Attribution, b int) {
	i := tokenAt(d, at.Content.Start)
	if i < 0 {
		return
	}
	w := info[i].lower
	if w == "for" && at.Kind == KindClaim && i+1 < b {
		at.Content.Start = d.Tokens[i+1].Start
		return
	}
	if info[i].shape == 'x' && strings.HasSuffix(w, "ed") && i+1 < b {
		switch info[i+1].lower {
		case "to", "on", "in", "by", "at", "via", "through":
		default:
			return
		}
		for j := i + 2; j < b && j < i+9; j++ {
			if info[j].lower == "that" {
				at.Content.Start = d.Tokens[j].Start
				return
			}
			if info[j].shape == 'p' || info[j].shape == 'q' {
				return
			}
		}
	}
}

// clauseAsSource splits a source before its cue that the model ran over
// the reported clause, leaving the cue no content: in "The talks have
// failed, the envoy said" the clause is the content and "the envoy" the
// source; in "The talks have failed, said Ann Lee" the source is the name
// after the inverted verb.
func clauseAsSource(d *nlp.Doc, info []tokInfo, at *Attribution, a, b, qs, qe int) {
	if at.Source.Len() == 0 || at.Source.End > at.Cue.Start {
		return
	}
	s, e := tokenAt(d, at.Source.Start), tokenAt(d, at.Source.End-1)+1
	if s < a || e > qs {
		return
	}
	if e == qs && info[qs-1].lower == "," && e-s >= 5 {
		if src := nameAfter(d, info, b, qe); src.Len() > 0 && !info[s].inQuote {
			at.Content, at.Source = tokenSpan(d, [2]int{s, e - 1}), src
			return
		}
	}
	for k := e - 2; k > s+4 && k >= e-7; k-- {
		if info[k].lower == "," {
			at.Content, at.Source = tokenSpan(d, [2]int{s, k}), tokenSpan(d, [2]int{k + 1, e})
			return
		}
	}
}

// fallbackContent gives a cue the model left without content the clause
// the cue's position implies: the words before a postposed "…, officials
// said." (up to the comma), or the words after "said that …".
func fallbackContent(d *nlp.Doc, info []tokInfo, at *Attribution, a, b, qs, qe int) {
	end := b
	for end > a && info[end-1].shape == 'p' {
		end--
	}
	after := qe
	if at.Source.Len() > 0 && at.Source.Start >= at.Cue.End {
		after = tokenAt(d, at.Source.End-1) + 1
	}
	switch {
	case after >= end && qs > a:
		// Postposed: content is what precedes the source and cue.
		k := qs
		if at.Source.Len() > 0 && at.Source.End <= at.Cue.Start {
			k = tokenAt(d, at.Source.Start)
		}
		for k > a && info[k-1].shape == 'p' {
			k--
		}
		if k > a {
			at.Content = tokenSpan(d, [2]int{a, k})
		}
	case qe < end && (info[qe].lower == "that" || info[qe].lower == ":"):
		at.Content = tokenSpan(d, [2]int{qe, end})
	case after < end && info[after].lower == ",":
		// Parenthetical: "A, he said, and B" marks the sentence around
		// the source and cue, as PolNeAR does.
		k := qs
		if at.Source.Len() > 0 && at.Source.End <= at.Cue.Start {
			k = tokenAt(d, at.Source.Start)
		}
		if k-1 > a && info[k-1].lower == "," {
			at.Content = tokenSpan(d, [2]int{a, end})
		}
	}
}

// speakerLabel reports a line that opens with a speaker's name and a
// colon: one to four capitalised words at the start of the sentence (after
// an opening quotation mark), not a label such as "Note" or "Update".
func speakerLabel(info []tokInfo, a, colon int) bool {
	s := speakerStart(info, a)
	if colon-s < 1 || colon-s > 4 || colon+1 >= len(info) {
		return false
	}
	for j := s; j < colon; j++ {
		t := info[j]
		if (t.shape != 'X' && t.shape != 'A') || t.pron || notSpeakers[t.lower] || t.lex != 0 && colon-s == 1 {
			return false
		}
	}
	return true
}

// speakerStart skips an opening quotation mark at the start of a line.
func speakerStart(info []tokInfo, a int) int {
	if a < len(info) && info[a].shape == 'q' {
		return a + 1
	}
	return a
}

// notSpeakers are labels that take a colon but say nothing.
var notSpeakers = map[string]bool{"note": true, "update": true, "updated": true, "correction": true, "editor": true, "photo": true,
	"source": true, "sources": true, "related": true, "watch": true, "read": true, "more": true, "video": true, "question": true,
	"answer": true, "q": true, "a": true, "the": true, "this": true, "here": true, "why": true, "what": true, "how": true, "when": true,
	"where": true, "who": true, "step": true, "part": true, "chapter": true, "day": true, "breaking": true, "exclusive": true,
	"analysis": true, "opinion": true, "live": true, "warning": true, "disclaimer": true, "subscribe": true}

// lineStart reports whether token i opens a line: a quotation mark there
// opens the quotation whatever its shape ("”What …” ― Name", a typo that
// comment round-ups carry).
func lineStart(d *nlp.Doc, i int) bool {
	if i == 0 {
		return true
	}
	return strings.Contains(d.Text[d.Tokens[i-1].End:d.Tokens[i].Start], "\n")
}

func isDash(w string) bool { return w == "―" || w == "—" || w == "–" || w == "--" }

// quoteDash reports "”" + dash + a capitalised word.
func quoteDash(info []tokInfo, a, b, i int) bool {
	return i > a && info[i-1].shape == 'q' && i+1 < b && (info[i+1].shape == 'X' || info[i+1].shape == 'A') && !info[i+1].pron
}

// trimSpace trims white space at both ends of a span.
func trimSpace(text string, s muster.Span) muster.Span {
	for s.Start < s.End && (text[s.Start] == ' ' || text[s.Start] == '\t' || text[s.Start] == '\n' || text[s.Start] == '\r') {
		s.Start++
	}
	for s.End > s.Start && (text[s.End-1] == ' ' || text[s.End-1] == '\t' || text[s.End-1] == '\n' || text[s.End-1] == '\r') {
		s.End--
	}
	return s
}

// parensOpen reports whether the tokens [s,e) open more parentheses than
// they close.
func parensOpen(info []tokInfo, s, e int) bool {
	n := 0
	for i := s; i < e; i++ {
		switch info[i].lower {
		case "(":
			n++
		case ")":
			n--
		}
	}
	return n > 0
}

// accordingTo bounds "according to X": the source X runs to the next
// comma or the end of the sentence, and the content is the rest of the
// sentence: after the comma when the cue opens it ("According to X, Y"),
// before the cue when it closes it ("Y, according to X."), both sides when
// it interrupts ("The group, according to X, has …").
func accordingTo(d *nlp.Doc, info []tokInfo, at *Attribution, a, b, qs, qe int) {
	end := b
	for end > a && (info[end-1].shape == 'p' || info[end-1].shape == 'q' && info[end-1].lower == "”") {
		end--
	}
	e := qe
	for e < end && info[e].lower != "," && info[e].lower != ";" && info[e].lower != "--" && info[e].lower != "—" {
		e++
	}
	if e == qe {
		return // leave the model's spans
	}
	src := e
	if src < b && info[src].lower == ")" && parensOpen(info, qe, src) {
		src++ // "according to the organiser Alliance for Schools (AfS)."
	}
	at.Source = tokenSpan(d, [2]int{qe, src})
	left := qs
	for left > a && (info[left-1].lower == "," || info[left-1].lower == "--" || info[left-1].lower == "—") {
		left--
	}
	switch {
	case left == a && e < end:
		at.Content = tokenSpan(d, [2]int{e + 1, end})
	case left > a && e >= end:
		at.Content = tokenSpan(d, [2]int{a, left})
	case left > a && e < end && e+1 < end && appositiveWords[info[e+1].lower]:
		// "Y, according to X, whose conclusions …": an appositive on X
		// follows, and the content is Y.
		at.Content = tokenSpan(d, [2]int{a, left})
	case left > a && e < end:
		at.Content = tokenSpan(d, [2]int{a, end})
	}
}

// appositiveWords open a phrase set off by commas that describes the noun
// before it.
var appositiveWords = map[string]bool{"who": true, "whose": true, "which": true, "a": true, "an": true, "the": true}

// citing reads "X …, citing Y" as PolNeAR's annotators do (all 29 such
// relations of the first annotator of its train split): X, who cites, is
// the source (the subject of the verb "citing" hangs on, in the parse)
// and Y, what is cited, the content, up to a comma or the end of the
// sentence: "Trump, citing a poll, said …" has the source Trump and the
// content "a poll". The statement X makes has its own cue ("said"), and
// its content holds the claim, so the source of a claim is unchanged.
// Without a parse, or with no subject in it, the model's source stays
// when it lies outside Y.
func citing(d *nlp.Doc, info []tokInfo, at *Attribution, a, b, qs, qe int) {
	e := qe
	for e < b && info[e].lower != "," && info[e].shape != 'p' {
		e++
	}
	if e == qe {
		return
	}
	y := tokenSpan(d, [2]int{qe, e})
	at.Content = y
	if r, ok := subjectSource(info, qs, qe); ok {
		at.Source = tokenSpan(d, r)
	} else if at.Source.Overlaps(y) {
		at.Source = muster.Span{}
	}
}

// continueQuote extends the content of a postposed cue ("“A,” he said.")
// over the quotation that opens the next sentence and has no cue of its
// own: "“A,” he said. “B. C.”" attributes B and C too.
func continueQuote(d *nlp.Doc, info []tokInfo, isCue []bool, at *Attribution, si, qe int) {
	if si+1 >= len(d.SentenceTokens) || at.Content.Len() == 0 || at.Content.Start >= at.Cue.Start || isDash(d.Text[at.Cue.Start:at.Cue.End]) {
		// After "“A.” ― Name" the next quotation is the next
		// person's.
		return
	}
	// The content before the cue is quoted or ends in a quotation: "Both
	// parties “saw Burma as …,” said X. “In that sense …”".
	if c := strings.TrimRight(d.Text[at.Content.Start:min(at.Content.End, at.Cue.Start)], " ,"); !at.Direct &&
		!strings.HasSuffix(c, "”") && !strings.HasSuffix(c, `"`) && !strings.HasSuffix(c, "''") {
		return
	}
	// The rest of the sentence, whatever it holds ("“A,” he told
	// InsideSources. “B.”", "“A,” said X, who led the DNC. “B.”"), must
	// open no quotation and hold no other cue.
	b := d.SentenceTokens[si][1]
	if at.Source.End > at.Cue.End {
		qe = max(qe, tokenAt(d, at.Source.End-1)+1)
	}
	for i := qe; i < b; i++ {
		if info[i].shape == 'q' || isCue[i] {
			return
		}
	}
	na, nb := d.SentenceTokens[si+1][0], d.SentenceTokens[si+1][1]
	if na >= nb || info[na].shape != 'q' || info[na].lower == "”" {
		return
	}
	if strings.Count(d.Text[d.Tokens[b-1].End:d.Tokens[na].Start], "\n") >= 2 {
		return
	}
	for i := na; i < nb; i++ {
		if isCue[i] {
			return
		}
	}
	c := extendQuote(d, muster.Span{Start: d.Tokens[na].Start, End: d.Tokens[nb-1].End})
	at.Content.End = c.End
}

// tokenAt returns the index of the token that contains byte off, or -1.
func tokenAt(d *nlp.Doc, off int) int {
	lo, hi := 0, len(d.Tokens)
	for lo < hi {
		m := (lo + hi) / 2
		switch {
		case off < d.Tokens[m].Start:
			hi = m
		case off >= d.Tokens[m].End:
			lo = m + 1
		default:
			return m
		}
	}
	return -1
}

// extendQuote extends content that opens a quotation without closing it to
// the closing mark, across sentences but not across a blank line: a quote
// spanning sentences is one content.
func extendQuote(d *nlp.Doc, c muster.Span) muster.Span {
	if c.Len() == 0 {
		return c
	}
	s := d.Text[c.Start:c.End]
	open := strings.Count(s, "“") - strings.Count(s, "”")
	straight := strings.Count(s, `"`) % 2
	mark := `"`
	if straight == 0 && strings.Count(s, "''")%2 == 1 {
		straight, mark = 1, "''"
	}
	if open <= 0 && straight == 0 {
		return c
	}
	if open <= 0 && !strings.HasPrefix(s, mark) && strings.HasSuffix(strings.TrimRight(s, ",.!? "), mark) {
		// `A. B," he said`: the mark closes a quotation opened before
		// the content (extendQuoteBack's case), and the next one opens
		// another.
		return c
	}
	rest := d.Text[c.End:]
	if p := strings.Index(rest, "\n\n"); p >= 0 {
		rest = rest[:p]
	}
	var end int
	if open > 0 {
		end = strings.Index(rest, "”")
		if end >= 0 {
			end += len("”")
		}
	} else {
		end = strings.Index(rest, mark)
		if end >= 0 {
			end += len(mark)
		}
	}
	if end < 0 || end > 2000 {
		return c
	}
	return muster.Span{Start: c.Start, End: c.End + end}
}

// extendQuoteBack extends content that closes a quotation it did not open
// back to the opening mark, across sentences but not across a blank line:
// in "“A. B,” he said" the content is the whole quotation, though the
// model, deciding within the cue's sentence, gives "B,”" only.
func extendQuoteBack(d *nlp.Doc, c muster.Span) muster.Span {
	if c.Len() == 0 {
		return c
	}
	s := d.Text[c.Start:c.End]
	var open, close string
	switch {
	case strings.Count(s, "”") > strings.Count(s, "“"):
		open, close = "“", "”"
	case strings.HasSuffix(strings.TrimRight(s, ",.!? "), `"`) && strings.Count(s, `"`)%2 == 1:
		open, close = `"`, `"`
	case strings.HasSuffix(strings.TrimRight(s, ",.!? "), "''") && strings.Count(s, "''")%2 == 1:
		open, close = "''", "''"
	default:
		return c
	}
	lo := max(0, c.Start-2000)
	before := d.Text[lo:c.Start]
	if p := strings.LastIndex(before, "\n\n"); p >= 0 {
		before, lo = before[p+2:], lo+p+2
	}
	p := strings.LastIndex(before, open)
	if p < 0 || open != close && strings.Contains(before[p:], close) || open == close && strings.Count(before, open)%2 == 0 {
		return c
	}
	return muster.Span{Start: lo + p, End: c.End}
}

// isQuoted reports whether the content is quoted speech: it starts with a
// quotation mark, or is enclosed in one.
func isQuoted(text string, c muster.Span) bool {
	if c.Len() == 0 {
		return false
	}
	s := text[c.Start:c.End]
	if strings.HasPrefix(s, "“") || strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "‘") || strings.HasPrefix(s, "''") {
		return true
	}
	if strings.HasPrefix(s, "”") && strings.HasSuffix(s, "”") && len(s) > len("””") {
		return true // "”What …”": a typo for the opening mark
	}
	before := strings.TrimRight(text[:c.Start], " ")
	return strings.HasSuffix(before, "“") || strings.HasSuffix(before, `"`)
}
