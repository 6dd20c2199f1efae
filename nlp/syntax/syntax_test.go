package syntax_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/muster-osint/muster/nlp"
	"github.com/muster-osint/muster/nlp/segment"
	"github.com/muster-osint/muster/nlp/syntax"
)

func annotate(t testing.TB, text string) *nlp.Doc {
	t.Helper()
	a, err := syntax.New()
	if err != nil {
		t.Fatal(err)
	}
	d := nlp.NewDoc(text)
	segment.Segment(d)
	if err := a.Annotate(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return d
}

func dump(d *nlp.Doc) string {
	var b strings.Builder
	for i, t := range d.Tokens {
		h := "ROOT"
		if t.Head >= 0 {
			h = d.Tokens[t.Head].Text
		}
		fmt.Fprintf(&b, "%d %s %s %s %s<-%s\n", i, t.Text, t.Tag, t.Lemma, t.Rel, h)
	}
	return b.String()
}

func TestDump(t *testing.T) {
	d := annotate(t, "Wagner, founded in 2014 by Yevgeny Prigozhin and Dmitry Utkin, has deployed fighters to Mali. The Iran-aligned Houthis don't fight. Al-Qaeda-linked al-Shabab claimed responsibility for the U.S.-backed army's defeat. RUSSIAN FORCES KILLED 12 CIVILIANS IN KHARKIV.")
	t.Log("\n" + dump(d))
}
