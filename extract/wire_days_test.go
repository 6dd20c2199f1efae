package extract_test

import (
	"testing"
	"time"
)

// busStory is a wire report of our own, long enough to be read as a
// story: a bus blown up in San Salvador on 10 January, then the sentence
// second, then lines that tell of no incident.
func busStory(second string) string {
	return "Urban guerrillas blew up a bus in San Salvador on 10 January. " +
		"No one was hurt. " +
		"The bus belonged to a private company. " +
		"Police said three men placed the charge. " +
		second + " " +
		"Nothing more is known. " +
		"Police have made no arrests. " +
		"The capital has seen many such acts this month."
}

// eventDays extracts text, published on 12 January 1990, and gives each
// dated event as its type and day.
func eventDays(t *testing.T, text string) []string {
	t.Helper()
	var out []string
	for _, ev := range story(t, text, time.Date(1990, 1, 12, 0, 0, 0, 0, time.UTC)).Events {
		if ev.Time != nil {
			out = append(out, string(ev.Type)+" "+ev.Time.From)
		}
	}
	return out
}

// TestWireIncidents: a wire report that goes on to another incident in
// the same city tells of several incidents, though the later one names
// no other place and opens with no date (issue 10: MUC-4 texts fused into
// one event). Told in words only the report rules read, as wire reports
// tell them (untoldIncident). The later incident is told
//   - with another day within a month of the first (nearDay);
//   - as another kind of act, on the same day;
//   - after "Meanwhile" (patterns/incident_openers.txt), of the same kind.
func TestWireIncidents(t *testing.T) {
	for _, tt := range []struct{ second, want string }{
		{"Guerrillas also burned two trucks in San Salvador on 11 January, police said.", "arson 1990-01-11"},
		{"Armed men kidnapped a judge in Soyapango, police said.", "kidnapping 1990-01-10"},
		{"Meanwhile, a dynamite charge blew up a power pylon in Soyapango.", "bombing 1990-01-10"},
	} {
		got := eventDays(t, busStory(tt.second))
		if len(got) != 2 || got[0] != "bombing 1990-01-10" || got[1] != tt.want {
			t.Errorf("%q: events %q, want the bombing of 1990-01-10 and %q", tt.second, got, tt.want)
		}
	}
}

// TestWireIncidentsSameActors: "The rebels then torched two trucks" after
// their attack goes on telling that attack: a sentence that opens with a
// definite word or a pronoun tells of those the story has named.
func TestWireIncidentsSameActors(t *testing.T) {
	text := "Rebels blew up a bridge near Kora on 10 January. " +
		"No one was hurt. " +
		"The bridge carried the only road to the north. " +
		"The rebels then torched two trucks that stood on it. " +
		"Police have made no arrests. " +
		"Traffic was diverted through the hills. " +
		"The army said it would rebuild the bridge. " +
		"Rebels have been active in the area for years."
	if got := eventDays(t, text); len(got) != 1 {
		t.Errorf("events %q, want one: the rebels' torching goes on telling their attack", got)
	}
}
