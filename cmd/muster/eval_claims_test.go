package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// claimsDevDir is the dev split of the real-news gold beside the repo.
const claimsDevDir = "../../../shared/data/news_armed_groups/dev"

func runMain(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Config: DefaultConfig()}
	err := m.Run(context.Background(), args)
	return out.String(), err
}

// TestEvalClaimsDev runs `muster eval claims` on news_armed_groups dev
// (issue 10 item 5) and holds today's figures as floors, a little under
// what was measured when they were set, so that a regression fails.
func TestEvalClaimsDev(t *testing.T) {
	if _, err := os.Stat(claimsDevDir); err != nil {
		t.Skipf("news_armed_groups not found (%v): the test needs ../shared beside the repo", err)
	}
	out, err := runMain(t, "eval", "claims", "--gold", claimsDevDir, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Task, Dataset, Split string
		N                    int
		Metrics              map[string]struct {
			Precision, Recall, F1 float64
			N                     int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output %q: %v", out, err)
	}
	if rep.Task != "claims" || rep.Dataset != "news_armed_groups" || rep.Split != "dev" || rep.N != 16 || rep.Metrics["overall"].N != 400 {
		t.Errorf("report = %+v", rep)
	}
	// Measured 2026-12-07 at a741afd: overall 0.333 / 0.100, events
	// 0.289 / 0.124, profile 0 / 0 (nothing predicted), relations 0 / 0,
	// roles 0.571 / 0.261. Later that day, with the parse, the profile
	// patterns and events matched by any of their gold places: overall
	// 0.442 / 0.152, events 0.368 / 0.173, profile 0.250 / 0.025,
	// relations 0.333 / 0.034, roles 0.857 / 0.391, with its source 0.357 /
	// 0.113. On the profiles branch (issue 11 patterns): overall 0.494 /
	// 0.210, relations 0.750 / 0.193, roles 0.714 / 0.435. Roles precision
	// fell from 0.800 by three claims the text states and the
	// conventions ask for (a title's role and membership, conventions-a
	// §leader and conventions-b §people) but the dev gold leaves out: "their
	// leader Omar Khalid Khorasani" (role, member_of) and "The commander,
	// Şiblî Dêrik" (member_of); its floor is 0.70, relations' is raised.
	// With the events and profiles branches merged: overall 0.668 / 0.355,
	// events 0.623 / 0.389, profile 0.538 / 0.175, relations 0.844 /
	// 0.307, roles 0.714 / 0.435, with its source 0.582 / 0.280; the
	// floors sit a few points below, so that a regression fails here.
	floors := []struct {
		name       string
		minP, minR float64
	}{
		{"overall", 0.62, 0.33},
		{"events", 0.58, 0.36},
		{"profile", 0.45, 0.15},
		{"relations", 0.78, 0.28},
		{"roles", 0.68, 0.40},
		{"sourced", 0.54, 0.25},
	}
	for _, f := range floors {
		m := rep.Metrics[f.name]
		t.Logf("%s: precision %.3f, recall %.3f, F1 %.3f (%d gold claims)", f.name, m.Precision, m.Recall, m.F1, m.N)
		if m.Precision < f.minP || m.Recall < f.minR {
			t.Errorf("%s: precision %.3f (floor %.2f), recall %.3f (floor %.2f)", f.name, m.Precision, f.minP, m.Recall, f.minR)
		}
	}
	for _, name := range []string{"profile", "relations"} {
		if _, ok := rep.Metrics[name]; !ok {
			t.Errorf("no %s metric", name)
		}
	}
}

// TestEvalClaimsFile scores one gold file with its text and lists the
// misses with -v; bad arguments fail with a clear error.
func TestEvalClaimsFile(t *testing.T) {
	dir := t.TempDir()
	text := "Rebels attack Sabon Gari\n\nThe Free Legion was founded in 2014. Its leader is Ivan Petrov.\n"
	gold := `{"published": "2024-03-04", "publisher": "Wire", "claims": [
	  {"s": "Free Legion", "p": "founded", "date": "2014", "sent": 1},
	  {"s": "Free Legion", "p": "goal", "text": "world peace", "sent": 1}]}`
	if err := os.WriteFile(filepath.Join(dir, "x.txt"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	gp := filepath.Join(dir, "x.gold.json")
	if err := os.WriteFile(gp, []byte(gold), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runMain(t, "eval", "claims", "--gold", gp, "-v")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"missed: sentence 1: Free Legion goal world peace", "overall", "profile"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for name, args := range map[string][]string{
		"no gold":          {},
		"missing folder":   {"--gold", filepath.Join(dir, "nothing")},
		"text with folder": {"--gold", dir, "--text", "x.txt"},
		"missing text":     {"--gold", gp, "--text", filepath.Join(dir, "nothing.txt")},
	} {
		if _, err := runMain(t, append([]string{"eval", "claims"}, args...)...); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestEvalClaimsEntities runs the --entities diagnostic (issue 11 item 2)
// on our own invented gold and text under testdata: the table, the misses
// with -v, and the entities object of --json. The gold names one group,
// the Northern Front, that the text never gives, so a miss is certain
// whatever the tagger learns.
func TestEvalClaimsEntities(t *testing.T) {
	gold := filepath.Join("testdata", "entities", "legion.gold.json")
	out, err := runMain(t, "eval", "claims", "--gold", gold, "--entities", "-v")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"entity: party Northern Front: not found", "found/gold", "typed/gold", "all"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	out, err = runMain(t, "eval", "claims", "--gold", gold, "--entities", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Entities map[string]struct {
			Gold, Found, Typed   int
			FoundRate, TypedRate float64 `json:"-"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output %q: %v", out, err)
	}
	// Free Legion (group), Ivan Petrov (person), Morek (place) and the
	// Northern Front (party): four gold entities, at most three found.
	all := rep.Entities["all"]
	if all.Gold != 4 || all.Found > 3 || all.Typed > all.Found || rep.Entities["party"].Gold != 1 || rep.Entities["party"].Found != 0 {
		t.Errorf("entities = %+v", rep.Entities)
	}
	// Without --entities, the JSON has no entities object.
	out, err = runMain(t, "eval", "claims", "--gold", gold, "--json")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, `"entities"`) {
		t.Errorf("--json without --entities gives entities:\n%s", out)
	}
}
