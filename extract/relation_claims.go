package extract

import (
	"github.com/muster-osint/muster"
)

// learnedRelations adds the claims of the relation scorer (relation_model.go):
// each ordered pair of names (and dates) of a sentence whose best class
// stands above none by the model's margin gives that class's predicate,
// its evidence the sentence and its source found by attribute, as for
// pattern claims. A claim a pattern already drafted is not drafted twice,
// and a group already dated keeps its date.
func (x *doc) learnedRelations() {
	if !x.in.LearnedRelations || !parsed(x.d) || len(x.d.SentenceTokens) != len(x.d.Sentences) {
		return
	}
	m := relationModel() // decoded on first use: never while the flag is off
	if m == nil {
		return
	}
	t := relations()
	pats := profileBindings(x.d, x.profileMatches)
	for si := range x.d.Sentences {
		args, ents := x.relationArgs(si)
		for i, s := range args {
			for j, o := range args {
				if i == j || !candidatePair(s, o) || ents[i] == ents[j] && ents[i] >= 0 {
					continue
				}
				c, sc := m.best(relFeatures(nil, x.d, si, s, o, pats[si]), s, o)
				if c == 0 || sc <= m.Margin {
					continue
				}
				x.learnedClaim(si, t.preds[c], ents[i], ents[j], o)
			}
		}
	}
}

// learnedClaim drafts pred(subj, obj) from sentence si, when the entity
// types fit the predicate: a group's facts are an armed group's, and a
// person is a member of an armed group.
func (x *doc) learnedClaim(si int, pred muster.Predicate, subj, obj int, o relArg) {
	st := x.ents[subj].typ
	switch pred {
	case muster.PredMemberOf:
		if st != muster.EntityPerson || x.ents[obj].typ != muster.EntityArmedGroup {
			return
		}
	default:
		if st != muster.EntityArmedGroup {
			return
		}
	}
	d := draft{subj: subj, event: -1, pred: pred, objEnt: obj, ev: x.d.Sentences[si], sent: si, conf: 0.5}
	if o.kind == kindDate {
		d.objEnt, d.obj = -1, o.date
		for _, p := range x.drafts {
			if p.subj == subj && p.pred == muster.PredFounded {
				return
			}
		}
	}
	if !x.hasDraft(d) {
		x.add(d)
	}
}

// relationArgs are the arguments of sentence si as extraction knows
// them: its named mentions linked to an entity (kind from the entity's
// type), and its dates that name a year (found once per sentence,
// doc.sentenceDates); with the entity of each (-1 for a date).
func (x *doc) relationArgs(si int) ([]relArg, []int) {
	var args []relArg
	var ents []int
	for _, m := range x.ments {
		if m.sent != si || m.ent < 0 || m.pronoun || m.nominal {
			continue
		}
		e := x.live(m.ent)
		k := kindNone
		switch x.ents[e].typ {
		case muster.EntityPerson:
			k = kindPerson
		case muster.EntityArmedGroup, muster.EntityOrganization, muster.EntityStateForce:
			k = kindGroup
		case muster.EntityPlace:
			k = kindPlace
		}
		if k == kindNone {
			continue
		}
		if a, ok := spanArg(x.d, si, m.Span, k); ok {
			args, ents = append(args, a), append(ents, e)
		}
	}
	sent := x.d.Sentences[si]
	for _, dm := range x.sentenceDates(si) {
		sp := muster.Span{Start: sent.Start + dm.Span.Start, End: sent.Start + dm.Span.End}
		// A founding is dated by a year it names, not by a weekday or
		// "today" of the news.
		if !namesYear(x.d.Text[sp.Start:sp.End]) {
			continue
		}
		if a, ok := spanArg(x.d, si, sp, kindDate); ok {
			a.date = dm.Value
			args, ents = append(args, a), append(ents, -1)
		}
	}
	return args, ents
}
