package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/query"
)

func (m *Main) runAsk(ctx context.Context, args []string) error {
	fs := m.newFlagSet("ask", "[--json] \"QUESTION\"")
	asJSON := fs.Bool("json", false, "print JSON (DESIGN §6 shape)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	q := strings.Join(pos, " ")
	if strings.TrimSpace(q) == "" {
		fs.Usage()
		return muster.Errorf(muster.KindInvalid, "ask: no question given")
	}
	db, err := m.openStore(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	a, err := query.Ask(ctx, storeReader{db}, q)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(m.Stdout, a)
	}
	w := m.Stdout
	fmt.Fprintf(w, "Q: %s\n", a.Question)
	if len(a.Answers) == 0 {
		fmt.Fprintf(w, "%s\n", a.Note)
		return nil
	}
	for _, ans := range a.Answers {
		fmt.Fprintf(w, "\n%s (%s)\n", ans.Entity.Name, strings.ReplaceAll(ans.Entity.Type, "_", " "))
		for _, c := range ans.Why {
			printClaim(w, "  ", c)
		}
	}
	return nil
}
