package resolve

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
)

func TestSpot(t *testing.T) {
	g := mustGazetteer(t)
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"GTD style chain", "01/01/2021: An explosive device detonated targeting the vehicle of security forces in Al Arish, North Sinai, Egypt.", []string{"Al Arish", "North Sinai", "Egypt"}},
		{"region word after the name", "Russian forces shelled Kupiansk, Kharkiv region, with artillery.", []string{"Russian", "Kupiansk", "Kharkiv region"}},
		{"transliterations", "Shelling hit Graivoron and Hraivoron, Belgorod Oblast.", []string{"Graivoron", "Hraivoron", "Belgorod Oblast"}},
		{"common capitalised words are not places", "Police said Of the Borders, Unknown Assailants attacked.", nil},
		{"abbreviations", "A bomb exploded in Washington D.C. on Monday.", []string{"Washington D.C"}},
		{"lower case is not a name", "they moved paris and london", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range g.Spot(tt.text) {
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("span %v is %q, Text %q", m.Span, tt.text[m.Start:m.End], m.Text)
				}
				got = append(got, m.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Spot(%q) (-want +got):\n%s", tt.text, diff)
			}
		})
	}
}

func TestSpotDemonym(t *testing.T) {
	g := mustGazetteer(t)
	ms := g.Spot("Ukrainian drones hit a depot.")
	if len(ms) != 1 || !ms[0].Demonym || ms[0].Country != "UA" {
		t.Errorf("Spot: got %+v, want one demonym mention for UA", ms)
	}
}

func TestLocateEvent(t *testing.T) {
	g := mustGazetteer(t)
	tests := []struct {
		name     string
		text     string
		mentions []string
		country  string
		admin1   string
		prec     string
		nearKm   float64 // distance bound to (lat, lon)
		lat, lon float64
	}{
		{"town over region over country", "Fighters crossed into Belgorod Oblast, Russia, and attacked Grayvoron.", nil, "RU", "Belgorod Oblast", muster.PrecisionExact, 5, 50.4767, 35.6773},
		{"near sets precision", "On 9 October 2018, rebel forces fired at positions near Stanytsia Luhanska using grenade launchers.", nil, "UA", "Luhansk", muster.PrecisionNear, 10, 48.65, 39.48},
		{"comma chain picks the country", "Assailants opened fire on the vehicle in Paris, Texas, United States.", nil, "US", "Texas", muster.PrecisionExact, 10, 33.66, -95.56},
		{"region when the town is unknown", "Russian forces shelled Xqzzyvka, Sumy region. Casualties unknown.", nil, "UA", "Sumy", muster.PrecisionRegion, 0, 0, 0},
		{"a region's namesake abroad is not the place", "Artillery hit New York, Donetsk, twice on Sunday.", nil, "UA", "Donetsk", muster.PrecisionRegion, 0, 0, 0},
		{"city before its namesake oblast", "Relatives of prisoners of war rallied in Khmelnytskyi, Khmelnytskyi, as their families held by the Russian Federation waited.", nil, "UA", "Khmelnytskyi", muster.PrecisionExact, 10, 49.42, 27.0},
		{"the namesake in the named region", "Shells landed near Kamianske, Zaporizhia, overnight.", nil, "UA", "Zaporizhzhia", muster.PrecisionNear, 10, 47.54, 35.37},
		// "Pul" is an old name of Pula, Croatia: a match by an alternate name
		// abroad does not win over the named country's region.
		{"an alternate name abroad is not the place", "An explosive device detonated in Pul-e-Matak, Kabul, Afghanistan.", nil, "AF", "Kabul", muster.PrecisionRegion, 0, 0, 0},
		{"an uncued alternate name abroad is no answer", "Drone footage from Bucha", nil, "UA", "Kiev", muster.PrecisionExact, 0, 0, 0},
		// Jowhar is a GeoNames alternate name of Jawhar, the district's seat.
		{"a country ends the chain, not a region", "Gunmen attacked a checkpoint in Jowhar district, Middle Shebelle, Somalia.", nil, "SO", "Middle Shabele", muster.PrecisionExact, 0, 0, 0},
		{"an unknown village and its region rule out namesakes elsewhere", "Troops pushed back an assault near Xqzzyvka, Kharkiv. Officials said soldiers died near Novoiehorivka and Synkivka.", nil, "UA", "Kharkiv", muster.PrecisionExact, 30, 49.76, 37.69},
		{"a separatist republic is its oblast, not the city", "Artillery hit DPR positions overnight.", nil, "UA", "Donetsk", muster.PrecisionRegion, 0, 0, 0},
		{"country only", "Russian military equipment moving in Belarus", nil, "BY", "", muster.PrecisionCountry, 0, 0, 0},
		{"tagger mentions", "Drones struck the oil depot in the city overnight, officials in Bryansk said.", []string{"Bryansk"}, "RU", "Bryansk Oblast", muster.PrecisionExact, 10, 53.25, 34.37},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := g.LocateEvent(tt.text, tt.mentions)
			if !ok {
				t.Fatalf("LocateEvent(%q) found nothing", tt.text)
			}
			if p.Country != tt.country || p.Admin1 != tt.admin1 || p.Precision != tt.prec {
				t.Errorf("LocateEvent(%q) = %+v, want country %q admin1 %q precision %q", tt.text, p, tt.country, tt.admin1, tt.prec)
			}
			if tt.nearKm > 0 {
				if d := haversineKm(p.Lat, p.Lon, tt.lat, tt.lon); d > tt.nearKm {
					t.Errorf("LocateEvent(%q) at (%v,%v), %.0f km from (%v,%v)", tt.text, p.Lat, p.Lon, d, tt.lat, tt.lon)
				}
			}
		})
	}
	if _, ok := g.LocateEvent("nothing here at all", nil); ok {
		t.Error("LocateEvent found a place in a text without names")
	}
}

func FuzzSpot(f *testing.F) {
	g, err := testGazetteer()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{benchText, "Beir al-Abd, North Sinai, Egypt", "D.C.", "Luhans'k", "Київ і Харків", "A-B-C", "'", "St. Petersburg", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 2000 {
			return
		}
		prev := 0
		for _, m := range g.Spot(s) {
			if !m.Valid(len(s)) || m.Start < prev || m.Len() == 0 {
				t.Fatalf("Spot(%q): bad or unordered span %v after %d", s, m.Span, prev)
			}
			if s[m.Start:m.End] != m.Text {
				t.Fatalf("Spot(%q): span %v is %q, Text %q", s, m.Span, s[m.Start:m.End], m.Text)
			}
			prev = m.End
		}
		p, ok := g.LocateEvent(s, nil)
		if ok && (p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180 || p.Precision == "") {
			t.Fatalf("LocateEvent(%q) = %+v", s, p)
		}
		if strings.Contains(s, "\x00") {
			g.LocateEvent(s, []string{s})
		}
	})
}
