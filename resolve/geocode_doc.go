package resolve

import (
	"slices"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp/placeword"
)

// DocumentGeocoder geocodes the places of one document. It gives the same
// answers as Gazetteer.CountryCode and Gazetteer.Geocode, but looks each
// name up once: a document's every place is also context for the others,
// so Geocode alone would look the context up again for each of them.
// It is not safe for concurrent use; make one per document.
type DocumentGeocoder struct {
	g    *Gazetteer
	memo map[string]lookupHit
}

type lookupHit struct {
	ids   []int32
	exact []bool
}

// ForDocument returns a DocumentGeocoder over g.
func (g *Gazetteer) ForDocument() *DocumentGeocoder {
	return &DocumentGeocoder{g: g, memo: map[string]lookupHit{}}
}

func (d *DocumentGeocoder) lookup(k string) ([]int32, []bool) {
	if h, ok := d.memo[k]; ok {
		return h.ids, h.exact
	}
	ids, exact := d.g.lookup(k)
	d.memo[k] = lookupHit{ids, exact}
	return ids, exact
}

// CountryCode is Gazetteer.CountryCode through the document's memo.
func (d *DocumentGeocoder) CountryCode(name string) string {
	ids, exact := d.lookup(normPlace(name))
	if cc := d.g.countryOf(ids, exact); cc != "" {
		return cc
	}
	return d.g.aliasCountry(name)
}

// Geocode is Gazetteer.Geocode through the document's memo.
func (d *DocumentGeocoder) Geocode(name string, c GeoContext) (muster.Place, bool) {
	cand, ok := d.g.geocodeCandidateWith(name, c, d.lookup)
	return cand.Place, ok
}

// GeocodeFacility places a facility by the place its name opens with:
// "Kyiv TV Tower" and "Mykolaiv Oncology Hospital" stand in Kyiv and
// Mykolaiv. The name must end in a facility noun (placeword.Facility), and its longest
// opening run of words with an exact gazetteer entry is geocoded with
// context c. It reports false for any other name: a facility the
// gazetteer lacks is not its own place, but it is in one.
func (d *DocumentGeocoder) GeocodeFacility(name string, c GeoContext) (muster.Place, bool) {
	words := strings.Fields(name)
	if len(words) < 2 || !placeword.Facility(strings.ToLower(words[len(words)-1])) {
		return muster.Place{}, false
	}
	for n := len(words) - 1; n >= 1; n-- {
		prefix := strings.Join(words[:n], " ")
		_, exact := d.lookup(normPlace(prefix))
		if slices.Contains(exact, true) {
			return d.Geocode(prefix, c)
		}
	}
	return muster.Place{}, false
}
