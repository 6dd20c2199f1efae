package store_test

import (
	"context"
	"testing"
)

// TestEventsAt: the read through which resolve matches an incoming event
// finds a stored event by a place it shares and dates that meet, and no
// other (sample's incursion: Belgorod, 2023-05-22 to 2023-05-23).
func TestEventsAt(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		db := MustOpen(t, backend)
		ctx := context.Background()
		a := sample("Volunteers cross the border", sampleText, day1)
		if _, err := db.Save(ctx, a); err != nil {
			t.Fatal(err)
		}
		want := a.Events[0].ID
		tests := []struct {
			name     string
			places   []string
			from, to string
			found    bool
		}{
			{"same place, same day", []string{"e_belgorod"}, "2023-05-22", "2023-05-22", true},
			{"same place, the last day", []string{"e_other", "e_belgorod"}, "2023-05-23", "2023-05-24", true},
			{"same place, days after", []string{"e_belgorod"}, "2023-05-25", "2023-05-26", false},
			{"same place, days before", []string{"e_belgorod"}, "2023-05-01", "2023-05-21", false},
			{"another place", []string{"e_kursk"}, "2023-05-22", "2023-05-22", false},
		}
		for _, tt := range tests {
			evs, err := db.EventsAt(ctx, tt.places, tt.from, tt.to)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			found := len(evs) == 1 && evs[0].ID == want
			if found != tt.found || len(evs) > 1 {
				t.Errorf("%s: EventsAt(%v, %s, %s) = %d events, want found %v", tt.name, tt.places, tt.from, tt.to, len(evs), tt.found)
			}
		}
	})
}
