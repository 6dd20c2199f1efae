// Package placeword holds the words that tell how a place name is used in
// a sentence, shared by the two stages that read place names: extract
// (which places an event has) and resolve (spotting and geocoding them).
// Each idea is one list, kept as data beside this file, so that the two
// stages cannot drift apart (issue 12: extract's facilityNouns and
// resolve's facilityWords were two lists of one idea that disagreed on
// twelve words).
package placeword

import (
	_ "embed"
	"strings"
)

//go:embed facility.txt
var facilityText string

// facilities is facility.txt as a set, built once: the file is part of the
// binary, so a bad line is a build-time mistake caught by the tests.
var facilities = wordSet(facilityText)

// Facility reports whether the lower-case word w is a facility noun
// ("airport", "plant", "hospital"): after a capitalised name it makes the
// name a facility's, and the place in that name is where the facility
// stands.
func Facility(w string) bool { return facilities[w] }

// wordSet reads a word list: one lower-case word a line, blank lines and
// '#' comments ignored.
func wordSet(text string) map[string]bool {
	set := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if w := strings.TrimSpace(line); w != "" {
			set[w] = true
		}
	}
	return set
}
