package pipeline_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/pipeline"
)

// TestUntoldIncident: a long wire story in capitals, as MUC-4's are, may
// tell its incident in words only the report rules read, with no
// casualty figure (issue 10); it is still the story's incident. A story
// that only counts attacks or threatens more tells none. The stories are
// our own.
func TestUntoldIncident(t *testing.T) {
	filler := "\n\n   THE PRESIDENT MET BOTH DELEGATIONS IN THE CAPITAL.  HE TOLD THEM ABOUT THE INQUIRY.  HE SAID HE WOULD SEND HIS VERSION SOON.  ARMY SPOKESMEN SAID THEY HAD HEARD NOTHING.  THEY EXPECT TO SEE THE REPORT NEXT WEEK.\n"
	tests := []struct {
		name, text string
		want       muster.EventType // "" for no event
	}{
		{"abducted and killed", "PORTO LINDO, 12 JUN 24 (WIRE) -- [TEXT] TO DATE, THE ARMY HAS NO KNOWLEDGE OF A REPORT THAT THE NORLAND GOVERNMENT HAS SAID IT SENT TO PRESIDENT ANA RUIZ ON THE INVESTIGATIONS CARRIED OUT IN THAT COUNTRY CONCERNING THE DEATH OF OPPOSITION LEADER TOMAS VARGA.\n\n" +
			"   VARGA, LEADER OF THE NORLAND REFORM MOVEMENT, AND JUAN PERA, A TRADE UNION LEADER, WERE ABDUCTED AND KILLED IN JANUARY BY UNIDENTIFIED INDIVIDUALS IN PORTO LINDO AS THEY WERE HEADING TO THE AIRPORT." + filler, muster.EventKidnapping},
		{"attacks counted", "PORTO LINDO, 12 JUN 24 (WIRE) -- [TEXT] THE KORA FRONT WARNED ON SUNDAY IT WOULD RESUME ATTACKS ON ARMY POSTS IF THE TALKS FAIL.\n\n" +
			"   THE GROUP HAS CLAIMED DOZENS OF ROCKET AND DRONE ATTACKS ON ARMY POSTS IN THE NORTH." + filler, ""},
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := muster.Document{Published: time.Date(2024, 6, 12, 0, 0, 0, 0, time.UTC)}
			doc.SetText(tt.text)
			a, err := p.Analyze(context.Background(), doc, nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []muster.EventType
			for _, ev := range a.Events {
				got = append(got, ev.Type)
			}
			if tt.want == "" && len(got) > 0 || tt.want != "" && !slices.Contains(got, tt.want) {
				t.Errorf("events %v, want %q", got, tt.want)
			}
		})
	}
}
