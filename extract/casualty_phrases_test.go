package extract_test

import (
	"slices"
	"testing"
	"time"

	"github.com/muster-osint/muster"
)

// TestTollAndNoLosses: a death toll that rose to a figure gives that
// figure as the killed ("The death toll from the bombing has risen to
// 45"), and an attacker that escaped "without suffering any losses" lost
// no one (killed 0), as news tells them (issue 10: news_armed_groups dev
// missed both). The sentences are our own; a toll of no named event,
// losses of ground and a death in a clause of condition ("if he is
// killed") count no one.
func TestTollAndNoLosses(t *testing.T) {
	pub := time.Date(2023, 6, 16, 0, 0, 0, 0, time.UTC)
	lede := "Gunmen attacked an army base in Kidal on Monday, killing three soldiers. "
	tests := []struct {
		text string
		want string // a killed figure the text must give
		not  string // a killed figure it must not give
	}{
		{"The death toll from Monday's bombing of a market in Mogadishu has risen to 45, officials said on Wednesday.", "45", ""},
		{"The toll from the attack on a hotel in Mogadishu on Monday rose to 12, police said.", "12", ""},
		{"The death toll from a suicide bombing at a mosque that targeted police in the city of Peshawar, has climbed to 61, officials said.", "61", ""},
		{lede + "The attackers were repelled and fled without suffering any losses, the army said.", "0", ""},
		{lede + "The rebels withdrew without casualties.", "0", ""},
		{lede + "The toll of people killed in the country this year rises to 5,000.", "3", "5000"},
		{lede + "The army held the town without any losses of territory.", "3", "0"},
		{lede + "The army pays $50,000 to a soldier's family if he is killed.", "3", "1"},
		{"Gunmen attacked a convoy near Kidal on Monday. It was not clear if the driver was killed in the crossfire.", "1", ""},
	}
	for _, tt := range tests {
		r := story(t, tt.text, pub)
		var got []string
		for _, c := range r.Claims {
			if c.Predicate == muster.PredKilled {
				got = append(got, c.Object.String())
			}
		}
		if !slices.Contains(got, tt.want) {
			t.Errorf("%q: killed %v, want %s", tt.text, got, tt.want)
		}
		if tt.not != "" && slices.Contains(got, tt.not) {
			t.Errorf("%q: killed %v, want no %s", tt.text, got, tt.not)
		}
	}
}
