package eval

// Attribution scoring against PolNeAR (Newell, Margolin, Ruths, LREC 2018):
// news articles in which annotators marked every attribution relation as a
// source, a cue and a content span.
//
// How the figures are defined (issue 4):
//
//   - Gold: for each article the first annotator's set (annotations[0]); a
//     few articles carry several annotators and the others are ignored. Each
//     brat E line is one relation; its Source, Cue and Content T spans are
//     taken as they are (a relation may lack a source). A discontinuous span
//     ("a;b") keeps its fragments: exact matching compares its hull (first
//     start, last end), token overlap uses the tokens of the fragments only.
//   - Spans are scored per slot (source, cue, content) and per article, as
//     multisets: a span shared by two relations counts twice on both sides.
//   - Exact: a predicted span is correct when it equals a not yet matched gold
//     span of the same slot in the same article, byte for byte, after
//     trimming white space at both ends of both spans. P = correct/predicted,
//     R = correct/gold.
//   - Overlap: tokens are maximal runs of letters and digits (punctuation and
//     quotes do not count). Every (predicted, gold) pair of one slot in one
//     article gets the F1 of their token sets; pairs are matched one to one
//     greedily from the highest F1 down (ties by position), pairs with F1 0
//     never match; a span with no such token (a cue ":" or "—") scores 1
//     against an identical span and 0 otherwise. Overlap precision is the sum of matched F1 over the
//     predicted spans, overlap recall that sum over the gold spans, and
//     overlap F1 their harmonic mean. An exact match thus scores 1, a
//     predicted span that covers half of a gold span's tokens and nothing
//     else 0.67.

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

// AttributionSlots names the three scored slots in report order.
var AttributionSlots = [3]string{"source", "cue", "content"}

// AttributionSpans is one predicted attribution relation as byte spans of the
// article's text. A zero-length span means the slot is absent (an implicit
// source, say) and is not scored.
type AttributionSpans struct {
	Source, Cue, Content muster.Span
}

// Attributor extracts attribution relations from a text. eval takes it as a
// function value so that it need not import the extractor.
type Attributor func(text string) []AttributionSpans

// GoldAttribution is one annotated relation: each slot is the byte-span
// fragments of its brat T annotation, nil when the annotator gave none.
type GoldAttribution struct {
	Source, Cue, Content []muster.Span
}

// PolNeARArticle is one article of PolNeAR with its first annotator's
// relations in byte spans.
type PolNeARArticle struct {
	Split     string
	Article   string
	Publisher string
	Text      string
	Gold      []GoldAttribution
	// Others holds the sets of the other annotators, when there are any,
	// for measuring agreement (AttributionAgreement).
	Others [][]GoldAttribution
}

// ReadPolNeAR reads PolNeAR's gzipped JSON Lines (one article a line, see
// ../shared/data/polnear/README.md) and returns the articles of split, or
// of every split when split is "". Character offsets in the brat annotations
// are converted to byte spans. name is used in errors.
func ReadPolNeAR(ctx context.Context, r io.Reader, name, split string) ([]PolNeARArticle, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("polnear %s: %w", name, err)
	}
	defer zr.Close()
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var out []PolNeARArticle
	line := 0
	for sc.Scan() {
		line++
		if line%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var rec struct {
			Split       string `json:"split"`
			Article     string `json:"article"`
			Publisher   string `json:"publisher"`
			Text        string `json:"text"`
			Annotations []struct {
				Annotator string `json:"annotator"`
				BratAnn   string `json:"brat_ann"`
			} `json:"annotations"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("polnear %s line %d: %w", name, line, err)
		}
		if split != "" && rec.Split != split {
			continue
		}
		a := PolNeARArticle{Split: rec.Split, Article: rec.Article, Publisher: rec.Publisher, Text: rec.Text}
		if len(rec.Annotations) > 0 {
			a.Gold, err = parseBrat(rec.Text, rec.Annotations[0].BratAnn)
			if err != nil {
				return nil, fmt.Errorf("polnear %s line %d (%s): %w", name, line, rec.Article, err)
			}
			for _, o := range rec.Annotations[1:] {
				g, err := parseBrat(rec.Text, o.BratAnn)
				if err != nil {
					return nil, fmt.Errorf("polnear %s line %d (%s, annotator %s): %w", name, line, rec.Article, o.Annotator, err)
				}
				a.Others = append(a.Others, g)
			}
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("polnear %s line %d: %w", name, line, err)
	}
	return out, nil
}

// LoadPolNeAR opens the PolNeAR file at path and reads split from it.
func LoadPolNeAR(ctx context.Context, path, split string) ([]PolNeARArticle, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("polnear: %w", err)
	}
	defer f.Close()
	return ReadPolNeAR(ctx, f, path, split)
}

// parseBrat turns brat standoff into relations. Offsets count code points
// into text.
func parseBrat(text, ann string) ([]GoldAttribution, error) {
	// byteAt[i] is the byte offset of code point i (and of the end).
	byteAt := make([]int, 0, len(text)+1)
	for i := range text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(text))
	spans := map[string][]muster.Span{}
	var rels [][]string
	for n, line := range strings.Split(ann, "\n") {
		if line == "" {
			continue
		}
		f := strings.Split(line, "\t")
		switch {
		case !isBratID(f[0]):
			// A continuation of a multi-line span text, or a line type
			// (note, attribute) that is not scored.
			continue
		case f[0][0] == 'T':
			if len(f) < 2 {
				return nil, fmt.Errorf("brat line %d: no type and offsets in %q", n+1, line)
			}
			typ, offs, ok := strings.Cut(f[1], " ")
			if !ok {
				return nil, fmt.Errorf("brat line %d: no offsets in %q", n+1, line)
			}
			if typ != "Source" && typ != "Cue" && typ != "Content" {
				continue
			}
			var frags []muster.Span
			for _, fr := range strings.Split(offs, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(fr), " ")
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || s < 0 || e < s || e >= len(byteAt) {
					return nil, fmt.Errorf("brat line %d: bad offsets %q", n+1, fr)
				}
				frags = append(frags, muster.Span{Start: byteAt[s], End: byteAt[e]})
			}
			spans[f[0]] = frags
		case f[0][0] == 'E':
			if len(f) < 2 {
				return nil, fmt.Errorf("brat line %d: no arguments in %q", n+1, line)
			}
			rels = append(rels, strings.Fields(f[1]))
		}
	}
	var out []GoldAttribution
	for _, args := range rels {
		var g GoldAttribution
		for _, a := range args {
			role, id, ok := strings.Cut(a, ":")
			if !ok {
				continue
			}
			switch role {
			case "Source":
				g.Source = spans[id]
			case "Cue":
				g.Cue = spans[id]
			case "Content":
				g.Content = spans[id]
			}
		}
		out = append(out, g)
	}
	return out, nil
}

// isBratID reports whether s is a brat annotation id such as T12 or E3.
func isBratID(s string) bool {
	if len(s) < 2 || (s[0] != 'T' && s[0] != 'E') {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// SpanScore is one slot's figures: exact-match and token-overlap precision,
// recall and F1, and the number of gold (N) and predicted spans.
type SpanScore struct {
	Precision        float64 `json:"precision"`
	Recall           float64 `json:"recall"`
	F1               float64 `json:"f1"`
	OverlapPrecision float64 `json:"overlap_precision"`
	OverlapRecall    float64 `json:"overlap_recall"`
	OverlapF1        float64 `json:"overlap_f1"`
	N                int     `json:"n"`
	Predicted        int     `json:"predicted"`

	correct    int
	overlapSum float64
}

func (s *SpanScore) finish() {
	s.Precision, s.Recall, s.F1 = prf(float64(s.correct), float64(s.Predicted), float64(s.N))
	s.OverlapPrecision, s.OverlapRecall, s.OverlapF1 = prf(s.overlapSum, float64(s.Predicted), float64(s.N))
}

func prf(tp, pred, gold float64) (p, r, f float64) {
	if pred > 0 {
		p = tp / pred
	}
	if gold > 0 {
		r = tp / gold
	}
	return p, r, fMeasure(p, r)
}

// AttributionMiss is one gold span of a slot that no predicted span matched
// exactly, with the predicted span that overlapped it best ("" if none), for
// study with --errors.
type AttributionMiss struct {
	Slot      string
	Article   string
	Gold      string
	Predicted string
	Context   string // the gold span's sentence-ish neighbourhood
}

// AttributionResult is the outcome of ScoreAttribution.
type AttributionResult struct {
	Task     string               `json:"task"`
	Dataset  string               `json:"dataset"`
	Split    string               `json:"split"`
	N        int                  `json:"n"`
	DocsPerS float64              `json:"docs_per_s"`
	Metrics  map[string]SpanScore `json:"metrics"`
	// Misses holds up to the requested number of misses per slot.
	Misses []AttributionMiss `json:"-"`
	// Spurious holds up to that many predicted spans per slot that match
	// no gold span exactly (Gold is empty).
	Spurious []AttributionMiss `json:"-"`
}

// ScoreAttribution runs extract on every article and scores its spans
// against the gold relations as described at the top of this file. It keeps
// up to maxMisses misses per slot. The time spent in extract alone gives
// DocsPerS.
func ScoreAttribution(ctx context.Context, articles []PolNeARArticle, split string, extract Attributor, maxMisses int) (AttributionResult, error) {
	res := AttributionResult{Task: "attribution", Dataset: "polnear", Split: split, Metrics: map[string]SpanScore{}}
	scores := make([]SpanScore, 3)
	misses, extra := make([]int, 3), make([]int, 3)
	var spent time.Duration
	for _, a := range articles {
		if err := ctx.Err(); err != nil {
			return res, err
		}
		t0 := time.Now()
		pred := extract(a.Text)
		spent += time.Since(t0)
		res.N++
		for slot := range 3 {
			var gold [][]muster.Span
			for _, g := range a.Gold {
				if fr := goldSlot(g, slot); len(fr) > 0 {
					gold = append(gold, fr)
				}
			}
			var got []muster.Span
			for _, p := range pred {
				s := predSlot(p, slot)
				if s.Len() > 0 && s.Valid(len(a.Text)) {
					got = append(got, s)
				}
			}
			unmatched, best, spurious := scoreSlot(a.Text, gold, got, &scores[slot])
			for _, gi := range unmatched {
				if misses[slot] >= maxMisses {
					break
				}
				misses[slot]++
				m := AttributionMiss{Slot: AttributionSlots[slot], Article: a.Article, Gold: fragText(a.Text, gold[gi]), Context: SpanContext(a.Text, hull(gold[gi]), 200)}
				if b := best[gi]; b >= 0 {
					m.Predicted = a.Text[got[b].Start:got[b].End]
				}
				res.Misses = append(res.Misses, m)
			}
			for _, pi := range spurious {
				if extra[slot] >= maxMisses {
					break
				}
				extra[slot]++
				res.Spurious = append(res.Spurious, AttributionMiss{Slot: AttributionSlots[slot], Article: a.Article, Predicted: a.Text[got[pi].Start:got[pi].End], Context: SpanContext(a.Text, got[pi], 200)})
			}
		}
	}
	for slot, name := range AttributionSlots {
		scores[slot].finish()
		res.Metrics[name] = scores[slot]
	}
	if spent > 0 {
		res.DocsPerS = float64(res.N) / spent.Seconds()
	}
	return res, nil
}

// AttributionAgreement scores the annotators of the articles that have
// several against each other, with the measures of ScoreAttribution: for
// every pair of annotators of an article, the later one's spans (a
// discontinuous span taken as its hull, as a prediction is) against the
// earlier one's. Every pair counts, not only the first annotator against
// the others: the gold of the articles with one annotator comes from all
// six PolNeAR annotators alike, so the ceiling a system can reach is the
// agreement of any two of them, and the first (4b22 on every such article)
// is one annotator among six. Exact figures are symmetric in the pair;
// overlap figures nearly so. N counts compared (article, pair) units. It
// gives the human ceiling of the figures.
func AttributionAgreement(articles []PolNeARArticle, split string) AttributionResult {
	res := AttributionResult{Task: "attribution-agreement", Dataset: "polnear", Split: split, Metrics: map[string]SpanScore{}}
	scores := make([]SpanScore, 3)
	for _, a := range articles {
		sets := append([][]GoldAttribution{a.Gold}, a.Others...)
		for i := range sets {
			for j := i + 1; j < len(sets); j++ {
				res.N++
				for slot := range 3 {
					var gold [][]muster.Span
					for _, g := range sets[i] {
						if fr := goldSlot(g, slot); len(fr) > 0 {
							gold = append(gold, fr)
						}
					}
					var got []muster.Span
					for _, g := range sets[j] {
						if fr := goldSlot(g, slot); len(fr) > 0 {
							got = append(got, hull(fr))
						}
					}
					scoreSlot(a.Text, gold, got, &scores[slot])
				}
			}
		}
	}
	for slot, name := range AttributionSlots {
		scores[slot].finish()
		res.Metrics[name] = scores[slot]
	}
	return res
}

func goldSlot(g GoldAttribution, slot int) []muster.Span {
	switch slot {
	case 0:
		return g.Source
	case 1:
		return g.Cue
	}
	return g.Content
}

func predSlot(p AttributionSpans, slot int) muster.Span {
	switch slot {
	case 0:
		return p.Source
	case 1:
		return p.Cue
	}
	return p.Content
}

// scoreSlot adds one article's slot to sc and returns the indexes of gold
// spans without an exact match and, for each gold span, the predicted span
// it was overlap-matched to (-1 if none).
func scoreSlot(text string, gold [][]muster.Span, pred []muster.Span, sc *SpanScore) (unmatched, best, spurious []int) {
	sc.N += len(gold)
	sc.Predicted += len(pred)
	// Exact, one to one.
	used := make([]bool, len(pred))
	for gi, g := range gold {
		h := trim(text, hull(g))
		found := false
		for pi, p := range pred {
			if !used[pi] && trim(text, p) == h {
				used[pi] = true
				found = true
				sc.correct++
				break
			}
		}
		if !found {
			unmatched = append(unmatched, gi)
		}
	}
	for pi := range pred {
		if !used[pi] {
			spurious = append(spurious, pi)
		}
	}
	// Overlap, one to one, greedy by F1.
	goldToks := make([][]muster.Span, len(gold))
	for gi, g := range gold {
		for _, f := range g {
			goldToks[gi] = append(goldToks[gi], wordTokens(text, f)...)
		}
	}
	predToks := make([][]muster.Span, len(pred))
	for pi, p := range pred {
		predToks[pi] = wordTokens(text, p)
	}
	type pair struct {
		g, p int
		f1   float64
	}
	var pairs []pair
	for gi := range gold {
		for pi := range pred {
			f := tokenF1(goldToks[gi], predToks[pi])
			if (len(goldToks[gi]) == 0 || len(predToks[pi]) == 0) && trim(text, hull(gold[gi])) == trim(text, pred[pi]) {
				f = 1 // punctuation-only spans (":", "—") match when equal
			}
			if f > 0 {
				pairs = append(pairs, pair{gi, pi, f})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].f1 > pairs[j].f1 })
	best = make([]int, len(gold))
	for i := range best {
		best[i] = -1
	}
	pUsed := make([]bool, len(pred))
	for _, pr := range pairs {
		if best[pr.g] >= 0 || pUsed[pr.p] {
			continue
		}
		best[pr.g] = pr.p
		pUsed[pr.p] = true
		sc.overlapSum += pr.f1
	}
	return unmatched, best, spurious
}

// wordTokens returns the maximal runs of letters and digits that overlap s.
func wordTokens(text string, s muster.Span) []muster.Span {
	var out []muster.Span
	// A span that starts inside a word counts that whole word.
	i := s.Start
	if r, _ := utf8.DecodeRuneInString(text[i:]); i < len(text) && isWordChar(r) {
		for i > 0 {
			r, w := utf8.DecodeLastRuneInString(text[:i])
			if !isWordChar(r) {
				break
			}
			i -= w
		}
	}
	start := -1
	for i < len(text) {
		r, w := utf8.DecodeRuneInString(text[i:])
		if isWordChar(r) {
			if start < 0 {
				if i >= s.End {
					break
				}
				start = i
			}
		} else if start >= 0 {
			out = append(out, muster.Span{Start: start, End: i})
			start = -1
			if i >= s.End {
				break
			}
		}
		i += w
	}
	if start >= 0 {
		out = append(out, muster.Span{Start: start, End: i})
	}
	return out
}

func isWordChar(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// tokenF1 is the F1 of two sorted token lists compared by position.
func tokenF1(a, b []muster.Span) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	common, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].Start == b[j].Start:
			common++
			i++
			j++
		case a[i].Start < b[j].Start:
			i++
		default:
			j++
		}
	}
	if common == 0 {
		return 0
	}
	return fMeasure(float64(common)/float64(len(b)), float64(common)/float64(len(a)))
}

func hull(fr []muster.Span) muster.Span {
	h := fr[0]
	for _, f := range fr[1:] {
		h.Start = min(h.Start, f.Start)
		h.End = max(h.End, f.End)
	}
	return h
}

func trim(text string, s muster.Span) muster.Span {
	for s.Start < s.End && isSpaceByte(text[s.Start]) {
		s.Start++
	}
	for s.End > s.Start && isSpaceByte(text[s.End-1]) {
		s.End--
	}
	return s
}

func isSpaceByte(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func fragText(text string, fr []muster.Span) string {
	parts := make([]string, len(fr))
	for i, f := range fr {
		parts[i] = text[f.Start:f.End]
	}
	return strings.Join(parts, " … ")
}

// SpanContext returns span s of text with up to n bytes either side, on rune
// boundaries, the span in brackets and runs of white space (line breaks
// included) flattened to one space: the one-line context that error
// listings print beside a miss.
func SpanContext(text string, s muster.Span, n int) string {
	a, b := max(0, s.Start-n), min(len(text), s.End+n)
	for a > 0 && !utf8.RuneStart(text[a]) {
		a--
	}
	for b < len(text) && !utf8.RuneStart(text[b]) {
		b++
	}
	out := text[a:s.Start] + "[" + text[s.Start:s.End] + "]" + text[s.End:b]
	return strings.Join(strings.Fields(out), " ")
}

// WriteReport prints the result as a table: slot | P | R | F1 (exact) |
// F1 (overlap) | n, then documents per second and the misses.
func (r AttributionResult) WriteReport(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if r.Task == "attribution-agreement" {
		split := r.Split
		fmt.Fprintf(bw, "annotator agreement on polnear %s: %d (article, annotator pair) units, every pair of annotators\n", split, r.N)
	} else {
		fmt.Fprintf(bw, "attribution on polnear %s: %d documents, %.1f docs/s\n", r.Split, r.N, r.DocsPerS)
	}
	fmt.Fprintf(bw, "%-8s %6s %6s %11s %6s %6s %13s %6s %6s\n", "slot", "P", "R", "F1(exact)", "oP", "oR", "F1(overlap)", "n", "pred")
	for _, name := range AttributionSlots {
		s := r.Metrics[name]
		fmt.Fprintf(bw, "%-8s %6.3f %6.3f %11.3f %6.3f %6.3f %13.3f %6d %6d\n", name, s.Precision, s.Recall, s.F1, s.OverlapPrecision, s.OverlapRecall, s.OverlapF1, s.N, s.Predicted)
	}
	for _, m := range r.Misses {
		fmt.Fprintf(bw, "\nmiss %s in %s\n  gold: %q\n  best: %q\n  text: %s\n", m.Slot, m.Article, m.Gold, m.Predicted, m.Context)
	}
	for _, m := range r.Spurious {
		fmt.Fprintf(bw, "\nspurious %s in %s\n  pred: %q\n  text: %s\n", m.Slot, m.Article, m.Predicted, m.Context)
	}
	return bw.Flush()
}
