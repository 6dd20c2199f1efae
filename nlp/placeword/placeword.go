// Package placeword holds the words that tell how a place name is used in
// a sentence, and the one reading of them, shared by the two stages that
// read place names: extract (which places an event has) and resolve
// (spotting and geocoding them). A place name may say where something is,
// name the place a facility stands in (Facility), or stand for a side of
// a conflict (Side). Each idea is one list, kept as data beside this file,
// so that the two stages cannot drift apart (issue 12: extract's
// facilityNouns and resolve's facilityWords were two lists of one idea
// that disagreed on twelve words, and extract's namesSide and resolve's
// countryActor two readings of one question).
package placeword

import (
	_ "embed"
	"strings"
)

//go:embed facility.txt
var facilityText string

//go:embed directions.tsv
var directionText string

// The lists as sets, built once: the files are part of the binary, so a
// bad line is a build-time mistake caught by the tests.
var (
	facilities = wordSet(facilityText)
	directions = wordMap(directionText)
)

// Facility reports whether the lower-case word w is a facility noun
// ("airport", "plant", "hospital"): after a capitalised name it makes the
// name a facility's, and the place in that name is where the facility
// stands.
func Facility(w string) bool { return facilities[w] }

// Direction returns the part of a place that the lower-case word w names
// ("east", "north-western"), as letters of n, s, e, w, or "".
func Direction(w string) string { return directions[w] }

// wordMap reads a two-column list: a word, a tab, its value.
func wordMap(text string) map[string]string {
	m := map[string]string{}
	for _, line := range listLines(text) {
		if k, v, ok := strings.Cut(line, "\t"); ok {
			m[k] = v
		}
	}
	return m
}

// wordSet reads a word list: one lower-case word a line.
func wordSet(text string) map[string]bool {
	set := map[string]bool{}
	for _, line := range listLines(text) {
		set[line] = true
	}
	return set
}

// listLines returns the lines of a list file that hold something, without
// their '#' comments and surrounding space.
func listLines(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}
