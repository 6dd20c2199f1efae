package extract_test

import (
	"encoding/json"
	"flag"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/muster-osint/muster/eval"
	"github.com/muster-osint/muster/extract"
)

var expDump = flag.String("exp-dump", "", "with -exp-attribution, write the scored split's predictions as JSON Lines (code point offsets) to this file")

// dumpAttributions writes m's predictions for arts, for error analysis.
func dumpAttributions(t *testing.T, m *extract.AttributionModel, arts []eval.PolNeARArticle, path string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	enc := json.NewEncoder(f)
	for _, a := range arts {
		d := segmented(a.Text)
		cp := func(b int) int { return utf8.RuneCountInString(a.Text[:b]) }
		rels := [][3][2]int{}
		for _, at := range m.Attributions(d) {
			rels = append(rels, [3][2]int{{cp(at.Source.Start), cp(at.Source.End)}, {cp(at.Cue.Start), cp(at.Cue.End)}, {cp(at.Content.Start), cp(at.Content.End)}})
		}
		enc.Encode(map[string]any{"article": a.Article, "rels": rels})
	}
}
