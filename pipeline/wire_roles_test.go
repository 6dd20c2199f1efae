package pipeline_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/pipeline"
)

// TestDescribedTargetsInWire: in a wire story longer than a coder's
// summary the role scorer names a described human target ("a guard at
// the station") as a target, as MUC-4's keys do; in a summary of the same
// incident a description is no participant (ACLED codes named actors).
// The stories are our own, in capitals as MUC-4's are.
func TestDescribedTargetsInWire(t *testing.T) {
	lede := "PORTO LINDO, 12 JUN 24 (WIRE) -- [TEXT] HEAVY GUNFIRE WAS HEARD LAST NIGHT IN NORTHERN PORTO LINDO WHEN MEMBERS OF THE NORLAND PEOPLE'S FRONT ATTACKED A WATER PUMPING STATION.  A GUARD AT THE STATION WAS WOUNDED."
	filler := "\n\n   THE PRESIDENT MET BOTH DELEGATIONS IN THE CAPITAL.  HE TOLD THEM ABOUT THE INQUIRY.  HE SAID HE WOULD SEND HIS VERSION SOON.  ARMY SPOKESMEN SAID THEY HAD HEARD NOTHING.  THEY EXPECT TO SEE THE REPORT NEXT WEEK.\n"
	tests := []struct {
		name, text string
		want       bool // the guard is a target
	}{
		{"wire story", lede + filler, true},
		{"summary", lede, false},
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
			var targets []string
			for _, ev := range a.Events {
				for _, pt := range ev.Participants {
					if pt.Role == muster.RoleTarget {
						targets = append(targets, muster.NameKey(pt.Entity.Name))
					}
				}
			}
			if got := slices.Contains(targets, "guard"); got != tt.want {
				t.Errorf("targets %q: the guard among them is %v, want %v", targets, got, tt.want)
			}
		})
	}
}
