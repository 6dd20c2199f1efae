package store_test

import (
	"context"
	"fmt"
	"log"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/store"
)

// Open an in-memory store, save one analysis, and find the group by its
// acronym, written differently.
func Example() {
	ctx := context.Background()
	db, err := store.Open(ctx, ":memory:")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	var a muster.Analysis
	a.Document.SetText("The Russian Volunteer Corps (RDK) said it had crossed the border.")
	a.Document.Title = "Volunteers cross the border"
	a.Entities = []muster.Entity{{ID: "e_rdk", Type: muster.EntityArmedGroup, Name: "Russian Volunteer Corps",
		Aliases: []muster.Alias{{Name: "RDK", Kind: muster.AliasAcronym}}}}
	res, err := db.Save(ctx, &a)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("saved", res.Document, "entities:", res.Entities)

	again, _ := db.Save(ctx, &a)
	fmt.Println("again: duplicate =", again.Duplicate)

	es, _ := db.FindEntities(ctx, "r.d.k.")
	fmt.Println("found:", es[0].Name)

	hits, _ := db.Search(ctx, `crossed "border`, 5)
	fmt.Println("search:", hits[0].Snippet)
	// Output:
	// saved d_e56df4dfc3d907e6 entities: 1
	// again: duplicate = true
	// found: Russian Volunteer Corps
	// search: The Russian Volunteer Corps (RDK) said it had [[crossed]] the [[border]].
}
