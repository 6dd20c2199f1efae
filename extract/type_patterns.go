package extract

import (
	_ "embed"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp/pattern"
)

//go:embed patterns/types.patterns
var typePatternsSrc string

// typeRules are the patterns of patterns/types.patterns: names that act as
// armed groups (issue 11: "the Houthis" were an organisation, so their
// article gave nothing).
var typeRules = func() *pattern.Set {
	s, err := pattern.ParseFile("patterns/types.patterns", strings.NewReader(typePatternsSrc), nil)
	if err != nil {
		panic(err) // the embedded file is tested; this is a build defect
	}
	return s
}()

// TypePatterns returns the compiled type patterns, for the test that runs
// their example sentences.
func TypePatterns() *pattern.Set { return typeRules }

// typeFromSyntax makes a name the tagger calls an organisation, or leaves
// untyped, an armed group when the parse shows it acting as one.
func (x *doc) typeFromSyntax() {
	if !parsed(x.d) {
		return
	}
	tm := x.tokenMentions()
	for _, m := range typeRules.Match(x.d) {
		t, ok := m.Slot("actor")
		if !ok {
			continue
		}
		// "retype person": the text's own description of a name as an
		// armed group outweighs the tagger's guess at an unfamiliar name.
		person := m.Pattern.Meta["retype"] == "person"
		for _, c := range pattern.Conjuncts(x.d, t) {
			mi := tm[c]
			if mi < 0 {
				continue
			}
			// An untyped capitalised common noun ("Gunmen ambushed …" at
			// the start of a sentence) names no group.
			switch typ := x.ments[mi].typ; {
			case typ == muster.EntityOrganization, typ == "" && x.d.Tokens[c].Tag == "PROPN",
				person && typ == muster.EntityPerson && x.ments[mi].role == "":
				x.ments[mi].typ = muster.EntityArmedGroup
			}
		}
	}
}
