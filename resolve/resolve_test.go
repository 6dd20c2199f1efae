package resolve

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
)

func TestMatch(t *testing.T) {
	ag := func(n string, aliases ...string) muster.Entity {
		e := muster.Entity{Name: n, Type: muster.EntityArmedGroup}
		for _, a := range aliases {
			e.Aliases = append(e.Aliases, muster.Alias{Name: a})
		}
		return e
	}
	per := func(n string) muster.Entity { return muster.Entity{Name: n, Type: muster.EntityPerson} }
	place := func(n string) muster.Entity { return muster.Entity{Name: n, Type: muster.EntityPlace} }
	tests := []struct {
		name   string
		a, b   muster.Entity
		same   bool
		reason string // a substring of the first reason
	}{
		{"alias table: Free/Freedom", ag("Free Russia Legion"), ag("Freedom of Russia Legion"), true, "alias table"},
		{"alias table: LSR", ag("LSR"), ag(`the Legion "Freedom of Russia"`), true, "alias table"},
		{"transliteration", per("Denys Shmyhal"), per("Denis Shmygal"), true, "same transliteration key 'denis shmigal'"},
		{"Cyrillic", per("Вячеслав Гладков"), per("Vyacheslav Hladkov"), true, "same transliteration key"},
		{"same name key", ag("the Azov-regiment"), ag("Azov Regiment"), true, "alias table"},
		{"acronym of full name", muster.Entity{Name: "ISW", Type: muster.EntityOrganization}, muster.Entity{Name: "Institute for the Study of War", Type: muster.EntityOrganization}, true, "acronym ISW of Institute for the Study of War"},
		{"acronym defined as alias", ag("Kraken Regiment", "KR"), ag("KR"), true, "same acronym KR"},
		{"surname of full name", per("Peskov"), per("Dmitry Peskov"), true, "surname 'peskov'"},
		{"patronymic ignored", per("Vladimir Vladimirovich Putin"), per("Vladimir Putin"), true, "compatible given names"},
		{"initial", per("V. Putin"), per("Vladimir Putin"), true, "compatible given names"},
		{"must not merge: IS and ISKP", ag("Islamic State"), ag("Islamic State Khorasan Province"), false, "no shared name"},
		{"must not merge: legion and its brigade", ag("Free Russia Legion"), ag("International Legion"), false, "alias table"},
		{"must not merge: RDK and FRL", ag("RDK"), ag("FRL"), false, "alias table"},
		{"must not merge: different given names", per("Denis Kapustin"), per("Alexei Kapustin"), false, "different given names"},
		{"must not merge: Ivanov and Ivanova", per("Timur Ivanov"), per("Timur Ivanova"), false, ""},
		{"must not merge: types differ", muster.Entity{Name: "Russian army", Type: muster.EntityStateForce}, place("Russia"), false, "types differ: state_force vs place"},
		{"must not merge: armed group vs state force", ag("Wagner Group"), muster.Entity{Name: "Russian army", Type: muster.EntityStateForce}, false, "alias table"},
		{"must not merge: Kharkiv and Kherson", place("Kharkiv"), place("Kherson"), false, ""},
		{"place variants from the table", place("Artemovsk"), place("Bakhmut"), true, "alias table"},
		{"capitals are a name", muster.Entity{Name: "TASS", Type: muster.EntityMedia}, muster.Entity{Name: "Tass", Type: muster.EntityMedia}, true, "same name key 'tass'"},
		{"a surname in capitals", per("NOWAK"), per("Anna Nowak"), true, "surname 'novak'"},
		{"a full name in capitals", per("Anna NOWAK"), per("Anna Nowak"), true, ""},
		{"must not merge: capitals of another surname", per("NOWAK"), per("Anna Kowalczyk"), false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Match(tt.a, tt.b)
			if d.Same != tt.same {
				t.Errorf("Match(%q, %q).Same = %v, want %v (reasons %q)", tt.a.Name, tt.b.Name, d.Same, tt.same, d.Reasons)
			}
			if len(d.Reasons) == 0 {
				t.Fatalf("Match(%q, %q): no reason given", tt.a.Name, tt.b.Name)
			}
			if !strings.Contains(d.Reasons[0], tt.reason) {
				t.Errorf("Match(%q, %q) reason %q, want it to contain %q", tt.a.Name, tt.b.Name, d.Reasons[0], tt.reason)
			}
			// Symmetry.
			if d2 := Match(tt.b, tt.a); d2.Same != d.Same {
				t.Errorf("Match not symmetric on %q, %q: %v vs %v", tt.a.Name, tt.b.Name, d.Same, d2.Same)
			}
		})
	}
}

func TestOverrides(t *testing.T) {
	r, err := New(Default().Aliases, []Override{
		{A: "Denis Kapustin", B: "White Rex", Action: ActionSplit},
		{A: "Kraken", B: "Kraken Regiment", Action: ActionMerge},
	})
	if err != nil {
		t.Fatal(err)
	}
	per := func(n string) muster.Entity { return muster.Entity{Name: n, Type: muster.EntityPerson} }
	ag := func(n string) muster.Entity { return muster.Entity{Name: n, Type: muster.EntityArmedGroup} }
	if d := r.Match(per("Denis Kapustin"), per("White Rex")); d.Same || !strings.Contains(d.Reasons[0], "analyst decision: split") {
		t.Errorf("split override ignored: %+v", d)
	}
	if d := r.Match(ag("Kraken"), ag("Kraken Regiment")); !d.Same || !strings.Contains(d.Reasons[0], "analyst decision: merge") {
		t.Errorf("merge override ignored: %+v", d)
	}
	if d := Default().Match(per("Denis Kapustin"), per("White Rex")); !d.Same {
		t.Errorf("without overrides, the alias table should merge them: %+v", d)
	}
	if _, err := New(nil, []Override{{A: "a", B: "b", Action: "maybe"}}); err == nil {
		t.Error("New accepted an unknown action")
	}
}

func TestResolveAcrossDocuments(t *testing.T) {
	ctx := context.Background()
	r := Default()
	idx := NewMemIndex(r)
	doc1 := []muster.Entity{
		{Name: "Russian Volunteer Corps", Type: muster.EntityArmedGroup},
		{Name: "Denis Kapustin", Type: muster.EntityPerson},
		{Name: "Vyacheslav Gladkov", Type: muster.EntityPerson},
	}
	out1, err := r.Resolve(ctx, doc1, idx)
	if err != nil {
		t.Fatal(err)
	}
	idx.Add(out1...)
	doc2 := []muster.Entity{
		{Name: "RVC", Type: muster.EntityArmedGroup},
		{Name: "Denys Kapustin", Type: muster.EntityPerson},
		{Name: "Hladkov", Type: muster.EntityPerson},
		{Name: "Islamic State Khorasan Province", Type: muster.EntityArmedGroup},
	}
	out2, err := r.Resolve(ctx, doc2, idx)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{out1[0].ID, out1[1].ID, out1[2].ID} {
		if out2[i].ID != want {
			t.Errorf("%q got id %s, want the stored %s (%s)", doc2[i].Name, out2[i].ID, want, out1[i].Name)
		}
	}
	if out2[0].Name != "Russian Volunteer Corps" {
		t.Errorf("matched entity should take the stored name, got %q", out2[0].Name)
	}
	if out2[3].ID != EntityID(muster.EntityArmedGroup, AliasKey("Islamic State Khorasan Province")) {
		t.Errorf("new entity got id %s, want the deterministic one", out2[3].ID)
	}
	// Deterministic: the same input gives the same ids.
	again, _ := r.Resolve(ctx, doc1, NewMemIndex(r))
	if diff := cmp.Diff(out1, again); diff != "" {
		t.Errorf("Resolve not deterministic (-first +second):\n%s", diff)
	}
	// A bare surname shared by two stored people is not resolved.
	idx.Add(muster.Entity{ID: "e_other", Name: "Anna Gladkova", Type: muster.EntityPerson},
		muster.Entity{ID: "e_other2", Name: "Pavel Gladkov", Type: muster.EntityPerson})
	out3, _ := r.Resolve(ctx, []muster.Entity{{Name: "Gladkov", Type: muster.EntityPerson}}, idx)
	if out3[0].ID == out1[2].ID || out3[0].ID == "e_other2" {
		t.Errorf("ambiguous surname resolved to %s", out3[0].ID)
	}
}

func TestKeys(t *testing.T) {
	got := Keys(muster.Entity{Name: "Russian Volunteer Corps", Type: muster.EntityArmedGroup, Aliases: []muster.Alias{{Name: "RDK"}}})
	for _, want := range []string{"russian volunteer corps", "acr:RDK", "acr:RVC"} {
		found := false
		for _, k := range got {
			if k == want {
				found = true
			}
		}
		if !found {
			t.Errorf("Keys lacks %q: %q", want, got)
		}
	}
	if p := Keys(muster.Entity{Name: "Dmytro Peskov", Type: muster.EntityPerson}); !hasKey(p, "sur:peskov") || !hasKey(p, "dmitri peskov") {
		t.Errorf("person keys %q lack surname or translit key", p)
	}
}

func hasKey(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestEntityID(t *testing.T) {
	a := EntityID(muster.EntityPerson, "denis kapustin")
	if !strings.HasPrefix(a, "e_") || len(a) != 18 {
		t.Errorf("EntityID = %q, want e_ and 16 hex digits", a)
	}
	if a == EntityID(muster.EntityArmedGroup, "denis kapustin") {
		t.Error("EntityID ignores the type")
	}
}

func TestDecisionKeyRoundTrip(t *testing.T) {
	// Overrides stored under DecisionKey keys apply to the names.
	names := []string{"Free Russia Legion", "LSR", "e_0123456789abcdef", `the Legion "Freedom of Russia"`, "Dmytro Peskov"}
	for _, n := range names {
		k := DecisionKey(n)
		if overrideKey(k) != overrideKey(n) {
			t.Errorf("DecisionKey(%q) = %q, whose override key %q differs from the name's %q", n, k, overrideKey(k), overrideKey(n))
		}
	}
}

// TestMatchWagner: a one-word person "Wagner" (a tagger's mistyping) is
// the Wagner Group; Richard Wagner is not.
func TestMatchWagner(t *testing.T) {
	if d := Match(muster.Entity{Name: "Wagner", Type: muster.EntityPerson}, muster.Entity{Name: "Wagner Group", Type: muster.EntityArmedGroup}); !d.Same {
		t.Errorf("Match(PER Wagner, Wagner Group) = %+v, want same", d)
	}
	if d := Match(muster.Entity{Name: "Richard Wagner", Type: muster.EntityPerson}, muster.Entity{Name: "Wagner Group", Type: muster.EntityArmedGroup}); d.Same {
		t.Errorf("Match(Richard Wagner, Wagner Group) = %+v, want different", d)
	}
}

// setIndex is a MemIndex answering key sets, counting the lookups.
type setIndex struct {
	*MemIndex
	lookups, setLookups int
}

func (s *setIndex) EntitiesByKeys(ctx context.Context, keys []string) ([]muster.Entity, error) {
	s.lookups++
	return s.MemIndex.EntitiesByKeys(ctx, keys)
}

func (s *setIndex) EntitiesByKeySets(ctx context.Context, sets [][]string) ([][]muster.Entity, error) {
	s.setLookups++
	out := make([][]muster.Entity, len(sets))
	for i, keys := range sets {
		var err error
		if out[i], err = s.MemIndex.EntitiesByKeys(ctx, keys); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// TestResolveSetIndex checks that an index answering key sets is asked
// once for a document's entities, and resolves them as one asked for each.
func TestResolveSetIndex(t *testing.T) {
	ctx := context.Background()
	r := Default()
	idx := NewMemIndex(r)
	stored, err := r.Resolve(ctx, []muster.Entity{
		{Name: "Russian Volunteer Corps", Type: muster.EntityArmedGroup},
		{Name: "Denis Kapustin", Type: muster.EntityPerson},
		{Name: "Vyacheslav Gladkov", Type: muster.EntityPerson},
		{Name: "Pavel Gladkov", Type: muster.EntityPerson},
	}, idx)
	if err != nil {
		t.Fatal(err)
	}
	idx.Add(stored...)
	doc := []muster.Entity{
		{Name: "RVC", Type: muster.EntityArmedGroup},
		{Name: "Denys Kapustin", Type: muster.EntityPerson},
		{Name: "Gladkov", Type: muster.EntityPerson},
		{Name: "Kraken Regiment", Type: muster.EntityArmedGroup},
		{Name: "Kraken", Type: muster.EntityArmedGroup},
	}
	want, err := r.Resolve(ctx, doc, idx)
	if err != nil {
		t.Fatal(err)
	}
	si := &setIndex{MemIndex: idx}
	got, err := r.Resolve(ctx, doc, si)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Resolve through key sets (-one lookup per entity +key sets):\n%s", diff)
	}
	if si.setLookups != 1 || si.lookups != 0 {
		t.Errorf("Resolve made %d key-set lookups and %d single ones, want 1 and 0", si.setLookups, si.lookups)
	}
}
