package extract_test

import (
	"strings"
	"testing"
)

// groupNameCase is a sentence of our own, a name that must come out of it
// as an armed group (or, with state, as a state force too), and a name
// that must come out as no entity.
type groupNameCase struct {
	name, text string
	want       string
	not        string
	state      bool
}

// checkGroupNames extracts each case's text with entityTypes.
func checkGroupNames(t *testing.T, tests []groupNameCase) {
	t.Helper()
	for _, tc := range tests {
		typed, got := entityTypes(t, tc.text)
		if !typed[tc.want+" armed_group"] && !(tc.state && typed[tc.want+" state_force"]) {
			t.Errorf("%s: %q: entities %q, want the armed group %q", tc.name, tc.text, got, tc.want)
		}
		for k := range typed {
			if tc.not != "" && k[:strings.LastIndexByte(k, ' ')] == tc.not {
				t.Errorf("%s: %q: entities %q hold %q", tc.name, tc.text, got, tc.not)
			}
		}
	}
}

// TestBranchNames: a group's branch named after a dash ("Islamic State –
// Sahel Province") is one armed group, not a group and a place or a
// person (issue 11 item 2: long names with dashes).
func TestBranchNames(t *testing.T) {
	checkGroupNames(t, []groupNameCase{
		{name: "dash and capitalised head", text: "The task force fights Islamic State – Sahel Province near the lake.", want: "Islamic State – Sahel Province", not: "Sahel Province"},
		{name: "dash and lower-case head", text: "The task force fights Islamic State – Sahel province near the lake.", want: "Islamic State – Sahel province"},
		{name: "a dash before a description", text: "The Kivu Front – a group founded in 2002 – attacked the town.", want: "Kivu Front"},
		{name: "in before a place", text: "The Kivu Front in Goma attacked the town on Monday.", want: "Kivu Front"},
	})
}

// TestFactionNames: "faction" ends a group's name as "group" does ("the
// Zambada faction", "Zambada's faction"), and "Movements" an alliance's
// ("Coordination of Kivu Movements").
func TestFactionNames(t *testing.T) {
	checkGroupNames(t, []groupNameCase{
		{name: "possessive", text: "The men killed on Monday were linked to Zambada's faction.", want: "Zambada's faction"},
		{name: "name before the head", text: "The Zambada faction fought the sons of Guzman.", want: "Zambada faction"},
		{name: "plural head", text: "The rebel alliance, called the Coordination of Kivu Movements, has been fighting the army.", want: "Coordination of Kivu Movements"},
	})
}

// TestNumberedUnits: a unit numbered after its head ("Brigade 5th",
// "Battalion 22") is named with its number, and a year after a head is
// no number of it.
func TestNumberedUnits(t *testing.T) {
	checkGroupNames(t, []groupNameCase{
		{name: "ordinal", text: "The troops from the Karen Army's Brigade 5th overran the post on Monday.", want: "Brigade 5th", not: "Brigade"},
		{name: "number", text: "Rebels said Battalion 22 had retaken the ridge.", want: "Battalion 22"},
		{name: "a year", text: "The Azov Battalion 2014 veterans marched in Kyiv.", want: "Azov Battalion", not: "Azov Battalion 2014", state: true},
	})
}

// TestKnownAsRetypesEveryMention: a name the text gives a unit ("units
// known as Storm-K") is an armed group's, at that mention and at every
// other mention of it, though the tagger took it for a place (the
// armed/known-as pattern, "retype place").
func TestKnownAsRetypesEveryMention(t *testing.T) {
	text := "Convicts were sent to units known as Storm-K. One soldier who fought in Storm-K said the units were poorly armed."
	typed, got := entityTypes(t, text)
	for k := range typed {
		if k[:strings.LastIndexByte(k, ' ')] == "Storm-K" && k != "Storm-K armed_group" {
			t.Errorf("%q: entities %q: Storm-K is not only an armed group", text, got)
		}
	}
	if !typed["Storm-K armed_group"] {
		t.Errorf("%q: entities %q, want the armed group Storm-K", text, got)
	}
}
