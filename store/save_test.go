package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/store"
)

// allClaims returns a's claims and its events' claims in the order Claims
// returns those of one document: by evidence start.
func allClaims(a *muster.Analysis) []muster.Claim {
	out := slices.Clone(a.Claims)
	for _, ev := range a.Events {
		out = append(out, ev.Claims...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Evidence[0].Start != out[j].Evidence[0].Start {
			return out[i].Evidence[0].Start < out[j].Evidence[0].Start
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func TestSave(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		if got := db.Dialect(); got != backend {
			t.Errorf("Dialect() = %q, want %q", got, backend)
		}
		a := sample("Volunteers cross the border", sampleText, day1)
		a.Document.Ingested = time.Date(2023, 5, 25, 1, 2, 3, 456789000, time.UTC)
		res, err := db.Save(ctx, a)
		if err != nil {
			t.Fatalf("Save: %v", err)
		}
		want := store.SaveResult{Document: a.Document.ID, Claims: 6, Entities: 5, Events: 1, Mentions: 9}
		if diff := cmp.Diff(want, res); diff != "" {
			t.Errorf("Save result (-want +got):\n%s", diff)
		}

		doc, err := db.Document(ctx, a.Document.ID)
		if err != nil {
			t.Fatalf("Document: %v", err)
		}
		if diff := cmp.Diff(&a.Document, doc); diff != "" {
			t.Errorf("Document round trip (-saved +read):\n%s", diff)
		}
		if !doc.Published.Equal(day1) || doc.Published.Location() != time.UTC {
			t.Errorf("Published = %v, want %v in UTC", doc.Published, day1)
		}
		mentions, err := db.Mentions(ctx, a.Document.ID)
		if err != nil {
			t.Fatalf("Mentions: %v", err)
		}
		wantMentions := slices.Clone(a.Mentions)
		sort.SliceStable(wantMentions, func(i, j int) bool { return wantMentions[i].Start < wantMentions[j].Start })
		if diff := cmp.Diff(wantMentions, mentions); diff != "" {
			t.Errorf("Mentions (-saved +read):\n%s", diff)
		}
		claims, err := db.Claims(ctx, store.ClaimFilter{Document: a.Document.ID})
		if err != nil {
			t.Fatalf("Claims: %v", err)
		}
		if diff := cmp.Diff(allClaims(a), claims); diff != "" {
			t.Errorf("Claims round trip (-saved +read):\n%s", diff)
		}
		events, err := db.Events(ctx, store.EventFilter{Document: a.Document.ID})
		if err != nil {
			t.Fatalf("Events: %v", err)
		}
		if diff := cmp.Diff(a.Events, events); diff != "" {
			t.Errorf("Events round trip (-saved +read):\n%s", diff)
		}
		for _, e := range a.Entities {
			got, err := db.Entity(ctx, e.ID)
			if err != nil {
				t.Fatalf("Entity(%s): %v", e.ID, err)
			}
			if diff := cmp.Diff(&e, got); diff != "" {
				t.Errorf("Entity(%s) round trip (-saved +read):\n%s", e.ID, diff)
			}
		}
		refs, err := db.Documents(ctx, []string{"d_missing", a.Document.ID, a.Document.ID})
		if err != nil {
			t.Fatalf("Documents: %v", err)
		}
		if diff := cmp.Diff([]muster.DocumentRef{a.Document.Ref()}, refs); diff != "" {
			t.Errorf("Documents (-want +got):\n%s", diff)
		}
		if ok, err := db.HasDocument(ctx, a.Document.Hash); err != nil || !ok {
			t.Errorf("HasDocument(saved) = %v, %v; want true", ok, err)
		}
		if ok, err := db.HasDocument(ctx, muster.ContentHash("other")); err != nil || ok {
			t.Errorf("HasDocument(other) = %v, %v; want false", ok, err)
		}
		stats, err := db.Stats(ctx)
		if err != nil {
			t.Fatalf("Stats: %v", err)
		}
		wantStats := store.Stats{Documents: 1, Entities: 5, Claims: 6, Events: 1, Mentions: 9}
		if diff := cmp.Diff(wantStats, stats); diff != "" {
			t.Errorf("Stats (-want +got):\n%s", diff)
		}

		// The same text again, even with other metadata and analysis: a no-op.
		again := sample("Another title", sampleText, day0)
		again.Entities[0].Name = "Changed"
		res, err = db.Save(ctx, again)
		if err != nil {
			t.Fatalf("Save duplicate: %v", err)
		}
		if diff := cmp.Diff(store.SaveResult{Document: a.Document.ID, Duplicate: true}, res); diff != "" {
			t.Errorf("Save duplicate result (-want +got):\n%s", diff)
		}
		if got, _ := db.Stats(ctx); got != wantStats {
			t.Errorf("Stats after duplicate = %+v, want %+v", got, wantStats)
		}
		if e, _ := db.Entity(ctx, "e_rdk"); e == nil || e.Name != "Russian Volunteer Corps" {
			t.Errorf("duplicate save changed entity: %+v", e)
		}
	})
}

func TestSaveInvalid(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		for _, tc := range []struct {
			name   string
			break_ func(a *muster.Analysis)
		}{
			{"no document id", func(a *muster.Analysis) { a.Document.ID = "" }},
			{"no hash", func(a *muster.Analysis) { a.Document.Hash = "" }},
			{"claim without id", func(a *muster.Analysis) { a.Claims[2].ID = "" }},
			{"claim with unknown predicate", func(a *muster.Analysis) { a.Claims[1].Predicate = "likes" }},
			{"event claim without evidence", func(a *muster.Analysis) { a.Events[0].Claims[0].Evidence = nil }},
			{"entity without id", func(a *muster.Analysis) { a.Entities[3].ID = "" }},
			{"event without id", func(a *muster.Analysis) { a.Events[0].ID = "" }},
			{"NUL in text", func(a *muster.Analysis) { a.Document.Text += "\x00" }},
			{"invalid UTF-8 in title", func(a *muster.Analysis) { a.Document.Title = "\xff" }},
			{"NUL in mention", func(a *muster.Analysis) { a.Mentions[0].Text = "a\x00" }},
			{"invalid UTF-8 in alias", func(a *muster.Analysis) { a.Entities[0].Aliases[0].Name = "R\xc3" }},
		} {
			t.Run(tc.name, func(t *testing.T) {
				a := sample("t", sampleText, day1)
				tc.break_(a)
				_, err := db.Save(ctx, a)
				if muster.ErrorKind(err) != muster.KindInvalid {
					t.Errorf("Save: err = %v, want kind invalid", err)
				}
			})
		}
		if _, err := db.Save(ctx, nil); muster.ErrorKind(err) != muster.KindInvalid {
			t.Errorf("Save(nil): err = %v, want kind invalid", err)
		}
		if s, _ := db.Stats(ctx); s != (store.Stats{}) {
			t.Errorf("invalid saves stored %+v", s)
		}
		if _, err := db.Document(ctx, "d_missing"); muster.ErrorKind(err) != muster.KindNotFound {
			t.Errorf("Document(missing): err = %v, want kind not_found", err)
		}
		if _, err := db.Entity(ctx, "e_missing"); muster.ErrorKind(err) != muster.KindNotFound {
			t.Errorf("Entity(missing): err = %v, want kind not_found", err)
		}
	})
}

// TestSaveRollsBack checks that a save that fails halfway leaves nothing.
func TestSaveRollsBack(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		a := sample("t", sampleText, day1)
		// Claims are written last; one that cannot be encoded (JSON has no
		// NaN) fails the save after the document, entities, mentions and
		// events were written in the transaction.
		good := a.Claims[4].Object
		nan := math.NaN()
		a.Claims[4].Object.Min = &nan
		if _, err := db.Save(ctx, a); err == nil {
			t.Fatal("Save of an unencodable claim succeeded")
		}
		if s, _ := db.Stats(ctx); s != (store.Stats{}) {
			t.Errorf("failed save stored %+v", s)
		}
		a.Claims[4].Object = good
		if res, err := db.Save(ctx, a); err != nil || res.Duplicate {
			t.Errorf("Save after failed save = %+v, %v", res, err)
		}
	})
}

func TestEntityUpsert(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		first := sample("first", sampleText, day1)
		first.Entities = append(first.Entities, muster.Entity{ID: "e_unnamed"}) // known only by id so far
		if _, err := db.Save(ctx, first); err != nil {
			t.Fatalf("Save first: %v", err)
		}
		second := sample("second", sampleText+" More.", day1.Add(time.Hour))
		rdk := &second.Entities[0]
		rdk.Name, rdk.Type = "", "" // learned only through an alias here: keep the stored ones
		rdk.Aliases = []muster.Alias{
			{Name: "R.D.K.", Kind: muster.AliasAcronym, Sources: []string{"c_second"}}, // same key as "RDK"
			{Name: "Russkiy Dobrovolcheskiy Korpus", Kind: muster.AliasTransliteration},
		}
		bel := &second.Entities[2]
		bel.Name, bel.Place = "Belgorod city", &muster.Place{Lat: 1, Lon: 2}
		bel.ExternalIDs = map[string]string{"geonames": "other", "wikidata": "Q1"}
		frl := &second.Entities[3]
		frl.Aliases = []muster.Alias{{Name: "Legion", Kind: muster.AliasName}}
		second.Entities = append(second.Entities, muster.Entity{ID: "e_unnamed", Type: muster.EntityPerson, Name: "Ilya Ponomarev"})
		if _, err := db.Save(ctx, second); err != nil {
			t.Fatalf("Save second: %v", err)
		}
		got, err := db.Entity(ctx, "e_rdk")
		if err != nil {
			t.Fatalf("Entity: %v", err)
		}
		want := &muster.Entity{ID: "e_rdk", Type: muster.EntityArmedGroup, Name: "Russian Volunteer Corps", Aliases: []muster.Alias{
			{Name: "RDK", Kind: muster.AliasAcronym, Sources: []string{first.Claims[0].ID, "c_second"}},
			{Name: "Russkiy Dobrovolcheskiy Korpus", Kind: muster.AliasTransliteration},
		}}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("merged entity (-want +got):\n%s", diff)
		}
		gotBel, err := db.Entity(ctx, "e_belgorod")
		if err != nil {
			t.Fatalf("Entity: %v", err)
		}
		wantBel := first.Entities[2]
		wantBel.ExternalIDs = map[string]string{"geonames": "578072", "wikidata": "Q1"}
		if diff := cmp.Diff(&wantBel, gotBel); diff != "" {
			t.Errorf("merged place (-want +got):\n%s", diff)
		}
		gotFRL, err := db.Entity(ctx, "e_frl")
		if err != nil {
			t.Fatalf("Entity: %v", err)
		}
		if diff := cmp.Diff([]muster.Alias{{Name: "Legion", Kind: muster.AliasName}}, gotFRL.Aliases); diff != "" {
			t.Errorf("new alias on an entity without aliases (-want +got):\n%s", diff)
		}
		es, err := db.FindEntities(ctx, "ilya ponomarev")
		if err != nil || len(es) != 1 {
			t.Fatalf("FindEntities(ilya ponomarev) = %v, %v; want the entity named later", es, err)
		}
		if diff := cmp.Diff(muster.Entity{ID: "e_unnamed", Type: muster.EntityPerson, Name: "Ilya Ponomarev"}, es[0]); diff != "" {
			t.Errorf("entity named later (-want +got):\n%s", diff)
		}
		if s, _ := db.Stats(ctx); s.Entities != 6 || s.Documents != 2 {
			t.Errorf("Stats = %+v, want 6 entities in 2 documents", s)
		}
	})
}

func TestFindEntities(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		if _, err := db.Save(ctx, sample("first", sampleText, day1)); err != nil {
			t.Fatal(err)
		}
		// A second legion with fewer claims, to check the order.
		other := &muster.Analysis{Entities: []muster.Entity{{ID: "e_kkr", Type: muster.EntityArmedGroup, Name: "Kastus Kalinouski Regiment",
			Aliases: []muster.Alias{{Name: "Belarusian Legion", Kind: muster.AliasName}}}}}
		other.Document.SetText("Another text about a Belarusian Legion.")
		if _, err := db.Save(ctx, other); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"rdk", []string{"e_rdk"}},
			{"RDK", []string{"e_rdk"}},
			{"R.D.K.", []string{"e_rdk"}},
			{"the russian volunteer corps", []string{"e_rdk"}},
			{"Russian-Volunteer  Corps", []string{"e_rdk"}},
			{"denis nikitin", []string{"e_kapustin"}},
			{"БЕЛГОРОД", []string{"e_belgorod"}},
			{"volunteer", []string{"e_rdk"}},         // contains, no exact match
			{"legion", []string{"e_frl", "e_kkr"}},   // contains; more claims first
			{"belarusian legion", []string{"e_kkr"}}, // exact alias beats contains
			{"kapus", []string{"e_kapustin"}},        // prefix
			{"Wagner", nil},                          // nothing
			{"", nil},                                // no key
			{"%", nil},                               // no key, and no LIKE wildcard
			{"_", nil},                               // likewise
			{"'; DROP TABLE entities; --", nil},      // contains "drop table entities": nothing
		} {
			t.Run(tc.query, func(t *testing.T) {
				es, err := db.FindEntities(ctx, tc.query)
				if err != nil {
					t.Fatalf("FindEntities(%q): %v", tc.query, err)
				}
				var got []string
				for _, e := range es {
					got = append(got, e.ID)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("FindEntities(%q) (-want +got):\n%s", tc.query, diff)
				}
			})
		}
		es, err := db.FindEntities(ctx, "rdk")
		if err != nil || len(es) != 1 || len(es[0].Aliases) != 1 || es[0].Aliases[0].Name != "RDK" {
			t.Errorf("FindEntities(rdk) = %+v, %v; want the entity with its alias", es, err)
		}

		byKeys, err := db.EntitiesByKeys(ctx, []string{"rdk", "denis kapustin", "nobody", "rdk"})
		if err != nil {
			t.Fatalf("EntitiesByKeys: %v", err)
		}
		var ids []string
		for _, e := range byKeys {
			ids = append(ids, e.ID)
		}
		// In id order: resolution picks among candidates by score.
		if diff := cmp.Diff([]string{"e_kapustin", "e_rdk"}, ids); diff != "" {
			t.Errorf("EntitiesByKeys (-want +got):\n%s", diff)
		}
		if es, err := db.EntitiesByKeys(ctx, nil); err != nil || len(es) != 0 {
			t.Errorf("EntitiesByKeys(nil) = %v, %v", es, err)
		}
		// Many lookups at once answer each as EntitiesByKeys does.
		sets := [][]string{{"rdk", "denis kapustin", "nobody", "rdk"}, nil, {"belarusian legion"},
			{"denis nikitin", "russian volunteer corps"}, {"nobody"}, {"белгород", "kastus kalinouski regiment", "freedom of russia legion"}}
		many, err := db.EntitiesByKeySets(ctx, sets)
		if err != nil || len(many) != len(sets) {
			t.Fatalf("EntitiesByKeySets = %d answers, %v; want %d", len(many), err, len(sets))
		}
		for i, set := range sets {
			one, err := db.EntitiesByKeys(ctx, set)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(one, many[i], cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("EntitiesByKeySets answer %d %q (-EntitiesByKeys +got):\n%s", i, set, diff)
			}
		}

		for _, tc := range []struct {
			name   string
			filter store.EntityFilter
			want   []string
		}{
			// e_rdk has 3 claims, the legion 1, Kapustin 1; then by name.
			{"all", store.EntityFilter{}, []string{"e_rdk", "e_kapustin", "e_frl", "e_belgorod", "e_kkr", "e_state_media"}},
			{"armed groups", store.EntityFilter{Type: muster.EntityArmedGroup}, []string{"e_rdk", "e_frl", "e_kkr"}},
			{"limit", store.EntityFilter{Limit: 2}, []string{"e_rdk", "e_kapustin"}},
			{"no such type", store.EntityFilter{Type: "ship"}, nil},
		} {
			t.Run("list "+tc.name, func(t *testing.T) {
				es, err := db.ListEntities(ctx, tc.filter)
				if err != nil {
					t.Fatalf("ListEntities(%+v): %v", tc.filter, err)
				}
				var got []string
				for _, e := range es {
					got = append(got, e.ID)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("ListEntities(%+v) (-want +got):\n%s", tc.filter, diff)
				}
			})
		}
	})
}

func TestClaimsAndEvents(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		later := sample("later", sampleText, day1)
		earlier := sample("earlier", "Earlier. "+sampleText, day0)
		undated := sample("undated", "Undated. "+sampleText, time.Time{})
		for _, a := range []*muster.Analysis{later, undated, earlier} {
			if _, err := db.Save(ctx, a); err != nil {
				t.Fatalf("Save %s: %v", a.Document.Title, err)
			}
		}
		ids := func(cs []muster.Claim) []string {
			var out []string
			for _, c := range cs {
				out = append(out, c.ID)
			}
			return out
		}
		pick := func(as []*muster.Analysis, keep func(c muster.Claim) bool) []string {
			var out []string
			for _, a := range as {
				for _, c := range allClaims(a) {
					if keep(c) {
						out = append(out, c.ID)
					}
				}
			}
			return out
		}
		inOrder := []*muster.Analysis{earlier, later, undated} // published order, unknown last
		for _, tc := range []struct {
			name   string
			filter store.ClaimFilter
			want   []string
		}{
			{"all, by publication then evidence", store.ClaimFilter{}, pick(inOrder, func(muster.Claim) bool { return true })},
			{"subject", store.ClaimFilter{Subjects: []string{"e_rdk"}},
				pick(inOrder, func(c muster.Claim) bool { return c.Subject.ID == "e_rdk" })},
			{"subjects", store.ClaimFilter{Subjects: []string{"e_kapustin", "e_frl"}},
				pick(inOrder, func(c muster.Claim) bool { return c.Subject.ID == "e_kapustin" || c.Subject.ID == "e_frl" })},
			{"predicates", store.ClaimFilter{Predicates: []muster.Predicate{muster.PredSize, muster.PredKilled}},
				pick(inOrder, func(c muster.Claim) bool { return c.Predicate == muster.PredSize || c.Predicate == muster.PredKilled })},
			{"subject and predicate", store.ClaimFilter{Subjects: []string{"e_rdk"}, Predicates: []muster.Predicate{muster.PredAlias}},
				pick(inOrder, func(c muster.Claim) bool { return c.Subject.ID == "e_rdk" && c.Predicate == muster.PredAlias })},
			{"object entity", store.ClaimFilter{ObjectEntity: "e_kapustin"},
				pick(inOrder, func(c muster.Claim) bool { return c.Object.Entity != nil && c.Object.Entity.ID == "e_kapustin" })},
			{"document", store.ClaimFilter{Document: undated.Document.ID}, ids(allClaims(undated))},
			{"limit", store.ClaimFilter{Limit: 2}, ids(allClaims(earlier))[:2]},
			{"nothing", store.ClaimFilter{Subjects: []string{"e_nobody"}}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				got, err := db.Claims(ctx, tc.filter)
				if err != nil {
					t.Fatalf("Claims(%+v): %v", tc.filter, err)
				}
				if diff := cmp.Diff(tc.want, ids(got)); diff != "" {
					t.Errorf("Claims(%+v) (-want +got):\n%s", tc.filter, diff)
				}
			})
		}
		// Values survive exactly, number bounds and qualifiers included.
		got, err := db.Claims(ctx, store.ClaimFilter{Document: earlier.Document.ID})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(allClaims(earlier), got); diff != "" {
			t.Errorf("claims round trip (-saved +read):\n%s", diff)
		}

		evIDs := func(evs []muster.Event) []string {
			var out []string
			for _, ev := range evs {
				out = append(out, ev.ID)
			}
			return out
		}
		// All three events start on the same day: publication decides.
		all := []string{earlier.Events[0].ID, later.Events[0].ID, undated.Events[0].ID}
		for _, tc := range []struct {
			name   string
			filter store.EventFilter
			want   []string
		}{
			{"all", store.EventFilter{}, all},
			{"participant", store.EventFilter{Participant: "e_rdk"}, all},
			{"place", store.EventFilter{Place: "e_belgorod"}, all},
			{"document", store.EventFilter{Document: later.Document.ID}, []string{later.Events[0].ID}},
			{"place and document", store.EventFilter{Place: "e_belgorod", Document: undated.Document.ID}, []string{undated.Events[0].ID}},
			{"limit", store.EventFilter{Limit: 1}, all[:1]},
			{"no such participant", store.EventFilter{Participant: "e_belgorod"}, nil},
		} {
			t.Run("events "+tc.name, func(t *testing.T) {
				got, err := db.Events(ctx, tc.filter)
				if err != nil {
					t.Fatalf("Events(%+v): %v", tc.filter, err)
				}
				if diff := cmp.Diff(tc.want, evIDs(got)); diff != "" {
					t.Errorf("Events(%+v) (-want +got):\n%s", tc.filter, diff)
				}
			})
		}
	})
}

// docOnly returns the analysis of a document in which nothing was found.
func docOnly(title, text string, published time.Time) *muster.Analysis {
	a := &muster.Analysis{}
	a.Document.SetText(text)
	a.Document.Title, a.Document.Published = title, published
	return a
}

func TestSearch(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		a := sample("Volunteers cross the border", sampleText, day1)
		b := docOnly("Shelling in Shebekino", "Officials reported shelling in Shebekino; the governor said two people were wounded.", day0)
		for _, x := range []*muster.Analysis{a, b} {
			if _, err := db.Save(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"Kapustin", []string{a.Document.ID}},
			{"kapustin NIKITIN", []string{a.Document.ID}},
			{"volunteers border", []string{a.Document.ID}}, // title words
			{"shebekino", []string{b.Document.ID}},
			{"белгород", []string{a.Document.ID}},
			{"Kapustin Shebekino", nil}, // all words must match
			{"Wagner", nil},
			// Hostile input: never an error, words still count.
			{`"`, nil},
			{`"Kapustin`, []string{a.Document.ID}},
			{"AND OR", nil},
			{"NOT Kapustin", nil}, // "not" is a word like any other
			{"*", nil},
			{"Kap*", nil},
			{"title:Shebekino", nil}, // "title" is not in b's text
			{"NEAR(Kapustin Nikitin)", []string{a.Document.ID}}, // "near" is a word of the text
			{"Kapustin -Nikitin", []string{a.Document.ID}},
			{"'; DROP TABLE documents; --", nil},
			{"(((", nil},
			{"^Kapustin", []string{a.Document.ID}},
			{"\x00Kapustin\xff", []string{a.Document.ID}},
			{"🙂 ☃", nil},
			{"", nil},
			{"a\u0301", nil}, // combining mark
			{strings.Repeat("x ", 500), nil},
		} {
			t.Run(tc.query, func(t *testing.T) {
				hits, err := db.Search(ctx, tc.query, 10)
				if err != nil {
					t.Fatalf("Search(%q): %v", tc.query, err)
				}
				var got []string
				for _, h := range hits {
					got = append(got, h.Document.ID)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("Search(%q) (-want +got):\n%s", tc.query, diff)
				}
			})
		}
		hits, err := db.Search(ctx, "Kapustin", 10)
		if err != nil || len(hits) != 1 {
			t.Fatalf("Search(Kapustin) = %v, %v", hits, err)
		}
		h := hits[0]
		if diff := cmp.Diff(a.Document.Ref(), h.Document); diff != "" {
			t.Errorf("hit document (-want +got):\n%s", diff)
		}
		if !strings.Contains(h.Snippet, store.HighlightStart+"Kapustin"+store.HighlightEnd) {
			t.Errorf("snippet %q does not highlight Kapustin", h.Snippet)
		}
		if h.Rank <= 0 {
			t.Errorf("rank %v, want > 0", h.Rank)
		}
		// Title matches rank higher than text matches.
		c := docOnly("Kapustin speaks", "A short text about the corps.", day1)
		if _, err := db.Save(ctx, c); err != nil {
			t.Fatal(err)
		}
		hits, err = db.Search(ctx, "Kapustin", 1)
		if err != nil || len(hits) != 1 || hits[0].Document.ID != c.Document.ID {
			t.Errorf("Search(Kapustin, 1) = %+v, %v; want the document titled with it", hits, err)
		}
	})
}

func TestDecisions(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		when := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
		db.Now = func() time.Time { return when }
		in := []store.Decision{
			{AKey: "rdk", BKey: "russian volunteer corps", Decision: store.DecisionMerge, Note: "same group"},
			{AKey: "legion", BKey: "free russia legion", Decision: store.DecisionSplit, Created: when.Add(time.Hour)},
		}
		for _, d := range in {
			if err := db.SaveDecision(ctx, d); err != nil {
				t.Fatalf("SaveDecision(%+v): %v", d, err)
			}
		}
		for _, bad := range []store.Decision{
			{AKey: "a", BKey: "b", Decision: "maybe"},
			{AKey: "", BKey: "b", Decision: store.DecisionMerge},
		} {
			if err := db.SaveDecision(ctx, bad); muster.ErrorKind(err) != muster.KindInvalid {
				t.Errorf("SaveDecision(%+v): err = %v, want kind invalid", bad, err)
			}
		}
		got, err := db.Decisions(ctx)
		if err != nil {
			t.Fatalf("Decisions: %v", err)
		}
		want := []store.Decision{in[0], in[1]}
		want[0].Created = when
		if diff := cmp.Diff(want, got, cmpopts.IgnoreFields(store.Decision{}, "ID")); diff != "" {
			t.Errorf("Decisions (-want +got):\n%s", diff)
		}
		if len(got) == 2 && got[0].ID >= got[1].ID {
			t.Errorf("decision ids %d, %d not increasing", got[0].ID, got[1].ID)
		}
	})
}

// TestMigrationsIdempotent opens a store twice (and two at once): the second
// Open finds the schema current and the data intact.
func TestMigrationsIdempotent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		dsn := testDSN(t, backend)
		// Two at once on an empty database, then again on a migrated one.
		openTwo := func() []*store.DB {
			var wg sync.WaitGroup
			errs := make([]error, 2)
			dbs := make([]*store.DB, 2)
			for i := range 2 {
				wg.Go(func() { dbs[i], errs[i] = store.Open(ctx, dsn) })
			}
			wg.Wait()
			for i := range 2 {
				if errs[i] != nil {
					t.Fatalf("concurrent Open %d: %v", i, errs[i])
				}
				t.Cleanup(func() { dbs[i].Close() })
			}
			return dbs
		}
		dbs := openTwo()
		a := sample("t", sampleText, day1)
		if _, err := dbs[1].Save(ctx, a); err != nil {
			t.Fatal(err)
		}
		for _, db := range dbs {
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
		}
		dbs = openTwo()
		for i := range 2 {
			if s, err := dbs[i].Stats(ctx); err != nil || s.Documents != 1 || s.Claims != 6 {
				t.Errorf("reopen %d: Stats = %+v, %v", i, s, err)
			}
		}
		if res, err := dbs[0].Save(ctx, a); err != nil || !res.Duplicate {
			t.Errorf("Save after reopen = %+v, %v; want duplicate", res, err)
		}
		// Each migration is recorded once.
		driver := map[string]string{store.SQLite: "sqlite", store.Postgres: "pgx"}[backend]
		raw, err := sql.Open(driver, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer raw.Close()
		var versions []string
		rows, err := raw.QueryContext(ctx, "SELECT version FROM schema_migrations ORDER BY version")
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var v string
			rows.Scan(&v)
			versions = append(versions, v)
		}
		rows.Close()
		// Every migration file of the backend, each once (read from disk,
		// so that a new migration needs no edit here).
		files, err := filepath.Glob(filepath.Join("migrations", backend, "*.sql"))
		if err != nil || len(files) < 4 {
			t.Fatalf("migration files: %v, %v", files, err)
		}
		var want []string
		for _, f := range files {
			want = append(want, strings.TrimSuffix(filepath.Base(f), ".sql"))
		}
		if diff := cmp.Diff(want, versions); diff != "" {
			t.Errorf("schema_migrations (-want +got):\n%s", diff)
		}
	})
}

// TestConcurrentSave saves from many goroutines at once; entities are shared,
// so SQLite writers queue and PostgreSQL transactions lock the same rows.
func TestConcurrentSave(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		dsn := testDSN(t, backend)
		// Two handles, as two processes would have.
		dbs := []*store.DB{mustOpenDSN(t, dsn), mustOpenDSN(t, dsn)}
		const workers, each = 6, 4
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for w := range workers {
			wg.Go(func() {
				for i := range each {
					a := bigAnalysis(w*each+i, 20, 10)
					if _, err := dbs[w%2].Save(ctx, a); err != nil {
						errs <- fmt.Errorf("worker %d save %d: %w", w, i, err)
					}
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		s, err := dbs[0].Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := store.Stats{Documents: workers * each, Entities: 10, Claims: workers * each * 20, Events: workers * each * 3, Mentions: workers * each * 10}
		if s != want {
			t.Errorf("Stats = %+v, want %+v", s, want)
		}
		e, err := dbs[1].Entity(ctx, "e_shared_3")
		if err != nil {
			t.Fatal(err)
		}
		// G3 with a source per document, plus one "Doc i group 3" alias each.
		if len(e.Aliases) != 1+workers*each || len(e.Aliases[0].Sources) != workers*each {
			t.Errorf("e_shared_3 has %d aliases, the first with %d sources; want %d and %d",
				len(e.Aliases), len(e.Aliases[0].Sources), 1+workers*each, workers*each)
		}
	})
}

// TestSaveLargeDocument saves a 3 MB text of distinct words, more than a
// PostgreSQL tsvector may hold, and finds it by a word near its start.
func TestSaveLargeDocument(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		var b strings.Builder
		for i := 0; b.Len() < 3<<20; i++ {
			fmt.Fprintf(&b, "слово%x word%d ", i, i)
		}
		a := docOnly("big", b.String(), day1)
		if _, err := db.Save(ctx, a); err != nil {
			t.Fatalf("Save of %d bytes: %v", b.Len(), err)
		}
		hits, err := db.Search(ctx, "word1234", 5)
		if err != nil || len(hits) != 1 {
			t.Errorf("Search(word1234) = %v, %v; want the big document", hits, err)
		}
		doc, err := db.Document(ctx, a.Document.ID)
		if err != nil || doc.Text != a.Document.Text {
			t.Errorf("Document: text of %d bytes does not round-trip: %v", len(a.Document.Text), err)
		}
	})
}

// TestEntityKeys checks that keys given by DB.EntityKeys are recorded and
// found by EntitiesByKeys, beside name and alias keys.
func TestEntityKeys(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		db.EntityKeys = func(e muster.Entity) []string {
			return []string{"translit:" + strings.ToLower(e.Name), ""}
		}
		a := docOnly("Keys", "Denys Nikitin spoke.", day1)
		a.Entities = []muster.Entity{{ID: "e_keys", Type: muster.EntityPerson, Name: "Denys Nikitin"}}
		if _, err := db.Save(ctx, a); err != nil {
			t.Fatalf("Save: %v", err)
		}
		got, err := db.EntitiesByKeys(ctx, []string{"translit:denys nikitin"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].ID != "e_keys" {
			t.Errorf("EntitiesByKeys(translit key) = %+v, want e_keys", got)
		}
		none, err := db.EntitiesByKeys(ctx, []string{"translit:nobody"})
		if err != nil {
			t.Fatal(err)
		}
		if len(none) != 0 {
			t.Errorf("EntitiesByKeys(unknown key) = %+v, want none", none)
		}
		sets, err := db.EntitiesByKeySets(ctx, [][]string{{"translit:nobody"}, {"translit:denys nikitin"}})
		if err != nil {
			t.Fatal(err)
		}
		if len(sets) != 2 || len(sets[0]) != 0 || len(sets[1]) != 1 || sets[1][0].ID != "e_keys" {
			t.Errorf("EntitiesByKeySets(unknown key, translit key) = %+v, want none and e_keys", sets)
		}
	})
}
