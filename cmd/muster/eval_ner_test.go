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

const nerSample = `-DOCSTART- -X- -X- O

President NNP I-NP O
Vladimir NNP I-NP B-PER
Putin NNP I-NP I-PER
visited VBD I-VP O
Belgorod NNP I-NP B-LOC
. . O O
`

func TestEvalNER(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sample.txt")
	if err := os.WriteFile(path, []byte(nerSample), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, error) {
		var out, errb bytes.Buffer
		m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Config: DefaultConfig()}
		err := m.Run(context.Background(), append([]string{"eval", "ner"}, args...))
		return out.String(), err
	}
	out, err := run(path, "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Task, Dataset, Split string
		N, Tokens            int
		TokensPerS           float64 `json:"tokens_per_s"`
		Metrics              map[string]struct {
			Precision, Recall, F1 float64
			N                     int
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output %q: %v", out, err)
	}
	if rep.Task != "ner" || rep.Split != "sample" || rep.N != 1 || rep.Tokens != 6 || rep.Metrics["overall"].N != 2 {
		t.Errorf("report = %+v", rep)
	}
	if f1 := rep.Metrics["overall"].F1; f1 < 99.9 {
		t.Errorf("overall F1 %.2f on an easy sentence, want 100", f1)
	}
	out, err = run(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "FB1:") || !strings.Contains(out, "PER: precision") {
		t.Errorf("text report lacks conlleval lines:\n%s", out)
	}
	if _, err := run(filepath.Join(t.TempDir(), "missing.txt")); err == nil {
		t.Error("eval ner on a missing file: no error")
	}
	if _, err := run(); err == nil {
		t.Error("eval ner without a file: no error")
	}
}
