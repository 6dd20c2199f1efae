package ingest

import (
	"strings"
	"testing"
)

func TestTextHeadline(t *testing.T) {
	cases := []struct {
		name, text, title, byline string
	}{
		{"first line is the headline", "Raid reported in Bryansk\n\nOfficials said on Thursday that armed men crossed the border.", "Raid reported in Bryansk", ""},
		{"question headline", "Who are the groups that crossed the border?\n\nTwo groups said they did.", "Who are the groups that crossed the border?", ""},
		{"section then headline", "Defense\n\nWho are the anti-Putin groups that marched into Russia?\n\nTwo groups fought for two days.", "Who are the anti-Putin groups that marched into Russia?", ""},
		{"two-word section then headline", "World News\nLegion says it holds two villages\nThe group said on Monday.", "Legion says it holds two villages", ""},
		{"one word then a sentence is not a section", "Defense\n\nThe ministry said on Tuesday that the attack was repelled.", "Defense", ""},
		{"first line a sentence: no title", "The ministry said on Tuesday that the attack was repelled.\nMore text.", "", ""},
		{"too long for a headline", strings.Repeat("word ", 50) + "\n\nBody.", "", ""},
		{"headline and byline", "Governor reports shelling\nBy Olena Hrytsenko\n\nThe governor said.", "Governor reports shelling", "Olena Hrytsenko"},
		{"byline-like sentence is not a byline", "Governor reports shelling\n\nBy the end of the day, officials said.", "Governor reports shelling", ""},
		{"colon lead-in is not a headline", "Key points:\n- one\n- two", "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			text, err := Normalize(c.text)
			if err != nil {
				t.Fatal(err)
			}
			title, byline := textHeadline(text)
			if title != c.title || byline != c.byline {
				t.Errorf("textHeadline(%q) = %q, %q; want %q, %q", c.text, title, byline, c.title, c.byline)
			}
		})
	}
}

func TestGuessLanguage(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"English", "The governor said that the attack was repelled and the group was pushed back.", "en"},
		{"Russian", "Губернатор заявил, что атака была отбита и что группа была отброшена, как и было обещано.", "ru"},
		{"Ukrainian", "Губернатор заявив, що атаку було відбито і що група відступила на територію України.", "uk"},
		{"German", "Der Gouverneur sagte, dass die Gruppe nicht mit der Armee auf die Stadt vorgerückt ist und die Lage ist ruhig.", "de"},
		{"French", "Le gouverneur a dit que les combattants de la légion sont dans la ville et que la situation est calme pour le moment.", "fr"},
		{"Spanish", "El gobernador dijo que los combatientes de la legión fueron expulsados por el ejército y que la situación es tranquila.", "es"},
		{"no stopwords defaults to English", "Graivoron Kozinka Glotovo", "en"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := guessLanguage(c.text); got != c.want {
				t.Errorf("guessLanguage(%q) = %q, want %q", c.text, got, c.want)
			}
		})
	}
}
