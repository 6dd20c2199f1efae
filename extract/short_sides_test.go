package extract_test

import (
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// TestShortReportSides: in a one-event report whose report rules name
// who claimed the attack, the event's sides are those; the narrative
// rules' actors of the same sentences (here "Levant", a part of the
// claimant's name) are not added to them. Now that the narrative pass
// reads "attacked" in short texts too, it makes an event there that
// reportBase folds in (issue 10, unify2).
func TestShortReportSides(t *testing.T) {
	texts := []string{
		"03/02/2024: Assailants attacked a power station in Kolo, Tillaberi, Niger. No casualties were reported. " +
			"The Islamic State of Iraq and the Levant (ISIL) claimed responsibility for the attack.",
	}
	wrong := map[string]bool{"Levant": true}
	for _, text := range texts {
		d := parse(t, text)
		r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
		for _, ev := range r.Events {
			for _, p := range ev.Participants {
				if wrong[p.Entity.Name] {
					t.Errorf("%q: %s %q is a side of %q", text, p.Role, p.Entity.Name, ev.Label)
				}
			}
		}
		for _, c := range r.Claims {
			if c.Predicate == muster.PredParticipant && c.Object.Entity != nil && wrong[c.Object.Entity.Name] {
				t.Errorf("%q: participant claim %s %q", text, c.Role, c.Object.Entity.Name)
			}
		}
	}
}
