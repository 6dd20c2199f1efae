package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A one-article PolNeAR-format file written for the test.
const attributionSample = `{"split":"dev","article":"sample","text":"The governor said two drones were shot down.","annotations":[{"annotator":"a","brat_ann":"T1\tSource 0 12\tThe governor\nT2\tCue 13 17\tsaid\nT3\tContent 18 43\ttwo drones were shot down\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n"}]}
`

func TestEvalAttribution(t *testing.T) {
	path := filepath.Join(t.TempDir(), "polnear.jsonl.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(attributionSample))
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, error) {
		var out, errb bytes.Buffer
		m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Config: DefaultConfig()}
		err := m.Run(context.Background(), append([]string{"eval", "attribution", "--data", path}, args...))
		return out.String(), err
	}
	out, err := run("--split", "dev", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		Task, Dataset, Split string
		N                    int
		DocsPerS             float64 `json:"docs_per_s"`
		Metrics              map[string]struct {
			F1        float64 `json:"f1"`
			OverlapF1 float64 `json:"overlap_f1"`
			N         int     `json:"n"`
		}
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("--json output %q: %v", out, err)
	}
	if rep.Task != "attribution" || rep.Dataset != "polnear" || rep.Split != "dev" || rep.N != 1 || rep.Metrics["cue"].N != 1 {
		t.Errorf("report = %+v", rep)
	}
	for _, slot := range []string{"source", "cue", "content"} {
		if m := rep.Metrics[slot]; m.F1 != 1 || m.OverlapF1 != 1 {
			t.Errorf("%s on an easy sentence: F1 %.2f overlap %.2f, want 1", slot, m.F1, m.OverlapF1)
		}
	}
	out, err = run("--split", "dev", "--errors", "3")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "F1(overlap)") || !strings.Contains(out, "content") {
		t.Errorf("table output:\n%s", out)
	}
	if _, err := run("--split", "nope"); err == nil {
		t.Error("--split nope: no error")
	}
	if _, err := run("--split", "test"); err == nil {
		t.Error("no test articles in the file: no error")
	}
}
