package extract_test

import (
	"slices"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// TestBranchNames: a group's branch named after a dash ("Islamic State –
// Sahel Province") is one armed group, not a group and a place or a
// person (issue 11 item 2: long names with dashes). The sentences are
// our own.
func TestBranchNames(t *testing.T) {
	tests := []struct {
		name, text string
		want       string // an armed group's name; "" for none
		not        string // a name that must not be an entity
	}{
		{"dash and capitalised head", "The task force fights Islamic State – Sahel Province near the lake.", "Islamic State – Sahel Province", "Sahel Province"},
		{"dash and lower-case head", "The task force fights Islamic State – Sahel province near the lake.", "Islamic State – Sahel province", ""},
		{"a dash before a description", "The Kivu Front – a group founded in 2002 – attacked the town.", "Kivu Front", ""},
		{"in before a place", "The Kivu Front in Goma attacked the town on Monday.", "Kivu Front", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := parse(t, tc.text)
			r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
			var groups, all []string
			for _, e := range r.Entities {
				all = append(all, e.Name)
				if e.Type == muster.EntityArmedGroup {
					groups = append(groups, e.Name)
				}
			}
			if !slices.Contains(groups, tc.want) {
				t.Errorf("%q: armed groups %q, want %q", tc.text, groups, tc.want)
			}
			if tc.not != "" && slices.Contains(all, tc.not) {
				t.Errorf("%q: entities %q hold %q", tc.text, all, tc.not)
			}
		})
	}
}

// TestFactionNames: "faction" ends a group's name as "group" does ("the
// Zambada faction", "Zambada's faction"), and "Movements" ends an
// alliance's ("Coordination of Kivu Movements"). The sentences are our
// own.
func TestFactionNames(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"The men killed on Monday were linked to Zambada's faction.", "Zambada's faction"},
		{"The Zambada faction fought the sons of Guzman.", "Zambada faction"},
		{"The rebel alliance, called the Coordination of Kivu Movements, has been fighting the army.", "Coordination of Kivu Movements"},
	} {
		d := parse(t, tc.text)
		r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
		var groups []string
		for _, e := range r.Entities {
			if e.Type == muster.EntityArmedGroup {
				groups = append(groups, e.Name)
			}
		}
		if !slices.Contains(groups, tc.want) {
			t.Errorf("%q: armed groups %q, want %q", tc.text, groups, tc.want)
		}
	}
}

// TestNumberedUnits: a unit numbered after its head ("Brigade 5th",
// "Battalion 22") is named with its number, and a year after a head is
// no number of it. The sentences are our own.
func TestNumberedUnits(t *testing.T) {
	for _, tc := range []struct{ text, want, not string }{
		{"The troops from the Karen Army's Brigade 5th overran the post on Monday.", "Brigade 5th", "Brigade"},
		{"Rebels said Battalion 22 had retaken the ridge.", "Battalion 22", ""},
		{"The Azov Battalion 2014 veterans marched in Kyiv.", "Azov Battalion", "Azov Battalion 2014"},
	} {
		d := parse(t, tc.text)
		r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
		var groups []string
		for _, e := range r.Entities {
			if e.Type == muster.EntityArmedGroup || e.Type == muster.EntityStateForce {
				groups = append(groups, e.Name)
			}
		}
		if !slices.Contains(groups, tc.want) || tc.not != "" && slices.Contains(groups, tc.not) {
			t.Errorf("%q: groups %q, want %q and not %q", tc.text, groups, tc.want, tc.not)
		}
	}
}

// TestKnownAsRetypesEveryMention: a name the text gives a unit ("units
// known as Storm-K") is an armed group's, at that mention and at every
// other mention of it, though the tagger took it for a place (the
// armed/known-as pattern, "retype place"). The text is our own.
func TestKnownAsRetypesEveryMention(t *testing.T) {
	text := "Convicts were sent to units known as Storm-K. One soldier who fought in Storm-K said the units were poorly armed."
	d := parse(t, text)
	r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	var got []string
	for _, e := range r.Entities {
		got = append(got, string(e.Type)+" "+e.Name)
		if e.Name == "Storm-K" && e.Type != muster.EntityArmedGroup {
			t.Errorf("%q: Storm-K is a %s", text, e.Type)
		}
	}
	if !slices.Contains(got, "armed_group Storm-K") {
		t.Errorf("%q: entities %q, want the armed group Storm-K", text, got)
	}
}
