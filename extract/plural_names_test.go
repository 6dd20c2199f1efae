package extract_test

import (
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
		d := parse(t, tt.text)
		r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
		armed := false
		var got []string
		for _, e := range r.Entities {
			got = append(got, e.Name+" ("+string(e.Type)+")")
			if e.Name == tt.name && e.Type == muster.EntityArmedGroup {
				armed = true
			}
		}
		if armed != tt.armed {
			t.Errorf("%q: %s armed group = %v, want %v; entities %v", tt.text, tt.name, armed, tt.armed, got)
		}
	}
}
