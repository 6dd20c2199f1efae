package pipeline_test

import (
	"strings"
	"testing"
)

// TestPromoLines: the names in a site's calls to sign up, subscribe,
// follow, click or read more are its products, not the story's entities
// ("Sign up to Morning Dispatch, our free newsletter"); a place named in
// such a line is still a place, and the story's own names stay (issue 12:
// "First Edition", "Gazeta", "FOX NEWS" were entities of war stories; the
// headlines a site lists under "Other Topics of Interest" are links to
// other stories). A story of our own.
func TestPromoLines(t *testing.T) {
	text := "Shelling damaged a power plant near Zaporizhzhia on Monday, the governor, Ivan Fedorenko, said.\n\n" +
		"Sign up to Morning Dispatch, our free daily newsletter.\n\n" +
		"CLICK HERE TO GET THE HARBOUR HERALD APP\n\n" +
		"More information about the war in Ukraine on Daily Ledger's main page.\n\n" +
		"Follow Field Desk on Twitter for updates.\n\n" +
		"Other Topics of Interest Harbour Herald Names New Editor in Chief – Odesa at War Update for June 2\n"
	a := analyzeText(t, text)
	for _, name := range []string{"Morning Dispatch", "HARBOUR HERALD", "Harbour Herald", "Daily Ledger", "Field Desk"} {
		if e := entityNamed(a, name); e != nil {
			t.Errorf("entity %q from a promotion line; entities: %s", name, describeEntities(a))
		}
	}
	for _, e := range a.Entities {
		if strings.Contains(e.Name, "Herald") {
			t.Errorf("entity %q from a list of links; entities: %s", e.Name, describeEntities(a))
		}
	}
	for _, name := range []string{"Ivan Fedorenko", "Zaporizhzhia", "Ukraine", "Odesa"} {
		if entityNamed(a, name) == nil {
			t.Errorf("no entity %q; entities: %s", name, describeEntities(a))
		}
	}
}
