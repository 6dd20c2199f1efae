package pipeline_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/ingest"
	"github.com/muster-osint/muster/pipeline"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// render writes an analysis as one line per entity, event and claim: the
// golden form, read in review when it changes.
func render(a *muster.Analysis) string {
	var b strings.Builder
	fmt.Fprintf(&b, "document %q publisher=%q published=%s\n", a.Document.Title, a.Document.Publisher, a.Document.Published.Format("2006-01-02"))
	for _, e := range a.Entities {
		var al []string
		for _, x := range e.Aliases {
			if x.Name != e.Name {
				al = append(al, x.Name+"/"+string(x.Kind))
			}
		}
		place := ""
		if e.Place != nil {
			place = fmt.Sprintf(" @%s/%s %.2f,%.2f", e.Place.Country, e.Place.Admin1, e.Place.Lat, e.Place.Lon)
		}
		fmt.Fprintf(&b, "entity %s %q aliases=%v%s\n", e.Type, e.Name, al, place)
	}
	for _, ev := range a.Events {
		when := ""
		if ev.Time != nil {
			when = ev.Time.String()
		}
		fmt.Fprintf(&b, "event %s %q %s\n", ev.Type, ev.Label, when)
	}
	for _, c := range a.Claims {
		fmt.Fprintf(&b, "claim %s | %s | %s | role=%q | %s (%s) | %s | %q\n", c.Subject.Name, c.Predicate, c.Object.String(), c.Role,
			c.AttributedTo.Name, c.AttributedTo.Type, c.Modality, c.Evidence[0].Quote)
	}
	return b.String()
}

// TestExamplesGolden runs the pipeline over each bundled example article
// (metadata as `make demo` gives it) and compares the whole analysis with
// its golden file.
func TestExamplesGolden(t *testing.T) {
	day := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	tests := []struct {
		file string
		opt  ingest.Options
	}{
		{"01_kyiv_ledger_2023-05-23.txt", ingest.Options{Publisher: "The Kyiv Ledger", Published: day("2023-05-23")}},
		{"02_border_monitor_2023-05-24.html", ingest.Options{}},
		{"03_eastern_desk_2023-05-25.html", ingest.Options{}},
		{"04_northern_courier_2023-06-02.txt", ingest.Options{Publisher: "Northern Courier", Published: day("2023-06-02")}},
		{"05_baltic_wire_2023-06-06.jsonl", ingest.Options{}},
	}
	p, err := pipeline.New(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("..", "examples", tt.file)
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var got strings.Builder
			err = ingest.Read(context.Background(), path, f, tt.opt, func(it ingest.Item) error {
				if it.Err != nil {
					return it.Err
				}
				a, err := p.Analyze(context.Background(), it.Doc, nil)
				if err != nil {
					return err
				}
				got.WriteString(render(a))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "examples", strings.TrimSuffix(tt.file, filepath.Ext(tt.file))+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./pipeline -run TestExamplesGolden -update)", err)
			}
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("%s: analysis differs from %s (-want +got):\n%s", tt.file, golden, diff)
			}
		})
	}
}
