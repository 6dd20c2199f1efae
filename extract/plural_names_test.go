package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// TestPluralGroupNames: an armed group named by a plural or a collective
// name ("the Taliban", "the Houthis") is a mention typed an armed group
// when the text shows it as one (issue 11); a plural name that does
// nothing of the kind is not. Sentences are our own.
func TestPluralGroupNames(t *testing.T) {
	tests := []struct {
		text, name string
		armed      bool
	}{
		{"The Taliban returned to power in 2021.", "Taliban", true},
		{"Officials said the Taliban had closed the schools.", "Taliban", true},
		{"The Houthis, who control Sanaa, fired a missile at a ship.", "Houthis", true},
		{"Iran-backed Houthis fired missiles at ships in the Red Sea.", "Houthis", true},
		{"The Iran-backed Houthis are a Zaydi movement.", "Houthis", true},
		{"The Mbandis, who control Bunia, closed the road.", "Mbandis", true},
		{"The Kennedys visited Bunia in 2019.", "Kennedys", false},
		{"The Tigrayans fled to Sudan in 2020.", "Tigrayans", false},
	}
	for _, tt := range tests {
		typed, got := entityTypes(t, tt.text)
		armed := typed[tt.name+" "+string(muster.EntityArmedGroup)]
		if armed != tt.armed {
			t.Errorf("%q: %s armed group = %v, want %v; entities %v", tt.text, tt.name, armed, tt.armed, got)
		}
	}
}

// TestArticledStrangers: the tagger reads an unfamiliar Arabic name with
// an article ("the Shabab", "al-Shabab") as a place; one that acts as an
// armed group (attacks, has fighters, claims an attack) is one, while a
// known place that "attacks" stands for its state and keeps its type, and
// an articled place that does nothing of the kind stays a place. Sentences
// are our own.
func TestArticledStrangers(t *testing.T) {
	tests := []struct {
		text, name string
		want       muster.EntityType
	}{
		{"The Shabab attacked a base in Mogadishu on Monday.", "Shabab", muster.EntityArmedGroup},
		{"Al-Shabab attacked a base in Mogadishu on Monday.", "Al-Shabab", muster.EntityArmedGroup},
		{"Fighters of the Shabab stormed a hotel in Mogadishu.", "Shabab", muster.EntityArmedGroup},
		{"The Shabab claimed responsibility for the bombing in Mogadishu.", "Shabab", muster.EntityArmedGroup},
		{"Russia attacked the Donbas region on Monday.", "Russia", muster.EntityPlace},
		{"Drought has hit the Sahel since 2020.", "Sahel", muster.EntityPlace},
		{"Troops were sent to Mogadishu on Monday.", "Mogadishu", muster.EntityPlace},
	}
	for _, tt := range tests {
		typed, got := entityTypes(t, tt.text)
		if !typed[tt.name+" "+string(tt.want)] {
			t.Errorf("%q: want %s typed %s; entities %v", tt.text, tt.name, tt.want, got)
		}
	}
}

// TestListedPlaces: a name listed with a place after a preposition of
// place is a place, whatever the tagger guessed at an unfamiliar name
// (issue 10: "in A, B, and C" gave the event one place of three).
// Sentences are our own.
func TestListedPlaces(t *testing.T) {
	tests := []struct{ text, name string }{
		{"The army has attacked the headquarters of the Sahel Vanguard in Wadi Tessa, Kora, and Abu Zeid.", "Wadi Tessa"},
		{"The army has attacked the headquarters of the Sahel Vanguard in Wadi Tessa, Kora, and Abu Zeid.", "Abu Zeid"},
		{"Jets struck militia bases in Kora and Wadi Hamra on Monday.", "Wadi Hamra"},
	}
	for _, tt := range tests {
		typed, got := entityTypes(t, tt.text)
		if !typed[tt.name+" "+string(muster.EntityPlace)] {
			t.Errorf("%q: want %s typed place; entities %v", tt.text, tt.name, got)
		}
	}
}

// entityTypes extracts text and returns the set of its entities as
// "name type" and, for messages, each entity as "name (type)".
func entityTypes(t *testing.T, text string) (map[string]bool, []string) {
	t.Helper()
	r := extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	typed := map[string]bool{}
	var got []string
	for _, e := range r.Entities {
		typed[e.Name+" "+string(e.Type)] = true
		got = append(got, e.Name+" ("+string(e.Type)+")")
	}
	return typed, got
}

// mentionOf is one mention of an extraction with the entity it belongs to.
type mentionOf struct {
	text, name string
	typ        muster.EntityType
}

func (m mentionOf) String() string { return m.text + " → " + m.name + " (" + string(m.typ) + ")" }

// entityMentions extracts text and returns every mention with its entity.
func entityMentions(t *testing.T, text string) []mentionOf {
	t.Helper()
	r := extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	var out []mentionOf
	for _, e := range r.Entities {
		for _, m := range e.Mentions {
			out = append(out, mentionOf{m.Text, e.Name, e.Type})
		}
	}
	return out
}

// entityNames extracts text and returns the set of its entities' names
// and, for messages, each entity as "name (type)".
func entityNames(t *testing.T, text string) (map[string]bool, []string) {
	t.Helper()
	_, got := entityTypes(t, text)
	names := map[string]bool{}
	for _, g := range got {
		names[g[:strings.LastIndex(g, " (")]] = true
	}
	return names, got
}
