package tagger_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// goldArticle is one entry of testdata/finetypes.gold.json: an article (by
// path, relative to this package; the seed article is read from
// ../shared and never copied) and its hand-annotated mentions as byte
// offsets and types.
type goldArticle struct {
	Name     string  `json:"name"`
	Path     string  `json:"path"`
	Mentions [][]any `json:"mentions"`
	// Heldout articles were annotated after the rules were written and
	// never used to change them; their score is reported apart.
	Heldout bool `json:"heldout"`
}

type span struct {
	Start, End int
	Type       string
}

// simpleDoc splits text into sentences (blank lines, and . ! ? before a
// capital) and tokens (words with inner hyphens and periods; 's split off;
// every other mark alone). nlp/segment does this in the pipeline; the
// tagger's tests may not import it.
func simpleDoc(text string) *nlp.Doc {
	d := nlp.NewDoc(text)
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWord(r):
			j := i + n
			for j < len(text) {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if isWord(r2) {
					j += n2
					continue
				}
				if r2 == '-' || r2 == '.' {
					if r3, _ := utf8.DecodeRuneInString(text[j+n2:]); j+n2 < len(text) && isWord(r3) {
						j += n2
						continue
					}
					if r2 == '.' && strings.Contains(text[i:j], ".") {
						j += n2 // U.S.
					}
				}
				break
			}
			d.Tokens = append(d.Tokens, nlp.Token{Span: muster.Span{Start: i, End: j}, Text: text[i:j]})
			i = j
		case (r == '\'' || r == '’') && strings.HasPrefix(text[i+n:], "s") && len(d.Tokens) > 0 && d.Tokens[len(d.Tokens)-1].End == i:
			d.Tokens = append(d.Tokens, nlp.Token{Span: muster.Span{Start: i, End: i + n + 1}, Text: text[i : i+n+1]})
			i += n + 1
		default:
			d.Tokens = append(d.Tokens, nlp.Token{Span: muster.Span{Start: i, End: i + n}, Text: text[i : i+n]})
			i += n
		}
	}
	start := 0
	for k, t := range d.Tokens {
		end := k+1 == len(d.Tokens)
		if !end {
			next := d.Tokens[k+1]
			gap := text[t.End:next.Start]
			r, _ := utf8.DecodeRuneInString(next.Text)
			end = strings.Contains(gap, "\n") || ((t.Text == "." || t.Text == "?" || t.Text == "!") && unicode.IsUpper(r))
		}
		if end {
			d.SentenceTokens = append(d.SentenceTokens, [2]int{start, k + 1})
			d.Sentences = append(d.Sentences, muster.Span{Start: d.Tokens[start].Start, End: t.End})
			start = k + 1
		}
	}
	return d
}

// TestFineTypes scores the tagger with its finer types on the
// hand-annotated gold file (the seed article and the team's own example
// articles): exact span and type, per type and overall, separately for the
// articles the rules were written on and the held-out one.
func TestFineTypes(t *testing.T) {
	tg := mustLoad(t)
	raw, err := os.ReadFile(filepath.Join("testdata", "finetypes.gold.json"))
	if err != nil {
		t.Fatal(err)
	}
	var gold []goldArticle
	if err := json.Unmarshal(raw, &gold); err != nil {
		t.Fatalf("finetypes.gold.json: %v", err)
	}
	type counts struct{ gold, found, correct int }
	per := map[bool]map[string]*counts{false: {}, true: {}}
	get := func(h bool, k string) *counts {
		if per[h][k] == nil {
			per[h][k] = &counts{}
		}
		return per[h][k]
	}
	for _, a := range gold {
		text, err := os.ReadFile(a.Path)
		if err != nil {
			t.Logf("%s: %s not found, skipped", a.Name, a.Path)
			continue
		}
		d := simpleDoc(string(text))
		if err := tg.Annotate(context.Background(), d); err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		want := map[span]bool{}
		for _, m := range a.Mentions {
			s := span{int(m[0].(float64)), int(m[1].(float64)), m[2].(string)}
			want[s] = true
			get(a.Heldout, s.Type).gold++
			get(a.Heldout, "overall").gold++
		}
		for _, m := range d.Mentions {
			s := span{m.Start, m.End, string(m.Type)}
			get(a.Heldout, s.Type).found++
			get(a.Heldout, "overall").found++
			if want[s] {
				get(a.Heldout, s.Type).correct++
				get(a.Heldout, "overall").correct++
			} else if testing.Verbose() {
				t.Logf("%s: extra or wrong %s %q", a.Name, s.Type, m.Text)
			}
		}
	}
	f1 := map[bool]map[string]float64{false: {}, true: {}}
	for _, h := range []bool{false, true} {
		if per[h]["overall"] == nil {
			continue
		}
		var names []string
		for k := range per[h] {
			names = append(names, k)
		}
		sort.Strings(names)
		var rep strings.Builder
		for _, k := range names {
			c := per[h][k]
			p, r := 0.0, 0.0
			if c.found > 0 {
				p = 100 * float64(c.correct) / float64(c.found)
			}
			if c.gold > 0 {
				r = 100 * float64(c.correct) / float64(c.gold)
			}
			if p+r > 0 {
				f1[h][k] = 2 * p * r / (p + r)
			}
			fmt.Fprintf(&rep, "%12s: P %6.2f R %6.2f F1 %6.2f (gold %d, found %d)\n", k, p, r, f1[h][k], c.gold, c.found)
		}
		which := "articles the rules were written on"
		if h {
			which = "held-out article"
		}
		t.Logf("fine types, %s:\n%s", which, rep.String())
	}
	if per[false]["overall"] == nil {
		t.Skip("no gold article found")
	}
	floors := map[string]float64{"overall": 88, "ARMED_GROUP": 85, "MEDIA": 75, "STATE_FORCE": 70}
	for k, floor := range floors {
		if f1[false][k] < floor {
			t.Errorf("%s F1 %.2f below the floor %.0f", k, f1[false][k], floor)
		}
	}
	if per[true]["overall"] != nil && f1[true]["overall"] < 60 {
		t.Errorf("held-out overall F1 %.2f below the floor 60", f1[true]["overall"])
	}
}

// TestForeignGroupNames: a name that begins with a word for army, front,
// movement or brigade in the language it keeps (group_name_words.txt) is
// an armed group, whatever the model guesses at its unfamiliar words
// (issue 11 item 2). The sentences are our own.
func TestForeignGroupNames(t *testing.T) {
	tg := mustLoad(t)
	for _, tc := range []struct {
		text, name string
		want       muster.MentionType
	}{
		{"Troops clashed with the Hamzah Division, the Sultan Brigade and Ahrar al-Kivu near the town.", "Ahrar al-Kivu", muster.MentionArmedGroup},
		{"Jaish al-Nasr fighters shelled the market on Monday.", "Jaish al-Nasr", muster.MentionArmedGroup},
		{"The attack was claimed by Tehreek-e-Kivu, a splinter group.", "Tehreek-e-Kivu", muster.MentionArmedGroup},
		{"Officials said Ahmed al-Nasr was arrested in the capital.", "Ahmed al-Nasr", muster.MentionPER},
		// A name not built as a group's is not made one ("" : any type
		// but ARMED_GROUP): Lashkar Gah is a city.
		{"Assailants attacked a police checkpoint in Lashkar Gah on Monday.", "Lashkar Gah", ""},
	} {
		d := simpleDoc(tc.text)
		if err := tg.Annotate(context.Background(), d); err != nil {
			t.Fatal(err)
		}
		var got []string
		found := false
		for _, m := range d.Mentions {
			got = append(got, fmt.Sprintf("%s %q", m.Type, m.Text))
			if m.Text == tc.name {
				found = m.Type == tc.want || tc.want == "" && m.Type != muster.MentionArmedGroup
			}
		}
		if !found {
			t.Errorf("%q: want %s %q, got %v", tc.text, tc.want, tc.name, got)
		}
	}
}

// TestPartOfListedGroup: a name that only begins a listed armed group's
// name is not that group ("an Islamic state" holds the words of "Islamic
// State" but names no group). The sentence is our own.
func TestPartOfListedGroup(t *testing.T) {
	tg := mustLoad(t)
	text := "A militant movement seeking an Islamic state, the Kivu Front has killed thousands."
	d := simpleDoc(text)
	if err := tg.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, m := range d.Mentions {
		if m.Text == "Islamic" && m.Type == muster.MentionArmedGroup {
			t.Errorf("%q: %q is an armed group", text, m.Text)
		}
	}
}
