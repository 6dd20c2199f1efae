package resolve

import (
	"slices"
	"testing"
)

// TestAboutCountries: a collection is about the countries that at least
// half of its country-naming texts name as where things are; nationalities
// and texts that name no country do not count. Sentences of our own.
func TestAboutCountries(t *testing.T) {
	g := mustGazetteer(t)
	for _, tt := range []struct {
		name  string
		texts []string
		want  []string
	}{
		{"one country", []string{
			"Two shops burned in Kharkiv, Ukraine, on Sunday",
			"Ukraine reopened a border crossing with Poland",
			"Sokolniki",
			"Russian troops shelled a farm",
			"Drone debris fell on a school in Ukraine",
		}, []string{"UA"}},
		{"two countries named alike", []string{
			"Floods in Poland closed roads",
			"A bridge in Ukraine was repaired",
		}, []string{"PL", "UA"}},
		{"only nationalities", []string{"Russian troops shelled a farm", "Ukrainian medics arrived"}, nil},
	} {
		if got := g.AboutCountries(tt.texts); !slices.Equal(got, tt.want) {
			t.Errorf("%s: AboutCountries = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestLocateEventAbout: a text of a collection about Ukraine that names no
// country puts a village at its Ukrainian namesake, not at the Russian or
// Polish one, and leaves it unplaced when only namesakes abroad have the
// name or when several Ukrainian ones weigh about the same; a text that
// names a country is read as before (issue 12: lone "Sokolniki" and
// "Kalinovo" were put in Moscow and Sverdlovsk oblast). Sentences of our
// own.
func TestLocateEventAbout(t *testing.T) {
	g := mustGazetteer(t)
	about := []string{"UA"}
	for _, tt := range []struct {
		text   string
		placed bool
		cc     string   // want country, when placed
		admin1 []string // want one of these regions, when given
	}{
		{"Sokolniki", true, "UA", []string{"Luhansk"}},
		{"Mortar fire hit Kalinovo overnight", true, "UA", []string{"Luhansk"}},
		// Several Stepanivkas of Ukraine weigh about the same.
		{"Stepanivka", false, "", nil},
		// Tomilino is in Moscow oblast only.
		{"Tomilino", false, "", nil},
		// A text that names its country is read as it says.
		{"A warehouse burned in Sokolniki, Moscow, Russia", true, "RU", nil},
	} {
		p, ok := g.LocateEventAbout(tt.text, nil, about)
		switch {
		case ok != tt.placed:
			t.Errorf("LocateEventAbout(%q) = %+v, %v; want placed %v", tt.text, p, ok, tt.placed)
		case ok && p.Country != tt.cc:
			t.Errorf("LocateEventAbout(%q) = %+v; want country %s", tt.text, p, tt.cc)
		case ok && tt.admin1 != nil && !slices.Contains(tt.admin1, p.Admin1):
			t.Errorf("LocateEventAbout(%q) = %+v; want a place in %v", tt.text, p, tt.admin1)
		}
	}
	// Without a collection, the lone names stay as LocateEvent reads them.
	for _, text := range []string{"Sokolniki", "Kalinovo"} {
		a, aok := g.LocateEvent(text, nil)
		b, bok := g.LocateEventAbout(text, nil, nil)
		if a != b || aok != bok {
			t.Errorf("LocateEventAbout(%q, nil) = %+v, %v; LocateEvent gives %+v, %v", text, b, bok, a, aok)
		}
	}
}

// TestLocateEventNameOnly: a text that is nothing but one unknown name,
// whose words match places ("Bila-Mohyla"), is no place, even in a
// collection about the country of those words; a word of a facility's
// name in a sentence still places it (issue 12: lone "Savur-Mohyla" was
// put at Mohyliv-Podilskyi, 800 km from the hill). Names of our own.
func TestLocateEventNameOnly(t *testing.T) {
	g := mustGazetteer(t)
	about := []string{"UA"}
	for _, text := range []string{"Bila-Mohyla", "Sosnova-Mohyla", "Kamyana-Mohyla; Kamyana-Mohyla"} {
		if p, ok := g.LocateEventAbout(text, nil, about); ok {
			t.Errorf("LocateEventAbout(%q) = %+v; want unplaced", text, p)
		}
	}
	if _, ok := g.LocateEventAbout("Smoke over the Ladyzhyn Thermal Power Plant", nil, about); !ok {
		t.Errorf("LocateEventAbout(Ladyzhyn Thermal Power Plant) unplaced; want Ladyzhyn")
	}
}
