package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
)

// predicateOrder is the order of sections in a profile, as an analyst
// reads a group: who it is, who leads it, what it wants, whom it fights.
var predicateOrder = []muster.Predicate{
	muster.PredAlias, muster.PredPseudonym, muster.PredCallSign, muster.PredFounded, muster.PredFoundedBy,
	muster.PredLeader, muster.PredCommander, muster.PredSpokesperson, muster.PredMember, muster.PredMemberOf,
	muster.PredRole, muster.PredCitizenship, muster.PredSize, muster.PredComposedOf, muster.PredIdeology,
	muster.PredGoal, muster.PredFightsFor, muster.PredAlliedWith, muster.PredPartOf, muster.PredOpposes,
	muster.PredTiesTo, muster.PredBasedIn, muster.PredActiveIn, muster.PredDesignatedAs, muster.PredSanctionedBy,
	muster.PredBannedBy, muster.PredResponsible,
}

func (m *Main) runProfile(ctx context.Context, args []string) error {
	fs := m.newFlagSet("profile", "[--json] NAME")
	asJSON := fs.Bool("json", false, "print JSON (DESIGN §6 shape)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		fs.Usage()
		return muster.Errorf(muster.KindInvalid, "profile: no name given")
	}
	name := strings.Join(pos, " ")
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := query.GetProfile(ctx, storeReader{db}, name)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, p)
	}
	m.printProfile(p)
	return nil
}

func (m *Main) printProfile(p *query.Profile) {
	w := m.Stdout
	e := p.Entity
	fmt.Fprintf(w, "%s (%s) %s\n", e.Name, strings.ReplaceAll(string(e.Type), "_", " "), e.ID)
	if len(e.Aliases) > 0 {
		var names []string
		for _, a := range e.Aliases {
			names = append(names, fmt.Sprintf("%s (%s)", a.Name, strings.ReplaceAll(string(a.Kind), "_", " ")))
		}
		fmt.Fprintf(w, "Also known as: %s\n", strings.Join(names, ", "))
	}
	if e.Place != nil {
		fmt.Fprintf(w, "Location: %.4f, %.4f (%s, %s %s; %s)\n", e.Place.Lat, e.Place.Lon, e.Place.Country, e.Place.Admin1, e.Place.Admin2, e.Place.Precision)
	}
	fmt.Fprintf(w, "\nHere is what we know about %s, from %d document(s):\n", e.Name, len(p.Documents))
	byPred := map[muster.Predicate][]muster.Claim{}
	var inverse []muster.Claim
	for _, c := range p.Claims {
		if c.Subject.ID != e.ID {
			inverse = append(inverse, c)
			continue
		}
		byPred[c.Predicate] = append(byPred[c.Predicate], c)
	}
	shown := map[muster.Predicate]bool{}
	section := func(pred muster.Predicate) {
		cs := byPred[pred]
		if len(cs) == 0 || shown[pred] {
			return
		}
		shown[pred] = true
		fmt.Fprintf(w, "\n%s\n", strings.ToUpper(strings.ReplaceAll(string(pred), "_", " ")[:1])+strings.ReplaceAll(string(pred), "_", " ")[1:])
		for _, c := range cs {
			printClaim(w, "  ", c)
		}
	}
	for _, pred := range predicateOrder {
		section(pred)
	}
	for pred := range byPred {
		section(pred)
	}
	if len(inverse) > 0 {
		fmt.Fprintf(w, "\nNamed in claims about others\n")
		for _, c := range inverse {
			printClaim(w, "  ", c)
		}
	}
	if len(p.Events) > 0 {
		fmt.Fprintf(w, "\nEvents\n")
		for _, ev := range p.Events {
			printEvent(w, ev)
		}
	}
	if len(p.Contradictions) > 0 {
		fmt.Fprintf(w, "\nWhere sources disagree\n")
		for _, c := range p.Contradictions {
			printContradiction(w, c)
		}
	}
	if len(p.Documents) > 0 {
		fmt.Fprintf(w, "\nSources\n")
		for _, d := range p.Documents {
			date := ""
			if !d.Published.IsZero() {
				date = d.Published.Format("2006-01-02")
			}
			fmt.Fprintf(w, "  [%s] %s — %s %s %s\n", d.ID, d.Title, d.Publisher, date, d.URL)
		}
	}
}

func printContradiction(w interface{ Write([]byte) (int, error) }, c muster.Contradiction) {
	fmt.Fprintf(w, "  ✗ %s: %s\n", c.Subject.Name, strings.ReplaceAll(string(c.Predicate), "_", " "))
	fmt.Fprintf(w, "    %s\n", c.Why)
	for _, cl := range c.Claims {
		printClaim(w, "    ", cl)
	}
}
