package extract

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
)

// TestScanTriggersAgreesWithRegexp checks the scanner against the
// regexp it stands for, on sentences built from the trigger words and
// their near misses.
func TestScanTriggersAgreesWithRegexp(t *testing.T) {
	words := []string{"marched", "crossed", "pushed", "advanced", "stormed", "broke", "moved", "entered", "into", "intolerably",
		"the", "border", "village", "villages", "town", "city", "territory", "region", "district", "raid", "raids", "incursion",
		"attack", "attacked", "assault", "offensive", "ambush", "shelling", "drone", "air", "strike", "airstrike", "bombing",
		"clash", "clashes", "fought", "clashed", "battled", "unmarched", "raid’s", "2", "x_y", "a", "of", "—", "“", "\n", "\t"}
	seps := []string{" ", "  ", ", ", "-", "", "\n"}
	r := rand.New(rand.NewPCG(7, 11))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := r.IntN(10); k >= 0; k-- {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteString(seps[r.IntN(len(seps))])
		}
		s := b.String()
		want := eventTriggerRE.FindAllStringSubmatchIndex(s, -1)
		got := scanTriggers(s)
		if len(want) == 0 && len(got) == 0 {
			continue
		}
		if !reflect.DeepEqual(want, got) {
			t.Fatalf("scanTriggers(%q) = %v, regexp %v", s, got, want)
		}
	}
}

func FuzzScanTriggers(f *testing.F) {
	f.Add("fighters crossed the border into the belgorod region and entered the village")
	f.Add("a drone strike and an air  strike, then clashes")
	f.Fuzz(func(t *testing.T, s string) {
		s = strings.ToLower(s)
		want := eventTriggerRE.FindAllStringSubmatchIndex(s, -1)
		got := scanTriggers(s)
		if (len(want) != 0 || len(got) != 0) && !reflect.DeepEqual(want, got) {
			t.Fatalf("scanTriggers(%q) = %v, regexp %v", s, got, want)
		}
	})
}
