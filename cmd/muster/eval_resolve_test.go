package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestEvalResolveDev runs `muster eval resolve` on the dev half of the gold
// set and fails when resolution falls below the targets there, so a
// regression in resolve shows in CI. (The test half is reported, never
// tuned on.)
func TestEvalResolveDev(t *testing.T) {
	news := "../../../shared/data/news_ukraine_war/news_ukraine_war.jsonl.gz"
	if _, err := os.Stat(news); err != nil {
		t.Skipf("eval resolve: ../shared/data/news_ukraine_war not found (%v)", err)
	}
	out, _, err := run(t, "unused.db", "eval", "resolve", "--gold", "../../eval/testdata/resolve_gold.jsonl", "--news", news, "--split", "dev", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		N       int `json:"n"`
		Metrics struct {
			Clusters struct {
				Precision, Recall, F1 float64
			} `json:"clusters"`
		} `json:"metrics"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &res); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	c := res.Metrics.Clusters
	t.Logf("dev: n %d, P %.4f R %.4f F1 %.4f", res.N, c.Precision, c.Recall, c.F1)
	if res.N < 300 || c.F1 < 0.90 || c.Precision < 0.95 {
		t.Errorf("eval resolve dev: n %d, P %.4f, F1 %.4f; want n ≥ 300, P ≥ 0.95, F1 ≥ 0.90", res.N, c.Precision, c.F1)
	}
}
