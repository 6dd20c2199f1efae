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
	// nationalities are the countries of the text's demonyms, found on
	// first use (AboutCountry).
	nationalities     []string
	nationalitiesDone bool
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

// GeocodeInRegions geocodes name as a settlement or district of one of
// the first-order regions that regions name ("Starytsia, Kharkiv": of the
// villages called Starytsia, the one in Kharkiv oblast, not the larger
// namesake in Lviv oblast), with context c. It reports false when no
// region is named by them or none holds a place of that name: the caller
// then geocodes the name as usual.
func (d *DocumentGeocoder) GeocodeInRegions(name string, regions []string, c GeoContext) (muster.Place, bool) {
	keys := d.regionKeys(regions)
	if len(keys) == 0 {
		return muster.Place{}, false
	}
	cand, ok := d.g.geocodeCandidateWith(name, c, d.g.inRegions(keys))
	return cand.Place, ok
}

// OutsideRegions reports whether p lies outside every first-order region
// that regions name, farther than geoChainFarKm from their seats and in
// no province split from them, as the event locator judges a chain
// (spot.go): "Starytsia, Kharkiv" placed in Lviv oblast is a namesake of a
// village the gazetteer lacks, and the region is the better answer;
// Tarmiyah, "Saladin", just over the border in Baghdad, is not. It is
// false when regions name no region it knows.
func (d *DocumentGeocoder) OutsideRegions(p muster.Place, regions []string) bool {
	keys := d.regionKeys(regions)
	return len(keys) > 0 && !keys[admin1Key(p.Admin1)] && !d.g.nearRegion(p, keys, geoChainFarKm) && !splitRegion(keys, p.Admin1)
}

// AboutCountry reports whether a place in country cc may stand for a
// place of text when no place name of text is a country's: cc is the
// country of one of its nationalities ("Malian troops") or one it names
// inside a longer name, or of the former Soviet Union, whose
// villages the press spells in any transliteration. It is the event
// locator's rule (aboutCountry): "Riviera shopping mall" in a caption about
// Ukraine is no Riviera in California, "Street" no village in England.
func (d *DocumentGeocoder) AboutCountry(text, cc string) bool {
	if !translitCountry[cc] && !d.nationalitiesDone {
		// A country inside a longer name ("Michigan United States")
		// counts as named.
		named, weak, _ := textCountries(text, d.g.Spot(text))
		d.nationalities = append(named, weak...)
		d.nationalitiesDone = true
	}
	return aboutCountry(cc, nil, d.nationalities)
}

// regionKeys returns the keys (admin1Names) of the first-order regions
// the names may name.
func (d *DocumentGeocoder) regionKeys(names []string) map[string]bool {
	keys := map[string]bool{}
	for _, r := range names {
		for k := range d.g.admin1Names(r) {
			keys[k] = true
		}
	}
	return keys
}
