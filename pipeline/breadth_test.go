package pipeline_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/pipeline"
)

// TestBreadthGold scores the pipeline on wire stories of our own from
// conflicts other than the seed's (testdata/breadth), each against the
// team's hand annotation of every claim in it, as TestSeedGold does for
// the seed. A held-out story is annotated before muster reads it and never
// tuned on; once its first reading is recorded here it may become a dev
// story whose misreadings the rules are mended on. The floors sit a little
// under the measured figures, so that a regression fails; -v prints the
// misses of dev stories. A held-out story's misses and extras are never
// printed, not even when it fails, so that nobody reads them by chance.
func TestBreadthGold(t *testing.T) {
	tests := []struct {
		file       string
		held       bool
		minP, minR float64
	}{
		{"sahel_monitor_2024-03-04", false, 0.95, 0.80},  // dev: 1.000 / 0.875
		{"irrawaddy_desk_2024-01-05", false, 0.85, 0.80}, // dev: 0.944 / 0.850
		{"levant_wire_2024-12-02", false, 0.85, 0.85},    // dev: 0.882 / 0.938
		// Held out at their first reading (Somalia P 0.250 R 0.176, the
		// Kivus P 0.833 R 0.364), dev since.
		{"horn_report_2024-06-12", false, 0.80, 0.60},          // dev: 0.846 / 0.647
		{"great_lakes_bulletin_2024-02-08", false, 0.95, 0.85}, // dev: 1.000 / 0.923
		// Held out: never tuned on.
		// 0.889 / 0.727 until the embedded syntax model became the one
		// make model-syntax builds (9dddf8d0, issue 9): one claim fewer.
		{"nile_courier_2024-06-07", true, 0.80, 0.60}, // 0.875 / 0.636
		// 0.143 / 0.091 when an event matched by its label alone (it is named
		// for the province, dated by the claim, "The" sticks to the group's
		// name); 0.714 / 0.455 since eval claims matches an event by any of
		// its places (issue 10 item 5).
		{"andes_dispatch_2024-09-18", true, 0.10, 0.05},
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			d, err := eval.ReadClaimDoc(os.DirFS(filepath.Join("testdata", "breadth")), tt.file+".gold.json", tt.file+".txt")
			if err != nil {
				t.Fatal(err)
			}
			d.Name = filepath.Join("testdata", "breadth", d.Name)
			sc := scoreGold(t, p, d)
			prec, rec, extra, missed := sc.Overall.Precision(), sc.Overall.Recall(), sc.Extra, sc.Missed
			kind := "dev"
			if tt.held {
				kind = "held out"
			}
			t.Logf("%s (%s): precision %.3f, recall %.3f (%d gold claims)", tt.file, kind, prec, rec, sc.Overall.Gold)
			if tt.held {
				extra, missed = nil, nil
			}
			for _, e := range extra {
				t.Logf("  not in gold: %s", e)
			}
			for _, m := range missed {
				t.Logf("  missed: %s", m)
			}
			if prec < tt.minP || rec < tt.minR {
				t.Errorf("%s: precision %.3f (floor %.2f), recall %.3f (floor %.2f)\n%s", tt.file, prec, tt.minP, rec, tt.minR, strings.Join(missed, "\n"))
			}
		})
	}
}
