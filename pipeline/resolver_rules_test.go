package pipeline_test

import (
	"os"
	"path/filepath"
	"testing"
)

// TestInDocumentResolver holds the in-document resolution rules (issue 5's
// resolve.Document cases, on the one resolver ingest runs since issue 12):
// pairs of names one document uses for one entity, and pairs it must keep
// apart. The article is our own (resolve/testdata/resolve/article.txt).
func TestInDocumentResolver(t *testing.T) {
	article, err := os.ReadFile(filepath.Join("..", "resolve", "testdata", "resolve", "article.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, text string
		a, b       string
		same       bool
	}{
		{"acronym in brackets", string(article), "RDK", "Russian Volunteer Corps", true},
		{"quoted legion through the alias table", string(article), `Legion "Freedom of Russia"`, "Free Russia Legion", true},
		{"bare surname", string(article), "Kapustin", "Denis Kapustin", true},
		{"pseudonym", string(article), "Denis Nikitin", "Denis Kapustin", true},
		{"Ukrainian romanisation of a surname", string(article), "Hladkov", "Vyacheslav Gladkov", true},
		{"place spelling variant", string(article), "Grayvoron", "Graivoron", true},
		{"surname after full name", string(article), "Peskov", "Dmitry Peskov", true},
		{"Zelensky = Zelenskyy", string(article), "Zelensky", "Volodymyr Zelenskyy", true},
		{"International Legion stays itself", string(article), "International Legion", "Free Russia Legion", false},
		{"two groups stay two", string(article), "Russian Volunteer Corps", "Free Russia Legion", false},
		{"acronym before its definition", "KR (Kraken Regiment) fighters advanced on Monday. KR said so.", "KR", "Kraken Regiment", true},
		{"acronym by initials", "The Russian Volunteers Union crossed the border on Monday. The RVU said it.", "RVU", "Russian Volunteers Union", true},
		{"short form without the group's head", "Fighters of the Sever Group crossed the river on Monday. Sever denied it.", "Sever", "Sever Group", true},
		{"short form without an opening acronym", "PMC Redut fighters crossed the river on Monday. Redut denied it.", "Redut", "PMC Redut", true},
		{"short form before the full name", "Redut denied it on Monday. PMC Redut fighters crossed the river.", "Redut", "PMC Redut", true},
		{"short name in brackets", "The ministry designated Sever Aviation Services FZC (Sever Aviation) on Monday. Sever Aviation denied it.", "Sever Aviation", "Sever Aviation Services FZC", true},
		{"a place in brackets is no short name", "The Sever Group (Moscow) denied it on Monday.", "Moscow", "Sever Group", false},
		{"two long forms of one short form stay two", "Sever fighters crossed the river on Monday. The Sever Group said so. The Sever Company denied it.", "Sever Group", "Sever Company", false},
		{"a place is no short form of a battalion", "The Donetsk Battalion shelled the village on Monday. Donetsk was quiet.", "Donetsk", "Donetsk Battalion", false},
		{"a person is no short form of a battalion", "The Dzhokhar Dudayev Battalion crossed the river on Monday. Dzhokhar Dudayev died in 1996.", "Dzhokhar Dudayev", "Dzhokhar Dudayev Battalion", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := analyzeText(t, tt.text)
			ea, eb := entityNamed(a, tt.a), entityNamed(a, tt.b)
			if ea == nil || eb == nil {
				t.Fatalf("no entity named %q or %q; entities:%s", tt.a, tt.b, describeEntities(a))
			}
			if same := ea.ID == eb.ID; same != tt.same {
				t.Errorf("%q and %q one entity = %v, want %v; entities:%s", tt.a, tt.b, same, tt.same, describeEntities(a))
			}
		})
	}
}
