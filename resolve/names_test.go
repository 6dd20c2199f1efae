package resolve

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/muster-osint/muster"
)

func TestCleanName(t *testing.T) {
	tests := []struct {
		name string
		in   string
		typ  muster.EntityType
		want string
	}{
		{"curly quotes", "“Freedom of Russia” Legion", muster.EntityArmedGroup, "Freedom of Russia Legion"},
		{"unit word before quoted name", `the Legion "Freedom of Russia"`, muster.EntityArmedGroup, "Freedom of Russia Legion"},
		{"guillemets", "Legion «Freedom of Russia»", muster.EntityArmedGroup, "Freedom of Russia Legion"},
		{"apostrophes as quotes", "the Legion 'Freedom of Russia'", muster.EntityArmedGroup, "Freedom of Russia Legion"},
		{"two unit words", `Special Operations Detachment "Azov"`, muster.EntityArmedGroup, "Azov Special Operations Detachment"},
		{"leading article", "The Wagner Group", muster.EntityArmedGroup, "Wagner Group"},
		{"possessive", "Russia's", muster.EntityPlace, "Russia"},
		{"curly possessive", "Kalinouski’s", muster.EntityPerson, "Kalinouski"},
		{"plural possessive", "Ukrainians'", muster.EntityPlace, "Ukrainians"},
		{"possessive inside", "Russia's military", muster.EntityStateForce, "Russia military"},
		{"president", "President Volodymyr Zelensky", muster.EntityPerson, "Volodymyr Zelensky"},
		{"abbreviated rank", "Gen. Valery Gerasimov", muster.EntityPerson, "Valery Gerasimov"},
		{"Col. and surname", "Col. Kapustin", muster.EntityPerson, "Kapustin"},
		{"stacked titles", "Russian President Vladimir Putin", muster.EntityPerson, "Vladimir Putin"},
		{"multi-word title", "Defence Minister Sergei Shoigu", muster.EntityPerson, "Sergei Shoigu"},
		{"Mr", "Mr Putin", muster.EntityPerson, "Putin"},
		{"title alone is kept", "President", muster.EntityPerson, "President"},
		{"titles kept for organisations", "General Staff", muster.EntityOrganization, "General Staff"},
		{"-based prefix", "Washington-based Institute for the Study of War", muster.EntityOrganization, "Institute for the Study of War"},
		{"spaces", "  Free   Russia\nLegion ", muster.EntityArmedGroup, "Free Russia Legion"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CleanName(tt.in, tt.typ); got != tt.want {
				t.Errorf("CleanName(%q, %s) = %q, want %q", tt.in, tt.typ, got, tt.want)
			}
		})
	}
}

func TestAliasKeySameAndDifferent(t *testing.T) {
	same := []struct {
		name string
		a, b string
	}{
		{"quoted legion", `the Legion "Freedom of Russia"`, "Freedom of Russia Legion"},
		{"ministry word order", "Ministry of Defence", "Defence Ministry"},
		{"defence/defense", "Russian Defence Ministry", "Russian Defense Ministry"},
		{"acronym with periods", "U.S.", "US"},
		{"Cyrillic acronym", "РДК", "RDK"},
	}
	for _, tt := range same {
		t.Run(tt.name, func(t *testing.T) {
			if ka, kb := AliasKey(tt.a), AliasKey(tt.b); ka != kb {
				t.Errorf("AliasKey(%q) = %q, AliasKey(%q) = %q, want equal", tt.a, ka, tt.b, kb)
			}
		})
	}
	diff := []struct {
		name string
		a, b string
	}{
		{"Islamic State vs ISKP", "Islamic State", "Islamic State Khorasan Province"},
		{"legion vs brigade", "Free Russia Legion", "International Legion"},
		{"acronym IS vs word is", "IS", "is"},
		{"Free vs Freedom is the table's job", "Free Russia Legion", "Freedom of Russia Legion"},
		{"ministry of foreign affairs of X is not reordered", "Ministry of Foreign Affairs of Belarus", "Belarus Foreign Affairs Ministry"},
	}
	for _, tt := range diff {
		t.Run(tt.name, func(t *testing.T) {
			if ka, kb := AliasKey(tt.a), AliasKey(tt.b); ka == kb {
				t.Errorf("AliasKey(%q) = AliasKey(%q) = %q, want different", tt.a, tt.b, ka)
			}
		})
	}
}

func TestSurname(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Denis Kapustin", "Kapustin"},
		{"Kapustin", ""},
		{"Martin Luther King Jr.", "King"},
		{"Vladimir Vladimirovich Putin", "Putin"},
	}
	for _, tt := range tests {
		if got := Surname(tt.in); got != tt.want {
			t.Errorf("Surname(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzNames(f *testing.F) {
	for _, s := range []string{`the Legion "Freedom of Russia"`, "Mr Putin's", "'", "''s", "“”", "President", "Ministry of of", "a-based", "\xff's", "Гладков’s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if len(s) > 500 {
			return
		}
		for _, typ := range []muster.EntityType{muster.EntityPerson, muster.EntityArmedGroup, ""} {
			c := CleanName(s, typ)
			if c != strings.Join(strings.Fields(c), " ") {
				t.Errorf("CleanName(%q) = %q: not space-normalised", s, c)
			}
			if utf8.ValidString(s) && !utf8.ValidString(c) {
				t.Errorf("CleanName(%q) = %q: invalid UTF-8", s, c)
			}
			_ = AliasKey(c)
			_ = OrderKey(c)
			_ = Initials(c)
			_ = Surname(c)
		}
	})
}
