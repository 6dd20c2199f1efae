package resolve

import (
	"context"
	"testing"

	"github.com/muster-osint/muster"
)

func testEvent(id string, typ muster.EventType, from, to string, places []string, actors ...string) muster.Event {
	ev := muster.Event{ID: id, Type: typ}
	if from != "" {
		ev.Time = &muster.Value{Kind: muster.ValueDate, From: from, To: to}
	}
	for _, p := range places {
		ev.Places = append(ev.Places, muster.Ref{ID: p, Name: p, Type: string(muster.EntityPlace)})
	}
	for _, a := range actors {
		ev.Participants = append(ev.Participants, muster.Participant{Entity: muster.Ref{ID: a, Name: a}, Role: muster.RoleActor})
	}
	return ev
}

func TestSameHappening(t *testing.T) {
	base := testEvent("v_a", muster.EventRaid, "2023-05-22", "2023-05-22", []string{"bryansk"}, "legion")
	tests := []struct {
		name string
		b    muster.Event
		same bool
	}{
		{"same kind, place and day", testEvent("v_b", muster.EventRaid, "2023-05-22", "2023-05-22", []string{"bryansk", "kursk"}, "legion"), true},
		{"the day after, another place named too", testEvent("v_b", muster.EventRaid, "2023-05-23", "", []string{"bryansk"}), true},
		{"another kind", testEvent("v_b", muster.EventShelling, "2023-05-22", "2023-05-22", []string{"bryansk"}, "legion"), false},
		{"another place", testEvent("v_b", muster.EventRaid, "2023-05-22", "2023-05-22", []string{"kursk"}, "legion"), false},
		{"days apart", testEvent("v_b", muster.EventRaid, "2023-05-25", "2023-05-25", []string{"bryansk"}, "legion"), false},
		{"only the month", testEvent("v_b", muster.EventRaid, "2023-05-01", "2023-05-31", []string{"bryansk"}, "legion"), false},
		{"undated", testEvent("v_b", muster.EventRaid, "", "", []string{"bryansk"}, "legion"), false},
		{"other actors", testEvent("v_b", muster.EventRaid, "2023-05-22", "2023-05-22", []string{"bryansk"}, "corps"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			same, why := SameHappening(base, tt.b)
			if same != tt.same {
				t.Errorf("SameHappening = %v (%s), want %v", same, why, tt.same)
			}
			if back, _ := SameHappening(tt.b, base); back != same {
				t.Errorf("SameHappening is not symmetric: %v one way, %v the other", same, back)
			}
		})
	}
}

func TestResolveEvents(t *testing.T) {
	idx := NewMemEvents()
	stored := testEvent("v_stored", muster.EventRaid, "2023-05-22", "2023-05-22", []string{"bryansk"}, "legion")
	other := testEvent("v_other", muster.EventRaid, "2023-05-22", "2023-05-22", []string{"bryansk"}, "corps")
	idx.Add(stored, other)
	incoming := []muster.Event{
		testEvent("v_new", muster.EventRaid, "2023-05-23", "2023-05-23", []string{"bryansk"}, "legion"),
		testEvent("v_new2", muster.EventRaid, "2023-05-22", "2023-05-22", []string{"bryansk"}),
		testEvent("v_lone", muster.EventShelling, "2023-05-22", "2023-05-22", []string{"bryansk"}),
	}
	same, err := ResolveEvents(context.Background(), incoming, idx)
	if err != nil {
		t.Fatal(err)
	}
	// v_new tells the legion's raid; v_new2 names no actor and the legion's
	// raid is taken, so it tells the corps' one; the shelling is new.
	want := map[string]string{"v_new": "v_stored", "v_new2": "v_other"}
	if len(same) != len(want) || same["v_new"] != want["v_new"] || same["v_new2"] != want["v_new2"] {
		t.Errorf("ResolveEvents = %v, want %v", same, want)
	}
	if got, _ := ResolveEvents(context.Background(), incoming, nil); len(got) != 0 {
		t.Errorf("ResolveEvents without an index = %v, want none", got)
	}
}
