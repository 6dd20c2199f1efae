package extract_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
)

// TestEventSetting: an event whose sentence names no place takes the
// place the story established in its lede or dateline, and its claim says
// which (evidence the words naming the place, extractor "#lede" or
// "#dateline"); an event whose sentence points elsewhere ("abroad", its
// own earlier date) takes none (issue 10: news_armed_groups dev missed
// events placed only by the dateline or lede). The stories are our own,
// in testdata/event_setting.txt.
func TestEventSetting(t *testing.T) {
	raw, err := os.ReadFile("testdata/event_setting.txt")
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2023, 6, 16, 0, 0, 0, 0, time.UTC)
	var lines []string
	for _, l := range strings.Split(string(raw), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	cases := 0
	for _, c := range strings.Split(strings.Join(lines, "\n"), "\n==\n") {
		text, wants, ok := strings.Cut(strings.TrimSpace(c), "\n--\n")
		if !ok {
			continue
		}
		cases++
		r := story(t, strings.TrimSpace(text)+"\n", pub)
		for _, w := range strings.Split(strings.TrimSpace(wants), "\n") {
			f := strings.Fields(w)
			fig := f[0] + " " + f[1]
			ev := ""
			for _, cl := range r.Claims {
				if cl.Predicate == muster.PredKilled && strings.Contains(cl.Object.Text, " "+f[1]+" ") {
					ev = cl.Subject.ID
				}
			}
			if ev == "" {
				t.Errorf("%.40q: no claim %q; claims:\n%s", text, fig, claimLines(r))
				continue
			}
			var got []string
			for _, cl := range r.Claims {
				if cl.Subject.ID != ev || cl.Predicate != muster.PredOccurredAt || cl.Object.Entity == nil {
					continue
				}
				basis := "text"
				if _, b, ok := strings.Cut(cl.Extractor, "#"); ok {
					basis = b
					if q := cl.Evidence[0].Quote; q != cl.Object.Entity.Name && !strings.EqualFold(q, cl.Object.Entity.Name) {
						t.Errorf("%.40q: %s placed by the %s quotes %q, not the place's name", text, cl.Object.Entity.Name, b, q)
					}
				}
				got = append(got, cl.Object.Entity.Name+" "+basis)
			}
			switch want := strings.Join(f[2:], " "); {
			case want == "-":
				for _, g := range got {
					if !strings.HasSuffix(g, " text") {
						t.Errorf("%.40q: %s placed at %s, want no setting place", text, fig, g)
					}
				}
			default:
				found := false
				for _, g := range got {
					found = found || g == want
				}
				if !found {
					t.Errorf("%.40q: %s placed at %q, want %q; claims:\n%s", text, fig, got, want, claimLines(r))
				}
			}
		}
	}
	if cases == 0 {
		t.Fatal("testdata/event_setting.txt holds no story: nothing checked")
	}
}

// claimLines lists a result's event claims, one a line, for a failure
// message.
func claimLines(r *extract.Result) string {
	var b strings.Builder
	for _, c := range r.Claims {
		if c.Subject.Type == "event" || strings.HasPrefix(c.Subject.ID, "ev") {
			fmt.Fprintf(&b, "  %s %s %s (%q, %s)\n", c.Subject.Name, c.Predicate, c.Object.Text, c.Evidence[0].Quote, c.Extractor)
		}
	}
	return b.String()
}

// TestEventSettingSameAreaFirst: a story's first event, placed by its
// dateline, that happened "in the same area" has no earlier event to take
// an area from; it had indexed the events told before at -1 and panicked.
func TestEventSettingSameAreaFirst(t *testing.T) {
	text := "BAMAKO, Mali — Gunmen attacked a convoy in the same area on Monday, killing three soldiers.\nThe army said it was searching for the attackers.\n"
	r := story(t, text, time.Date(2023, 6, 16, 0, 0, 0, 0, time.UTC))
	for _, cl := range r.Claims {
		if cl.Predicate == muster.PredKilled {
			return
		}
	}
	t.Errorf("no killed claim; claims:\n%s", claimLines(r))
}
