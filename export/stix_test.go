package export_test

import (
	"bytes"
	"encoding/json"
	"math"
	"regexp"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/export"
)

// TestSTIX checks the bundle's objects: the required common properties,
// valid identifiers, references that resolve inside the bundle, and that
// every relationship and note carries its claim's quote and source.
func TestSTIX(t *testing.T) {
	ev := sampleEvent()
	grp := muster.Entity{ID: "e_nb", Type: muster.EntityArmedGroup, Name: "Northern Brigade", Aliases: []muster.Alias{{Name: "NB", Kind: muster.AliasAcronym}}}
	per := muster.Entity{ID: "e_ip", Type: muster.EntityPerson, Name: "Ivan Petrov"}
	town := muster.Entity{ID: "e_gr", Type: muster.EntityPlace, Name: "Graivoron", Place: &muster.Place{Lat: 50.48, Lon: 35.68, Country: "RU"}}
	ev.Places = []muster.Ref{town.Ref()}
	ev.Claims = nil
	ref := func(e muster.Entity) *muster.Ref { r := e.Ref(); return &r }
	evid := []muster.Evidence{{Document: "d_1", Start: 0, End: 10, Quote: "founded by Ivan Petrov"}}
	claims := []muster.Claim{
		{ID: "c_1", Subject: grp.Ref(), Predicate: muster.PredFoundedBy, Object: muster.Value{Kind: muster.ValueEntity, Text: per.Name, Entity: ref(per)},
			AttributedTo: muster.Attribution{Name: "Radio Free Europe"}, Modality: muster.Reported, Evidence: evid, Confidence: 0.8},
		{ID: "c_2", Subject: grp.Ref(), Predicate: muster.PredSize, Object: muster.NumberValue("up to 3,000", nanf(), 3000, "fighters"),
			AttributedTo: muster.Attribution{Name: "some estimates"}, Modality: muster.Estimated, Evidence: evid, Confidence: 0.7},
		{ID: "c_3", Subject: muster.Ref{ID: "e_unknown", Name: "nobody"}, Predicate: muster.PredRole, Object: muster.TextValue("x"), Evidence: evid},
	}
	docs := []muster.Document{{ID: "d_1", Title: "A report", Publisher: "Test Wire", Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC)}}
	var b bytes.Buffer
	if err := export.STIX(&b, docs, []muster.Entity{grp, per, town}, []muster.Event{ev}, claims); err != nil {
		t.Fatal(err)
	}
	var bundle struct {
		Type    string           `json:"type"`
		Objects []map[string]any `json:"objects"`
	}
	if err := json.Unmarshal(b.Bytes(), &bundle); err != nil || bundle.Type != "bundle" {
		t.Fatalf("not a bundle: %v", err)
	}
	idRE := regexp.MustCompile(`^[a-z-]+--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	ids := map[string]string{}
	for _, o := range bundle.Objects {
		id, _ := o["id"].(string)
		if !idRE.MatchString(id) || o["spec_version"] != "2.1" || o["created"] == nil || o["modified"] == nil {
			t.Errorf("object lacks a valid id or common properties: %v", o)
		}
		ids[id] = o["type"].(string)
	}
	count := map[string]int{}
	for _, o := range bundle.Objects {
		typ := o["type"].(string)
		count[typ]++
		for _, k := range []string{"source_ref", "target_ref"} {
			if r, ok := o[k].(string); ok && ids[r] == "" {
				t.Errorf("%s %s points outside the bundle", typ, k)
			}
		}
		if refs, ok := o["object_refs"].([]any); ok {
			for _, r := range refs {
				if ids[r.(string)] == "" {
					t.Errorf("%s object_refs points outside the bundle: %v", typ, r)
				}
			}
		}
		if typ == "relationship" || typ == "note" {
			text, _ := o["description"].(string)
			if typ == "note" {
				text, _ = o["content"].(string)
			}
			if !regexp.MustCompile(`founded by Ivan Petrov.*per `).MatchString(text) {
				t.Errorf("%s without quote and source: %q", typ, text)
			}
		}
	}
	want := map[string]int{"threat-actor": 1, "identity": 1, "location": 1, "incident": 1, "relationship": 1, "note": 1, "report": 1}
	for typ, n := range want {
		if count[typ] != n {
			t.Errorf("%d %s objects, want %d (all: %v)", count[typ], typ, n, count)
		}
	}
}

func nanf() float64 { return math.NaN() }

// TestSTIXDeterministic checks that the same data gives the same bundle,
// byte for byte, and that created comes from the documents, not the clock.
func TestSTIXDeterministic(t *testing.T) {
	ev := sampleEvent()
	grp := muster.Entity{ID: "e_nb", Type: muster.EntityArmedGroup, Name: "Northern Brigade"}
	claims := []muster.Claim{{ID: "c_2", Subject: grp.Ref(), Predicate: muster.PredSize, Object: muster.NumberValue("up to 3,000", nanf(), 3000, "fighters"),
		AttributedTo: muster.Attribution{Name: "some estimates"}, Modality: muster.Estimated,
		Evidence: []muster.Evidence{{Document: "d_2", Quote: "up to 3,000"}}}}
	docs := []muster.Document{
		{ID: "d_1", Title: "A report", Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC)},
		{ID: "d_2", Title: "Another", Ingested: time.Date(2023, 6, 2, 9, 30, 0, 0, time.UTC)},
	}
	write := func() []byte {
		var b bytes.Buffer
		if err := export.STIX(&b, docs, []muster.Entity{grp}, []muster.Event{ev}, claims); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	first := write()
	time.Sleep(2 * time.Millisecond)
	if second := write(); !bytes.Equal(first, second) {
		t.Fatalf("two exports of the same data differ:\n%s\n%s", first, second)
	}
	var bundle struct {
		Objects []map[string]any `json:"objects"`
	}
	if err := json.Unmarshal(first, &bundle); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"incident": "2023-05-24T00:00:00.000Z", "note": "2023-06-02T09:30:00.000Z", "threat-actor": "2023-06-02T09:30:00.000Z"}
	for _, o := range bundle.Objects {
		typ := o["type"].(string)
		if w, ok := want[typ]; ok && o["created"] != w {
			t.Errorf("%s created %v, want %s (from its document)", typ, o["created"], w)
		}
		if c, _ := o["created"].(string); c >= "2026" {
			t.Errorf("%s created %s: a wall-clock time", typ, c)
		}
	}
}
