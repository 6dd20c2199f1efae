package main

import (
	"context"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/store"
)

func (m *Main) runClaims(ctx context.Context, args []string) error {
	fs := m.newFlagSet("claims", "[--subject NAME] [--predicate P[,P…]] [--document ID] [--limit N] [--json]")
	subject := fs.String("subject", "", "only claims about this entity (name or alias)")
	preds := fs.String("predicate", "", "only these predicates, comma-separated (founded, size, killed, …)")
	document := fs.String("document", "", "only claims from this document id")
	limit := fs.Int("limit", 0, "at most this many claims")
	asJSON := fs.Bool("json", false, "print JSON Lines, one claim a line")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	f := store.ClaimFilter{Document: *document, Limit: *limit}
	if *preds != "" {
		for _, p := range strings.Split(*preds, ",") {
			pred := muster.Predicate(strings.TrimSpace(p))
			if !pred.Valid() {
				return muster.Errorf(muster.KindInvalid, "claims: unknown predicate %q", p)
			}
			f.Predicates = append(f.Predicates, pred)
		}
	}
	if *subject != "" {
		id, err := entityID(ctx, db, "claims", *subject)
		if err != nil {
			return err
		}
		f.Subjects = []string{id}
	}
	claims, err := db.Claims(ctx, f)
	if err != nil {
		return err
	}
	return printList(m.Stdout, claims, *asJSON, "claims", func(c muster.Claim) { printClaim(m.Stdout, "", c) })
}
