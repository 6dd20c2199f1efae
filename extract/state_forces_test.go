package extract_test

import (
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
)

// TestStateForces checks that a state's forces named after any country of
// the countries table, by demonym or by name, are one state force (issue
// 11: the old list knew fourteen countries).
func TestStateForces(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"demonym", "The Sudanese army shelled the market on Monday.", "Sudanese Armed Forces"},
		{"possessive country", "Mali's armed forces said the base was retaken.", "Malian Armed Forces"},
		{"two-word demonym", "South Sudanese troops crossed the border.", "South Sudanese Armed Forces"},
		{"country before a capitalised force word", "Rebels overran a Burma Army post.", "Burmese Armed Forces"},
		{"police", "The Colombian police arrested two men.", "Colombian Police"},
		{"one of the fourteen", "Russian soldiers entered the village.", "Russian Armed Forces"},
		{"an adjective that is no demonym", "Philippine troops killed a rebel commander.", "Filipino Armed Forces"},
		{"a short adjective", "Saudi forces shelled the border town.", "Saudi Armed Forces"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := nlp.NewDoc(tc.text)
			segment.Segment(d)
			r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
			var got []string
			for _, e := range r.Entities {
				if e.Type == muster.EntityStateForce {
					got = append(got, e.Name)
					if e.Name == tc.want {
						return
					}
				}
			}
			t.Errorf("%q: state forces %q, want %q", tc.text, got, tc.want)
		})
	}
}
