package pipeline_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/pipeline"
)

// wireFiller makes a wire story of our own longer than a coder's summary
// (reportSentences): five sentences that tell nothing.
const wireFiller = "\n\n   THE PRESIDENT MET BOTH DELEGATIONS IN THE CAPITAL.  HE TOLD THEM ABOUT THE INQUIRY.  HE SAID HE WOULD SEND HIS VERSION SOON.  ARMY SPOKESMEN SAID THEY HAD HEARD NOTHING.  THEY EXPECT TO SEE THE REPORT NEXT WEEK.\n"

// wirePipeline is the pipeline the wire tests share, built once.
var wirePipeline = sync.OnceValues(func() (*pipeline.Pipeline, error) { return pipeline.New(pipeline.Options{}) })

// analyzeWire runs the pipeline over a wire story published on 12 June 2024.
func analyzeWire(t *testing.T, text string) *muster.Analysis {
	t.Helper()
	p, err := wirePipeline()
	if err != nil {
		t.Fatal(err)
	}
	doc := muster.Document{Published: time.Date(2024, 6, 12, 0, 0, 0, 0, time.UTC)}
	doc.SetText(text)
	a, err := p.Analyze(context.Background(), doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestUntoldIncident: a long wire story in capitals, as MUC-4's are, may
// tell its incident in words only the report rules read, with no
// casualty figure (issue 10); it is still the story's incident. A story
// that only counts attacks or threatens more tells none. The stories are
// our own.
func TestUntoldIncident(t *testing.T) {
	tests := []struct {
		name, text string
		want       muster.EventType // "" for no event
	}{
		{"abducted and killed", "PORTO LINDO, 12 JUN 24 (WIRE) -- [TEXT] TO DATE, THE ARMY HAS NO KNOWLEDGE OF A REPORT THAT THE NORLAND GOVERNMENT HAS SAID IT SENT TO PRESIDENT ANA RUIZ ON THE INVESTIGATIONS CARRIED OUT IN THAT COUNTRY CONCERNING THE DEATH OF OPPOSITION LEADER TOMAS VARGA.\n\n" +
			"   VARGA, LEADER OF THE NORLAND REFORM MOVEMENT, AND JUAN PERA, A TRADE UNION LEADER, WERE ABDUCTED AND KILLED IN JANUARY BY UNIDENTIFIED INDIVIDUALS IN PORTO LINDO AS THEY WERE HEADING TO THE AIRPORT." + wireFiller, muster.EventKidnapping},
		{"attacks counted", "PORTO LINDO, 12 JUN 24 (WIRE) -- [TEXT] THE KORA FRONT WARNED ON SUNDAY IT WOULD RESUME ATTACKS ON ARMY POSTS IF THE TALKS FAIL.\n\n" +
			"   THE GROUP HAS CLAIMED DOZENS OF ROCKET AND DRONE ATTACKS ON ARMY POSTS IN THE NORTH." + wireFiller, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := analyzeWire(t, tt.text)
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

// TestDescribedPartiesInWire: in a wire story longer than a coder's
// summary the role scorer names described parties as MUC-4's keys do: a
// human target ("a maid was wounded") and a perpetrator ("five heavily
// armed men"); in a summary of the same incident a description is no
// participant (ACLED codes named actors, GTD an unnamed perpetrator as
// unknown). The stories are our own, in capitals as MUC-4's are.
func TestDescribedPartiesInWire(t *testing.T) {
	attack := "SANTA ROSA, 12 JUN 24 (WIRE) -- [TEXT] THE POLICE REPORTED THAT URBAN TERRORISTS LAST NIGHT ATTACKED THE HOME OF JUDGE MARIO PEREZ IN SANTA ROSA.  THE TERRORISTS FIRED AT THE HOUSE AND FLED.  A MAID WAS WOUNDED."
	kidnap := "SANTA ROSA, 12 JUN 24 (WIRE) -- [TEXT] FIVE HEAVILY ARMED MEN KIDNAPPED BUSINESSMAN MARIO PEREZ TODAY IN SANTA ROSA.  POLICE SAID THE KIDNAPPERS WERE MEMBERS OF THE NORLAND PEOPLE'S FRONT."
	tests := []struct {
		name, text string
		role, who  string // a participant, by role and NameKey
		want       bool
	}{
		{"wire story, target", attack + wireFiller, muster.RoleTarget, "maid", true},
		{"summary, target", attack, muster.RoleTarget, "maid", false},
		{"wire story, perpetrator", kidnap + wireFiller, muster.RolePerpetrator, "armed men", true},
		{"summary, perpetrator", kidnap, muster.RolePerpetrator, "armed men", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := analyzeWire(t, tt.text)
			var got []string
			for _, ev := range a.Events {
				for _, pt := range ev.Participants {
					if pt.Role == tt.role {
						got = append(got, muster.NameKey(pt.Entity.Name))
					}
				}
			}
			if slices.Contains(got, tt.who) != tt.want {
				t.Errorf("%ss %q: %q among them is %v, want %v", tt.role, got, tt.who, !tt.want, tt.want)
			}
		})
	}
}
