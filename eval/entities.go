package eval

// Entity-level diagnostic for claim scoring (issue 11 item 2): a claim
// about a group can only be right when the group is found and typed, so
// before any pattern is written, `muster eval claims --entities` says
// whether the pipeline ingest runs finds every entity the gold names and
// gives it a type its claims need.
//
// A gold entity is a name in a gold file: a claim's subject, an entity
// object or a source. Its class comes from the places it takes
// (gold_entity_classes.tsv). It is found when a predicted entity of the
// same document is known by it, matched as the claims scorer matches
// names (muster.NameKey against the entity's name or any alias), and
// typed right when one such entity has a type its class allows.

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"

	"github.com/muster-osint/muster"
)

//go:embed gold_entity_classes.tsv
var entityClassesTSV []byte

// typeCountry stands, in gold_entity_classes.tsv, for a place geocoded to
// a whole country: a state that allies, opposes or fights.
const typeCountry = "country"

// entityClass is one line of gold_entity_classes.tsv.
type entityClass struct {
	name  string
	types map[string]bool // entity types right for it; nil: any
}

// entityClassTable is the parsed gold_entity_classes.tsv.
type entityClassTable struct {
	classes  []entityClass  // in file order, which is precedence order
	position map[string]int // "s.leader", "o.leader", "source" → index in classes
}

var entityClasses = mustEntityClassTable(entityClassesTSV)

// EntityClasses are the gold entity classes in report order.
var EntityClasses = entityClasses.names()

func mustEntityClassTable(b []byte) entityClassTable {
	t, err := parseEntityClassTable(b)
	if err != nil {
		panic(err) // the embedded file is checked by TestEntityClassTable
	}
	return t
}

func parseEntityClassTable(b []byte) (entityClassTable, error) {
	t := entityClassTable{position: map[string]int{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		cols := strings.Split(s, "\t")
		if len(cols) != 3 {
			return t, fmt.Errorf("gold_entity_classes.tsv line %d: want a class, types and positions separated by tabs", line)
		}
		c := entityClass{name: cols[0]}
		if cols[1] != "*" {
			c.types = map[string]bool{}
			for _, ty := range strings.Split(cols[1], ",") {
				if !muster.EntityType(ty).Valid() && ty != typeCountry {
					return t, fmt.Errorf("gold_entity_classes.tsv line %d: unknown entity type %q", line, ty)
				}
				c.types[ty] = true
			}
		}
		for _, pos := range strings.Fields(cols[2]) {
			kind, pred, _ := strings.Cut(pos, ".")
			switch {
			case pos == "source":
			case (kind == "s" || kind == "o") && ClaimFamily(pred) != "":
			default:
				return t, fmt.Errorf("gold_entity_classes.tsv line %d: bad position %q (want s.PREDICATE, o.PREDICATE or source)", line, pos)
			}
			if _, dup := t.position[pos]; dup {
				return t, fmt.Errorf("gold_entity_classes.tsv line %d: %s already has a class", line, pos)
			}
			t.position[pos] = len(t.classes)
		}
		t.classes = append(t.classes, c)
	}
	return t, sc.Err()
}

func (t entityClassTable) names() []string {
	var out []string
	for _, c := range t.classes {
		out = append(out, c.name)
	}
	return out
}

// GoldEntity is one entity a gold file names, with the class its places
// in the gold give it.
type GoldEntity struct {
	Name  string
	Class string
}

// GoldEntities lists the entities the gold rows name, one per NameKey
// (the first spelling met), in the order they first appear. A name whose
// every place is unclassified (an event's text object, say) is left out.
func GoldEntities(gold []GoldClaim) []GoldEntity {
	best := map[string]int{} // NameKey → class index
	spelling := map[string]string{}
	var order []string
	note := func(name, pos string) {
		k := muster.NameKey(name)
		ci, ok := entityClasses.position[pos]
		if k == "" || !ok {
			return
		}
		if _, seen := spelling[k]; !seen {
			spelling[k] = name
			order = append(order, k)
			best[k] = ci
		} else if ci < best[k] {
			best[k] = ci
		}
	}
	for _, g := range gold {
		if g.S != "" {
			note(g.S, "s."+g.P)
		}
		if g.O != "" {
			note(g.O, "o."+g.P)
		}
		if g.Source != "" {
			note(g.Source, "source")
		}
	}
	var out []GoldEntity
	for _, k := range order {
		out = append(out, GoldEntity{Name: spelling[k], Class: entityClasses.classes[best[k]].name})
	}
	return out
}

// EntityCount tallies the gold entities of one class.
type EntityCount struct {
	Gold  int // gold entities
	Found int // known by a predicted entity's name or alias
	Typed int // found, with a type the class allows
}

func (c *EntityCount) add(o EntityCount) {
	c.Gold += o.Gold
	c.Found += o.Found
	c.Typed += o.Typed
}

// EntityMiss is a gold entity not found, or found with a wrong type.
type EntityMiss struct {
	Entity GoldEntity
	// Got lists the types of the predicted entities known by the name,
	// empty when none is.
	Got []string
}

// String names the miss for a list: "group Houthis: typed organization",
// "person Ivan Petrov: not found".
func (m EntityMiss) String() string {
	if len(m.Got) == 0 {
		return fmt.Sprintf("%s %s: not found", m.Entity.Class, m.Entity.Name)
	}
	return fmt.Sprintf("%s %s: typed %s", m.Entity.Class, m.Entity.Name, strings.Join(m.Got, ", "))
}

// DocEntityScore is one document's entity score.
type DocEntityScore struct {
	Classes map[string]EntityCount
	Misses  []EntityMiss
}

// ScoreEntities scores the entities of one analysis against the entities
// its gold rows name.
func ScoreEntities(a *muster.Analysis, gold []GoldClaim) DocEntityScore {
	byKey := map[string][]*muster.Entity{}
	for i := range a.Entities {
		e := &a.Entities[i]
		keys := []string{muster.NameKey(e.Name)}
		for _, al := range e.Aliases {
			keys = append(keys, muster.NameKey(al.Name))
		}
		for _, k := range keys {
			if k != "" && !slices.Contains(byKey[k], e) {
				byKey[k] = append(byKey[k], e)
			}
		}
	}
	s := DocEntityScore{Classes: map[string]EntityCount{}}
	for _, ge := range GoldEntities(gold) {
		c := s.Classes[ge.Class]
		c.Gold++
		cands := byKey[muster.NameKey(ge.Name)]
		var got []string
		typed := false
		for _, e := range cands {
			got = append(got, entityTypeName(e))
			typed = typed || entityTypeFits(ge.Class, e)
		}
		if len(cands) > 0 {
			c.Found++
		}
		if typed {
			c.Typed++
		} else {
			s.Misses = append(s.Misses, EntityMiss{Entity: ge, Got: got})
		}
		s.Classes[ge.Class] = c
	}
	return s
}

// entityTypeName is e's type as gold_entity_classes.tsv names it: a
// place geocoded to a whole country is a country.
func entityTypeName(e *muster.Entity) string {
	if e.Type == muster.EntityPlace && e.Place != nil && e.Place.Precision == muster.PrecisionCountry {
		return typeCountry
	}
	return string(e.Type)
}

// entityTypeFits reports whether e's type is right for a gold entity of
// the class.
func entityTypeFits(class string, e *muster.Entity) bool {
	for _, c := range entityClasses.classes {
		if c.name == class {
			return c.types == nil || c.types[string(e.Type)] || c.types[entityTypeName(e)]
		}
	}
	return false
}
