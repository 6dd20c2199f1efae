package extract_test

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/extract"
	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
)

// FuzzExtract runs the claim extractor over arbitrary text: it must not
// panic, and every claim's evidence must quote the text at its span.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"Set up in 2022 by Ivan Petrov, the Northern Brigade (NB) says it fights for Ukraine.",
		"Petrov, who uses the pseudonym Ivan Sever, is a Belarusian national.",
		"State television said 40 raiders died near Shebekino on Friday. The brigade said one had died.",
		"members of the RDK, the Russian Volunteer Corps, entered the villages of Lyubechane and Sushany.",
		"Russia’s armed forces, the Russian Army Legion, fought",
		"The Legion, which calls itself Legion “Freedom of Russia”, or LSR,",
	} {
		f.Add(s)
	}
	pub := time.Date(2023, 5, 24, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4000 || !utf8.ValidString(text) {
			return
		}
		d := nlp.NewDoc(text)
		segment.Segment(d)
		r := extract.Extract(extract.Input{Doc: d, DocID: "d_fuzz", Published: pub, Publisher: "Fuzz Wire"})
		if err := extract.Check(text, r.Claims, r.Events); err != nil {
			t.Fatalf("%v\ntext: %q", err, text)
		}
		for _, c := range r.Claims {
			if err := c.Validate(); err != nil && c.ID != "" {
				t.Fatalf("invalid claim %+v: %v", c, err)
			}
		}
		_ = muster.Claim{}
	})
}
