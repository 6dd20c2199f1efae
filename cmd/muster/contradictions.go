package main

import (
	"context"
	"fmt"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
	"github.com/muster-osint/muster/store"
)

func (m *Main) runContradictions(ctx context.Context, args []string) error {
	fs := m.newFlagSet("contradictions", "[--subject NAME] [--json]")
	subject := fs.String("subject", "", "only contradictions about this entity (name or alias) and its events")
	asJSON := fs.Bool("json", false, "print JSON")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	var claims []muster.Claim
	if *subject != "" {
		p, err := query.GetProfile(ctx, storeReader{db}, *subject)
		if err != nil {
			return err
		}
		if *asJSON {
			return writeJSON(m.Stdout, p.Contradictions)
		}
		for _, c := range p.Contradictions {
			printContradiction(m.Stdout, c)
		}
		return nil
	}
	claims, err = db.Claims(ctx, store.ClaimFilter{})
	if err != nil {
		return err
	}
	events, err := db.Events(ctx, store.EventFilter{})
	if err != nil {
		return err
	}
	cs := query.ContradictionsAcross(claims, events)
	if cs == nil {
		cs = []muster.Contradiction{}
	}
	if *asJSON {
		return writeJSON(m.Stdout, cs)
	}
	for _, c := range cs {
		printContradiction(m.Stdout, c)
	}
	fmt.Fprintf(m.Stdout, "%d contradictions\n", len(cs))
	return nil
}
