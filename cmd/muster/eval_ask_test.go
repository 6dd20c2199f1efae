package main

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestEvalAskDev asks the 24 dev questions of issue 11 over the
// news_armed_groups dev articles, ingested into a fresh SQLite store the
// way `muster ingest` does, and holds today's count as a floor.
func TestEvalAskDev(t *testing.T) {
	if _, err := os.Stat(claimsDevDir); err != nil {
		t.Skipf("news_armed_groups not found (%v): the test needs ../shared beside the repo", err)
	}
	out, err := runMain(t, "eval", "ask", "--gold", claimsDevDir, "--questions", "../../eval/testdata/ask_news_armed_groups_dev.tsv")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(\d+) of (\d+) questions answered rightly`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("output %q has no count", out)
	}
	right, _ := strconv.Atoi(m[1])
	t.Logf("%s of %s questions answered rightly", m[1], m[2])
	// 3 of 24 before ask read these kinds of question; 6 with them; 7 once
	// "Secretary-General" was a title; 20 with the issue 11 patterns of the
	// profiles branch.
	if m[2] != "24" || right < 20 {
		t.Errorf("%s of %s questions answered rightly, want at least 20 of 24", m[1], m[2])
	}
}
