package tagger_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/tagger"
)

var loaded struct {
	once sync.Once
	t    *tagger.Tagger
	err  error
}

func mustLoad(tb testing.TB) *tagger.Tagger {
	tb.Helper()
	loaded.once.Do(func() { loaded.t, loaded.err = tagger.Load() })
	if loaded.err != nil {
		tb.Fatalf("Load: %v", loaded.err)
	}
	return loaded.t
}

func sharedFile(tb testing.TB, parts ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{"..", "..", "..", "shared", "data"}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("tagger: ../shared/data/%s not found", strings.Join(parts, "/"))
	}
	return p
}

func readCoNLL(tb testing.TB, path string) []eval.Document {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	docs, err := eval.ReadCoNLL(f, path)
	if err != nil {
		tb.Fatal(err)
	}
	return docs
}

func TestLoad(t *testing.T) {
	tg := mustLoad(t)
	want := []string{"O", "B-LOC", "I-LOC", "B-MISC", "I-MISC", "B-ORG", "I-ORG", "B-PER", "I-PER"}
	if diff := cmp.Diff(want, tg.Labels()); diff != "" {
		t.Errorf("labels (-want +got):\n%s", diff)
	}
	if _, err := tagger.New([]byte("not a model")); err == nil {
		t.Error("New(garbage): no error")
	}
}

// TestDevSampleF1 is the regression floor: the first 60 documents of CoNLL
// dev (about 15k tokens) must stay above the F1 the shipped model reached
// when it was committed, less a small margin.
func TestDevSampleF1(t *testing.T) {
	docs := readCoNLL(t, sharedFile(t, "conll2003", "dev.txt"))[:60]
	tg := mustLoad(t)
	var gold, pred [][]string
	for _, d := range docs {
		sents := make([][]string, len(d.Sentences))
		for i, s := range d.Sentences {
			sents[i] = s.Tokens
			gold = append(gold, s.Labels)
		}
		pred = append(pred, tg.TagDocument(sents)...)
	}
	r, err := eval.ScoreNER(gold, pred)
	if err != nil {
		t.Fatal(err)
	}
	const floor = 90.0
	t.Logf("dev sample: %d sentences, F1 %.2f", len(gold), r.Overall.F1)
	if r.Overall.F1 < floor {
		t.Errorf("dev sample F1 %.2f, below the floor %.1f", r.Overall.F1, floor)
	}
}

func TestTag(t *testing.T) {
	tg := mustLoad(t)
	tests := []struct {
		name   string
		tokens string
		want   string
	}{
		{"person and place", "President Vladimir Putin visited Belgorod on Tuesday .",
			"O B-PER I-PER O B-LOC O O O"},
		{"curly quotes", "“ Germany ” said Angela Merkel .",
			"O B-LOC O O B-PER I-PER O"},
		{"empty sentence", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := strings.Join(tg.Tag(strings.Fields(tc.tokens)), " ")
			if got != tc.want {
				t.Errorf("Tag(%q)\n got %s\nwant %s", tc.tokens, got, tc.want)
			}
		})
	}
}

// TestCurlyQuotesSameAsStraight checks that normalisation makes curly and
// straight quotes give the same labels.
func TestCurlyQuotesSameAsStraight(t *testing.T) {
	tg := mustLoad(t)
	curly := strings.Fields("“ We will not surrender , ” Zelensky told the BBC ’s reporter in Kyiv .")
	straight := strings.Fields("\" We will not surrender , \" Zelensky told the BBC 's reporter in Kyiv .")
	if diff := cmp.Diff(tg.Tag(straight), tg.Tag(curly)); diff != "" {
		t.Errorf("curly vs straight quotes (-straight +curly):\n%s", diff)
	}
}

// TestHeadlineInCapitals checks that names in an ALL-CAPS headline are
// found when the body writes them normally.
func TestHeadlineInCapitals(t *testing.T) {
	tg := mustLoad(t)
	doc := [][]string{
		strings.Fields("FIGHTING REPORTED NEAR BAKHMUT AS ZELENSKY VISITS KHARKIV"),
		strings.Fields("Ukrainian President Volodymyr Zelensky visited Kharkiv on Monday as fighting continued near Bakhmut ."),
	}
	got := tg.TagDocument(doc)[0]
	want := strings.Fields("O O O B-LOC O B-PER O B-LOC")
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("headline labels (-want +got):\n%s", diff)
	}
}

// TestDocumentConsistency checks that a surname alone later in a document
// gets the type of the full name.
func TestDocumentConsistency(t *testing.T) {
	tg := mustLoad(t)
	doc := [][]string{
		strings.Fields("Denis Kapustin , the founder of the group , spoke to reporters ."),
		strings.Fields("Kapustin said the fighters would return ."),
	}
	got := tg.TagDocument(doc)
	if got[0][0] != "B-PER" || got[1][0] != "B-PER" {
		t.Errorf("Kapustin labels: first %q, later %q; want B-PER both", got[0][0], got[1][0])
	}
}

func tokenize(text string) []nlp.Token {
	var toks []nlp.Token
	start := -1
	for i := 0; i <= len(text); i++ {
		if i == len(text) || text[i] == ' ' || text[i] == '\n' {
			if start >= 0 {
				toks = append(toks, nlp.Token{Span: muster.Span{Start: start, End: i}, Text: text[start:i]})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	return toks
}

func TestAnnotate(t *testing.T) {
	tg := mustLoad(t)
	text := "Fighters of the Free Russia Legion crossed into Belgorod .\nThe news agency Interfax quoted Vladimir Putin ."
	d := nlp.NewDoc(text)
	d.Tokens = tokenize(text)
	nl := strings.IndexByte(text, '\n')
	d.Sentences = []muster.Span{{Start: 0, End: nl}, {Start: nl + 1, End: len(text)}}
	n0 := len(tokenize(text[:nl]))
	d.SentenceTokens = [][2]int{{0, n0}, {n0, len(d.Tokens)}}
	if err := tg.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	type m struct {
		Text string
		Type muster.MentionType
	}
	var got []m
	for _, x := range d.Mentions {
		if d.Slice(x.Span) != x.Text || x.Source != "tagger" {
			t.Errorf("mention %+v: text %q at its span", x, d.Slice(x.Span))
		}
		got = append(got, m{x.Text, x.Type})
	}
	want := []m{
		{"Free Russia Legion", muster.MentionArmedGroup},
		{"Belgorod", muster.MentionLOC},
		{"Interfax", muster.MentionMedia},
		{"Vladimir Putin", muster.MentionPER},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("mentions (-want +got):\n%s", diff)
	}
	bad := nlp.NewDoc("x")
	bad.Tokens = tokenize("x")
	bad.Sentences = []muster.Span{{Start: 0, End: 1}}
	bad.SentenceTokens = [][2]int{{0, 5}}
	if err := tg.Annotate(context.Background(), bad); err == nil {
		t.Error("Annotate with a token range past the tokens: no error")
	}
	if _, err := nlp.NewChain(tg); err == nil {
		t.Error("NewChain(tagger) without a segmenter: no error")
	}
}

// TestTrainReproducible trains twice on a small sample and wants the same
// bytes, and a model that tags its own training sentences well.
func TestTrainReproducible(t *testing.T) {
	all := readCoNLL(t, sharedFile(t, "conll2003", "train.txt"))[:40]
	var docs []tagger.Document
	for _, d := range all {
		var td tagger.Document
		for _, s := range d.Sentences {
			td = append(td, tagger.Sentence{Tokens: s.Tokens, Labels: s.Labels})
		}
		docs = append(docs, td)
	}
	res := tagger.Resources{
		Clusters:   map[string][3]uint16{"Germany": {1, 2, 3}, "France": {1, 2, 3}},
		CaseCounts: map[string][4]int{"germany": {0, 5, 0, 0}},
		Gazetteer:  map[string]uint16{"germany": tagger.GazCountry, "new york": tagger.GazCity},
	}
	opt := tagger.TrainOptions{Epochs1: 3, Epochs2: 2, Bits: 16, Bits2: 12, Stacked: true, Folds: 2, Seed: 7}
	a, err := tagger.Train(docs, res, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, err := tagger.Train(docs, res, opt)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatalf("two trainings on the same data differ (%d vs %d bytes)", len(a), len(b))
	}
	tg, err := tagger.New(a)
	if err != nil {
		t.Fatal(err)
	}
	var gold, pred [][]string
	for _, d := range docs {
		var sents [][]string
		for _, s := range d {
			sents = append(sents, s.Tokens)
			gold = append(gold, s.Labels)
		}
		pred = append(pred, tg.TagDocument(sents)...)
	}
	r, err := eval.ScoreNER(gold, pred)
	if err != nil {
		t.Fatal(err)
	}
	if r.Overall.F1 < 80 {
		t.Errorf("F1 on its own training sample %.2f, want at least 80", r.Overall.F1)
	}
	for _, o := range []tagger.TrainOptions{
		{Epochs1: 2, Bits: 14, Bits2: 12, Stacked: true, Folds: 2, Seed: 1}, // stage 1 only
		{Epochs1: 2, Epochs2: 1, Bits: 14, Folds: 2, Seed: 1},               // full stage 2
		{Epochs1: 2, Epochs2: 1, Bits: 14, Folds: 2, Seed: 1, BILOU: true},  // BILOU labels
	} {
		data, err := tagger.Train(docs[:5], res, o)
		if err != nil {
			t.Fatalf("Train(%+v): %v", o, err)
		}
		tg, err := tagger.New(data)
		if err != nil {
			t.Fatalf("New after Train(%+v): %v", o, err)
		}
		for _, l := range tg.Tag(docs[0][0].Tokens) {
			if l != "O" && l[0] != 'B' && l[0] != 'I' {
				t.Errorf("Train(%+v): Tag answered %q, not IOB2", o, l)
			}
		}
	}
	if _, err := tagger.Train([]tagger.Document{{{Tokens: []string{"a"}, Labels: []string{"X-PER"}}}}, res, opt); err == nil {
		t.Error("Train with a non-IOB2 label: no error")
	}
}

func TestWordClusters(t *testing.T) {
	var corpus [][]string
	for i := 0; i < 20; i++ {
		for _, city := range []string{"Kyiv", "Kharkiv", "Odesa"} {
			corpus = append(corpus, []string{"shelling", "in", city, "continued"})
		}
		for _, day := range []string{"Monday", "Tuesday", "Friday"} {
			corpus = append(corpus, []string{"talks", "on", day, "ended"})
		}
	}
	c := tagger.WordClusters(corpus, 4, 2, 10)
	if c["Kyiv"] != c["Kharkiv"] || c["Kyiv"] != c["Odesa"] {
		t.Errorf("cities in different clusters: %d %d %d", c["Kyiv"], c["Kharkiv"], c["Odesa"])
	}
	if c["Monday"] != c["Tuesday"] || c["Monday"] == c["Kyiv"] {
		t.Errorf("days: Monday %d Tuesday %d, Kyiv %d", c["Monday"], c["Tuesday"], c["Kyiv"])
	}
	if got := tagger.WordClusters(nil, 4, 1, 3); len(got) != 0 {
		t.Errorf("clusters of nothing: %v", got)
	}
}

func FuzzTag(f *testing.F) {
	tg := mustLoad(f)
	f.Add("Putin met Zelensky in “Kyiv” .")
	f.Add("ALL CAPS HEADLINE ON UKRAINE")
	f.Add("\xff\xfe ’ – …")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 4096 {
			return
		}
		toks := strings.Fields(s)
		got := tg.Tag(toks)
		if len(got) != len(toks) {
			t.Fatalf("%d labels for %d tokens", len(got), len(toks))
		}
		for i, l := range got {
			if l != "O" && (i == 0 || got[i-1] == "O") && l[0] == 'I' {
				t.Fatalf("label %d %q after %v", i, l, got)
			}
		}
	})
}

// FuzzNew feeds New broken model files: it must answer with an error,
// never panic or allocate without bound.
func FuzzNew(f *testing.F) {
	model, err := os.ReadFile("model.bin")
	if err != nil {
		f.Skip("model.bin not found")
	}
	f.Add(model[:64])
	f.Add([]byte("muster-tagger-v2"))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		if tg, err := tagger.New(data); err == nil {
			tg.Tag([]string{"Kyiv"})
		}
	})
}

func BenchmarkTagDocument(b *testing.B) {
	docs := readCoNLL(b, sharedFile(b, "conll2003", "dev.txt"))
	tg := mustLoad(b)
	var sents [][][]string
	ntok := 0
	for _, d := range docs {
		var ss [][]string
		for _, s := range d.Sentences {
			ss = append(ss, s.Tokens)
			ntok += len(s.Tokens)
		}
		sents = append(sents, ss)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range sents {
			tg.TagDocument(d)
		}
	}
	b.ReportMetric(float64(ntok)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}
