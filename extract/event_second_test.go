package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// story extracts a story of our own published on pub by "Test Wire".
func story(t *testing.T, text string, pub time.Time) *extract.Result {
	t.Helper()
	return extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: pub, Publisher: "Test Wire"})
}

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
	r := story(t, text, time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))
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

// TestBackgroundEvent: an event noun after "after", "since" or "before"
// whose words carry a date and a place of their own ("a year after an
// ambush near Kidal in March 2022 that killed 20 soldiers") is an event
// of its own with its own date and figures, never merged into the
// sentence's main event (issue 10 item 2).
func TestBackgroundEvent(t *testing.T) {
	text := "Army says post attacked\n\n" +
		"Gunmen from the Sahel Vanguard attacked a police post in Gao on Monday, a year after an ambush on a convoy near Kidal in March 2022 that killed 20 soldiers. " +
		"The police post was rebuilt in 2020. " +
		"Residents fled. " +
		"The army sent troops to the area on Tuesday. " +
		"The group has fought the army since 2012. " +
		"Its fighters are based in the desert. " +
		"Talks collapsed."
	r := story(t, text, time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))
	got := map[string]string{} // event label → its time
	for _, ev := range r.Events {
		if ev.Time != nil {
			got[ev.Label] = ev.Time.From
		} else {
			got[ev.Label] = ""
		}
	}
	var killed string
	for _, c := range r.Claims {
		if c.Predicate == muster.PredKilled {
			killed = c.Subject.Name
		}
	}
	if got["Gao attack"] != "2023-05-22" {
		t.Errorf("Gao attack dated %q, want 2023-05-22; events: %v", got["Gao attack"], got)
	}
	found := false
	for label, from := range got {
		if strings.HasPrefix(label, "Kidal") && strings.HasPrefix(from, "2022-03") {
			found = true
		}
	}
	if !found {
		t.Errorf("no Kidal event of March 2022; events: %v", got)
	}
	if !strings.HasPrefix(killed, "Kidal") {
		t.Errorf("killed 20 on %q, want the Kidal ambush", killed)
	}
}

// TestDatelineDate: a wire report's dateline gives the place and day the
// report was filed, not those of the event it tells (issue 10 item 2).
func TestDatelineDate(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"KABUL, May 23 (dpa) – Gunmen attacked a police post in Kunduz province, killing four officers, police said.", ""},
		{"GAO, Mali, May 23 (AP) — Gunmen attacked a police post in Kidal on Saturday, killing four officers.", "2023-05-20"},
	} {
		d := parse(t, tt.text)
		r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
		if len(r.Events) != 1 {
			t.Errorf("%q: %d events, want 1", tt.text, len(r.Events))
			continue
		}
		got := ""
		if r.Events[0].Time != nil {
			got = r.Events[0].Time.From
		}
		if got != tt.want {
			t.Errorf("%q: event dated %q, want %q (not the dateline's May 23)", tt.text, got, tt.want)
		}
	}
}

// TestWithdrawal: a side that leaves ground it held tells a withdrawal
// (issue 10 item 5; proposed for DESIGN §3).
func TestWithdrawal(t *testing.T) {
	text := "Government troops withdrew from the town of Kidal on Monday."
	r := story(t, text, time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))
	if len(r.Events) != 1 || r.Events[0].Type != muster.EventWithdrawal {
		var got []string
		for _, ev := range r.Events {
			got = append(got, string(ev.Type)+" "+ev.Label)
		}
		t.Fatalf("%q: events %v, want one withdrawal", text, got)
	}
}

// TestCameAsBetween: "It came as fighting took place between X and Y in
// Z" tells a fight of its own whose two sides are the conjuncts of
// "between", at the time of the event told before it ("It came as"), not
// an undated mention dropped as vague (issue 10 item 2).
func TestCameAsBetween(t *testing.T) {
	text := "Soldiers killed in Sahel\n\n" +
		"Last month, state radio reported that four soldiers had been killed during a clash with the militants near Kidal.\n\n" +
		"It came as fighting took place between the Sahel Vanguard and Malian soldiers in Tessit in the Gao region.\n\n" +
		"The army has fought the militants for a decade.\n\n" +
		"Its bases are spread across the desert.\n\n" +
		"The United States sent two aircraft in May.\n\n" +
		"Talks collapsed."
	r := story(t, text, time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))
	parts := map[string]bool{}
	var when string
	for _, ev := range r.Events {
		tessit := false
		for _, p := range ev.Places {
			tessit = tessit || p.Name == "Tessit"
		}
		if !tessit {
			continue
		}
		for _, p := range ev.Participants {
			parts[p.Entity.Name] = true
		}
		if ev.Time != nil {
			when = ev.Time.From
		}
	}
	if !parts["Sahel Vanguard"] {
		t.Errorf("the Tessit fight has participants %v, want the Sahel Vanguard", parts)
	}
	if !strings.HasPrefix(when, "2023-04") {
		t.Errorf("the Tessit fight is dated %q, want April 2023 (the clash told before it)", when)
	}
}

// TestRegionPlace: a place named after a direction word ("in
// southwestern Niger") is that part of it, the level the text gives, not
// the whole country; "central Tahoua" is Tahoua (issue 10 item 2).
func TestRegionPlace(t *testing.T) {
	text := "Gunmen kill 12 at market\n\n" +
		"Gunmen from the Sahel Vanguard attacked a market in southwestern Niger on Monday, killing 12 people, officials said.\n\n" +
		"A day later a bomb exploded at a bus station in central Tahoua, wounding four people.\n\n" +
		"Residents fled to the nearby towns.\n\n" +
		"The army sent reinforcements to the area.\n\n" +
		"Schools were closed for the rest of the week.\n\n" +
		"Talks collapsed."
	r := story(t, text, time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))
	places := map[string]bool{}
	for _, c := range r.Claims {
		if c.Predicate == muster.PredOccurredAt {
			places[c.Object.String()] = true
		}
	}
	if !places["southwestern Niger"] || places["Niger"] {
		t.Errorf("occurred_at %v, want southwestern Niger and not Niger", places)
	}
	if places["central Tahoua"] {
		t.Errorf("occurred_at %v: central Tahoua is Tahoua", places)
	}
}

// TestInsurgencyToll: a long-running conflict whose toll the story states
// ("has caused the deaths of at least 8,000 people since it took up arms
// in Mali in 2012"; "Since 2015, central Mali has been ravaged by groups
// such as … More than 10,000 people have died in the conflict") is an
// event of its own, keyed by where and when it began, and its toll is
// never the figure of the incident the story tells (issue 10 item 1).
func TestInsurgencyToll(t *testing.T) {
	text := "Militants kill five soldiers in Mali\n\n" +
		"Militants from the Sahel Vanguard killed five soldiers in an attack on an army post near Gao on Sunday, officials said.\n\n" +
		"The attackers fled into the desert, the officials added.\n\n" +
		"The Sahel Vanguard has caused the deaths of at least 8,000 people since it took up arms in Mali in 2012.\n\n" +
		"Since 2015, central Mali has been ravaged by jihadist groups such as the Sahel Vanguard and the Kidal Front.\n\n" +
		"More than 10,000 people have died in the conflict.\n\n" +
		"Talks collapsed last year."
	r := story(t, text, time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC))
	killed := map[string][]string{} // event's start → its killed figures
	start := map[string]string{}
	for _, ev := range r.Events {
		if ev.Time != nil {
			start[ev.ID] = ev.Time.From
		}
	}
	for _, c := range r.Claims {
		if c.Predicate == muster.PredKilled {
			killed[start[c.Subject.ID]] = append(killed[start[c.Subject.ID]], c.Object.String())
		}
	}
	want := map[string]string{"2024-03-10": "5", "2012-01-01": "[8000, ∞)", "2015-01-01": "[10001, ∞)"}
	for from, fig := range want {
		if got := killed[from]; len(got) != 1 || got[0] != fig {
			t.Errorf("event from %s: killed %v, want [%s] (all: %v)", from, got, fig, killed)
		}
	}
}

// TestDeedsResponsibleFor: acts told in general, not as one incident
// ("has claimed responsibility for dozens of rocket attacks on army
// posts", "members of the group have continued to carry out scattered
// attacks across the province") make the group responsible_for them, in
// the text's words (issue 10; DESIGN §3).
func TestDeedsResponsibleFor(t *testing.T) {
	text := "Militia vows more attacks\n\n" +
		"The Sahel Vanguard has claimed responsibility for dozens of rocket attacks on army posts in the north.\n\n" +
		"The Kidal Front was defeated in 2019.\n\n" +
		"However, members of the Kidal Front have continued to carry out scattered attacks across the province.\n\n" +
		"The army says it controls the main roads.\n\n" +
		"Talks collapsed."
	r := story(t, text, time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))
	got := map[string]string{}
	for _, c := range r.Claims {
		if c.Predicate == muster.PredResponsible {
			got[c.Subject.Name] = c.Object.Text
		}
	}
	for group, want := range map[string]string{"Sahel Vanguard": "dozens of rocket attacks on army posts in the north", "Kidal Front": "scattered attacks across the province"} {
		if !strings.Contains(got[group], want) {
			t.Errorf("%s responsible_for %q, want %q (all %v)", group, got[group], want, got)
		}
	}
}

// TestLandmarkPlace: a country named for its border ("near the Niger
// border") and a city a distance is measured from ("900km north of
// Bamako") are landmarks, not places of the event (issue 10 item 2).
func TestLandmarkPlace(t *testing.T) {
	text := "Gunmen kill soldiers at desert camp\n\n" +
		"Gunmen from the Sahel Vanguard stormed an army camp in Kora near the Niger border on Monday, killing five soldiers.\n\n" +
		"Troops were on patrol near Tessit, 900km north of Bamako, on Saturday when they clashed with the Sahel Vanguard.\n\n" +
		"Residents fled to the nearby towns.\n\n" +
		"The army sent reinforcements to the area.\n\n" +
		"Schools were closed for the rest of the week.\n\n" +
		"Talks collapsed."
	r := story(t, text, time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))
	places := map[string]bool{}
	for _, c := range r.Claims {
		if c.Predicate == muster.PredOccurredAt {
			places[c.Object.String()] = true
		}
	}
	if !places["Kora"] || places["Niger"] || places["Bamako"] {
		t.Errorf("occurred_at %v, want Kora, and neither Niger nor Bamako", places)
	}
}
