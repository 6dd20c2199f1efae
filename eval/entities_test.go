package eval

import (
	"reflect"
	"strings"
	"testing"

	"github.com/muster-osint/muster"
)

// TestEntityClassTable checks the embedded gold_entity_classes.tsv and
// that the parser names the line of a bad one.
func TestEntityClassTable(t *testing.T) {
	if _, err := parseEntityClassTable(entityClassesTSV); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(EntityClasses, []string{"person", "group", "party", "place", "source", "named"}) {
		t.Errorf("EntityClasses = %v", EntityClasses)
	}
	for name, tc := range map[string]struct{ in, want string }{
		"two columns":        {"group\tarmed_group\n", "line 1"},
		"unknown type":       {"group\tarmy\ts.founded\n", `unknown entity type "army"`},
		"unknown predicate":  {"group\tarmed_group\ts.foo\n", `bad position "s.foo"`},
		"a position twice":   {"a\tperson\ts.role\nb\tplace\ts.role\n", "line 2: s.role already"},
		"a bare predicate":   {"group\tarmed_group\tfounded\n", `bad position "founded"`},
		"a comment is fine":  {"# note\n\ngroup\tarmed_group\ts.founded\n", ""},
		"any type with star": {"named\t*\ts.alias\n", ""},
	} {
		_, err := parseEntityClassTable([]byte(tc.in))
		if (err == nil) != (tc.want == "") || err != nil && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", name, err, tc.want)
		}
	}
}

// TestGoldEntities: a name takes the first class any of its places gives,
// once per NameKey, in the order it first appears.
func TestGoldEntities(t *testing.T) {
	gold := []GoldClaim{
		{Event: "Sabon Gari 2024-03", P: "participant", O: "Free Legion", Role: "actor", Source: "a military source"},
		{Event: "Sabon Gari 2024-03", P: "occurred_at", O: "Sabon Gari"},
		{S: "Free Legion", P: "leader", O: "Ivan Petrov"},
		{S: "Ivan Petrov", P: "role", Text: "commander"},
		{S: "the Free Legion", P: "ties_to", O: "Iran", Source: "Ivan Petrov"},
		{S: "FL", P: "alias", Text: "Free Legion"},
		{Event: "Sabon Gari 2024-03", P: "killed", Min: num(6), Max: num(6)},
	}
	want := []GoldEntity{
		{"Free Legion", "group"}, // a participant first, then a subject of leader: group wins
		{"a military source", "source"},
		{"Sabon Gari", "place"},
		{"Ivan Petrov", "person"}, // a source too, but person comes first
		{"Iran", "party"},
		{"FL", "named"},
	}
	if got := GoldEntities(gold); !reflect.DeepEqual(got, want) {
		t.Errorf("GoldEntities =\n%v\nwant\n%v", got, want)
	}
}

// TestScoreEntities scores a small analysis: found by an alias, typed
// wrong, a country as a party, a place that is not a country as a party,
// and a name nobody found.
func TestScoreEntities(t *testing.T) {
	a := &muster.Analysis{Entities: []muster.Entity{
		{ID: "e_g", Type: muster.EntityArmedGroup, Name: "Free Legion", Aliases: []muster.Alias{{Name: "FL"}}},
		{ID: "e_h", Type: muster.EntityOrganization, Name: "Houthis"},
		{ID: "e_i", Type: muster.EntityPlace, Name: "Iran", Place: &muster.Place{Precision: muster.PrecisionCountry}},
		{ID: "e_s", Type: muster.EntityPlace, Name: "Storm-Z", Place: &muster.Place{Precision: muster.PrecisionExact}},
		{ID: "e_p", Type: muster.EntityPerson, Name: "Ivan Petrov"},
	}}
	gold := []GoldClaim{
		{S: "FL", P: "founded", Date: "2014"},
		{S: "Houthis", P: "ideology", Text: "Zaydi"},
		{S: "Houthis", P: "backed_by", O: "Iran"},
		{S: "Free Legion", P: "allied_with", O: "Storm-Z"},
		{S: "Free Legion", P: "leader", O: "Ivan Petrov"},
		{S: "Free Legion", P: "active_in", O: "Sabon Gari"},
	}
	s := ScoreEntities(a, gold)
	wantCounts := map[string]EntityCount{
		"group":  {Gold: 3, Found: 3, Typed: 2}, // FL by its alias, Free Legion, Houthis
		"party":  {Gold: 2, Found: 2, Typed: 1},
		"person": {Gold: 1, Found: 1, Typed: 1},
		"place":  {Gold: 1},
	}
	if !reflect.DeepEqual(s.Classes, wantCounts) {
		t.Errorf("classes = %v, want %v", s.Classes, wantCounts)
	}
	var misses []string
	for _, m := range s.Misses {
		misses = append(misses, m.String())
	}
	wantMisses := []string{"group Houthis: typed organization", "party Storm-Z: typed place", "place Sabon Gari: not found"}
	if !reflect.DeepEqual(misses, wantMisses) {
		t.Errorf("misses = %q, want %q", misses, wantMisses)
	}
}
