package extract_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/syntax"
)

// attr is an Attribution as text, for readable test failures.
type attr struct {
	Source, Cue, Content string
	Direct               bool
	Kind                 string
}

// segmented segments and parses text, as the pipeline does before extract
// reads it: the attribution model's features read the parse.
func segmented(text string) *nlp.Doc {
	d := nlp.NewDoc(text)
	segment.Segment(d)
	sx, err := syntax.New()
	if err == nil {
		err = sx.Annotate(context.Background(), d)
	}
	if err != nil {
		panic(fmt.Sprintf("parsing %q: %v", text, err))
	}
	return d
}

func attrsOf(text string) []attr {
	d := segmented(text)
	var out []attr
	for _, a := range extract.Attributions(d) {
		out = append(out, attr{d.Slice(a.Source), d.Slice(a.Cue), d.Slice(a.Content), a.Direct, a.Kind})
	}
	return out
}

func TestAttributions(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []attr
	}{
		{"state media claimed", "Russian state television claimed more than 70 fighters were killed in the raid.",
			[]attr{{"Russian state television", "claimed", "more than 70 fighters were killed in the raid", false, extract.KindClaim}}},
		{"according to, postposed", "The group has about 4,000 members, according to Radio Free Europe.",
			[]attr{{"Radio Free Europe", "according to", "The group has about 4,000 members", false, extract.KindAccordingTo}}},
		{"said in a statement posted to Telegram", "The Russian Volunteer Corps said in a statement posted to Telegram that its fighters had crossed the border.",
			[]attr{{"The Russian Volunteer Corps", "said in a statement", "that its fighters had crossed the border", false, extract.KindSaid}}},
		{"the ministry said in a statement", "The ministry said in a statement that the attackers had been repelled.",
			[]attr{{"The ministry", "said in a statement", "that the attackers had been repelled", false, extract.KindSaid}}},
		{"by some estimates", "By some estimates, the brigade now fields up to 3,500 fighters.",
			[]attr{{"", "By some estimates", "the brigade now fields up to 3,500 fighters", false, extract.KindEstimate}}},
		{"some estimates put", "Some estimates put the number of fighters at 1,000.",
			[]attr{{"", "Some estimates put", "the number of fighters at 1,000", false, extract.KindEstimate}}},
		{"relative clause", "The attack hit a school, which regional officials said killed at least three civilians.",
			[]attr{{"regional officials", "said", "killed at least three civilians", false, extract.KindSaid}}},
		{"direct speech, postposed inverted", "“We are not terrorists,” said Denis Kapustin, the group's leader.",
			[]attr{{"Denis Kapustin, the group's leader", "said", "“We are not terrorists,”", true, extract.KindSaid}}},
		{"quotation spanning sentences", "“We will keep fighting,” he said. “Nobody can stop us. We are ready.”",
			[]attr{{"he", "said", "“We will keep fighting,” he said. “Nobody can stop us. We are ready.”", true, extract.KindSaid}}},
		{"colon and quote", "Caesar told reporters: “We will come back.”",
			[]attr{{"Caesar", "told", "“We will come back.”", true, extract.KindSaid}}},
		{"spokesman for, denied", "A spokesman for the governor denied that any soldiers had been captured.",
			[]attr{{"A spokesman for the governor", "denied", "that any soldiers had been captured", false, extract.KindDeny}}},
		{"officials in Kyiv insisted", "Officials in Kyiv insisted that Ukraine had no role in the incursion.",
			[]attr{{"Officials in Kyiv", "insisted", "that Ukraine had no role in the incursion", false, extract.KindClaim}}},
		{"newspapers reported", "Several European newspapers reported that the legion was founded in 2022.",
			[]attr{{"Several European newspapers", "reported", "that the legion was founded in 2022", false, extract.KindReport}}},
		{"passive it was reported", "It was reported that dozens of people fled the village.",
			[]attr{{"", "was reported", "dozens of people fled the village", false, extract.KindReport}}},
		{"said postposed", "The fighters were pushed back, the governor said.",
			[]attr{{"the governor", "said", "The fighters were pushed back", false, extract.KindSaid}}},
		{"possessive spokesman", "The governor's spokesman said two drones were shot down.",
			[]attr{{"The governor's spokesman", "said", "two drones were shot down", false, extract.KindSaid}}},
		{"citing", "Citing military sources, the agency reported heavy fighting near the border.",
			[]attr{
				{"the agency", "Citing", "military sources", false, extract.KindAccordingTo},
				{"the agency", "reported", "heavy fighting near the border", false, extract.KindReport},
			}},
		{"citing inside the sentence", "The minister, citing a new poll, said the militia had lost support.",
			[]attr{
				{"The minister", "citing", "a new poll", false, extract.KindAccordingTo},
				{"The minister", "said", "the militia had lost support", false, extract.KindSaid},
			}},
		{"took responsibility", "The group took responsibility for the attack.",
			[]attr{{"The group", "took responsibility", "the attack", false, extract.KindClaim}}},
		{"according to, a name with its acronym in parentheses", "Parents took part in protests at more than 200 schools, according to the organiser Alliance for Schools (AfS). They were joined by teachers.",
			[]attr{{"the organiser Alliance for Schools (AfS)", "according to", "Parents took part in protests at more than 200 schools", false, extract.KindAccordingTo}}},
		{"according to, sentence-initial", "According to a Reuters tally, at least 12 people were killed.",
			[]attr{{"a Reuters tally", "According to", "at least 12 people were killed", false, extract.KindAccordingTo}}},
		{"according to, interrupting", "The group, according to the Institute for the Study of War, has around 1,000 members.",
			[]attr{{"the Institute for the Study of War", "according to", "The group, according to the Institute for the Study of War, has around 1,000 members", false, extract.KindAccordingTo}}},
		{"alleged that", "Kyiv alleged that Russian forces had shelled the village.",
			[]attr{{"Kyiv", "alleged", "that Russian forces had shelled the village", false, extract.KindClaim}}},
		{"announced that", "The FSB announced that it had detained three saboteurs.",
			[]attr{{"The FSB", "announced", "that it had detained three saboteurs", false, extract.KindSaid}}},
		{"warned that", "The governor warned that further attacks were possible.",
			[]attr{{"The governor", "warned", "that further attacks were possible", false, extract.KindSaid}}},
		{"hinted that", "The legion's commander hinted that another raid was coming.",
			[]attr{{"The legion's commander", "hinted", "that another raid was coming", false, extract.KindSaid}}},
		{"told X that", "Ukrainian officials told the BBC that the fighters acted independently.",
			[]attr{{"Ukrainian officials", "told", "that the fighters acted independently", false, extract.KindSaid}}},
		{"speaker label", "Pence: Flowers will not be at the debate",
			[]attr{{"Pence", ":", "Flowers will not be at the debate", false, extract.KindSaid}}},
		{"quotation and dash", "“We will be back.” ― Denis Kapustin",
			[]attr{{"Denis Kapustin", "―", "“We will be back.”", true, extract.KindSaid}}},
		{"quotations and dashes, one a line", "“We will win.” ― Ana Ruiz\n“They have already lost. They know it.” ― Tom Lee",
			[]attr{
				{"Ana Ruiz", "―", "“We will win.”", true, extract.KindSaid},
				{"Tom Lee", "―", "“They have already lost. They know it.”", true, extract.KindSaid},
			}},
		{"quotation opened by a closing mark at a line's start", "“We will win.” ― Ana Ruiz\n\nPhoto: Reuters.\n\n”They have already lost.” ― Tom Lee",
			[]attr{
				{"Ana Ruiz", "―", "“We will win.”", true, extract.KindSaid},
				{"Tom Lee", "―", "”They have already lost.”", true, extract.KindSaid},
			}},
		{"straight quotation over sentences, then another", `"Are we ready? Probably not," the commander said. "Will we be ready? Absolutely."`,
			[]attr{{"the commander", "said", `"Are we ready? Probably not," the commander said. "Will we be ready? Absolutely."`, true, extract.KindSaid}}},
		{"straight quotation over sentences, another later", `"We need a change. People are tired of the war," the envoy said, and the council agreed to "review the mandate."`,
			[]attr{
				{"the envoy", "said", `"We need a change. People are tired of the war,"`, true, extract.KindSaid},
				{"the council", "agreed", `to "review the mandate."`, false, extract.KindSaid},
			}},
		{"a colon cue's content follows it", `The militia will probably attack again this week, the colonel said: "I feel they have more fighters than we thought."`,
			[]attr{{"the colonel", "said:", `"I feel they have more fighters than we thought."`, true, extract.KindSaid}}},
		{"participle after a postposed source", `"We will keep the border open," said Ann Lee, the ministry's spokeswoman, adding that talks would resume.`,
			[]attr{
				{"Ann Lee, the ministry's spokeswoman", "said", `"We will keep the border open,"`, true, extract.KindSaid},
				{"Ann Lee, the ministry's spokeswoman", "adding", "that talks would resume", false, extract.KindSaid},
			}},
		{"an aside after the source", "Mr. Okafor, however, told reporters that the militia had left.",
			[]attr{{"Mr. Okafor", "told", "that the militia had left", false, extract.KindSaid}}},
		{"an aside after the source is no interrupted content", "The commander, however, said the town was safe.",
			[]attr{{"The commander", "said", "the town was safe", false, extract.KindSaid}}},
		{"inverted verb after a quotation", "The rebels hold “roughly the same ground they held all month,” reported Reuters.",
			[]attr{{"Reuters", "reported", "The rebels hold “roughly the same ground they held all month,”", false, extract.KindReport}}},
		{"quotation closed before its cue spans sentences", "“The raid failed. Our men held the line,” the governor said.",
			[]attr{{"the governor", "said", "“The raid failed. Our men held the line,”", true, extract.KindSaid}}},
		{"quotation resumes after a long source", "“We will return,” said Denis Kapustin, who leads the corps. “Soon.”",
			[]attr{{"Denis Kapustin, who leads the corps", "said", "“We will return,” said Denis Kapustin, who leads the corps. “Soon.”", true, extract.KindSaid}}},
		{"second verb of a subject, from the parse", "The governor has condemned the raids, and has called for an inquiry into the killings.",
			[]attr{
				{"The governor", "has condemned", "the raids", false, extract.KindOther},
				{"The governor", "has called for", "an inquiry into the killings", false, extract.KindSaid},
			}},
		{"participle cue, subject from the parse", "In the spring the monitors released their report by announcing that the ceasefire had failed.",
			[]attr{{"the monitors", "announcing", "that the ceasefire had failed", false, extract.KindSaid}}},
		{"estimates with a subject", "The ministry now estimates that 300 fighters were killed.",
			[]attr{{"The ministry", "now estimates", "300 fighters were killed", false, extract.KindEstimate}}},
		{"doubled apostrophes quote", "''We will return,'' the commander said. ''We are not done.''",
			[]attr{{"the commander", "said", "''We will return,'' the commander said. ''We are not done.''", true, extract.KindSaid}}},
		{"quotation then an unquoted clause", "“He does love us,” Melanie said, and soon the balloons were dropping.",
			[]attr{{"Melanie", "said", "“He does love us,”", true, extract.KindSaid}}},
		{"parenthetical cue", "Residents were taken to shelters, he said, and several civilians were wounded by shelling.",
			[]attr{{"he", "said", "Residents were taken to shelters, he said, and several civilians were wounded by shelling", false, extract.KindSaid}}},
		{"framing phrase before the cue", "During the raid, the governor said, two villages were shelled.",
			[]attr{{"the governor", "said", "two villages were shelled", false, extract.KindSaid}}},
		{"nested attribution", "The governor noted that the ministry announced that the bridge was closed.",
			[]attr{
				{"The governor", "noted", "that the ministry announced that the bridge was closed", false, extract.KindSaid},
				{"the ministry", "announced", "that the bridge was closed", false, extract.KindSaid},
			}},
		{"speaker label, final period", "Pence: Flowers will not be at the debate.",
			[]attr{{"Pence", ":", "Flowers will not be at the debate", false, extract.KindSaid}}},
		{"according to, appositive after the source", "The group has about 4,000 members, according to Radio Free Europe, a broadcaster funded by Congress.",
			[]attr{{"Radio Free Europe", "according to", "The group has about 4,000 members", false, extract.KindAccordingTo}}},
		{"appositive before a later verb", "Donald Trump, her Republican opponent, bemoaned the unrest and said he thought drugs were a big factor.",
			[]attr{
				{"Donald Trump, her Republican opponent,", "bemoaned", "the unrest", false, extract.KindOther},
				{"Donald Trump, her Republican opponent,", "said", "he thought drugs were a big factor", false, extract.KindSaid},
			}},
		{"partitive source", "Hawaii, as one of Mr. Obama's climate advisers pointed out, rarely gets two hurricanes.",
			[]attr{{"one of Mr. Obama's climate advisers", "pointed out", "rarely gets two hurricanes", false, extract.KindSaid}}},
		{"raising passive", "About one of every nine voters this fall is expected to be Latino.",
			[]attr{{"", "is expected", "About one of every nine voters this fall is expected to be Latino", false, extract.KindBelief}}},
		{"outlet's own voice", "Fighting continued overnight near the border.", nil},
		{"disclaimer is not an attribution", "The Times could not independently confirm the casualty figures.", nil},
		{"an attack is not an attribution", "Gunmen attacked a concert hall in the capital on Friday, killing 12 people.", nil},
		{"nor is a force's attack", "Rebels attacked an army base near the town, the military said.",
			[]attr{{"the military", "said", "Rebels attacked an army base near the town", false, extract.KindSaid}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := attrsOf(tt.text)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Attributions(%q) mismatch (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestAttributionsEmpty(t *testing.T) {
	if got := extract.Attributions(nil); got != nil {
		t.Errorf("Attributions(nil) = %v, want nil", got)
	}
	if got := extract.Attributions(nlp.NewDoc("He said so.")); got != nil {
		t.Errorf("Attributions(unsegmented) = %v, want nil", got)
	}
}

func TestAttributionModelRoundTrip(t *testing.T) {
	if _, err := extract.LoadAttributionModel([]byte("not a model")); err == nil {
		t.Error("LoadAttributionModel(garbage) = nil error")
	}
	d := segmented("Officials said the bridge was destroyed. “It is gone,” the mayor told reporters.")
	docs := []extract.TrainingDoc{{Doc: d, Relations: []extract.TrainingRelation{{
		Source:  spansOf(d.Text, "Officials"),
		Cue:     spansOf(d.Text, "said"),
		Content: spansOf(d.Text, "the bridge was destroyed"),
	}}}}
	m := extract.TrainAttributionModel(docs, extract.TrainOptions{Bits: 12, Epochs: 3})
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	m2, err := extract.LoadAttributionModel(b)
	if err != nil {
		t.Fatal(err)
	}
	got := m2.Attributions(d)
	if len(got) == 0 || d.Slice(got[0].Cue) != "said" {
		t.Errorf("model trained on its own example and reloaded finds %v, want the cue \"said\"", got)
	}
}

// spansOf returns the byte span of the first occurrence of s in text.
func spansOf(text, s string) []muster.Span {
	i := strings.Index(text, s)
	if i < 0 {
		return nil
	}
	return []muster.Span{{Start: i, End: i + len(s)}}
}

// TestPolNeARDevSample scores the first 20 dev articles of PolNeAR so that a
// regression fails; the floors sit a little below the figures measured when
// the model was trained (see the report in issue 4).
func TestPolNeARDevSample(t *testing.T) {
	if _, err := os.Stat(polnearPath); err != nil {
		t.Skip("polnear: ../shared/data/polnear not found")
	}
	arts, err := eval.LoadPolNeAR(context.Background(), polnearPath, "dev")
	if err != nil {
		t.Fatal(err)
	}
	arts = arts[:min(20, len(arts))]
	res, err := eval.ScoreAttribution(context.Background(), arts, "dev", evalAttributor, 0)
	if err != nil {
		t.Fatal(err)
	}
	floors := map[string][2]float64{ // exact F1, overlap F1
		"source":  {sampleFloorSource, sampleFloorSourceOverlap},
		"cue":     {sampleFloorCue, sampleFloorCueOverlap},
		"content": {sampleFloorContent, sampleFloorContentOverlap},
	}
	for slot, f := range floors {
		s := res.Metrics[slot]
		t.Logf("%s: F1 %.3f, overlap F1 %.3f (n=%d)", slot, s.F1, s.OverlapF1, s.N)
		if s.F1 < f[0] || s.OverlapF1 < f[1] {
			t.Errorf("%s on 20 dev articles: F1 %.3f (floor %.2f), overlap F1 %.3f (floor %.2f)", slot, s.F1, f[0], s.OverlapF1, f[1])
		}
	}
}

func evalAttributor(text string) []eval.AttributionSpans {
	d := segmented(text)
	var out []eval.AttributionSpans
	for _, a := range extract.Attributions(d) {
		out = append(out, eval.AttributionSpans{Source: a.Source, Cue: a.Cue, Content: a.Content})
	}
	return out
}

// The floors sit below the model over the parse's figures on these 20
// articles (December 2026: source 0.770 / 0.790, cue 0.745 / 0.786,
// content 0.595 / 0.746).
const (
	sampleFloorSource         = 0.76
	sampleFloorSourceOverlap  = 0.78
	sampleFloorCue            = 0.73
	sampleFloorCueOverlap     = 0.77
	sampleFloorContent        = 0.58
	sampleFloorContentOverlap = 0.73
)

func FuzzAttributions(f *testing.F) {
	for _, s := range []string{
		"Russian state television claimed more than 70 fighters were killed.",
		"“We are not terrorists,” said Denis Kapustin. “We are Russians.",
		"By some estimates, the brigade fields up to 3,500 fighters.",
		"It was reported that\n\n“", "citing", "Citing ,", "said said said", "”“\"", "according to",
		"The claims could not be independently verified.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		d := segmented(text)
		attrs := extract.Attributions(d)
		prev := -1
		for _, a := range attrs {
			for _, s := range []muster.Span{a.Source, a.Cue, a.Content} {
				if !s.Valid(len(text)) {
					t.Fatalf("span %v outside text of %d bytes: %q", s, len(text), text)
				}
			}
			if a.Cue.Len() == 0 {
				t.Fatalf("empty cue in %q", text)
			}
			if a.Cue.Start < prev {
				t.Fatalf("cues out of order in %q: %v", text, attrs)
			}
			prev = a.Cue.Start
		}
		for _, a := range attrs {
			if m := extract.Modality(d, a.Content, attrs); !m.Valid() {
				t.Fatalf("Modality = %q", m)
			}
		}
		for _, u := range extract.UnverifiedScopes(d) {
			if !u.Span.Valid(len(text)) || !u.Object.Valid(len(text)) || !u.Scope.Valid(len(text)) {
				t.Fatalf("unverified scope %+v outside text %q", u, text)
			}
		}
	})
}

// benchText is a conflict report written for the benchmark.
const benchText = `Russian state television claimed more than 70 fighters were killed in the raid, which the regional governor said killed at least three civilians.

The Russian Volunteer Corps said in a statement posted to Telegram that its fighters had crossed the border on Monday. “We will come back,” its commander told reporters. “Nobody can stop us.”

By some estimates, the brigade fields up to 3,500 fighters, according to Radio Free Europe. A spokesman for the group denied that any of its members had been captured.

The Times could not independently confirm the casualty figures.`

func BenchmarkAttributions(b *testing.B) {
	d := segmented(benchText)
	b.ReportAllocs()
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		extract.Attributions(d)
	}
}

func TestAttributionsUseMentions(t *testing.T) {
	text := "The Freedom of Russia Legion said it had crossed the border."
	d := segmented(text)
	// A tagger's mention of the whole name keeps the source whole even if
	// the model stopped early.
	i := strings.Index(text, "Freedom of Russia Legion")
	d.Mentions = []nlp.Mention{{Span: muster.Span{Start: i, End: i + len("Freedom of Russia Legion")}, Text: "Freedom of Russia Legion", Type: muster.MentionArmedGroup}}
	attrs := extract.Attributions(d)
	if len(attrs) != 1 || !attrs[0].Source.Contains(d.Mentions[0].Span) {
		t.Errorf("Attributions = %+v, want one whose source holds the mention", attrs)
	}
}
