package pattern_test

import (
	"bufio"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/pattern"
)

// readDoc builds one Doc of the hand-parsed sentences in
// testdata/sentences.conllu, tokens joined by spaces.
func readDoc(t *testing.T) *nlp.Doc {
	t.Helper()
	f, err := os.Open("testdata/sentences.conllu")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := &nlp.Doc{}
	var text strings.Builder
	sentStart := 0
	flush := func() {
		if len(d.Tokens) > sentStart {
			d.SentenceTokens = append(d.SentenceTokens, [2]int{sentStart, len(d.Tokens)})
			d.Sentences = append(d.Sentences, muster.Span{Start: d.Tokens[sentStart].Start, End: d.Tokens[len(d.Tokens)-1].End})
		}
		sentStart = len(d.Tokens)
	}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		if line == "" {
			flush()
			continue
		}
		col := strings.Split(line, "\t")
		head, _ := strconv.Atoi(col[6])
		if text.Len() > 0 {
			text.WriteByte(' ')
		}
		start := text.Len()
		text.WriteString(col[1])
		tok := nlp.Token{Span: muster.Span{Start: start, End: text.Len()}, Text: col[1], Lemma: col[2], Tag: col[3], Rel: col[7], Head: -1}
		if head > 0 {
			tok.Head = sentStart + head - 1
		}
		d.Tokens = append(d.Tokens, tok)
	}
	flush()
	d.Text = text.String()
	return d
}

// got renders matches as "pattern: slot=word …" lines, sorted.
func got(d *nlp.Doc, ms []pattern.Match) []string {
	var out []string
	for _, m := range ms {
		var parts []string
		for k, v := range m.Slots {
			parts = append(parts, k+"="+d.Tokens[v].Text)
		}
		sort.Strings(parts)
		out = append(out, m.Pattern.Name+": "+strings.Join(parts, " "))
	}
	sort.Strings(out)
	return out
}

func TestMatch(t *testing.T) {
	d := readDoc(t)
	// "Dmitry Utkin" is a PER mention.
	d.Mentions = []nlp.Mention{{Span: muster.Span{Start: d.Tokens[6].Start, End: d.Tokens[7].End}, Type: muster.MentionType("PER")}}
	tests := []struct {
		name, expr string
		want       []string
	}{
		{"passive founder through acl or nsubj:pass",
			"{lemma:found|establish}=v >obl:agent {}=founder [>nsubj:pass {}=group | <acl {}=group]",
			[]string{"p: founder=Abu group=group v=founded", "p: founder=Dmitry group=Wagner v=founded"}},
		{"find is not found", "{lemma:found} >obl:agent {lemma:villager}=x", nil},
		{"bare label takes its subtypes", "{lemma:found}=v >obl {}=x",
			[]string{"p: v=founded x=2014", "p: v=founded x=Abu", "p: v=founded x=Dmitry"}},
		{"subtype label is exact", "{lemma:found}=v >obl:agent {}=x",
			[]string{"p: v=founded x=Abu", "p: v=founded x=Dmitry"}},
		{"rel constraint", "{rel:nsubj}=s", []string{"p: s=Militants", "p: s=Wagner", "p: s=bodies", "p: s=group"}},
		{"optional relation binds when present",
			"{lemma:found}=v ?>obl {tag:NUM}=year >obl:agent {}=f",
			[]string{"p: f=Abu v=founded", "p: f=Dmitry v=founded year=2014"}},
		{"negated relation", "{lemma:attack}=v >nsubj {}=a !>advmod {lemma:not}", nil},
		{"without the negation", "{lemma:attack}=v >nsubj {}=a >obj {}=o", []string{"p: a=Militants o=base v=attack"}},
		{"entity type", "{lemma:found} >obl:agent {ent:PER}=f", []string{"p: f=Dmitry"}},
		{"negated entity type", "{lemma:found} >obl:agent {!ent:PER;tag:PROPN}=f", []string{"p: f=Abu"}},
		{"nested relation", "{lemma:found} >obl:agent ({}=a >conj {}=b)", []string{"p: a=Abu b=Ali"}},
		{"head relation", "{word:Mali}=m <obl {lemma:fight}=v", []string{"p: m=Mali v=fights"}},
		{"ancestor", "{word:Utkin}=u << {lemma:fight}=v", []string{"p: u=Utkin v=fights"}},
		{"descendant", "{lemma:fight} >> {tag:NUM}=n", []string{"p: n=2014"}},
		{"precedence stays in the sentence", "{word:Wagner} .. {tag:PROPN}=p",
			[]string{"p: p=Dmitry", "p: p=Mali", "p: p=Utkin"}},
		{"earlier", "{word:Mali}=m ,, {word:Wagner}=w", []string{"p: m=Mali w=Wagner"}},
		{"next and previous", "{word:Dmitry}=a . {}=b , {}=c", []string{"p: a=Dmitry b=Utkin c=by"}},
		{"regexp", "{word:/[0-9]{4}/}=y", []string{"p: y=2014"}},
		{"list", "{lemma:@verbs}=v", []string{"p: v=attack", "p: v=fights"}},
		{"tag anchor", "{tag:AUX}=a <aux:pass {}=v", []string{"p: a=was v=founded", "p: a=were v=found"}},
		{"same name binds one token", "{lemma:found}=v >obl:agent {}=x >obl {}=x", []string{"p: v=founded x=Abu", "p: v=founded x=Dmitry"}},
	}
	lists := map[string][]string{"verbs": {"attack", "fight"}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := pattern.Compile("p", tc.expr, lists)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, got(d, s.Match(d))); diff != "" {
				t.Errorf("%s: matches (-want +got):\n%s", tc.expr, diff)
			}
		})
	}
}

func TestConjuncts(t *testing.T) {
	d := readDoc(t)
	var words []string
	for _, c := range pattern.Conjuncts(d, 18) { // "Abu"
		words = append(words, d.Tokens[c].Text)
	}
	if diff := cmp.Diff([]string{"Abu", "Ali"}, words); diff != "" {
		t.Errorf("conjuncts of Abu (-want +got):\n%s", diff)
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct{ name, expr, want string }{
		{"no node", ">nsubj {}", "want '{'"},
		{"unclosed", "{lemma:found", "unclosed"},
		{"unknown key", "{colour:red}", "want lemma:"},
		{"no value", "{lemma:}", "no value"},
		{"unknown list", "{lemma:@nope}", "no word list"},
		{"bad regexp", "{word:/(/}", "error parsing"},
		{"no relation target", "{} >nsubj", "want '{'"},
		{"unclosed alternative", "{} [>nsubj {} ", "want '|' or ']'"},
		{"empty alternative", "{} [ | >obj {}]", "empty alternative"},
		{"trailing", "{} }", "want a relation"},
		{"name missing", "{}=", "want a name"},
		{"unclosed paren", "{} >obj ({} >det {}", "want ')'"},
		{"bad op", "{} ~ {}", "want a relation"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pattern.Compile("p", tc.expr, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Compile(%q) = %v, want an error containing %q", tc.expr, err, tc.want)
			}
		})
	}
}

func TestParseFile(t *testing.T) {
	src := `# founding
list found_verb: found, establish form

pattern founded_by/passive
  predicate founded_by
  match {lemma:@found_verb}=v >obl:agent {}=founder
        [>nsubj:pass {}=group | <acl {}=group]
  yes   Wagner, founded in 2014 by Dmitry Utkin, fights in Mali. => group=Wagner founder=Dmitry|Utkin
  no    The bodies were found by villagers.
`
	s, err := pattern.ParseFile("t.patterns", strings.NewReader(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Patterns) != 1 {
		t.Fatalf("got %d patterns, want 1", len(s.Patterns))
	}
	p := s.Patterns[0]
	if p.Meta["predicate"] != "founded_by" || len(p.Yes) != 1 || len(p.No) != 1 {
		t.Errorf("pattern = %+v", p)
	}
	if diff := cmp.Diff(map[string][]string{"group": {"Wagner"}, "founder": {"Dmitry", "Utkin"}}, p.Yes[0].Slots); diff != "" {
		t.Errorf("example slots (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"v", "founder", "group"}, p.Slots); diff != "" {
		t.Errorf("slots (-want +got):\n%s", diff)
	}
	d := readDoc(t)
	if n := len(s.Match(d)); n != 2 {
		t.Errorf("got %d matches, want 2", n)
	}
}

func TestParseFileErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"unknown top line", "patern x\n", "t:1: unknown line"},
		{"indented outside", "  match {}\n", "t:1: indented line outside a pattern"},
		{"no match", "pattern x\n  predicate p\n", "t:1: pattern x has no match line"},
		{"duplicate", "pattern x\n  match {}\npattern x\n  match {}\n", "defined twice"},
		{"bad list", "list : a b\n", "t:1: want \"list NAME"},
		{"bad expression", "pattern x\n  match {lemma:\n", "pattern x: at"},
		{"unbound example slot", "pattern x\n  match {}=a\n  yes A dog. => b=dog\n", "does not bind"},
		{"negative binds", "pattern x\n  match {}=a\n  no A dog. => a=dog\n", "t:3: a negative example binds no slots"},
		{"meta twice", "pattern x\n  predicate a\n  predicate b\n  match {}\n", "given twice"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := pattern.ParseFile("t", strings.NewReader(tc.src), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("ParseFile = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// FuzzCompile checks that no expression makes the compiler or the matcher
// panic.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"{lemma:found|establish}=v >obl:agent {}=founder [>nsubj:pass {}=group | <acl {}=group]",
		"{} ?>obl ({tag:NUM}=y >case {}) !>advmod {lemma:not}",
		"{word:/[0-9]+/} .. {} ,, {} . {} , {} >> {} << {}",
		"{ent:PER;!tag:NOUN}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		if len(expr) > 512 {
			return
		}
		s, err := pattern.Compile("fuzz", expr, map[string][]string{"l": {"a"}})
		if err != nil {
			return
		}
		d := fuzzDoc
		s.Match(d)
	})
}

var fuzzDoc = func() *nlp.Doc {
	d := &nlp.Doc{Text: "a b c d"}
	heads := []int{1, -1, 1, 2}
	for i, w := range []string{"a", "b", "c", "d"} {
		d.Tokens = append(d.Tokens, nlp.Token{Span: muster.Span{Start: 2 * i, End: 2*i + 1}, Text: w, Lemma: w, Tag: "NOUN", Head: heads[i], Rel: "dep"})
	}
	d.SentenceTokens = [][2]int{{0, 4}}
	d.Sentences = []muster.Span{{Start: 0, End: 7}}
	return d
}()

func BenchmarkMatch(b *testing.B) {
	d := &nlp.Doc{}
	// A 700-word document of repeated hand-parsed sentences.
	t := &testing.T{}
	one := readDoc(t)
	for len(d.Tokens) < 700 {
		off := len(d.Tokens)
		base := len(d.Text)
		if base > 0 {
			d.Text += " "
			base++
		}
		d.Text += one.Text
		for _, r := range one.SentenceTokens {
			d.SentenceTokens = append(d.SentenceTokens, [2]int{r[0] + off, r[1] + off})
		}
		for _, tok := range one.Tokens {
			tok.Start += base
			tok.End += base
			if tok.Head >= 0 {
				tok.Head += off
			}
			d.Tokens = append(d.Tokens, tok)
		}
	}
	s, err := pattern.Compile("p", "{lemma:found|establish}=v >obl:agent {}=founder [>nsubj:pass {}=group | <acl {}=group]", nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Match(d)
	}
	b.ReportMetric(float64(len(d.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// TestMatchNoAllocs checks that a search which finds nothing allocates
// nothing once a matcher has been used: the matcher's buffers are reused
// and its continuations are frames, not closures (issue 14: the closures
// and the per-call buffers were most of what an 8 MB document allocated).
func TestMatchNoAllocs(t *testing.T) {
	d := readDoc(t)
	// Lower case, since a capitalised word's lower-case form is a string
	// made for each call.
	for i := range d.Tokens {
		d.Tokens[i].Text, d.Tokens[i].Lemma = strings.ToLower(d.Tokens[i].Text), strings.ToLower(d.Tokens[i].Lemma)
	}
	// Alternatives, an optional relation whose target fits, a negated
	// relation and a descendant search, none of which ends in a match.
	s, err := pattern.Compile("p", "{lemma:found}=v ?>obl {tag:NUM}=year !>advmod {lemma:not} >> {lemma:villager}=x [>nsubj:pass {}=g | <acl {}=g]", nil)
	if err != nil {
		t.Fatal(err)
	}
	if ms := s.Match(d); len(ms) != 0 {
		t.Fatalf("matches %v, want none", got(d, ms))
	}
	// AllocsPerRun averages by integer division: a garbage collection
	// that empties the pool of matchers once does not fail the test.
	if n := testing.AllocsPerRun(20, func() { s.Match(d) }); n != 0 {
		t.Errorf("Match allocates %.0f times a call, want 0", n)
	}
}
