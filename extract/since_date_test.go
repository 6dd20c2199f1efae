package extract_test

import (
	"strings"

	"github.com/muster-osint/muster"
	"testing"
	"time"
)

// TestSinceDateGivesWay: a "since" date after the event word gives way to
// the date before it ("In March 2019, the army stormed …, having waited
// since 2014" happened in March 2019); alone it dates the event (issue
// 10). A story of our own.
func TestSinceDateGivesWay(t *testing.T) {
	text := `Army retakes the town

In March 2019, the Nigerian army stormed Boko Haram positions in Bama, having held its lines there since 2014.
Ahmed Musa, a Boko Haram commander, said his fighters had clashed with the army in Gwoza since May 3.
The weather was cold.
Markets were closed.
Schools stayed shut for the week.
Shops reopened on Friday.`
	r := story(t, text, time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))
	evs := eventsByPlace(r.Claims)
	for _, want := range []struct{ place, date string }{{"Bama", "2019-03"}, {"Gwoza", "2023-05-03"}} {
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
