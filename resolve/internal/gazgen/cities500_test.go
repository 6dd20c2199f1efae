package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestAltNames(t *testing.T) {
	tests := []struct {
		name, place, ascii, field string
		want                      []string
	}{
		{"Latin exonyms kept, sorted", "Kyiv", "Kyiv", "Kiev,Kijów,Kiew", []string{"Kiev", "Kiew", "Kijów"}},
		{"airport codes dropped", "Kyiv", "Kyiv", "IEV,KBP,Kiev", []string{"Kiev"}},
		{"machine romanisations in lower case dropped", "Kyiv", "Kyiv", "ji fu,kyf,Kiev", []string{"Kiev"}},
		{"other scripts dropped", "Kyiv", "Kyiv", "Київ,Киев,Κίεβο,كييف,Kiev", []string{"Kiev"}},
		{"the name itself, apostrophes and case folded, dropped", "Mar'yinka", "Mar'yinka", "Maryinka,Mar’yinka,MAR'YINKA,Marinka", []string{"Marinka"}},
		{"one spelling per folded key", "Bakhmut", "Bakhmut", "Artemivsk,Artémivsk,Artemovsk", []string{"Artemivsk", "Artemovsk"}},
		{"digits, brackets and short names dropped", "Bakhmut", "Bakhmut", "Bakhmut-2,Bakhmut (town),Ba,Bachmut", []string{"Bachmut"}},
		{"no field", "Sudzha", "Sudzha", "", nil},
		{"common English words dropped", "Bubikon", "Bubikon", "Station,Bubikon Station", []string{"Bubikon Station"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := altNames(tt.place, tt.ascii, tt.field, map[string]bool{"station": true})
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("altNames(%q, %q, %q) (-want +got):\n%s", tt.place, tt.ascii, tt.field, diff)
			}
		})
	}
}
