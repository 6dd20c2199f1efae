package query

import (
	"fmt"
	"sort"
	"strings"

	"github.com/muster-osint/muster"
)

// Contradictions finds the claims that cannot all hold: on one subject and
// a single-valued predicate, values from different sources that do not
// overlap (number ranges), lie apart (dates, beyond their precision) or
// differ (entities). Casualty figures are compared only when they count
// the same kind of people (civilians apart from fighters).
//
// Contradictions are derived from the claims, never stored as truth: the
// store keeps them only as derived data, computed again by these rules
// from the claims whenever claims about their subject are saved.
func Contradictions(claims []muster.Claim) []muster.Contradiction {
	type key struct{ subj, pred, side string }
	groups := map[key][]muster.Claim{}
	var order []key
	for _, c := range claims {
		if !c.Predicate.SingleValued() || c.Modality == muster.Denied {
			continue
		}
		k := key{subjectKey(c.Subject), string(c.Predicate), sideOf(c)}
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], c)
	}
	var out []muster.Contradiction
	for _, k := range order {
		cs := dedupe(groups[k])
		var involved []muster.Claim
		var why []string
		in := map[string]bool{}
		for i := 0; i < len(cs); i++ {
			for j := i + 1; j < len(cs); j++ {
				a, b := cs[i], cs[j]
				if sameSource(a.AttributedTo, b.AttributedTo) {
					continue
				}
				if reason, clash := conflict(a, b); clash {
					for _, c := range []muster.Claim{a, b} {
						if !in[c.ID] {
							in[c.ID] = true
							involved = append(involved, c)
						}
					}
					why = append(why, reason)
				}
			}
		}
		if len(involved) > 1 {
			out = append(out, muster.Contradiction{Subject: involved[0].Subject, Predicate: involved[0].Predicate, Claims: involved, Why: strings.Join(why, "; ")})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Subject.Name < out[j].Subject.Name })
	return out
}

func subjectKey(r muster.Ref) string {
	if r.ID != "" {
		return r.ID
	}
	return r.Type + "|" + muster.NameKey(r.Name)
}

// sideOf puts casualty figures in the class of people they count.
func sideOf(c muster.Claim) string {
	switch c.Predicate {
	case muster.PredKilled, muster.PredWounded, muster.PredCaptured, muster.PredEvacuated:
	default:
		return ""
	}
	role := strings.ToLower(c.Role)
	for _, w := range []string{"civilian", "resident", "people", "children", "women", "villager", "passer"} {
		if strings.Contains(role, w) {
			return "civilians"
		}
	}
	return "combatants"
}

// dedupe keeps one claim per id (the same claim can come through two
// routes: an entity's claims and its events' claims).
func dedupe(cs []muster.Claim) []muster.Claim {
	seen := map[string]bool{}
	out := cs[:0:0]
	for _, c := range cs {
		if !seen[c.ID] {
			seen[c.ID] = true
			out = append(out, c)
		}
	}
	return out
}

func sameSource(a, b muster.Attribution) bool {
	if a.ID != "" && a.ID == b.ID {
		return true
	}
	return muster.NameKey(a.Name) == muster.NameKey(b.Name)
}

// conflict reports whether two values of one single-valued predicate
// cannot both hold, and why.
func conflict(a, b muster.Claim) (string, bool) {
	va, vb := a.Object, b.Object
	if va.Kind != vb.Kind {
		return "", false
	}
	say := func(c muster.Claim) string {
		return fmt.Sprintf("%s says %s (%q)", c.AttributedTo.Name, c.Object.String(), c.Object.Text)
	}
	switch va.Kind {
	case muster.ValueNumber:
		if !va.Overlaps(vb) {
			return fmt.Sprintf("%s but %s: the ranges do not overlap", say(a), say(b)), true
		}
	case muster.ValueDate:
		if va.From != "" && vb.From != "" && va.To != "" && vb.To != "" && (va.To < vb.From || vb.To < va.From) {
			return fmt.Sprintf("%s but %s: the dates do not overlap", say(a), say(b)), true
		}
	case muster.ValueEntity:
		if va.Entity != nil && vb.Entity != nil && subjectKey(*va.Entity) != subjectKey(*vb.Entity) {
			return fmt.Sprintf("%s but %s", say(a), say(b)), true
		}
	}
	return "", false
}
