package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// TestClaimedSecondEvent: a claim of responsibility that names an event
// word of its own ("claimed responsibility for a bombing in Gao that
// injured two police officers") tells a second event of its sentence,
// with its own place, claimant and figures, apart from the sentence's
// main event (issue 10 item 3). The story is long enough to be read as a
// story, not a one-event report.
func TestClaimedSecondEvent(t *testing.T) {
	text := "Army says it shelled rebel positions\n\n" +
		"The army shelled rebel positions near Kora on Monday after the Sahel Vanguard claimed responsibility for a bombing in Gao that injured two police officers. " +
		"The shelling lasted for hours. " +
		"Residents of Kora fled to the hills. " +
		"The army did not say whether anyone was hurt. " +
		"The Sahel Vanguard has fought the army since 2012. " +
		"Its fighters are based in the desert. " +
		"Talks between the two sides collapsed last year."
	d := parse(t, text)
	r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	place := map[string][]string{} // event label → its occurred_at places
	var claimed, wounded string
	for _, c := range r.Claims {
		switch c.Predicate {
		case muster.PredOccurredAt:
			place[c.Subject.Name] = append(place[c.Subject.Name], c.Object.String())
		case muster.PredClaimedBy:
			claimed = c.Subject.Name
		case muster.PredWounded:
			wounded = c.Subject.Name
		}
	}
	if !strings.Contains(claimed, "Gao") {
		t.Errorf("claimed_by on %q, want the Gao bombing; places by event: %v", claimed, place)
	}
	if !strings.Contains(wounded, "Gao") {
		t.Errorf("wounded 2 on %q, want the Gao bombing", wounded)
	}
	for ev, ps := range place {
		if strings.Contains(ev, "Kora") && strings.Contains(strings.Join(ps, " "), "Gao") {
			t.Errorf("the Kora shelling is placed in Gao too: %v", ps)
		}
	}
}
