package extract_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/pattern"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/syntax"
	"github.com/muster-osint/muster/nlp/tagger"
)

var (
	patChainOnce sync.Once
	patChain     *nlp.Chain
	patChainErr  error
)

// parse runs the shipped segmenter, tagger and parser over text.
func parse(t *testing.T, text string) *nlp.Doc {
	t.Helper()
	patChainOnce.Do(func() {
		tg, err := tagger.Load()
		if err != nil {
			patChainErr = err
			return
		}
		sx, err := syntax.New()
		if err != nil {
			patChainErr = err
			return
		}
		patChain, patChainErr = nlp.NewChain(segment.New(), tg, sx)
	})
	if patChainErr != nil {
		t.Fatal(patChainErr)
	}
	d := nlp.NewDoc(text)
	if err := patChain.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

// TestPatternExamples runs every pattern's example sentences through the
// real parser: each "yes" sentence must match the pattern and bind each
// named slot to one of the words given, each "no" sentence must not match.
func TestPatternExamples(t *testing.T) {
	sets := map[string]*pattern.Set{"profile": extract.ProfilePatterns(), "types": extract.TypePatterns(), "events": extract.EventPatterns()}
	for file, set := range sets {
		for _, p := range set.Patterns {
			if len(p.Yes) == 0 {
				t.Errorf("%s: pattern %s has no positive example", file, p.Name)
			}
			for _, ex := range p.Yes {
				checkExample(t, set, file, p, ex, true, parse(t, ex.Text), "parse")
			}
			for _, ex := range p.No {
				checkExample(t, set, file, p, ex, false, parse(t, ex.Text), "parse")
			}
		}
	}
}

// checkExample checks pattern p of set on example ex, read as d: a "yes"
// example must match and bind each named slot to one of its words, a "no"
// example must not match. trees names where d's trees come from.
func checkExample(t *testing.T, set *pattern.Set, file string, p *pattern.Pattern, ex pattern.Example, yes bool, d *nlp.Doc, trees string) {
	t.Helper()
	ms := set.MatchPattern(d, p.Name)
	switch {
	case !yes && len(ms) > 0:
		t.Errorf("%s: pattern %s matches its negative example %q: %s\n%s:\n%s", file, p.Name, ex.Text, bound(d, ms), trees, dump(d))
	case yes && len(ms) == 0:
		t.Errorf("%s: pattern %s does not match its example %q\n%s:\n%s", file, p.Name, ex.Text, trees, dump(d))
	case yes && !anyBinds(d, ms, ex.Slots):
		t.Errorf("%s: pattern %s matches %q but binds %s, want %v\n%s:\n%s", file, p.Name, ex.Text, bound(d, ms), ex.Slots, trees, dump(d))
	}
}

// anyBinds reports whether one match binds every slot to an allowed word.
func anyBinds(d *nlp.Doc, ms []pattern.Match, want map[string][]string) bool {
	for _, m := range ms {
		ok := true
		for slot, words := range want {
			t, bound := m.Slot(slot)
			if !bound || !containsFold(words, d.Tokens[t].Text) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func containsFold(xs []string, x string) bool {
	for _, y := range xs {
		if strings.EqualFold(x, y) {
			return true
		}
	}
	return false
}

func bound(d *nlp.Doc, ms []pattern.Match) string {
	var parts []string
	for _, m := range ms {
		var b []string
		for k, v := range m.Slots {
			b = append(b, k+"="+d.Tokens[v].Text)
		}
		parts = append(parts, "{"+strings.Join(b, " ")+"}")
	}
	return strings.Join(parts, " ")
}

func dump(d *nlp.Doc) string {
	var sb strings.Builder
	for i, tk := range d.Tokens {
		h := "ROOT"
		if tk.Head >= 0 {
			h = d.Tokens[tk.Head].Text
		}
		sb.WriteString("  " + itoa(i) + " " + tk.Text + " " + tk.Lemma + " " + tk.Tag + " " + tk.Rel + "<" + h + "\n")
	}
	return sb.String()
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}
