package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
)

// TestHeadingIsNoName checks that a heading in capitals inside a story is
// no entity (issue 11: "WHAT IS HAMAS" became an armed group), while the
// names of the story's sentences still are.
func TestHeadingIsNoName(t *testing.T) {
	text := "Fighters clash with troops\n\nGAZA — Hamas fighters clashed with Israeli troops in Rafah on Monday, the army said.\n\nWHAT IS HAMAS\n\nHamas is a Palestinian Islamist group that has governed Gaza since 2007.\n"
	d := nlp.NewDoc(text)
	segment.Segment(d)
	r := extract.Extract(extract.Input{Doc: d, DocID: "d_test", Published: time.Date(2024, 5, 6, 0, 0, 0, 0, time.UTC), Publisher: "Test Wire"})
	var names []string
	for _, e := range r.Entities {
		names = append(names, e.Name)
		if strings.Contains(e.Name, "WHAT") {
			t.Errorf("the heading gave the entity %q (%s)", e.Name, e.Type)
		}
	}
	if !strings.Contains(strings.Join(names, "|"), "Hamas") {
		t.Errorf("entities %q lack Hamas", names)
	}
}
