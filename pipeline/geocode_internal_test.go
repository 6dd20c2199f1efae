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
