package extract_test

import (
	"slices"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// TestReportPlacesWithoutLocative: a headline or a caption of one event
// often names its place with no "in" or "near" before it — as a heading,
// as the modifier of what was hit, in a list after the event or in a
// ranked list "X, Y Oblast" — and the event is at that place (issue 12:
// most UCDP and Bellingcat texts with an event were off the map). A
// country, a speaker ("…: Kiev", "Kiev says"), a signature after the text,
// a side ("Kiev’s forces") or a capitalised opening word is not the
// place. The sentences are our own.
func TestReportPlacesWithoutLocative(t *testing.T) {
	tests := []struct {
		text string
		want []string // the places the event must have
		not  []string // names that must not be its places
	}{
		{"Mykolaiv. Shelling damages a kindergarten", []string{"Mykolaiv"}, nil},
		{"Damage to the Kherson regional library after a missile strike", []string{"Kherson"}, nil},
		{"Destroyed pumping station, Kupiansk, Kharkiv Oblast", []string{"Kupiansk", "Kharkiv Oblast"}, nil},
		{"Burnt-out trucks after the Sumy railway depot was struck by drones", []string{"Sumy"}, nil},
		{"Four soldiers killed in the east: Kiev", nil, []string{"Kiev"}},
		{"Kiev says two soldiers killed in the east", nil, []string{"Kiev"}},
		{"Two civilians killed by shelling overnight;Petrenko", nil, []string{"Petrenko"}},
		{"One soldier killed by Kiev’s forces overnight", nil, []string{"Kiev"}},
		{"Six soldiers killed in fighting, Ukraine reports", nil, []string{"Ukraine"}},
	}
	for _, tt := range tests {
		r := extract.Extract(extract.Input{Doc: parse(t, tt.text), DocID: "d_test", Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
		if len(r.Events) == 0 {
			t.Errorf("%q: no event", tt.text)
			continue
		}
		var places []string
		for _, ev := range r.Events {
			for _, p := range ev.Places {
				places = append(places, p.Name)
			}
		}
		for _, w := range tt.want {
			if !slices.Contains(places, w) {
				t.Errorf("%q: event places %v, want %s among them", tt.text, places, w)
			}
		}
		for _, n := range tt.not {
			if slices.Contains(places, n) {
				t.Errorf("%q: event places %v, want no %s", tt.text, places, n)
			}
		}
		// Every place of an event is an occurred_at claim quoting the name.
		for _, ev := range r.Events {
			for _, p := range ev.Places {
				if !slices.ContainsFunc(r.Claims, func(c muster.Claim) bool {
					return c.Subject.ID == ev.ID && c.Predicate == muster.PredOccurredAt && c.Object.Entity != nil && c.Object.Entity.Name == p.Name && len(c.Evidence) > 0
				}) {
					t.Errorf("%q: place %s has no occurred_at claim", tt.text, p.Name)
				}
			}
		}
	}
}

// TestCaptionTriggerForms: captions and headlines tell an event by a
// plural noun ("Explosions near …", "Blasts in …"), "firing at / on /
// into" and "hits" as often as by the forms a report's sentence uses, and
// the event is placed where they say (issue 12). The sentences are our own.
func TestCaptionTriggerForms(t *testing.T) {
	tests := []struct {
		text  string
		typ   muster.EventType
		place string
	}{
		{"Explosions near the airfield in Kalynivka overnight", muster.EventBombing, "Kalynivka"},
		{"Blasts in Berdiansk after midnight", muster.EventBombing, "Berdiansk"},
		{"A tank firing at houses in Yahidne", muster.EventAttack, "Yahidne"},
		{"Shrapnel hits a bus stop in Izmail", muster.EventAttack, "Izmail"},
	}
	for _, tt := range tests {
		r := extract.Extract(extract.Input{Doc: parse(t, tt.text), DocID: "d_test", Published: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
		if len(r.Events) == 0 {
			t.Errorf("%q: no event, want %s at %s", tt.text, tt.typ, tt.place)
			continue
		}
		ev := r.Events[0]
		if ev.Type != tt.typ || !slices.ContainsFunc(ev.Places, func(p muster.Ref) bool { return p.Name == tt.place }) {
			t.Errorf("%q: %s at %v, want %s at %s", tt.text, ev.Type, ev.Places, tt.typ, tt.place)
		}
	}
}
