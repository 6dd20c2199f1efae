package ingest

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestExamples reads the demo articles in ../examples and checks the
// metadata each yields and that the page boilerplate is gone, since `make
// demo` depends on them.
func TestExamples(t *testing.T) {
	const dir = "../examples"
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../examples not found")
	}
	type meta struct {
		Format, Title, Publisher, Byline, URL string
		Published                             time.Time
		Words                                 int
	}
	var got []meta
	var texts []string
	err := Walk(context.Background(), []string{dir}, testOptions(), nil, func(it Item) error {
		checkItem(t, it)
		if it.Err != nil {
			t.Errorf("%s: %v", it.Where, it.Err)
			return nil
		}
		d := it.Doc
		got = append(got, meta{d.Format, d.Title, d.Publisher, d.Byline, d.URL, d.Published, len(strings.Fields(d.Text))})
		texts = append(texts, d.Text)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	day := func(y, m, d, h, min int) time.Time { return time.Date(y, time.Month(m), d, h, min, 0, 0, time.UTC) }
	want := []meta{
		{"text", "Russian exiles claim raid on Belgorod villages as Moscow says attack repelled", "", "", "", time.Time{}, 263},
		{"html", "Moscow says more than 70 “saboteurs” killed in Grayvoron fighting", "Border Monitor", "Lena Marchetti", "https://bordermonitor.example.com/2023/05/24/grayvoron-fighting-toll", day(2023, 5, 24, 7, 40), 0},
		{"html", "Who is Denis Kapustin, the far-right Russian behind the RDK?", "Eastern Desk", "Oskar Lindqvist", "https://easterndesk.example.eu/analysis/2023/05/25/denis-kapustin-rdk", day(2023, 5, 25, 14, 5), 0},
		{"text", "Legion says it is fighting again inside Belgorod region", "", "", "", time.Time{}, 257},
		{"jsonl", "Three raids, two stories: what we know about the Russian volunteers crossing the border", "Baltic Wire Service", "", "https://balticwire.example.net/explainers/2023-06-06-russian-volunteer-raids", day(2023, 6, 6, 9, 0), 0},
	}
	for i := range got {
		if got[i].Words < 150 || got[i].Words > 400 {
			t.Errorf("example %d has %d words, want 150-400", i+1, got[i].Words)
		}
		if want[i].Words == 0 && i < len(want) {
			want[i].Words = got[i].Words
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("examples (-want +got):\n%s", diff)
	}
	for i, text := range texts {
		for _, boiler := range []string{"cookies", "Sign up", "Most read", "All rights reserved", "Log in", "Newsletters", "Share"} {
			if strings.Contains(text, boiler) {
				t.Errorf("example %d keeps boilerplate %q", i+1, boiler)
			}
		}
	}
}
