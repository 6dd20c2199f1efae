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

// TestEvalParse runs muster eval parse on the first 300 sentences of the
// EWT dev split and fails when a score drops below its floor (measured
// when the floors were set, less about a point and a half), so that a
// regression in the syntax layer fails CI.
func TestEvalParse(t *testing.T) {
	dev := filepath.Join("..", "..", "..", "shared", "data", "ud_english_ewt", "en_ewt-ud-dev.conllu")
	if _, err := os.Stat(dev); err != nil {
		t.Skipf("EWT dev not found (%v): ../shared must sit beside the repository", err)
	}
	run := func(args ...string) (string, error) {
		var out, errb bytes.Buffer
		m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Config: DefaultConfig()}
		err := m.Run(context.Background(), append([]string{"eval", "parse"}, args...))
		return out.String(), err
	}
	out, err := run("--json", "--limit", "300", dev)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Task, Dataset, Split string
		N, Words             int
		Metrics              map[string]struct {
			Accuracy float64
			F1       *float64
			N        int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output %q: %v", out, err)
	}
	if rep.Task != "parse" || rep.Dataset != "ud_english_ewt" || rep.Split != "dev" || rep.N != 300 || rep.Words == 0 {
		t.Errorf("report = %+v", rep)
	}
	floors := map[string]float64{
		"upos": floorUPOS, "uas": floorUAS, "las": floorLAS,
		"las_upper": floorLASUpper, "las_segment": floorLASSegment,
	}
	for name, floor := range floors {
		m, ok := rep.Metrics[name]
		if !ok {
			t.Errorf("no metric %q in %s", name, out)
			continue
		}
		if m.Accuracy < floor {
			t.Errorf("%s = %.2f on the first 300 dev sentences, below its floor %.2f", name, m.Accuracy, floor)
		}
		t.Logf("%s %.2f (floor %.2f)", name, m.Accuracy, floor)
	}
	out, err = run("--limit", "20", dev)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{"gold words", "segment's tokens, aligned", "gold words upper-cased"} {
		if !strings.Contains(out, row) {
			t.Errorf("report lacks the %q row:\n%s", row, out)
		}
	}
	if _, err := run(filepath.Join(t.TempDir(), "missing.conllu")); err == nil || !strings.Contains(err.Error(), "missing.conllu") {
		t.Errorf("error %v, want one naming missing.conllu", err)
	}
}

// The floors of TestEvalParse.
const (
	floorUPOS       = 93.8
	floorUAS        = 81.3
	floorLAS        = 77.6
	floorLASUpper   = 77.3
	floorLASSegment = 75.0
)
