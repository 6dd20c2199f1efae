package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/eval"
)

// sharedEvents returns the first n dev records of a coded event set, or
// skips when ../shared is absent.
func sharedEvents(t testing.TB, dataset string, n int) ([]eval.EventRecord, *eval.Countries) {
	t.Helper()
	path := filepath.Join("..", "..", eventsDataDir, eventFiles[dataset])
	if _, err := os.Stat(path); err != nil {
		t.Skipf("eval events: %s not found", path)
	}
	recs, err := readEventRecords(dataset, path)
	if err != nil {
		t.Fatal(err)
	}
	recs = eval.Split(recs, "dev")
	if len(recs) > n {
		recs = recs[:n]
	}
	c, err := readCountries(filepath.Join("..", "..", eventsDataDir, "countries/countries_flat.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	return recs, c
}

// TestEventFloors scores small fixed dev samples so that a regression in
// extraction fails CI. The floors sit a little under the figures measured
// when they were set; raise them as extraction improves.
func TestEventFloors(t *testing.T) {
	floors := map[string]map[string]float64{
		"gtd": {"perpetrator": 0.90, "claimed": 0.97, "country": 0.96, "province": 0.95, "city": 0.90,
			"killed": 0.92, "wounded": 0.94, "event_type": 0.82},
		"acled": {"actors": 0.86, "event_type": 0.90, "sub_event_type": 0.90, "admin1": 0.76, "location": 0.82,
			"fatalities": 0.92},
	}
	sizes := map[string]int{"gtd": 200, "acled": 100}
	for dataset, fl := range floors {
		t.Run(dataset, func(t *testing.T) {
			recs, countries := sharedEvents(t, dataset, sizes[dataset])
			ex, err := EventExtractor()
			if err != nil {
				t.Fatal(err)
			}
			rep, err := eval.ScoreEvents(context.Background(), dataset, recs, ex, countries, eventTypes(), 0)
			if err != nil {
				t.Fatal(err)
			}
			for slot, floor := range fl {
				s := rep.Slots[slot]
				got := s.Accuracy
				if s.Set {
					got = s.F1
				}
				if got < floor {
					t.Errorf("%s %s = %.3f on %d dev records, floor %.2f", dataset, slot, got, s.N, floor)
				}
			}
		})
	}
}

// TestEventEvidence checks on real summaries that every claim's evidence
// quotes the text at its code-point span and that claims validate.
func TestEventEvidence(t *testing.T) {
	gtd, _ := sharedEvents(t, "gtd", 300)
	acled, _ := sharedEvents(t, "acled", 150)
	ex, err := EventExtractor()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range append(gtd, acled...) {
		a, err := ex(context.Background(), r.Text, r.Published)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range a.Events {
			for _, c := range ev.Claims {
				if err := c.Validate(); err != nil {
					t.Fatalf("%s: %v", r.ID, err)
				}
				for _, e := range c.Evidence {
					sp := muster.ByteOffsets(r.Text, muster.Span{Start: e.Start, End: e.End})
					if got := r.Text[sp.Start:sp.End]; got != e.Quote {
						t.Fatalf("%s: %s evidence %d..%d is %q, quote %q", r.ID, c.Predicate, e.Start, e.End, got, e.Quote)
					}
				}
			}
		}
	}
}

// BenchmarkEventsGTD measures the whole extraction pipeline that ingest
// runs (segment, tagger, extract, resolve, geocode; no store) on 500 GTD
// dev summaries; docs/s is the figure of issue 4.
func BenchmarkEventsGTD(b *testing.B) {
	recs, _ := sharedEvents(b, "gtd", 500)
	ex, err := EventExtractor()
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		r := recs[n%len(recs)]
		if _, err := ex(ctx, r.Text, r.Published); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "docs/s")
}

// TestEventTypes checks the mapping eval is given: every ACLED, GTD and
// MUC-4 type the trigger lexicon names is one eval knows, and a few rows
// the scores depend on.
func TestEventTypes(t *testing.T) {
	m := eventTypes()
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
	if m[muster.EventShelling].GTD != "Bombing/Explosion" || m[muster.EventDroneStrike].ACLED != "Air/drone strike" ||
		m.MUC4IncidentType(muster.EventAssassination) != "ATTACK" || m.MUC4IncidentType(muster.EventArmedClash) != "" {
		t.Errorf("event types: %+v", m)
	}
}
