package extract_test

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
)

// wireStory is a wire report of our own, longer than a coder's summary:
// a dateline, the event told with a verb ("ambushed"), the army's figures,
// a claim of responsibility referring back to it, the group's own figure
// two sentences on, and background.
const wireStory = `Gunmen kill 14 soldiers in ambush in central Mali

BAMAKO — Gunmen ambushed an army convoy near the town of Boni in the Mopti region on Sunday, killing at least 14 soldiers and wounding 9 others, the army said in a statement.

The Northern Sahel Brigade claimed responsibility for the attack in a message posted online on Monday. The group said its fighters had killed 30 soldiers and seized weapons, a figure that could not be independently verified.

The brigade was formed in 2019. Analysts estimate it has between 2,000 and 3,000 fighters.

No group has claimed a second attack near Douentza last month.`

func TestWireStory(t *testing.T) {
	// The shipped chain: the claim of responsibility is read off the parse.
	d := parse(t, wireStory)
	r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 3, 4, 12, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	var boni *muster.Event
	for i, ev := range r.Events {
		for _, p := range ev.Places {
			if p.Name == "Boni" || p.Name == "Mopti" {
				boni = &r.Events[i]
			}
			if p.Name == "BAMAKO" {
				t.Errorf("event %q placed at the dateline BAMAKO", ev.Label)
			}
		}
	}
	if boni == nil {
		t.Fatalf("no event at Boni or Mopti; events: %v", labels(r.Events))
	}
	if boni.Time == nil || boni.Time.From != "2024-03-03" {
		t.Errorf("Boni event time %v, want 2024-03-03 (Sunday)", boni.Time)
	}
	var got []string
	for _, c := range boni.Claims {
		switch c.Predicate {
		case muster.PredKilled, muster.PredWounded, muster.PredClaimedBy:
			got = append(got, string(c.Predicate)+" "+c.Object.String()+" per "+c.AttributedTo.Name+"/"+string(c.Modality))
		}
	}
	sort.Strings(got)
	want := []string{
		"claimed_by Northern Sahel Brigade per Test Wire/asserted", // the outlet states that the claim was made
		"killed 30 per Northern Sahel Brigade/unverified",
		"killed [14, ∞) per the army/reported",
		"wounded 9 per the army/reported",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Boni event claims (-want +got):\n%s", diff)
	}
	// "No group has claimed …" names no claimant, participant or source;
	// a headline's "Gunmen" is no group either.
	for _, c := range r.Claims {
		for _, name := range []string{c.Object.String(), c.AttributedTo.Name, c.Subject.Name} {
			if strings.EqualFold(name, "No group") || strings.EqualFold(name, "Gunmen") {
				t.Errorf("claim %s %s %s per %s names %q", c.Subject.Name, c.Predicate, c.Object.String(), c.AttributedTo.Name, name)
			}
		}
	}
	for _, e := range r.Entities {
		if strings.EqualFold(e.Name, "No group") || strings.EqualFold(e.Name, "Gunmen") {
			t.Errorf("entity %s %q", e.Type, e.Name)
		}
	}
}

// TestDefenceMinistry: "Russian Defence Ministry" is one name, not a
// force called "Russian Defence" beside a "Ministry".
func TestDefenceMinistry(t *testing.T) {
	d := nlp.NewDoc("The Russian Defence Ministry said on Monday that its forces had shelled Ostriv.")
	segment.Segment(d)
	r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 3, 4, 12, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	var names []string
	for _, e := range r.Entities {
		names = append(names, string(e.Type)+" "+e.Name)
	}
	sort.Strings(names)
	if want := []string{"place Ostriv", "state_force Russian Defence Ministry"}; !cmp.Equal(names, want) {
		t.Errorf("entities %q, want %q", names, want)
	}
}

func labels(evs []muster.Event) []string {
	var out []string
	for _, ev := range evs {
		out = append(out, ev.Label)
	}
	return out
}
