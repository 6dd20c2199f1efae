package eval

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/muster-osint/muster"
)

// polnearLine builds one PolNeAR record.
func polnearLine(t *testing.T, split, text string, anns ...string) string {
	t.Helper()
	type ann struct {
		Annotator string `json:"annotator"`
		BratAnn   string `json:"brat_ann"`
	}
	rec := struct {
		Split       string `json:"split"`
		Article     string `json:"article"`
		Text        string `json:"text"`
		Annotations []ann  `json:"annotations"`
	}{Split: split, Article: "a-" + split, Text: text}
	for i, a := range anns {
		rec.Annotations = append(rec.Annotations, ann{Annotator: string(rune('a' + i)), BratAnn: a})
	}
	b, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}

func gz(t *testing.T, s string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadPolNeAR(t *testing.T) {
	// "é" is two bytes: offsets after it count one code point less than bytes.
	text := "Café owners said “prices rose,” and he added that\nsales fell."
	ann := strings.Join([]string{
		"T1\tSource 0 11\tCafé owners",
		"T2\tCue 12 16\tsaid",
		"T3\tContent 17 31\t“prices rose,”",
		"T4\tAttribution 12 16\tsaid",
		"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
		"T5\tCue 39 44;45 49\tadded that",
		"T6\tContent 50 60\tsales",
		"fell.", // a span text running over a line break
		"E2\tAttribution:T5 Content:T6 Cue:T5",
		"#1\tAnnotatorNotes T1\tnote",
	}, "\n")
	data := gz(t, polnearLine(t, "dev", text, ann, "E1\tCue:T9")+polnearLine(t, "train", "x", ""))
	arts, err := ReadPolNeAR(context.Background(), bytes.NewReader(data), "test.gz", "dev")
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 1 {
		t.Fatalf("got %d dev articles, want 1", len(arts))
	}
	a := arts[0]
	slice := func(fr []muster.Span) []string {
		var out []string
		for _, f := range fr {
			out = append(out, a.Text[f.Start:f.End])
		}
		return out
	}
	got := [][]string{slice(a.Gold[0].Source), slice(a.Gold[0].Cue), slice(a.Gold[0].Content), slice(a.Gold[1].Source), slice(a.Gold[1].Cue), slice(a.Gold[1].Content)}
	want := [][]string{{"Café owners"}, {"said"}, {"“prices rose,”"}, nil, {"added", "that"}, {"sales fell"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("gold spans (-want +got):\n%s", diff)
	}
	if len(a.Others) != 1 {
		t.Errorf("got %d other annotators, want 1", len(a.Others))
	}
}

func TestReadPolNeARErrors(t *testing.T) {
	for name, data := range map[string][]byte{
		"not gzip":        []byte("plain"),
		"bad json":        gz(t, "{\n"),
		"offset too far":  gz(t, polnearLine(t, "dev", "abc", "T1\tCue 0 9\tabc")),
		"offsets missing": gz(t, polnearLine(t, "dev", "abc", "T1\tCue\tabc")),
	} {
		if _, err := ReadPolNeAR(context.Background(), bytes.NewReader(data), name, ""); err == nil {
			t.Errorf("%s: ReadPolNeAR gave no error", name)
		}
	}
}

func TestScoreAttribution(t *testing.T) {
	text := "Officials said the bridge was destroyed, and the mayor told reporters that nobody was hurt."
	sp := func(s string) []muster.Span {
		i := strings.Index(text, s)
		return []muster.Span{{Start: i, End: i + len(s)}}
	}
	one := func(s string) muster.Span { return sp(s)[0] }
	art := PolNeARArticle{Article: "x", Text: text, Gold: []GoldAttribution{
		{Source: sp("Officials"), Cue: sp("said"), Content: sp("the bridge was destroyed")},
		{Source: sp("the mayor"), Cue: sp("told reporters"), Content: sp("that nobody was hurt")},
	}}
	pred := func(string) []AttributionSpans {
		return []AttributionSpans{
			// exact in every slot
			{Source: one("Officials"), Cue: one("said"), Content: one("the bridge was destroyed")},
			// source off by "the", cue half, content exact but with a space
			{Source: one("mayor"), Cue: one("told"), Content: muster.Span{Start: one("that nobody was hurt").Start - 1, End: one("that nobody was hurt").End}},
			// a spurious cue without source or content
			{Cue: one("hurt")},
		}
	}
	res, err := ScoreAttribution(context.Background(), []PolNeARArticle{art}, "dev", pred, 5)
	if err != nil {
		t.Fatal(err)
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	checks := []struct {
		slot             string
		p, r, op, or, of float64
	}{
		// source: 1 of 2 exact; overlap 1 + F1("the mayor","mayor") = 2/3.
		{"source", 0.5, 0.5, (1 + 2.0/3) / 2, (1 + 2.0/3) / 2, (1 + 2.0/3) / 2},
		// cue: 1 exact of 3 predicted, 2 gold; overlap 1 + 2/3 ("told" in "told reporters").
		{"cue", 1.0 / 3, 0.5, (1 + 2.0/3) / 3, (1 + 2.0/3) / 2, 0},
		// content: white space is trimmed, both exact.
		{"content", 1, 1, 1, 1, 1},
	}
	for _, c := range checks {
		s := res.Metrics[c.slot]
		if !near(s.Precision, c.p) || !near(s.Recall, c.r) || !near(s.OverlapPrecision, c.op) || !near(s.OverlapRecall, c.or) || (c.of > 0 && !near(s.OverlapF1, c.of)) {
			t.Errorf("%s: got P %.3f R %.3f oP %.3f oR %.3f oF %.3f, want P %.3f R %.3f oP %.3f oR %.3f", c.slot, s.Precision, s.Recall, s.OverlapPrecision, s.OverlapRecall, s.OverlapF1, c.p, c.r, c.op, c.or)
		}
	}
	if res.N != 1 || res.Metrics["cue"].N != 2 || res.Metrics["cue"].Predicted != 3 {
		t.Errorf("counts: n=%d cue n=%d predicted=%d", res.N, res.Metrics["cue"].N, res.Metrics["cue"].Predicted)
	}
	if len(res.Misses) != 2 || len(res.Spurious) != 3 {
		t.Errorf("got %d misses and %d spurious, want 2 (source, cue) and 3 (source, two cues)", len(res.Misses), len(res.Spurious))
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(res); err != nil {
		t.Fatal(err)
	}
	var shape map[string]any
	json.Unmarshal(buf.Bytes(), &shape)
	for _, k := range []string{"task", "dataset", "split", "n", "docs_per_s", "metrics"} {
		if _, ok := shape[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, buf.String())
		}
	}
	cue := shape["metrics"].(map[string]any)["cue"].(map[string]any)
	for _, k := range []string{"precision", "recall", "f1", "overlap_precision", "overlap_recall", "overlap_f1", "n"} {
		if _, ok := cue[k]; !ok {
			t.Errorf("cue metrics lack %q", k)
		}
	}
}

func TestWordTokens(t *testing.T) {
	text := "Al-Qaeda’s men, 4,000 of them."
	var got []string
	for _, s := range wordTokens(text, muster.Span{Start: 3, End: len(text)}) { // starts inside "Qaeda"
		got = append(got, text[s.Start:s.End])
	}
	want := []string{"Qaeda", "s", "men", "4", "000", "of", "them"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("wordTokens (-want +got):\n%s", diff)
	}
}

func TestAttributionAgreement(t *testing.T) {
	text := "He said it rained."
	g := []GoldAttribution{{Source: []muster.Span{{Start: 0, End: 2}}, Cue: []muster.Span{{Start: 3, End: 7}}, Content: []muster.Span{{Start: 8, End: 17}}}}
	o := []GoldAttribution{{Source: []muster.Span{{Start: 0, End: 2}}, Cue: []muster.Span{{Start: 3, End: 7}}, Content: []muster.Span{{Start: 8, End: 10}}}}
	res := AttributionAgreement([]PolNeARArticle{{Text: text, Gold: g, Others: [][]GoldAttribution{o}}}, "dev")
	if res.N != 1 || res.Metrics["cue"].F1 != 1 || res.Metrics["content"].F1 != 0 || res.Metrics["content"].OverlapF1 <= 0 {
		t.Errorf("agreement = %+v", res.Metrics)
	}
}

func TestPunctuationCueOverlap(t *testing.T) {
	text := "Pence: Flowers will not attend."
	colon := []muster.Span{{Start: 5, End: 6}}
	art := PolNeARArticle{Text: text, Gold: []GoldAttribution{{Cue: colon}}}
	res, err := ScoreAttribution(context.Background(), []PolNeARArticle{art}, "dev", func(string) []AttributionSpans {
		return []AttributionSpans{{Cue: colon[0]}}
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Metrics["cue"]; s.F1 != 1 || s.OverlapF1 != 1 {
		t.Errorf("colon cue: F1 %.2f overlap F1 %.2f, want 1 and 1", s.F1, s.OverlapF1)
	}
}

func TestAttributionAgreementEveryPair(t *testing.T) {
	text := "He said it rained."
	rel := func(cueEnd int) []GoldAttribution {
		return []GoldAttribution{{Cue: []muster.Span{{Start: 3, End: cueEnd}}}}
	}
	// Three annotators: the first and third agree, the second differs from
	// both, so one pair of three agrees.
	art := PolNeARArticle{Text: text, Gold: rel(7), Others: [][]GoldAttribution{rel(6), rel(7)}}
	res := AttributionAgreement([]PolNeARArticle{art}, "dev")
	if s := res.Metrics["cue"]; res.N != 3 || s.N != 3 || s.F1 < 0.33 || s.F1 > 0.34 {
		t.Errorf("agreement over every pair: N %d, cue %+v; want N 3 and F1 1/3", res.N, s)
	}
}
