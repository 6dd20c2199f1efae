package extract_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// TestOneEventPerIncident: a story tells its incident in the headline,
// in a lede that gives no date, in a paragraph that dates and places it
// and in a quote that adds a figure; each mention without a date of its
// own is the incident being told, while an earlier raid with its own
// month stays apart. The story is our own.
func TestOneEventPerIncident(t *testing.T) {
	text := "Rebels raid army camp in Kivu, kill four soldiers\n\n" +
		"Fighters of the Kivu Liberation Front killed four soldiers during a raid on an army camp in eastern Congo, according to Radio Lumiere.\n\n" +
		"According to two officers, the fighters attacked the camp at Buhanga in North Kivu province on Tuesday, using pickup trucks.\n\n" +
		"Government jets flying from Goma later struck the attackers as they fled, an army spokesman said.\n\n" +
		"The spokesman did not say how many rebels died. The governor of the province called for calm.\n\n" +
		"The Kivu Liberation Front was formed in 2019 by former army officers. It says it defends herders.\n\n" +
		"In March, the Kivu Liberation Front ambushed a convoy near Rutshuru, killing three policemen."
	pub := time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC)
	r := extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: pub, Publisher: "Test Wire"})
	var june, march *muster.Event
	for i := range r.Events {
		ev := &r.Events[i]
		if ev.Time == nil {
			t.Errorf("event %q has no date: the mention of an incident told elsewhere", ev.Label)
			continue
		}
		switch {
		case strings.HasPrefix(ev.Time.From, "2024-06"):
			if june != nil {
				t.Errorf("the June incident is two events: %q and %q", june.Label, ev.Label)
			}
			june = ev
		case strings.HasPrefix(ev.Time.From, "2024-03"):
			march = ev
		}
	}
	if june == nil || march == nil {
		t.Fatalf("want the June incident and the March ambush; events %v", r.Events)
	}
	var killed []string
	for _, c := range june.Claims {
		if c.Predicate == muster.PredKilled {
			killed = append(killed, c.Object.String())
		}
		if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil && c.Object.Entity.Name == "Goma" {
			t.Errorf("the jets flew from Goma; the incident was not there")
		}
	}
	if !slices.Contains(killed, "4") {
		t.Errorf("June incident killed %v, want the lede's four soldiers", killed)
	}
}

// TestFightingAsSubject: "fighting" tells of a fight where it is the
// subject of its clause, not where a unit "has been fighting for" a side
// or a town fell "after weeks of fighting". The story is our own.
func TestFightingAsSubject(t *testing.T) {
	filler := " The governor called for calm. Schools stayed shut. Aid groups asked for access. Markets reopened in the capital. Buses ran again. Talks are due next month."
	tests := []struct {
		text string
		want bool // an event at Dembo
	}{
		{"Fresh fighting broke out between the army and Kora Front rebels on Sunday, with the rebels saying they had seized two police posts in the town of Dembo." + filler, true},
		{"The Dembo Front has been fighting for the government in Dembo since 2019." + filler, false},
	}
	pub := time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC)
	for _, tt := range tests {
		r := extract.Extract(extract.Input{Doc: parse(t, tt.text), DocID: "d_test", Published: pub, Publisher: "Test Wire"})
		got := false
		for _, ev := range r.Events {
			got = got || strings.Contains(ev.Label, "Dembo")
		}
		if got != tt.want {
			t.Errorf("%q: event at Dembo %v, want %v; events %v", tt.text, got, tt.want, r.Events)
		}
	}
}

// TestHeadlineEventDatedByLede: the headline places the strike, the lede
// dates it; the one event has both. The story is our own.
func TestHeadlineEventDatedByLede(t *testing.T) {
	text := "Drone strike kills rebel commander in northern Syria\n\n" +
		"A Turkish drone strike killed a senior commander of the Kora Front on Friday, a monitoring group reported.\n\n" +
		"The strike also wounded two farmers, the group said. The governor called for calm. Schools stayed shut. " +
		"Aid groups asked for access. Markets reopened in the capital. Buses ran again. Talks are due next month."
	pub := time.Date(2023, 10, 28, 0, 0, 0, 0, time.UTC) // a Saturday
	r := extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: pub, Publisher: "Test Wire"})
	for _, ev := range r.Events {
		if !strings.Contains(ev.Label, "Syria") {
			continue
		}
		if ev.Time == nil || ev.Time.From != "2023-10-27" {
			t.Errorf("event %q dated %v, want Friday 2023-10-27", ev.Label, ev.Time)
		}
		return
	}
	t.Errorf("no event in Syria: %v", r.Events)
}

// TestLedeSidesJoinTheIncident: the lede names the sides ("Mexican
// troops shot dead …") before the sentence that places and dates the
// incident; the incident has them. The story is our own.
func TestLedeSidesJoinTheIncident(t *testing.T) {
	text := "Nine suspected cartel gunmen killed in shootout with troops in Mexico\n\n" +
		"Mexican troops shot dead nine suspected members of a drug cartel after they came under attack in the western state, the defense ministry said Tuesday.\n\n" +
		"Soldiers were attacked on Monday by about 20 gunmen near the state capital Morelia, the ministry said in a statement. " +
		"The governor called for calm. Schools stayed shut. Aid groups asked for access. Markets reopened in the capital. Buses ran again."
	pub := time.Date(2024, 10, 22, 0, 0, 0, 0, time.UTC)
	r := extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: pub, Publisher: "Test Wire"})
	var sides []string
	for _, c := range r.Claims {
		if c.Predicate == muster.PredParticipant && c.Object.Entity != nil {
			sides = append(sides, c.Subject.Name+": "+c.Object.Entity.Name)
		}
	}
	// The side by the name the document gives the entity "Mexican
	// troops" names (a state force's canonical name, or the words).
	want := "Mexican troops"
	for _, e := range r.Entities {
		if slices.ContainsFunc(e.Aliases, func(a muster.Alias) bool { return a.Name == "Mexican troops" }) {
			want = e.Name
		}
	}
	if !slices.ContainsFunc(sides, func(s string) bool { return strings.Contains(s, want) }) {
		t.Errorf("no participant claim for Mexican troops; participants %v; events %v", sides, r.Events)
	}
}

// TestGroundTakenIsAnEvent: "seized Mosul" tells a fight for the city,
// dated by its sentence, though the lexicon names no attack. The story is
// our own.
func TestGroundTakenIsAnEvent(t *testing.T) {
	text := "Last year, the Kora Front turned on its allies and seized Mosul, with violence spilling into nearby districts. " +
		"The governor called for calm. Schools stayed shut. Aid groups asked for access. Markets reopened in the capital. Buses ran again. Talks are due next month."
	pub := time.Date(2024, 10, 22, 0, 0, 0, 0, time.UTC)
	r := extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: pub, Publisher: "Test Wire"})
	for _, ev := range r.Events {
		if strings.Contains(ev.Label, "Mosul") && ev.Time != nil && strings.HasPrefix(ev.Time.From, "2023") {
			return
		}
	}
	t.Errorf("no event at Mosul in 2023: %v", r.Events)
}

// TestFigureCountedByTheVerbBefore: in "killing five Iraqi soldiers and
// wounded ten more" the five are killed; the wounded are ten. The story is
// our own.
func TestFigureCountedByTheVerbBefore(t *testing.T) {
	text := "In November, militants stormed an army camp near Mosul, killing five Iraqi soldiers and wounded ten more. " +
		"The governor called for calm. Schools stayed shut. Aid groups asked for access. Markets reopened in the capital. Buses ran again. Talks are due next month."
	pub := time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC)
	r := extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: pub, Publisher: "Test Wire"})
	var wounded []string
	for _, c := range r.Claims {
		if c.Predicate == muster.PredWounded {
			wounded = append(wounded, c.Object.String())
		}
	}
	if !slices.Equal(wounded, []string{"10"}) {
		t.Errorf("wounded %v, want [10]", wounded)
	}
}

// TestCountryPossessivePlace: "Russia’s Kursk region" is the Kursk region,
// in Russia. The sentence is our own.
func TestCountryPossessivePlace(t *testing.T) {
	text := "Drones struck a fuel depot in Russia’s Kursk region on Monday, officials said."
	pub := time.Date(2024, 8, 14, 0, 0, 0, 0, time.UTC)
	var places []string
	for _, ev := range extract.Events(parse(t, text), pub, "d_test") {
		for _, c := range ev.Claims {
			if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil {
				places = append(places, c.Object.Entity.Name+"/"+c.Role)
			}
		}
	}
	if !slices.Contains(places, "Kursk region/admin1") || !slices.Contains(places, "Russia/country") {
		t.Errorf("places %v, want Kursk region/admin1 and Russia/country", places)
	}
}

// TestGroupIsNoPlace: "killed in Boko Haram attack" puts "in" before a
// group's name; the group is no place of the attack. The story is our
// own.
func TestGroupIsNoPlace(t *testing.T) {
	text := "Soldier killed in Boko Haram attack on Lake Chad island\n\n" +
		"Boko Haram fighters attacked an army post near Baga on Monday, killing a soldier, a military source said."
	r := extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: time.Date(2018, 5, 8, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	for _, c := range r.Claims {
		if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil && c.Object.Entity.Name == "Boko Haram" {
			t.Errorf("Boko Haram given as a place: %q", c.Evidence[0].Quote)
		}
	}
}

// TestPlaceNameWithAndAfterOf: "the Kurdish-led Autonomous Administration
// of North and East Syria" is one place, without the adjective before it.
// The sentence is our own.
func TestPlaceNameWithAndAfterOf(t *testing.T) {
	text := "A drone struck a car on the road to Qamishli in the Kurdish-led Autonomous Administration of North and East Syria on Friday, killing two fighters."
	var places []string
	for _, ev := range extract.Events(parse(t, text), time.Date(2023, 10, 28, 0, 0, 0, 0, time.UTC), "d_test") {
		for _, c := range ev.Claims {
			if c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil {
				places = append(places, c.Object.Entity.Name)
			}
		}
	}
	if !slices.Contains(places, "Autonomous Administration of North and East Syria") {
		t.Errorf("places %v, want Autonomous Administration of North and East Syria", places)
	}
}
