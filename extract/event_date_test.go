package extract_test

import (
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// dplStory is a story of our own whose dateline carries the day of the
// report, which is not the bombing's (issue 10 item 3).
const dplStory = `Toll from market bombing rises

Kabul, Mar 5, (dpa) – The death toll from a suicide bombing at a crowded market in the city of Jalalabad has risen to 40, officials said.

Dozens of others were wounded in the blast, the provincial health office said.

Police cordoned off the market and closed the roads around it.

Residents said the market had been busy with shoppers before the holiday.

Schools in the city were closed for the rest of the week.

The provincial governor called for calm and promised an inquiry.`

func TestEventDateNotReportDate(t *testing.T) {
	d := parse(t, dplStory)
	r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	found := false
	for _, ev := range r.Events {
		for _, p := range ev.Places {
			if p.Name == "Kabul" {
				t.Errorf("event %q placed at the dateline Kabul", ev.Label)
			}
			if p.Name == "Jalalabad" {
				found = true
			}
		}
		for _, c := range ev.Claims {
			if c.Predicate == muster.PredOccurredOn {
				t.Errorf("event %q dated %s from %q: the report's day, not the bombing's", ev.Label, c.Object.String(), c.Evidence[0].Quote)
			}
		}
	}
	if !found {
		t.Errorf("no event at Jalalabad: %v", labels(r.Events))
	}
}

// vanguardStory is a story of our own, long enough for the narrative
// rules: the event sentence names its instrument ("with a car bomb") and
// a later paragraph the group that claimed it and one that denied it.
const vanguardStory = `Car bomb hits army checkpoint in northern Mali

Militants attacked an army checkpoint near the town of Gao with a car bomb on Sunday, the army said.

The checkpoint guards the main road into the town.

Soldiers searched the nearby villages after the blast.

Traders closed their shops for the rest of the day.

The Sahel Vanguard claimed responsibility on Monday.

The Kidal Front denied any involvement.

The road reopened on Tuesday.`

func TestInstrumentAndResponsibility(t *testing.T) {
	d := parse(t, vanguardStory)
	r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 3, 5, 12, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	got := map[string]bool{}
	for _, ev := range r.Events {
		for _, c := range ev.Claims {
			switch c.Predicate {
			case muster.PredInstrument:
				got["instrument "+c.Object.Text] = true
			case muster.PredClaimedBy, muster.PredDeniedBy:
				name := c.Object.Text
				if c.Object.Entity != nil {
					name = c.Object.Entity.Name
				}
				got[string(c.Predicate)+" "+name+" "+string(c.Modality)] = true
			}
		}
	}
	for _, want := range []string{"instrument car bomb", "claimed_by Sahel Vanguard asserted", "denied_by Kidal Front denied"} {
		if !got[want] {
			t.Errorf("no %q among %v (events %v)", want, got, labels(r.Events))
		}
	}
}

// TestEventDateNotSpeechDate: the day a source spoke ("officials said on
// Wednesday", "claimed responsibility early on Friday") is not the day of
// the event it told of; the event's own day ("Monday’s attack", "The
// Thursday attack") dates it (issue 10 item 2). Stories of our own.
func TestEventDateNotSpeechDate(t *testing.T) {
	tail := "\n\nPolice cordoned off the market and closed the roads around it.\n\n" +
		"Residents said the market had been busy with shoppers before the holiday.\n\n" +
		"Schools in the city were closed for the rest of the week.\n\n" +
		"The provincial governor called for calm and promised an inquiry."
	tests := []struct {
		name, text, want string
	}{
		{"said on, possessive weekday", "Toll from market bombing rises\n\n" +
			"The death toll from a suicide bombing at a crowded market in the city of Jalalabad has risen to 40, officials said on Wednesday.\n\n" +
			"Dozens of others were wounded in Monday’s attack on the market, the provincial health office said." + tail, "2024-03-04"},
		{"claimed on, weekday modifier", "Militants claim market bombing\n\n" +
			"The Sahel Vanguard claimed responsibility on Wednesday for a suicide bombing that killed 12 people at a market in Jalalabad.\n\n" +
			"The Tuesday attack was the deadliest in the city this year." + tail, "2024-03-05"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := story(t, tt.text, time.Date(2024, 3, 6, 12, 0, 0, 0, time.UTC))
			var dates []string
			for _, c := range r.Claims {
				if c.Predicate == muster.PredOccurredOn {
					dates = append(dates, c.Subject.Name+" "+c.Object.String())
					if c.Object.From == "2024-03-06" {
						t.Errorf("%s dated %s from %q: the day the source spoke", c.Subject.Name, c.Object.String(), c.Evidence[0].Quote)
					}
				}
			}
			ok := false
			for _, ev := range r.Events {
				ok = ok || ev.Time != nil && ev.Time.From == tt.want
			}
			if !ok {
				t.Errorf("no event dated %s; occurred_on claims %v, events %v", tt.want, dates, labels(r.Events))
			}
		})
	}
}
