package extract_test

import (
	"strings"
	"testing"
	"time"
)

// TestHyphenPatrons: the name before the hyphen of "Iran-aligned" or
// "al-Qaeda-linked" is an entity of its own, typed as what it is (a
// country is a place, the state; another name an armed group or an
// organisation), and never a place of the sentence's event (issue 11
// item 2). Our own sentences.
func TestHyphenPatrons(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string // "Name type" the entities must hold
		not        []string // "Name type" they must not
	}{
		{name: "group linked to a group", text: "The attack was carried out by al-Qaeda-linked fighters in Mogadishu.", want: []string{"al-Qaeda armed_group"}, not: []string{"al-Qaeda organization"}},
		{name: "acronym affiliated", text: "ISIS-affiliated militants attacked a checkpoint near Palma.", want: []string{"ISIS armed_group"}},
		{name: "allied group", text: "Hamas-allied fighters clashed with police in the city.", want: []string{"Hamas armed_group"}},
		{name: "demonym backs", text: "Russian-backed separatists shelled the town of Avdiivka on Monday.", want: []string{"Russia place"}},
		{name: "country by its short name", text: "The US-backed Syrian Democratic Forces took the town of Tabqa.", want: []string{"United States place"}},
		{name: "international body", text: "A UN-backed government signed the deal in Tripoli.", not: []string{"UN armed_group"}},
		{name: "a group linked to a company's name", text: "The Wagner-linked company mined gold near Bambari.", want: []string{"Wagner armed_group"}, not: []string{"Wagner-linked organization"}},
		{name: "a funder is no group", text: "A Pentagon-funded study was published on Monday.", not: []string{"Pentagon armed_group"}},
		{name: "no tie participle", text: "Kidal-based fighters attacked a convoy near the town.", not: []string{"Kidal armed_group", "Kidal organization"}},
		{name: "no name before the hyphen", text: "The well-armed fighters attacked a convoy near the town.", not: []string{"well armed_group"}},
	}
	for _, tc := range tests {
		typed, got := entityTypes(t, tc.text)
		for _, w := range tc.want {
			if !typed[w] {
				t.Errorf("%s: %q: entities %q, want %q", tc.name, tc.text, got, w)
			}
		}
		for _, n := range tc.not {
			if typed[n] {
				t.Errorf("%s: %q: entities %q hold %q", tc.name, tc.text, got, n)
			}
		}
	}
}

// TestHyphenPatronIsNoEventPlace: "Turkish-backed" names who backs the
// fighters, not where they fought: no event of the sentence is placed in
// Turkey.
func TestHyphenPatronIsNoEventPlace(t *testing.T) {
	r := story(t, "Fighting in Afrin\n\nTurkish-backed fighters clashed with a rival faction in Afrin on Monday, killing four people.", time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC))
	for _, c := range r.Claims {
		if string(c.Predicate) == "occurred_at" && strings.Contains(c.Object.String(), "Turkey") {
			t.Errorf("occurred_at %s: the patron is no place of the event", c.Object)
		}
	}
}
