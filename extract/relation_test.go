package extract_test

import (
	"bufio"
	"bytes"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// TestLearnedRelations runs sentences of our own, never trained on,
// through the whole extractor with the relation scorer on: it gives what
// no profile pattern reads ("a senior figure in", "a splinter of"), with
// the sentence as its evidence and its source found as for pattern
// claims, and gives nothing for a year or a name the group merely meets,
// fights or frees. Without LearnedRelations it gives nothing at all.
func TestLearnedRelations(t *testing.T) {
	pub := time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text      string
		pred      muster.Predicate
		subj, obj string // obj "" for no such claim
		source    string
	}{
		{"Hassan Wardi, a senior figure in the Red Sea Brigade, was captured in Port Sudan.", muster.PredMemberOf, "Hassan Wardi", "Red Sea Brigade", "Test Wire"},
		{"The Marsh Legion, a splinter of the Red Sea Brigade, seized the dam.", muster.PredPartOf, "Marsh Legion", "Red Sea Brigade", "Test Wire"},
		{"Hassan Wardi fled the Red Sea Brigade in 2015.", muster.PredMemberOf, "Hassan Wardi", "", ""},
		{"The Marsh Legion fought the Red Sea Brigade for the dam.", muster.PredPartOf, "Marsh Legion", "", ""},
		{"The Red Sea Brigade attacked the port in 1998 and again in 2004.", muster.PredFounded, "Red Sea Brigade", "", ""},
		{"Hassan Wardi, the governor, said the Red Sea Brigade had shelled the port.", muster.PredMemberOf, "Hassan Wardi", "", ""},
		{"The Red Sea Brigade freed Hassan Wardi, a Sudanese engineer, on Monday.", muster.PredLeader, "Red Sea Brigade", "", ""},
	} {
		d := parse(t, tc.text)
		r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: pub, Publisher: "Test Wire", LearnedRelations: true})
		var got []muster.Claim
		for _, c := range r.Claims {
			if c.Predicate == tc.pred && strings.Contains(c.Subject.Name, tc.subj) {
				got = append(got, c)
			}
		}
		if tc.obj == "" {
			if len(got) > 0 {
				t.Errorf("%q: want no %s claim, got %s → %s", tc.text, tc.pred, got[0].Subject.Name, got[0].Object.String())
			}
			continue
		}
		off := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: pub, Publisher: "Test Wire"})
		for _, c := range off.Claims {
			if c.Predicate == tc.pred && c.Confidence == 0.5 {
				t.Errorf("%q: a learned %s claim with LearnedRelations off", tc.text, tc.pred)
			}
		}
		if len(got) != 1 {
			t.Errorf("%q: want one %s claim of %s, got %d", tc.text, tc.pred, tc.subj, len(got))
			continue
		}
		c := got[0]
		if !strings.Contains(c.Object.String()+" "+c.Object.Text, tc.obj) {
			t.Errorf("%q: %s object %s, want %s", tc.text, tc.pred, c.Object.String(), tc.obj)
		}
		if q := c.Evidence[0].Quote; q != tc.text {
			t.Errorf("%q: evidence %q, want the sentence", tc.text, q)
		}
		if c.AttributedTo.Name != tc.source {
			t.Errorf("%q: source %q, want %q", tc.text, c.AttributedTo.Name, tc.source)
		}
		if err := extract.Check(tc.text, []muster.Claim{c}, nil); err != nil {
			t.Error(err)
		}
	}
}

// TestRelationSentences checks the scorer's training sentences of our
// own (testdata/relation_sentences.txt): each line is under a predicate
// the scorer gives, and names a subject and object its sentence holds.
func TestRelationSentences(t *testing.T) {
	b, err := os.ReadFile("testdata/relation_sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	pred, n, lines := muster.Predicate(""), 0, 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if h, ok := strings.CutPrefix(line, "== "); ok {
			pred = muster.Predicate(strings.TrimSpace(h))
			if !extract.RelationPredicate(pred) {
				t.Errorf("line %d: %q is no class of patterns/relations.tsv", n, pred)
			}
			continue
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if len(line) < 2 || (line[0] != '+' && line[0] != '-') || line[1] != ' ' {
			t.Errorf("line %d: want '+ ' or '- ', got %q", n, line)
			continue
		}
		lines++
		f := strings.Split(line[2:], "|")
		if line[0] == '+' && len(f) != 3 {
			t.Errorf("line %d: a positive needs SENTENCE | SUBJECT | OBJECT", n)
		}
		for _, name := range f[1:] {
			if name = strings.TrimSpace(name); name == "" || !strings.Contains(f[0], name) {
				t.Errorf("line %d: %q is not in its sentence", n, name)
			}
		}
	}
	if lines < 50 {
		t.Errorf("%d sentences, want the file's 50 or more", lines)
	}
}
