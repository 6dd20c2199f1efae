package query

import (
	"math"
	"testing"
	"time"

	"github.com/muster-osint/muster"
)

func TestSummarize(t *testing.T) {
	grp := muster.Ref{ID: "e_rdk", Name: "Russian Volunteer Corps", Type: "armed_group"}
	kap := muster.Ref{ID: "e_kap", Name: "Denis Kapustin", Type: "person"}
	frl := muster.Ref{ID: "e_frl", Name: "Freedom of Russia Legion", Type: "armed_group"}
	bel := muster.Ref{ID: "e_bel", Name: "Belgorod", Type: "place"}
	ev := func(doc string) []muster.Evidence { return []muster.Evidence{{Document: doc, Quote: "q"}} }
	nan := math.NaN()
	claim := func(p muster.Predicate, v muster.Value, doc string, m muster.Modality) muster.Claim {
		return muster.Claim{Subject: grp, Predicate: p, Object: v, Evidence: ev(doc), Modality: m, AttributedTo: muster.Attribution{Name: doc}}
	}
	p := &Profile{
		Entity: muster.Entity{ID: grp.ID, Name: grp.Name, Type: muster.EntityArmedGroup, Aliases: []muster.Alias{{Name: "RDK"}, {Name: "rdk"}}},
		Claims: []muster.Claim{
			claim(muster.PredFoundedBy, muster.EntityValue(kap, "Denis Kapustin"), "d2", muster.Reported),
			claim(muster.PredFoundedBy, muster.EntityValue(kap, "Kapustin"), "d1", muster.Reported),
			claim(muster.PredSize, muster.NumberValue("up to 4,000", nan, 4000, ""), "d2", muster.Estimated),
			claim(muster.PredSize, muster.NumberValue("a few hundred", 200, 900, ""), "d1", muster.Estimated),
			claim(muster.PredAlliedWith, muster.EntityValue(frl, "the Legion"), "d1", muster.Reported),
			claim(muster.PredAlliedWith, muster.EntityValue(frl, "the Legion"), "d2", muster.Denied),
		},
		Events: []muster.Event{{ID: "v_1", Label: "Belgorod raid", Places: []muster.Ref{bel},
			Time:         &muster.Value{Kind: muster.ValueDate, From: "2023-05-22", To: "2023-05-22"},
			Participants: []muster.Participant{{Entity: grp, Role: muster.RoleActor}, {Entity: muster.Ref{ID: "e_ru", Name: "Russian forces"}, Role: muster.RoleDefender}},
			Evidence:     ev("d1")}},
		Documents: []muster.DocumentRef{{ID: "d1", Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC)}, {ID: "d2", Published: time.Date(2023, 6, 6, 0, 0, 0, 0, time.UTC)}},
	}
	s := Summarize(p)
	for _, tc := range []struct {
		name string
		got  any
		want any
	}{
		{"names", len(s.Names), 2},
		{"leaders", len(s.Leaders), 1},
		{"leader sources", s.Leaders[0].Sources, 2},
		{"leader first seen", s.Leaders[0].Date, "2023-05-24"},
		{"sizes in document order", s.Sizes[0].Text, muster.NumberValue("a few hundred", 200, 900, "").String()},
		{"size range", s.SizeRange, muster.Value{Kind: muster.ValueNumber, Min: ptr(200.0), Max: ptr(4000.0)}.RangeString()},
		{"allies, the denial left out", len(s.Allies), 1},
		{"ally sources", s.Allies[0].Sources, 1},
		{"opponents from events", len(s.Opponents), 1},
		{"opponent", s.Opponents[0].Text, "Russian forces"},
		{"area from events", s.Area[0].Text, "Belgorod"},
		{"last seen", s.LastSeen, "2023-06-06"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}

func ptr(f float64) *float64 { return &f }
