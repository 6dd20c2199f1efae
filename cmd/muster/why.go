package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/resolve"
	"github.com/muster-osint/muster/store"
)

// runWhy explains whether two names are one entity: the stored entities
// they name (with their aliases) when the store has them, else the bare
// names, compared by resolve's rules with the analysts' recorded decisions
// applied.
func (m *Main) runWhy(ctx context.Context, args []string) error {
	fs := m.newFlagSet("why", `[--type TYPE] [--json] NAME1 NAME2   (quote names with spaces)`)
	typ := fs.String("type", "", "entity type of names not in the store (person, armed_group, state_force, place, organization, media); default: the alias table's, else armed_group")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if len(pos) != 2 {
		fs.Usage()
		return muster.Errorf(muster.KindInvalid, "why: want two names, got %d", len(pos))
	}
	if *typ != "" && !muster.EntityType(*typ).Valid() {
		return muster.Errorf(muster.KindInvalid, "why: unknown --type %q", *typ)
	}
	var overrides []resolve.Override
	var db *store.DB
	if m.storeExists() {
		db, err = m.openStore(ctx)
		if err != nil {
			return err
		}
		defer db.Close()
		overrides, err = storedOverrides(ctx, db)
		if err != nil {
			return err
		}
	}
	r, err := resolve.New(resolve.Default().Aliases, overrides)
	if err != nil {
		return muster.Errorf(muster.KindInternal, "why: %v", err)
	}
	a, err := m.whyEntity(ctx, db, r, pos[0], muster.EntityType(*typ))
	if err != nil {
		return err
	}
	b, err := m.whyEntity(ctx, db, r, pos[1], muster.EntityType(*typ))
	if err != nil {
		return err
	}
	if a.Type != b.Type && *typ == "" && a.ID == "" {
		a.Type = b.Type // a bare name takes the type of the stored one
	}
	if a.Type != b.Type && *typ == "" && b.ID == "" {
		b.Type = a.Type
	}
	d := r.Match(a, b)
	// The words that made one name the other's alias (DESIGN §2: every
	// alias keeps its evidence).
	var evidence []muster.Claim
	if db != nil {
		if evidence, err = aliasEvidence(ctx, db, a, pos[1]); err != nil {
			return err
		}
		more, err := aliasEvidence(ctx, db, b, pos[0])
		if err != nil {
			return err
		}
		for _, c := range more {
			if !slices.ContainsFunc(evidence, func(e muster.Claim) bool { return e.ID == c.ID }) {
				evidence = append(evidence, c)
			}
		}
	}
	if *asJSON {
		return writeJSON(m.Stdout, map[string]any{"a": a, "b": b, "decision": d, "evidence": evidence})
	}
	verdict := "different entities"
	if d.Same {
		verdict = "one entity"
	}
	fmt.Fprintf(m.Stdout, "%s and %s: %s (score %.2f)\n", describe(a), describe(b), verdict, d.Score)
	for _, reason := range d.Reasons {
		fmt.Fprintf(m.Stdout, "  - %s\n", reason)
	}
	for _, c := range evidence {
		for _, ev := range c.Evidence {
			fmt.Fprintf(m.Stdout, "  - %s %q of %s: %q (document %s [%d,%d))\n", c.Predicate, c.Object.Text, c.Subject.Name, ev.Quote, ev.Document, ev.Start, ev.End)
		}
	}
	return nil
}

// aliasEvidence returns the stored claims that state name as an alias of
// the stored entity e (none when e is not stored or name is no alias of
// it with a source).
func aliasEvidence(ctx context.Context, db *store.DB, e muster.Entity, name string) ([]muster.Claim, error) {
	if e.ID == "" {
		return nil, nil
	}
	var ids []string
	for _, al := range e.Aliases {
		if muster.NameKey(al.Name) == muster.NameKey(name) {
			ids = append(ids, al.Sources...)
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	cs, err := db.Claims(ctx, store.ClaimFilter{Subjects: []string{e.ID}, Predicates: []muster.Predicate{muster.PredAlias, muster.PredPseudonym, muster.PredCallSign}})
	if err != nil {
		return nil, fmt.Errorf("why: alias evidence of %s: %w", e.Name, err)
	}
	var out []muster.Claim
	for _, c := range cs {
		if slices.Contains(ids, c.ID) {
			out = append(out, c)
		}
	}
	return out, nil
}

// whyEntity returns the stored entity name refers to when there is exactly
// one, else an unstored entity of that name.
func (m *Main) whyEntity(ctx context.Context, db *store.DB, r *resolve.Resolver, name string, t muster.EntityType) (muster.Entity, error) {
	if db != nil {
		es, err := db.FindEntities(ctx, name)
		if err != nil {
			return muster.Entity{}, err
		}
		var exact []muster.Entity
		for _, e := range es {
			if t != "" && e.Type != t {
				continue
			}
			if muster.NameKey(e.Name) == muster.NameKey(name) {
				exact = append(exact, e)
				continue
			}
			for _, al := range e.Aliases {
				if muster.NameKey(al.Name) == muster.NameKey(name) {
					exact = append(exact, e)
					break
				}
			}
		}
		if len(exact) == 1 {
			return exact[0], nil
		}
	}
	if t == "" {
		t = muster.EntityArmedGroup
		for _, try := range []muster.EntityType{muster.EntityArmedGroup, muster.EntityStateForce, muster.EntityPerson, muster.EntityPlace, muster.EntityOrganization, muster.EntityMedia} {
			if row, ok := r.Aliases.Lookup(name, try); ok {
				t = row.Type
				break
			}
		}
	}
	return muster.Entity{Name: name, Type: t}, nil
}

func describe(e muster.Entity) string {
	if e.ID == "" {
		return fmt.Sprintf("%q (%s, not stored)", e.Name, e.Type)
	}
	return fmt.Sprintf("%q (%s %s, %d aliases)", e.Name, e.Type, e.ID, len(e.Aliases))
}

// storeExists reports whether the configured store can be opened without
// creating it: a postgres URL, or an existing SQLite file.
func (m *Main) storeExists() bool {
	dsn := m.Config.DB
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return true
	}
	_, err := os.Stat(strings.TrimPrefix(dsn, "file:"))
	return err == nil
}

// storedOverrides returns the analysts' decisions as resolve overrides; a
// later decision on a pair replaces an earlier one (resolve.New keeps the
// last).
func storedOverrides(ctx context.Context, db *store.DB) ([]resolve.Override, error) {
	ds, err := db.Decisions(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]resolve.Override, 0, len(ds))
	for _, d := range ds {
		out = append(out, resolve.Override{A: d.AKey, B: d.BKey, Action: d.Decision})
	}
	return out, nil
}
