package extract_test

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// profileSentence is one line of testdata/profile_sentences.txt.
type profileSentence struct {
	pred                    muster.Predicate
	kind                    byte // '+', '-' or '?'
	text, subj, obj, source string
	line                    int
}

func readProfileSentences(t *testing.T, name string) []profileSentence {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []profileSentence
	var pred muster.Predicate
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
			continue
		case strings.HasPrefix(line, "=="):
			pred = muster.Predicate(strings.TrimSpace(line[2:]))
			continue
		}
		kind := line[0]
		if kind != '+' && kind != '-' && kind != '?' && kind != '!' {
			t.Fatalf("%s:%d: line starts with %q, want +, -, ? or !", name, n, kind)
		}
		f := strings.Split(line[1:], " | ")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		s := profileSentence{pred: pred, kind: kind, text: f[0], line: n}
		if len(f) > 1 {
			s.subj = f[1]
		}
		if len(f) > 2 {
			s.obj = f[2]
		}
		if len(f) > 3 {
			s.source = f[3]
		}
		if (kind == '+' || kind == '?') && (s.subj == "" || s.obj == "") {
			t.Fatalf("%s:%d: a positive needs SUBJECT and OBJECT", name, n)
		}
		out = append(out, s)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestProfileSentences runs our own example sentences for each group fact
// and relation (testdata/profile_sentences.txt) through the whole
// extractor: a positive must give its claim, a negative must not, and a
// known miss ("?") that starts passing fails until it is promoted.
func TestProfileSentences(t *testing.T) {
	pub := time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC)
	type tally struct{ pos, hit, neg, clean int }
	per := map[muster.Predicate]*tally{}
	var order []muster.Predicate
	for _, s := range readProfileSentences(t, "testdata/profile_sentences.txt") {
		if per[s.pred] == nil {
			per[s.pred] = &tally{}
			order = append(order, s.pred)
		}
		d := parse(t, s.text)
		r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: pub, Publisher: "Test Wire"})
		var found *muster.Claim
		var seen []string
		for i, c := range r.Claims {
			obj := c.Object.String() + " " + c.Object.Text
			if c.Predicate == s.pred {
				seen = append(seen, c.Subject.Name+"→"+obj+" ("+c.AttributedTo.Name+")")
			}
			if c.Predicate != s.pred || !strings.Contains(c.Subject.Name, s.subj) || !strings.Contains(obj, s.obj) {
				continue
			}
			if s.source != "" && !strings.Contains(c.AttributedTo.Name, s.source) {
				continue
			}
			found = &r.Claims[i]
			break
		}
		tl := per[s.pred]
		switch s.kind {
		case '+', '?':
			tl.pos++
			if found != nil {
				tl.hit++
				if err := extract.Check(s.text, []muster.Claim{*found}, nil); err != nil {
					t.Errorf("line %d: %v", s.line, err)
				}
			}
			switch {
			case s.kind == '+' && found == nil:
				t.Errorf("line %d: no %s(%q, %q) from %q; %s claims: %v", s.line, s.pred, s.subj, s.obj, s.text, s.pred, seen)
			case s.kind == '?' && found != nil:
				t.Errorf("line %d: known miss now passes, make it a positive (+): %q", s.line, s.text)
			case s.kind == '?':
				t.Logf("line %d: known miss: %s(%q, %q) from %q; %s claims: %v", s.line, s.pred, s.subj, s.obj, s.text, s.pred, seen)
			}
		case '-', '!':
			tl.neg++
			switch {
			case found == nil && s.kind == '!':
				t.Errorf("line %d: known false claim is gone, make it a negative (-): %q", s.line, s.text)
			case found == nil:
				tl.clean++
			case s.kind == '!':
				t.Logf("line %d: known false claim: %q gives %s: %s → %s", s.line, s.text, s.pred, found.Subject.Name, found.Object.String())
			default:
				t.Errorf("line %d: negative %q gave %s: %s → %s (%q)", s.line, s.text, s.pred, found.Subject.Name, found.Object.String(), found.Evidence[0].Quote)
			}
		}
	}
	for _, p := range order {
		tl := per[p]
		t.Logf("%-14s positives %2d/%2d  negatives clean %d/%d", p, tl.hit, tl.pos, tl.clean, tl.neg)
	}
}
