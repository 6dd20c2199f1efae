package muster_test

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/muster-osint/muster"
)

// TestValueJSON checks the number-range shape of DESIGN §6: min and max are
// always present, null when open.
func TestValueJSON(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		v    muster.Value
		want string
	}{
		{"more than 70", muster.NumberValue("more than 70", 71, nan, ""), `{"kind":"number","text":"more than 70","min":71,"max":null}`},
		{"up to 4,000", muster.NumberValue("up to 4,000", nan, 4000, "troops"), `{"kind":"number","text":"up to 4,000","min":null,"max":4000,"unit":"troops"}`},
		{"a text", muster.TextValue("far-right"), `{"kind":"text","text":"far-right"}`},
		{"a date", muster.Value{Kind: muster.ValueDate, Text: "March 2022", From: "2022-03-01", To: "2022-03-31", Precision: muster.PrecisionMonth},
			`{"kind":"date","text":"March 2022","from":"2022-03-01","to":"2022-03-31","precision":"month"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("JSON = %s\nwant   %s", b, tt.want)
			}
			var back muster.Value
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if back.String() != tt.v.String() {
				t.Errorf("round trip: %s, want %s", back.String(), tt.v.String())
			}
		})
	}
}

func TestOverlaps(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		a, b muster.Value
		want bool
	}{
		{"more than 70 vs two", muster.NumberValue("", 71, nan, ""), muster.NumberValue("", 2, 2, ""), false},
		{"up to 4,000 vs a few hundred", muster.NumberValue("", nan, 4000, ""), muster.NumberValue("", 200, 900, ""), true},
		{"at least two vs two", muster.NumberValue("", 2, nan, ""), muster.NumberValue("", 2, 2, ""), true},
	}
	for _, tt := range tests {
		if got := tt.a.Overlaps(tt.b); got != tt.want {
			t.Errorf("%s: Overlaps = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestClaimIDStable(t *testing.T) {
	c := muster.Claim{Subject: muster.Ref{ID: "e_1", Name: "RDK"}, Predicate: muster.PredFounded, Object: muster.TextValue("August 2022"),
		Evidence: []muster.Evidence{{Document: "d_1", Start: 10, End: 20, Quote: "x"}}}
	c.SetID()
	d := c
	d.SetID()
	if c.ID != d.ID || len(c.ID) != 18 {
		t.Errorf("SetID not stable: %s vs %s", c.ID, d.ID)
	}
	d.Evidence = []muster.Evidence{{Document: "d_2", Start: 10, End: 20}}
	d.SetID()
	if d.ID == c.ID {
		t.Errorf("claims from different documents share id %s", c.ID)
	}
	if err := (&muster.Claim{ID: "c", Subject: muster.Ref{Name: "x"}, Predicate: "nonsense", Modality: muster.Asserted, Evidence: c.Evidence}).Validate(); err == nil {
		t.Errorf("Validate accepted an unknown predicate")
	}
}
