package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// TestClaimSourceIsItsContent checks issue 11's rule for who asserts a
// claim, profile facts and event figures alike: the source of the
// attribution whose content holds the claim's evidence, or else the outlet;
// never the source of a neighbouring sentence, unless that source's
// quotation is still open there. The sentences are our own.
func TestClaimSourceIsItsContent(t *testing.T) {
	const outlet = "Test Wire"
	tests := []struct {
		name, text string
		pred       muster.Predicate
		subject    string // a claim of pred whose subject holds this; "" for any
		source     string // the claim's source holds this
	}{
		{"a figure inside the content takes its speaker",
			"The Northern Brigade said its fighters killed 12 soldiers near Ostriv on Monday.",
			muster.PredKilled, "", "Northern Brigade"},
		{"a figure in the sentence after a statement is the outlet's",
			"The security service said on Thursday that it had foiled a plot against a railway bridge. Gunmen attacked a concert hall in the capital on Friday, killing 12 people.",
			muster.PredKilled, "", outlet},
		{"a figure in the sentence before a statement is the outlet's",
			"Gunmen attacked a concert hall in the capital on Friday, killing 12 people. The security service said on Saturday that it had arrested four suspects.",
			muster.PredKilled, "", outlet},
		{"a profile fact after a denial is the outlet's",
			"The Northern Brigade denied that its fighters had shelled the market. The Northern Brigade was founded in 2014.",
			muster.PredFounded, "Northern Brigade", outlet},
		{"a profile fact inside the content takes its speaker",
			"Local officials said the Northern Brigade was founded in 2014 by former army officers.",
			muster.PredFounded, "Northern Brigade", "officials"},
		{"a quotation still open in the next sentence keeps its speaker",
			"A spokesman for the Northern Brigade said: “We shelled the depot on Monday. Twelve soldiers were killed there.”",
			muster.PredKilled, "", "Northern Brigade"},
	}
	pub := time.Date(2024, 3, 24, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := parse(t, tt.text)
			r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: pub, Publisher: outlet})
			var seen []string
			for _, c := range r.Claims {
				if c.Predicate != tt.pred || !strings.Contains(c.Subject.Name, tt.subject) {
					continue
				}
				seen = append(seen, c.AttributedTo.Name)
				if !strings.Contains(strings.ToLower(c.AttributedTo.Name), strings.ToLower(tt.source)) {
					t.Errorf("%s(%s) %q attributed to %q, want %q", c.Predicate, c.Subject.Name, c.Evidence[0].Quote, c.AttributedTo.Name, tt.source)
				}
			}
			if len(seen) == 0 {
				t.Errorf("no %s claim in %q", tt.pred, tt.text)
			}
		})
	}
}
