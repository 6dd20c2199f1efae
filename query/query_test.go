package query_test

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
)

func num(text string, min, max float64) muster.Value { return muster.NumberValue(text, min, max, "") }

func claim(id, subj string, pred muster.Predicate, obj muster.Value, source, role string) muster.Claim {
	return muster.Claim{ID: id, Subject: muster.Ref{ID: subj, Name: subj, Type: "event"}, Predicate: pred, Object: obj,
		AttributedTo: muster.Attribution{Name: source}, Role: role, Modality: muster.Claimed,
		Evidence: []muster.Evidence{{Document: "d", Quote: obj.Text}}}
}

func TestContradictions(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name   string
		claims []muster.Claim
		want   int
	}{
		{"more than 70 vs two", []muster.Claim{
			claim("a", "v1", muster.PredKilled, num("more than 70", 71, nan), "Russian state media", "fighters"),
			claim("b", "v1", muster.PredKilled, num("two", 2, 2), "Caesar", "soldiers of the Legion"),
		}, 1},
		{"same source never contradicts itself", []muster.Claim{
			claim("a", "v1", muster.PredKilled, num("70", 70, 70), "TASS", "fighters"),
			claim("b", "v1", muster.PredKilled, num("two", 2, 2), "TASS", "fighters"),
		}, 0},
		{"overlapping ranges agree", []muster.Claim{
			claim("a", "v1", muster.PredSize, num("up to 4,000", nan, 4000), "some estimates", ""),
			claim("b", "v1", muster.PredSize, num("a few hundred", 200, 900), "analysts", ""),
		}, 0},
		{"civilians and fighters are counted apart", []muster.Claim{
			claim("a", "v1", muster.PredKilled, num("two", 2, 2), "officials", "civilians"),
			claim("b", "v1", muster.PredKilled, num("more than 70", 71, nan), "ministry", "attackers"),
		}, 0},
		{"different events do not contradict", []muster.Claim{
			claim("a", "v1", muster.PredKilled, num("two", 2, 2), "A", "fighters"),
			claim("b", "v2", muster.PredKilled, num("more than 70", 71, nan), "B", "fighters"),
		}, 0},
		{"dates apart", []muster.Claim{
			claim("a", "g", muster.PredFounded, muster.Value{Kind: muster.ValueDate, Text: "March 2022", From: "2022-03-01", To: "2022-03-31"}, "Radio Free Europe", ""),
			claim("b", "g", muster.PredFounded, muster.Value{Kind: muster.ValueDate, Text: "August 2022", From: "2022-08-01", To: "2022-08-31"}, "officials", ""),
		}, 1},
		{"a season holds its month", []muster.Claim{
			claim("a", "g", muster.PredFounded, muster.Value{Kind: muster.ValueDate, Text: "March 2022", From: "2022-03-01", To: "2022-03-31"}, "Radio Free Europe", ""),
			claim("b", "g", muster.PredFounded, muster.Value{Kind: muster.ValueDate, Text: "spring of last year", From: "2022-03-01", To: "2022-05-31"}, "officials", ""),
		}, 0},
		{"multi-valued predicates never contradict", []muster.Claim{
			claim("a", "g", muster.PredOpposes, muster.TextValue("Putin"), "A", ""),
			claim("b", "g", muster.PredOpposes, muster.TextValue("Lukashenko"), "B", ""),
		}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := query.Contradictions(tt.claims)
			if len(got) != tt.want {
				t.Fatalf("Contradictions: got %d (%+v), want %d", len(got), got, tt.want)
			}
			for _, c := range got {
				if c.Why == "" || len(c.Claims) < 2 {
					t.Errorf("contradiction without reason or claims: %+v", c)
				}
			}
		})
	}
}

// memReader is a Reader over values in memory, for testing the query
// logic without a store (the store has its own tests against both
// backends).
type memReader struct {
	ents   []muster.Entity
	claims []muster.Claim
	events []muster.Event
}

func (r memReader) FindEntities(_ context.Context, name string) ([]muster.Entity, error) {
	var out []muster.Entity
	for _, e := range r.ents {
		if muster.NameKey(e.Name) == muster.NameKey(name) {
			out = append(out, e)
			continue
		}
		for _, a := range e.Aliases {
			if muster.NameKey(a.Name) == muster.NameKey(name) {
				out = append(out, e)
				break
			}
		}
	}
	return out, nil
}

func (r memReader) Entity(_ context.Context, id string) (*muster.Entity, error) {
	for _, e := range r.ents {
		if e.ID == id {
			return &e, nil
		}
	}
	return nil, muster.Errorf(muster.KindNotFound, "no entity %s", id)
}

func (r memReader) ClaimsAbout(_ context.Context, ids []string) ([]muster.Claim, error) {
	var out []muster.Claim
	for _, c := range r.claims {
		for _, id := range ids {
			if c.Subject.ID == id || c.Object.Entity != nil && c.Object.Entity.ID == id {
				out = append(out, c)
				break
			}
		}
	}
	return out, nil
}

func (r memReader) ClaimsByPredicate(_ context.Context, preds ...muster.Predicate) ([]muster.Claim, error) {
	var out []muster.Claim
	for _, c := range r.claims {
		for _, p := range preds {
			if c.Predicate == p {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

func (r memReader) EventsOf(_ context.Context, id string) ([]muster.Event, error) {
	return r.events, nil
}

func (r memReader) Documents(_ context.Context, ids []string) ([]muster.DocumentRef, error) {
	return nil, nil
}

func ref(id, name string, t muster.EntityType) muster.Ref {
	return muster.Ref{ID: id, Name: name, Type: string(t)}
}

func TestAsk(t *testing.T) {
	frl := ref("e1", "Free Russia Legion", muster.EntityArmedGroup)
	rdk := ref("e2", "Russian Volunteer Corps", muster.EntityArmedGroup)
	kk := ref("e3", "Kastus Kalinouski regiment", muster.EntityArmedGroup)
	putin := ref("e4", "Vladimir Putin", muster.EntityPerson)
	ukraine := ref("e5", "Ukraine", muster.EntityPlace)
	russia := ref("e6", "Russia", muster.EntityPlace)
	belgorod := ref("e7", "Belgorod", muster.EntityPlace)
	kapustin := ref("e8", "Denis Kapustin", muster.EntityPerson)
	lukashenko := ref("e9", "Aleksander Lukashenko", muster.EntityPerson)
	gnl := ref("e11", "Georgian National Legion", muster.EntityArmedGroup)
	kyiv := ref("e12", "Kyiv", muster.EntityPlace)
	kharkiv := ref("e13", "Kharkiv", muster.EntityPlace)
	ev := func(id string, s, o muster.Ref, p muster.Predicate) muster.Claim {
		v := muster.EntityValue(o, o.Name)
		return muster.Claim{ID: id, Subject: s, Predicate: p, Object: v, Modality: muster.Asserted,
			Evidence: []muster.Evidence{{Document: "d", Quote: s.Name + " " + string(p) + " " + o.Name}}}
	}
	incursion := muster.Ref{ID: "v1", Name: "Belgorod incursion", Type: "event"}
	part := func(id string, g muster.Ref, role string) muster.Claim {
		c := ev(id, incursion, g, muster.PredParticipant)
		c.Role = role
		return c
	}
	r := memReader{
		ents: []muster.Entity{
			{ID: "e1", Name: frl.Name, Type: muster.EntityArmedGroup},
			{ID: "e2", Name: rdk.Name, Type: muster.EntityArmedGroup, Aliases: []muster.Alias{{Name: "RDK", Kind: muster.AliasAcronym}}},
			{ID: "e3", Name: kk.Name, Type: muster.EntityArmedGroup},
			{ID: "e4", Name: putin.Name, Type: muster.EntityPerson, Aliases: []muster.Alias{{Name: "Putin"}}},
			{ID: "e5", Name: "Ukraine", Type: muster.EntityPlace, Place: &muster.Place{Country: "UA", Feature: "PCLI"}},
			{ID: "e6", Name: "Russia", Type: muster.EntityPlace, Place: &muster.Place{Country: "RU", Feature: "PCLI"}},
			{ID: "e7", Name: "Belgorod", Type: muster.EntityPlace, Place: &muster.Place{Country: "RU", Feature: "PPLA"}},
			{ID: "e12", Name: "Kyiv", Type: muster.EntityPlace, Place: &muster.Place{Country: "UA", Feature: "PPLC"}},
			{ID: "e13", Name: "Kharkiv", Type: muster.EntityPlace, Place: &muster.Place{Country: "UA", Feature: "PPLA"}},
		},
		claims: []muster.Claim{
			ev("c1", frl, putin, muster.PredOpposes), ev("c2", rdk, putin, muster.PredOpposes),
			ev("c3", kk, lukashenko, muster.PredOpposes), ev("c4", kk, ukraine, muster.PredFightsFor),
			ev("c5", frl, ukraine, muster.PredFightsFor), ev("c6", rdk, kapustin, muster.PredFoundedBy),
			ev("c7", gnl, kyiv, muster.PredFightsFor), ev("c8", kk, kharkiv, muster.PredActiveIn),
		},
		events: []muster.Event{{ID: "v1", Type: muster.EventIncursion, Label: "Belgorod incursion", Places: []muster.Ref{belgorod},
			Claims: []muster.Claim{part("p1", frl, muster.RoleActor), part("p2", rdk, muster.RoleActor), part("p3", ref("e10", "Russian Armed Forces", muster.EntityStateForce), muster.RoleDefender)}}},
	}
	_ = russia
	tests := []struct {
		q    string
		want []string
	}{
		{"Who are the anti-Putin groups that marched into Russian territory?", []string{"Free Russia Legion", "Russian Volunteer Corps"}},
		{"Which groups fight for Ukraine?", []string{"Free Russia Legion", "Kastus Kalinouski regiment", "Georgian National Legion"}},
		{"Which groups fight for Kyiv?", []string{"Georgian National Legion"}},
		{"Which groups oppose Lukashenko?", []string{"Kastus Kalinouski regiment"}},
		{"Who founded the RDK?", []string{"Denis Kapustin"}},
		{"Which groups marched into Belgorod?", []string{"Free Russia Legion", "Russian Volunteer Corps"}},
		{"Which groups fight for Moldova?", nil},
		{"Whom does the RDK oppose?", []string{"Vladimir Putin"}},
		{"What did the Free Russia Legion do?", []string{"Free Russia Legion"}},
		{"What is the weather in Kyiv?", nil},
		{"Which groups are active in Kharkiv province?", []string{"Kastus Kalinouski regiment"}},
	}
	for _, tt := range tests {
		t.Run(tt.q, func(t *testing.T) {
			a, err := query.Ask(context.Background(), r, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range a.Answers {
				got = append(got, e.Entity.Name)
				if len(e.Why) == 0 {
					t.Errorf("%s: answer without claims", e.Entity.Name)
				}
			}
			if strings.Join(sorted(got), "|") != strings.Join(sorted(tt.want), "|") {
				t.Errorf("Ask(%q) = %v, want %v (note %q)", tt.q, got, tt.want, a.Note)
			}
			if len(got) == 0 && a.Note == "" {
				t.Errorf("Ask(%q): empty answer without a note saying why", tt.q)
			}
		})
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func FuzzAsk(f *testing.F) {
	for _, s := range []string{"Who founded X?", "Which groups fight for ?", "anti-", "How many fighters does  have?", "when was formed"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if len(q) > 1000 {
			return
		}
		a, err := query.Ask(context.Background(), memReader{}, q)
		if err != nil {
			if muster.ErrorKind(err) != muster.KindInvalid {
				t.Fatalf("Ask(%q): %v", q, err)
			}
			return
		}
		if a.Answers == nil {
			t.Fatalf("Ask(%q): nil answers", q)
		}
	})
}

// TestContradictionsAcrossDocuments checks that two outlets' figures for
// one incursion, told as separate events, are compared.
func TestContradictionsAcrossDocuments(t *testing.T) {
	nan := math.NaN()
	day := func(from, to string) *muster.Value {
		return &muster.Value{Kind: muster.ValueDate, From: from, To: to, Precision: muster.PrecisionDay}
	}
	town := muster.Ref{ID: "e_town", Name: "Graivoron", Type: "place"}
	a := muster.Event{ID: "v_a", Type: muster.EventIncursion, Label: "Graivoron incursion", Time: day("2023-05-22", "2023-05-23"), Places: []muster.Ref{town}}
	b := muster.Event{ID: "v_b", Type: muster.EventRaid, Label: "raid in Graivoron", Time: day("2023-05-23", "2023-05-23"), Places: []muster.Ref{town}}
	c := muster.Event{ID: "v_c", Type: muster.EventRaid, Label: "Graivoron raid (June)", Time: day("2023-06-20", "2023-06-20"), Places: []muster.Ref{town}}
	claims := []muster.Claim{
		claim("k1", "v_a", muster.PredKilled, num("more than 70", 71, nan), "the ministry", "attackers"),
		claim("k2", "v_b", muster.PredKilled, num("two", 2, 2), "the legion", "fighters"),
		claim("k3", "v_c", muster.PredKilled, num("one", 1, 1), "the legion", "fighters"),
	}
	events := []muster.Event{a, b, c}
	clusters := query.EventClusters(events)
	if clusters["v_b"] != "v_a" || clusters["v_c"] != "v_c" {
		t.Fatalf("clusters = %v, want v_b with v_a and v_c alone", clusters)
	}
	if n := len(query.Contradictions(claims)); n != 0 {
		t.Errorf("per event: %d contradictions, want 0", n)
	}
	got := query.ContradictionsAcross(claims, events)
	if len(got) != 1 || len(got[0].Claims) != 2 {
		t.Fatalf("across documents: %+v, want one contradiction of two claims", got)
	}
	for _, c := range got[0].Claims {
		if c.ID == "k3" {
			t.Errorf("the June raid's figure joined the May incursion's")
		}
	}
}
