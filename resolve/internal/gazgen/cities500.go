package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// readCities500 reads GeoNames' cities500.txt (the geoname table: geonameid,
// name, asciiname, alternatenames, latitude, longitude, feature class,
// feature code, country, cc2, admin1, admin2, admin3, admin4, population,
// elevation, dem, timezone, modified), keeping the populated places (feature
// class P) with the alternate names that altNames keeps.
func readCities500(path string, common map[string]bool) ([]place, error) {
	var ps []place
	err := readTSV(path, false, func(_ int, c []string) error {
		if len(c) < 19 {
			return fmt.Errorf("want 19 columns, got %d", len(c))
		}
		if c[6] != "P" {
			return nil
		}
		id, err := strconv.Atoi(c[0])
		if err != nil {
			return err
		}
		pop, _ := strconv.Atoi(c[14])
		name := clean(c[1])
		ps = append(ps, place{id: id, name: name, cc: c[8], feature: c[7], a1: c[10], a2: c[11], pop: pop,
			lat: roundCoord(c[4]), lon: roundCoord(c[5]), alts: altNames(name, c[2], c[3], common)})
		return nil
	})
	sort.Slice(ps, func(i, j int) bool { return ps[i].id < ps[j].id })
	return ps, err
}

// mergeByID returns ps (sorted by id) with the places of old (from
// cities1000, an older GeoNames release) whose ids ps lacks, and how many
// those are.
func mergeByID(ps, old []place) ([]place, int) {
	have := make(map[int]bool, len(ps))
	for _, p := range ps {
		have[p.id] = true
	}
	n := 0
	for _, p := range old {
		if !have[p.id] {
			ps = append(ps, p)
			n++
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].id < ps[j].id })
	return ps, n
}

// altNames returns the alternate names of a place worth indexing for English
// news text, sorted: names in the Latin script that start with a capital
// letter and have three or more letters, with no digits or brackets, that
// differ from the name and ASCII name once case and diacritics are folded.
// GeoNames' lower-case names are machine romanisations of names in other
// scripts ("ji fu" for 基辅); the all-capital ones are airport and other
// codes ("IEV"); neither is how the press writes a place. One-word names
// that news text mostly writes in lower case (common, from commonWords) are
// dropped too: "Station" (Bubikon), "Human" (Uman), "Sea" (Cea). Names in other
// scripts only cost size: Cyrillic ones, which resolve could transliterate,
// added 0.7 MB and moved no dev figure by more than 0.1 point (issue 5).
func altNames(name, ascii, field string, common map[string]bool) []string {
	if field == "" {
		return nil
	}
	seen := map[string]bool{altKey(name): true, altKey(ascii): true}
	var out []string
	for _, a := range strings.Split(field, ",") {
		a = clean(strings.ReplaceAll(a, "|", " "))
		if !keepAlt(a) || common[strings.ToLower(a)] {
			continue
		}
		k := altKey(a)
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// keepAlt reports whether an alternate name passes altNames' script and
// shape tests.
func keepAlt(a string) bool {
	first, _ := utf8.DecodeRuneInString(a)
	if !unicode.IsUpper(first) {
		return false
	}
	letters, lower := 0, false
	for _, r := range a {
		switch {
		case unicode.IsLetter(r):
			if !unicode.Is(unicode.Latin, r) {
				return false
			}
			letters++
			lower = lower || unicode.IsLower(r)
		case unicode.Is(unicode.Mn, r):
		case r == ' ' || r == '-' || r == '\'' || r == '’' || r == 'ʼ' || r == '.':
		default:
			return false
		}
	}
	return letters >= 3 && lower
}

// altKey folds case, diacritics and punctuation, so that altNames keeps one
// of the spellings that resolve would index under the same exact key.
func altKey(s string) string {
	var b strings.Builder
	space := true
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '\'' || r == '’' || r == 'ʼ':
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
			space = false
		default:
			if !space {
				b.WriteByte(' ')
				space = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), " ")
}

// commonWords returns the words that the CoNLL-2003 train split (Reuters
// news, one token per line, sentences separated by blank lines) writes in
// lower case at least twice and more often than capitalised away from a
// sentence's start: English words, not names.
func commonWords(path string) (map[string]bool, error) {
	lower := make(map[string]int)
	title := make(map[string]int)
	pos := 0
	err := readTSV(path, false, func(_ int, c []string) error {
		f := strings.Fields(c[0])
		if len(f) == 0 || f[0] == "-DOCSTART-" {
			pos = 0
			return nil
		}
		w := f[0]
		pos++
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case !unicode.IsLetter(r):
		case unicode.IsLower(r) && strings.ToLower(w) == w:
			lower[w]++
		case pos > 1 && unicode.IsUpper(r):
			title[strings.ToLower(w)]++
		}
		return nil
	})
	out := make(map[string]bool)
	for w, n := range lower {
		if n >= 2 && n > title[w] {
			out[w] = true
		}
	}
	return out, err
}
