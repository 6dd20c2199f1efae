package extract_test

import (
	"slices"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// TestAcronymAfterNameTail: "the Islamic Movement in East Africa (IMEAP)"
// writes the group's acronym after a place that is only the tail of its
// name; the acronym stays the group's, and the place does not become the
// group. The story is our own.
func TestAcronymAfterNameTail(t *testing.T) {
	text := "Gunmen from Islamic Movement East Africa Province (IMEAP) attacked a police post in Kora on Monday. " +
		"Since 2015 the region has suffered attacks by the Islamic Movement in East Africa (IMEAP) and other groups."
	pub := time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC)
	r := extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: pub, Publisher: "Test Wire"})
	group := false
	for _, e := range r.Entities {
		for _, a := range e.Aliases {
			if a.Name == "IMEAP" && e.Type == muster.EntityPlace {
				t.Errorf("place %q took the group's acronym IMEAP (aliases %v)", e.Name, e.Aliases)
			}
			group = group || a.Name == "IMEAP" && e.Type == muster.EntityArmedGroup
		}
	}
	if !group {
		t.Errorf("no armed group has the acronym IMEAP: %v", r.Entities)
	}
}

// TestPlaceByItsPrepositions: a name the tagger takes for a person is a
// place when the text twice puts it after a preposition of place. The
// story is our own.
func TestPlaceByItsPrepositions(t *testing.T) {
	text := "Afrin calm after rebels pull back\n\n" +
		"Rebels pushed two columns of fighters into Afrin on Thursday. " +
		"Officials in Afrin said shops had reopened by Saturday."
	pub := time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC)
	r := extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: pub, Publisher: "Test Wire"})
	found := false
	for _, e := range r.Entities {
		if e.Name == "Afrin" {
			found = true
			if e.Type != muster.EntityPlace {
				t.Errorf("Afrin is a %s, want a place", e.Type)
			}
		}
	}
	if !found {
		t.Errorf("no entity Afrin: %v", r.Entities)
	}
}

// TestPlaceNamedWithItsKind: "off Jolo island", "the Kursk region": the
// place is also known by the name with its kind, as the text writes it.
// The sentence is our own.
func TestPlaceNamedWithItsKind(t *testing.T) {
	text := "Troops patrolled the waters off Jolo island after a raid in the Kursk region."
	r := extract.Extract(extract.Input{Doc: parse(t, text), DocID: "d_test", Published: time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	want := map[string]string{"Jolo": "Jolo island", "Kursk": "Kursk region"}
	for _, e := range r.Entities {
		w, ok := want[e.Name]
		if !ok {
			continue
		}
		delete(want, e.Name)
		found := false
		for _, a := range e.Aliases {
			found = found || a.Name == w
		}
		if !found {
			t.Errorf("%s: aliases %v, want %q", e.Name, e.Aliases, w)
		}
	}
	if len(want) > 0 {
		t.Errorf("no entities %v", want)
	}
}

// TestFranchiseNamedForItsRegion: "Islamic State in Central Africa
// (ISCAP)", "al-Qaeda in the Sahara Desert (AQSD)": a franchise named
// for its region is one name through "in", when the bracketed acronym
// spells it (with, at most, the one word the text leaves out, such as
// "Province"); the region is no name of its own there. The sentences are
// our own.
func TestFranchiseNamedForItsRegion(t *testing.T) {
	for _, c := range []struct{ text, name, acronym string }{
		{"Villages in the east have been raided by the Islamic State in Central Africa (ISCAP) since 2019.", "Islamic State in Central Africa", "ISCAP"},
		{"A convoy was ambushed by al-Qaeda in the Sahara Desert (AQSD) on Monday.", "al-Qaeda in the Sahara Desert", "AQSD"},
		{"The Islamic State in the Lake Region (ISLR) claimed the ambush.", "Islamic State in the Lake Region", "ISLR"},
	} {
		r := extract.Extract(extract.Input{Doc: parse(t, c.text), DocID: "d_test", Published: time.Date(2024, 6, 13, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
		found := false
		for _, e := range r.Entities {
			if e.Name != c.name {
				continue
			}
			found = true
			var aliases []string
			for _, a := range e.Aliases {
				aliases = append(aliases, a.Name)
			}
			if !slices.Contains(aliases, c.acronym) {
				t.Errorf("%q: %s has aliases %v, want %s", c.text, c.name, aliases, c.acronym)
			}
		}
		if !found {
			var names []string
			for _, e := range r.Entities {
				names = append(names, e.Name)
			}
			t.Errorf("%q: no entity %q among %v", c.text, c.name, names)
		}
	}
}
