package pipeline

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

func TestSplitText(t *testing.T) {
	para := strings.Repeat("Ash fell on the valley. ", 10) // 240 bytes
	for _, tc := range []struct {
		name, text string
		size       int
		want       []string
	}{
		{"short", "One line.", 100, []string{"One line."}},
		{"empty", "", 100, []string{""}},
		{"paragraphs", para + "\n\n" + para + "\n\n" + para, 500, []string{para + "\n\n" + para + "\n\n", para}},
		{"sentences", para + para, 300, nil},
		{"no break", strings.Repeat("x", 25), 10, []string{"xxxxxxxxxx", "xxxxxxxxxx", "xxxxx"}},
		{"runes", strings.Repeat("я", 6), 5, []string{"яя", "яя", "яя"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := splitText(tc.text, tc.size)
			if strings.Join(got, "") != tc.text {
				t.Fatalf("pieces do not make the text: %q", got)
			}
			for _, p := range got {
				if !utf8.ValidString(p) {
					t.Errorf("piece %q splits a character", p)
				}
			}
			if tc.name == "sentences" {
				// Cut after a full stop in the second half.
				if len(got) != 2 || !strings.HasSuffix(got[0], ". ") || len(got[0]) > tc.size {
					t.Errorf("pieces %q, want two, the first ending a sentence within %d bytes", got, tc.size)
				}
				return
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("splitText = %q, want %q", got, tc.want)
			}
		})
	}
}

// chunkArticle is a short report of our own writing.
const chunkArticle = `The Harrow Brigade said on Tuesday that its fighters had taken the village of Kessa after two days of shelling. Regional officials said at least 4 civilians were killed and 11 wounded.

The Northern Watch, a militia formed in 2019 by Arlen Dovic, denied the claim. According to its spokesman, the brigade lost up to 30 fighters near Kessa.`

// TestExtractChunked analyses a document of three copies of one article
// piece by piece, one copy a piece: every claim and mention of the k-th
// copy is the single article's, at its offsets moved by k copies, and the
// evidence quotes the document (Resolve checks it).
func TestExtractChunked(t *testing.T) {
	p, err := New(Options{NoGeocode: true})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	one := muster.Document{}
	one.SetText(chunkArticle)
	single, err := p.Analyze(ctx, one, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(single.Claims) == 0 || len(single.Mentions) == 0 {
		t.Fatalf("the article gave %d claims and %d mentions: nothing to compare", len(single.Claims), len(single.Mentions))
	}
	copyText := chunkArticle + "\n\n"
	copyRunes := utf8.RuneCountInString(copyText)
	var whole muster.Document
	whole.SetText(strings.Repeat(copyText, 3))
	defer func(n int) { chunkBytes = n }(chunkBytes)
	chunkBytes = len(copyText) + 10
	if got := len(splitText(whole.Text, chunkBytes)); got != 3 {
		t.Fatalf("the document splits in %d pieces, want 3", got)
	}
	a, err := p.Analyze(ctx, whole, nil)
	if err != nil {
		t.Fatal(err)
	}
	type claim struct {
		pred, subj, obj, quote string
		start                  int
	}
	claims := func(cs []muster.Claim, copy int) map[claim]int {
		out := map[claim]int{}
		for _, c := range cs {
			e := c.Evidence[0]
			if e.Start/copyRunes != copy {
				continue
			}
			out[claim{string(c.Predicate), c.Subject.Name, c.Object.Text, e.Quote, e.Start - copy*copyRunes}]++
		}
		return out
	}
	want := claims(single.Claims, 0)
	for k := range 3 {
		got := claims(a.Claims, k)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("claims of copy %d:\n got %v\nwant %v", k, got, want)
		}
	}
	if len(a.Mentions) != 3*len(single.Mentions) {
		t.Errorf("%d mentions, want 3 × %d", len(a.Mentions), len(single.Mentions))
	}
	for i, m := range a.Mentions {
		s := single.Mentions[i%len(single.Mentions)]
		if m.Text != s.Text || m.Start != s.Start+i/len(single.Mentions)*copyRunes {
			t.Errorf("mention %d = %q at %d, want %q at %d", i, m.Text, m.Start, s.Text, s.Start+i/len(single.Mentions)*copyRunes)
		}
	}
	if len(a.Entities) != len(single.Entities) {
		t.Errorf("%d entities, want the single article's %d (one entity for a name in every piece)", len(a.Entities), len(single.Entities))
	}
}
