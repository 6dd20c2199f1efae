package web

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

func TestHighlight(t *testing.T) {
	text := "Russia’s forces fought the Legion near Graivoron."
	// Code points: "Legion" starts at 27.
	claims := []muster.Claim{{Subject: muster.Ref{Name: "x"}, Predicate: muster.PredOpposes,
		Evidence: []muster.Evidence{{Document: "d", Start: 16, End: 33, Quote: "fought the Legion"}}}}
	ms := []muster.Mention{{Start: 27, End: 33, Text: "Legion", Type: muster.MentionArmedGroup}, {Start: 39, End: 48, Text: "Graivoron", Type: muster.MentionLOC}}
	runs := highlight(text, claims, ms, &muster.Span{Start: 0, End: 15})
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Text)
	}
	if b.String() != text {
		t.Fatalf("runs do not rebuild the text: %q", b.String())
	}
	want := map[string]string{"Russia’s forces": "at", "fought the ": "evidence", "Legion": "evidence", "Graivoron": "mention"}
	got := map[string]string{}
	for _, r := range runs {
		got[r.Text] = r.Class
	}
	for text, class := range want {
		if got[text] != class {
			t.Errorf("run %q: class %q, want %q (runs %+v)", text, got[text], class, runs)
		}
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("Grayvoron – Грайворон", 0, 5, 3, 9)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		if !utf8.ValidString(text) || len(text) > 1000 {
			return
		}
		ms := []muster.Mention{{Start: a, End: b}}
		runs := highlight(text, nil, ms, &muster.Span{Start: c, End: d})
		var sb strings.Builder
		for _, r := range runs {
			sb.WriteString(r.Text)
		}
		if sb.String() != text {
			t.Fatalf("runs %q do not rebuild %q", sb.String(), text)
		}
	})
}
