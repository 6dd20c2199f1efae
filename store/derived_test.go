package store_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
	"github.com/muster-osint/muster/store"
)

// deriver is query's rules, as the program sets them.
var deriver = &store.Deriver{HappeningKeys: query.HappeningKeys, SameHappening: query.SameHappening,
	ClusterRoot: query.ClusterRoot, HappeningDays: query.HappeningDays, Contradictions: query.Contradictions}

// raid is a document telling of a raid on a town on a day, in which a
// source says n people were killed, and giving the founding year of a
// group by the same source.
func raid(town, day, source string, n int, founded string) *muster.Analysis {
	text := fmt.Sprintf("A raid hit %s. %s said %d people were killed. The group was founded in %s.", town, source, n, founded)
	var d muster.Document
	d.SetText(text)
	d.Title, d.Publisher = "Raid on "+town+" "+day+" "+source, "Example Wire"
	d.Published, _ = time.Parse(time.DateOnly, day)
	d.Language, d.Format, d.Source = "en", "text", "test"
	place := muster.Entity{ID: "e_" + strings.ToLower(town), Type: muster.EntityPlace, Name: town,
		Place: &muster.Place{Lat: 50.4, Lon: 36.9, Country: "RU", Precision: muster.PrecisionExact}}
	group := muster.Entity{ID: "e_corps", Type: muster.EntityArmedGroup, Name: "Volunteer Corps"}
	src := muster.Attribution{Name: source, Type: muster.SourceUnnamed}
	ev := muster.Event{ID: "v_" + d.ID[2:] + "_1", Type: muster.EventRaid, Label: "Raid on " + town + " " + day,
		Time:     &muster.Value{Kind: muster.ValueDate, Text: day, From: day, To: day, Precision: muster.PrecisionDay},
		Places:   []muster.Ref{place.Ref()},
		Evidence: []muster.Evidence{span(d.ID, text, "A raid hit "+town)}}
	killed := muster.Claim{Subject: ev.Ref(), Predicate: muster.PredKilled, Modality: muster.Reported, AttributedTo: src,
		Object:   muster.Value{Kind: muster.ValueNumber, Text: fmt.Sprint(n), Min: float(float64(n)), Max: float(float64(n))},
		Evidence: []muster.Evidence{span(d.ID, text, fmt.Sprintf("%d people were killed", n))}, Extractor: "test/1", Confidence: 0.9}
	killed.SetID()
	ev.Claims = []muster.Claim{killed}
	year := muster.Claim{Subject: group.Ref(), Predicate: muster.PredFounded, Modality: muster.Reported, AttributedTo: src,
		Object:   muster.Value{Kind: muster.ValueDate, Text: founded, From: founded + "-01-01", To: founded + "-12-31", Precision: muster.PrecisionYear},
		Evidence: []muster.Evidence{span(d.ID, text, "founded in "+founded)}, Extractor: "test/1", Confidence: 0.9}
	year.SetID()
	return &muster.Analysis{Document: d, Entities: []muster.Entity{place, group}, Events: []muster.Event{ev}, Claims: []muster.Claim{year}}
}

// TestDerivedContradictions checks that the contradictions the store keeps
// at ingest, saved one by one and in batches, with a later event joining
// two clusters of earlier ones, are the ones query computes over every
// claim and event, and that saving again or refreshing changes nothing.
func TestDerivedContradictions(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		db := MustOpen(t, backend)
		db.Derive = deriver
		ctx := t.Context()
		// Raids on 1 and 5 June are apart (more than two days); the raid on
		// 3 June is within two days of both and joins their clusters.
		first := []*muster.Analysis{
			raid("Shebekino", "2023-06-01", "the governor", 5, "2022"),
			raid("Shebekino", "2023-06-05", "the ministry", 9, "2022"),
			raid("Valuyki", "2023-06-01", "the governor", 2, "2021"),
		}
		for _, a := range first {
			if _, err := db.Save(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		check(t, db, "after three saves")
		b, err := db.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range []*muster.Analysis{
			raid("Shebekino", "2023-06-03", "a local channel", 7, "2022"),
			raid("Valuyki", "2023-06-02", "the ministry", 2, "2021"),
		} {
			if _, err := b.Save(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.Commit(); err != nil {
			t.Fatal(err)
		}
		got := check(t, db, "after the batch")
		// The bridged cluster: three figures from three sources.
		var bridged bool
		for _, c := range got {
			if c.Predicate == muster.PredKilled && len(c.Claims) == 3 && c.Subject.Name == "Raid on Shebekino 2023-06-01" {
				bridged = true
			}
		}
		if !bridged {
			t.Errorf("no disagreement over the three Shebekino raids as one: %v", summary(got))
		}
		if _, err := db.Save(ctx, first[0]); err != nil { // a duplicate: no change
			t.Fatal(err)
		}
		if again := check(t, db, "after saving again"); summary(again) != summary(got) {
			t.Errorf("saving again changed the contradictions:\n%s\nwas\n%s", summary(again), summary(got))
		}
		if err := db.RefreshDerived(ctx); err != nil {
			t.Fatal(err)
		}
		if again := check(t, db, "after a refresh"); summary(again) != summary(got) {
			t.Errorf("a refresh changed the contradictions:\n%s\nwas\n%s", summary(again), summary(got))
		}
		places, events, err := db.MapPlaces(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if events != 5 || len(places) != 2 || places[0].Entity.ID != "e_shebekino" || places[0].Events != 3 || len(places[0].Labels) != 3 ||
			places[0].Labels[0] != "Raid on Shebekino 2023-06-01" || places[1].Events != 2 {
			t.Errorf("MapPlaces = %d events, %+v", events, places)
		}
	})
}

// check compares the stored contradictions with query's over everything
// stored, and returns the stored ones.
func check(t *testing.T, db *store.DB, when string) []muster.Contradiction {
	t.Helper()
	ctx := context.Background()
	got, total, err := db.Contradictions(ctx, store.ContradictionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != len(got) {
		t.Errorf("%s: total %d, %d returned", when, total, len(got))
	}
	claims, err := db.Claims(ctx, store.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	events, err := db.Events(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := query.ContradictionsAcross(claims, events)
	if summary(got) != summary(want) {
		t.Errorf("%s: stored contradictions\n%s\nwant (query over every claim)\n%s", when, summary(got), summary(want))
	}
	return got
}

// summary writes contradictions one a line, in a fixed order, with their
// claims' ids sorted.
func summary(cs []muster.Contradiction) string {
	var lines []string
	for _, c := range cs {
		var ids []string
		for _, cl := range c.Claims {
			ids = append(ids, cl.ID+"@"+cl.Subject.ID)
		}
		sort.Strings(ids)
		lines = append(lines, fmt.Sprintf("%s %q %s: %s", c.Subject.ID, c.Subject.Name, c.Predicate, strings.Join(ids, " ")))
	}
	sort.Strings(lines)
	return strings.Join(lines, "\n")
}

// TestContradictionsFilter checks the subject and predicate filters and
// the paging of stored contradictions.
func TestContradictionsFilter(t *testing.T) {
	db := MustOpen(t, store.SQLite)
	db.Derive = deriver
	ctx := t.Context()
	for _, a := range []*muster.Analysis{
		raid("Shebekino", "2023-06-01", "the governor", 5, "2022"),
		raid("Shebekino", "2023-06-02", "the ministry", 9, "2020"),
	} {
		if _, err := db.Save(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		f     store.ContradictionFilter
		n     int
		total int
	}{
		{store.ContradictionFilter{}, 2, 2},
		{store.ContradictionFilter{Limit: 1}, 1, 2},
		{store.ContradictionFilter{Limit: 1, Offset: 1}, 1, 2},
		{store.ContradictionFilter{Offset: 5}, 0, 2},
		{store.ContradictionFilter{Predicates: []muster.Predicate{muster.PredFounded}}, 1, 1},
		{store.ContradictionFilter{Subject: "VOLUNTEER"}, 1, 1},
		{store.ContradictionFilter{Subject: "e_corps"}, 1, 1},
		{store.ContradictionFilter{Subject: "raid", Predicates: []muster.Predicate{muster.PredFounded}}, 0, 0},
		{store.ContradictionFilter{Subject: "raid", Limit: 1, Offset: 1}, 0, 1},
	} {
		got, total, err := db.Contradictions(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tt.n || total != tt.total {
			t.Errorf("Contradictions(%+v) = %d of %d, want %d of %d", tt.f, len(got), total, tt.n, tt.total)
		}
	}
}

// TestDerivedStale checks that saves without DB.Derive mark the derived
// tables stale and RefreshDerived brings them up to date.
func TestDerivedStale(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		db := MustOpen(t, backend)
		ctx := t.Context()
		db.Derive = deriver
		if err := db.RefreshDerived(ctx); err != nil {
			t.Fatal(err)
		}
		if stale, err := db.DerivedStale(ctx); err != nil || stale {
			t.Fatalf("DerivedStale after a refresh = %v, %v", stale, err)
		}
		db.Derive = nil
		for _, a := range []*muster.Analysis{
			raid("Shebekino", "2023-06-01", "the governor", 5, "2022"),
			raid("Shebekino", "2023-06-02", "the ministry", 9, "2020"),
		} {
			if _, err := db.Save(ctx, a); err != nil {
				t.Fatal(err)
			}
		}
		if stale, err := db.DerivedStale(ctx); err != nil || !stale {
			t.Fatalf("DerivedStale after saves without Derive = %v, %v", stale, err)
		}
		if got, _, _ := db.Contradictions(ctx, store.ContradictionFilter{}); len(got) != 0 {
			t.Errorf("contradictions kept without Derive: %s", summary(got))
		}
		db.Derive = deriver
		if err := db.RefreshDerived(ctx); err != nil {
			t.Fatal(err)
		}
		if got := check(t, db, "after the refresh"); len(got) != 2 {
			t.Errorf("after the refresh: %s", summary(got))
		}
		if stale, err := db.DerivedStale(ctx); err != nil || stale {
			t.Errorf("DerivedStale after the refresh = %v, %v", stale, err)
		}
	})
}

// TestDerivedConcurrentWriters saves documents about one subject from
// several goroutines at once (PostgreSQL's writers run side by side) and
// checks the kept contradictions against query's over everything.
func TestDerivedConcurrentWriters(t *testing.T) {
	forEachBackend(t, func(t *testing.T, backend string) {
		db := MustOpen(t, backend)
		db.Derive = deriver
		ctx := t.Context()
		const writers, saves = 6, 6
		errs := make(chan error, writers)
		for w := range writers {
			go func() {
				var err error
				for i := range saves {
					day := fmt.Sprintf("2023-06-%02d", 1+i*4)
					a := raid("Shebekino", day, fmt.Sprintf("source %d-%d", w, i), 10*w+i, fmt.Sprint(1900+w*saves+i))
					if _, err = db.Save(ctx, a); err != nil {
						break
					}
				}
				errs <- err
			}()
		}
		for range writers {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		if got := check(t, db, "after concurrent saves"); len(got) != saves+1 {
			t.Errorf("%d contradictions, want %d (the raids and the founding): %s", len(got), saves+1, summary(got))
		}
	})
}
