package extract_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/muster-osint/muster/extract"
)

// participantsOf returns "role:name" for every participant of r's events.
func participantsOf(r *extract.Result) []string {
	var out []string
	for _, ev := range r.Events {
		for _, p := range ev.Participants {
			out = append(out, p.Role+":"+p.Entity.Name)
		}
	}
	return out
}

// TestLearnedRoles runs the role scorer through Extract: the targets it
// finds, and the perpetrators it must leave out.
func TestLearnedRoles(t *testing.T) {
	for _, tc := range []struct {
		text     string
		want     []string // participants that must be found
		dontWant []string // participants that must not
	}{
		{
			text: "Gunmen kidnapped businessman Carlos Ruiz in Medellin on Sunday.",
			want: []string{"target:Carlos Ruiz"},
			// A place is no human target, a description no perpetrator.
			dontWant: []string{"target:Medellin", "perpetrator:Gunmen"},
		},
		{
			text:     "Guerrillas attacked the presidential farm near Santo Tomas on Friday, where President Vinicio Cerezo was staying.",
			dontWant: []string{"perpetrator:guerrillas", "target:presidential farm"},
		},
		{
			text:     "Assailants opened fire on police officers in Jalalabad, Afghanistan. Two police officers were killed in the attack.",
			dontWant: []string{"perpetrator:assailants", "target:police officers", "target:Two police officers"},
		},
	} {
		r := extract.Extract(extract.Input{Doc: parse(t, tc.text), DocID: "d1"})
		got := participantsOf(r)
		t.Logf("%q: %q", tc.text, got)
		for _, w := range tc.want {
			if !slices.Contains(got, w) {
				t.Errorf("%q: no %s; participants %q", tc.text, w, got)
			}
		}
		for _, w := range tc.dontWant {
			if slices.Contains(got, w) {
				t.Errorf("%q: %s; participants %q", tc.text, w, got)
			}
		}
		if err := extract.Check(tc.text, r.Claims, r.Events); err != nil {
			t.Errorf("%q: %v", tc.text, err)
		}
	}
}

// TestTrainRoleModelReproducible trains twice on the same small data (an
// average of three shuffled runs) and wants the same bytes, and a model
// that reads back with the same scores.
func TestTrainRoleModelReproducible(t *testing.T) {
	var docs []extract.RoleTrainingDoc
	for _, s := range []string{
		"Guerrillas of the Farabundo Marti National Liberation Front attacked a military base in Usulutan.",
		"Unidentified gunmen killed the mayor of Medellin, Jose Perez, on Sunday.",
		"A car bomb exploded outside the embassy, wounding three policemen.",
	} {
		td := extract.RoleTrainingDoc{Doc: parse(t, s)}
		td.Fills[extract.SlotPerpOrg] = [][]string{{"FARABUNDO MARTI NATIONAL LIBERATION FRONT"}}
		td.Fills[extract.SlotPerpInd] = [][]string{{"GUERRILLAS"}, {"GUNMEN"}}
		td.Fills[extract.SlotPhysTarget] = [][]string{{"MILITARY BASE"}, {"EMBASSY"}}
		td.Fills[extract.SlotHumName] = [][]string{{"JOSE PEREZ"}}
		td.Fills[extract.SlotHumDesc] = [][]string{{"MAYOR"}, {"POLICEMEN"}}
		docs = append(docs, td)
	}
	opt := extract.RoleTrainOptions{Bits: 12, Epochs: 3, Runs: 3, Seed: 7}
	a, err := extract.TrainRoleModel(docs, opt).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	b, err := extract.TrainRoleModel(docs, opt).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings on the same data gave different bytes")
	}
	m, err := extract.LoadRoleModel(a)
	if err != nil {
		t.Fatal(err)
	}
	again, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, again) {
		t.Error("a loaded model writes other bytes")
	}
	if _, err := extract.LoadRoleModel([]byte("not a model")); err == nil {
		t.Error("LoadRoleModel of garbage: no error")
	}
}

// TestTrainRoleModelPartial trains on GTD-like records, whose key names
// only the perpetrator group: the group's own phrase is learnt as a
// perpetrator organisation, and "Pakistan", the last word of "Tehrik-i-
// Taliban Pakistan" but a name of its own, as none (the full-key labelling
// matches a fill's last word and made it a perpetrator).
func TestTrainRoleModelPartial(t *testing.T) {
	var docs []extract.RoleTrainingDoc
	for _, s := range []string{
		"Assailants attacked a police checkpoint in Khyber, Pakistan. Tehrik-i-Taliban Pakistan claimed responsibility for the attack.",
		"An explosive device detonated near a market in Bannu, Pakistan. Tehrik-i-Taliban Pakistan claimed responsibility.",
		"Assailants shot and killed a teacher in Swat, Pakistan. Tehrik-i-Taliban Pakistan claimed responsibility for the incident.",
	} {
		td := extract.RoleTrainingDoc{Doc: parse(t, s), Partial: true}
		td.Fills[extract.SlotPerpOrg] = [][]string{{"TEHRIK-I-TALIBAN PAKISTAN (TTP)", "TEHRIK-I-TALIBAN PAKISTAN", "TTP"}}
		docs = append(docs, td)
	}
	m := extract.TrainRoleModel(docs, extract.RoleTrainOptions{Bits: 12, Epochs: 5, Runs: 3, Seed: 7})
	m.Margin = 0
	d := parse(t, "A bomb exploded in Quetta, Pakistan. Tehrik-i-Taliban Pakistan claimed responsibility.")
	var country, group bool
	for si := range d.SentenceTokens {
		for _, c := range extract.RoleCandidates(d, si) {
			phrase := d.Text[d.Tokens[c.Lo].Start:d.Tokens[c.Hi-1].End]
			k, _ := m.Best(d, si, c)
			t.Logf("%q: %s", phrase, extract.RoleSlots[k])
			switch phrase {
			case "Pakistan":
				country = k == extract.SlotPerpOrg || k == extract.SlotPerpInd
			case "Tehrik-i-Taliban Pakistan":
				group = k == extract.SlotPerpOrg
			}
		}
	}
	if country {
		t.Error("the country Pakistan scores as a perpetrator")
	}
	if !group {
		t.Error("Tehrik-i-Taliban Pakistan does not score as a perpetrator organisation")
	}
}
