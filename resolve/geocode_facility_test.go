package resolve

import "testing"

// TestGeocodeFacility: a facility the gazetteer lacks stands in the place
// its name opens with; a name that does not end in a facility word, or
// opens with no place, is not placed this way.
func TestGeocodeFacility(t *testing.T) {
	g := mustGazetteer(t)
	tests := []struct {
		name    string
		placed  bool
		country string
		admin1  string
	}{
		{"Kyiv TV Tower", true, "UA", "Kyiv City"},
		{"Mykolaiv Oncology Hospital", true, "UA", "Mykolaiv"},
		{"Kyiv Stories", false, "", ""},
		{"Oncology Hospital", false, "", ""},
	}
	for _, tt := range tests {
		p, ok := g.ForDocument().GeocodeFacility(tt.name, GeoContext{Countries: []string{"UA"}})
		if ok != tt.placed || ok && (p.Country != tt.country || p.Admin1 != tt.admin1) {
			t.Errorf("GeocodeFacility(%q) = %v %+v, want placed %v in %s, %s", tt.name, ok, p, tt.placed, tt.admin1, tt.country)
		}
	}
}
