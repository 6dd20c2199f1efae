package extract_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
)

// TestDatedBackgroundEvents: a sentence that dates what it tells before
// the event told just before it tells a background event of its own —
// "Last month, five soldiers were killed in a similar ambush in the same
// area", "A week earlier, …", "since May 2021, in which nine soldiers
// died" — whose figures never join the later event, even where it names
// no place of its own (issue 10: news_armed_groups dev merged such
// figures into the story's event). A figure dated after the event (a toll
// that rose, a source that spoke later) stays with it. The sentences are
// our own.
func TestDatedBackgroundEvents(t *testing.T) {
	pub := time.Date(2023, 6, 16, 0, 0, 0, 0, time.UTC) // a Friday
	lede := "Two soldiers were killed in an ambush near Gao on Tuesday. "
	tests := []struct {
		text string
		// want: "killed N" or "wounded N" → the prefix of the time of the
		// event the figure must count for, and the place it must have
		// ("" for none asked).
		want map[string][2]string
	}{
		{lede + "Last month, five soldiers were killed in a similar ambush in the same area.",
			map[string][2]string{"killed 2": {"2023-06-13", "Gao"}, "killed 5": {"2023-05", "Gao"}}},
		{lede + "In May 2021, nine soldiers died in an attack on the same base.",
			map[string][2]string{"killed 2": {"2023-06-13", "Gao"}, "killed 9": {"2021-05", "Gao"}}},
		{lede + "A week earlier, three soldiers had been killed in an attack near Kidal.",
			map[string][2]string{"killed 2": {"2023-06-13", "Gao"}, "killed 3": {"2023-06-0", "Kidal"}}},
		{"Rebels ambushed a patrol near Kidal on Monday, killing four soldiers. A month earlier, six soldiers had died in a similar ambush in the same area.",
			map[string][2]string{"killed 4": {"2023-06-12", "Kidal"}, "killed 6": {"2023-05", "Kidal"}}},
		{lede + "It was the first attack in the region since May 2021, in which nine soldiers died.",
			map[string][2]string{"killed 2": {"2023-06-13", "Gao"}, "killed 9": {"2021-05", ""}}},
		{lede + "Two years ago, the rebels killed seven soldiers in the region.",
			map[string][2]string{"killed 2": {"2023-06-13", "Gao"}, "killed 7": {"2021", ""}}},
		{"Gunmen attacked a police post in Gao on Monday, killing three officers. The post had been attacked in 2019, when two officers were wounded.",
			map[string][2]string{"killed 3": {"2023-06-12", "Gao"}, "wounded 2": {"2019", ""}}},
		// Negatives: later figures of the same event.
		{"Gunmen attacked a police post in Gao on Monday, killing three officers. Two more officers died of their wounds on Wednesday.",
			map[string][2]string{"killed 3": {"2023-06-12", "Gao"}, "killed 2": {"2023-06-12", "Gao"}}},
		{"Gunmen attacked a police post in Gao on Monday. Three officers were killed, the police said on Tuesday.",
			map[string][2]string{"killed 3": {"2023-06-12", "Gao"}}},
	}
	for _, tt := range tests {
		r := story(t, tt.text, pub)
		byID := map[string]muster.Event{}
		for _, ev := range r.Events {
			byID[ev.ID] = ev
		}
		places := map[string][]string{}
		for _, c := range r.Claims {
			if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil {
				places[c.Subject.ID] = append(places[c.Subject.ID], c.Object.Entity.Name)
			}
		}
		got := map[string][]string{}
		for _, c := range r.Claims {
			if c.Predicate != muster.PredKilled && c.Predicate != muster.PredWounded {
				continue
			}
			k := string(c.Predicate) + " " + c.Object.String()
			ev := byID[c.Subject.ID]
			when := ""
			if ev.Time != nil {
				when = ev.Time.From
			}
			got[k] = append(got[k], when+" at "+strings.Join(places[ev.ID], ","))
		}
		for fig, w := range tt.want {
			ok := slices.ContainsFunc(got[fig], func(g string) bool {
				when, at, _ := strings.Cut(g, " at ")
				return strings.HasPrefix(when, w[0]) && (w[1] == "" || strings.Contains(at, w[1]))
			})
			if !ok || len(got[fig]) != 1 {
				t.Errorf("%q:\n%s counts for %v, want one event of %s at %q", tt.text, fig, got[fig], w[0], w[1])
			}
		}
	}
}

// TestReportedAttackSameFight: an attack a source reports on the day of
// a fight at the same place, dated only by the day it spoke, is that
// fight told again, not a second event of that month (issue 10). Our own
// sentences.
func TestReportedAttackSameFight(t *testing.T) {
	pub := time.Date(2023, 6, 16, 0, 0, 0, 0, time.UTC)
	text := "Rebels seize army camps in northern Mali\n\n" +
		"Fresh fighting broke out between the army and the Kidal Front on Sunday, with the rebels claiming to have taken two army camps in the town of Anefis. " +
		"The army said in a post on social media late on Sunday that an attack had taken place in Anefis and that a response was under way."
	r := story(t, text, pub)
	var at []string
	for _, ev := range r.Events {
		when := ""
		if ev.Time != nil {
			when = ev.Time.From + ".." + ev.Time.To
		}
		at = append(at, ev.Label+" "+when)
	}
	if len(r.Events) != 1 {
		t.Errorf("events %v, want one, the Anefis fight of 2023-06-11", at)
	}
}

// TestWhenClauseNoEvent: a date's "when" clause that tells no fighting
// and no casualty ("breaking a truce signed in 2015, when talks began") is no
// background event. Our own sentence.
func TestWhenClauseNoEvent(t *testing.T) {
	text := "Rebels attacked an army base near Gao on Tuesday, breaking a truce signed in 2015, when talks began."
	r := story(t, text, time.Date(2023, 6, 16, 0, 0, 0, 0, time.UTC))
	for _, ev := range r.Events {
		if ev.Time != nil && strings.HasPrefix(ev.Time.From, "2015") {
			t.Errorf("%q: event %s dated %s, want none of 2015", text, ev.Label, ev.Time.From)
		}
	}
}
