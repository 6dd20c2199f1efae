package pipeline

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/muster-osint/muster"
)

// TestExtractLocates checks that Extract locates a document's places (on
// the extracting goroutine, issue 14) and that Resolve with that answer
// gives the analysis it gives when it geocodes again itself, as it does
// when resolution renamed a place.
func TestExtractLocates(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var doc muster.Document
	doc.SetText("Shelling hit Kharkiv and Odesa on Monday, officials in Kyiv said. Ukraine's army said Russian forces attacked Bakhmut.")
	x, err := p.Extract(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if x.geo == nil || len(x.geo.names) < 3 {
		t.Fatalf("Extract located %+v, want the document's places", x.geo)
	}
	found := 0
	for _, pl := range x.geo.places {
		if pl != nil {
			found++
		}
	}
	if found < 3 {
		t.Errorf("Extract placed %d of %q, want at least 3", found, x.geo.names)
	}
	withGeo, err := p.Resolve(ctx, x, nil)
	if err != nil {
		t.Fatal(err)
	}
	x2, err := p.Extract(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	x2.geo = nil
	again, err := p.Resolve(ctx, x2, nil)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(again, withGeo); diff != "" {
		t.Errorf("Resolve with Extract's places differs from geocoding again (-again +with):\n%s", diff)
	}
	placed := 0
	for _, e := range withGeo.Entities {
		if e.Type == muster.EntityPlace && e.Place != nil {
			placed++
		}
	}
	if placed < 3 {
		t.Errorf("%d places on the map, want at least 3", placed)
	}
}

// TestExtractLocatesSeatOfGovernment checks that a capital that GeoNames
// codes as a seat of government (PPLG: La Paz; Sucre is Bolivia's PPLC)
// is, like a capital, a place news names from abroad: in a text that
// names no country and no Bolivian it stays on the map (MUC-4 dev's
// "LA PAZ, 12 JAN 90" reports), in Bolivia.
func TestExtractLocatesSeatOfGovernment(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var doc muster.Document
	doc.SetText("Two bombs exploded in La Paz last night, one in front of the presidential palace. Nobody was hurt, the police said.")
	x, err := p.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	if x.geo == nil {
		t.Fatal("Extract located nothing")
	}
	for i, name := range x.geo.names {
		if name != "La Paz" {
			continue
		}
		if pl := x.geo.places[i]; pl == nil || pl.Country != "BO" {
			t.Errorf("La Paz placed at %+v, want Bolivia", pl)
		}
		return
	}
	t.Errorf("no place La Paz among %q", x.geo.names)
}
