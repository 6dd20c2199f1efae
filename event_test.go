package muster_test

import (
	"testing"

	"github.com/muster-osint/muster"
)

func TestEventTypeValid(t *testing.T) {
	for _, tc := range []struct {
		t    muster.EventType
		want bool
	}{
		{muster.EventAttack, true},
		{muster.EventWithdrawal, true},
		{muster.EventOther, true},
		{"coup", false},
		{"", false},
		{"Attack", false},
	} {
		if got := tc.t.Valid(); got != tc.want {
			t.Errorf("EventType(%q).Valid() = %v, want %v", tc.t, got, tc.want)
		}
	}
}
