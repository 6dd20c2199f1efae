package extract_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// compatiblePredicates reads the pairs of predicates that eval claims
// accepts for one another from ../eval/claim_families.tsv, so that the
// held-out score below judges relations as the news evaluation does.
func compatiblePredicates(t *testing.T) map[muster.Predicate]map[muster.Predicate]bool {
	t.Helper()
	b, err := os.ReadFile("../eval/claim_families.tsv")
	if err != nil {
		t.Fatalf("read claim families: %v", err)
	}
	out := map[muster.Predicate]map[muster.Predicate]bool{}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || f[0] != "compatible" {
			continue
		}
		for _, p := range [][2]string{{f[1], f[2]}, {f[2], f[1]}} {
			a, b := muster.Predicate(p[0]), muster.Predicate(p[1])
			if out[a] == nil {
				out[a] = map[muster.Predicate]bool{}
			}
			out[a][b] = true
		}
	}
	return out
}

// TestProfileHeldout scores the held-out profile sentences
// (testdata/profile_heldout.txt, issue 11): written before the profile
// work began and never tuned on, they measure how far the profile and
// relation patterns generalise beyond the sentences they were written
// for. It reports only the score, never which sentences missed (so that
// running it does not turn the set into tuning data), and fails only on
// a malformed file.
func TestProfileHeldout(t *testing.T) {
	pub := time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC)
	compat := compatiblePredicates(t)
	var pos, hit, neg, clean int
	for _, s := range readProfileSentences(t, "testdata/profile_heldout.txt") {
		if s.kind != '+' && s.kind != '-' {
			t.Fatalf("profile_heldout.txt:%d: held-out lines are + or -, not %c", s.line, s.kind)
		}
		d := parse(t, s.text)
		r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: pub, Publisher: "Test Wire"})
		found := false
		for _, c := range r.Claims {
			if c.Predicate != s.pred && !compat[c.Predicate][s.pred] {
				continue
			}
			obj := c.Object.String() + " " + c.Object.Text
			if strings.Contains(c.Subject.Name, s.subj) && strings.Contains(obj, s.obj) &&
				(s.source == "" || strings.Contains(c.AttributedTo.Name, s.source)) {
				found = true
				break
			}
		}
		switch {
		case s.kind == '+':
			pos++
			if found {
				hit++
			}
		case found:
			neg++
		default:
			neg++
			clean++
		}
	}
	t.Logf("profile held-out: positives %d/%d, negatives clean %d/%d", hit, pos, clean, neg)
}
