package export_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/export"
)

func TestFtM(t *testing.T) {
	grp := muster.Entity{ID: "e_nb", Type: muster.EntityArmedGroup, Name: "Northern Brigade", Aliases: []muster.Alias{{Name: "NB"}}}
	per := muster.Entity{ID: "e_ip", Type: muster.EntityPerson, Name: "Ivan Petrov"}
	ev := sampleEvent()
	ev.Participants = []muster.Participant{{Entity: grp.Ref(), Role: muster.RoleActor}}
	pr := per.Ref()
	gr := grp.Ref()
	evid := []muster.Evidence{{Document: "d_1", Quote: "a fighter with the brigade"}}
	claims := []muster.Claim{
		{ID: "c_1", Subject: per.Ref(), Predicate: muster.PredMemberOf, Object: muster.Value{Kind: muster.ValueEntity, Entity: &gr}, AttributedTo: muster.Attribution{Name: "Test Wire"}, Modality: muster.Asserted, Evidence: evid},
		{ID: "c_2", Subject: grp.Ref(), Predicate: muster.PredLeader, Object: muster.Value{Kind: muster.ValueEntity, Entity: &pr}, AttributedTo: muster.Attribution{Name: "Test Wire"}, Modality: muster.Reported, Evidence: evid},
		{ID: "c_3", Subject: grp.Ref(), Predicate: muster.PredIdeology, Object: muster.TextValue("nationalist"), AttributedTo: muster.Attribution{Name: "analysts"}, Modality: muster.Hedged, Evidence: evid},
	}
	var b bytes.Buffer
	if err := export.FtM(&b, []muster.Entity{grp, per}, []muster.Event{ev}, claims); err != nil {
		t.Fatal(err)
	}
	schemas := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		var e struct {
			ID         string              `json:"id"`
			Schema     string              `json:"schema"`
			Properties map[string][]string `json:"properties"`
		}
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		schemas[e.ID] = e.Schema
		if e.Schema == "Membership" || e.Schema == "UnknownLink" || e.Schema == "Note" {
			if d := strings.Join(e.Properties["description"], ""); !strings.Contains(d, "a fighter with the brigade") || !strings.Contains(d, "per ") {
				t.Errorf("%s %s without quote and source: %q", e.Schema, e.ID, d)
			}
		}
	}
	want := map[string]string{"e_nb": "Organization", "e_ip": "Person", "v_1": "Event", "c_1": "Membership", "c_2": "UnknownLink", "c_3": "Note"}
	for id, s := range want {
		if schemas[id] != s {
			t.Errorf("%s: schema %q, want %q", id, schemas[id], s)
		}
	}
}
