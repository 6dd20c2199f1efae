package pipeline_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/pipeline"
)

var (
	taggedOnce sync.Once
	taggedPipe *pipeline.Pipeline
	taggedErr  error
)

// taggedPipeline is one pipeline with the tagger and without the
// gazetteer, shared by the tests of this file.
func taggedPipeline(t *testing.T) *pipeline.Pipeline {
	t.Helper()
	taggedOnce.Do(func() { taggedPipe, taggedErr = pipeline.New(pipeline.Options{NoGeocode: true}) })
	if taggedErr != nil {
		t.Fatal(taggedErr)
	}
	return taggedPipe
}

// entityNamed returns the entity that name (its canonical name or an
// alias) denotes in a, or nil.
func entityNamed(a *muster.Analysis, name string) *muster.Entity {
	k := muster.NameKey(name)
	for i, e := range a.Entities {
		if muster.NameKey(e.Name) == k {
			return &a.Entities[i]
		}
	}
	for i, e := range a.Entities {
		for _, al := range e.Aliases {
			if muster.NameKey(al.Name) == k {
				return &a.Entities[i]
			}
		}
	}
	return nil
}

func analyzeText(t *testing.T, text string) *muster.Analysis {
	t.Helper()
	doc := muster.Document{Text: text, Published: time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"}
	a, err := taggedPipeline(t).Analyze(context.Background(), doc, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func describeEntities(a *muster.Analysis) string {
	var b strings.Builder
	for _, e := range a.Entities {
		b.WriteString("\n  " + e.Name + " [" + string(e.Type) + "]")
		for _, al := range e.Aliases {
			b.WriteString(" | " + al.Name + " (" + string(al.Kind) + ")")
		}
	}
	return b.String()
}

// TestAliasEvidence: two names are one entity only on alias evidence — an
// apposition, brackets, "known as", "also called", a pseudonym — never
// because one is a verb's object or the other half of a coordination
// (issue 12's wrong merges, in sentences of our own).
func TestAliasEvidence(t *testing.T) {
	tests := []struct {
		name, text string
		a, b       string
		same       bool
	}{
		{"a verb's object is no alias", "White House spokesman John Kirby called Russia a threat to the region on Tuesday.", "John Kirby", "Russia", false},
		{"a verb's object is no alias, possessive", "John Kirby called Russia's claims absurd.", "John Kirby", "Russia", false},
		{"a group named by a person's verb is no alias", "Ivan Petrov called the Northern Brigade a gang of bandits.", "Ivan Petrov", "Northern Brigade", false},
		{"two coordinated names are two groups", "Fighters of the Freedom of Russia Legion and Russian Volunteer Corps crossed into the Belgorod region.", "Freedom of Russia Legion", "Russian Volunteer Corps", false},
		{"a list of two in brackets is no acronym", "The Northern Brigade and the Sich Battalion (NB and SB) crossed the river.", "Northern Brigade", "Sich Battalion", false},
		{"a list of two in apposition is no alias", "Two groups, the Northern Brigade and the Sich Battalion, claimed the raid.", "Northern Brigade", "Sich Battalion", false},
		{"a list of three is three groups", "The Northern Brigade, the Sich Battalion and the River Legion claimed the raid.", "Northern Brigade", "Sich Battalion", false},
		{"a name that runs on through and", "The Group for the Support of Islam and Muslims claimed the attack.", "Group for the Support of Islam and Muslims", "Group for the Support of Islam and Muslims", true},
		{"brackets", "The Northern Brigade (NB) crossed the river.", "Northern Brigade", "NB", true},
		{"also called", "The Northern Brigade, also called the Sever Battalion, crossed the river.", "Northern Brigade", "Sever Battalion", true},
		{"known as", "The Northern Brigade, also known as the Sever Battalion, crossed the river.", "Northern Brigade", "Sever Battalion", true},
		{"pseudonym", "Ivan Petrov, who also goes by the pseudonym Ivan Sever, denied the report.", "Ivan Petrov", "Ivan Sever", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := analyzeText(t, tt.text)
			ea, eb := entityNamed(a, tt.a), entityNamed(a, tt.b)
			if ea == nil || eb == nil {
				t.Fatalf("%q: no entity named %q or %q; entities:%s", tt.text, tt.a, tt.b, describeEntities(a))
			}
			if same := ea.ID == eb.ID; same != tt.same {
				t.Errorf("%q: %q and %q one entity = %v, want %v; entities:%s", tt.text, tt.a, tt.b, same, tt.same, describeEntities(a))
			}
		})
	}
}

// TestAliasSources: an alias stated in the text names the claim that
// states it, and that claim quotes both names.
func TestAliasSources(t *testing.T) {
	a := analyzeText(t, "Ivan Petrov, who also goes by the pseudonym Ivan Sever, denied the report. The Northern Brigade (NB) crossed the river.")
	claims := map[string]muster.Claim{}
	for _, c := range a.Claims {
		claims[c.ID] = c
	}
	for _, tt := range []struct{ entity, alias string }{{"Ivan Petrov", "Ivan Sever"}, {"Northern Brigade", "NB"}} {
		e := entityNamed(a, tt.entity)
		if e == nil {
			t.Fatalf("no entity %q:%s", tt.entity, describeEntities(a))
		}
		var al *muster.Alias
		for i := range e.Aliases {
			if e.Aliases[i].Name == tt.alias {
				al = &e.Aliases[i]
			}
		}
		if al == nil || len(al.Sources) == 0 {
			t.Errorf("%s: alias %q has no source claim:%s", tt.entity, tt.alias, describeEntities(a))
			continue
		}
		c, ok := claims[al.Sources[0]]
		if !ok || len(c.Evidence) == 0 || !strings.Contains(c.Evidence[0].Quote, tt.alias) {
			t.Errorf("%s: alias %q source %s is not a claim quoting it (%+v)", tt.entity, tt.alias, al.Sources[0], c)
		}
	}
}
