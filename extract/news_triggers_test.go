package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
)

// newsTriggerStory is a story of our own whose events are told only with
// the forms triggers.tsv's newsevents2 block adds (issue 10): a
// participle of fighting, a war's end told as a
// victory (dated before its verb, with a "since" date after it).
const newsTriggerStory = `Army says the war is over

In March 2019, Nigeria declared victory over Boko Haram, having retaken every town the militants had held since 2014.
Ahmed Musa, a Boko Haram commander, has been named as the leader of militants battling government troops in Maiduguri since May 3.
The weather was cold.
Markets were closed.
Schools stayed shut for the week.
Shops reopened on Friday.`

// eventsByPlace returns each event's occurred_at places and occurred_on
// dates, keyed by the event's label.
func eventsByPlace(claims []muster.Claim) map[string][]string {
	m := map[string][]string{}
	for _, c := range claims {
		if c.Predicate == muster.PredOccurredAt || c.Predicate == muster.PredOccurredOn {
			m[c.Subject.Name] = append(m[c.Subject.Name], c.Object.String())
		}
	}
	return m
}

func TestNewsTriggerForms(t *testing.T) {
	r := story(t, newsTriggerStory, time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))
	evs := eventsByPlace(r.Claims)
	for _, want := range []struct{ place, date string }{
		{"Nigeria", "2019-03"}, // declared victory, in March 2019 (not since 2014)
		{"Maiduguri", "2023-05-03"},
	} {
		found := false
		for _, vs := range evs {
			all := strings.Join(vs, " | ")
			if strings.Contains(all, want.place) {
				found = true
				if !strings.Contains(all, want.date) {
					t.Errorf("the %s event is dated %q, want %s", want.place, all, want.date)
				}
			}
		}
		if !found {
			t.Errorf("no event at %s: %v", want.place, evs)
		}
	}
}
