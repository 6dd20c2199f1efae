package pipeline_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/pipeline"
)

// TestDescribedPartiesInWire: in a wire story longer than a coder's
// summary the role scorer names described parties as MUC-4's keys do: a
// human target ("a maid was wounded") and a perpetrator ("five heavily
// armed men"); in a summary of the same incident a description is no
// participant (ACLED codes named actors, GTD an unnamed perpetrator as
// unknown). The stories are our own, in capitals as MUC-4's are.
func TestDescribedPartiesInWire(t *testing.T) {
	attack := "SANTA ROSA, 12 JUN 24 (WIRE) -- [TEXT] THE POLICE REPORTED THAT URBAN TERRORISTS LAST NIGHT ATTACKED THE HOME OF JUDGE MARIO PEREZ IN SANTA ROSA.  THE TERRORISTS FIRED AT THE HOUSE AND FLED.  A MAID WAS WOUNDED."
	kidnap := "SANTA ROSA, 12 JUN 24 (WIRE) -- [TEXT] FIVE HEAVILY ARMED MEN KIDNAPPED BUSINESSMAN MARIO PEREZ TODAY IN SANTA ROSA.  POLICE SAID THE KIDNAPPERS WERE MEMBERS OF THE NORLAND PEOPLE'S FRONT."
	filler := "\n\n   THE PRESIDENT MET BOTH DELEGATIONS IN THE CAPITAL.  HE TOLD THEM ABOUT THE INQUIRY.  HE SAID HE WOULD SEND HIS VERSION SOON.  ARMY SPOKESMEN SAID THEY HAD HEARD NOTHING.  THEY EXPECT TO SEE THE REPORT NEXT WEEK.\n"
	tests := []struct {
		name, text string
		role, who  string // a participant, by role and NameKey
		want       bool
	}{
		{"wire story, target", attack + filler, muster.RoleTarget, "maid", true},
		{"summary, target", attack, muster.RoleTarget, "maid", false},
		{"wire story, perpetrator", kidnap + filler, muster.RolePerpetrator, "armed men", true},
		{"summary, perpetrator", kidnap, muster.RolePerpetrator, "armed men", false},
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
