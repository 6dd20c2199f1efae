package tagger

import (
	"strings"
	"testing"
	"unicode"

	"github.com/muster-osint/muster"
	"github.com/muster-osint/muster/nlp"
)

// spaceDoc makes a Doc of one sentence per line, tokens split at spaces
// (the tagger's tests may not use nlp/segment).
func spaceDoc(text string) *nlp.Doc {
	d := nlp.NewDoc(text)
	off := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		first := len(d.Tokens)
		pos := off
		for _, w := range strings.Fields(line) {
			i := strings.Index(text[pos:], w) + pos
			d.Tokens = append(d.Tokens, nlp.Token{Span: muster.Span{Start: i, End: i + len(w)}, Text: w})
			pos = i + len(w)
		}
		if len(d.Tokens) > first {
			d.Sentences = append(d.Sentences, muster.Span{Start: off, End: off + len(line)})
			d.SentenceTokens = append(d.SentenceTokens, [2]int{first, len(d.Tokens)})
		}
		off += len(line)
	}
	return d
}

func TestTruecase(t *testing.T) {
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	caps := "REBELS OF THE REVOLUTIONARY ARMED FORCES OF COLOMBIA ( FARC ) ATTACKED A POLICE STATION IN MEDELLIN ON MONDAY .\n" +
		"PRESIDENT VIRGILIO BARCO SAID THE GOVERNMENT WOULD NOT NEGOTIATE WITH THE GUERRILLAS .\n"
	got, ok := tg.Truecase(spaceDoc(caps))
	if !ok {
		t.Fatal("a document in capitals was not re-cased")
	}
	if len(got) != len(caps) || !strings.EqualFold(got, caps) {
		t.Fatalf("re-casing changed more than case:\n%q\n%q", caps, got)
	}
	for _, want := range []string{"Rebels of the", "( FARC )", "attacked a police station in Medellin", "Virgilio Barco said the government"} {
		if !strings.Contains(got, want) {
			t.Errorf("re-cased text lacks %q:\n%s", want, got)
		}
	}
	mixed := "THE WAR IN COLOMBIA\nRebels attacked a police station in Medellin on Monday .\n"
	if got, ok := tg.Truecase(spaceDoc(mixed)); ok || got != mixed {
		t.Errorf("a mixed-case story with a headline in capitals was re-cased: %q", got)
	}
	if tg.modelFor([][]string{{"THE", "WAR"}, {"Rebels", "attacked", "a", "station"}}) != tg.m {
		t.Error("a mixed-case document went to the caps model")
	}
	if tg.modelFor([][]string{{"THE", "WAR"}, {"REBELS", "ATTACKED", "."}}) != tg.caps {
		t.Error("a document in capitals did not go to the caps model")
	}
}

func TestSetCapsModel(t *testing.T) {
	tg, err := New(embeddedModel)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tg.Truecase(spaceDoc("REBELS ATTACKED THE TOWN .\n")); ok {
		t.Error("re-cased without a caps model")
	}
	if err := tg.SetCapsModel([]byte("not a model")); err == nil {
		t.Error("a bad caps model was accepted")
	}
	if err := tg.SetCapsModel(embeddedCaps); err != nil || tg.caps == nil {
		t.Errorf("SetCapsModel: %v", err)
	}
}

// FuzzTruecase: re-casing never changes a byte's place or anything but
// the case of letters, and never panics.
func FuzzTruecase(f *testing.F) {
	tg, err := Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("REBELS ATTACKED ( FARC ) MEDELLIN .\nTHE ARMY SAID SO .\n")
	f.Add("ÇA VA ÉTÉ ǅ ß İSTANBUL ΣΟΦΙΑ\n")
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 1<<12 {
			return
		}
		got, _ := tg.Truecase(spaceDoc(s))
		if len(got) != len(s) {
			t.Fatalf("length %d, want %d", len(got), len(s))
		}
		rs, gs := []rune(s), []rune(got)
		if len(rs) != len(gs) {
			t.Fatalf("%d runes, want %d", len(gs), len(rs))
		}
		for i := range rs {
			if rs[i] != gs[i] && unicode.ToLower(rs[i]) != unicode.ToLower(gs[i]) && unicode.ToUpper(rs[i]) != unicode.ToUpper(gs[i]) {
				t.Fatalf("rune %d: %q became %q", i, rs[i], gs[i])
			}
		}
	})
}
