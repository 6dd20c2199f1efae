package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/muster-osint/muster"
)

// TestNearDuplicates saves a story, a wire copy of it with a new headline
// and one changed word, and a different story: the copy is stored and
// linked to the original, the other story is not.
func TestNearDuplicates(t *testing.T) {
	story := "Fighting flared on Thursday around the border town of Shebekino, where two volunteer groups said they had launched a new operation. " +
		"The regional governor said thousands of people had left the town, which had been shelled for several days. " +
		"The defence ministry said its troops had repelled several attempts to cross the border near the village of Novaya Tavolzhanka. " +
		"Neither account could be verified."
	copyText := "WIRE: Groups say new raid under way\n\n" + strings.Replace(story, "thousands of people", "thousands of residents", 1)
	other := "A drone struck a fuel depot near Kursk overnight, the regional governor said, adding that no one was hurt. " +
		"Local media published pictures of a large fire. The ministry said air defences had shot down two other drones."
	forEachBackend(t, func(t *testing.T, backend string) {
		ctx := context.Background()
		db := MustOpen(t, backend)
		var ids []string
		for i, text := range []string{story, copyText, other} {
			d := muster.Document{Title: "t", Published: day1}
			d.SetText(text)
			res, err := db.Save(ctx, &muster.Analysis{Document: d})
			if err != nil {
				t.Fatalf("save %d: %v", i, err)
			}
			ids = append(ids, d.ID)
			want := ""
			if i == 1 {
				want = ids[0]
			}
			if res.NearDuplicateOf != want {
				t.Errorf("document %d: NearDuplicateOf = %q, want %q", i, res.NearDuplicateOf, want)
			}
		}
		got, err := db.Document(ctx, ids[1])
		if err != nil {
			t.Fatal(err)
		}
		if got.DuplicateOf != ids[0] {
			t.Errorf("stored copy: DuplicateOf = %q, want %q", got.DuplicateOf, ids[0])
		}
	})
}
