package resolve

import (
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
)

// TestProfileMemo: a profile asked for again (the stored entities the
// writer compares document after document) is the memo's, computed once —
// the same as a fresh one but for the id, and with no more work than
// building its key — and a caller changing the keys Keys returned changes
// no later answer.
func TestProfileMemo(t *testing.T) {
	r := Default()
	e := muster.Entity{ID: "e_1", Type: muster.EntityArmedGroup, Name: "Northern Steppe Volunteer Corps",
		Aliases: []muster.Alias{{Name: "NSVC"}, {Name: "Steppe Corps"}}}
	first := r.profileOf(e)
	other := e
	other.ID = "e_2"
	again := r.profileOf(other)
	if again.id != "e_2" {
		t.Errorf("the memo's profile keeps id %q, want e_2", again.id)
	}
	again.id = first.id
	opt := cmp.AllowUnexported(profile{}, personName{}, AliasRow{})
	if d := cmp.Diff(first, again, opt); d != "" {
		t.Errorf("memo's profile differs from the first (-first +again):\n%s", d)
	}
	if n := testing.AllocsPerRun(20, func() { r.profileOf(e) }); n > 1 {
		t.Errorf("profileOf of an entity seen before allocates %v times; want at most 1 (its key)", n)
	}
	ks := r.Keys(e)
	want := slices.Clone(ks)
	for i := range ks {
		ks[i] = "changed"
	}
	if got := r.Keys(e); !slices.Equal(got, want) {
		t.Errorf("after a caller changed its keys, Keys = %v, want %v", got, want)
	}
}
