package extract_test

import (
	"testing"
	"time"

	"github.com/muster-osint/muster"
)

// TestWireIncidentsOfSeveralDays: a wire report that tells of incidents
// on several days near each other, in the same city, tells of several
// incidents, each with its own day, though the later one opens with no
// date and names no other place (issue 10: MUC-4 texts fused into one
// event). Both are told in words only the report rules read, as wire
// reports tell them (untoldIncident). A day inside the month the story first dated by stays that
// event's (TestSinceDate and the news dev stories keep that).
func TestWireIncidentsOfSeveralDays(t *testing.T) {
	text := "Urban guerrillas blew up a bus in San Salvador on 10 January. " +
		"No one was hurt. " +
		"The bus belonged to a private company. " +
		"Police said three men placed the charge under the bus. " +
		"Guerrillas also burned two trucks in San Salvador on 11 January, police said. " +
		"The trucks were destroyed. " +
		"Police have made no arrests. " +
		"The capital has seen many such acts this month."
	r := story(t, text, time.Date(1990, 1, 12, 0, 0, 0, 0, time.UTC))
	days := map[muster.EventType]string{}
	for _, ev := range r.Events {
		if ev.Time != nil {
			days[ev.Type] = ev.Time.From
		}
	}
	if days[muster.EventBombing] != "1990-01-10" || days[muster.EventArson] != "1990-01-11" {
		t.Errorf("events by type and day: %v, want a bombing on 1990-01-10 and an arson on 1990-01-11", days)
	}
}

// TestWireIncidentsOfSeveralKinds: a story that goes on to another kind
// of act, told without a date and not as the same actors' doing, tells
// another incident of the same day (issue 10: MUC-4's wire reports);
// "The militants set fire to the base" after their raid goes on telling
// the raid.
func TestWireIncidentsOfSeveralKinds(t *testing.T) {
	pub := time.Date(1990, 1, 12, 0, 0, 0, 0, time.UTC)
	text := "Urban guerrillas blew up a bus in San Salvador on 10 January. " +
		"No one was hurt. " +
		"The bus belonged to a private company. " +
		"Police said three men placed the charge. " +
		"Armed men kidnapped a judge in Soyapango, police said. " +
		"Nothing is known of his whereabouts. " +
		"Police have made no arrests. " +
		"The capital has seen many such acts this month."
	days := map[muster.EventType]string{}
	for _, ev := range story(t, text, pub).Events {
		if ev.Time != nil {
			days[ev.Type] = ev.Time.From
		}
	}
	if days[muster.EventBombing] != "1990-01-10" || days[muster.EventKidnapping] != "1990-01-10" {
		t.Errorf("events by type and day: %v, want a bombing and a kidnapping, both on 1990-01-10", days)
	}
	text = "Rebels blew up a bridge near Kora on 10 January. " +
		"No one was hurt. " +
		"The bridge carried the only road to the north. " +
		"The rebels then torched two trucks that stood on it. " +
		"Police have made no arrests. " +
		"Traffic was diverted through the hills. " +
		"The army said it would rebuild the bridge. " +
		"Rebels have been active in the area for years."
	if evs := story(t, text, pub).Events; len(evs) != 1 {
		var types []muster.EventType
		for _, ev := range evs {
			types = append(types, ev.Type)
		}
		t.Errorf("events %v, want one: the rebels' torching goes on telling their attack", types)
	}
}

// TestWireIncidentOpener: "Meanwhile" or "In another incident" opening
// a sentence with an event word of its own tells another incident of the
// same kind (patterns/incident_openers.txt).
func TestWireIncidentOpener(t *testing.T) {
	text := "Urban guerrillas blew up a bus in San Salvador on 10 January. " +
		"No one was hurt. " +
		"The bus belonged to a private company. " +
		"Police said three men placed the charge. " +
		"Meanwhile, a dynamite charge blew up a power pylon in Soyapango. " +
		"Part of the city was left without light. " +
		"Police have made no arrests. " +
		"The capital has seen many such acts this month."
	var n int
	for _, ev := range story(t, text, time.Date(1990, 1, 12, 0, 0, 0, 0, time.UTC)).Events {
		if ev.Type == muster.EventBombing && ev.Time != nil && ev.Time.From == "1990-01-10" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d bombings on 1990-01-10, want 2: the bus and the pylon", n)
	}
}
