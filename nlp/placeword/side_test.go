package placeword

import (
	"regexp"
	"strings"
	"testing"

	"github.com/muster-osint/muster"
)

// TestSide holds the cues of both readers it replaced (issue 12):
// extract's namesSide and resolve's countryActor, possessiveActor and
// actorModifier. The name is the text between the brackets.
func TestSide(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		nation     bool
		event      func(string) bool
		want       bool
	}{
		{"force noun after", "[Kiev] forces shelled the town.", true, nil, true},
		{"force noun after a town", "[Donetsk] militia said so.", false, nil, true},
		{"possessive before a force noun", "[Russia]’s army advanced.", true, nil, true},
		{"possessive inside the name", "[Russia’s] army advanced.", true, nil, true},
		{"plural possessive", "[the Philippines]' army advanced.", true, nil, true},
		{"possessive before a side noun", "people killed in [Russia]'s war", false, nil, true},
		{"a side noun only after a possessive", "the [Kherson] offensive went on", false, nil, false},
		{"nation's possessive before any noun", "[Russia]'s claims were denied.", true, nil, true},
		{"town's possessive is its own", "[Mariupol]'s theatre was hit.", false, nil, false},
		{"nation's possessive before a part", "[Ukraine]'s east was shelled.", true, nil, false},
		{"fighting on a nation's side", "Russians who fight on [Ukraine]’s side said", false, nil, true},
		{"nation's possessive before a direction word", "[Ukraine]'s southern coast", true, nil, false},
		{"capital's possessive before a facility", "[Kyiv]'s airport was closed.", true, nil, false},
		{"capitalised name after a possessive", "[Kyiv]'s Independence Square", true, nil, false},
		{"possessor of forces", "the troops of the [Russian Federation] crossed", true, nil, true},
		{"Armed Forces of", "the Armed Forces of [Ukraine] said", true, nil, true},
		{"hyphenated participle", "[Russia]-backed fighters", true, nil, true},
		{"hyphenated adjective", "[Kiev]-based analysts", true, nil, false},
		{"agent of a passive", "the town was seized by [Russia] on Monday", true, nil, true},
		{"a town after by at the clause end", "the village was shelled by [Kiev].", false, nil, true},
		{"by before a town is near", "the road by [Izium] was cut", false, nil, false},
		{"where", "fighting in [Bakhmut] went on", false, nil, false},
		{"possessive before an event noun", "[Kiev]'s shelling of Donetsk", false, func(w string) bool { return w == "shelling" }, true},
		{"possessive before a noun the event lexicon lacks", "[Kiev]'s mayor", false, func(w string) bool { return w == "shelling" }, false},
		{"event noun after no possessive", "[Kiev] shelling", false, func(w string) bool { return w == "shelling" }, false},
		{"a capitalised word after the name", "[Kharkiv] Oblast was shelled", false, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			i, j := strings.IndexByte(tc.text, '['), strings.IndexByte(tc.text, ']')
			text := tc.text[:i] + tc.text[i+1:j] + tc.text[j+1:]
			sp := muster.Span{Start: i, End: j - 1}
			if got := Side(text, sp, tc.nation, tc.event); got != tc.want {
				t.Errorf("Side(%q, %q, nation %v) = %v, want %v", text, text[sp.Start:sp.End], tc.nation, got, tc.want)
			}
		})
	}
}

func TestDirection(t *testing.T) {
	for w, want := range map[string]string{"east": "e", "north-western": "nw", "southern": "s", "river": "", "East": ""} {
		if got := Direction(w); got != want {
			t.Errorf("Direction(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestWordFiles checks that every word list is lower-case single words,
// each once.
func TestWordFiles(t *testing.T) {
	for name, text := range map[string]string{"facility.txt": facilityText, "side_nouns.txt": sideNounText, "place_parts.txt": placePartText} {
		seen := map[string]bool{}
		for _, w := range listLines(text) {
			if name == "side_nouns.txt" {
				w = strings.TrimSuffix(w, "\tpossessive")
			}
			if w != strings.ToLower(w) || strings.ContainsAny(w, " \t") {
				t.Errorf("%s: %q is not one lower-case word", name, w)
			}
			if seen[w] {
				t.Errorf("%s: %q listed twice", name, w)
			}
			seen[w] = true
		}
		if len(seen) < 20 {
			t.Errorf("%s has %d words; want the whole list", name, len(seen))
		}
	}
}

// TestDirectionFile checks that every line of directions.tsv is a
// lower-case word, a tab and its part in letters of n, s, e, w: wordMap
// drops a line without a tab silently.
func TestDirectionFile(t *testing.T) {
	part := regexp.MustCompile(`^[nsew]{1,2}$`)
	lines := listLines(directionText)
	for _, line := range lines {
		w, p, ok := strings.Cut(line, "\t")
		if !ok || w != strings.ToLower(w) || strings.ContainsAny(w, " \t") || !part.MatchString(p) {
			t.Errorf("directions.tsv: %q is not a lower-case word, a tab and a part", line)
		}
	}
	if len(directions) != len(lines) || len(lines) < 20 {
		t.Errorf("directions.tsv: %d lines make %d words; want each word once, the whole list", len(lines), len(directions))
	}
}
